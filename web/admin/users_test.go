package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
)

// people are the users of the tests: a beheerder of Leiderdorp, a
// redacteur there who is beheerder of Zoeterwoude too, and a publicist of
// Zoeterwoude only.
type people struct {
	admin, writer, stranger *koers.User
}

func (b *backOffice) people(t *testing.T) people {
	t.Helper()
	return people{
		admin: b.user(t, "beheerder@leiderdorp.nl", "Bea Heerder", koers.Grant{OrganisationID: b.org.ID, Role: koers.Beheerder}),
		writer: b.user(t, "redacteur@example.nl", "Rik Redacteur", koers.Grant{OrganisationID: b.org.ID, Role: koers.Redacteur},
			koers.Grant{OrganisationID: b.other.ID, Role: koers.Beheerder}),
		stranger: b.user(t, "publicist@zoeterwoude.nl", "Piet Publicist", koers.Grant{OrganisationID: b.other.ID, Role: koers.Publicist}),
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// summary is what a form's error summary lists, each after the field it
// links to.
func summary(doc *goquery.Document) []string {
	var out []string
	doc.Find(".error-summary li").Each(func(_ int, li *goquery.Selection) {
		out = append(out, li.Find("a").AttrOr("href", "")+" "+text(li))
	})
	return out
}

// fieldErrors are the problems shown next to fields, by field id; a field
// not marked invalid or not described by its problem says so.
func fieldErrors(doc *goquery.Document) map[string]string {
	out := map[string]string{}
	doc.Find(".field-error").Each(func(_ int, p *goquery.Selection) {
		id := p.AttrOr("id", "")
		field := strings.TrimSuffix(id, "-fout")
		in := doc.Find("#" + field)
		mark := ""
		if in.AttrOr("aria-invalid", "") != "true" && !in.Is("[type=checkbox], [type=radio]") {
			mark = " (not aria-invalid)"
		}
		described := in.AttrOr("aria-describedby", "") + " " + in.Closest("fieldset").AttrOr("aria-describedby", "")
		if !slices.Contains(strings.Fields(described), id) {
			mark += " (not described by it)"
		}
		out[field] = text(p) + mark
	})
	return out
}

func TestUsersList(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	blocked := *p.writer
	blocked.Disabled = true
	if err := b.store.UpdateUser(context.Background(), &blocked); err != nil {
		t.Fatal(err)
	}
	c := b.signIn(t, p.admin.Email)
	doc := c.page(t, "/beheer/leiderdorp/gebruikers", http.StatusOK)
	var rows [][]string
	doc.Find("table.list tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, append(texts(tr.Children()), tr.Find("a").AttrOr("href", "")))
	})
	want := [][]string{
		{"Bea Heerder (uzelf)", "beheerder@leiderdorp.nl", "beheerder", "Actief", "/beheer/leiderdorp/gebruikers/" + itoa(p.admin.ID)},
		{"Rik Redacteur", "redacteur@example.nl", "redacteur", "Geblokkeerd", "/beheer/leiderdorp/gebruikers/" + itoa(p.writer.ID)},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows:\n got %q\nwant %q", rows, want)
	}
}

func TestAddUser(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	if doc := c.page(t, "/beheer/leiderdorp/gebruikers/nieuw", http.StatusOK); doc.Find("input[name=rollen]").Length() != 4 {
		t.Errorf("the form offers %d roles, want 4", doc.Find("input[name=rollen]").Length())
	}
	res, body := c.post(t, "/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {" Nieuw@Leiderdorp.nl "},
		"naam": {"Nina Nieuw"}, "rollen": {"publicist", "redacteur"}, "wachtwoord": {"groene fiets rijdt snel"}})
	to, flash := c.flash(t, res, body)
	added, _, err := b.store.UserByEmail(context.Background(), "nieuw@leiderdorp.nl")
	if err != nil {
		t.Fatal(err)
	}
	if want := "/beheer/leiderdorp/gebruikers/" + itoa(added.ID); to != want {
		t.Errorf("sent to %s, want %s", to, want)
	}
	if want := "nieuw@leiderdorp.nl is toegevoegd als redacteur, publicist. Geef het wachtwoord op een veilige manier door."; flash != want {
		t.Errorf("message %q, want %q", flash, want)
	}
	wantGrants := []koers.Grant{{OrganisationID: b.org.ID, Role: koers.Redacteur}, {OrganisationID: b.org.ID, Role: koers.Publicist}}
	if added.Name != "Nina Nieuw" || added.Disabled || !sameGrants(added.Grants, wantGrants) {
		t.Errorf("stored %+v, want Nina Nieuw with %v", added, wantGrants)
	}
	// The password the beheerder chose signs in.
	res, body = b.anonymous(t).post(t, "/beheer/aanmelden", url.Values{"email": {"nieuw@leiderdorp.nl"}, "wachtwoord": {"groene fiets rijdt snel"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: status %d\n%s", res.StatusCode, body)
	}
}

// sameGrants compares grants in any order.
func sameGrants(got, want []koers.Grant) bool {
	key := func(g koers.Grant) string { return itoa(g.OrganisationID) + "/" + string(g.Role) }
	a, b := make([]string, len(got)), make([]string, len(want))
	for i, g := range got {
		a[i] = key(g)
	}
	for i, g := range want {
		b[i] = key(g)
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// An address that has an account gives that account the roles: its name
// and password stay, its roles elsewhere too.
func TestAddExistingUser(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	res, body := c.post(t, "/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {"PUBLICIST@zoeterwoude.nl"},
		"naam": {"Een Andere Naam"}, "rollen": {"beoordelaar", "beheerder"}, "wachtwoord": {""}})
	to, flash := c.flash(t, res, body)
	if want := "/beheer/leiderdorp/gebruikers/" + itoa(p.stranger.ID); to != want {
		t.Errorf("sent to %s, want %s", to, want)
	}
	if want := "Er was al een account voor publicist@zoeterwoude.nl. Het heeft nu bij Gemeente Leiderdorp de rollen " +
		"beoordelaar en beheerder; de naam en het wachtwoord zijn niet gewijzigd."; flash != want {
		t.Errorf("message %q, want %q", flash, want)
	}
	got := b.reload(t, p.stranger.ID)
	want := []koers.Grant{{OrganisationID: b.other.ID, Role: koers.Publicist},
		{OrganisationID: b.org.ID, Role: koers.Beoordelaar}, {OrganisationID: b.org.ID, Role: koers.Beheerder}}
	if got.Name != "Piet Publicist" || !sameGrants(got.Grants, want) {
		t.Errorf("stored %+v, want Piet Publicist with %v", got, want)
	}
	b.signIn(t, p.stranger.Email) // the old password still works
}

func TestAddUserProblems(t *testing.T) {
	tooLong := strings.Repeat("a", 201)
	weak := "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. " +
		"Kies bijvoorbeeld vier losse woorden achter elkaar."
	for _, tc := range []struct {
		name    string
		form    url.Values
		summary []string
		fields  map[string]string
	}{
		{"empty", url.Values{},
			[]string{"#email Vul een e-mailadres in.", "#rollen Kies minstens één rol.",
				"#wachtwoord Kies een wachtwoord van minstens 12 tekens; dit is er 0 lang."},
			map[string]string{"email": "Fout: Vul een e-mailadres in.", "rollen": "Fout: Kies minstens één rol.",
				"wachtwoord": "Fout: Kies een wachtwoord van minstens 12 tekens; dit is er 0 lang."}},
		{"bad address, name and role", url.Values{"email": {"iemand@"}, "naam": {tooLong}, "rollen": {"koning"},
			"wachtwoord": {"groene fiets rijdt snel"}},
			[]string{"#email Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
				"#naam Vul een naam in van hoogstens 200 tekens, op één regel.",
				"#rollen Kies een rol: redacteur, beoordelaar, publicist of beheerder."},
			map[string]string{"email": "Fout: Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
				"naam":   "Fout: Vul een naam in van hoogstens 200 tekens, op één regel.",
				"rollen": "Fout: Kies een rol: redacteur, beoordelaar, publicist of beheerder."}},
		{"weak password", url.Values{"email": {"nieuw@leiderdorp.nl"}, "naam": {"Nina"}, "rollen": {"redacteur"},
			"wachtwoord": {"wachtwoord123"}},
			[]string{"#wachtwoord " + weak}, map[string]string{"wachtwoord": "Fout: " + weak}},
		{"a role twice", url.Values{"email": {"nieuw@leiderdorp.nl"}, "rollen": {"redacteur", "redacteur"},
			"wachtwoord": {"groene fiets rijdt snel"}},
			[]string{"#rollen Deze rol staat er twee keer."}, map[string]string{"rollen": "Fout: Deze rol staat er twee keer."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBackOffice(t)
			p := b.people(t)
			c := b.signIn(t, p.admin.Email)
			res, body := c.post(t, "/beheer/leiderdorp/gebruikers/nieuw", tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", res.StatusCode, body)
			}
			doc := parse(t, body)
			if got := summary(doc); !reflect.DeepEqual(got, tc.summary) {
				t.Errorf("summary:\n got %q\nwant %q", got, tc.summary)
			}
			if got := fieldErrors(doc); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("field errors:\n got %q\nwant %q", got, tc.fields)
			}
			// What was typed stays (but the password).
			if got, want := doc.Find("#email").AttrOr("value", ""), koers.NormalizeEmail(tc.form.Get("email")); got != want {
				t.Errorf("e-mail field %q, want %q", got, want)
			}
			if got := doc.Find("#wachtwoord").AttrOr("value", ""); got != "" {
				t.Errorf("the password is sent back: %q", got)
			}
			users, err := b.store.Users(context.Background(), 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(users) != 3 {
				t.Errorf("%d users stored, want the 3 there were", len(users))
			}
		})
	}
}

func TestEditUser(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	path := "/beheer/leiderdorp/gebruikers/" + itoa(p.writer.ID)
	doc := c.page(t, path, http.StatusOK)
	var checked []string
	doc.Find("input[name=rollen]:checked").Each(func(_ int, s *goquery.Selection) { checked = append(checked, s.AttrOr("value", "")) })
	if want := []string{"redacteur"}; !reflect.DeepEqual(checked, want) {
		t.Errorf("roles ticked %q, want %q (only this organisation's)", checked, want)
	}
	if got := doc.Find("#naam").AttrOr("value", ""); got != "Rik Redacteur" {
		t.Errorf("name field %q", got)
	}

	res, body := c.post(t, path, url.Values{"actie": {"gegevens"}, "naam": {"Rik de Redacteur"},
		"rollen": {"beoordelaar", "publicist"}, "status": {"geblokkeerd"}})
	to, flash := c.flash(t, res, body)
	if to != path || flash != "De gegevens van Rik de Redacteur zijn opgeslagen." {
		t.Errorf("sent to %s with %q", to, flash)
	}
	got := b.reload(t, p.writer.ID)
	want := []koers.Grant{{OrganisationID: b.other.ID, Role: koers.Beheerder},
		{OrganisationID: b.org.ID, Role: koers.Beoordelaar}, {OrganisationID: b.org.ID, Role: koers.Publicist}}
	if got.Name != "Rik de Redacteur" || !got.Disabled || !sameGrants(got.Grants, want) {
		t.Errorf("stored %+v, want blocked Rik de Redacteur with %v", got, want)
	}

	// Enabled again, and without any role here: off the organisation's list.
	res, body = c.post(t, path, url.Values{"actie": {"gegevens"}, "naam": {"Rik de Redacteur"}, "status": {"actief"}})
	to, flash = c.flash(t, res, body)
	if to != "/beheer/leiderdorp/gebruikers" || flash != "Rik de Redacteur heeft geen rol meer bij Gemeente Leiderdorp." {
		t.Errorf("sent to %s with %q", to, flash)
	}
	got = b.reload(t, p.writer.ID)
	want = []koers.Grant{{OrganisationID: b.other.ID, Role: koers.Beheerder}}
	if got.Disabled || !sameGrants(got.Grants, want) {
		t.Errorf("stored %+v, want active with %v", got, want)
	}
	c.page(t, path, http.StatusNotFound)
}

func TestEditUserProblems(t *testing.T) {
	for _, tc := range []struct {
		name    string
		self    bool
		form    url.Values
		summary []string
		fields  map[string]string
	}{
		{"own beheerder role", true, url.Values{"actie": {"gegevens"}, "naam": {"Bea"}, "rollen": {"redacteur"}, "status": {"actief"}},
			[]string{"#rollen U kunt uw eigen rol beheerder niet weghalen. Vraag een andere beheerder van deze organisatie om dat te doen."},
			map[string]string{"rollen": "Fout: U kunt uw eigen rol beheerder niet weghalen. Vraag een andere beheerder van deze organisatie om dat te doen."}},
		{"block oneself", true, url.Values{"actie": {"gegevens"}, "naam": {"Bea"}, "rollen": {"beheerder"}, "status": {"geblokkeerd"}},
			[]string{"#status U kunt uw eigen account niet blokkeren. Vraag een andere beheerder van deze organisatie om dat te doen."},
			map[string]string{"status": "Fout: U kunt uw eigen account niet blokkeren. Vraag een andere beheerder van deze organisatie om dat te doen."}},
		{"name on two lines and no state", false, url.Values{"actie": {"gegevens"}, "naam": {"Rik\nRedacteur"}, "rollen": {"redacteur"}},
			[]string{"#naam Vul een naam in van hoogstens 200 tekens, op één regel.", "#status Kies of het account actief of geblokkeerd is."},
			map[string]string{"naam": "Fout: Vul een naam in van hoogstens 200 tekens, op één regel.",
				"status": "Fout: Kies of het account actief of geblokkeerd is."}},
		{"short password", false, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"kort"}},
			[]string{"#wachtwoord Kies een wachtwoord van minstens 12 tekens; dit is er 4 lang."},
			map[string]string{"wachtwoord": "Fout: Kies een wachtwoord van minstens 12 tekens; dit is er 4 lang."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBackOffice(t)
			p := b.people(t)
			c := b.signIn(t, p.admin.Email)
			who := p.writer
			if tc.self {
				who = p.admin
			}
			res, body := c.post(t, "/beheer/leiderdorp/gebruikers/"+itoa(who.ID), tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", res.StatusCode, body)
			}
			doc := parse(t, body)
			if got := summary(doc); !reflect.DeepEqual(got, tc.summary) {
				t.Errorf("summary:\n got %q\nwant %q", got, tc.summary)
			}
			if got := fieldErrors(doc); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("field errors:\n got %q\nwant %q", got, tc.fields)
			}
			if got := b.reload(t, who.ID); !reflect.DeepEqual(got, who) {
				t.Errorf("stored %+v, want it unchanged: %+v", got, who)
			}
			c.page(t, "/beheer/leiderdorp/gebruikers", http.StatusOK) // still signed in
		})
	}
}

// A new password ends the person's sessions; they sign in with it.
func TestResetPassword(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	writer := b.signIn(t, p.writer.Email)
	path := "/beheer/leiderdorp/gebruikers/" + itoa(p.writer.ID)
	res, body := c.post(t, path, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"blauwe tram naar huis"}})
	to, flash := c.flash(t, res, body)
	if want := "Het wachtwoord van Rik Redacteur is gewijzigd; alle sessies van dit account zijn beëindigd. " +
		"Geef het nieuwe wachtwoord op een veilige manier door."; to != path || flash != want {
		t.Errorf("sent to %s with %q, want %q", to, flash, want)
	}
	if res, _ := writer.get(t, "/beheer"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/beheer/aanmelden") {
		t.Errorf("the old session still works: status %d to %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body = b.anonymous(t).post(t, "/beheer/aanmelden", url.Values{"email": {p.writer.Email}, "wachtwoord": {"blauwe tram naar huis"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: status %d\n%s", res.StatusCode, body)
	}
	c.page(t, "/beheer/leiderdorp/gebruikers", http.StatusOK) // the beheerder's own session stays
}

// A beheerder learns nothing of people outside their organisation.
func TestOtherOrganisationsUser(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	for _, id := range []string{itoa(p.stranger.ID), "999", "0", "abc"} {
		path := "/beheer/leiderdorp/gebruikers/" + id
		c.page(t, path, http.StatusNotFound)
		res, body := c.post(t, path, url.Values{"actie": {"gegevens"}, "naam": {"Overgenomen"}, "rollen": {"beheerder"}, "status": {"actief"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: status %d, want 404\n%s", path, res.StatusCode, body)
		}
		res, body = c.post(t, path, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"blauwe tram naar huis"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: status %d, want 404\n%s", path, res.StatusCode, body)
		}
	}
	if got := b.reload(t, p.stranger.ID); !reflect.DeepEqual(got, p.stranger) {
		t.Errorf("stored %+v, want it unchanged: %+v", got, p.stranger)
	}
	b.signIn(t, p.stranger.Email) // the password is theirs still
}

// Only a beheerder manages people and reads the log; someone without a
// role in the organisation does not learn it is there.
func TestUsersAndAuditAccess(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	writer, stranger := b.signIn(t, p.writer.Email), b.signIn(t, p.stranger.Email)
	user := "/beheer/leiderdorp/gebruikers/" + itoa(p.admin.ID)
	for _, tc := range []struct {
		method, path string
	}{
		{"GET", "/beheer/leiderdorp/gebruikers"},
		{"GET", "/beheer/leiderdorp/gebruikers/nieuw"},
		{"POST", "/beheer/leiderdorp/gebruikers/nieuw"},
		{"GET", user},
		{"POST", user},
		{"GET", "/beheer/leiderdorp/logboek"},
		{"GET", "/beheer/leiderdorp/logboek.csv"},
	} {
		for _, who := range []struct {
			c      *client
			status int
			text   string
		}{
			{writer, http.StatusForbidden, "Hiervoor hebt u bij Gemeente Leiderdorp de rol beheerder nodig."},
			{stranger, http.StatusNotFound, "Deze pagina bestaat niet, of u hebt er geen toegang toe."},
		} {
			var res *http.Response
			var body string
			if tc.method == "GET" {
				res, body = who.c.get(t, tc.path)
			} else {
				res, body = who.c.post(t, tc.path, url.Values{"actie": {"gegevens"}, "email": {"x@y.nl"}, "naam": {"X"},
					"rollen": {"beheerder"}, "status": {"geblokkeerd"}, "wachtwoord": {"blauwe tram naar huis"}})
			}
			if got := text(parse(t, body).Find("main p").First()); res.StatusCode != who.status || got != who.text {
				t.Errorf("%s %s: status %d %q, want %d %q", tc.method, tc.path, res.StatusCode, got, who.status, who.text)
			}
		}
	}
	if got := b.reload(t, p.admin.ID); !reflect.DeepEqual(got, p.admin) {
		t.Errorf("stored %+v, want it unchanged: %+v", got, p.admin)
	}
}
