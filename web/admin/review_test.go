package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// review takes the draft through its review in the back office: the
// organisation's redacteur submits it, its beoordelaar approves it.
func (o *office) review(org string, id int64) {
	o.t.Helper()
	addr := "/beheer/" + org + "/concepten/" + itoa(id)
	for _, step := range []struct{ role, action string }{{"redacteur", "/aanbieden"}, {"beoordelaar", "/goedkeuren"}} {
		rec := o.signIn(org+"/"+step.role).do("POST", addr+step.action, url.Values{"versie": {itoa(o.version(id))}})
		if rec.Code != http.StatusSeeOther {
			o.t.Fatalf("%s %s: %d\n%s", step.role, step.action, rec.Code, rec.Body)
		}
	}
}

// TestReviewInTheBackOffice walks a draft through its review: what each
// person sees and may do, the four-eyes refusal, comments with their
// version, the return that needs a comment, and publishing with a note.
func TestReviewInTheBackOffice(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022") // started by the redacteur
	addr := "/beheer/leiderdorp/concepten/" + itoa(d.ID)
	red, rev, pub := o.signIn("leiderdorp/redacteur"), o.signIn("leiderdorp/beoordelaar"), o.signIn("leiderdorp/publicist")
	version := url.Values{"versie": {itoa(d.Version)}}

	page := func(c *client, path string) string {
		t.Helper()
		rec := c.do("GET", path, nil)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d\n%s", path, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	has := func(what, body string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", what, w)
			}
		}
	}
	hasNot := func(what, body string, unwanted ...string) {
		t.Helper()
		for _, w := range unwanted {
			if strings.Contains(body, w) {
				t.Errorf("%s shows %q", what, w)
			}
		}
	}
	has("the redacteur's draft", page(red, addr), "Status: <strong>Concept</strong>", "Ter beoordeling aanbieden")
	hasNot("the beoordelaar's concept", page(rev, addr), "Goedkeuren", "Terugsturen", "Opmerking plaatsen")
	hasNot("the publicist's concept", page(pub, addr), "Nu publiceren")
	has("the publicist's concept", page(pub, addr), "Publiceren kan als het concept is goedgekeurd.")

	// Approving what is not in review is refused, with the reason.
	rec := rev.do("POST", addr+"/goedkeuren", version)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Alleen een concept dat ter beoordeling ligt, kan worden goedgekeurd.") {
		t.Fatalf("approve a concept: %d\n%s", rec.Code, rec.Body)
	}
	if rec := red.do("POST", addr+"/aanbieden", version); rec.Code != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", rec.Code, rec.Body)
	}
	has("the beoordelaar's draft in review", page(rev, addr), "Status: <strong>Ter beoordeling</strong>", "Goedkeuren", "Terugsturen",
		"Opmerking plaatsen", `<option value="0">Het hele document</option>`)
	has("the beoordelaar's home", page(rev, "/beheer"), "Wat wacht op mij", "<td>Beoordelen</td>")

	// A comment on a block, and a return that needs one of its own.
	key := pageKeyOf(t, d, page1C)
	rec = rev.do("POST", addr+"/opmerkingen", url.Values{"bij": {itoa(key) + "-1"}, "opmerking": {"Dit doel is te vaag."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("comment: %d\n%s", rec.Code, rec.Body)
	}
	rec = rev.do("POST", addr+"/opmerkingen", url.Values{"bij": {"x"}, "opmerking": {"Waar?"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Kies waar de opmerking bij hoort.") {
		t.Fatalf("comment without a place: %d\n%s", rec.Code, rec.Body)
	}
	rec = rev.do("POST", addr+"/terugsturen", version)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Schrijf bij het terugsturen minstens één opmerking.") ||
		!strings.Contains(rec.Body.String(), `href="#terug-opmerking"`) {
		t.Fatalf("return without a comment: %d\n%s", rec.Code, rec.Body)
	}
	rec = rev.do("POST", addr+"/terugsturen", url.Values{"versie": {itoa(d.Version)}, "terug-opmerking": {"Zie de opmerking bij 1C."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("return: %d\n%s", rec.Code, rec.Body)
	}
	has("the redacteur's returned draft", page(red, addr), "Status: <strong>Teruggestuurd</strong>", "Dit doel is te vaag.",
		"bij versie "+itoa(d.Version), "2 opmerkingen zijn nog niet afgehandeld.")
	has("the redacteur's home", page(red, "/beheer"), "<td>Opmerkingen verwerken</td>")
	has("the page editor", page(red, editorURL(d, key)), "Opmerkingen bij deze pagina", "Blok 1", "Dit doel is te vaag.")

	// The redacteur changes the page: the comment's page changed since.
	p := d.Page(key)
	rec = red.do("POST", editorURL(d, key)+"/blokken/1", url.Values{"versie": {itoa(o.version(d.ID))}, "actie": {"opslaan"},
		"kop": {p.Blocks[0].Heading}, "inhoud": {"Een scherper doel."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", rec.Code, rec.Body)
	}
	has("the draft after the change", page(red, addr), "pagina gewijzigd sinds deze opmerking", `href="`+addr+`/wijzigingen"`)
	// The beoordelaar sees what changed against the published document.
	changes := page(rev, addr+"/wijzigingen")
	has("the changes", changes, "<h1>Wijzigingen in het concept: Beleidsbegroting 2022</h1>", "<ins", "scherper doel")
	if n := strings.Count(changes, "1 pagina gewijzigd"); n != 1 {
		t.Errorf("the changes page says %d times what changed, want once:\n%s", n, changes)
	}
	comments, err := o.store.Comments(context.Background(), d.ID)
	if err != nil || len(comments) != 2 {
		t.Fatalf("comments: %+v %v", comments, err)
	}
	if rec := red.do("POST", addr+"/opmerkingen/"+itoa(comments[0].ID)+"/afgehandeld", url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("resolve: %d\n%s", rec.Code, rec.Body)
	}
	has("the draft after resolving", page(red, addr), "1 opmerking is nog niet afgehandeld.", " · afgehandeld")

	// The beoordelaar who edited may not approve (four eyes).
	now := url.Values{"versie": {itoa(o.version(d.ID))}}
	if rec := red.do("POST", addr+"/aanbieden", now); rec.Code != http.StatusSeeOther {
		t.Fatalf("submit again: %d\n%s", rec.Code, rec.Body)
	}
	if rec := rev.do("POST", addr+"/goedkeuren", now); rec.Code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", rec.Code, rec.Body)
	}
	ctx := context.Background()
	has("the publicist's approved draft", page(pub, addr), "Nu publiceren", "Publiceren op", `type="date"`, `type="time"`)
	has("the publicist's home", page(pub, "/beheer"), "<td>Publiceren</td>")
	rec = pub.do("POST", addr+"/publiceren", url.Values{"versie": {itoa(o.version(d.ID))}, "nu-toelichting": {"Na de raad van 10 november."}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", rec.Code, rec.Body)
	}
	vs, err := o.store.Versions(ctx, o.orgs[0].ID, "begroting-2022")
	if err != nil || len(vs) < 2 || vs[0].Note != "Na de raad van 10 november." {
		t.Errorf("versions: %+v %v", vs, err)
	}
}

// TestFourEyesInTheBackOffice: a beoordelaar who changed the draft sees
// why they cannot approve it, and the approval is refused.
func TestFourEyesInTheBackOffice(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	org := o.orgs[0]
	both := &koers.User{Email: "beide@leiderdorp.nl", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Redacteur},
		{OrganisationID: org.ID, Role: koers.Beoordelaar}}}
	hash, err := hashFor(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.store.CreateUser(ctx, both, hash); err != nil {
		t.Fatal(err)
	}
	o.users["leiderdorp/beide"] = both
	d := o.draftOf("leiderdorp", "begroting-2022")
	as := koers.WithActor(ctx, both)
	if _, err := o.store.ChangeDraft(as, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Title = "Begroting 2022, herzien"
		return koers.DraftChange{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.store.StepDraft(as, d.ID, koers.Submit, nil); err != nil {
		t.Fatal(err)
	}
	c := o.signIn("leiderdorp/beide")
	addr := "/beheer/leiderdorp/concepten/" + itoa(d.ID)
	body := c.do("GET", addr, nil).Body.String()
	const msg = "U hebt dit concept zelf gewijzigd; een andere beoordelaar moet het goedkeuren (vier ogen)."
	if !strings.Contains(body, msg) || strings.Contains(body, `action="`+addr+`/goedkeuren"`) {
		t.Errorf("the editing beoordelaar's draft:\n%s", body)
	}
	rec := c.do("POST", addr+"/goedkeuren", url.Values{"versie": {itoa(o.version(d.ID))}})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), msg) {
		t.Fatalf("approve own change: %d\n%s", rec.Code, rec.Body)
	}
	if got, _ := o.store.Draft(ctx, d.ID); got.Review.State != koers.InReview {
		t.Errorf("state after the refusal: %s", got.Review.State)
	}
}

func TestDateAndTimeValues(t *testing.T) {
	for in, want := range map[string]string{"2030-03-01": "2030-03-01", "1-3-2030": "2030-03-01", "1 maart": "", "": ""} {
		if got := dateValue(in); got != want {
			t.Errorf("dateValue(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"09:30": "09:30", "9:30": "09:30", "half tien": "", "25:00": ""} {
		if got := timeValue(in); got != want {
			t.Errorf("timeValue(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestScheduleInTheBackOffice: the publicist plans the publication in
// Dutch time, the form refuses what is missing, malformed or past, and
// the plan can be cancelled.
func TestScheduleInTheBackOffice(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	o.review("leiderdorp", d.ID)
	addr := "/beheer/leiderdorp/concepten/" + itoa(d.ID)
	pub := o.signIn("leiderdorp/publicist")
	v := itoa(d.Version)
	for _, tc := range []struct {
		date, clock string
		field, msg  string
	}{
		{"", "09:30", "datum", "Vul de datum in waarop het document gepubliceerd wordt."},
		{"2030-03-01", "", "tijd", "Vul de tijd in, bijvoorbeeld 09:30."},
		{"1 maart", "09:30", "datum", "Vul de datum in als dag-maand-jaar, bijvoorbeeld 14-11-2026."},
		{"2030-03-01", "half tien", "tijd", "Vul de tijd in als uren:minuten, bijvoorbeeld 09:30."},
		{"2020-03-01", "09:30", "datum", "Dit moment is al voorbij. Kies een moment in de toekomst, of publiceer nu."},
	} {
		rec := pub.do("POST", addr+"/plannen", url.Values{"versie": {v}, "datum": {tc.date}, "tijd": {tc.clock}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `<a href="#`+tc.field+`">`+tc.msg+`</a>`) ||
			!strings.Contains(rec.Body.String(), `id="`+tc.field+`-fout"`) {
			t.Errorf("schedule %q %q: %d\n%s", tc.date, tc.clock, rec.Code, rec.Body)
		}
		// A date or time input shows again only what it can hold.
		if body := rec.Body.String(); !strings.Contains(body, `name="datum" value="`+dateValue(tc.date)+`"`) ||
			!strings.Contains(body, `name="tijd" value="`+timeValue(tc.clock)+`"`) {
			t.Errorf("schedule %q %q: the inputs do not show %q and %q", tc.date, tc.clock, dateValue(tc.date), timeValue(tc.clock))
		}
	}
	rec := pub.do("POST", addr+"/plannen", url.Values{"versie": {v}, "datum": {"1-3-2030"}, "tijd": {"9:30"}, "toelichting": {"Voor de raad"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("schedule: %d\n%s", rec.Code, rec.Body)
	}
	got, err := o.store.Draft(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2030, 3, 1, 8, 30, 0, 0, time.UTC) // 9:30 in Amsterdam's winter
	if !got.Review.PublishAt.Equal(want) || got.Review.Note != "Voor de raad" {
		t.Errorf("scheduled at %v with %q, want %v", got.Review.PublishAt, got.Review.Note, want)
	}
	body := pub.do("GET", addr, nil).Body.String()
	if !strings.Contains(body, "Wordt gepubliceerd op <strong>1-3-2030 09:30</strong>.") || !strings.Contains(body, "Geplande publicatie annuleren") {
		t.Errorf("the scheduled draft:\n%s", body)
	}
	if rec := pub.do("POST", addr+"/planning-annuleren", url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("cancel: %d\n%s", rec.Code, rec.Body)
	}
	if got, _ := o.store.Draft(context.Background(), d.ID); !got.Review.PublishAt.IsZero() {
		t.Errorf("cancelled, still at %v", got.Review.PublishAt)
	}
	// Seconds, when given, are kept: a publication a few seconds ahead.
	rec = pub.do("POST", addr+"/plannen", url.Values{"versie": {v}, "datum": {"2030-03-01"}, "tijd": {"09:30:15"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("schedule with seconds: %d\n%s", rec.Code, rec.Body)
	}
	if got, _ := o.store.Draft(context.Background(), d.ID); !got.Review.PublishAt.Equal(want.Add(15 * time.Second)) {
		t.Errorf("scheduled with seconds at %v, want %v", got.Review.PublishAt, want.Add(15*time.Second))
	}
	if got := timeValue("09:30:15"); got != "09:30:15" {
		t.Errorf("timeValue(09:30:15) = %q", got)
	}
	if got := clockTime(want.Add(15 * time.Second)); got != "1-3-2030 om 09:30:15" {
		t.Errorf("clockTime = %q", got)
	}
}

// FuzzTarget: the comment form's "Bij" is read without panic, and what it
// accepts names the document, a page or a page's block.
func FuzzTarget(f *testing.F) {
	for _, s := range []string{"0", "12", "12-3", "0-1", "-1", "x", "1-", "1-0", "9223372036854775807-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		page, block, ok := target(v)
		if ok && (page < 0 || block < 0 || (block > 0 && page == 0)) {
			t.Errorf("target(%q) = %d, %d: not a place", v, page, block)
		}
	})
}

// FuzzPublishTime: the schedule form's date and time are read without
// panic; an accepted moment is never before the slack, and a refused one
// names its field.
func FuzzPublishTime(f *testing.F) {
	f.Add("2030-03-01", "09:30")
	f.Add("1-3-2030", "9:30")
	f.Add("", "")
	f.Add("31-2-2030", "24:00")
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, date, clock string) {
		var fm form
		when := publishTime(&fm, date, clock, at)
		if fm.failed() {
			if !when.IsZero() || len(fm.Fields) == 0 {
				t.Errorf("refused %q %q without a field: %+v", date, clock, fm)
			}
			return
		}
		if when.Before(at.Add(-scheduleSlack)) {
			t.Errorf("accepted %q %q at %v, before %v", date, clock, when, at)
		}
	})
}
