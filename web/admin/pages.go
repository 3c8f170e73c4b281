package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/koers-nl/koers"
)

// pageRoutes are a draft's page tree: adding, renaming, moving and
// deleting pages, and the page editor.
func (s *Server) pageRoutes() []route {
	return []route{
		{"POST /beheer/{org}/concepten/{draft}/paginas", Org, koers.EditDrafts, s.addPage},
		{"GET /beheer/{org}/concepten/{draft}/paginas/{page}", Org, koers.SeeBackOffice, s.pageEditor},
		{"POST /beheer/{org}/concepten/{draft}/paginas/{page}/eigenschappen", Org, koers.EditDrafts, s.renamePage},
		{"POST /beheer/{org}/concepten/{draft}/paginas/{page}/verplaatsen", Org, koers.EditDrafts, s.movePage},
		{"POST /beheer/{org}/concepten/{draft}/paginas/{page}/verwijderen", Org, koers.EditDrafts, s.deletePage},
		{"POST /beheer/{org}/concepten/{draft}/paginas/{page}/blokken", Org, koers.EditDrafts, s.addBlock},
		{"POST /beheer/{org}/concepten/{draft}/paginas/{page}/blokken/{n}", Org, koers.EditDrafts, s.saveBlock},
		{"POST /beheer/{org}/concepten/{draft}/paginas/{page}/registerwaarde", Org, koers.EditDrafts, s.takeComputed},
	}
}

// errStale refuses a save based on a page someone changed since.
var errStale = koers.Errorf(koers.ECONFLICT, "Iemand anders heeft deze pagina gewijzigd nadat u haar opende.")

// routePage is the key of the route's page.
func routePage(r *request) int64 {
	key, _ := strconv.ParseInt(r.PathValue("page"), 10, 64)
	return key
}

// errNoPage answers a page the draft does not hold.
var errNoPage = koers.Errorf(koers.ENOTFOUND, "Deze pagina bestaat niet in het concept.")

// pageKey reads the page of the route, which the draft must hold.
func pageKey(r *request, d *koers.Draft) (int64, *koers.Page, error) {
	key := routePage(r)
	p := d.Page(key)
	if p == nil {
		return 0, nil, errNoPage
	}
	return key, p, nil
}

// goneOrStale answers a change of something the draft no longer holds:
// stale when the draft changed since the form was made (someone removed
// it), else gone (it never was).
func goneOrStale(d *koers.Draft, r *request, gone error) error {
	if d.Version > seenVersion(r) {
		return errStale
	}
	return gone
}

// seenVersion is the draft's version the form was made from.
func seenVersion(r *request) int64 {
	v, _ := strconv.ParseInt(r.PostFormValue("versie"), 10, 64)
	return v
}

// pageFields reads a page's properties from a form.
func pageFields(r *request, prefix string) (koers.NewPage, map[string]string) {
	values := map[string]string{}
	for _, n := range []string{"kind", "number", "title", "slug"} {
		values[prefix+n] = r.PostFormValue(prefix + n)
	}
	return koers.NewPage{Kind: koers.PageKind(values[prefix+"kind"]), Number: values[prefix+"number"],
		Title: values[prefix+"title"], Slug: values[prefix+"slug"]}, values
}

// pageFieldOf names the field of a tree operation's problem: the
// operations refuse with messages about the page's properties, which
// belong in the summary.
func pageFieldOf(prefix string) func(koers.Problem) string {
	return func(p koers.Problem) string {
		if len(p.Path) > 0 {
			if name, ok := p.Path[len(p.Path)-1].(string); ok {
				switch name {
				case "kind", "number", "title", "slug":
					return prefix + name
				}
			}
		}
		return ""
	}
}

// addPage adds a page to the draft: at the top, or under the page named
// by the form's "parent".
func (s *Server) addPage(w http.ResponseWriter, r *request) error {
	parent, _ := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
	np, values := pageFields(r, "new-")
	var added int64
	err := s.changeDraft(r, func(d *koers.Draft) (koers.DraftChange, error) {
		siblings := len(d.Document.Pages)
		if p := d.Page(parent); p != nil {
			siblings = len(p.Children)
		}
		added = d.NextKey
		keys, err := koers.AddPage(d.Document, parent, np, siblings, added)
		if err != nil {
			return koers.DraftChange{}, err
		}
		d.NextKey++
		return koers.DraftChange{Action: koers.AuditDraftChange, Page: d.Page(added).Path, Block: "pagina toegevoegd",
			After: np.Title, Keys: keys}, nil
	})
	if err == nil {
		return s.seeOther(w, r, orgURL(r.org, "/concepten/", r.PathValue("draft"), "/paginas/", itoa(added)), "De pagina is toegevoegd.")
	}
	var f form
	if !formProblems(&f, err, pageFieldOf("new-")) {
		return err
	}
	d, err := s.loadDraft(r)
	if err != nil {
		return err
	}
	if p := d.Page(parent); p != nil {
		return s.renderPage(w, r, http.StatusUnprocessableEntity, d, p, pageState{form: f, values: values, block: -1})
	}
	s.renderDraft(w, r, http.StatusUnprocessableEntity, d, values, f)
	return nil
}

// renamePage changes a page's kind, number, title and slug.
func (s *Server) renamePage(w http.ResponseWriter, r *request) error {
	return s.changePage(w, r, "De pagina is opgeslagen.", func(d *koers.Draft, key int64, p *koers.Page) (koers.DraftChange, error) {
		np, _ := pageFields(r, "")
		before := p.Title
		keys, err := koers.RenamePage(d.Document, key, np)
		return koers.DraftChange{Action: koers.AuditDraftChange, Page: p.Path, Block: "eigenschappen", Before: before,
			After: np.Title, Keys: keys}, err
	})
}

// movePage moves a page one place up or down among its siblings, or
// under another page.
func (s *Server) movePage(w http.ResponseWriter, r *request) error {
	return s.changePage(w, r, "De pagina is verplaatst.", func(d *koers.Draft, key int64, p *koers.Page) (koers.DraftChange, error) {
		from := p.Path
		var keys []int64
		var err error
		switch r.PostFormValue("richting") {
		case "omhoog":
			keys, err = koers.ReorderPage(d.Document, key, -1)
		case "omlaag":
			keys, err = koers.ReorderPage(d.Document, key, 1)
		default:
			parent, perr := strconv.ParseInt(r.PostFormValue("parent"), 10, 64)
			if perr != nil {
				return koers.DraftChange{}, koers.Errorf(koers.EINVALID, "Kies waar de pagina heen moet.")
			}
			n := len(d.Document.Pages)
			if np := d.Page(parent); np != nil {
				n = len(np.Children)
			}
			keys, err = koers.MovePage(d.Document, key, parent, n)
		}
		if err != nil {
			return koers.DraftChange{}, err
		}
		return koers.DraftChange{Action: koers.AuditDraftChange, Page: from, Block: "verplaatst", Before: from,
			After: d.Page(key).Path, Keys: keys}, nil
	})
}

// deletePage deletes a page with everything under it; back to the draft.
func (s *Server) deletePage(w http.ResponseWriter, r *request) error {
	var title string
	err := s.changeDraft(r, func(d *koers.Draft) (koers.DraftChange, error) {
		key := routePage(r)
		p := d.Page(key)
		if p == nil {
			return koers.DraftChange{}, goneOrStale(d, r, errNoPage)
		}
		if d.Stale(key, seenVersion(r)) {
			return koers.DraftChange{}, errStale
		}
		title = p.Title
		path := p.Path
		keys, err := koers.DeletePage(d.Document, key)
		return koers.DraftChange{Action: koers.AuditDraftChange, Page: path, Block: "pagina verwijderd", Before: title, Keys: keys}, err
	})
	if err == nil {
		return s.seeOther(w, r, orgURL(r.org, "/concepten/", r.PathValue("draft")), "De pagina “"+title+"” is verwijderd.")
	}
	return s.pageProblem(w, r, err, -1)
}

// changePage runs a change of the route's page and answers it: back to
// the page, or the page with the problems.
func (s *Server) changePage(w http.ResponseWriter, r *request, done string, change func(d *koers.Draft, key int64, p *koers.Page) (koers.DraftChange, error)) error {
	key := routePage(r)
	err := s.changeDraft(r, func(d *koers.Draft) (koers.DraftChange, error) {
		p := d.Page(key)
		if p == nil {
			return koers.DraftChange{}, goneOrStale(d, r, errNoPage)
		}
		if d.Stale(key, seenVersion(r)) {
			return koers.DraftChange{}, errStale
		}
		return change(d, key, p)
	})
	if err == nil {
		return s.seeOther(w, r, orgURL(r.org, "/concepten/", r.PathValue("draft"), "/paginas/", itoa(key)), done)
	}
	return s.pageProblem(w, r, err, -1)
}

// pageProblem shows a refused change of the route's page: the page as it
// is now, with the problems next to their fields, or with what changed
// meanwhile when the change was stale. block is the block whose input
// the form keeps (-1: none).
func (s *Server) pageProblem(w http.ResponseWriter, r *request, err error, block int) error {
	code := koers.ErrorCode(err)
	if code != koers.EINVALID && code != koers.ECONFLICT {
		return err
	}
	d, lerr := s.loadDraft(r)
	if lerr != nil {
		return lerr
	}
	p := d.Page(routePage(r))
	if errors.Is(err, errStale) {
		return s.stale(w, r, d, p, block)
	}
	if p == nil {
		return errNoPage
	}
	st := pageState{block: block}
	fieldOf := pageFieldOf("")
	if block >= 0 {
		st.input = r.PostForm
		fieldOf = blockFieldOf(p, block)
	} else {
		_, st.values = pageFields(r, "")
	}
	if !formProblems(&st.form, err, fieldOf) {
		return err
	}
	return s.renderPage(w, r, http.StatusUnprocessableEntity, d, p, st)
}
