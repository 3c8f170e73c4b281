package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestRollForward makes each document the organisation page offers from a
// published begroting and checks the draft it starts.
func TestRollForward(t *testing.T) {
	tests := []struct {
		name, org, doc, what string
		want                 string // kind year/sequence title slug of the draft
	}{
		{"next begroting", "leiderdorp", "begroting-2022", "begroting", `begroting 2023/0 "Beleidsbegroting 2023" begroting-2023`},
		{"first report of a year without one", "leiderdorp", "begroting-2022", "bestuursrapportage", `bestuursrapportage 2022/1 "1e bestuursrapportage 2022" bestuursrapportage-2022-1`},
		{"next free report", "voorbeeldgemeente", "begroting-2024", "bestuursrapportage", `bestuursrapportage 2024/2 "2e bestuursrapportage 2024" bestuursrapportage-2024-2`},
		{"jaarstukken", "leiderdorp", "begroting-2022", "jaarstukken", `jaarstukken 2022/0 "Jaarstukken 2022" jaarstukken-2022`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOffice(t)
			red := o.signIn(tt.org + "/redacteur")
			rec := red.do("POST", "/beheer/"+tt.org+"/documenten/"+tt.doc+"/volgend", url.Values{"soort": {tt.what}})
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("status %d\n%s", rec.Code, rec.Body)
			}
			loc := rec.Header().Get("Location")
			id, err := strconv.ParseInt(loc[strings.LastIndexByte(loc, '/')+1:], 10, 64)
			if err != nil || !strings.HasPrefix(loc, "/beheer/"+tt.org+"/concepten/") {
				t.Fatalf("sent to %q", loc)
			}
			d, err := o.store.Draft(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			doc := d.Document
			if d.DocumentID != 0 {
				t.Errorf("the draft replaces document %d", d.DocumentID)
			}
			got := string(doc.Kind) + " " + strconv.Itoa(doc.Year) + "/" + strconv.Itoa(doc.Sequence) + " " + strconv.Quote(doc.Title) + " " + doc.Slug
			if got != tt.want {
				t.Errorf("draft %s, want %s", got, tt.want)
			}
			page := red.do("GET", loc, nil)
			if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "is als concept gemaakt uit") {
				t.Errorf("draft page %d without the message:\n%s", page.Code, page.Body)
			}
		})
	}
}

// TestRollForwardRefused: a document that exists, a kind that cannot be
// rolled forward, an unknown choice, a role that may not edit, and a form
// from elsewhere.
func TestRollForwardRefused(t *testing.T) {
	o := newOffice(t)
	red := o.signIn("voorbeeldgemeente/redacteur")
	tests := []struct {
		name   string
		c      *client
		path   string
		soort  string
		status int
		want   string
	}{
		{"the jaarstukken are published", red, "/beheer/voorbeeldgemeente/documenten/begroting-2024/volgend", "jaarstukken", http.StatusConflict,
			"“Jaarstukken 2024” kan niet worden gemaakt: er is al een document of concept met het adres &#34;jaarstukken-2024&#34;. Open dat, of verwijder het concept eerst."},
		{"from jaarstukken", red, "/beheer/voorbeeldgemeente/documenten/jaarstukken-2024/volgend", "begroting", http.StatusBadRequest,
			"Van “Jaarstukken 2024” kan geen volgend document worden gemaakt; dat kan van een begroting."},
		{"no choice", red, "/beheer/voorbeeldgemeente/documenten/begroting-2024/volgend", "", http.StatusBadRequest,
			"Kies welk document u van “Programmabegroting 2024” wilt maken: de volgende begroting, een bestuursrapportage of de jaarstukken."},
		{"not a redacteur", o.signIn("voorbeeldgemeente/publicist"), "/beheer/voorbeeldgemeente/documenten/begroting-2024/volgend", "begroting", http.StatusForbidden, ""},
		{"no such document", red, "/beheer/voorbeeldgemeente/documenten/bestaat-niet/volgend", "begroting", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.c.do("POST", tt.path, url.Values{"soort": {tt.soort}})
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d\n%s", rec.Code, tt.status, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("no %q in\n%s", tt.want, rec.Body)
			}
		})
	}
	t.Run("a form from another site", func(t *testing.T) {
		// The test client always sends same-origin; this one is by hand.
		r, _ := http.NewRequest("POST", "/beheer/voorbeeldgemeente/documenten/begroting-2024/volgend", strings.NewReader("soort=begroting"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "cross-site")
		r.RemoteAddr = red.addr
		for _, ck := range red.cookies {
			r.AddCookie(ck)
		}
		rec := httptest.NewRecorder()
		o.handler.ServeHTTP(rec, r)
		if rec.Code != http.StatusForbidden {
			t.Errorf("status %d, want 403", rec.Code)
		}
	})
	drafts, err := o.store.Drafts(context.Background(), o.orgs[1].ID)
	if err != nil || len(drafts) != 0 {
		t.Errorf("drafts %+v, %v; want none", drafts, err)
	}
}

// TestOrganisationOffersRollForward: the organisation page offers, for a
// begroting only, what can be made from it, to someone who may edit.
func TestOrganisationOffersRollForward(t *testing.T) {
	o := newOffice(t)
	body := o.signIn("voorbeeldgemeente/redacteur").do("GET", "/beheer/voorbeeldgemeente", nil).Body.String()
	for _, want := range []string{
		`<form method="post" action="/beheer/voorbeeldgemeente/documenten/begroting-2024/volgend">`,
		`<label for="volgend-begroting-2024">Volgend document maken<span class="visually-hidden"> uit Programmabegroting 2024</span></label>`,
		`<option value="begroting">Begroting 2025</option><option value="bestuursrapportage">2e bestuursrapportage 2024</option><option value="jaarstukken">Jaarstukken 2024 (met de gepubliceerde bestuursrapportage)</option>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %s in\n%s", want, body)
		}
	}
	if n := strings.Count(body, "/volgend\""); n != 1 {
		t.Errorf("%d roll-forward forms, want 1 (the begroting's)", n)
	}
	if body := o.signIn("voorbeeldgemeente/publicist").do("GET", "/beheer/voorbeeldgemeente", nil).Body.String(); strings.Contains(body, "/volgend") {
		t.Error("a publicist is offered roll-forward")
	}
}
