package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/web"
	"github.com/koers-nl/koers/web/admin"
	"github.com/koers-nl/koers/web/httpcache"
)

// cheap are password hash costs that keep the tests fast.
var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1}

// password is every test user's password.
const password = "paarse olifant danst traag"

// backOffice is the back office on a fresh store holding two
// organisations, wired as koers serve wires it.
type backOffice struct {
	store      koers.Store
	http       *httptest.Server
	org, other *koers.Organisation
}

func newBackOffice(t *testing.T) *backOffice {
	t.Helper()
	ctx := context.Background()
	store := openStore(t)
	org, other := storetest.Leiderdorp(), &koers.Organisation{Slug: "zoeterwoude", Name: "Gemeente Zoeterwoude", CBSCode: "GM0638"}
	for _, o := range []*koers.Organisation{org, other} {
		if err := store.PutDocument(ctx, o, storetest.Bare(koers.Begroting, 2026, 0)); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(tWriter{t}, nil))
	site, err := web.New(store.Published(), store, httpcache.NewCache(store, httpcache.Options{}), web.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	back, err := admin.New(store, site, admin.Options{Logger: log, Params: cheap})
	if err != nil {
		t.Fatal(err)
	}
	mux := httpx.NewMux()
	back.Register(mux)
	ts := httptest.NewServer(httpx.Handler(mux, httpx.Options{Logger: log}))
	t.Cleanup(ts.Close)
	return &backOffice{store: store, http: ts, org: org, other: other}
}

// tWriter sends the server's log to the test's log, shown on failure.
type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// user stores a user with the test password and grants.
func (b *backOffice) user(t *testing.T, email, name string, grants ...koers.Grant) *koers.User {
	t.Helper()
	hash, err := auth.Hash(password, cheap)
	if err != nil {
		t.Fatal(err)
	}
	u := &koers.User{Email: email, Name: name, Grants: grants}
	if err := b.store.CreateUser(context.Background(), u, hash); err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 {
		t.Fatal("CreateUser set no ID")
	}
	return u
}

// reload reads a user back from the store.
func (b *backOffice) reload(t *testing.T, id int64) *koers.User {
	t.Helper()
	u, err := b.store.User(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// client is a browser signed in as one person.
type client struct {
	b    *backOffice
	http *http.Client
}

// signIn signs in through the sign-in form.
func (b *backOffice) signIn(t *testing.T, email string) *client {
	t.Helper()
	c := b.anonymous(t)
	res, body := c.post(t, "/beheer/aanmelden", url.Values{"email": {email}, "wachtwoord": {password}, "terug": {"/beheer"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d\n%s", email, res.StatusCode, body)
	}
	return c
}

func (c *client) do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func (c *client) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.b.http.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c.do(t, req)
}

// post sends a form as a browser on the same site does.
func (c *client) post(t *testing.T, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.b.http.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(t, req)
}

// page fetches a page, checks its status and parses it.
func (c *client) page(t *testing.T, path string, status int) *goquery.Document {
	t.Helper()
	res, body := c.get(t, path)
	if res.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d\n%s", path, res.StatusCode, status, body)
	}
	return parse(t, body)
}

func parse(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// flash follows a form's redirect and returns where it went and the
// message the page shows.
func (c *client) flash(t *testing.T, res *http.Response, body string) (string, string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d, want 303\n%s", res.StatusCode, body)
	}
	to := res.Header.Get("Location")
	doc := c.page(t, to, http.StatusOK)
	return to, text(doc.Find(".flash"))
}

// text is a selection's text with its white space collapsed.
func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// texts is the text of each element of a selection.
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, text(e)) })
	return out
}

// anonymous is a browser nobody signed in with.
func (b *backOffice) anonymous(t *testing.T) *client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{b: b, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}
