package storetest

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// testUpdateOrganisation: an organisation's own settings are stored by ID,
// renew what its pages show (and every organisation's for a new name),
// are refused when they break the rules, and are recorded in the log.
func testUpdateOrganisation(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Bare(koers.Begroting, 2022, 0))
	other := &koers.Organisation{Slug: "voorbeeld", Name: "Gemeente Voorbeeld", CBSCode: "GM9999"}
	MustPut(t, s, other, Bare(koers.Begroting, 2022, 0))
	admin := mustUser(t, s, ctx(), "beheer@leiderdorp.nl", koers.Grant{OrganisationID: org.ID, Role: koers.Beheerder})
	as := koers.WithActor(ctx(), admin)

	_, shared0, revs0, err := s.Revisions(ctx())
	if err != nil {
		t.Fatal(err)
	}
	changed := *org
	changed.Theme = koers.Theme{Colour: "#154273"}
	changed.Finance.Signs = koers.SignConvention("baten_positief")
	if err := s.UpdateOrganisation(as, &changed); err != nil {
		t.Fatal(err)
	}
	got, err := s.Organisation(ctx(), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, &changed) {
		t.Errorf("after UpdateOrganisation:\n got %+v\nwant %+v", got, &changed)
	}
	_, shared1, revs1, _ := s.Revisions(ctx())
	if revs1[org.Slug] == revs0[org.Slug] || revs1[other.Slug] != revs0[other.Slug] || shared1 != shared0 {
		t.Errorf("a new colour renews: own %d -> %d, other %d -> %d, shared %d -> %d; want only its own",
			revs0[org.Slug], revs1[org.Slug], revs0[other.Slug], revs1[other.Slug], shared0, shared1)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: admin.ID, Actor: admin.Email, Action: koers.AuditOrganisation,
		Before: "Gemeente Leiderdorp; GM0547; kleur ; geen logo; tekens ",
		After:  "Gemeente Leiderdorp; GM0547; kleur #154273; geen logo; tekens baten_positief"})

	renamed := changed
	renamed.Name = "Gemeente Leiderdorp (nieuw)"
	if err := s.UpdateOrganisation(as, &renamed); err != nil {
		t.Fatal(err)
	}
	if _, shared2, _, _ := s.Revisions(ctx()); shared2 == shared1 {
		t.Error("a new name does not renew what every organisation shows")
	}

	bad := renamed
	bad.Theme.Colour = "rood"
	wantCode(t, "bad colour", s.UpdateOrganisation(as, &bad), koers.EINVALID, "")
	moved := renamed
	moved.Slug = "elders"
	wantCode(t, "new slug", s.UpdateOrganisation(as, &moved), koers.EINVALID, "Het webadres van een organisatie blijft gelijk.")
	missing := renamed
	missing.ID = 9999
	wantCode(t, "unknown", s.UpdateOrganisation(as, &missing), koers.ENOTFOUND, "")
	if got, _ := s.Organisation(ctx(), org.ID); !reflect.DeepEqual(got, &renamed) {
		t.Errorf("a refused update changed the organisation: %+v", got)
	}
}
