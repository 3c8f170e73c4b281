package admin

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

// documentRoutes are the life of a document: a new one, a draft of a
// published one, publishing, withdrawing and restoring.
func (s *Server) documentRoutes() []route {
	return []route{
		{"GET /beheer/{org}/nieuw", Org, koers.EditDrafts, s.newDocumentForm},
		{"POST /beheer/{org}/nieuw", Org, koers.EditDrafts, s.newDocument},
		{"POST /beheer/{org}/upload", Org, koers.EditDrafts, s.upload},
		{"POST /beheer/{org}/documenten/{doc}/concept", Org, koers.EditDrafts, s.startDraft},
		{"POST /beheer/{org}/documenten/{doc}/volgend", Org, koers.EditDrafts, s.rollForward},
		{"POST /beheer/{org}/documenten/{doc}/intrekken", Org, koers.PublishDocuments, s.withdraw},
		{"GET /beheer/{org}/versies/{slug}", Org, koers.SeeBackOffice, s.versions},
		{"POST /beheer/{org}/versies/{slug}/{id}/herstellen", Org, koers.EditDrafts, s.restore},
		{"GET /beheer/{org}/concepten/{draft}", Org, koers.SeeBackOffice, s.draft},
		{"POST /beheer/{org}/concepten/{draft}/eigenschappen", Org, koers.EditDrafts, s.draftProperties},
		{"POST /beheer/{org}/concepten/{draft}/publiceren", Org, koers.PublishDocuments, s.publish},
		{"POST /beheer/{org}/concepten/{draft}/verwijderen", Org, koers.EditDrafts, s.discard},
		{"GET /beheer/{org}/concepten/{draft}/voorbeeld", Org, koers.SeeBackOffice, s.preview},
		{"GET /beheer/{org}/concepten/{draft}/voorbeeld/{path...}", Org, koers.SeeBackOffice, s.preview},
	}
}

// newDocumentPage starts a document: empty, or from a bundle.
type newDocumentPage struct {
	layout
	Kinds  []koers.DocumentKind
	Values map[string]string
	Form   form // the empty document's
	Upload form // the bundle's
}

func (s *Server) newDocumentForm(w http.ResponseWriter, r *request) error {
	data := &newDocumentPage{Kinds: koers.DocumentKinds, Values: map[string]string{"kind": string(koers.Begroting)}}
	s.renderNew(w, r, http.StatusOK, data)
	return nil
}

func (s *Server) renderNew(w http.ResponseWriter, r *request, status int, data *newDocumentPage) {
	data.Title, data.Section = "Nieuw document", "documenten"
	data.Kinds = koers.DocumentKinds
	data.Crumbs = []crumb{{"Beheer", "/beheer"}, {r.org.Name, orgURL(r.org)}, {"Nieuw document", ""}}
	s.render(w, r, status, "new", data)
}

// newDocument starts a draft of an empty document with its properties.
func (s *Server) newDocument(w http.ResponseWriter, r *request) error {
	values := formValues(r, "kind", "year", "sequence", "title", "slug")
	data := &newDocumentPage{Values: values}
	doc := &koers.Document{}
	documentFields(&data.Form, values, doc)
	if doc.Slug == "" && doc.Kind.Valid() && doc.Year != 0 {
		doc.Slug = doc.DefaultSlug()
	}
	if !data.Form.failed() {
		d := koers.NewDraft(r.org.ID, doc, false)
		err := s.store.StartDraft(r.Context(), d, koers.DraftChange{Action: koers.AuditDraftStart, After: doc.Title})
		if err == nil {
			return s.seeOther(w, r, draftURL(r.org, d.ID), "Het concept is aangemaakt.")
		}
		if !formProblems(&data.Form, err, documentFieldOf) {
			return err
		}
	}
	s.renderNew(w, r, http.StatusUnprocessableEntity, data)
	return nil
}

// maxBundle bounds an uploaded bundle.
const maxBundle = 32 << 20

// maxBundleProblems bounds the problems of a bundle the page lists.
const maxBundleProblems = 50

// upload starts a draft of a new document from a bundle: checked as
// `koers check` does, its problems shown with their places.
func (s *Server) upload(w http.ResponseWriter, r *request) error {
	data := &newDocumentPage{Values: map[string]string{"kind": string(koers.Begroting)}}
	fail := func(msg string) error {
		data.Upload.add("bundel", msg)
		s.renderNew(w, r, http.StatusUnprocessableEntity, data)
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBundle+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		return fail("Kies een bundel (een JSON-bestand) van hoogstens 32 MB.")
	}
	f, hdr, err := r.FormFile("bundel")
	if err != nil {
		return fail("Kies een bundel (een JSON-bestand) om te uploaden.")
	}
	defer f.Close()
	b, err := bundle.Read(hdr.Filename, f)
	if err != nil {
		var be *bundle.Error
		if !errors.As(err, &be) {
			return fail("De bundel kon niet worden gelezen: " + koers.ErrorMessage(err))
		}
		// The problems as koers check names them: file, line, column and
		// the place in the bundle.
		for i, p := range be.Problems {
			if i == maxBundleProblems {
				data.Upload.Summary = append(data.Upload.Summary, problem{Message: fmt.Sprintf("… en nog %d problemen.", len(be.Problems)-i)})
				break
			}
			ptr := p.Pointer
			if ptr == "" {
				ptr = "/"
			}
			data.Upload.Summary = append(data.Upload.Summary, problem{Message: fmt.Sprintf("%s:%d:%d: %s: %s", be.File, p.Line, p.Column, ptr, p.Message)})
		}
		data.Upload.Fields = map[string]string{"bundel": fmt.Sprintf("De bundel voldoet niet aan het formaat (%d %s); de lijst bovenaan noemt elke plaats in het bestand.",
			len(be.Problems), map[bool]string{true: "probleem", false: "problemen"}[len(be.Problems) == 1])}
		s.renderNew(w, r, http.StatusUnprocessableEntity, data)
		return nil
	}
	org, doc := b.Domain()
	if org.Slug != r.org.Slug {
		return fail("Deze bundel is van de organisatie " + strconv.Quote(org.Slug) + ", niet van " + r.org.Name + ".")
	}
	// A bundle of a published document becomes that document's draft: a
	// new version of it, published only when someone publishes it.
	published, err := s.store.DocumentBySlug(r.Context(), r.org.ID, doc.Slug)
	switch {
	case err == nil:
		if d, err := s.store.DraftOf(r.Context(), published.ID); err != nil {
			return err
		} else if d != nil {
			return fail("“" + published.Title + "” heeft al een concept. Publiceer of verwijder dat eerst, en upload de bundel dan opnieuw.")
		}
		doc.ID, doc.UpdatedAt = published.ID, published.UpdatedAt
	case koers.ErrorCode(err) != koers.ENOTFOUND:
		return err
	}
	d := koers.NewDraft(r.org.ID, doc, published != nil)
	err = s.store.StartDraft(r.Context(), d, koers.DraftChange{Action: koers.AuditUpload, After: hdr.Filename})
	if err != nil {
		if koers.ErrorCode(err) == koers.EINTERNAL {
			return err
		}
		return fail(koers.ErrorMessage(err))
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID), "De bundel is gelezen en staat klaar als concept.")
}

// startDraft starts a draft of a published document, or opens the one it
// has.
func (s *Server) startDraft(w http.ResponseWriter, r *request) error {
	ctx := r.Context()
	doc, err := s.store.DocumentBySlug(ctx, r.org.ID, r.PathValue("doc"))
	if err != nil {
		return err
	}
	if d, err := s.store.DraftOf(ctx, doc.ID); err != nil {
		return err
	} else if d != nil {
		return s.seeOther(w, r, draftURL(r.org, d.ID), "")
	}
	full, err := s.store.Document(ctx, doc.ID, true)
	if err != nil {
		return err
	}
	d := koers.NewDraft(r.org.ID, full, true)
	if err := s.store.StartDraft(ctx, d, koers.DraftChange{Action: koers.AuditDraftStart, After: full.Title}); err != nil {
		return err
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID), "Het concept is aangemaakt. Wat u wijzigt, ziet niemand tot het wordt gepubliceerd.")
}

// draftID is the draft of the route.
func draftID(r *request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("draft"), 10, 64)
	if err != nil {
		return 0, errNoDraft
	}
	return id, nil
}

// errNoDraft answers a draft that does not exist or is another
// organisation's.
var errNoDraft = koers.Errorf(koers.ENOTFOUND, "Dit concept bestaat niet.")

// loadDraft reads the draft of the route, which must be the organisation's.
func (s *Server) loadDraft(r *request) (*koers.Draft, error) {
	id, err := draftID(r)
	if err != nil {
		return nil, err
	}
	d, err := s.store.Draft(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if d.OrganisationID != r.org.ID {
		return nil, errNoDraft
	}
	return d, nil
}

// changeDraft changes the draft of the route, which must be the
// organisation's, in one transaction of the store: the draft is read once,
// in it. A handler reads the draft again only to show a refusal.
func (s *Server) changeDraft(r *request, change func(d *koers.Draft) (koers.DraftChange, error)) error {
	id, err := draftID(r)
	if err != nil {
		return err
	}
	_, err = s.store.ChangeDraft(r.Context(), id, func(d *koers.Draft) (koers.DraftChange, error) {
		if d.OrganisationID != r.org.ID {
			return koers.DraftChange{}, errNoDraft
		}
		return change(d)
	})
	return err
}

// draftPage is a draft's own page: its properties, its page tree and
// what can be done with it.
type draftPage struct {
	layout
	Draft      *koers.Draft
	URL        string
	DraftURL   string      // the same, for the page form
	Page       *koers.Page // nil: a new page goes at the top
	PreviewURL string
	PublicURL  string // "" for a document never published
	Kinds      []koers.DocumentKind
	PageKinds  []koers.PageKind
	Values     map[string]string
	Form       form
	Tree       []treeRow
	Can        map[string]bool
	Review     reviewView
	ReviewForm form   // the review's and publication's forms
	ChangesURL string // the changes against the published document; "" for a new one
}

// treeRow is one page in the draft's tree, flattened with its depth.
type treeRow struct {
	Page  *koers.Page
	Depth int
	URL   string
	First bool // among its siblings
	Last  bool
}

func (s *Server) draft(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	s.renderDraft(w, r, http.StatusOK, d, nil, form{})
	return nil
}

func (s *Server) renderDraft(w http.ResponseWriter, r *request, status int, d *koers.Draft, values map[string]string, f form) {
	s.renderDraftWith(w, r, status, d, values, f, form{}, nil)
}

// renderDraftReview shows the draft with what a refused form of its
// review or publication left.
func (s *Server) renderDraftReview(w http.ResponseWriter, r *request, status int, d *koers.Draft, f form, values map[string]string) {
	s.renderDraftWith(w, r, status, d, nil, form{}, f, values)
}

func (s *Server) renderDraftWith(w http.ResponseWriter, r *request, status int, d *koers.Draft, values map[string]string, f form,
	rf form, reviewValues map[string]string) {
	comments, err := s.store.Comments(r.Context(), d.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	doc := d.Document
	data := &draftPage{Draft: d, URL: draftURL(r.org, d.ID), Kinds: koers.DocumentKinds, PageKinds: koers.PageKinds,
		Values: values, Form: f, Can: can(r.user, r.org), ReviewForm: rf}
	data.Review = s.newReviewView(r, d, comments, reviewValues)
	data.PreviewURL, data.DraftURL, data.ChangesURL = data.URL+"/voorbeeld", data.URL, data.URL+"/wijzigingen"
	if d.DocumentID != 0 {
		data.PublicURL = "/" + r.org.Slug + "/" + doc.Slug
	}
	if data.Values == nil {
		data.Values = map[string]string{}
	}
	if _, ok := data.Values["title"]; !ok { // the properties as stored
		data.Values["kind"], data.Values["year"], data.Values["title"] = string(doc.Kind), strconv.Itoa(doc.Year), doc.Title
		data.Values["slug"], data.Values["sequence"] = doc.Slug, ""
		if doc.Sequence > 0 {
			data.Values["sequence"] = strconv.Itoa(doc.Sequence)
		}
	}
	var flatten func(pages []*koers.Page, depth int)
	flatten = func(pages []*koers.Page, depth int) {
		for i, p := range pages {
			data.Tree = append(data.Tree, treeRow{Page: p, Depth: depth, URL: data.URL + "/paginas/" + itoa(p.ID),
				First: i == 0, Last: i == len(pages)-1})
			flatten(p.Children, depth+1)
		}
	}
	flatten(doc.Pages, 0)
	data.Title = "Concept: " + doc.Title
	data.Crumbs = []crumb{{"Beheer", "/beheer"}, {r.org.Name, orgURL(r.org)}, {"Concept: " + doc.Title, ""}}
	s.render(w, r, status, "draft", data)
}

// draftProperties changes the document's own properties.
func (s *Server) draftProperties(w http.ResponseWriter, r *request) error {
	values := formValues(r, "kind", "year", "sequence", "title", "slug")
	var f form
	err := s.changeDraft(r, func(d *koers.Draft) (koers.DraftChange, error) {
		if d.Stale(propertiesKey, seenVersion(r)) {
			return koers.DraftChange{}, errDraftStale
		}
		doc := d.Document
		before, slug := doc.Title, doc.Slug
		documentFields(&f, values, doc)
		if d.DocumentID != 0 && doc.Slug != slug {
			f.add("slug", "Het webadres van een gepubliceerd document blijft gelijk; trek het document in en begin een nieuw om het te wijzigen.")
		}
		if f.failed() {
			return koers.DraftChange{}, errForm
		}
		return koers.DraftChange{Action: koers.AuditDraftChange, Block: "eigenschappen", Before: before, After: doc.Title,
			Keys: []int64{propertiesKey}}, nil
	})
	if err == nil {
		return s.seeOther(w, r, orgURL(r.org, "/concepten/", r.PathValue("draft")), "De eigenschappen zijn opgeslagen.")
	}
	if err != errForm && !formProblems(&f, err, documentFieldOf) {
		return err
	}
	status := http.StatusUnprocessableEntity
	if koers.ErrorCode(err) == koers.ECONFLICT {
		status = http.StatusConflict
	}
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	s.renderDraft(w, r, status, d, values, f)
	return nil
}

// propertiesKey is the key under which a draft records the version that
// last changed the document's own properties: page keys start at 1.
const propertiesKey = 0

// errDraftStale refuses a change based on a draft someone changed since
// the form was made.
var errDraftStale = koers.Errorf(koers.ECONFLICT, "Iemand anders heeft het concept gewijzigd nadat u deze pagina opende. Er is niets opgeslagen; bekijk het concept zoals het nu is en probeer het opnieuw.")

// freshDraft loads the route's draft for an action on the whole of it
// (publish, discard) and refuses when it changed since the form that asks
// for the action was made: nobody publishes or discards what they have
// not seen.
func (s *Server) freshDraft(w http.ResponseWriter, r *request) (*koers.Draft, bool, error) {
	d, err := s.loadDraft(r)
	if err != nil {
		return nil, false, err
	}
	if d.Version != seenVersion(r) {
		var f form
		f.Summary = append(f.Summary, problem{Message: koers.ErrorMessage(errDraftStale)})
		s.renderDraft(w, r, http.StatusConflict, d, nil, f)
		return nil, false, nil
	}
	return d, true, nil
}

// publish makes the draft the published document.
func (s *Server) publish(w http.ResponseWriter, r *request) error {
	d, ok, err := s.freshDraft(w, r)
	if !ok {
		return err
	}
	values := formValues(r, "nu-toelichting")
	doc, err := s.store.Publish(r.Context(), d.ID, values["nu-toelichting"])
	if err != nil {
		return s.reviewFailed(w, r, err, "nu-toelichting", values)
	}
	s.published()
	return s.seeOther(w, r, orgURL(r.org), "“"+doc.Title+"” is gepubliceerd.")
}

// discard deletes the draft.
func (s *Server) discard(w http.ResponseWriter, r *request) error {
	d, ok, err := s.freshDraft(w, r)
	if !ok {
		return err
	}
	if err := s.store.DiscardDraft(r.Context(), d.ID); err != nil {
		return err
	}
	return s.seeOther(w, r, orgURL(r.org), "Het concept is verwijderd.")
}

// withdraw takes a published document off the site, keeping it as a
// version that can be restored.
func (s *Server) withdraw(w http.ResponseWriter, r *request) error {
	doc, err := s.store.DocumentBySlug(r.Context(), r.org.ID, r.PathValue("doc"))
	if err != nil {
		return err
	}
	if err := s.store.Withdraw(r.Context(), doc.ID); err != nil {
		return err
	}
	s.published()
	return s.seeOther(w, r, orgURL(r.org, "/versies/", doc.Slug), "“"+doc.Title+"” is teruggetrokken. U kunt een versie hier als concept herstellen.")
}

// versionsPage lists the kept versions of a document.
type versionsPage struct {
	layout
	Slug      string
	Versions  []koers.Version
	Can       map[string]bool
	PublicURL string // the public list, while the document is published
}

func (s *Server) versions(w http.ResponseWriter, r *request) error {
	slug := r.PathValue("slug")
	list, err := s.store.Versions(r.Context(), r.org.ID, slug)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return koers.Errorf(koers.ENOTFOUND, "Van dit document zijn geen versies bewaard.")
	}
	data := &versionsPage{Slug: slug, Versions: list, Can: can(r.user, r.org)}
	if list[0].Current {
		data.PublicURL = "/" + url.PathEscape(r.org.Slug) + "/" + url.PathEscape(slug) + "/versies"
	}
	data.Title, data.Section = "Versies van "+list[0].Title, "documenten"
	data.Crumbs = []crumb{{"Beheer", "/beheer"}, {r.org.Name, orgURL(r.org)}, {data.Title, ""}}
	s.render(w, r, http.StatusOK, "versions", data)
	return nil
}

// restore starts a draft with a kept version's content, to be reviewed
// and published like any other.
func (s *Server) restore(w http.ResponseWriter, r *request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return koers.Errorf(koers.ENOTFOUND, "Deze versie bestaat niet.")
	}
	list, err := s.store.Versions(r.Context(), r.org.ID, r.PathValue("slug"))
	if err != nil {
		return err
	}
	var kept *koers.Version
	for i := range list {
		if list[i].ID == id {
			kept = &list[i]
		}
	}
	if kept == nil { // another organisation's, or none
		return koers.Errorf(koers.ENOTFOUND, "Deze versie bestaat niet.")
	}
	d, err := s.store.RestoreDraft(r.Context(), id)
	if err != nil {
		return err
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID), "Versie "+strconv.Itoa(kept.Number)+" is hersteld als concept. Bied het ter beoordeling aan; na goedkeuring kan het worden gepubliceerd.")
}

// preview shows the draft as the site will.
func (s *Server) preview(w http.ResponseWriter, r *request) error {
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	prefix := draftURL(r.org, d.ID) + "/voorbeeld"
	// The public address after the document's: the page's path.
	path := r.PathValue("path")
	body, err := s.site.Preview(r.Context(), r.org, d.Document, path, prefix, draftURL(r.org, d.ID))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// The site's own style sheet and the organisation's colour, inline.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "+
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	_, _ = w.Write(body)
	return nil
}

// formValues reads the named fields of a form.
func formValues(r *request, names ...string) map[string]string {
	out := make(map[string]string, len(names))
	for _, n := range names {
		out[n] = strings.TrimSpace(r.PostFormValue(n))
	}
	return out
}
