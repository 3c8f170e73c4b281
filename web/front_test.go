package web

import (
	"context"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers/httpx"
)

// TestFrontServesWhatRoutingServes: a cached response served by Front,
// ahead of routing, is the one the routed request gets, header for header,
// for every kind of cached page and every way of asking for it.
func TestFrontServesWhatRoutingServes(t *testing.T) {
	site := mustSite(t)
	paths := []string{
		"/",
		"/leiderdorp",
		"/leiderdorp/begroting-2022",
		"/leiderdorp/begroting-2022.pdf",
		begrotingPath,
		begrotingPath + ".pdf",
		begrotingPath + "/indicatoren.csv",
		"/leiderdorp/indicatoren",
		"/leiderdorp/logo.svg",
		"/leiderdorp/bestaat-niet",
	}
	do := func(h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	for _, path := range paths {
		warm := do(site.routed, http.MethodGet, path)
		if w := httptest.NewRecorder(); site.server.Front(w, httptest.NewRequest(http.MethodGet, path, nil)) == "" {
			if warm.Code == http.StatusOK {
				t.Errorf("%s: Front does not serve the cached page", path)
			}
			continue
		}
		for _, header := range [][]string{nil, {"Accept-Encoding", "gzip"}, {"If-None-Match", warm.Header().Get("ETag")}} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				front, routed := do(site.handler, method, path, header...), do(site.routed, method, path, header...)
				if front.Code != routed.Code || !slices.Equal(front.Body.Bytes(), routed.Body.Bytes()) ||
					!maps.EqualFunc(front.Header(), routed.Header(), slices.Equal) {
					t.Errorf("%s %s %v: front %d %v, routed %d %v", method, path, header, front.Code, front.Header(), routed.Code, routed.Header())
				}
			}
		}
	}
}

// TestFrontLoopServesWhatNetHTTPServes: the front loop of httpx.Server,
// which answers cached pages without net/http, gives every client what
// net/http with Front gives it, for every kind of cached page and every
// way of asking for it.
func TestFrontLoopServesWhatNetHTTPServes(t *testing.T) {
	site := mustSite(t)
	srv := &httpx.Server{HTTP: &http.Server{Handler: site.handler},
		Options: httpx.Options{Logger: site.server.log, Front: site.server.Front}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	loop := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()
	get := func(base, method, path string, header ...string) (*http.Response, []byte) {
		req, _ := http.NewRequest(method, base+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		res.Header.Del("Date")
		client.CloseIdleConnections() // a new connection starts in the front loop
		return res, body
	}
	for _, path := range []string{"/", "/leiderdorp", "/leiderdorp/begroting-2022", "/leiderdorp/begroting-2022.pdf", begrotingPath,
		begrotingPath + "/indicatoren.csv", "/leiderdorp/indicatoren", "/leiderdorp/logo.svg", "/leiderdorp/bestaat-niet"} {
		warm, _ := get(site.http.URL, http.MethodGet, path)
		for _, header := range [][]string{nil, {"Accept-Encoding", "gzip"}, {"If-None-Match", warm.Header.Get("ETag")}, {"Cookie", "a=b"}} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				a, aBody := get(loop, method, path, header...)
				b, bBody := get(site.http.URL, method, path, header...)
				if a.StatusCode != b.StatusCode || !slices.Equal(aBody, bBody) || !maps.EqualFunc(a.Header, b.Header, slices.Equal) {
					t.Errorf("%s %s %v: front loop %d %v, net/http %d %v", method, path, header, a.StatusCode, a.Header, b.StatusCode, b.Header)
				}
			}
		}
	}
	// Six of the paths are cached pages, each asked for six ways without a
	// cookie.
	if srv.Answered() < 36 {
		t.Errorf("the front loop answered %d requests, handed %d connections", srv.Answered(), srv.Handed())
	}
}

// TestFrontPassesOn: what Front cannot answer from the cache exactly as
// routing would goes on to routing.
func TestFrontPassesOn(t *testing.T) {
	site := mustSite(t)
	site.get(t, begrotingPath)
	cookie := selectionCookie + "=" + strings.Repeat("ab", 16)
	for _, tc := range []struct {
		name, target, cookie string
	}{
		{"a query may change the key", begrotingPath + "?x=1", ""},
		{"an empty query too", begrotingPath + "?", ""},
		{"a selection personalises the page", begrotingPath, cookie},
		{"not cached", "/leiderdorp/begroting-2022/beleidsbegroting", ""},
	} {
		req := httptest.NewRequest(http.MethodGet, tc.target, nil)
		if tc.cookie != "" {
			req.Header.Set("Cookie", tc.cookie)
		}
		if route := site.server.Front(httptest.NewRecorder(), req); route != "" {
			t.Errorf("%s: Front served %s as %q", tc.name, tc.target, route)
		}
	}
	// The same page without the query is served, under the page's route.
	if route := site.server.Front(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, begrotingPath, nil)); route != "GET /{org}/{doc}/{path...}" {
		t.Errorf("cached page served as %q", route)
	}
}

// TestFrontCountsByRoute: requests Front answers are counted under the
// route that rendered them, a PDF as a PDF.
func TestFrontCountsByRoute(t *testing.T) {
	site := mustSite(t)
	// In process: over HTTP the client may read the response before the
	// server has counted it.
	serve := func(path string) string {
		w := httptest.NewRecorder()
		site.handler.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w.Body.String()
	}
	for range 3 {
		serve(begrotingPath + ".pdf")
	}
	body := serve("/metrics")
	want := `koers_http_requests_total{route="GET /{org}/{doc}/{path...}.pdf",status="200"} 3`
	if !strings.Contains(body, want) {
		t.Errorf("metrics lack %s:\n%s", want, body)
	}
}

// discard is a ResponseWriter that keeps nothing, reusing its header map
// as net/http does per connection.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// TestFrontAllocatesNothing: serving a cached page through the whole HTTP
// layer (security headers, metrics, logging, the cache, gzip, ETag)
// allocates nothing beyond what net/http does itself.
func TestFrontAllocatesNothing(t *testing.T) {
	site := mustSite(t)
	site.cache.SetInterval(1 << 62) // the revision check is a query now and then, not per request
	site.get(t, begrotingPath)
	req := httptest.NewRequest(http.MethodGet, begrotingPath, nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	w := &discard{h: http.Header{}}
	allocs := testing.AllocsPerRun(1000, func() {
		clear(w.h)
		site.handler.ServeHTTP(w, req)
	})
	if w.h.Get("Content-Encoding") != "gzip" {
		t.Fatalf("not served gzipped: %v", w.h)
	}
	if allocs > 0 {
		t.Errorf("%.1f allocations per cached request, want 0", allocs)
	}
}
