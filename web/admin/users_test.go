package admin

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
)

// addUser stores one more user of the fixture, with its password, under
// key.
func (o *office) addUser(key, email, name string, grants ...koers.Grant) *koers.User {
	o.t.Helper()
	hash, err := auth.Hash(testPassword, cheap)
	if err != nil {
		o.t.Fatal(err)
	}
	u := &koers.User{Email: email, Name: name, Grants: grants}
	if err := o.store.CreateUser(context.Background(), u, hash); err != nil {
		o.t.Fatal(err)
	}
	o.users[key] = u
	return u
}

// addRik adds Rik: redacteur of Leiderdorp and beheerder of the other
// organisation.
func (o *office) addRik() *koers.User {
	return o.addUser("rik", "rik@example.nl", "Rik Redacteur", koers.Grant{OrganisationID: o.orgs[0].ID, Role: koers.Redacteur},
		koers.Grant{OrganisationID: o.orgs[1].ID, Role: koers.Beheerder})
}

// reload reads a user back from the store.
func (o *office) reload(id int64) *koers.User {
	o.t.Helper()
	u, err := o.store.User(context.Background(), id)
	if err != nil {
		o.t.Fatal(err)
	}
	return u
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

// userCount is how many users the store holds.
func (o *office) userCount() int {
	o.t.Helper()
	users, err := o.store.Users(context.Background(), 0)
	if err != nil {
		o.t.Fatal(err)
	}
	return len(users)
}

func TestUsersList(t *testing.T) {
	o := newOffice(t)
	rik := o.addRik()
	blocked := *rik
	blocked.Disabled = true
	if err := o.store.UpdateUser(context.Background(), &blocked); err != nil {
		t.Fatal(err)
	}
	c := o.signIn("leiderdorp/beheerder")
	doc := c.page("/beheer/leiderdorp/gebruikers", http.StatusOK)
	var rows [][]string
	doc.Find("table.list tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, append(texts(tr.Children()), tr.Find("a").AttrOr("href", "")))
	})
	url := func(key string) string { return "/beheer/leiderdorp/gebruikers/" + itoa(o.users[key].ID) }
	want := [][]string{
		{"Beheerder Gemeente Leiderdorp (uzelf)", "beheerder@leiderdorp.nl", "beheerder", "Actief", url("leiderdorp/beheerder")},
		{"Beoordelaar Gemeente Leiderdorp", "beoordelaar@leiderdorp.nl", "beoordelaar", "Actief", url("leiderdorp/beoordelaar")},
		{"Publicist Gemeente Leiderdorp", "publicist@leiderdorp.nl", "publicist", "Actief", url("leiderdorp/publicist")},
		{"Redacteur Gemeente Leiderdorp", "redacteur@leiderdorp.nl", "redacteur", "Actief", url("leiderdorp/redacteur")},
		{"Registerbeheerder Gemeente Leiderdorp", "register@leiderdorp.nl", "registerbeheerder", "Actief", url("leiderdorp/register")},
		{"Rik Redacteur", "rik@example.nl", "redacteur", "Geblokkeerd", url("rik")},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows:\n got %q\nwant %q", rows, want)
	}
}

func TestAddUser(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	if n := c.page("/beheer/leiderdorp/gebruikers/nieuw", http.StatusOK).Find("input[name=rollen]").Length(); n != 5 {
		t.Errorf("the form offers %d roles, want 5", n)
	}
	res, body := c.post("/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {" Nieuw@Leiderdorp.nl "},
		"naam": {"Nina Nieuw"}, "rollen": {"publicist", "redacteur"}, "wachtwoord": {"groene fiets rijdt snel"}})
	to, flash := c.followed(res, body)
	added, _, err := o.store.UserByEmail(context.Background(), "nieuw@leiderdorp.nl")
	if err != nil {
		t.Fatal(err)
	}
	if want := "/beheer/leiderdorp/gebruikers/" + itoa(added.ID); to != want {
		t.Errorf("sent to %s, want %s", to, want)
	}
	if want := "nieuw@leiderdorp.nl is toegevoegd als redacteur en publicist. Geef het wachtwoord op een veilige manier door."; flash != want {
		t.Errorf("message %q, want %q", flash, want)
	}
	org := o.orgs[0].ID
	wantGrants := []koers.Grant{{OrganisationID: org, Role: koers.Redacteur}, {OrganisationID: org, Role: koers.Publicist}}
	if added.Name != "Nina Nieuw" || added.Disabled || !sameGrants(added.Grants, wantGrants) {
		t.Errorf("stored %+v, want Nina Nieuw with %v", added, wantGrants)
	}
	// The password the beheerder chose signs in.
	rec := o.browser().do("POST", "/beheer/aanmelden", url.Values{"email": {"nieuw@leiderdorp.nl"}, "wachtwoord": {"groene fiets rijdt snel"}})
	if rec.Code != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: status %d\n%s", rec.Code, rec.Body)
	}
}

// An address that has an account gives that account the roles: its name
// and password stay, its roles elsewhere too.
func TestAddExistingUser(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	other := o.users["voorbeeldgemeente/publicist"]
	res, body := c.post("/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {"PUBLICIST@voorbeeldgemeente.nl"},
		"naam": {"Een Andere Naam"}, "rollen": {"beoordelaar", "beheerder"}, "wachtwoord": {""}})
	to, flash := c.followed(res, body)
	if want := "/beheer/leiderdorp/gebruikers/" + itoa(other.ID); to != want {
		t.Errorf("sent to %s, want %s", to, want)
	}
	if want := "Er was al een account voor publicist@voorbeeldgemeente.nl. Het heeft nu bij Gemeente Leiderdorp de rollen " +
		"beoordelaar en beheerder; de naam en het wachtwoord zijn niet gewijzigd."; flash != want {
		t.Errorf("message %q, want %q", flash, want)
	}
	got := o.reload(other.ID)
	want := []koers.Grant{{OrganisationID: o.orgs[1].ID, Role: koers.Publicist},
		{OrganisationID: o.orgs[0].ID, Role: koers.Beoordelaar}, {OrganisationID: o.orgs[0].ID, Role: koers.Beheerder}}
	if got.Name != other.Name || !sameGrants(got.Grants, want) {
		t.Errorf("stored %+v, want %s with %v", got, other.Name, want)
	}
	o.signIn("voorbeeldgemeente/publicist") // the old password still works
}

func TestAddUserProblems(t *testing.T) {
	tooLong := strings.Repeat("a", 201)
	weak := "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. " +
		"Kies bijvoorbeeld vier losse woorden achter elkaar."
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	users := o.userCount()
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
				"#rollen Kies een rol: redacteur, beoordelaar, publicist, beheerder of register."},
			map[string]string{"email": "Fout: Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
				"naam":   "Fout: Vul een naam in van hoogstens 200 tekens, op één regel.",
				"rollen": "Fout: Kies een rol: redacteur, beoordelaar, publicist, beheerder of register."}},
		{"weak password", url.Values{"email": {"nieuw@leiderdorp.nl"}, "naam": {"Nina"}, "rollen": {"redacteur"},
			"wachtwoord": {"wachtwoord123"}},
			[]string{"#wachtwoord " + weak}, map[string]string{"wachtwoord": "Fout: " + weak}},
		{"a role twice", url.Values{"email": {"nieuw@leiderdorp.nl"}, "rollen": {"redacteur", "redacteur"},
			"wachtwoord": {"groene fiets rijdt snel"}},
			[]string{"#rollen Deze rol staat er twee keer."}, map[string]string{"rollen": "Fout: Deze rol staat er twee keer."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := c.post("/beheer/leiderdorp/gebruikers/nieuw", tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", res.StatusCode, body)
			}
			doc := parseHTML(t, body)
			if got := errorSummary(doc); !reflect.DeepEqual(got, tc.summary) {
				t.Errorf("summary:\n got %q\nwant %q", got, tc.summary)
			}
			if got := fieldErrors(doc); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("field errors:\n got %q\nwant %q", got, tc.fields)
			}
			// What was typed stays, but the password.
			if got, want := doc.Find("#email").AttrOr("value", ""), koers.NormalizeEmail(tc.form.Get("email")); got != want {
				t.Errorf("e-mail field %q, want %q", got, want)
			}
			if got := doc.Find("#wachtwoord").AttrOr("value", ""); got != "" {
				t.Errorf("the password is sent back: %q", got)
			}
			if n := o.userCount(); n != users {
				t.Errorf("%d users stored, want the %d there were", n, users)
			}
		})
	}
}

func TestEditUser(t *testing.T) {
	o := newOffice(t)
	writer := o.users["leiderdorp/redacteur"]
	c := o.signIn("leiderdorp/beheerder")
	path := "/beheer/leiderdorp/gebruikers/" + itoa(writer.ID)
	doc := c.page(path, http.StatusOK)
	if got := doc.Find("#naam").AttrOr("value", ""); got != "Redacteur Gemeente Leiderdorp" {
		t.Errorf("name field %q", got)
	}

	res, body := c.post(path, url.Values{"actie": {"gegevens"}, "naam": {"Rik de Redacteur"},
		"rollen": {"beoordelaar", "publicist"}, "status": {"geblokkeerd"}})
	to, flash := c.followed(res, body)
	if to != path || flash != "De gegevens van Rik de Redacteur zijn opgeslagen." {
		t.Errorf("sent to %s with %q", to, flash)
	}
	got := o.reload(writer.ID)
	want := []koers.Grant{{OrganisationID: o.orgs[0].ID, Role: koers.Beoordelaar}, {OrganisationID: o.orgs[0].ID, Role: koers.Publicist}}
	if got.Name != "Rik de Redacteur" || !got.Disabled || !sameGrants(got.Grants, want) {
		t.Errorf("stored %+v, want blocked Rik de Redacteur with %v", got, want)
	}

	// Active again, and without any role here: off the organisation's list.
	res, body = c.post(path, url.Values{"actie": {"gegevens"}, "naam": {"Rik de Redacteur"}, "status": {"actief"}})
	to, flash = c.followed(res, body)
	if to != "/beheer/leiderdorp/gebruikers" || flash != "Rik de Redacteur heeft geen rol meer bij Gemeente Leiderdorp." {
		t.Errorf("sent to %s with %q", to, flash)
	}
	if got = o.reload(writer.ID); got.Disabled || len(got.Grants) != 0 {
		t.Errorf("stored %+v, want active without roles", got)
	}
	c.page(path, http.StatusNotFound)
}

// Of a person who works for another organisation too, a beheerder changes
// the name and the roles here; the password and the blocking are for a
// beheerder of both.
func TestEditSharedAccount(t *testing.T) {
	o := newOffice(t)
	rik := o.addRik()
	path := "/beheer/leiderdorp/gebruikers/" + itoa(rik.ID)
	c := o.signIn("leiderdorp/beheerder")
	doc := c.page(path, http.StatusOK)
	var checked []string
	doc.Find("input[name=rollen]:checked").Each(func(_ int, s *goquery.Selection) { checked = append(checked, s.AttrOr("value", "")) })
	if want := []string{"redacteur"}; !reflect.DeepEqual(checked, want) {
		t.Errorf("roles ticked %q, want %q (only this organisation's)", checked, want)
	}
	if n := doc.Find("input[name=status], input[name=wachtwoord]").Length(); n != 0 {
		t.Errorf("%d fields for the state or the password of a shared account", n)
	}

	res, body := c.post(path, url.Values{"actie": {"gegevens"}, "naam": {"Rik"}, "rollen": {"beoordelaar"}, "status": {"geblokkeerd"}})
	if to, flash := c.followed(res, body); to != path || flash != "De gegevens van Rik zijn opgeslagen." {
		t.Errorf("sent to %s with %q", to, flash)
	}
	got := o.reload(rik.ID)
	want := []koers.Grant{{OrganisationID: o.orgs[1].ID, Role: koers.Beheerder}, {OrganisationID: o.orgs[0].ID, Role: koers.Beoordelaar}}
	if got.Name != "Rik" || got.Disabled || !sameGrants(got.Grants, want) {
		t.Errorf("stored %+v, want active Rik with %v", got, want)
	}
	res, body = c.post(path, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"blauwe tram naar huis"}})
	if msg := text(parseHTML(t, body).Find("main p").First()); res.StatusCode != http.StatusForbidden || msg != sharedAccount {
		t.Errorf("new password: status %d %q, want 403 %q", res.StatusCode, msg, sharedAccount)
	}
	o.signIn("rik") // the password is theirs still

	// A beheerder of both organisations may.
	both := o.addUser("both", "beide@example.nl", "Bo Beheerder", koers.Grant{OrganisationID: o.orgs[0].ID, Role: koers.Beheerder},
		koers.Grant{OrganisationID: o.orgs[1].ID, Role: koers.Beheerder})
	c = o.signIn("both")
	res, body = c.post(path, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"blauwe tram naar huis"}})
	c.followed(res, body)
	res, body = c.post(path, url.Values{"actie": {"gegevens"}, "naam": {"Rik"}, "rollen": {"beoordelaar"}, "status": {"geblokkeerd"}})
	c.followed(res, body)
	if got := o.reload(rik.ID); !got.Disabled {
		t.Errorf("%s could not block a person of both their organisations", both.Email)
	}
}

func TestEditUserProblems(t *testing.T) {
	o := newOffice(t)
	writer := o.users["leiderdorp/redacteur"]
	c := o.signIn("leiderdorp/beheerder")
	self := o.users["leiderdorp/beheerder"]
	for _, tc := range []struct {
		name    string
		who     *koers.User
		form    url.Values
		summary []string
		fields  map[string]string
	}{
		{"own beheerder role", self, url.Values{"actie": {"gegevens"}, "naam": {"Bea"}, "rollen": {"redacteur"}, "status": {"actief"}},
			[]string{"#rollen U kunt uw eigen rol beheerder niet weghalen. Vraag een andere beheerder van deze organisatie om dat te doen."},
			map[string]string{"rollen": "Fout: U kunt uw eigen rol beheerder niet weghalen. Vraag een andere beheerder van deze organisatie om dat te doen."}},
		{"block oneself", self, url.Values{"actie": {"gegevens"}, "naam": {"Bea"}, "rollen": {"beheerder"}, "status": {"geblokkeerd"}},
			[]string{"#status U kunt uw eigen account niet blokkeren. Vraag een andere beheerder van deze organisatie om dat te doen."},
			map[string]string{"status": "Fout: U kunt uw eigen account niet blokkeren. Vraag een andere beheerder van deze organisatie om dat te doen."}},
		{"name on two lines and no state", writer, url.Values{"actie": {"gegevens"}, "naam": {"Rik\nRedacteur"}, "rollen": {"redacteur"}},
			[]string{"#naam Vul een naam in van hoogstens 200 tekens, op één regel.", "#status Kies of het account actief of geblokkeerd is."},
			map[string]string{"naam": "Fout: Vul een naam in van hoogstens 200 tekens, op één regel.",
				"status": "Fout: Kies of het account actief of geblokkeerd is."}},
		{"short password", writer, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"kort"}},
			[]string{"#wachtwoord Kies een wachtwoord van minstens 12 tekens; dit is er 4 lang."},
			map[string]string{"wachtwoord": "Fout: Kies een wachtwoord van minstens 12 tekens; dit is er 4 lang."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := c.post("/beheer/leiderdorp/gebruikers/"+itoa(tc.who.ID), tc.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", res.StatusCode, body)
			}
			doc := parseHTML(t, body)
			if got := errorSummary(doc); !reflect.DeepEqual(got, tc.summary) {
				t.Errorf("summary:\n got %q\nwant %q", got, tc.summary)
			}
			if got := fieldErrors(doc); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("field errors:\n got %q\nwant %q", got, tc.fields)
			}
			if got := o.reload(tc.who.ID); !reflect.DeepEqual(got, tc.who) {
				t.Errorf("stored %+v, want it unchanged: %+v", got, tc.who)
			}
			c.page("/beheer/leiderdorp/gebruikers", http.StatusOK) // still signed in, still beheerder
		})
	}
}

// A new password ends the person's sessions; they sign in with it.
func TestResetPassword(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	writer := o.signIn("leiderdorp/redacteur")
	path := "/beheer/leiderdorp/gebruikers/" + itoa(o.users["leiderdorp/redacteur"].ID)
	res, body := c.post(path, url.Values{"actie": {"wachtwoord"}, "wachtwoord": {"blauwe tram naar huis"}})
	to, flash := c.followed(res, body)
	if want := "Het wachtwoord van Redacteur Gemeente Leiderdorp is gewijzigd; alle sessies van dit account zijn beëindigd. " +
		"Geef het nieuwe wachtwoord op een veilige manier door."; to != path || flash != want {
		t.Errorf("sent to %s with %q, want %q", to, flash, want)
	}
	if rec := writer.do("GET", "/beheer", nil); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/beheer/aanmelden") {
		t.Errorf("the old session still works: status %d to %s", rec.Code, rec.Header().Get("Location"))
	}
	rec := o.browser().do("POST", "/beheer/aanmelden", url.Values{"email": {"redacteur@leiderdorp.nl"}, "wachtwoord": {"blauwe tram naar huis"}})
	if rec.Code != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: status %d\n%s", rec.Code, rec.Body)
	}
	c.page("/beheer/leiderdorp/gebruikers", http.StatusOK) // the beheerder's own session stays
}

// A beheerder learns nothing of people outside their organisation and
// changes nothing of them.
func TestOtherOrganisationsUser(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	other := o.users["voorbeeldgemeente/publicist"]
	for _, id := range []string{itoa(other.ID), "999", "0", "abc"} {
		path := "/beheer/leiderdorp/gebruikers/" + id
		c.page(path, http.StatusNotFound)
		for _, form := range []url.Values{
			{"actie": {"gegevens"}, "naam": {"Overgenomen"}, "rollen": {"beheerder"}, "status": {"actief"}},
			{"actie": {"wachtwoord"}, "wachtwoord": {"blauwe tram naar huis"}},
		} {
			if res, body := c.post(path, form); res.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s %s: status %d, want 404\n%s", path, form.Get("actie"), res.StatusCode, body)
			}
		}
	}
	if got := o.reload(other.ID); !reflect.DeepEqual(got, other) {
		t.Errorf("stored %+v, want it unchanged: %+v", got, other)
	}
	o.signIn("voorbeeldgemeente/publicist") // the password is theirs still
}

// Only a beheerder manages people and reads the log (the permission
// matrix holds the rule; this holds the pages' answers); someone without
// a role in the organisation does not learn it is there.
func TestUsersAndAuditAccess(t *testing.T) {
	o := newOffice(t)
	admin := o.users["leiderdorp/beheerder"]
	user := "/beheer/leiderdorp/gebruikers/" + itoa(admin.ID)
	for _, tc := range []struct{ method, path string }{
		{"GET", "/beheer/leiderdorp/gebruikers"},
		{"GET", "/beheer/leiderdorp/gebruikers/nieuw"},
		{"POST", "/beheer/leiderdorp/gebruikers/nieuw"},
		{"GET", user},
		{"POST", user},
		{"GET", "/beheer/leiderdorp/logboek"},
		{"GET", "/beheer/leiderdorp/logboek.csv"},
	} {
		for _, who := range []struct {
			key    string
			status int
			text   string
		}{
			{"leiderdorp/publicist", http.StatusForbidden, "Hiervoor hebt u bij Gemeente Leiderdorp de rol beheerder nodig."},
			{"voorbeeldgemeente/beheerder", http.StatusNotFound, "Deze pagina bestaat niet, of u hebt er geen toegang toe."},
		} {
			var form url.Values
			if tc.method == "POST" {
				form = url.Values{"actie": {"gegevens"}, "email": {"x@y.nl"}, "naam": {"X"},
					"rollen": {"redacteur"}, "status": {"geblokkeerd"}, "wachtwoord": {"blauwe tram naar huis"}}
			}
			rec := o.signIn(who.key).do(tc.method, tc.path, form)
			if got := text(parseHTML(t, rec.Body.String()).Find("main p").First()); rec.Code != who.status || got != who.text {
				t.Errorf("%s %s as %s: status %d %q, want %d %q", tc.method, tc.path, who.key, rec.Code, got, who.status, who.text)
			}
		}
	}
	if got := o.reload(admin.ID); !reflect.DeepEqual(got, admin) {
		t.Errorf("stored %+v, want it unchanged: %+v", got, admin)
	}
}
