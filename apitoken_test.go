package koers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

func TestAPITokenValidate(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	ok := koers.APIToken{OrganisationID: 1, Name: "BI kwartaal", Role: koers.Redacteur, ExpiresAt: now.Add(koers.DefaultAPITokenLife)}
	tests := []struct {
		name   string
		change func(t *koers.APIToken)
		want   string
	}{
		{"fine", func(*koers.APIToken) {}, ""},
		{"publicist", func(t *koers.APIToken) { t.Role = koers.Publicist }, ""},
		{"a year", func(t *koers.APIToken) { t.ExpiresAt = now.Add(koers.MaxAPITokenLife) }, ""},
		{"no name", func(t *koers.APIToken) { t.Name = "" }, "invalid api_token (1 problem):\n  /name: Geef de sleutel een naam, zoals het systeem dat hem gebruikt."},
		{"spaces around", func(t *koers.APIToken) { t.Name = " BI" }, "invalid api_token (1 problem):\n  /name: Geef de sleutel een naam van hoogstens 200 tekens, op één regel."},
		{"two lines", func(t *koers.APIToken) { t.Name = "BI\nx" }, "invalid api_token (1 problem):\n  /name: Geef de sleutel een naam van hoogstens 200 tekens, op één regel."},
		{"long", func(t *koers.APIToken) { t.Name = strings.Repeat("é", 201) }, "invalid api_token (1 problem):\n  /name: Geef de sleutel een naam van hoogstens 200 tekens, op één regel."},
		{"beoordelaar", func(t *koers.APIToken) { t.Role = koers.Beoordelaar }, "invalid api_token (1 problem):\n  /role: Kies de rol van de sleutel: redacteur of publicist."},
		{"beheerder", func(t *koers.APIToken) { t.Role = koers.Beheerder }, "invalid api_token (1 problem):\n  /role: Kies de rol van de sleutel: redacteur of publicist."},
		{"expired", func(t *koers.APIToken) { t.ExpiresAt = now }, "invalid api_token (1 problem):\n  /expires: Kies een vervaldatum in de toekomst."},
		{"too long", func(t *koers.APIToken) { t.ExpiresAt = now.Add(koers.MaxAPITokenLife + time.Second) }, "invalid api_token (1 problem):\n  /expires: Een sleutel geldt hoogstens een jaar; kies een eerdere vervaldatum."},
		{"no organisation", func(t *koers.APIToken) { t.OrganisationID = 0 }, "invalid api_token (1 problem):\n  /organisation: Een sleutel hoort bij een organisatie."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := ok
			tt.change(&tok)
			err := tok.Validate(now)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Validate: %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAPITokenActor(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tok := koers.APIToken{OrganisationID: 7, Name: "BI", Role: koers.Redacteur, ExpiresAt: now.Add(time.Hour)}
	u := tok.Actor()
	if u.ID != 0 || u.Email != "API-sleutel: BI" {
		t.Errorf("actor %+v: want ID 0 and the token's name", u)
	}
	for _, a := range koers.Actions {
		want := a == koers.SeeBackOffice || a == koers.EditDrafts
		if got := koers.Can(u, a, 7); got != want {
			t.Errorf("Can(redacteur token, %s, own organisation) = %v, want %v", a, got, want)
		}
		if koers.Can(u, a, 8) {
			t.Errorf("Can(token, %s, another organisation) = true", a)
		}
	}
	for _, tt := range []struct {
		change func(t *koers.APIToken)
		live   bool
		status string
	}{
		{func(*koers.APIToken) {}, true, "Geldig"},
		{func(t *koers.APIToken) { t.ExpiresAt = now }, false, "Verlopen"},
		{func(t *koers.APIToken) { t.RevokedAt = now.Add(-time.Minute) }, false, "Ingetrokken"},
	} {
		tk := tok
		tt.change(&tk)
		if tk.Live(now) != tt.live || tk.Status(now) != tt.status {
			t.Errorf("token %+v: live %v %q, want %v %q", tk, tk.Live(now), tk.Status(now), tt.live, tt.status)
		}
	}
}
