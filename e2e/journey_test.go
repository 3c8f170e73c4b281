package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/koers-nl/koers/pdf/pdftest"
)

// What the journey changes on the 1C page of the Beleidsbegroting 2022.
const (
	newTarget   = "17,3%"
	newActivity = "We organiseren jeugdhulp in de wijk, dichtbij de inwoners, vanuit het Zonnebloemhof."
	searchWord  = "Zonnebloemhof"
)

// editCell changes, in the first block text area whose text matches the
// regular expression re, the cell in column col of the row whose cell in
// column key is row (columns by name from the first line, or by index); it
// returns the id of the block's section and the cell's old value. This is
// the test typing into the text area: a person would select the cell and
// type over it.
const editCell = `((re, key, col, row, value) => {
	for (const ta of document.querySelectorAll("textarea[name=inhoud]")) {
		if (!new RegExp(re, "m").test(ta.value)) continue;
		const lines = ta.value.split("\n");
		const head = lines[0].split("\t");
		const k = typeof key === "number" ? key : head.indexOf(key);
		const c = typeof col === "number" ? col : head.indexOf(col);
		if (k < 0 || c < 0) continue;
		for (let i = 0; i < lines.length; i++) {
			const cells = lines[i].split("\t");
			if (cells[k] !== row) continue;
			const old = cells[c];
			cells[c] = value;
			lines[i] = cells.join("\t");
			ta.value = lines.join("\n");
			return [ta.closest("section").id, old];
		}
	}
	return ["", ""];
})`

// TestJourney is the whole story in the browser, by clicking and
// typing: a beheerder adds a redacteur and a publicist; the redacteur
// changes the 1C page in a draft and previews it while the public site,
// its PDF, the API and search still show the published text; the
// publicist publishes and all four show the new text; the audit log lists
// every step.
func TestJourney(t *testing.T) {
	o := mustOffice(t)
	base := o.URL
	ctx := mustBrowser(t)
	const (
		redacteur   = "redacteur@leiderdorp.nl"
		beoordelaar = "beoordelaar@leiderdorp.nl"
		publicist   = "publicist@leiderdorp.nl"
		password    = "paars-giraf-onweer-zeilboot-7"
	)

	// The beheerder adds three people through the user form.
	signIn(t, ctx, base, beheerderEmail, testPassword)
	follow(t, ctx, "Gemeente Leiderdorp")
	for _, p := range []struct{ email, name, role string }{
		{redacteur, "Ruud Redacteur", "#rollen"},
		{beoordelaar, "Bea Beoordelaar", "#rollen-beoordelaar"},
		{publicist, "Pien Publicist", "#rollen-publicist"},
	} {
		follow(t, ctx, "Gebruikers")
		follow(t, ctx, "Gebruiker toevoegen")
		must(t, ctx, fill("#email", p.email), fill("#naam", p.name),
			chromedp.Click(p.role, chromedp.ByQuery), fill("#wachtwoord", password))
		submit(t, ctx, `main form button[type=submit]`)
		if h1 := text(t, ctx, "h1"); h1 == "Gebruiker toevoegen" {
			var body string
			must(t, ctx, chromedp.Text("main", &body, chromedp.ByQuery))
			t.Fatalf("adding %s was refused:\n%s", p.email, body)
		}
	}
	follow(t, ctx, "Gebruikers")
	var people string
	must(t, ctx, chromedp.Text("main table", &people, chromedp.ByQuery))
	for _, want := range []string{"Ruud Redacteur", "Redacteur", "Bea Beoordelaar", "Beoordelaar", "Pien Publicist", "Publicist"} {
		if !strings.Contains(people, want) {
			t.Errorf("the users list lacks %q:\n%s", want, people)
		}
	}
	signOut(t, ctx)

	// The redacteur starts a draft and changes two blocks of 1C.
	signIn(t, ctx, base, redacteur, password)
	follow(t, ctx, "Gemeente Leiderdorp")
	follow(t, ctx, "Bewerken Beleidsbegroting 2022")
	if h1 := text(t, ctx, "h1"); h1 != "Concept: Beleidsbegroting 2022" {
		t.Fatalf("after Bewerken: h1 %q", h1)
	}
	follow(t, ctx, "1C: Ondersteunde inwoners")
	if h1 := text(t, ctx, "h1"); h1 != "1C: Ondersteunde inwoners" {
		t.Fatalf("editor: h1 %q", h1)
	}
	editor := location(t, ctx)
	var edited []string
	must(t, ctx, chromedp.Evaluate(editCell+`("2022 streefwaarde", "nummer", "2022 streefwaarde", "2.2", "`+newTarget+`")`, &edited))
	if edited[0] == "" || edited[1] == newTarget {
		t.Fatalf("no indicator 2.2 with a 2022 target in the editor: %q", edited)
	}
	oldTarget := edited[1]
	submit(t, ctx, "#"+edited[0]+` button[value=opslaan]`)
	if got := text(t, ctx, ".flash"); got != "Het blok is opgeslagen." {
		t.Fatalf("saving the indicator table: %q at %s", got, location(t, ctx))
	}
	// The activities: a number and a text a line, no header.
	var acts []string
	must(t, ctx, chromedp.Evaluate(editCell+`("^2\\.3\\t", 0, 1, "2.3", "`+newActivity+`")`, &acts))
	if acts[0] == "" {
		t.Fatal("no activity 2.3 in the editor")
	}
	oldActivity := acts[1]
	submit(t, ctx, "#"+acts[0]+` button[value=opslaan]`)
	if got := text(t, ctx, ".flash"); got != "Het blok is opgeslagen." {
		t.Fatalf("saving the activities: %q", got)
	}
	if location(t, ctx) != editor {
		t.Errorf("after saving: at %s, want %s", location(t, ctx), editor)
	}
	t.Logf("2.2: %q -> %q; 2.3: %q -> %q", oldTarget, newTarget, oldActivity, newActivity)

	// The preview shows both changes.
	follow(t, ctx, "Voorbeeld van deze pagina")
	var preview string
	must(t, ctx, chromedp.Text("main", &preview, chromedp.ByQuery))
	if !strings.Contains(preview, newActivity) || !strings.Contains(preview, newTarget) {
		t.Fatalf("the preview lacks the changes:\n%s", preview)
	}
	if strings.Contains(preview, oldActivity) {
		t.Errorf("the preview still shows %q", oldActivity)
	}

	// The public site, the PDF, the API and search do not show the draft.
	anon := newClient(t, base)
	pageID := between(mustGet(t, anon, begrotingPath), `name="pagina" value="`, `"`)
	if pageID == "" {
		t.Fatal("no page id on the public 1C page")
	}
	before := public(t, anon, pageID)
	before.expect(t, "before publishing", oldTarget, oldActivity, false)
	// The preview is the site's page; back in the editor, to the draft,
	// which the redacteur submits for review.
	must(t, ctx, chromedp.Navigate(base+editor), chromedp.WaitVisible("h1"))
	follow(t, ctx, "Terug naar het concept")
	follow(t, ctx, "Ter beoordeling aanbieden")
	if got := text(t, ctx, ".flash"); got != "Het concept ligt ter beoordeling." {
		t.Fatalf("submitting: %q", got)
	}
	signOut(t, ctx)

	// The beoordelaar finds it waiting and approves it.
	signIn(t, ctx, base, beoordelaar, password)
	follow(t, ctx, "Beleidsbegroting 2022") // in "Wat wacht op mij"
	follow(t, ctx, "Goedkeuren")
	if got := text(t, ctx, ".flash"); got != "Het concept is goedgekeurd." {
		t.Fatalf("approving: %q", got)
	}
	signOut(t, ctx)

	// The publicist publishes.
	signIn(t, ctx, base, publicist, password)
	follow(t, ctx, "Gemeente Leiderdorp")
	follow(t, ctx, "Concept")
	follow(t, ctx, "Nu publiceren")
	if h1 := text(t, ctx, "h1"); h1 == "" {
		t.Fatal("no page after publishing")
	}
	deadline := time.Now().Add(3 * time.Second)
	var after views
	for {
		after = public(t, anon, pageID)
		if after.shows(newTarget, newActivity, true, true) == "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	after.expect(t, "after publishing", newTarget, newActivity, true)
	signOut(t, ctx)

	// The beheerder reads the audit log.
	signIn(t, ctx, base, beheerderEmail, testPassword)
	follow(t, ctx, "Gemeente Leiderdorp")
	follow(t, ctx, "Logboek")
	var rows []string
	must(t, ctx, chromedp.Evaluate(`[...document.querySelectorAll("table.audit tbody tr")].map(tr =>
		[...tr.cells].slice(1, 6).map(td => td.textContent.trim()).join(" | "))`, &rows))
	got := strings.Join(rows, "\n")
	blockRe := regexp.MustCompile(`\d+: (indicator_table|activities)`)
	got = blockRe.ReplaceAllString(got, "N: $1")
	want := strings.Join([]string{
		"beheerder@leiderdorp.nl | Aangemeld |  |  | ",
		"publicist@leiderdorp.nl | Afgemeld |  |  | ",
		"publicist@leiderdorp.nl | Gepubliceerd | begroting-2022 |  | ",
		"publicist@leiderdorp.nl | Aangemeld |  |  | ",
		"beoordelaar@leiderdorp.nl | Afgemeld |  |  | ",
		"beoordelaar@leiderdorp.nl | Goedgekeurd | begroting-2022 |  | ",
		"beoordelaar@leiderdorp.nl | Aangemeld |  |  | ",
		"redacteur@leiderdorp.nl | Afgemeld |  |  | ",
		"redacteur@leiderdorp.nl | Ter beoordeling aangeboden | begroting-2022 |  | ",
		"redacteur@leiderdorp.nl | Concept gewijzigd | begroting-2022 | beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners | N: activities",
		"redacteur@leiderdorp.nl | Concept gewijzigd | begroting-2022 | beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners | N: indicator_table",
		"redacteur@leiderdorp.nl | Concept begonnen | begroting-2022 |  | ",
		"redacteur@leiderdorp.nl | Aangemeld |  |  | ",
		"beheerder@leiderdorp.nl | Afgemeld |  |  | ",
		"beheerder@leiderdorp.nl | Gebruiker toegevoegd |  |  | ",
		"beheerder@leiderdorp.nl | Gebruiker toegevoegd |  |  | ",
		"beheerder@leiderdorp.nl | Gebruiker toegevoegd |  |  | ",
		"beheerder@leiderdorp.nl | Aangemeld |  |  | ",
		"systeem | Gebruiker toegevoegd |  |  | ",           // the beheerder, made on the command line
		"systeem | Register: indicatoren berekend |  |  | ", // the suite's computed values (putComputed)
	}, "\n")
	if got != want {
		t.Errorf("audit log:\n%s\nwant:\n%s", got, want)
	}
	var changes string
	must(t, ctx, chromedp.Text("table.audit tbody", &changes, chromedp.ByQuery))
	for _, s := range []string{"Ruud Redacteur", "Pien Publicist"} {
		if !strings.Contains(changes, s) {
			t.Errorf("the audit log does not show %q", s)
		}
	}
}

func mustGet(tb testing.TB, c *httpClient, path string) string {
	tb.Helper()
	status, body := c.get(path)
	if status != http.StatusOK {
		tb.Fatalf("GET %s: %d", path, status)
	}
	return body
}

// views are the four public views of the 1C page: HTML, PDF text, API
// JSON and search results for searchWord.
type views struct{ page, pdf, api, search string }

func public(tb testing.TB, c *httpClient, pageID string) views {
	tb.Helper()
	var v views
	v.page = mustGet(tb, c, begrotingPath)
	res, err := c.c.Get(c.base + begrotingPath + ".pdf")
	if err != nil {
		tb.Fatal(err)
	}
	pdfData, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		tb.Fatalf("PDF: %d", res.StatusCode)
	}
	v.pdf = strings.Join(strings.Fields(pdftest.Body(tb, pdfData)), " ")
	api := mustGet(tb, c, "/api/v1/pages/"+pageID)
	var decoded any
	if err := json.Unmarshal([]byte(api), &decoded); err != nil {
		tb.Fatalf("API: %v", err)
	}
	flat, _ := json.Marshal(decoded) // no HTML escaping differences
	v.api = strings.ReplaceAll(string(flat), `\u0026`, "&")
	v.search = mustGet(tb, c, "/zoeken?q="+searchWord)
	return v
}

// shows says what of the target and the activity text is missing (want)
// or present (!want) where, or "" when all is as wanted.
func (v views) shows(target, activity string, want, search bool) string {
	var bad []string
	check := func(where, hay, needle string) {
		if strings.Contains(hay, needle) != want {
			bad = append(bad, where+": "+needle)
		}
	}
	check("page", v.page, target)
	check("page", v.page, activity)
	check("pdf", v.pdf, activity)
	check("pdf", v.pdf, target)
	check("api", v.api, activity)
	check("api", v.api, `"display":"`+target+`","kind":"budgeted","value":`)
	hit := strings.Contains(v.search, "1c-ondersteunde-inwoners")
	if search && hit != want {
		bad = append(bad, "search for "+searchWord)
	}
	return strings.Join(bad, "; ")
}

func (v views) expect(tb testing.TB, when, target, activity string, published bool) {
	tb.Helper()
	if published {
		if bad := v.shows(target, activity, true, true); bad != "" {
			tb.Errorf("%s, missing: %s", when, bad)
		}
		return
	}
	// Before publishing: the old values are there, the new ones not.
	if bad := v.shows(target, activity, true, false); bad != "" {
		tb.Errorf("%s, missing the published text: %s", when, bad)
	}
	if bad := v.shows(newTarget, newActivity, false, true); bad != "" {
		tb.Errorf("%s, the draft shows: %s", when, bad)
	}
}
