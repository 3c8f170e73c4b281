package admin

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/web"
	"github.com/koers-nl/koers/web/httpcache"
)

// cheap keeps password hashing fast in tests.
var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1}

// testPassword is every test user's password.
const testPassword = "tulp-fiets-molen-kaas"

// office is the back office on a fresh SQLite database holding the demo
// documents of two organisations, with a user per role in each.
type office struct {
	t       testing.TB
	store   *sqlite.Store
	server  *Server
	handler http.Handler
	orgs    [2]*koers.Organisation // leiderdorp, voorbeeldgemeente
	users   map[string]*koers.User // "leiderdorp/redacteur" ...
}

func newOffice(t testing.TB) *office {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "koers.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := demo.Load(ctx, store); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(testLog{t}, nil))
	cache := httpcache.NewCache(store, httpcache.Options{Interval: time.Millisecond})
	site, err := web.New(store.Published(), store, cache, web.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(store, site, Options{Logger: log, Params: cheap, Published: site.Invalidate})
	if err != nil {
		t.Fatal(err)
	}
	o := &office{t: t, store: store, server: srv, users: map[string]*koers.User{}}
	for i, slug := range []string{"leiderdorp", "voorbeeldgemeente"} {
		if o.orgs[i], err = store.OrganisationBySlug(ctx, slug); err != nil {
			t.Fatal(err)
		}
	}
	hash, err := hashFor(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, org := range o.orgs {
		for _, role := range koers.Roles {
			u := &koers.User{Email: string(role) + "@" + org.Slug + ".nl", Name: role.Label() + " " + org.Name,
				Grants: []koers.Grant{{OrganisationID: org.ID, Role: role}}}
			if err := store.CreateUser(ctx, u, hash); err != nil {
				t.Fatal(err)
			}
			o.users[org.Slug+"/"+string(role)] = u
		}
	}
	o.handler = o.mount(srv)
	return o
}

// mount serves the back office (and the site, for previews) as koers
// serve does.
func (o *office) mount(srv *Server) http.Handler {
	return httpx.Handler(newMux(srv), httpx.Options{Logger: srv.log, BodyLimit: BodyLimit})
}

func newMux(srv *Server) *httpx.Mux {
	mux := httpx.NewMux()
	srv.site.Register(mux)
	srv.Register(mux)
	return mux
}

// client is one browser: its cookies.
type client struct {
	o       *office
	cookies map[string]*http.Cookie
	addr    string
}

func (o *office) browser() *client {
	return &client{o: o, cookies: map[string]*http.Cookie{}, addr: "192.0.2.1:1234"}
}

// do sends a request as this browser would from the site itself; POST
// bodies are forms.
func (c *client) do(method, target string, form url.Values) *httptest.ResponseRecorder {
	c.o.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	req.RemoteAddr = c.addr
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if method == http.MethodPost {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.o.handler.ServeHTTP(rec, req)
	for _, ck := range rec.Result().Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck
		}
	}
	return rec
}

// signIn signs the browser in as a user of the fixture, by key
// ("leiderdorp/redacteur").
func (o *office) signIn(key string) *client {
	o.t.Helper()
	c := o.browser()
	rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {o.users[key].Email}, "wachtwoord": {testPassword}})
	if rec.Code != http.StatusSeeOther {
		o.t.Fatalf("sign in as %s: status %d\n%s", key, rec.Code, rec.Body)
	}
	return c
}

func TestSignIn(t *testing.T) {
	o := newOffice(t)
	u := o.users["leiderdorp/redacteur"]
	tests := []struct {
		name, email, password string
		status                int
		want                  string
	}{
		{"wrong password", u.Email, "niet-het-wachtwoord", http.StatusUnauthorized, refused},
		{"unknown account", "niemand@leiderdorp.nl", testPassword, http.StatusUnauthorized, refused},
		{"no e-mail address", "", testPassword, http.StatusUnprocessableEntity, "Vul uw e-mailadres in."},
		{"no password", u.Email, "", http.StatusUnprocessableEntity, "Vul uw wachtwoord in."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := o.browser()
			c.addr = "192.0.2.9:1" // its own address: the failures of others do not count
			rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {tt.email}, "wachtwoord": {tt.password}})
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
				t.Fatalf("status %d, want %d with %q:\n%s", rec.Code, tt.status, tt.want, rec.Body)
			}
			if len(c.cookies) != 0 {
				t.Errorf("a refused sign-in set cookies %v", c.cookies)
			}
		})
	}

	t.Run("success", func(t *testing.T) {
		c := o.browser()
		c.cookies["koers-sessie"] = &http.Cookie{Name: "koers-sessie", Value: "planted-by-an-attacker"}
		rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {"  Redacteur@Leiderdorp.nl "}, "wachtwoord": {testPassword},
			"terug": {"/beheer/leiderdorp"}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/beheer/leiderdorp" {
			t.Fatalf("status %d to %q", rec.Code, rec.Header().Get("Location"))
		}
		ck := c.cookies["koers-sessie"]
		if ck == nil || ck.Value == "planted-by-an-attacker" || len(ck.Value) != 43 || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" {
			t.Fatalf("session cookie %+v", ck)
		}
		if rec := c.do("GET", "/beheer", nil); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Gemeente Leiderdorp") {
			t.Fatalf("signed in, /beheer: %d\n%s", rec.Code, rec.Body)
		}
		c.do("POST", "/beheer/afmelden", url.Values{})
		if _, ok := c.cookies["koers-sessie"]; ok {
			t.Error("sign-out kept the cookie")
		}
		c.cookies["koers-sessie"] = ck // the old cookie is worth nothing now
		if rec := c.do("GET", "/beheer", nil); rec.Code != http.StatusSeeOther {
			t.Errorf("after sign-out, the old session still works: %d", rec.Code)
		}
	})

	t.Run("open redirect", func(t *testing.T) {
		for _, back := range []string{"https://evil.example/", "//evil.example/beheer", "/\\evil.example", "/leiderdorp", "javascript:alert(1)"} {
			c := o.browser()
			rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {u.Email}, "wachtwoord": {testPassword}, "terug": {back}})
			if got := rec.Header().Get("Location"); got != "/beheer" {
				t.Errorf("back %q: sent to %q", back, got)
			}
		}
	})
}

func TestSignInThrottled(t *testing.T) {
	o := newOffice(t)
	u := o.users["leiderdorp/publicist"]
	c := o.browser()
	for i := range koers.FreeFailures {
		c.addr = "198.51.100." + string(rune('1'+i)) + ":1" // other addresses: the account's count
		if rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {u.Email}, "wachtwoord": {"fout"}}); rec.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: status %d", i+1, rec.Code)
		}
	}
	rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {u.Email}, "wachtwoord": {testPassword}})
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht een minuut") {
		t.Fatalf("locked account, right password: status %d\n%s", rec.Code, rec.Body)
	}
	// An unknown account is locked the same way: the answer does not tell
	// whether it exists.
	for i := range koers.FreeFailures {
		c.addr = "203.0.113." + string(rune('1'+i)) + ":1"
		c.do("POST", "/beheer/aanmelden", url.Values{"email": {"niemand@leiderdorp.nl"}, "wachtwoord": {"fout"}})
	}
	c.addr = "203.0.113.99:1"
	rec2 := c.do("POST", "/beheer/aanmelden", url.Values{"email": {"niemand@leiderdorp.nl"}, "wachtwoord": {"fout"}})
	if rec2.Code != http.StatusTooManyRequests {
		t.Fatalf("unknown account after %d failures: status %d", koers.FreeFailures, rec2.Code)
	}
	// Later, the account may try again.
	defer func(f func() time.Time) { now = f }(now)
	now = func() time.Time { return time.Now().Add(koers.FailureMemory) }
	if rec := c.do("POST", "/beheer/aanmelden", url.Values{"email": {u.Email}, "wachtwoord": {testPassword}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("after the wait: status %d\n%s", rec.Code, rec.Body)
	}
}

func TestSessionTimeouts(t *testing.T) {
	o := newOffice(t)
	defer func(f func() time.Time) { now = f }(now)
	for _, tt := range []struct {
		name  string
		steps []time.Duration // requests at these times after sign-in
		ok    bool            // whether the last one is still signed in
	}{
		{"active", []time.Duration{20 * time.Minute, 40 * time.Minute, 59 * time.Minute}, true},
		{"idle", []time.Duration{koers.SessionIdle + time.Minute}, false},
		{"absolute", func() []time.Duration {
			var s []time.Duration
			for d := 20 * time.Minute; d <= koers.SessionLifetime+time.Minute; d += 20 * time.Minute {
				s = append(s, d)
			}
			return s
		}(), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			now = func() time.Time { return start }
			c := o.signIn("leiderdorp/redacteur")
			var rec *httptest.ResponseRecorder
			for _, d := range tt.steps {
				now = func() time.Time { return start.Add(d) }
				rec = c.do("GET", "/beheer", nil)
			}
			if got := rec.Code == http.StatusOK; got != tt.ok {
				t.Fatalf("signed in after %v: %v (status %d), want %v", tt.steps[len(tt.steps)-1], got, rec.Code, tt.ok)
			}
		})
	}
}

func TestBackOfficeHeaders(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	for _, path := range []string{"/beheer", "/beheer/aanmelden", "/beheer/leiderdorp", "/beheer/bestaat-niet"} {
		rec := c.do("GET", path, nil)
		h := rec.Header()
		if h.Get("Cache-Control") != "no-store" || h.Get("Content-Security-Policy") != policy ||
			!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || h.Get("X-Robots-Tag") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	// A form posted from another site is refused before it is read.
	req := httptest.NewRequest("POST", "/beheer/aanmelden", strings.NewReader("email=x&wachtwoord=y"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	rec := httptest.NewRecorder()
	o.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d", rec.Code)
	}
}

// testLog sends the server's log to the test's, shown on failure.
type testLog struct{ t testing.TB }

func (w testLog) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// hashFor hashes a password at the tests' cost.
func hashFor(password string) (string, error) { return auth.Hash(password, cheap) }

// TestFormAfterSessionEnded: a form sent after the session ended says why
// it was not saved and leads to the sign-in, back to the page it came from.
func TestFormAfterSessionEnded(t *testing.T) {
	o := newOffice(t)
	c := o.browser()
	req := httptest.NewRequest("POST", "/beheer/leiderdorp/concepten/1/eigenschappen", strings.NewReader("title=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Referer", "http://example.com/beheer/leiderdorp/concepten/1")
	req.RemoteAddr = c.addr
	rec := httptest.NewRecorder()
	o.handler.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusUnauthorized || !strings.Contains(body, "Wat u verstuurde is niet opgeslagen.") ||
		!strings.Contains(body, `href="/beheer/aanmelden?terug=%2Fbeheer%2Fleiderdorp%2Fconcepten%2F1"`) {
		t.Fatalf("status %d\n%s", rec.Code, body)
	}
}

// TestPasswordGuessesThrottled: guessing the current password in the
// password form counts as failed sign-ins of the account.
func TestPasswordGuessesThrottled(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/redacteur")
	form := url.Values{"huidig": {"fout"}, "nieuw": {"paars-giraf-onweer-zeilboot"}, "herhaling": {"paars-giraf-onweer-zeilboot"}}
	for i := range koers.FreeFailures {
		if rec := c.do("POST", "/beheer/wachtwoord", form); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Het huidige wachtwoord klopt niet.") {
			t.Fatalf("guess %d: %d", i+1, rec.Code)
		}
	}
	form.Set("huidig", testPassword)
	rec := c.do("POST", "/beheer/wachtwoord", form)
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht een minuut en probeer het dan opnieuw.") {
		t.Fatalf("after %d guesses, the right password: %d\n%s", koers.FreeFailures, rec.Code, rec.Body)
	}
}
