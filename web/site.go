package web

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// handler renders one response; keep says whether it may be cached.
type handler func(r *http.Request) (res *httpcache.Response, keep bool, err error)

// site serves a handler through the cache, under the key that key gives
// (nil or "": not cached), and answers errors with a Dutch page. A response
// is kept in the scope of the organisation its {org} segment names, so
// that a write of another organisation leaves it; without one, in the
// whole site's, which any write changes. A response kept under its
// request's path is labelled with its route, so that Front can serve it
// by path alone.
func (s *Server) site(key func(*http.Request) string, h handler) http.HandlerFunc {
	return s.cached(key, false, h)
}

// siteShared is site for pages that also show what every organisation's
// pages show (benchmark figures, other organisations' names): a write of
// that changes them too.
func (s *Server) siteShared(key func(*http.Request) string, h handler) http.HandlerFunc {
	return s.cached(key, true, h)
}

func (s *Server) cached(key func(*http.Request) string, shared bool, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		k := ""
		if key != nil {
			k = key(r)
		}
		scope := httpcache.Scope{Org: r.PathValue("org"), Shared: shared}
		res, err := s.cache.Get(r.Context(), k, scope, func(ctx context.Context) (*httpcache.Response, bool, error) {
			rr := r.WithContext(ctx)
			res, keep, err := h(rr)
			if res != nil && keep && k == r.URL.EscapedPath() {
				res.Route = httpx.Route(rr)
			}
			return res, keep, err
		})
		if err != nil {
			if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
				// The reader left while the page rendered; others may be
				// waiting for it still. 499 is nginx's code for this.
				w.WriteHeader(499)
				return
			}
			s.fail(w, r, err)
			return
		}
		if res.Route != "" {
			httpx.SetRoute(r, res.Route) // a hit: the render named the kind
		}
		s.personalise(r, res).Write(w, r)
	}
}

// Front serves a cached page by its path alone, ahead of routing: the hot
// path of a busy site. It answers only what the routed request would be
// answered with from the cache too: a GET or HEAD without a query (a
// query may change the cache key) and without cookies (a selection
// cookie personalises a page) of a response kept under its path. It
// returns the route label it served under, or "" when the request must be
// routed.
func (s *Server) Front(w http.ResponseWriter, r *http.Request) string {
	if r.URL.RawQuery != "" || r.URL.ForceQuery || len(r.Header["Cookie"]) > 0 {
		return ""
	}
	// Every response kept under a bare path is the site's and carries its
	// route (see cached); the API prefixes its keys.
	res := s.cache.Lookup(r.Context(), r.URL.EscapedPath())
	if res == nil || res.Route == "" {
		return ""
	}
	res.Write(w, r)
	return res.Route
}

// redirect is an error that sends the client elsewhere on the site.
type redirect struct {
	to     string // a local, escaped path (httpx.PathOf)
	status int
}

func (e redirect) Error() string { return "redirect to " + e.to }

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if rd, ok := err.(redirect); ok {
		httpx.Redirect(w, r, rd.to, "/", rd.status)
		return
	}
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		s.notFoundDetail(w, r, koers.ErrorMessage(err))
		return
	}
	s.logError(r, err)
	httpx.RetryAfter(w, err) // busy: when to try again
	status := httpx.Status(err)
	res, rerr := s.tmpl.html(status, "notfound", notFoundPage{
		layout:  layout{Title: "Er ging iets mis"},
		Heading: "Er ging iets mis",
		Message: koers.ErrorMessage(err),
	})
	if rerr != nil {
		s.log.Error("render error page", "err", rerr)
		httpx.Plain(w, status, koers.ErrorMessage(err))
		return
	}
	res.Write(w, r)
}

// notFound answers with the Dutch 404 page, offering the navigation of the
// organisation or document the URL points into.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.notFoundDetail(w, r, "")
}

// notFoundDetail is the 404 page with what exactly was not found.
func (s *Server) notFoundDetail(w http.ResponseWriter, r *http.Request, detail string) {
	ctx := r.Context()
	data := notFoundPage{
		layout:  layout{Title: "Pagina niet gevonden"},
		Heading: "Pagina niet gevonden",
		Message: strings.TrimSpace("De pagina die u zoekt bestaat niet (meer). " + detail),
	}
	segs := segments(r.URL.Path)
	var org *koers.Organisation
	if len(segs) > 0 {
		org, _ = s.pub.OrganisationBySlug(ctx, segs[0])
	}
	if org != nil {
		data.layout = s.orgLayout(org)
		data.Title = "Pagina niet gevonden"
		var doc *koers.Document
		if len(segs) > 1 {
			doc, _ = s.pub.DocumentBySlug(ctx, org.ID, segs[1])
		}
		if doc != nil {
			data.layout = s.docLayout(org, doc, 0)
			data.Title = "Pagina niet gevonden"
			data.Links = append(data.Links, link{Title: doc.Title, URL: urls.Document(org, doc)})
			for _, p := range doc.Pages {
				data.Links = append(data.Links, link{Title: p.Title, URL: urls.Page(org, doc, p)})
			}
		} else if docs, err := s.pub.Documents(ctx, koers.DocumentFilter{OrganisationID: org.ID}); err == nil {
			for _, d := range docs {
				data.Links = append(data.Links, link{Title: d.Title, URL: urls.Document(org, d)})
			}
		}
	} else if orgs, err := s.pub.Organisations(ctx); err == nil {
		for _, o := range orgs {
			data.Links = append(data.Links, link{Title: o.Name, URL: urls.Organisation(o)})
		}
	}
	res, err := s.tmpl.html(http.StatusNotFound, "notfound", data)
	if err != nil {
		s.log.Error("render 404", "err", err)
		httpx.Plain(w, http.StatusNotFound, "Pagina niet gevonden")
		return
	}
	res.Write(w, r)
}

func segments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func (s *Server) orgLayout(org *koers.Organisation) layout {
	return layout{Title: org.Name, Org: org, OrgURL: urls.Organisation(org)}
}

// docLayout is the layout of a document's pages: the document's tree as
// side navigation, opened along the way to the current page.
func (s *Server) docLayout(org *koers.Organisation, doc *koers.Document, current int64) layout {
	l := s.orgLayout(org)
	l.Doc, l.DocURL, l.Title = doc, urls.Document(org, doc), doc.Title
	l.NavLabel = "Inhoud van " + doc.Title
	if !versionsShadowed(doc) {
		l.VersionsURL = versionsURL(org, doc)
	}
	open := map[int64]bool{}
	for _, p := range doc.Trail(current) {
		open[p.ID] = true
	}
	var build func(pages []*koers.Page) []navItem
	build = func(pages []*koers.Page) []navItem {
		var items []navItem
		for _, p := range pages {
			item := navItem{Title: p.Title, URL: urls.Page(org, doc, p), Current: p.ID == current}
			if open[p.ID] {
				item.Children = build(p.Children)
			}
			items = append(items, item)
		}
		return items
	}
	l.Nav = build(doc.Pages)
	return l
}

// tree is a document's whole page tree as links.
func tree(org *koers.Organisation, doc *koers.Document, pages []*koers.Page) []navItem {
	var items []navItem
	for _, p := range pages {
		items = append(items, navItem{Title: p.Title, URL: urls.Page(org, doc, p), Children: tree(org, doc, p.Children)})
	}
	return items
}

// home lists the organisations, or sends the reader to the only one: with
// 302, which browsers do not keep, since a second may come.
func (s *Server) home(r *http.Request) (*httpcache.Response, bool, error) {
	orgs, err := s.pub.Organisations(r.Context())
	if err != nil {
		return nil, false, err
	}
	if len(orgs) == 1 {
		to, _ := httpx.PathOf(orgs[0].Slug)
		return nil, false, redirect{to, http.StatusFound}
	}
	data := homePage{layout: layout{Title: "Publicaties"}}
	for _, o := range orgs {
		data.Organisations = append(data.Organisations, orgLink{Name: o.Name, URL: urls.Organisation(o)})
	}
	res, err := s.tmpl.html(http.StatusOK, "home", data)
	return res, true, err
}

// orgSlash sends /{org}/ to /{org}.
func (s *Server) orgSlash(w http.ResponseWriter, r *http.Request) {
	to, ok := httpx.PathOf(r.PathValue("org"))
	if !ok {
		s.notFound(w, r)
		return
	}
	httpx.Redirect(w, r, to, "/", http.StatusMovedPermanently)
}

// org reads the organisation the address names.
func (s *Server) org(r *http.Request) (*koers.Organisation, error) {
	return s.pub.OrganisationBySlug(r.Context(), r.PathValue("org"))
}

func (s *Server) organisation(r *http.Request) (*httpcache.Response, bool, error) {
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	docs, err := s.pub.Documents(r.Context(), koers.DocumentFilter{OrganisationID: org.ID})
	if err != nil {
		return nil, false, err
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Less(docs[j]) })
	data := organisationPage{layout: s.orgLayout(org)}
	for _, d := range docs {
		if n := len(data.Years); n == 0 || data.Years[n-1].Year != d.Year {
			data.Years = append(data.Years, yearGroup{Year: d.Year})
		}
		g := &data.Years[len(data.Years)-1]
		g.Documents = append(g.Documents, docLink{Title: d.Title, Kind: d.Kind.Label(), URL: urls.Document(org, d)})
	}
	res, err := s.tmpl.html(http.StatusOK, "organisation", data)
	return res, true, err
}

// content serves /{org}/{doc} and /{org}/{doc}/{path...}, as parseContent
// reads them.
func (s *Server) content(r *http.Request) (*httpcache.Response, bool, error) {
	escaped := r.URL.EscapedPath()
	parts := strings.SplitN(strings.TrimPrefix(escaped, "/"), "/", 2)
	if len(parts) != 2 {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	t, ok := parseContent(parts[1])
	if !ok {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	httpx.SetRoute(r, t.label())
	if t.kind == canonical {
		to, ok := httpx.PathOf(append([]string{r.PathValue("org")}, t.segs...)...)
		if !ok {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "")
		}
		return nil, false, redirect{to, http.StatusMovedPermanently}
	}
	if t.kind == sitemapFile {
		return s.orgSitemap(r, t.part)
	}
	ctx := r.Context()
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	doc, err := s.pub.DocumentBySlug(ctx, org.ID, t.doc)
	if err != nil {
		return nil, false, err
	}
	if isVersionKind(t.kind) && versionsShadowed(doc) {
		t.kind = pageHTML
		httpx.SetRoute(r, t.label())
	}
	if (t.kind == taakvelden || t.kind == taakveldenPDF) && overviewShadowed(doc) {
		t.kind, t.page = map[contentKind]contentKind{taakvelden: pageHTML, taakveldenPDF: pagePDF}[t.kind], overviewSlug
		httpx.SetRoute(r, t.label())
	}
	switch t.kind {
	case documentIndex:
		data := documentPage{layout: s.docLayout(org, doc, 0), KindLabel: doc.Kind.Label(), Tree: tree(org, doc, doc.Pages),
			PDFURL: urls.Document(org, doc) + ".pdf", FullURL: urls.Document(org, doc) + ".html"}
		data.Nav = nil // the tree is the page itself
		if data.OverviewURL, err = s.overviewLink(ctx, org, doc); err != nil {
			return nil, false, err
		}
		res, err := s.tmpl.html(http.StatusOK, "document", data)
		return res, true, err
	case wholeDocument:
		return s.fullDocument(ctx, org, doc)
	case documentPDF:
		res, err := s.documentPDF(ctx, org, doc)
		return res, err == nil, err
	case fiscalData:
		return s.fiscalPackage(ctx, org, doc)
	case taakvelden:
		return s.overview(ctx, org, doc)
	case taakveldenPDF:
		res, err := s.overviewPDF(ctx, org, doc)
		return res, err == nil, err
	case taakveldenData:
		return s.overviewData(ctx, doc, t.format)
	case versionList:
		return s.versions(ctx, org, doc)
	case versionIndex, versionPage:
		if t.version == 0 {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "Deze versie bestaat niet.")
		}
		return s.version(ctx, org, doc, t.version, t.versionPath)
	case versionChanges:
		if t.version == 0 {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "Deze versie bestaat niet.")
		}
		return s.changes(ctx, org, doc, t.version, r.URL.Query()["met"])
	}
	page, err := s.pub.PageByPath(ctx, doc.ID, t.page)
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		return nil, false, s.moved(ctx, org, doc, t, err)
	} else if err != nil {
		return nil, false, err
	}
	switch {
	case t.kind == pagePDF:
		res, err := s.pagePDF(ctx, org, doc, page)
		return res, err == nil, err
	case t.table == "indicatoren":
		return pageIndicatorData(page, t.format)
	case t.table == "afwijkingen":
		return pageDeviationData(org, page, t.format)
	case isFinanceTable(t.table):
		return pageFinanceData(page, doc.Year, t.table, t.format)
	}
	var pl *plan
	if koers.ReportsOnPlan(doc, page) {
		placed, err := s.pub.PlanOf(ctx, page.ID)
		if err != nil {
			return nil, false, err
		}
		if placed != nil {
			pl = &plan{url: urls.Page(placed.Organisation, placed.Document, placed.Page), page: placed.Page}
		}
	}
	data := s.contentPage(org, doc, page, pl, true)
	res, err := s.tmpl.html(http.StatusOK, "page", data)
	if res != nil {
		res.Meta = data.PDF
	}
	return res, true, err
}

// moved answers the address of a page that a published draft renamed or
// moved: a permanent redirect to where it is now, with what the address
// asked of it (its PDF, its tables). Without a redirect it returns
// notFound.
func (s *Server) moved(ctx context.Context, org *koers.Organisation, doc *koers.Document, t contentTarget, notFound error) error {
	to, err := s.pub.Redirect(ctx, doc.ID, t.page)
	if err != nil {
		return err
	}
	if to == "" {
		return notFound
	}
	segs := append([]string{org.Slug, doc.Slug}, strings.Split(to, "/")...)
	target, ok := httpx.PathOf(segs...)
	if !ok {
		return notFound
	}
	switch {
	case t.kind == pagePDF:
		target += ".pdf"
	case t.kind == pageTable:
		target += "/" + t.table + "." + t.format
	}
	return redirect{target, http.StatusMovedPermanently}
}

// contentPage is what a page of a document shows, with the plan it
// reports on (nil: none); openData says whether its tables link to themselves
// as open data (only a published page's are served).
func (s *Server) contentPage(org *koers.Organisation, doc *koers.Document, page *koers.Page, pl *plan, openData bool) contentPage {
	vw := &viewer{org: org, doc: doc, plan: pl, noData: !openData}
	data := contentPage{layout: s.docLayout(org, doc, page.ID), Page: page, Blocks: vw.blockViews(page)}
	data.Title = page.Title + " | " + doc.Title
	data.Crumbs = append(data.Crumbs, crumb{Label: "Home", Full: "Home", URL: urls.Document(org, doc)})
	for _, p := range doc.Trail(page.ID) {
		c := crumb{Label: p.Title, Full: p.Title, URL: urls.Page(org, doc, p), Current: p.ID == page.ID}
		if !c.Current {
			c.Label = shorten(p.Title)
		}
		data.Crumbs = append(data.Crumbs, c)
	}
	// CycleOf's rule, on the tree's node, which knows the page's children:
	// the view the link points to exists.
	if node := doc.FindPage(page.Path); node != nil && node.HasContentHint() && page.HasContent() {
		data.Cycle = &link{Title: "Bekijk " + page.Number + " door de cyclus van " + strconv.Itoa(doc.Year),
			URL: urls.Cycle(org, page.Number, doc.Year)}
	}
	if node := doc.FindPage(page.Path); node != nil && !page.HasContent() {
		data.Children = tree(org, doc, node.Children)
	}
	if page.HasContent() {
		u := urls.Page(org, doc, page)
		data.PDF = &pdfControls{PageID: page.ID, Title: page.Title, Back: u, PDFURL: u + ".pdf"}
	}
	return data
}

// fullDocument shows every page of a document on one page, in tree order.
func (s *Server) fullDocument(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*httpcache.Response, bool, error) {
	full, err := s.pub.Document(ctx, doc.ID, true)
	if err != nil {
		return nil, false, err
	}
	data := fullPage{layout: s.orgLayout(org), KindLabel: full.Kind.Label(), PDFURL: urls.Document(org, full) + ".pdf"}
	data.Doc, data.DocURL, data.Title = full, urls.Document(org, full), full.Title+" (volledig)"
	if len(fiscalRows(full)) > 0 {
		data.FiscalURL = urls.Document(org, full) + fiscalSuffix
		if !overviewShadowed(full) {
			data.OverviewURL = overviewURL(org, full)
		}
	}
	vw := &viewer{org: org, doc: full, sub: true}
	_ = full.Walk(func(p *koers.Page) error {
		data.Sections = append(data.Sections, fullSection{ID: "pagina-" + strconv.FormatInt(p.ID, 10), Title: p.Title,
			URL: urls.Page(org, full, p), Blocks: vw.blockViews(p)})
		return nil
	})
	res, err := s.tmpl.html(http.StatusOK, "full", data)
	return res, true, err
}

// logo serves an organisation's SVG logo. It is shown through <img>, where
// SVG cannot run scripts; the policy keeps it inert when opened directly.
func (s *Server) logo(r *http.Request) (*httpcache.Response, bool, error) {
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	if org.Theme.Logo == "" {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "%s heeft geen logo.", org.Name)
	}
	res := httpcache.New(http.StatusOK, "image/svg+xml", []byte(org.Theme.Logo))
	res.Policy = "default-src 'none'; style-src 'unsafe-inline'"
	return res, true, nil
}
