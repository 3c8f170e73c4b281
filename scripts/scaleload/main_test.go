package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// site serves a sitemap (or a sitemap index of two) and counts a cache as
// koers's /metrics does: a page is a miss the first time, then a hit. A
// request for /a takes 30 ms and evicts the hot page, /a/d/c/p1, which is
// therefore rendered again once during the crawl; /b answers 410.
func site(t *testing.T, index bool) *httptest.Server {
	var srv *httptest.Server
	var mu sync.Mutex
	hits, misses, evictions := 0, 0, 0
	seen := map[string]bool{}
	mux := http.NewServeMux()
	urlset := func(paths ...string) string {
		s := `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`
		for _, p := range paths {
			s += "<url><loc>" + srv.URL + p + "</loc><lastmod>2030-01-01</lastmod></url>"
		}
		return s + "</urlset>"
	}
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		if !index {
			w.Write([]byte(urlset("/a", "/a/d/c/p1", "/b")))
			return
		}
		w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
			"<sitemap><loc>" + srv.URL + "/sitemap-organisaties.xml</loc></sitemap>" +
			"<sitemap><loc>" + srv.URL + "/a/sitemap.xml</loc></sitemap><sitemap><loc>" + srv.URL + "/b/sitemap.xml</loc></sitemap></sitemapindex>"))
	})
	mux.HandleFunc("/sitemap-organisaties.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(urlset("/a"))) })
	mux.HandleFunc("/a/sitemap.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(urlset("/a/d/c/p1"))) })
	mux.HandleFunc("/b/sitemap.xml", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(urlset("/b"))) })
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "# HELP koers_cache_hits_total Responses served from the page cache.\n# TYPE koers_cache_hits_total counter\n"+
			"koers_cache_hits_total %d\nkoers_cache_misses_total %d\nkoers_cache_evictions_total %d\n", hits, misses, evictions)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if seen[r.URL.Path] {
			hits++
		} else {
			seen[r.URL.Path] = true
			misses++
		}
		if r.URL.Path == "/a" {
			seen["/a/d/c/p1"] = false
			evictions++
		}
		mu.Unlock()
		switch r.URL.Path {
		case "/a":
			time.Sleep(30 * time.Millisecond)
		case "/b":
			http.Error(w, "gone", http.StatusGone)
		}
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// output runs scaleload and returns its key=value lines, the times (keys
// ending in _ms, _seconds, _rps) left out as they vary.
func output(t *testing.T, args ...string) string {
	t.Helper()
	var b strings.Builder
	if err := run(args, &b); err != nil {
		t.Fatalf("scaleload %q: %v", args, err)
	}
	var keep []string
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		key, _, _ := strings.Cut(line, "=")
		if !strings.HasSuffix(key, "_ms") && !strings.HasSuffix(key, "_seconds") && !strings.HasSuffix(key, "_rps") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func TestSitemapAndCrawl(t *testing.T) {
	for _, index := range []bool{false, true} {
		srv := site(t, index)
		file := filepath.Join(t.TempDir(), "urls.txt")
		got := output(t, "sitemap", "--base", srv.URL, "--urls", file)
		want := "sitemap_kind=urlset\nurls=3"
		if index {
			want = "sitemap_kind=index\nsitemaps=3\nsitemap_org=" + srv.URL + "/a/sitemap.xml\nsitemap_org_urls=1\nurls=3"
		}
		if got != want {
			t.Errorf("index %v: sitemap printed\n%s\nwant\n%s", index, got, want)
		}
		urls, _ := os.ReadFile(file)
		if want := srv.URL + "/a\n" + srv.URL + "/a/d/c/p1\n" + srv.URL + "/b\n"; string(urls) != want {
			t.Errorf("index %v: URLs\n%s\nwant\n%s", index, urls, want)
		}

		// The hot page is the one four segments deep, left out of the
		// crawl; the crawl meets one 410.
		got = output(t, "crawl", "--urls", file, "--concurrency", "2", "--interval", "1ms")
		lines := map[string]string{}
		for _, l := range strings.Split(got, "\n") {
			k, v, _ := strings.Cut(l, "=")
			lines[k] = v
		}
		for k, v := range map[string]string{
			"hot": srv.URL + "/a/d/c/p1", "hot_before_requests": "100", "hot_before_not_ok": "none",
			"crawl_requests": "1", "crawl_of": "2", "crawl_not_ok": "410×1", "hot_not_ok": "none",
			"crawl_cache_misses": "3", "crawl_cache_evictions": "1", "hot_misses": "1",
		} {
			if lines[k] != v {
				t.Errorf("index %v: crawl printed %s=%s, want %s\n%s", index, k, lines[k], v, got)
			}
		}
		if !strings.HasSuffix(lines["crawl_slowest_1"], " ms "+srv.URL+"/a") || !strings.HasSuffix(lines["crawl_slowest_2"], " ms "+srv.URL+"/b") ||
			lines["crawl_slowest_3"] != "" {
			t.Errorf("index %v: the slowest URLs are\n%s", index, got)
		}
		if lines["hot_requests"] == "" || lines["hot_requests"] == "0" {
			t.Errorf("index %v: the hot page was not asked for during the crawl:\n%s", index, got)
		}
	}
}

// TestSearch searches a server that answers 503 for "druk" and keeps a
// search cache by query and organisation, as koers does.
func TestSearch(t *testing.T) {
	var mu sync.Mutex
	var searched []string
	seen := map[string]bool{}
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/metrics" {
			fmt.Fprintf(w, "# TYPE koers_search_cache_hits_total counter\nkoers_search_cache_hits_total %d\n"+
				"koers_http_requests_total{route=\"GET /zoeken\",status=\"200\"} 12\n", hits)
			return
		}
		q := r.URL.Query()
		key := q.Get("organisatie") + "|" + q.Get("q")
		searched = append(searched, key)
		if seen[key] {
			hits++
		}
		seen[key] = true
		if q.Get("q") == "druk" {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	queries, orgs := filepath.Join(dir, "queries.txt"), filepath.Join(dir, "organisations.txt")
	if err := os.WriteFile(queries, []byte("openbaar vervoer\n\nfinanciën\ndruk\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(orgs, []byte("gemeente-001\ngemeente-002\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args     []string
		want     string
		searched string // in order; with more than one connection, sorted
	}{
		{nil, "search_requests=2\nsearch_not_ok=503×1\nsearch_unfinished=0\nsearch_cache_hits=0",
			"|openbaar vervoer,|financiën,|druk"},
		{[]string{"--connections", "3", "--count", "7"}, "search_requests=5\nsearch_not_ok=503×2\nsearch_unfinished=0\nsearch_cache_hits=7",
			"|druk,|druk,|financiën,|financiën,|openbaar vervoer,|openbaar vervoer,|openbaar vervoer"},
		{[]string{"--organisations", orgs, "--count", "7"}, "search_requests=5\nsearch_not_ok=503×2\nsearch_unfinished=0\nsearch_cache_hits=1",
			"gemeente-001|openbaar vervoer,gemeente-001|financiën,gemeente-001|druk," +
				"gemeente-002|openbaar vervoer,gemeente-002|financiën,gemeente-002|druk,gemeente-001|openbaar vervoer"},
	} {
		searched = nil
		got := output(t, append([]string{"search", "--base", srv.URL, "--queries", queries}, tt.args...)...)
		if got != tt.want {
			t.Errorf("search %q printed\n%s\nwant\n%s", tt.args, got, tt.want)
		}
		if slices.Contains(tt.args, "--connections") {
			slices.Sort(searched)
		}
		if s := strings.Join(searched, ","); s != tt.searched {
			t.Errorf("search %q searched for\n%s\nwant\n%s", tt.args, s, tt.searched)
		}
	}
}

func TestPercentile(t *testing.T) {
	var times []time.Duration
	for i := 1; i <= 200; i++ {
		times = append(times, time.Duration(i)*time.Millisecond)
	}
	for _, tt := range []struct {
		n, p int
		want time.Duration
	}{{200, 50, 100}, {200, 99, 198}, {1, 99, 1}, {2, 50, 1}, {3, 50, 2}, {100, 99, 99}} {
		if got := percentile(times[:tt.n], tt.p); got != tt.want*time.Millisecond {
			t.Errorf("p%d of 1..%d ms: %v, want %v ms", tt.p, tt.n, got, tt.want)
		}
	}
}

func TestSlowest(t *testing.T) {
	s := &slowest{n: 3}
	for i, d := range []time.Duration{5, 1, 9, 7, 3, 9, 8} {
		s.add(itoa(i), d)
	}
	var got []string
	for _, e := range s.list {
		got = append(got, e.url+":"+itoa(int(e.took)))
	}
	if want := "2:9 5:9 6:8"; strings.Join(got, " ") != want {
		t.Errorf("slowest: %s, want %s", strings.Join(got, " "), want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestPort(t *testing.T) {
	var b strings.Builder
	if err := run([]string{"port"}, &b); err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(strings.TrimSpace(b.String()))
	if err != nil || port <= 0 || port > 65535 {
		t.Fatalf("port printed %q", b.String())
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		t.Fatalf("the port is not free: %v", err)
	}
	ln.Close()
}

func TestBadArguments(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "want a command: sitemap, search, crawl or port"},
		{[]string{"load"}, `unknown command "load": want sitemap, search, crawl or port`},
		{[]string{"sitemap", "--base", "http://127.0.0.1:1"}, "sitemap: --base and --urls are required"},
		{[]string{"search", "--base", "http://127.0.0.1:1", "--queries", "/nonexistent"}, "open /nonexistent: no such file or directory"},
		{[]string{"crawl", "--urls", "/nonexistent"}, "open /nonexistent: no such file or directory"},
	} {
		err := run(tt.args, &strings.Builder{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("scaleload %q: %v, want %s", tt.args, err, tt.want)
		}
	}
}
