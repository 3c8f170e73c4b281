package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/koers-nl/koers"
)

// browser is an HTTP client that keeps cookies and posts forms as from
// the site itself.
type browser struct {
	t      *testing.T
	client *http.Client
}

func newBrowser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// post sends a form and returns the status and where it redirects to.
func (b *browser) post(target string, form url.Values) (int, string) {
	b.t.Helper()
	req, _ := http.NewRequest("POST", target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 400 {
		b.t.Fatalf("POST %s: %d\n%s", target, res.StatusCode, body)
	}
	return res.StatusCode, res.Header.Get("Location")
}

func (b *browser) get(target string) string {
	b.t.Helper()
	res, err := b.client.Get(target)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d\n%s", target, res.StatusCode, body)
	}
	return string(body)
}

// testPublishEverywhere publishes a draft through one instance's back
// office and expects both instances on the database to show it within a
// second; until then, the draft shows on neither.
func testPublishEverywhere(t *testing.T, db string) {
	if _, err := runStdin(t, "tulp-fiets-molen-kaas\n", "user", "add", "--db", db, "--org", "leiderdorp",
		"--role", "redacteur,publicist", "anne@leiderdorp.nl"); err != nil {
		t.Fatal(err)
	}
	if _, err := runStdin(t, "roos-boot-duin-klok\n", "user", "add", "--db", db, "--org", "leiderdorp",
		"--role", "beoordelaar", "bert@leiderdorp.nl"); err != nil {
		t.Fatal(err)
	}
	a := mustServe(t, "--db", db)
	b := mustServe(t, "--db", db)
	path := "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
	for _, in := range []*instance{a, b} {
		get(t, in.base+path) // cached from here on
	}
	br := newBrowser(t)
	br.post(a.base+"/beheer/aanmelden", url.Values{"email": {"anne@leiderdorp.nl"}, "wachtwoord": {"tulp-fiets-molen-kaas"}})
	_, draft := br.post(a.base+"/beheer/leiderdorp/documenten/begroting-2022/concept", url.Values{})
	editor := br.get(a.base + draft)
	page := regexp.MustCompile(`href="(` + regexp.QuoteMeta(draft) + `/paginas/\d+)">1C: Ondersteunde inwoners<`).FindStringSubmatch(editor)
	if page == nil {
		t.Fatalf("no 1C in the draft:\n%s", editor)
	}
	form, err := goquery.NewDocumentFromReader(strings.NewReader(br.get(a.base + page[1])))
	if err != nil {
		t.Fatal(err)
	}
	// The goal block's form: its address, the version it was made from
	// and its heading.
	var action, version, heading string
	form.Find("section.block").Each(func(_ int, sec *goquery.Selection) {
		if strings.HasSuffix(strings.TrimSpace(sec.Find("h3").Text()), ": Doel") {
			action, _ = sec.Find("form").Attr("action")
			version, _ = sec.Find(`input[name="versie"]`).Attr("value")
			heading, _ = sec.Find(`input[name="kop"]`).Attr("value")
		}
	})
	if action == "" || version == "" {
		t.Fatal("no goal block form on 1C")
	}
	br.post(a.base+action, url.Values{"versie": {version}, "actie": {"opslaan"}, "kop": {heading}, "inhoud": {"Een nieuw doel, nog niet gepubliceerd."}})
	for _, in := range []*instance{a, b} {
		if _, body := get(t, in.base+path); strings.Contains(body, "Een nieuw doel") {
			t.Fatalf("%s shows the draft", in.base)
		}
	}
	page2, err := goquery.NewDocumentFromReader(strings.NewReader(br.get(a.base + draft)))
	if err != nil {
		t.Fatal(err)
	}
	current, _ := page2.Find(`form[action$="/aanbieden"] input[name="versie"]`).Attr("value")
	br.post(a.base+draft+"/aanbieden", url.Values{"versie": {current}})
	// Another person approves it, on the other instance.
	rev := newBrowser(t)
	rev.post(b.base+"/beheer/aanmelden", url.Values{"email": {"bert@leiderdorp.nl"}, "wachtwoord": {"roos-boot-duin-klok"}})
	rev.post(b.base+draft+"/goedkeuren", url.Values{"versie": {current}})
	br.post(a.base+draft+"/publiceren", url.Values{"versie": {current}})
	start := time.Now()
	for _, in := range []*instance{a, b} {
		for {
			if _, body := get(t, in.base+path); strings.Contains(body, "Een nieuw doel, nog niet gepubliceerd.") {
				break
			}
			if time.Since(start) > time.Second {
				t.Fatalf("%s still shows the old page %v after publishing", in.base, time.Since(start))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	t.Logf("both instances showed the publication %v after it", time.Since(start).Round(time.Millisecond))
}

func TestPublishEverywhereSQLite(t *testing.T) { testPublishEverywhere(t, demoDB(t)) }

func TestPublishEverywherePostgres(t *testing.T) {
	pg := postgresDB(t)
	mustRun(t, "copy", "--from", demoDB(t), "--to", pg)
	testPublishEverywhere(t, pg)
}

// testScheduledEverywhere schedules a publication two seconds ahead
// through the store and runs two instances on the database, each with its
// scheduler: exactly one of them publishes it, on time, and both then
// serve it.
func testScheduledEverywhere(t *testing.T, db string) {
	ctx := context.Background()
	s, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := s.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		t.Fatal(err)
	}
	editor := &koers.User{Email: "anne@leiderdorp.nl", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Redacteur},
		{OrganisationID: org.ID, Role: koers.Publicist}}}
	reviewer := &koers.User{Email: "bert@leiderdorp.nl", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Beoordelaar}}}
	for _, u := range []*koers.User{editor, reviewer} {
		if err := s.CreateUser(ctx, u, "x"); err != nil {
			t.Fatal(err)
		}
	}
	pub, err := s.DocumentBySlug(ctx, org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	full, err := s.Document(ctx, pub.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	asEditor, asReviewer := koers.WithActor(ctx, editor), koers.WithActor(ctx, reviewer)
	d := koers.NewDraft(org.ID, full, true)
	d.Document.Title = "Begroting 2022, voor de raad"
	if err := s.StartDraft(asEditor, d, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StepDraft(asEditor, d.ID, koers.Submit, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StepDraft(asReviewer, d.ID, koers.Approve, nil); err != nil {
		t.Fatal(err)
	}
	a := mustServe(t, "--db", db)
	b := mustServe(t, "--db", db)
	path := "/leiderdorp/begroting-2022"
	for _, in := range []*instance{a, b} {
		if _, body := get(t, in.base+path); strings.Contains(body, "voor de raad") {
			t.Fatalf("%s shows the draft before its time", in.base)
		}
	}
	at := time.Now().Add(2 * time.Second)
	if err := s.Schedule(asEditor, d.ID, at, "Voor de raad"); err != nil {
		t.Fatal(err)
	}
	for _, in := range []*instance{a, b} {
		for {
			if _, body := get(t, in.base+path); strings.Contains(body, "Begroting 2022, voor de raad") {
				break
			}
			if time.Since(at) > 3*time.Second {
				t.Fatalf("%s does not show the scheduled publication %v after its time", in.base, time.Since(at))
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if late := time.Since(at); late < 0 {
		t.Errorf("published %v before its time", -late)
	}
	vs, err := s.Versions(ctx, org.ID, "begroting-2022")
	if err != nil || len(vs) != 2 || vs[0].Note != "Voor de raad" || vs[0].PublishedBy != editor.Email {
		t.Errorf("versions: %+v %v", vs, err)
	}
	logged := strings.Count(a.logs.String(), "published at its time") + strings.Count(b.logs.String(), "published at its time")
	if logged != 1 {
		t.Errorf("%d instances published it\n%s\n%s", logged, a.logs.String(), b.logs.String())
	}
}

func TestScheduledEverywhereSQLite(t *testing.T) { testScheduledEverywhere(t, demoDB(t)) }

func TestScheduledEverywherePostgres(t *testing.T) {
	pg := postgresDB(t)
	mustRun(t, "copy", "--from", demoDB(t), "--to", pg)
	testScheduledEverywhere(t, pg)
}
