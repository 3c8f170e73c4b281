package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/koers-nl/koers"
)

// What the review journey writes for activity 2.3 of 1C: a first wording
// the beoordelaar sends back, and the one that is published.
const (
	firstActivity = "We organiseren jeugdhulp in de wijk."
	finalActivity = "We organiseren jeugdhulp in de wijk, vanuit het Klaverblad en dichtbij de inwoners."
	returnComment = "Noem waar in de wijk, en voor wie."
)

// TestReviewJourney is issue 13's story in the browser, on each engine: a
// redacteur submits a change, a beoordelaar reads its diff and returns it
// with a comment, the redacteur deals with it and submits again, the
// beoordelaar approves, a publicist schedules it two seconds ahead; the
// public page changes at that moment, not before; the Versies page lists
// both versions, and the diff page shows the change word by word.
func TestReviewJourney(t *testing.T) {
	for _, engine := range engines() {
		t.Run(engine, func(t *testing.T) { reviewJourney(t, engine) })
	}
}

func reviewJourney(t *testing.T, engine string) {
	o := mustOfficeOn(t, engine)
	base := o.URL
	ctx := mustBrowser(t)
	const (
		redacteur   = "redacteur@leiderdorp.nl"
		beoordelaar = "beoordelaar@leiderdorp.nl"
		publicist   = "publicist@leiderdorp.nl"
	)
	addPerson(t, o, redacteur, "Ruud Redacteur", koers.Redacteur)
	addPerson(t, o, beoordelaar, "Bea Beoordelaar", koers.Beoordelaar)
	addPerson(t, o, publicist, "Pien Publicist", koers.Publicist)
	anon := newClient(t, base)
	oldPage := mustGet(t, anon, begrotingPath)

	// The redacteur rewords activity 2.3 and submits the draft.
	signIn(t, ctx, base, redacteur, testPassword)
	follow(t, ctx, "Gemeente Leiderdorp")
	follow(t, ctx, "Bewerken Beleidsbegroting 2022")
	follow(t, ctx, "1C: Ondersteunde inwoners")
	oldActivity := writeActivity(t, ctx, firstActivity)
	follow(t, ctx, "Terug naar het concept")
	follow(t, ctx, "Ter beoordeling aanbieden")
	expectFlash(t, ctx, "submitting", "Het concept ligt ter beoordeling.")
	draft := location(t, ctx)
	signOut(t, ctx)

	// The beoordelaar finds it waiting, reads what changed and returns it
	// with a comment.
	signIn(t, ctx, base, beoordelaar, testPassword)
	expectWaiting(t, ctx, "Beleidsbegroting 2022", "Beoordelen")
	follow(t, ctx, "Beleidsbegroting 2022")
	follow(t, ctx, "Wijzigingen bekijken")
	expectDiff(t, ctx, "the reviewer's diff", oldActivity, firstActivity)
	follow(t, ctx, "Terug naar het concept")
	must(t, ctx, typeInto("#terug-opmerking", returnComment))
	follow(t, ctx, "Terugsturen")
	expectFlash(t, ctx, "returning", "Het concept is teruggestuurd met uw opmerking.")
	signOut(t, ctx)

	// The redacteur reads the comment, rewords again, marks the comment
	// dealt with and submits again.
	signIn(t, ctx, base, redacteur, testPassword)
	expectWaiting(t, ctx, "Beleidsbegroting 2022", "Opmerkingen verwerken")
	follow(t, ctx, "Beleidsbegroting 2022")
	if comments := text(t, ctx, "ul.comments"); !strings.Contains(comments, returnComment) || !strings.Contains(comments, "Bea Beoordelaar") && !strings.Contains(comments, beoordelaar) {
		t.Fatalf("the returned draft's comments:\n%s", comments)
	}
	follow(t, ctx, "1C: Ondersteunde inwoners")
	writeActivity(t, ctx, finalActivity)
	follow(t, ctx, "Terug naar het concept")
	follow(t, ctx, "Afgehandeld")
	if comments := text(t, ctx, "ul.comments"); !strings.Contains(comments, "afgehandeld") {
		t.Errorf("the comment is not marked dealt with:\n%s", comments)
	}
	follow(t, ctx, "Ter beoordeling aanbieden")
	expectFlash(t, ctx, "submitting again", "Het concept ligt ter beoordeling.")
	signOut(t, ctx)

	// The beoordelaar approves.
	signIn(t, ctx, base, beoordelaar, testPassword)
	must(t, ctx, chromedp.Navigate(base+draft), chromedp.WaitVisible("h1"))
	follow(t, ctx, "Goedkeuren")
	expectFlash(t, ctx, "approving", "Het concept is goedgekeurd.")
	signOut(t, ctx)

	// The publicist schedules it two seconds ahead, in Dutch time.
	signIn(t, ctx, base, publicist, testPassword)
	expectWaiting(t, ctx, "Beleidsbegroting 2022", "Publiceren")
	follow(t, ctx, "Beleidsbegroting 2022")
	amsterdam, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(2 * time.Second).Truncate(time.Second)
	local := at.In(amsterdam)
	must(t, ctx,
		chromedp.SetValue("#datum", local.Format("2006-01-02"), chromedp.ByQuery),
		chromedp.SetValue("#tijd", local.Format("15:04:05"), chromedp.ByQuery),
		typeInto("#toelichting", "Voor de raadsvergadering"))
	follow(t, ctx, "Publicatie plannen")
	// The message leaves out seconds that are zero ("om 07:12").
	shown := local.Format("2-1-2006 om 15:04:05")
	if local.Second() == 0 {
		shown = local.Format("2-1-2006 om 15:04")
	}
	expectFlash(t, ctx, "scheduling", "“Beleidsbegroting 2022” wordt gepubliceerd op "+shown+".")

	// Until that moment the public page is as it was; from it, it shows
	// the new wording.
	for time.Now().Before(at.Add(-300 * time.Millisecond)) {
		if page := mustGet(t, anon, begrotingPath); strings.Contains(page, finalActivity) {
			t.Fatalf("the page changed at %v, before its time %v", time.Now(), at)
		}
		time.Sleep(100 * time.Millisecond)
	}
	deadline := at.Add(3 * time.Second)
	for !strings.Contains(mustGet(t, anon, begrotingPath), finalActivity) {
		if time.Now().After(deadline) {
			t.Fatalf("the public page does not show the scheduled change 3 s after %v", at)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(oldPage, oldActivity) {
		t.Errorf("before: the public page did not show %q", oldActivity)
	}
	org, err := o.store.OrganisationBySlug(context.Background(), "leiderdorp")
	if err != nil {
		t.Fatal(err)
	}
	versions, err := o.store.Versions(context.Background(), org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 || versions[0].PublishedAt.Before(at) || versions[0].PublishedBy != publicist || versions[0].Note != "Voor de raadsvergadering" {
		t.Errorf("versions after the scheduled publication: %+v (scheduled at %v)", versions, at)
	}
	signOut(t, ctx)

	// A reader finds both versions and what changed.
	must(t, ctx, chromedp.Navigate(base+begrotingPath), chromedp.WaitVisible("h1"))
	follow(t, ctx, "Versies en wijzigingen van dit document")
	if h1 := text(t, ctx, "h1"); h1 != "Versies van Beleidsbegroting 2022" {
		t.Fatalf("the Versies page: h1 %q", h1)
	}
	var rows []string
	must(t, ctx, chromedp.Evaluate(`[...document.querySelectorAll("table.versions tbody tr")].map(tr =>
		[...tr.cells].slice(0, 4).map(c => c.textContent.trim()).join(" | "))`, &rows))
	if len(rows) != 2 || !strings.HasPrefix(rows[0], "Versie 2 (huidige versie) | ") || !strings.HasSuffix(rows[0], " | Pien Publicist | Voor de raadsvergadering") ||
		!strings.HasPrefix(rows[1], "Versie 1 | ") {
		t.Fatalf("the Versies page lists:\n%s", strings.Join(rows, "\n"))
	}
	follow(t, ctx, "Wijzigingen ten opzichte van de vorige versie")
	expectDiff(t, ctx, "the public diff", oldActivity, finalActivity)
	follow(t, ctx, "Alle versies van Beleidsbegroting 2022")
	follow(t, ctx, "Lees versie 1")
	if banner := text(t, ctx, ".version-banner"); !strings.HasPrefix(banner, "U leest versie 1 van ") || !strings.HasSuffix(banner, "Dit is niet de huidige versie. Naar de huidige versie") {
		t.Errorf("version 1 is not marked as not current: %q", banner)
	}
	if page := text(t, ctx, "main"); !strings.Contains(page, "Beleidsbegroting 2022") {
		t.Errorf("version 1 does not show the document:\n%s", page)
	}
	// Its 1C page, at its stable address, as it was.
	old := mustGet(t, anon, strings.Replace(begrotingPath, "/begroting-2022/", "/begroting-2022/versies/1/", 1))
	if !strings.Contains(old, oldActivity) || strings.Contains(old, finalActivity) {
		t.Errorf("version 1 of 1C does not show the old wording %q", oldActivity)
	}
}

// typeInto types text into an empty text area (fill's Clear needs text to
// clear).
func typeInto(sel, value string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.WaitVisible(sel, chromedp.ByQuery),
		chromedp.SendKeys(sel, value, chromedp.ByQuery),
	}
}

// writeActivity types text over activity 2.3 in the page editor, saves the
// block and returns what it said before.
func writeActivity(tb testing.TB, ctx context.Context, text string) string {
	tb.Helper()
	var acts []string
	must(tb, ctx, chromedp.Evaluate(editCell+`("^2\\.3\\t", 0, 1, "2.3", "`+text+`")`, &acts))
	if acts[0] == "" {
		tb.Fatal("no activity 2.3 in the editor")
	}
	submit(tb, ctx, "#"+acts[0]+` button[value=opslaan]`)
	expectFlash(tb, ctx, "saving the activities", "Het blok is opgeslagen.")
	return acts[1]
}

// expectFlash checks the message the last step left.
func expectFlash(tb testing.TB, ctx context.Context, when, want string) {
	tb.Helper()
	if got := text(tb, ctx, ".flash"); got != want {
		tb.Fatalf("%s: message %q at %s, want %q", when, got, location(tb, ctx), want)
	}
}

// expectWaiting checks that "Wat wacht op mij" on the home page lists the
// document with what there is to do.
func expectWaiting(tb testing.TB, ctx context.Context, title, todo string) {
	tb.Helper()
	var rows []string
	must(tb, ctx, chromedp.Evaluate(`[...document.querySelectorAll("#wacht-titel ~ table tbody tr")].map(tr =>
		tr.cells[0].querySelector("a").textContent.trim() + " | " + tr.cells[1].textContent.trim())`, &rows))
	if len(rows) != 1 || rows[0] != title+" | "+todo {
		tb.Fatalf("Wat wacht op mij lists %q, want %q", rows, title+" | "+todo)
	}
}

// expectDiff checks that the diff on the page deletes and inserts words
// of the activity's two wordings, marked in words as well as in markup.
func expectDiff(tb testing.TB, ctx context.Context, what, before, after string) {
	tb.Helper()
	var ins, del []string
	must(tb, ctx,
		chromedp.Evaluate(`[...document.querySelectorAll("main ins")].map(e => e.textContent)`, &ins),
		chromedp.Evaluate(`[...document.querySelectorAll("main del")].map(e => e.textContent)`, &del))
	inserted, deleted := strings.Join(ins, " "), strings.Join(del, " ")
	if !strings.Contains(inserted, "ingevoegd") || !strings.Contains(deleted, "verwijderd") {
		tb.Errorf("%s: the marks do not say what they mean: ins %q, del %q", what, ins, del)
	}
	for _, w := range newWords(before, after) {
		if !strings.Contains(inserted, w) {
			tb.Errorf("%s: %q is not marked inserted (ins: %q)", what, w, ins)
		}
	}
	for _, w := range newWords(after, before) {
		if !strings.Contains(deleted, w) {
			tb.Errorf("%s: %q is not marked deleted (del: %q)", what, w, del)
		}
	}
}

// newWords are the words of b that a does not have.
func newWords(a, b string) []string {
	have := map[string]bool{}
	for _, w := range strings.FieldsFunc(a, notWord) {
		have[w] = true
	}
	var out []string
	for _, w := range strings.FieldsFunc(b, notWord) {
		if !have[w] {
			out = append(out, w)
		}
	}
	return out
}

func notWord(r rune) bool { return r == ' ' || r == ',' || r == '.' }
