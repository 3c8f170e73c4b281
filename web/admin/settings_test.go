package admin

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// postSettings posts the settings form as the browser does, with a logo
// file when logo is not "".
func (c *client) postSettings(fields map[string]string, logo string) *httptest.ResponseRecorder {
	name := ""
	if logo != "" {
		name = "logo.svg"
	}
	return c.multipart("/beheer/leiderdorp/instellingen", fields, "logo", name, logo)
}

func TestSettings(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	base := map[string]string{"naam": "Gemeente Leiderdorp", "cbs": "gm0547", "kleur": "#154273", "tekens": "lasten_positief"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range base {
			m[a] = b
		}
		m[k] = v
		return m
	}
	const logo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#154273"/></svg>`
	for _, tt := range []struct {
		name   string
		fields map[string]string
		logo   string
		status int
		field  string // the field with the problem
		want   string
	}{
		{"a name is required", with("naam", ""), "", http.StatusUnprocessableEntity, "naam", ""},
		{"a CBS code", with("cbs", "0547"), "", http.StatusUnprocessableEntity, "cbs", "0547"},
		{"a colour white text can be read on", with("kleur", "#ffff00"), "", http.StatusUnprocessableEntity, "kleur", "contrast"},
		{"a logo with a script", base, `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, http.StatusUnprocessableEntity, "logo", "script"},
		{"an unknown sign convention", with("tekens", "alles_negatief"), "", http.StatusUnprocessableEntity, "tekens", "alles_negatief"},
		{"saved", base, logo, http.StatusSeeOther, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := c.postSettings(tt.fields, tt.logo)
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d\n%s", rec.Code, tt.status, body)
			}
			if tt.field != "" {
				if !strings.Contains(body, `<a href="#`+tt.field+`">`) || !strings.Contains(body, `id="`+tt.field+`-fout"`) {
					t.Errorf("the problem is not at field %s:\n%s", tt.field, body)
				}
				if !strings.Contains(body, tt.want) {
					t.Errorf("the page does not say %q", tt.want)
				}
			}
		})
	}
	org, err := o.store.OrganisationBySlug(t.Context(), "leiderdorp")
	if err != nil {
		t.Fatal(err)
	}
	if org.Theme.Colour != "#154273" || org.Theme.Logo != logo || org.CBSCode != "GM0547" || org.Finance.Signs != "lasten_positief" {
		t.Errorf("saved: %+v", org)
	}
	if org.SelfReview {
		t.Error("saved without the box, self review is allowed")
	}
	// The box allows self review, and the form shows it ticked.
	if rec := c.postSettings(with("eigen-goedkeuring", "1"), ""); rec.Code != http.StatusSeeOther {
		t.Fatalf("self review: %d\n%s", rec.Code, rec.Body)
	}
	if org, _ := o.store.OrganisationBySlug(t.Context(), "leiderdorp"); !org.SelfReview {
		t.Error("the box did not allow self review")
	}
	if body := c.do("GET", "/beheer/leiderdorp/instellingen", nil).Body.String(); !strings.Contains(body,
		`name="eigen-goedkeuring" value="1" aria-describedby="eigen-goedkeuring-hint" checked><label for="eigen-goedkeuring">Beoordelaars mogen hun eigen wijzigingen goedkeuren</label>`) {
		t.Errorf("the settings form does not show the box ticked:\n%s", body)
	}
	// The public site shows the new colour at once.
	if rec := o.browser().do("GET", "/leiderdorp", nil); !strings.Contains(rec.Body.String(), "--koers-color-primary:#154273") {
		t.Errorf("the public site does not show the new colour:\n%s", rec.Body)
	}
	// Only a beheerder reaches the settings.
	if rec := o.signIn("leiderdorp/publicist").do("GET", "/beheer/leiderdorp/instellingen", nil); rec.Code != http.StatusForbidden {
		t.Errorf("publicist: %d", rec.Code)
	}
}
