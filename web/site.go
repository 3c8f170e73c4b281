package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// handler renders one response; keep says whether it may be cached.
type handler func(r *http.Request) (res *response, keep bool, err error)

// site serves a handler through the cache and answers errors with a Dutch
// page.
func (s *Server) site(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		render := func() (*response, bool, error) { return h(r) }
		var res *response
		var err error
		if key := s.cacheKey(r); key != "" {
			res, err = s.cache.get(r.Context(), key, render)
		} else {
			res, _, err = render()
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.personalise(r, res).write(w, r)
	}
}

// cacheKey is what a response is cached under: its path, with what else it
// depends on; "" when it must not be cached.
func (s *Server) cacheKey(r *http.Request) string {
	switch r.URL.Path {
	case "/sitemap.xml":
		if s.baseURL == "" {
			return r.Host + r.URL.Path // absolute URLs depend on the host
		}
	case "/pdf":
		return pdfKey(r)
	case "/zoeken":
		return "" // one per query: not worth keeping
	}
	return r.URL.Path
}

// redirect is an error that sends the client elsewhere.
type redirect struct{ to string }

func (e redirect) Error() string { return "redirect to " + e.to }

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if rd, ok := err.(redirect); ok {
		http.Redirect(w, r, rd.to, http.StatusMovedPermanently)
		return
	}
	if koers.ErrorCode(err) == koers.ENOTFOUND {
		s.notFoundDetail(w, r, koers.ErrorMessage(err))
		return
	}
	s.logError(r, err)
	status := statusOf(err)
	res, rerr := s.tmpl.html(status, "notfound", notFoundPage{
		layout:  layout{Title: "Er ging iets mis"},
		Heading: "Er ging iets mis",
		Message: koers.ErrorMessage(err),
	})
	if rerr != nil {
		s.log.Error("render error page", "err", rerr)
		plain(w, status, koers.ErrorMessage(err))
		return
	}
	res.write(w, r)
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
		org, _ = s.store.OrganisationBySlug(ctx, segs[0])
	}
	if org != nil {
		data.layout = s.orgLayout(org)
		data.Title = "Pagina niet gevonden"
		var doc *koers.Document
		if len(segs) > 1 {
			doc, _ = s.store.DocumentBySlug(ctx, org.ID, segs[1])
		}
		if doc != nil {
			data.layout = s.docLayout(org, doc, 0)
			data.Title = "Pagina niet gevonden"
			data.Links = append(data.Links, link{Title: doc.Title, URL: docURL(org, doc)})
			for _, p := range doc.Pages {
				data.Links = append(data.Links, link{Title: p.Title, URL: pageURL(org, doc, p)})
			}
		} else if docs, err := s.store.Documents(ctx, koers.DocumentFilter{OrganisationID: org.ID}); err == nil {
			for _, d := range docs {
				data.Links = append(data.Links, link{Title: d.Title, URL: docURL(org, d)})
			}
		}
	} else if orgs, err := s.store.Organisations(ctx); err == nil {
		for _, o := range orgs {
			data.Links = append(data.Links, link{Title: o.Name, URL: orgURL(o)})
		}
	}
	res, err := s.tmpl.html(http.StatusNotFound, "notfound", data)
	if err != nil {
		s.log.Error("render 404", "err", err)
		plain(w, http.StatusNotFound, "Pagina niet gevonden")
		return
	}
	res.write(w, r)
}

func segments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func orgURL(o *koers.Organisation) string { return "/" + o.Slug }

func docURL(o *koers.Organisation, d *koers.Document) string { return orgURL(o) + "/" + d.Slug }

func pageURL(o *koers.Organisation, d *koers.Document, p *koers.Page) string {
	return docURL(o, d) + "/" + p.Path
}

func (s *Server) orgLayout(org *koers.Organisation) layout {
	return layout{Title: org.Name, Org: org, OrgURL: orgURL(org)}
}

// docLayout is the layout of a document's pages: the document's tree as
// side navigation, opened along the way to the current page.
func (s *Server) docLayout(org *koers.Organisation, doc *koers.Document, current int64) layout {
	l := s.orgLayout(org)
	l.Doc, l.DocURL, l.Title = doc, docURL(org, doc), doc.Title
	l.NavLabel = "Inhoud van " + doc.Title
	open := map[int64]bool{}
	for _, p := range doc.Trail(current) {
		open[p.ID] = true
	}
	var build func(pages []*koers.Page) []navItem
	build = func(pages []*koers.Page) []navItem {
		var items []navItem
		for _, p := range pages {
			item := navItem{Title: p.Title, URL: pageURL(org, doc, p), Current: p.ID == current}
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
		items = append(items, navItem{Title: p.Title, URL: pageURL(org, doc, p), Children: tree(org, doc, p.Children)})
	}
	return items
}

// home lists the organisations, or goes straight to the only one.
func (s *Server) home(r *http.Request) (*response, bool, error) {
	orgs, err := s.store.Organisations(r.Context())
	if err != nil {
		return nil, false, err
	}
	if len(orgs) == 1 {
		return nil, false, redirect{orgURL(orgs[0])}
	}
	data := homePage{layout: layout{Title: "Publicaties"}}
	for _, o := range orgs {
		data.Organisations = append(data.Organisations, orgLink{Name: o.Name, URL: orgURL(o)})
	}
	res, err := s.tmpl.html(http.StatusOK, "home", data)
	return res, true, err
}

// content routes /{org}, /{org}/{document} and /{org}/{document}/{page path}.
func (s *Server) content(r *http.Request) (*response, bool, error) {
	if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
		return nil, false, redirect{strings.TrimRight(p, "/")}
	}
	segs := segments(r.URL.Path)
	for i, seg := range segs {
		if u, err := url.PathUnescape(seg); err == nil {
			segs[i] = u
		}
	}
	ctx := r.Context()
	org, err := s.store.OrganisationBySlug(ctx, segs[0])
	if err != nil {
		return nil, false, err
	}
	if len(segs) == 1 {
		return s.organisation(r, org)
	}
	switch segs[1] {
	case "logo.svg":
		if len(segs) == 2 {
			return logo(org)
		}
	case "indicatoren":
		return s.indicators(ctx, org, segs[2:])
	case "cyclus":
		return s.cycle(ctx, org, segs[2:])
	}
	docSlug, wholePDF := strings.CutSuffix(segs[1], ".pdf")
	docSlug, whole := strings.CutSuffix(docSlug, ".html")
	doc, err := s.store.DocumentBySlug(ctx, org.ID, docSlug)
	if err != nil {
		return nil, false, err
	}
	if whole && !wholePDF && len(segs) == 2 {
		return s.fullDocument(ctx, org, doc)
	}
	if wholePDF {
		if len(segs) > 2 {
			return nil, false, koers.Errorf(koers.ENOTFOUND, "")
		}
		res, err := s.documentPDF(ctx, org, doc)
		return res, err == nil, err
	}
	if len(segs) == 2 {
		data := documentPage{layout: s.docLayout(org, doc, 0), KindLabel: doc.Kind.Label(), Tree: tree(org, doc, doc.Pages),
			PDFURL: docURL(org, doc) + ".pdf", FullURL: docURL(org, doc) + ".html"}
		data.Nav = nil // the tree is the page itself
		res, err := s.tmpl.html(http.StatusOK, "document", data)
		return res, true, err
	}
	pagePath, pagePDF := strings.CutSuffix(strings.Join(segs[2:], "/"), ".pdf")
	// A page's tables as open data: {page}/indicatoren.csv, afwijkingen.json.
	var table, format string
	if i := strings.LastIndex(pagePath, "/"); i > 0 && !pagePDF {
		if name, f := splitFormat(pagePath[i+1:]); f != "" && (name == "indicatoren" || name == "afwijkingen") {
			table, format, pagePath = name, f, pagePath[:i]
		}
	}
	page, err := s.store.PageByPath(ctx, doc.ID, pagePath)
	if err != nil {
		return nil, false, err
	}
	switch {
	case pagePDF:
		res, err := s.pagePDF(org, doc, page)
		return res, err == nil, err
	case table == "indicatoren":
		return pageIndicatorData(page, format)
	case table == "afwijkingen":
		return pageDeviationData(page, format)
	}
	pl, err := s.planOf(ctx, org, doc, page)
	if err != nil {
		return nil, false, err
	}
	vw := &viewer{org: org, doc: doc, plan: pl}
	data := contentPage{layout: s.docLayout(org, doc, page.ID), Page: page, Blocks: vw.blockViews(page)}
	data.Title = page.Title + " | " + doc.Title
	data.Crumbs = append(data.Crumbs, crumb{Label: "Home", Full: "Home", URL: docURL(org, doc)})
	for _, p := range doc.Trail(page.ID) {
		c := crumb{Label: p.Title, Full: p.Title, URL: pageURL(org, doc, p), Current: p.ID == page.ID}
		if !c.Current {
			c.Label = shorten(p.Title)
		}
		data.Crumbs = append(data.Crumbs, c)
	}
	if page.Number != "" && page.HasContent() {
		data.Cycle = &link{Title: "Bekijk " + page.Number + " door de cyclus van " + strconv.Itoa(doc.Year),
			URL: orgURL(org) + "/cyclus/" + strings.ToLower(page.Number) + "/" + strconv.Itoa(doc.Year)}
	}
	if node := doc.FindPage(page.Path); node != nil && !page.HasContent() {
		data.Children = tree(org, doc, node.Children)
	}
	if page.HasContent() {
		u := pageURL(org, doc, page)
		data.PDF = &pdfControls{PageID: page.ID, Title: page.Title, Back: u, PDFURL: u + ".pdf"}
	}
	res, err := s.tmpl.html(http.StatusOK, "page", data)
	if res != nil {
		res.controls = data.PDF
	}
	return res, true, err
}

func (s *Server) organisation(r *http.Request, org *koers.Organisation) (*response, bool, error) {
	docs, err := s.store.Documents(r.Context(), koers.DocumentFilter{OrganisationID: org.ID})
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
		g.Documents = append(g.Documents, docLink{Title: d.Title, Kind: d.Kind.Label(), URL: docURL(org, d)})
	}
	res, err := s.tmpl.html(http.StatusOK, "organisation", data)
	return res, true, err
}

// fullDocument shows every page of a document on one page, in tree order.
func (s *Server) fullDocument(ctx context.Context, org *koers.Organisation, doc *koers.Document) (*response, bool, error) {
	full, err := s.store.Document(ctx, doc.ID, true)
	if err != nil {
		return nil, false, err
	}
	data := fullPage{layout: s.orgLayout(org), KindLabel: full.Kind.Label(), PDFURL: docURL(org, full) + ".pdf"}
	data.Doc, data.DocURL, data.Title = full, docURL(org, full), full.Title+" (volledig)"
	vw := &viewer{org: org, doc: full, sub: true}
	_ = full.Walk(func(p *koers.Page) error {
		data.Sections = append(data.Sections, fullSection{ID: "pagina-" + strconv.FormatInt(p.ID, 10), Title: p.Title,
			URL: pageURL(org, full, p), Blocks: vw.blockViews(p)})
		return nil
	})
	res, err := s.tmpl.html(http.StatusOK, "full", data)
	return res, true, err
}

// logo serves an organisation's SVG logo. It is shown through <img>, where
// SVG cannot run scripts; the policy keeps it inert when opened directly.
func logo(org *koers.Organisation) (*response, bool, error) {
	if org.Theme.Logo == "" {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "%s heeft geen logo.", org.Name)
	}
	res := newResponse(http.StatusOK, "image/svg+xml", []byte(org.Theme.Logo))
	res.policy = "default-src 'none'; style-src 'unsafe-inline'"
	return res, true, nil
}

// planOf finds the begroting page a page's deviations refer to: the
// begroting of the same year, its page with the same programme number.
func (s *Server) planOf(ctx context.Context, org *koers.Organisation, doc *koers.Document, page *koers.Page) (*plan, error) {
	has := false
	for _, b := range page.Blocks {
		has = has || b.Type == koers.DeviationsBlock
	}
	if !has || page.Number == "" || doc.Kind == koers.Begroting {
		return nil, nil
	}
	docs, err := s.store.Documents(ctx, koers.DocumentFilter{OrganisationID: org.ID})
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if d.Kind != koers.Begroting || d.Year != doc.Year {
			continue
		}
		tree, err := s.store.Document(ctx, d.ID, false)
		if err != nil {
			return nil, err
		}
		var found *koers.Page
		_ = tree.Walk(func(p *koers.Page) error {
			if found == nil && strings.EqualFold(p.Number, page.Number) {
				found = p
			}
			return nil
		})
		if found == nil {
			continue
		}
		full, err := s.store.Page(ctx, found.ID)
		if err != nil {
			return nil, err
		}
		return &plan{url: pageURL(org, tree, full), page: full}, nil
	}
	return nil, nil
}
