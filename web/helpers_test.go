package web

import (
	"context"
	"github.com/koers-nl/koers/pdf/pdftest"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/web/httpcache"
	"golang.org/x/net/html"
)

// testSite is the site on a fresh SQLite database holding the demo data,
// wired as koers serve wires it (without the API).
type testSite struct {
	store   *sqlite.Store
	server  *Server
	cache   *httpcache.Cache
	mux     *httpx.Mux
	handler http.Handler // with Front, as served
	routed  http.Handler // without: every request routed
	http    *httptest.Server
}

func mustSite(tb testing.TB) *testSite {
	tb.Helper()
	return mustSiteWith(tb, Options{})
}

// mustSiteWith is mustSite with options; the logger and metrics are the
// test's.
func mustSiteWith(tb testing.TB, opt Options) *testSite {
	tb.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "koers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	if _, err := demo.Load(ctx, store); err != nil {
		tb.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(tbWriter{tb}, nil))
	cache := httpcache.NewCache(store, httpcache.Options{Interval: time.Millisecond})
	metrics := httpx.NewMetrics()
	metrics.Counter("koers_cache_hits_total", "Responses served from the page cache.", cache.Hits)
	opt.Logger, opt.Metrics = log, metrics
	srv, err := New(store.Published(), store, cache, opt)
	if err != nil {
		tb.Fatal(err)
	}
	mux := httpx.NewMux()
	srv.Register(mux)
	mux.Handle("GET /metrics", metrics)
	h := httpx.Handler(mux, httpx.Options{Logger: log, Metrics: metrics, Front: srv.Front})
	routed := httpx.Handler(mux, httpx.Options{Logger: log, Metrics: metrics})
	ts := httptest.NewServer(h)
	tb.Cleanup(ts.Close)
	return &testSite{store: store, server: srv, cache: cache, mux: mux, handler: h, routed: routed, http: ts}
}

// tbWriter sends the server's log to the test's log, shown on failure.
type tbWriter struct{ tb testing.TB }

func (w tbWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// get fetches a path and returns the response with its body read.
func (s *testSite) get(tb testing.TB, path string, header ...string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, s.http.URL+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{DisableCompression: true},
	}
	res, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return res, string(body)
}

// mustDoc fetches an HTML page, checks its status and parses it.
func (s *testSite) mustDoc(tb testing.TB, path string, status int) *goquery.Document {
	tb.Helper()
	res, body := s.get(tb, path)
	if res.StatusCode != status {
		tb.Fatalf("GET %s: status %d, want %d\n%s", path, res.StatusCode, status, body)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// Paths of the demo pages.
const (
	begrotingPath = "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
	burapPath     = "/leiderdorp/bestuursrapportage-2020-1/programmas/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
)

// visibleText returns the text a reader sees: the body's text without
// scripts, styles and visually hidden elements, one line per block element.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head", "template":
				return
			}
			for _, a := range n.Attr {
				if (a.Key == "class" && hasWord(a.Val, "visually-hidden")) || a.Key == "hidden" {
					return
				}
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteString("\n")
		}
		// An ordered list shows its numbers, as a text browser prints them.
		if n.Type == html.ElementNode && n.Data == "li" && n.Parent != nil && n.Parent.Data == "ol" {
			b.WriteString(listNumber(n) + ". ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteString("\n")
		}
	}
	walk(n)
	return b.String()
}

var blockElements = map[string]bool{"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"li": true, "tr": true, "td": true, "th": true, "section": true, "header": true, "footer": true,
	"nav": true, "main": true, "table": true, "caption": true, "ul": true, "ol": true, "form": true, "body": true}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if w == word {
			return true
		}
	}
	return false
}

// listNumber is an <li>'s number: its value attribute, or one more than the
// previous item's.
func listNumber(li *html.Node) string {
	n := 0
	for c := li.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.Data != "li" {
			continue
		}
		n++
		for _, a := range c.Attr {
			if a.Key == "value" {
				if v, err := strconv.Atoi(a.Val); err == nil {
					n = v
				}
			}
		}
		if c == li {
			break
		}
	}
	return strconv.Itoa(n)
}

var (
	// thousands drops the point between digit groups, so that the Dutch
	// "1.992" and the reference's "1992" compare equal.
	thousands = regexp.MustCompile(`(\d)\.(\d{3})\b`)
)

// normalise strips what the fidelity comparison sets aside: whitespace,
// breadcrumb separators and thousands separators.
func normalise(s string) string {
	s = strings.ReplaceAll(s, "›", "")
	s = thousands.ReplaceAllString(s, "$1$2")
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), "")
}

// mustPut stores a document and invalidates the site's cache.
func (s *testSite) mustPut(tb testing.TB, org *koers.Organisation, doc *koers.Document) {
	tb.Helper()
	if err := s.store.PutDocument(context.Background(), org, doc); err != nil {
		tb.Fatal(err)
	}
	s.server.Invalidate()
}

type (
	goqueryDoc = goquery.Document
	goquerySel = goquery.Selection
)

func goqueryNew(res *http.Response) (*goquery.Document, error) {
	return goquery.NewDocumentFromReader(res.Body)
}

// mustPDFText fetches the PDF at path and checks that its text, with
// white space made single, holds each of lines.
func (s *testSite) mustPDFText(t *testing.T, path string, lines ...string) {
	t.Helper()
	res, body := s.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("PDF %s: %d", path, res.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Body(t, []byte(body))), " ")
	for _, line := range lines {
		if !strings.Contains(text, line) {
			t.Errorf("PDF %s lacks %q:\n%s", path, line, text)
		}
	}
}
