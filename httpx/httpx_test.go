package httpx

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// serve runs one request through Handler around mux and returns the
// recorded response.
func serve(h http.Handler, opt Options, req *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	Handler(h, opt).ServeHTTP(w, req)
	return w
}

func TestSecurityHeaders(t *testing.T) {
	mux := NewMux()
	mux.HandleFunc("GET /p", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "p") })
	mux.HandleFunc("GET /own", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
	})
	tests := []struct{ path, policy string }{
		{"/p", Policy},
		{"/own", "default-src 'none'"}, // a response may set a stricter one
		{"/nergens", Policy},
	}
	for _, tt := range tests {
		w := serve(mux, Options{Logger: slog.New(slog.DiscardHandler)}, httptest.NewRequest("GET", tt.path, nil))
		h := w.Header()
		if h.Get("Content-Security-Policy") != tt.policy || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" {
			t.Errorf("%s: headers %v", tt.path, h)
		}
	}
	if !strings.Contains(Policy, "script-src 'none'") {
		t.Errorf("the policy allows scripts: %s", Policy)
	}
}

func TestRecoverLogAndCount(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := NewMetrics()
	mux := NewMux()
	mux.HandleFunc("GET /boom/{id}", func(w http.ResponseWriter, r *http.Request) { panic("kapot") })
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	w := serve(mux, Options{Logger: log, Metrics: m}, httptest.NewRequest("GET", "/boom/7", nil))
	if w.Code != 500 || !strings.Contains(w.Body.String(), "Er ging iets mis") {
		t.Errorf("panic: %d %q", w.Code, w.Body.String())
	}
	serve(mux, Options{Logger: log, Metrics: m}, httptest.NewRequest("GET", "/ok", nil))
	serve(mux, Options{Logger: log, Metrics: m}, httptest.NewRequest("GET", "/nergens", nil))
	for _, want := range []string{`msg=panic method=GET path=/boom/7 route="GET /boom/{id}" panic=kapot`,
		`msg=request method=GET path=/boom/7 route="GET /boom/{id}" status=500`,
		`level=DEBUG msg=request method=GET path=/ok route="GET /ok" status=200 bytes=2`,
		`level=INFO msg=request method=GET path=/nergens route=unmatched status=404`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, logs.String())
		}
	}
	metrics := httptest.NewRecorder()
	m.ServeHTTP(metrics, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{`koers_http_requests_total{route="GET /boom/{id}",status="500"} 1`,
		`koers_http_requests_total{route="GET /ok",status="200"} 1`,
		`koers_http_requests_total{route="unmatched",status="404"} 1`} {
		if !strings.Contains(metrics.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestSetRoute: a handler behind one pattern names the kind it serves.
func TestSetRoute(t *testing.T) {
	m := NewMetrics()
	mux := NewMux()
	mux.HandleFunc("GET /d/{path...}", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".pdf") {
			SetRoute(r, "GET /d/{path...}.pdf")
		}
	})
	for _, p := range []string{"/d/a/b", "/d/a/b.pdf", "/d/c.pdf"} {
		serve(mux, Options{Logger: slog.New(slog.DiscardHandler), Metrics: m}, httptest.NewRequest("GET", p, nil))
	}
	w := httptest.NewRecorder()
	m.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{`koers_http_requests_total{route="GET /d/{path...}",status="200"} 1`,
		`koers_http_requests_total{route="GET /d/{path...}.pdf",status="200"} 2`} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("metrics lack %s:\n%s", want, w.Body.String())
		}
	}
}

func TestBodyLimit(t *testing.T) {
	mux := NewMux()
	mux.HandleFunc("POST /form", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			Plain(w, Status(err), err.Error())
			return
		}
		io.WriteString(w, "ok")
	})
	mux.HandleFunc("POST /bundle", func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.ReadAll(r.Body); err != nil {
			Plain(w, Status(err), err.Error())
			return
		}
		io.WriteString(w, "ok")
	})
	opt := Options{Logger: slog.New(slog.DiscardHandler), MaxBody: 100, BodyLimit: func(r *http.Request) int64 {
		if r.URL.Path == "/bundle" {
			return 1000
		}
		return 0
	}}
	tests := []struct {
		name   string
		path   string
		body   io.Reader
		length int64
		status int
	}{
		{"small", "/form", strings.NewReader("a=1"), 3, 200},
		{"announced too large", "/form", strings.NewReader(strings.Repeat("a", 101)), 101, 413},
		{"chunked too large", "/form", io.MultiReader(strings.NewReader("a="), strings.NewReader(strings.Repeat("b", 200))), -1, 413},
		{"a bundle over MaxBody", "/bundle", strings.NewReader(strings.Repeat("a", 900)), 900, 200},
		{"a chunked bundle over MaxBody", "/bundle", io.MultiReader(strings.NewReader(strings.Repeat("b", 900))), -1, 200},
		{"a bundle over its limit", "/bundle", strings.NewReader(strings.Repeat("a", 1001)), 1001, 413},
		{"a chunked bundle over its limit", "/bundle", io.MultiReader(strings.NewReader(strings.Repeat("b", 1001))), -1, 413},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("POST", tt.path, tt.body)
		req.ContentLength = tt.length
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if w := serve(mux, opt, req); w.Code != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, w.Code, tt.status)
		}
	}
}

// TestCrossOrigin: every state-changing route refuses a browser's request
// from another site; reading stays open.
func TestCrossOrigin(t *testing.T) {
	mux := NewMux()
	hits := 0
	mux.HandleFunc("POST /selectie", func(w http.ResponseWriter, r *http.Request) { hits++ })
	mux.HandleFunc("GET /selectie", func(w http.ResponseWriter, r *http.Request) { hits++ })
	tests := []struct {
		method string
		header []string
		status int
	}{
		{"POST", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"POST", []string{"Sec-Fetch-Site", "same-site"}, 403},
		{"POST", []string{"Origin", "https://evil.example"}, 403},
		{"POST", []string{"Sec-Fetch-Site", "same-origin"}, 200},
		{"POST", []string{"Origin", "http://example.com"}, 200}, // the request's own host
		{"POST", nil, 200}, // not a browser
		{"GET", []string{"Sec-Fetch-Site", "cross-site"}, 200},
	}
	want := 0
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, "http://example.com/selectie", strings.NewReader("pagina=1"))
		for i := 0; i+1 < len(tt.header); i += 2 {
			req.Header.Set(tt.header[i], tt.header[i+1])
		}
		w := serve(mux, Options{Logger: slog.New(slog.DiscardHandler)}, req)
		if w.Code != tt.status {
			t.Errorf("%s %v: %d, want %d", tt.method, tt.header, w.Code, tt.status)
		}
		if tt.status == 200 {
			want++
		}
	}
	if hits != want {
		t.Errorf("handler ran %d times, want %d: a refused request reached it", hits, want)
	}
}

func TestLocalPath(t *testing.T) {
	tests := []struct {
		in, out string
		ok      bool
	}{
		{"/leiderdorp", "/leiderdorp", true},
		{"/leiderdorp/begroting-2022/p#pdf", "/leiderdorp/begroting-2022/p#pdf", true},
		{"/zoeken?q=jeugd", "/zoeken?q=jeugd", true},
		{"/%2Fevil.example", "/%2Fevil.example", true}, // an escaped slash is a character of the segment
		{"/a b", "/a%20b", true},
		{"/é", "/%C3%A9", true},
		{"//evil.example", "", false},
		{"/\\evil.example", "", false},
		{"/a\\b", "", false},
		{"/\t/evil.example", "", false},
		{"/\n/evil.example", "", false},
		{"/\r/evil.example", "", false},
		{"/a\x7f", "", false},
		{"/a\x00", "", false},
		{"https://evil.example/", "", false},
		{"javascript:alert(1)", "", false},
		{"evil.example", "", false},
		{"", "", false},
		{"/%zz", "", false},
	}
	for _, tt := range tests {
		out, ok := LocalPath(tt.in)
		if out != tt.out || ok != tt.ok {
			t.Errorf("LocalPath(%q) = %q, %v; want %q, %v", tt.in, out, ok, tt.out, tt.ok)
		}
	}
}

func TestPathOf(t *testing.T) {
	tests := []struct {
		segs []string
		out  string
		ok   bool
	}{
		{[]string{"leiderdorp"}, "/leiderdorp", true},
		{[]string{"leiderdorp", "begroting-2022"}, "/leiderdorp/begroting-2022", true},
		{[]string{"/evil.example"}, "/%2Fevil.example", true},
		{[]string{"\\evil.example"}, "/%5Cevil.example", true},
		{[]string{"\tevil.example"}, "/%09evil.example", true},
		{[]string{"/\tevil.example"}, "/%2F%09evil.example", true},
		{[]string{"a", ""}, "", false},
		{nil, "/", true},
	}
	for _, tt := range tests {
		out, ok := PathOf(tt.segs...)
		if out != tt.out || ok != tt.ok {
			t.Errorf("PathOf(%q) = %q, %v; want %q, %v", tt.segs, out, ok, tt.out, tt.ok)
		}
	}
}

func TestRedirect(t *testing.T) {
	tests := []struct{ to, fallback, location string }{
		{"/a/b#pdf", "/selectie", "/a/b#pdf"},
		{"//evil.example", "/selectie", "/selectie"},
		{"/\t/evil.example", "/selectie", "/selectie"},
		{"https://evil.example", "/selectie", "/selectie"},
		{"//evil.example", "//also.evil", "/"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		Redirect(w, httptest.NewRequest("POST", "/selectie", nil), tt.to, tt.fallback, http.StatusSeeOther)
		if w.Code != 303 || w.Header().Get("Location") != tt.location {
			t.Errorf("Redirect(%q): %d %q, want 303 %q", tt.to, w.Code, w.Header().Get("Location"), tt.location)
		}
	}
}

func TestHealthAndReady(t *testing.T) {
	down := errors.New("down")
	log := slog.New(slog.DiscardHandler)
	ok := func(context.Context) error { return nil }
	fail := func(context.Context) error { return down }
	tests := []struct {
		name   string
		h      http.HandlerFunc
		status int
		body   string
	}{
		{"healthy", Health(ok, log), 200, "ok"},
		{"database down", Health(fail, log), 503, "database unavailable"},
		{"ready", Ready(ok, ok, log), 200, "ready"},
		{"ready without migrations", Ready(ok, nil, log), 200, "ready"},
		{"not ready: database", Ready(fail, ok, log), 503, "database unavailable"},
		{"not ready: migrations", Ready(ok, fail, log), 503, "database migrations pending"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		tt.h(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != tt.status || strings.TrimSpace(w.Body.String()) != tt.body || w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s: %d %q %v", tt.name, w.Code, w.Body.String(), w.Header())
		}
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		err    error
		status int
	}{
		{koers.Errorf(koers.EINVALID, "x"), 400},
		{koers.Errorf(koers.ENOTFOUND, "x"), 404},
		{koers.Errorf(koers.ECONFLICT, "x"), 409},
		{koers.Errorf(koers.EFORBIDDEN, "x"), 403},
		{koers.Errorf(koers.EUNAUTHORIZED, "x"), 401},
		{errors.New("x"), 500},
		{&http.MaxBytesError{Limit: 1}, 413},
	}
	for _, tt := range tests {
		if got := Status(tt.err); got != tt.status {
			t.Errorf("Status(%v) = %d, want %d", tt.err, got, tt.status)
		}
	}
}

func TestQuery(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"q=+jeugd+", "jeugd"},
		{"q=" + strings.Repeat("a", 300), strings.Repeat("a", 10)},
		{"q=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", "ééééé"}, // a cut never splits a character
		{"q=%FF%FEa", "a"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/zoeken?"+tt.raw, nil)
		if got := Query(r, "q", 10); got != tt.want {
			t.Errorf("Query(%s) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	mux, sub := NewMux(), NewMux()
	mux.HandleFunc("GET /b", func(http.ResponseWriter, *http.Request) {})
	sub.HandleFunc("GET /{org}", func(http.ResponseWriter, *http.Request) {})
	mux.Handle("GET /", sub)
	if got := strings.Join(mux.Patterns(), "|"); got != "GET /|GET /b|GET /{org}" {
		t.Errorf("patterns = %s", got)
	}
}
