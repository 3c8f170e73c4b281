package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/storetest"
)

// TestSearchScope searches every organisation or one: the breadcrumb names
// the organisation when several are searched, the form keeps the scope,
// and an unknown organisation is not found.
func TestSearchScope(t *testing.T) {
	site := mustSite(t)
	site.mustPut(t, &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}, storetest.Begroting2020())
	type result struct{ url, trail string }
	for _, tt := range []struct {
		name, path string
		want       []result
		label      string // of the search field
		scope      string // the hidden field's value
		all        bool   // a link to search everywhere
	}{
		{"everywhere", "/zoeken?q=uitkeringen", []result{
			{"/alphen/begroting-2020/beleidsbegroting/programma-1/1c-ondersteunde-inwoners",
				"Gemeente Alphen › Beleidsbegroting 2020 › Beleidsbegroting › Programma 1: Meedoen in Leiderdorp"},
			{begrotingPath, "Gemeente Leiderdorp › Beleidsbegroting 2022 › Beleidsbegroting › Programma 1: Meedoen in Leiderdorp"},
			{burapPath, "Gemeente Leiderdorp › 1ste bestuursrapportage 2020 › Programma's › Programma 1 : Meedoen in Leiderdorp"},
			{"/voorbeeldgemeente/begroting-2024/programmas/programma-1-meedoen-en-ondersteuning", "Voorbeeldgemeente (fictief) › Programmabegroting 2024 › Programma's"},
		}, "Zoek in alle documenten", "", false},
		{"in one organisation", "/zoeken?q=uitkeringen&organisatie=alphen", []result{
			{"/alphen/begroting-2020/beleidsbegroting/programma-1/1c-ondersteunde-inwoners",
				"Beleidsbegroting 2020 › Beleidsbegroting › Programma 1: Meedoen in Leiderdorp"},
		}, "Zoek in de documenten van Gemeente Alphen", "alphen", true},
		{"in the other", "/zoeken?q=uitkeringen&organisatie=leiderdorp", []result{
			{begrotingPath, "Beleidsbegroting 2022 › Beleidsbegroting › Programma 1: Meedoen in Leiderdorp"},
			{burapPath, "1ste bestuursrapportage 2020 › Programma's › Programma 1 : Meedoen in Leiderdorp"},
		}, "Zoek in de documenten van Gemeente Leiderdorp", "leiderdorp", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := site.mustDoc(t, tt.path, http.StatusOK)
			var got []result
			doc.Find(".search-result").Each(func(_ int, s *goquerySel) {
				href, _ := s.Find("a").Attr("href")
				got = append(got, result{href, s.Find(".search-result__trail").Text()})
			})
			if len(got) != len(tt.want) {
				t.Fatalf("results %q, want %q", got, tt.want)
			}
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("results %q lack %q", got, w)
				}
			}
			form := doc.Find("main form.search-form")
			if label := form.Find("label").Text(); label != tt.label {
				t.Errorf("label %q, want %q", label, tt.label)
			}
			if scope, _ := form.Find(`input[name="organisatie"]`).Attr("value"); scope != tt.scope {
				t.Errorf("scope %q, want %q", scope, tt.scope)
			}
			all := doc.Find(`main a[href="/zoeken?q=uitkeringen"]`).Length() == 1
			if all != tt.all {
				t.Errorf("link to search everywhere: %v, want %v", all, tt.all)
			}
		})
	}
	// An organisation's pages search in it.
	header := site.mustDoc(t, "/alphen", http.StatusOK).Find("header form")
	if scope, _ := header.Find(`input[name="organisatie"]`).Attr("value"); scope != "alphen" {
		t.Errorf("the header's search on an organisation's page has scope %q", scope)
	}
	if res, body := site.get(t, "/zoeken?q=uitkeringen&organisatie=onbekend"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown organisation: status %d\n%s", res.StatusCode, body)
	}
}

// TestSearchCache answers a query again from the search cache, whatever
// its spaces, until a publication changes the content.
func TestSearchCache(t *testing.T) {
	site := mustSite(t)
	count := func(path string) string {
		t.Helper()
		return site.mustDoc(t, path, http.StatusOK).Find(".search-count").Text()
	}
	steps := []struct {
		path string
		put  bool // publish a document first
		want string
		hit  bool
	}{
		{"/zoeken?q=uitkeringen", false, "3 resultaten voor ‘uitkeringen’.", false},
		{"/zoeken?q=uitkeringen", false, "3 resultaten voor ‘uitkeringen’.", true},
		{"/zoeken?q=+uitkeringen++", false, "3 resultaten voor ‘uitkeringen’.", true},
		{"/zoeken?q=uitkering", false, "3 resultaten voor ‘uitkering’.", false},
		{"/zoeken?q=uitkeringen&organisatie=leiderdorp", false, "2 resultaten voor ‘uitkeringen’ in de documenten van Gemeente Leiderdorp.", false},
		{"/zoeken?q=uitkeringen", true, "4 resultaten voor ‘uitkeringen’.", false},
		{"/zoeken?q=uitkeringen", false, "4 resultaten voor ‘uitkeringen’.", true},
	}
	for i, s := range steps {
		if s.put {
			site.mustPut(t, storetest.Leiderdorp(), storetest.Begroting2020())
		}
		hits := site.server.searchCache.Hits()
		if got := count(s.path); got != s.want {
			t.Errorf("step %d %s: %q, want %q", i, s.path, got, s.want)
		}
		if hit := site.server.searchCache.Hits() > hits; hit != s.hit {
			t.Errorf("step %d %s: from the cache %v, want %v", i, s.path, hit, s.hit)
		}
	}
}

// TestSearchGate turns a search away with 503 and Retry-After while every
// slot of the gate is taken, and answers a query the cache holds all the
// same.
func TestSearchGate(t *testing.T) {
	site := mustSite(t)
	site.server.searchGate = httpx.NewGate(1, 10*time.Millisecond, searchBusy)
	if res, _ := site.get(t, "/zoeken?q=jeugdhulp"); res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	release, err := site.server.searchGate.Enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, body := site.get(t, "/zoeken?q=uitkeringen")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" || !strings.Contains(body, searchBusy) {
		t.Errorf("full gate: status %d, Retry-After %q\n%s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if res, _ := site.get(t, "/zoeken?q=jeugdhulp"); res.StatusCode != http.StatusOK {
		t.Errorf("a cached search while the gate is full: status %d", res.StatusCode)
	}
	release()
	if res, _ := site.get(t, "/zoeken?q=uitkeringen"); res.StatusCode != http.StatusOK || res.Header.Get("Retry-After") != "" {
		t.Errorf("after the slot is free: status %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if site.server.searchGate.Busy() != 1 {
		t.Errorf("turned away %d, want 1", site.server.searchGate.Busy())
	}
}
