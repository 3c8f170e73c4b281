package admin

import (
	"net/http"

	"github.com/koers-nl/koers"
)

// staleView explains a save that was refused because someone changed the
// page after the form was made: who changed what, and the block as it is
// now beside the input, which the form keeps.
type staleView struct {
	Block   int    // the block saved (1-based); 0 for the page itself
	Current string // that block as it is now
	Changes []koers.AuditEntry
	Deleted bool // the page is gone
}

// maxStaleChanges bounds the changes the refusal lists.
const maxStaleChanges = 10

// stale answers a save based on an old version of a page: the editor of
// the page as it is now, with the input of block i (-1: none) kept in its
// form and the changes made since the form was opened.
func (s *Server) stale(w http.ResponseWriter, r *request, d *koers.Draft, p *koers.Page, i int) error {
	ctx := r.Context()
	cur, err := s.store.Draft(ctx, d.ID)
	if err != nil {
		return err
	}
	view := &staleView{Block: i + 1}
	entries, err := s.store.AuditLog(ctx, koers.AuditFilter{OrganisationID: r.org.ID, Action: koers.AuditDraftChange,
		Document: cur.Document.Slug, Limit: 100})
	if err != nil {
		return err
	}
	page := cur.Page(p.ID)
	for _, e := range entries {
		if (e.Page == p.Path || (page != nil && e.Page == page.Path)) && !e.At.Before(cur.CreatedAt) && len(view.Changes) < maxStaleChanges {
			view.Changes = append(view.Changes, e)
		}
	}
	if page == nil {
		view.Deleted = true
		data := &errorPage{Message: "Iemand anders heeft deze pagina uit het concept verwijderd nadat u haar opende. Uw wijziging is niet opgeslagen.", Status: http.StatusConflict}
		data.Title = "Pagina verwijderd"
		s.render(w, r, http.StatusConflict, "error", data)
		return nil
	}
	st := pageState{block: i, input: r.PostForm}
	st.form.Summary = append(st.form.Summary, problem{Message: "Iemand anders heeft deze pagina gewijzigd nadat u haar opende. Uw wijziging is niet opgeslagen; uw invoer staat hieronder nog in het formulier. Bekijk wat er veranderd is en sla opnieuw op als u uw versie wilt bewaren."})
	data := s.editorData(r, cur, page, st)
	if i >= 0 && i < len(page.Blocks) {
		view.Current = s.blockView(r.org, page, i, page.Blocks[i]).Text
	}
	data.Stale = view
	s.render(w, r, http.StatusConflict, "editor", data)
	return nil
}
