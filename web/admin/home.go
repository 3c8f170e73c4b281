package admin

import (
	"net/http"

	"github.com/koers-nl/koers"
)

// homePage lists the organisations the signed-in person works for.
type homePage struct {
	layout
	Organisations []orgRoles
	Waiting       []waitingRow // in every organisation
}

// waitingRow is a draft that waits for the person ("Wat wacht op mij").
type waitingRow struct {
	koers.Waiting
	Organisation string
	URL          string
}

// waitingIn lists what waits for the person in org.
func (s *Server) waitingIn(r *request, org *koers.Organisation, drafts []koers.DraftSummary) []waitingRow {
	var out []waitingRow
	for _, w := range koers.WaitingFor(r.user, org, drafts) {
		out = append(out, waitingRow{Waiting: w, Organisation: org.Name, URL: draftURL(org, w.Draft.ID)})
	}
	return out
}

type orgRoles struct {
	Org   *koers.Organisation
	Roles []koers.Role
	URL   string
}

func (s *Server) home(w http.ResponseWriter, r *request) error {
	data := &homePage{}
	data.Title = "Beheer"
	for _, id := range r.user.OrganisationIDs() {
		org, err := s.store.Organisation(r.Context(), id)
		if err != nil {
			return err
		}
		data.Organisations = append(data.Organisations, orgRoles{Org: org, Roles: r.user.RolesIn(id), URL: orgURL(org)})
		drafts, err := s.store.Drafts(r.Context(), id)
		if err != nil {
			return err
		}
		data.Waiting = append(data.Waiting, s.waitingIn(r, org, drafts)...)
	}
	s.render(w, r, http.StatusOK, "home", data)
	return nil
}

// organisationPage is an organisation's back office: its documents, their
// drafts, and what the person may do with them.
type organisationPage struct {
	layout
	Documents []documentRow
	Drafts    []draftRow // drafts of documents never published
	Can       map[string]bool
	Waiting   []waitingRow
}

type documentRow struct {
	Doc       *koers.Document
	PublicURL string
	Draft     *draftRow
	Next      []rollOption // what can be made from it
}

type draftRow struct {
	Summary koers.DraftSummary
	URL     string
}

func (s *Server) organisation(w http.ResponseWriter, r *request) error {
	ctx := r.Context()
	docs, err := s.store.Documents(ctx, koers.DocumentFilter{OrganisationID: r.org.ID})
	if err != nil {
		return err
	}
	drafts, err := s.store.Drafts(ctx, r.org.ID)
	if err != nil {
		return err
	}
	data := &organisationPage{Can: can(r.user, r.org), Waiting: s.waitingIn(r, r.org, drafts)}
	data.Title, data.Section = r.org.Name, "documenten"
	byDoc := map[int64]*draftRow{}
	for _, d := range drafts {
		row := &draftRow{Summary: d, URL: draftURL(r.org, d.ID)}
		if d.DocumentID != 0 {
			byDoc[d.DocumentID] = row
		} else {
			data.Drafts = append(data.Drafts, *row)
		}
	}
	for _, d := range docs {
		data.Documents = append(data.Documents, documentRow{Doc: d, PublicURL: "/" + r.org.Slug + "/" + d.Slug, Draft: byDoc[d.ID],
			Next: rollOptions(d, docs, drafts)})
	}
	s.render(w, r, http.StatusOK, "organisation", data)
	return nil
}

// can says which actions the person may do in org, for templates that
// show only what can be done.
func can(u *koers.User, org *koers.Organisation) map[string]bool {
	out := map[string]bool{}
	for _, a := range koers.Actions {
		out[string(a)] = koers.Can(u, a, org.ID)
	}
	return out
}

// draftURL is the address of a draft's own page.
func draftURL(org *koers.Organisation, id int64) string {
	return orgURL(org, "/concepten/", itoa(id))
}
