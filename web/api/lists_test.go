package api

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// window is an answer of a list: its items' IDs and where it goes on.
type windowAnswer struct {
	ids        []int64
	nextCursor *string
	next       *string
}

// lists are the API's lists, each with how to read its items' IDs.
var lists = []struct {
	name string
	path func(s *testAPI, t *testing.T) string
	read func(t *testing.T, body string) windowAnswer
}{
	{
		name: "documents",
		path: func(*testAPI, *testing.T) string { return "/api/v1/documents" },
		read: func(t *testing.T, body string) windowAnswer {
			var v DocumentList
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatal(err)
			}
			w := windowAnswer{nextCursor: v.NextCursor, next: v.Next}
			for _, d := range v.Documents {
				w.ids = append(w.ids, d.ID)
			}
			return w
		},
	},
	{
		name: "indicators",
		path: func(s *testAPI, t *testing.T) string {
			return "/api/v1/documents/" + itoa(int(s.documentID(t, "begroting-2022"))) + "/indicators"
		},
		read: func(t *testing.T, body string) windowAnswer {
			var v DocumentIndicators
			if err := json.Unmarshal([]byte(body), &v); err != nil {
				t.Fatal(err)
			}
			w := windowAnswer{nextCursor: v.NextCursor, next: v.Next}
			for _, in := range v.Indicators {
				w.ids = append(w.ids, in.PageID<<20|in.ID) // a row is a page and an indicator
			}
			return w
		},
	},
}

// withDocuments is the demo API with seven documents more, in two
// organisations.
func withDocuments(t *testing.T, opt Options) *testAPI {
	t.Helper()
	site := mustAPIWith(t, opt)
	other := &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}
	for i, d := range []*koers.Document{storetest.Bare(koers.Begroting, 2021, 0), storetest.Bare(koers.Jaarstukken, 2021, 0),
		storetest.Bare(koers.Bestuursrapportage, 2021, 2), storetest.Bare(koers.Bestuursrapportage, 2021, 1),
		storetest.Bare(koers.Begroting, 2023, 0), storetest.Bare(koers.Kadernota, 2019, 0), storetest.Bare(koers.Begroting, 2024, 0)} {
		org := storetest.Leiderdorp()
		if i%2 == 1 {
			org = other
		}
		if err := site.store.PutDocument(context.Background(), org, d); err != nil {
			t.Fatal(err)
		}
	}
	site.cache.Invalidate()
	return site
}

// TestAPILists: every list read window by window, following next, gives
// the items of one window as large as the list, whatever the limit; next
// and next_cursor agree, and are null at the end.
func TestAPILists(t *testing.T) {
	for _, base := range []string{"", "https://pc.koers.example"} {
		site := withDocuments(t, Options{BaseURL: base})
		host := site.http.URL
		if base != "" {
			host = base
		}
		for _, list := range lists {
			path := list.path(site, t)
			_, body := site.get(t, path+"?limit=500")
			all := list.read(t, body)
			if all.next != nil || all.nextCursor != nil || len(all.ids) < 9 {
				t.Fatalf("%s: the whole list in one window: %d items, next %v", list.name, len(all.ids), all.next)
			}
			if _, body := site.get(t, path); !reflect.DeepEqual(list.read(t, body), all) {
				t.Errorf("%s: without a limit the window is not the whole list of %d", list.name, len(all.ids))
			}
			for limit := 1; limit <= len(all.ids)+1; limit++ {
				var got []int64
				next := path + "?limit=" + strconv.Itoa(limit)
				for n := 0; next != ""; n++ {
					res, body := site.get(t, next)
					if res.StatusCode != http.StatusOK || n > len(all.ids) {
						t.Fatalf("%s: GET %s: %d (window %d)\n%s", list.name, next, res.StatusCode, n, body)
					}
					w := list.read(t, body)
					if len(w.ids) > limit || (w.next != nil) != (w.nextCursor != nil) || (w.next != nil && len(w.ids) != limit) {
						t.Fatalf("%s: GET %s: %d items, next %v, cursor %v", list.name, next, len(w.ids), w.next, w.nextCursor)
					}
					got = append(got, w.ids...)
					next = ""
					if w.next != nil {
						u, err := url.Parse(*w.next)
						if err != nil || u.Scheme+"://"+u.Host != host || u.Path != path || u.Query().Get("cursor") != *w.nextCursor ||
							u.Query().Get("limit") != strconv.Itoa(limit) {
							t.Fatalf("%s: next %q with cursor %q", list.name, *w.next, *w.nextCursor)
						}
						next = u.RequestURI()
					}
				}
				if !reflect.DeepEqual(got, all.ids) {
					t.Errorf("%s, base %q, limit %d: %v, want %v", list.name, base, limit, got, all.ids)
				}
			}
		}
	}
}

// TestAPIListParameters: a limit or a cursor that is not one answers 400
// with a message that names the parameter; other parameters are ignored.
func TestAPIListParameters(t *testing.T) {
	site := mustAPI(t)
	docs := "/api/v1/documents"
	indicators := "/api/v1/documents/" + itoa(int(site.documentID(t, "begroting-2022"))) + "/indicators"
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	limitMsg := func(v string) string {
		return "Ongeldige waarde voor limit: " + strconv.Quote(v) + ". Geef een geheel getal van 1 tot en met 500."
	}
	const cursorMsg = "Ongeldige waarde voor cursor. Geef de next_cursor uit het vorige antwoord van deze lijst, ongewijzigd, of laat cursor weg voor het begin."
	docCursor := documentCursor(koers.DocumentKey{Year: 2022, Kind: koers.Begroting, ID: 1})
	rowCursor := indicatorCursor(koers.IndicatorKey{Place: []int{0, 0, 1}, PageID: 3, Row: 0, IndicatorID: 2})
	tests := []struct {
		path    string
		status  int
		code    string
		message string
	}{
		{docs + "?limit=0", 400, "invalid", limitMsg("0")},
		{docs + "?limit=-1", 400, "invalid", limitMsg("-1")},
		{docs + "?limit=501", 400, "invalid", limitMsg("501")},
		{docs + "?limit=abc", 400, "invalid", limitMsg("abc")},
		{docs + "?limit=1.5", 400, "invalid", limitMsg("1.5")},
		{docs + "?limit=1e2", 400, "invalid", limitMsg("1e2")},
		{docs + "?limit=99999999999999999999", 400, "invalid", limitMsg("99999999999999999999")},
		{docs + "?limit=" + strings.Repeat("9", 60), 400, "invalid", "Ongeldige waarde voor limit: \"" + strings.Repeat("9", 40) + "…\". Geef een geheel getal van 1 tot en met 500."},
		{docs + "?limit=0&cursor=x", 400, "invalid", limitMsg("0")}, // the limit first
		{docs + "?cursor=x", 400, "invalid", cursorMsg},
		{docs + "?cursor=" + docCursor + "=", 400, "invalid", cursorMsg},               // padded
		{docs + "?cursor=" + rowCursor, 400, "invalid", cursorMsg},                     // another list's
		{docs + "?cursor=" + enc("d1:2022:begroting:0:+1"), 400, "invalid", cursorMsg}, // another spelling
		{docs + "?cursor=" + enc("d1:2022:begroting:0:01"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d1:2022:begroting:0"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d1:2022:begroting:0:1:2"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d1:2022:roman:0:1"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d1:2022:begroting:-1:1"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d1:2022:begroting:0:0"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d1:99999999999:begroting:0:1"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + enc("d2:2022:begroting:0:1"), 400, "invalid", cursorMsg},
		{docs + "?cursor=" + strings.Repeat("A", 201), 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + docCursor, 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + enc("i1::3:0:2"), 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + enc("i1:0..1:3:0:2"), 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + enc("i1:0.0.10000000000:3:0:2"), 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + enc("i1:0.0.0.0.0.0.0.0.0.0:3:0:2"), 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + enc("i1:0.0.1:3:-1:2"), 400, "invalid", cursorMsg},
		{indicators + "?cursor=" + enc("i1:0.0.1:0:0:2"), 400, "invalid", cursorMsg},
		{indicators + "?limit=x", 400, "invalid", limitMsg("x")},
		{"/api/v1/documents/x/indicators?limit=x", 400, "invalid", `Ongeldig id "x": verwacht een positief geheel getal.`},
		{"/api/v1/documents/999/indicators?limit=5", 404, "not_found", "Document 999 bestaat niet."},
		// Valid windows, and what is not a window parameter is ignored.
		{docs + "?limit=1&cursor=" + docCursor + "&foo=bar", 200, "", ""},
		{docs + "?limit=", 200, "", ""},
		{indicators + "?limit=500&cursor=" + rowCursor, 200, "", ""},
	}
	for _, tt := range tests {
		if tt.status == http.StatusOK {
			res, body := site.get(t, tt.path)
			if res.StatusCode != http.StatusOK {
				t.Errorf("GET %s: %d\n%s", tt.path, res.StatusCode, body)
			}
			continue
		}
		var body ErrorBody
		site.mustJSON(t, tt.path, tt.status, &body)
		if body.Error.Code != tt.code || body.Error.Message != tt.message {
			t.Errorf("GET %s: %q %q\nwant %q %q", tt.path, body.Error.Code, body.Error.Message, tt.code, tt.message)
		}
	}
}

// TestAPIHost: the API's absolute URLs do not come from a client's Host
// header into what another client is served. With a base URL they are the
// base URL's whatever the Host; without one each answer has its own
// request's host and is not cached.
func TestAPIHost(t *testing.T) {
	get := func(site *testAPI, path, host string) (int, string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Host = host
		w := httptest.NewRecorder()
		site.mux.ServeHTTP(w, req)
		return w.Code, w.Body.String()
	}
	for _, base := range []string{"https://pc.koers.example", ""} {
		site := withDocuments(t, Options{BaseURL: base})
		id := itoa(int(site.documentID(t, "begroting-2022")))
		paths := []string{"/api/v1/documents", "/api/v1/documents?limit=2", "/api/v1/documents/" + id,
			"/api/v1/documents/" + id + "/indicators?limit=2", "/api/v1/search?q=jeugdhulp"}
		for _, p := range paths {
			for _, host := range []string{"evil.example", "pc.koers.example", "evil.example:8080"} {
				code, body := get(site, p, host)
				want := base
				if base == "" {
					want = "http://" + host
				}
				if code != http.StatusOK || !strings.Contains(body, `"`+want+`/`) || strings.Count(body, "://") != strings.Count(body, want+"/") {
					t.Errorf("base %q, GET %s with Host %s: %d, want every URL on %s\n%s", base, p, host, code, want, body)
				}
			}
		}
	}
}
