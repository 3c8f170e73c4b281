package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
)

// allRoles is a person of Leiderdorp with every role, who sees every
// button of the back office.
const allRolesEmail = "alles@leiderdorp.nl"

// addPerson adds a person through the store, as `koers user add` does.
func addPerson(tb testing.TB, o *office, email, name string, roles ...koers.Role) {
	tb.Helper()
	ctx := context.Background()
	org, err := o.store.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		tb.Fatal(err)
	}
	hash, err := auth.Hash(testPassword, cheap)
	if err != nil {
		tb.Fatal(err)
	}
	u := &koers.User{Email: email, Name: name}
	for _, r := range roles {
		u.Grants = append(u.Grants, koers.Grant{OrganisationID: org.ID, Role: r})
	}
	if err := o.store.CreateUser(ctx, u, hash); err != nil {
		tb.Fatal(err)
	}
}

// shownPage is one state of a back-office page as the server answered it.
type shownPage struct {
	name   string
	status int
	html   string
}

// backOfficePages brings the back office into every state a page type
// has, over HTTP as a signed-in browser would, and returns the pages.
func backOfficePages(tb testing.TB, o *office) []shownPage {
	tb.Helper()
	addPerson(tb, o, allRolesEmail, "Alex Alles", koers.Roles...)
	addPerson(tb, o, "lezer@leiderdorp.nl", "Lotte Redacteur", koers.Redacteur)
	var pages []shownPage
	add := func(name string, wantStatus, status int, body string) {
		tb.Helper()
		if status != wantStatus {
			tb.Fatalf("%s: status %d, want %d\n%s", name, status, wantStatus, body)
		}
		pages = append(pages, shownPage{name, status, body})
	}
	// shows fails unless the last page added shows each of want: the
	// state it is named after.
	shows := func(want ...string) {
		tb.Helper()
		p := pages[len(pages)-1]
		for _, w := range want {
			if !strings.Contains(p.html, w) {
				tb.Fatalf("%s does not show %q:\n%s", p.name, w, p.html)
			}
		}
	}
	anon := newClient(tb, o.URL)
	s, b := anon.get("/beheer/aanmelden")
	add("signin", 200, s, b)
	s, b, _ = anon.post("/beheer/aanmelden", url.Values{"email": {""}, "wachtwoord": {""}})
	add("signin-fields-missing", 422, s, b)
	s, b, _ = anon.post("/beheer/aanmelden", url.Values{"email": {"niemand@leiderdorp.nl"}, "wachtwoord": {"fout-wachtwoord"}})
	add("signin-refused", 401, s, b)

	c := newClient(tb, o.URL)
	c.signIn(allRolesEmail, testPassword)
	s, b = c.get("/beheer")
	add("home", 200, s, b)
	s, b = c.get("/beheer/leiderdorp")
	add("organisation", 200, s, b)
	s, b = c.get("/beheer/wachtwoord")
	add("password", 200, s, b)
	s, b, _ = c.post("/beheer/wachtwoord", url.Values{"huidig": {"fout"}, "nieuw": {"kort"}, "herhaling": {"anders"}})
	add("password-errors", 422, s, b)
	s, b = c.get("/beheer/leiderdorp/nieuw")
	add("new-document", 200, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/nieuw", url.Values{"kind": {"begroting"}, "year": {"twee"}, "title": {""}})
	add("new-document-errors", 422, s, b)
	s, b = c.upload("/beheer/leiderdorp/upload", "bundel.json", `{"organisatie": "leiderdorp", "document": {"soort": "begroting"}}`)
	add("new-document-upload-error", 422, s, b)

	// A draft of the Beleidsbegroting 2022 and its 1C page.
	s, b, draft := c.post("/beheer/leiderdorp/documenten/begroting-2022/concept", url.Values{})
	add("draft", 200, s, b)
	m := regexp.MustCompile(`href="(/beheer/leiderdorp/concepten/\d+/paginas/\d+)">1C: Ondersteunde inwoners<`).FindStringSubmatch(b)
	if m == nil {
		tb.Fatalf("no 1C in the draft %s:\n%s", draft, b)
	}
	editor := m[1]
	s, b = c.get(editor)
	add("editor", 200, s, b)
	version := between(b, `name="versie" value="`, `"`)
	smart := regexp.MustCompile(`id="b(\d+)-titel">Blok \d+: SMART-doelen<`).FindStringSubmatch(b)
	goal := regexp.MustCompile(`id="b(\d+)-titel">Blok \d+: Doel<`).FindStringSubmatch(b)
	if smart == nil || goal == nil {
		tb.Fatalf("no SMART goals or goal block on 1C:\n%s", b)
	}
	s, b, _ = c.post(editor+"/blokken/"+smart[1], url.Values{"versie": {version}, "actie": {"opslaan"},
		"inhoud": {"1\tEen doel\n1\tNog een doel met hetzelfde nummer"}})
	add("editor-field-error", 422, s, b)
	s, b, _ = c.post(editor+"/eigenschappen", url.Values{"versie": {version}, "kind": {"subprogramme"}, "number": {"1C"},
		"title": {""}, "slug": {"Geen Slug!"}})
	add("editor-page-errors", 422, s, b)
	s, b, _ = c.post(editor+"/blokken/"+goal[1], url.Values{"versie": {version}, "actie": {"opslaan"}, "inhoud": {"Het doel van de eerste."}})
	add("editor-saved", 200, s, b)
	s, b, _ = c.post(editor+"/blokken/"+goal[1], url.Values{"versie": {version}, "actie": {"opslaan"}, "inhoud": {"Het doel van de tweede."}})
	add("editor-stale", 409, s, b)
	s, b = c.get(draft + "/voorbeeld")
	add("preview-document", 200, s, b)
	s, b = c.get(draft + "/voorbeeld/" + strings.TrimPrefix(begrotingPath, "/leiderdorp/begroting-2022/"))
	add("preview-page", 200, s, b)
	// The review: submitted, a comment, a return without one, the
	// four-eyes refusal, then approved (the organisation lets this one
	// person approve their own work) and a schedule with errors.
	s, b = c.get(draft)
	current := url.Values{"versie": {between(b, `name="versie" value="`, `"`)}}
	s, b, _ = c.post(draft+"/aanbieden", current)
	add("draft-in-review", 200, s, b)
	s, b = c.get(draft + "/wijzigingen")
	add("changes", 200, s, b)
	shows(`<ins class="diff-ins">`)
	s, b, _ = c.post(draft+"/opmerkingen", url.Values{"bij": {"x"}, "opmerking": {""}})
	add("comment-errors", 422, s, b)
	s, b, _ = c.post(draft+"/opmerkingen", url.Values{"bij": {"0"}, "opmerking": {"Het geheel leest goed."}})
	add("commented", 200, s, b)
	s, b, _ = c.post(draft+"/terugsturen", current)
	add("return-errors", 422, s, b)
	s, b, _ = c.post(draft+"/goedkeuren", current)
	add("approve-four-eyes", 409, s, b)
	ctx := context.Background()
	org, err := o.store.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		tb.Fatal(err)
	}
	org.SelfReview = true
	if err := o.store.UpdateOrganisation(ctx, org); err != nil {
		tb.Fatal(err)
	}
	// What waits for the person: the draft they may now review.
	s, b = c.get("/beheer")
	add("home-waiting", 200, s, b)
	shows("Wat wacht op mij", "<td>Beoordelen</td>")
	s, b, _ = c.post(draft+"/goedkeuren", current)
	add("draft-approved", 200, s, b)
	s, b, _ = c.post(draft+"/plannen", url.Values{"versie": current["versie"], "datum": {"1 maart"}, "tijd": {""}})
	add("schedule-errors", 422, s, b)
	// A publication asked from a page older than the draft is refused;
	// from the draft's page as it is now, it publishes.
	s, b, _ = c.post(draft+"/publiceren", url.Values{"versie": {version}})
	add("publish-stale", 409, s, b)
	s, b = c.get(draft)
	s, b, _ = c.post(draft+"/publiceren", url.Values{"versie": {between(b, `name="versie" value="`, `"`)}})
	add("published", 200, s, b)
	s, b = c.get("/beheer/leiderdorp/versies/begroting-2022")
	add("versions", 200, s, b)
	// The next document from a published one (the organisation page's
	// form): no choice, one whose
	// address is taken (begroting-2023 exists), and one made.
	s, b, _ = c.post("/beheer/leiderdorp/documenten/begroting-2022/volgend", url.Values{"soort": {""}})
	add("roll-forward-no-choice", 400, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/documenten/begroting-2022/volgend", url.Values{"soort": {"begroting"}})
	add("roll-forward-taken", 409, s, b)
	shows("begroting-2023")
	s, b, _ = c.post("/beheer/leiderdorp/documenten/begroting-2022/volgend", url.Values{"soort": {"bestuursrapportage"}})
	add("rolled-forward", 200, s, b)
	shows("is als concept gemaakt uit")

	// People and the audit log.
	s, b = c.get("/beheer/leiderdorp/gebruikers")
	add("users", 200, s, b)
	users := b
	s, b = c.get("/beheer/leiderdorp/gebruikers/nieuw")
	add("user-new", 200, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {"geen-adres"}, "naam": {""}, "wachtwoord": {"kort"}})
	add("user-new-errors", 422, s, b)
	id := regexp.MustCompile(`href="(/beheer/leiderdorp/gebruikers/\d+)">Lotte Redacteur<`).FindStringSubmatch(users)
	if id == nil {
		tb.Fatal("no Lotte Redacteur in the users list")
	}
	s, b = c.get(id[1])
	add("user", 200, s, b)
	s, b, _ = c.post(id[1], url.Values{"actie": {"gegevens"}, "naam": {"Lotte Redacteur"}, "rollen": {"redacteur", "baas"}, "status": {"zweven"}})
	add("user-errors", 422, s, b)
	s, b = c.get("/beheer/leiderdorp/instellingen")
	add("settings", 200, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/instellingen", url.Values{"naam": {""}, "cbs": {"0547"}, "kleur": {"#ffff00"}, "tekens": {"alles"}})
	add("settings-errors", 422, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/api-sleutels", url.Values{"naam": {"BI kwartaal"}, "rol": {"redacteur"}, "verloopt": {time.Now().AddDate(0, 1, 0).Format("2006-01-02")}})
	add("api-token-created", 200, s, b)
	shows(koers.APITokenPrefix)
	s, b = c.get("/beheer/leiderdorp/api-sleutels")
	add("api-tokens", 200, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/api-sleutels", url.Values{"naam": {""}, "rol": {"beheerder"}, "verloopt": {"morgen"}})
	add("api-token-errors", 422, s, b)
	s, b = c.get("/beheer/leiderdorp/logboek")
	add("audit", 200, s, b)
	s, b = c.get("/beheer/leiderdorp/logboek?van=gisteren")
	add("audit-filter-error", 422, s, b)

	// The register (with the suite's stand-in services).
	s, b = c.get("/beheer/leiderdorp/register")
	add("register", 200, s, b)
	s, b = c.registerUpload("/beheer/leiderdorp/register/inlezen", "JW301.xml", "fout.xml")
	add("register-import-errors", 422, s, b)
	shows("fout.xml:12:5:/Bericht/Client/Bsn: Het BSN klopt niet (elfproef).")
	s, b = c.registerUpload("/beheer/leiderdorp/register/inlezen", "JW301.xml")
	add("register-imported", 200, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/register/berekenen", url.Values{"jaren": {"2019-2020"}})
	add("register-computed", 200, s, b)
	s, b, _ = c.post("/beheer/leiderdorp/register/berekenen", url.Values{"jaren": {"ooit"}})
	add("register-compute-errors", 422, s, b)
	s, b = c.get("/beheer/leiderdorp/register/plafonds?jaar=2020")
	add("register-ceilings", 200, s, b)
	shows("waarschuwing: 80% bereikt", "overschreden")
	s, b = c.get("/beheer/leiderdorp/register/telregels")
	add("register-rules", 200, s, b)

	red := newClient(tb, o.URL)
	red.signIn("lezer@leiderdorp.nl", testPassword)
	s, b = red.get("/beheer/leiderdorp/gebruikers")
	add("forbidden", 403, s, b)
	s, b = red.get("/beheer/leiderdorp/concepten/999")
	add("not-found", 404, s, b)
	s, b = red.get("/beheer/voorbeeldgemeente")
	add("other-organisation", 404, s, b)
	return pages
}

// upload sends a file in the upload form.
func (h *httpClient) upload(path, name, content string) (int, string) {
	h.tb.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	f, _ := w.CreateFormFile("bundel", name)
	io.WriteString(f, content)
	w.Close()
	req, _ := http.NewRequest("POST", h.base+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := h.c.Do(req)
	if err != nil {
		h.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// showHTML replaces the browser's document with html, on a back-office
// address so that its style sheet loads, and waits for the style sheets.
func showHTML(tb testing.TB, ctx context.Context, html string) {
	tb.Helper()
	must(tb, ctx, chromedp.Evaluate(`((html) => { document.open(); document.write(html); document.close(); })(`+jsString(html)+`)`, nil),
		chromedp.Poll(`document.readyState === "complete" && [...document.styleSheets].length > 0 &&
			[...document.styleSheets].every(s => { try { return s.cssRules.length > 0 } catch (e) { return false } })`, nil,
			chromedp.WithPollingTimeout(10*time.Second)))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// keyboardProblems finds what a keyboard cannot use: a positive tabindex
// (which upsets the order), and interactive things that are not real
// links, buttons or form fields.
const keyboardProblems = `(() => {
	const out = [];
	for (const e of document.querySelectorAll("[tabindex]")) {
		if (e.tabIndex > 0) out.push("positive tabindex: " + e.outerHTML.slice(0, 120));
		// A scrolling region is focusable so that a keyboard can scroll it.
		if (e.tabIndex === 0 && !e.matches("a[href], button, input, select, textarea, summary, [role=region][aria-label]")) out.push("made focusable: " + e.outerHTML.slice(0, 120));
	}
	for (const e of document.querySelectorAll("[onclick], [role=button], [role=link], [role=checkbox], [role=tab], [contenteditable]")) {
		out.push("not a real control: " + e.outerHTML.slice(0, 120));
	}
	for (const e of document.querySelectorAll("a:not([href])")) out.push("link without href: " + e.outerHTML.slice(0, 120));
	for (const e of document.querySelectorAll("button, input, select, textarea")) {
		if (e.disabled) continue;
		if (e.type !== "hidden" && !e.hidden && e.tabIndex < 0) out.push("taken out of the tab order: " + e.outerHTML.slice(0, 120));
	}
	return out;
})()`

// TestBackOfficeAxe runs axe-core's WCAG 2.1 A and AA rules on every state
// of every back-office page type, checks that a keyboard reaches every
// control, and takes screenshots at 375 and 1280 pixels wide.
func TestBackOfficeAxe(t *testing.T) {
	axe := need(t, "axe-core (npm ci --prefix e2e)", filepath.Join(toolsDir(), "axe-core", "axe.min.js"))
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	o := mustOffice(t)
	browser := mustBrowserNoDeadline(t)
	pages := backOfficePages(t, o)
	shots := filepath.Join(os.TempDir(), "koers-screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(browser, axePageTimeout)
			defer cancel()
			// Signed out, the sign-in page answers every address; its
			// content is replaced by the page under test.
			must(t, ctx, chromedp.Navigate(o.URL+"/beheer/aanmelden"), chromedp.WaitVisible("h1"))
			showHTML(t, ctx, p.html)
			var title string
			must(t, ctx, chromedp.Title(&title))
			if want := between(p.html, "<title>", "</title>"); title != strings.ReplaceAll(want, "&amp;", "&") {
				t.Fatalf("the browser shows %q, not the page under test %q", title, want)
			}
			var res axeResult
			must(t, ctx, chromedp.Evaluate(string(src), nil), chromedp.Evaluate(`axe.run(document, {
				runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
				resultTypes: ["violations"]
			})`, &res, awaitPromise))
			if len(res.Passes) < 5 {
				t.Errorf("axe passed only %d rules: did it run?", len(res.Passes))
			}
			for _, v := range res.Violations {
				for _, n := range v.Nodes {
					t.Errorf("%s: %s\n\t%v %s", v.ID, v.Help, n.Target, n.HTML)
				}
			}
			var problems []string
			must(t, ctx, chromedp.Evaluate(keyboardProblems, &problems))
			for _, p := range problems {
				t.Errorf("keyboard: %s", p)
			}
			for _, width := range []int64{375, 1280} {
				var png []byte
				must(t, ctx, chromedp.EmulateViewport(width, 900), chromedp.FullScreenshot(&png, 80))
				file := filepath.Join(shots, fmt.Sprintf("beheer-%s-%d.jpg", p.name, width))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			must(t, ctx, chromedp.EmulateViewport(1280, 900))
		})
	}
}

// TestBackOfficeValidHTML runs the Nu Html Checker on every state of every
// back-office page type: no errors.
func TestBackOfficeValidHTML(t *testing.T) {
	java := need(t, "Java", lookPath("java"))
	vnu := need(t, "vnu-jar (npm ci --prefix e2e)", filepath.Join(toolsDir(), "vnu-jar", "build", "dist", "vnu.jar"))
	o := mustOffice(t)
	dir := t.TempDir()
	var files []string
	for _, p := range backOfficePages(t, o) {
		file := filepath.Join(dir, "beheer-"+p.name+".html")
		if err := os.WriteFile(file, []byte(p.html), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	checkHTML(t, java, vnu, files)
}

// checkHTML runs the Nu Html Checker on files and fails the test for
// every error.
func checkHTML(t *testing.T, java, vnu string, files []string) {
	t.Helper()
	out, err := exec.Command(java, append([]string{"-jar", vnu, "--format", "json", "--exit-zero-always"}, files...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		} `json:"messages"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("vnu output: %v\n%s", err, out)
	}
	for _, m := range report.Messages {
		if m.Type == "error" || m.SubType == "fatal" {
			t.Errorf("%s:%d: %s\n\t%s", filepath.Base(m.URL), m.LastLine, m.Message, m.Extract)
		} else {
			t.Logf("%s:%d: %s: %s", filepath.Base(m.URL), m.LastLine, m.SubType, m.Message)
		}
	}
	t.Logf("%d pages checked, %d messages", len(files), len(report.Messages))
}
