package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLimiter(3, 10*time.Second)
	l.now = func() time.Time { return now }
	steps := []struct {
		advance time.Duration
		client  string
		want    bool
	}{
		{0, "a", true}, {0, "a", true}, {0, "a", true},
		{0, "a", false}, // the burst is spent
		{0, "b", true},  // another client has its own
		{5 * time.Second, "a", false},
		{5 * time.Second, "a", true}, // one back after the interval
		{0, "a", false},
		{time.Hour, "a", true}, {0, "a", true}, {0, "a", true},
		{0, "a", false}, // refilled to the burst, not beyond
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if got := l.allow(s.client); got != s.want {
			t.Errorf("step %d (%s): %v, want %v", i, s.client, got, s.want)
		}
	}
}

func TestClientAddress(t *testing.T) {
	tests := []struct {
		header, remote string
		values         []string
		want           string
	}{
		{"", "192.0.2.1:5000", nil, "192.0.2.1"},
		{"", "192.0.2.1:5000", []string{"198.51.100.7"}, "192.0.2.1"}, // not trusted unless configured
		{"X-Forwarded-For", "10.0.0.1:5000", []string{"203.0.113.9, 198.51.100.7"}, "198.51.100.7"},
		{"X-Forwarded-For", "10.0.0.1:5000", []string{"203.0.113.9", "198.51.100.8"}, "198.51.100.8"},
		{"X-Real-IP", "10.0.0.1:5000", nil, "10.0.0.1"},
		{"X-Real-IP", "[2001:db8::1]:443", nil, "2001:db8::1"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/selectie", nil)
		r.RemoteAddr = tt.remote
		for _, v := range tt.values {
			name := tt.header
			if name == "" {
				name = "X-Forwarded-For"
			}
			r.Header.Add(name, v)
		}
		s := &Server{clientHeader: tt.header}
		if got := s.clientAddress(r); got != tt.want {
			t.Errorf("%s %s %v: %q, want %q", tt.header, tt.remote, tt.values, got, tt.want)
		}
	}
}

// selectionRows counts what the store keeps of all selections.
func (s *testSite) selectionRows(t *testing.T) int {
	t.Helper()
	var n int
	if err := s.store.DB().QueryRow("SELECT COUNT(*) FROM selections").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSelectionsWithoutCookie: requests without a cookie (or with one the
// store knows nothing under) each start a selection; one client may start
// a burst of them, then no more until time passes.
func TestSelectionsWithoutCookie(t *testing.T) {
	site := mustSite(t)
	id, _ := newReader(t, site).page(t, begrotingPath).Find(`.pdf-controls input[name="pagina"]`).Attr("value")
	post := func(cookie string) *http.Response {
		req, _ := http.NewRequest(http.MethodPost, site.http.URL+"/selectie", strings.NewReader(url.Values{"pagina": {id}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: selectionCookie, Value: cookie})
		}
		res, err := noRedirects.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	var kept string
	for i := 0; i < selectionBurst; i++ {
		res := post("")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("selection %d: %d", i, res.StatusCode)
		}
		for _, c := range res.Cookies() {
			kept = c.Value
		}
	}
	if n := site.selectionRows(t); n != selectionBurst {
		t.Fatalf("%d rows after %d selections", n, selectionBurst)
	}
	if res := post(""); res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("one selection too many: %d", res.StatusCode)
	}
	if res := post(strings.Repeat("ab", 16)); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a made-up cookie: %d", res.StatusCode)
	}
	if n := site.selectionRows(t); n != selectionBurst {
		t.Errorf("%d rows after refusals, want %d", n, selectionBurst)
	}
	// A reader with a selection goes on as before.
	if res := post(kept); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a reader with a selection: %d", res.StatusCode)
	}
}

// TestCrossOriginRefused: every state-changing route of the site refuses
// a browser's request from another site, and nothing is written.
func TestCrossOriginRefused(t *testing.T) {
	site := mustSite(t)
	id, _ := newReader(t, site).page(t, begrotingPath).Find(`.pdf-controls input[name="pagina"]`).Attr("value")
	var changing []string
	for _, p := range site.mux.Patterns() {
		method, path, _ := strings.Cut(p, " ")
		if method != "GET" && method != "HEAD" {
			changing = append(changing, path)
		}
	}
	if len(changing) < 2 {
		t.Fatalf("state-changing routes: %v", changing)
	}
	for _, path := range changing {
		for _, h := range [][2]string{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}} {
			req, _ := http.NewRequest(http.MethodPost, site.http.URL+path, strings.NewReader(url.Values{"pagina": {id}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set(h[0], h[1])
			res, err := noRedirects.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("POST %s with %s: %d, want 403", path, h[0], res.StatusCode)
			}
		}
	}
	if n := site.selectionRows(t); n != 0 {
		t.Errorf("%d selection rows written by refused requests", n)
	}
	// The same form from the site itself is taken.
	req, _ := http.NewRequest(http.MethodPost, site.http.URL+"/selectie", strings.NewReader(url.Values{"pagina": {id}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", site.http.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || site.selectionRows(t) != 1 {
		t.Errorf("same-origin POST: %d", res.StatusCode)
	}
}
