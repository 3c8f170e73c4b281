package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/koers-nl/koers"
)

// Helpers for the back office (/beheer), in the browser and over HTTP.

// fill types text into a form field, as a person does: focus, clear, type.
func fill(sel, value string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.WaitVisible(sel, chromedp.ByQuery),
		chromedp.Clear(sel, chromedp.ByQuery),
		chromedp.SendKeys(sel, value, chromedp.ByQuery),
	}
}

// submit clicks a button or link matched by a CSS selector and waits for
// the page it leads to.
func submit(tb testing.TB, ctx context.Context, sel string) {
	tb.Helper()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery, chromedp.NodeVisible)); err != nil {
		tb.Fatalf("click %s: %v", sel, err)
	}
}

// signIn signs in at /beheer/aanmelden by typing the address and the
// password, and checks that the back office's home page follows.
func signIn(tb testing.TB, ctx context.Context, base, email, password string) {
	tb.Helper()
	must(tb, ctx, chromedp.Navigate(base+"/beheer/aanmelden"),
		fill("#email", email), fill("#wachtwoord", password))
	submit(tb, ctx, `form[action="/beheer/aanmelden"] button[type=submit]`)
	if h1 := text(tb, ctx, "h1"); h1 != "Beheer" {
		tb.Fatalf("after signing in as %s: h1 %q", email, h1)
	}
}

// signOut clicks "Afmelden" and checks the sign-in page follows.
func signOut(tb testing.TB, ctx context.Context) {
	tb.Helper()
	follow(tb, ctx, "Afmelden")
	if h1 := text(tb, ctx, "h1"); h1 != "Aanmelden" {
		tb.Fatalf("after signing out: h1 %q", h1)
	}
}

// location is the browser's path and query.
func location(tb testing.TB, ctx context.Context) string {
	tb.Helper()
	var loc string
	must(tb, ctx, chromedp.Location(&loc))
	u, err := url.Parse(loc)
	if err != nil {
		tb.Fatal(err)
	}
	return u.RequestURI()
}

// httpClient is a Go client with its own cookies, for what a test prepares
// or reads without the browser.
type httpClient struct {
	tb   testing.TB
	base string
	c    *http.Client
}

func newClient(tb testing.TB, base string) *httpClient {
	jar, _ := cookiejar.New(nil)
	return &httpClient{tb: tb, base: base, c: &http.Client{Jar: jar}}
}

// get returns the status and body of a GET.
func (h *httpClient) get(path string) (int, string) {
	h.tb.Helper()
	res, err := h.c.Get(h.base + path)
	if err != nil {
		h.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		h.tb.Fatal(err)
	}
	return res.StatusCode, string(b)
}

// post sends a form as the back office's own page would, following the
// redirect; it returns the status and body of where it ended and its path.
func (h *httpClient) post(path string, form url.Values) (int, string, string) {
	h.tb.Helper()
	req, err := http.NewRequest("POST", h.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		h.tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := h.c.Do(req)
	if err != nil {
		h.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		h.tb.Fatal(err)
	}
	return res.StatusCode, string(b), res.Request.URL.RequestURI()
}

// signIn signs the client in; it fails the test unless that worked.
func (h *httpClient) signIn(email, password string) {
	h.tb.Helper()
	status, body, at := h.post("/beheer/aanmelden", url.Values{"email": {email}, "wachtwoord": {password}})
	if status != http.StatusOK || at != "/beheer" {
		h.tb.Fatalf("sign in as %s: %d at %s\n%s", email, status, at, body)
	}
}

// cookie is the value of the client's session cookie.
func (h *httpClient) cookie() *http.Cookie {
	u, _ := url.Parse(h.base)
	for _, c := range h.c.Jar.Cookies(u) {
		if c.Name == "koers-sessie" {
			return c
		}
	}
	h.tb.Fatal("no session cookie")
	return nil
}

// tabTo presses Tab until the focused element's text (or value) starts
// with label, at most limit times, and fails the test otherwise.
func tabTo(tb testing.TB, ctx context.Context, label string, limit int) {
	tb.Helper()
	for i := 0; i < limit; i++ {
		var got string
		must(tb, ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`(document.activeElement.innerText || document.activeElement.id || "").trim()`, &got))
		if strings.HasPrefix(strings.Join(strings.Fields(got), " "), label) {
			return
		}
	}
	tb.Fatalf("%q not reached with %d presses of Tab", label, limit)
}

// TestBackOfficeKeyboard signs in and starts a draft with the keyboard
// alone: Tab, typing and Enter.
func TestBackOfficeKeyboard(t *testing.T) {
	o := mustOffice(t)
	addPerson(t, o, "redacteur@leiderdorp.nl", "Ruud Redacteur", koers.Redacteur)
	ctx := mustBrowser(t)
	must(t, ctx, chromedp.Navigate(o.URL+"/beheer/aanmelden"), chromedp.WaitVisible("h1"))
	tabTo(t, ctx, "Ga direct naar de inhoud", 1)
	tabTo(t, ctx, "email", 3)
	must(t, ctx, chromedp.KeyEvent("redacteur@leiderdorp.nl"))
	tabTo(t, ctx, "wachtwoord", 1)
	must(t, ctx, chromedp.KeyEvent(testPassword))
	enter := func(want string) {
		t.Helper()
		if _, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if h1 := text(t, ctx, "h1"); h1 != want {
			t.Fatalf("after Enter: h1 %q, want %q", h1, want)
		}
	}
	enter("Beheer")
	tabTo(t, ctx, "Gemeente Leiderdorp", 10)
	enter("Gemeente Leiderdorp")
	tabTo(t, ctx, "Bewerken Beleidsbegroting 2022", 20)
	enter("Concept: Beleidsbegroting 2022")
	tabTo(t, ctx, "1C: Ondersteunde inwoners", 40)
	enter("1C: Ondersteunde inwoners")
	tabTo(t, ctx, "Afmelden", 10)
	enter("Aanmelden")
}
