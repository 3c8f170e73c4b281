package admin

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/koers-nl/koers"
)

// rollOption is one document the organisation page offers to make from a
// published one.
type rollOption struct {
	Value string // the form's "soort"
	Label string
}

// rollOptions are what can be made from doc, given the organisation's
// documents and drafts: the next begroting, the next free
// bestuursrapportage of doc's year, and the jaarstukken of that year.
func rollOptions(doc *koers.Document, docs []*koers.Document, drafts []koers.DraftSummary) []rollOption {
	var out []rollOption
	for _, what := range koers.RollForwards(doc.Kind) {
		switch what {
		case koers.RollNextBegroting:
			out = append(out, rollOption{string(what), fmt.Sprintf("Begroting %d", doc.Year+1)})
		case koers.RollBestuursrapportage:
			out = append(out, rollOption{string(what), fmt.Sprintf("%de bestuursrapportage %d", nextSequence(doc.Year, docs, drafts), doc.Year)})
		case koers.RollJaarstukken:
			n := len(reportsOf(doc.Year, docs))
			label := fmt.Sprintf("Jaarstukken %d", doc.Year)
			switch n {
			case 0:
				label += " (zonder bestuursrapportages)"
			case 1:
				label += " (met de gepubliceerde bestuursrapportage)"
			default:
				label += fmt.Sprintf(" (met de %d gepubliceerde bestuursrapportages)", n)
			}
			out = append(out, rollOption{string(what), label})
		}
	}
	return out
}

// nextSequence is the first bestuursrapportage number of year after every
// one published or in draft.
func nextSequence(year int, docs []*koers.Document, drafts []koers.DraftSummary) int {
	last := 0
	for _, d := range docs {
		if d.Kind == koers.Bestuursrapportage && d.Year == year {
			last = max(last, d.Sequence)
		}
	}
	for _, d := range drafts {
		if d.Kind == koers.Bestuursrapportage && d.Year == year {
			last = max(last, d.Sequence)
		}
	}
	return last + 1
}

// reportsOf are the published bestuursrapportages of year.
func reportsOf(year int, docs []*koers.Document) []*koers.Document {
	var out []*koers.Document
	for _, d := range docs {
		if d.Kind == koers.Bestuursrapportage && d.Year == year {
			out = append(out, d)
		}
	}
	return out
}

// rollForward starts the draft of a document made from a published one:
// the next begroting, a bestuursrapportage or the jaarstukken (see
// koers.NextBegroting and the functions beside it).
func (s *Server) rollForward(w http.ResponseWriter, r *request) error {
	ctx := r.Context()
	doc, err := s.store.DocumentBySlug(ctx, r.org.ID, r.PathValue("doc"))
	if err != nil {
		return err
	}
	what := koers.RollForward(r.FormValue("soort"))
	if !slices.Contains(koers.RollForwards(doc.Kind), what) {
		if len(koers.RollForwards(doc.Kind)) == 0 {
			return koers.Errorf(koers.EINVALID, "Van “%s” kan geen volgend document worden gemaakt; dat kan van een begroting.", doc.Title)
		}
		return koers.Errorf(koers.EINVALID, "Kies welk document u van “%s” wilt maken: de volgende begroting, een bestuursrapportage of de jaarstukken.", doc.Title)
	}
	full, err := s.store.Document(ctx, doc.ID, true)
	if err != nil {
		return err
	}
	next, err := s.rolled(ctx, r, full, what)
	if err != nil {
		return err
	}
	d := koers.NewDraft(r.org.ID, next, false)
	if err := s.store.StartDraft(ctx, d, koers.DraftChange{Action: koers.AuditDraftStart, After: next.Title}); err != nil {
		if koers.ErrorCode(err) == koers.ECONFLICT {
			return koers.Errorf(koers.ECONFLICT, "“%s” kan niet worden gemaakt: er is al een document of concept met het adres %q. Open dat, of verwijder het concept eerst.", next.Title, next.Slug)
		}
		return err
	}
	return s.seeOther(w, r, draftURL(r.org, d.ID), fmt.Sprintf("“%s” is als concept gemaakt uit “%s”. Vul in wat nog “nnb” is of “%s” zegt.", next.Title, full.Title, koers.Unfilled))
}

// rolled makes the document what from full, reading what it needs: the
// documents and drafts for a bestuursrapportage's number, the published
// bestuursrapportages of the year for the jaarstukken.
func (s *Server) rolled(ctx context.Context, r *request, full *koers.Document, what koers.RollForward) (*koers.Document, error) {
	switch what {
	case koers.RollBestuursrapportage, koers.RollJaarstukken:
		docs, err := s.store.Documents(ctx, koers.DocumentFilter{OrganisationID: r.org.ID})
		if err != nil {
			return nil, err
		}
		if what == koers.RollBestuursrapportage {
			drafts, err := s.store.Drafts(ctx, r.org.ID)
			if err != nil {
				return nil, err
			}
			return koers.BestuursrapportageFrom(full, nextSequence(full.Year, docs, drafts))
		}
		var reports []*koers.Document
		for _, d := range reportsOf(full.Year, docs) {
			report, err := s.store.Document(ctx, d.ID, true)
			if err != nil {
				return nil, err
			}
			reports = append(reports, report)
		}
		return koers.JaarstukkenFrom(full, reports)
	}
	return koers.NextBegroting(full)
}
