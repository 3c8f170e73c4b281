package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/storetest"
)

// withKermis is the demo API with a document of twelve pages that match
// "kermis", six of them alike, so of equal rank.
func withKermis(t *testing.T, opt Options) *testAPI {
	t.Helper()
	site := mustAPIWith(t, opt)
	d := storetest.Bare(koers.Jaarstukken, 2021, 0)
	d.Pages = nil
	for i := range 12 {
		text := "De kermis op het plein."
		if i%2 == 1 {
			text = strings.Repeat("kermis ", i) + "en de markt " + strconv.Itoa(i)
		}
		d.Pages = append(d.Pages, &koers.Page{Kind: koers.Chapter, Title: "Pagina " + strconv.Itoa(i), Slug: "pagina-" + strconv.Itoa(i),
			Blocks: []koers.Block{{Type: koers.TextBlock, Content: []koers.TextElement{{Type: koers.Paragraph, Text: text}}}}})
	}
	if err := site.store.PutDocument(context.Background(), storetest.Leiderdorp(), d); err != nil {
		t.Fatal(err)
	}
	site.cache.Invalidate()
	site.search.Invalidate()
	return site
}

func searchIDs(r SearchResults) []int64 {
	var ids []int64
	for _, h := range r.Results {
		ids = append(ids, h.PageID)
	}
	return ids
}

// TestAPISearchWindows: a search read window by window, following next,
// visits every result once, in the order of one window as large as the
// search, whatever the limit, with or without a base URL; next keeps the
// query as searched and agrees with next_cursor, both null at the end.
func TestAPISearchWindows(t *testing.T) {
	for _, base := range []string{"", "https://pc.koers.example"} {
		site := withKermis(t, Options{BaseURL: base})
		host := site.http.URL
		if base != "" {
			host = base
		}
		var all SearchResults
		site.mustJSON(t, "/api/v1/search?limit=500&q=kermis", http.StatusOK, &all)
		if len(all.Results) != 12 || all.Next != nil || all.NextCursor != nil {
			t.Fatalf("base %q: the whole search in one window: %d results, next %v", base, len(all.Results), all.Next)
		}
		var first SearchResults
		site.mustJSON(t, "/api/v1/search?q=kermis", http.StatusOK, &first)
		if !reflect.DeepEqual(first, all) {
			t.Errorf("base %q: without a limit (50) the window is not the whole search of 12", base)
		}
		for limit := 1; limit <= len(all.Results)+1; limit++ {
			var got []int64
			next := "/api/v1/search?q=++kermis+&limit=" + strconv.Itoa(limit)
			for n := 0; next != ""; n++ {
				var w SearchResults
				site.mustJSON(t, next, http.StatusOK, &w)
				if n > len(all.Results) || w.Query != "kermis" || len(w.Results) > limit || (w.Next != nil) != (w.NextCursor != nil) ||
					(w.Next != nil && len(w.Results) != limit) {
					t.Fatalf("base %q: GET %s: query %q, %d results, next %v, cursor %v", base, next, w.Query, len(w.Results), w.Next, w.NextCursor)
				}
				got = append(got, searchIDs(w)...)
				next = ""
				if w.Next != nil {
					u, err := url.Parse(*w.Next)
					if err != nil || u.Scheme+"://"+u.Host != host || u.Path != "/api/v1/search" ||
						!reflect.DeepEqual(u.Query(), url.Values{"q": {"kermis"}, "limit": {strconv.Itoa(limit)}, "cursor": {*w.NextCursor}}) {
						t.Fatalf("base %q: next %q with cursor %q", base, *w.Next, *w.NextCursor)
					}
					next = u.RequestURI()
				}
			}
			if !reflect.DeepEqual(got, searchIDs(all)) {
				t.Errorf("base %q, limit %d: %v, want %v", base, limit, got, searchIDs(all))
			}
		}
	}
}

// TestAPISearchParameters: a query, limit or cursor that is not one
// answers 400 with a message that names the parameter, before the search
// takes a slot of the gate.
func TestAPISearchParameters(t *testing.T) {
	gate := httpx.NewGate(1, time.Millisecond, "vol")
	site := mustAPIWith(t, Options{SearchGate: gate})
	release, err := gate.Enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	search := "/api/v1/search?q=jeugdhulp"
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	limitMsg := func(v string) string {
		return "Ongeldige waarde voor limit: " + strconv.Quote(v) + ". Geef een geheel getal van 1 tot en met 500."
	}
	const cursorMsg = "Ongeldige waarde voor cursor. Geef de next_cursor uit het vorige antwoord van deze lijst, ongewijzigd, of laat cursor weg voor het begin."
	const queryMsg = "Geef een zoekterm op met ?q=."
	tests := []struct {
		path    string
		message string
	}{
		{search + "&limit=0", limitMsg("0")},
		{search + "&limit=10000", limitMsg("10000")},
		{search + "&limit=501", limitMsg("501")},
		{search + "&limit=x", limitMsg("x")},
		{search + "&limit=-1", limitMsg("-1")},
		{search + "&limit=0&cursor=x", limitMsg("0")}, // the limit first
		{search + "&cursor=x", cursorMsg},
		{search + "&cursor=" + strings.Repeat("A", 201), cursorMsg},
		{search + "&cursor=" + documentCursor(koers.DocumentKey{Year: 2022, Kind: koers.Begroting, ID: 1}), cursorMsg}, // another list's
		{search + "&cursor=" + indicatorCursor(koers.IndicatorKey{Place: []int{0}, PageID: 3, IndicatorID: 2}), cursorMsg},
		{search + "&cursor=" + offsetCursor(50) + "=", cursorMsg}, // padded
		{search + "&cursor=" + enc("s1:01"), cursorMsg},           // another spelling
		{search + "&cursor=" + enc("s1:+1"), cursorMsg},
		{search + "&cursor=" + enc("s1:0"), cursorMsg}, // the first window has none
		{search + "&cursor=" + enc("s1:-1"), cursorMsg},
		{search + "&cursor=" + enc("s1:500"), cursorMsg}, // past the ranked results
		{search + "&cursor=" + enc("s1:1:2"), cursorMsg},
		{search + "&cursor=" + enc("s1"), cursorMsg},
		{search + "&cursor=" + enc("s2:1"), cursorMsg}, // another version
		{"/api/v1/search", queryMsg},
		{"/api/v1/search?q=++&limit=0", queryMsg}, // the query first
	}
	for _, tt := range tests {
		var body ErrorBody
		site.mustJSON(t, tt.path, http.StatusBadRequest, &body)
		if body.Error.Code != "invalid" || body.Error.Message != tt.message {
			t.Errorf("GET %s: %q %q\nwant \"invalid\" %q", tt.path, body.Error.Code, body.Error.Message, tt.message)
		}
	}
	if gate.Busy() != 0 {
		t.Errorf("%d bad requests waited for the gate", gate.Busy())
	}
	// Cursors this API gives are read back.
	for _, n := range []int{1, 50, 499} {
		if got, err := readSearchCursor(offsetCursor(n)); got != n || err != nil {
			t.Errorf("cursor of %d read as %d, %v", n, got, err)
		}
	}
}

// TestAPISearchGate: while every slot of the gate is taken a search waits,
// then answers 503 with Retry-After; a search answer kept in the search
// cache is served without a slot. The gate is the one given: the site's.
func TestAPISearchGate(t *testing.T) {
	gate := httpx.NewGate(1, 10*time.Millisecond, "Er wordt nu veel gezocht. Probeer het over een paar seconden opnieuw.")
	site := mustAPIWith(t, Options{SearchGate: gate, BaseURL: "https://pc.koers.example"})
	var before SearchResults
	site.mustJSON(t, "/api/v1/search?q=jeugdhulp", http.StatusOK, &before)
	if gate.InUse() != 0 {
		t.Fatalf("%d slots still taken", gate.InUse())
	}
	release, err := gate.Enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res, body := site.get(t, "/api/v1/search?q=uitkering")
	var e ErrorBody
	if err := json.Unmarshal([]byte(body), &e); err != nil || res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" ||
		e.Error.Code != "busy" || e.Error.Message != "Er wordt nu veel gezocht. Probeer het over een paar seconden opnieuw." {
		t.Errorf("full gate: %d, Retry-After %q\n%s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if gate.Busy() != 1 {
		t.Errorf("turned away %d, want 1", gate.Busy())
	}
	// The same search, spelled with other spaces, from the cache.
	var cached SearchResults
	site.mustJSON(t, "/api/v1/search?q=+jeugdhulp++", http.StatusOK, &cached)
	if !reflect.DeepEqual(cached, before) || site.search.Hits() != 1 {
		t.Errorf("cached: %+v (%d hits), want %+v", cached, site.search.Hits(), before)
	}
	release()
	site.mustJSON(t, "/api/v1/search?q=uitkering", http.StatusOK, &SearchResults{})
}

// TestAPISearchCache: search answers are kept, by query as searched and
// window, only with a base URL, and a publication empties them.
func TestAPISearchCache(t *testing.T) {
	for _, base := range []string{"", "https://pc.koers.example"} {
		site := withKermis(t, Options{BaseURL: base})
		paths := []string{"/api/v1/search?q=kermis&limit=2", "/api/v1/search?q=kermis&limit=2&foo=bar", "/api/v1/search?limit=02&q=%20kermis",
			"/api/v1/search?q=kermis&limit=3", "/api/v1/search?q=kermis&limit=2&cursor=" + offsetCursor(2), "/api/v1/search?q=kermis+plein&limit=2"}
		answers := map[string]string{}
		for _, p := range paths {
			_, answers[p] = site.get(t, p)
		}
		want := int64(0)
		if base != "" {
			want = 2 // the second and third path are the first's
		}
		if site.search.Hits() != want || site.cache.Hits() != 0 {
			t.Errorf("base %q: %d hits in the search cache, %d in the page cache; want %d, 0", base, site.search.Hits(), site.cache.Hits(), want)
		}
		if answers[paths[0]] != answers[paths[1]] || answers[paths[0]] != answers[paths[2]] || answers[paths[0]] == answers[paths[3]] ||
			answers[paths[0]] == answers[paths[4]] || answers[paths[0]] == answers[paths[5]] {
			t.Errorf("base %q: answers %q", base, answers)
		}
	}
	// A publication empties the kept answers.
	site := withKermis(t, Options{BaseURL: "https://pc.koers.example"})
	var before, after SearchResults
	site.mustJSON(t, "/api/v1/search?q=kermis", http.StatusOK, &before)
	d := storetest.Bare(koers.Begroting, 2030, 0)
	d.Pages[0].Title = "Kermis"
	if err := site.store.PutDocument(context.Background(), storetest.Leiderdorp(), d); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond) // the cache's interval: it asks the store's revision
	site.mustJSON(t, "/api/v1/search?q=kermis", http.StatusOK, &after)
	if len(after.Results) != len(before.Results)+1 {
		t.Errorf("after a publication: %d results, want %d", len(after.Results), len(before.Results)+1)
	}
}
