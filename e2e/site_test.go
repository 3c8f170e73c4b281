package e2e

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/web"
	"github.com/koers-nl/koers/web/admin"
	"github.com/koers-nl/koers/web/api"
	"github.com/koers-nl/koers/web/httpcache"
)

// Paths of the demo pages.
const (
	begrotingPath = "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
	burapPath     = "/leiderdorp/bestuursrapportage-2020-1/programmas/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
)

// mustSite serves the demo data from a fresh database on 127.0.0.1, with
// a second version of Voorbeeldgemeente's begroting 2024 (publishVersion).
func mustSite(tb testing.TB) string {
	tb.Helper()
	o := mustOffice(tb)
	if err := publishVersion(context.Background(), o.store); err != nil {
		tb.Fatal(err)
	}
	o.invalidate()
	return o.URL
}

// office is the whole of koers serve on a fresh database with the demo
// data: the site, the API and the back office, with a beheerder of
// Leiderdorp made as `koers user add` makes one.
type office struct {
	URL   string
	store koers.Store
	mux   *httpx.Mux // every route served, the back office's too
	// Invalidate is what the back office calls after a publication: the
	// site's caches forget the organisation.
	invalidate func()
}

// Passwords of the people of the suite; cheap hashes keep it fast.
const (
	beheerderEmail = "beheerder@leiderdorp.nl"
	testPassword   = "tulp-fiets-molen-kaas"
)

var cheap = auth.Params{Memory: 64, Time: 1, Threads: 1}

func mustOffice(tb testing.TB) *office {
	tb.Helper()
	return mustOfficeOn(tb, "sqlite")
}

// engines are the stores the suites that must pass on both run on:
// SQLite always, PostgreSQL where KOERS_TEST_POSTGRES names a database (CI).
func engines() []string {
	if os.Getenv("KOERS_TEST_POSTGRES") != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// mustOfficeOn is mustOffice on an engine: "sqlite" or "postgres" (a new
// schema of KOERS_TEST_POSTGRES's database, skipped without it).
func mustOfficeOn(tb testing.TB, engine string) *office {
	tb.Helper()
	ctx := context.Background()
	var store koers.Store
	switch engine {
	case "sqlite":
		s, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "koers.db"))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		store = s
	case "postgres":
		s, err := postgres.Open(ctx, storetest.PostgresURL(tb))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { s.Close() })
		store = s
	default:
		tb.Fatalf("unknown engine %q", engine)
	}
	if _, err := demo.Load(ctx, store); err != nil {
		tb.Fatal(err)
	}
	if err := putRewording(ctx, store); err != nil {
		tb.Fatal(err)
	}
	org, err := store.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		tb.Fatal(err)
	}
	if err := putComputed(ctx, store, org.ID); err != nil {
		tb.Fatal(err)
	}
	hash, err := auth.Hash(testPassword, cheap)
	if err != nil {
		tb.Fatal(err)
	}
	if err := store.CreateUser(ctx, &koers.User{Email: beheerderEmail, Name: "Anne de Vries",
		Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Beheerder}}}, hash); err != nil {
		tb.Fatal(err)
	}
	// Wired as koers serve wires it (cmd/koers), without the operational
	// endpoints.
	log := slog.New(slog.DiscardHandler)
	cache := httpcache.NewCache(store, httpcache.Options{})
	srv, err := web.New(store.Published(), store, cache, web.Options{Logger: log})
	if err != nil {
		tb.Fatal(err)
	}
	mux := httpx.NewMux()
	api.New(store.Published(), cache, api.Options{Logger: log,
		SearchGate: srv.SearchGate(), SearchCache: srv.SearchCache()}).Register(mux)
	srv.Register(mux)
	back, err := admin.New(store, srv, admin.Options{Logger: log, Params: cheap, Published: srv.Invalidate,
		Register: &admin.RegisterServices{Importer: e2eRegister{}, Computer: e2eRegister{}, Reader: e2eRegister{}}})
	if err != nil {
		tb.Fatal(err)
	}
	back.Register(mux)
	// The scheduler, as koers serve runs it, checking often: the review
	// journey publishes two seconds after it schedules.
	scheduling, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		admin.RunScheduler(scheduling, store, 100*time.Millisecond, srv.Invalidate, log)
	}()
	tb.Cleanup(func() { stop(); <-done })
	ts := httptest.NewServer(httpx.Handler(mux, httpx.Options{Logger: log}))
	tb.Cleanup(ts.Close)
	return &office{URL: ts.URL, store: store, mux: mux, invalidate: srv.Invalidate}
}

// putRewording adds a later begroting that counts the demo's JBT indicator
// as a percentage with another counting rule, so that the suite also sees
// an indicator page that says what changed.
func putRewording(ctx context.Context, store koers.Store) error {
	org, err := store.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		return err
	}
	share := 0.4
	doc := &koers.Document{Kind: koers.Begroting, Year: 2023, Title: "Beleidsbegroting 2023", Slug: "begroting-2023",
		Pages: []*koers.Page{{Kind: koers.SubProgramme, Number: "1C", Title: "1C: Ondersteunde inwoners", Slug: "1c-ondersteunde-inwoners",
			Indicators: []*koers.Indicator{{Key: "jbt-meldingen", Number: "2.4", Name: "Meldingen JBT per 100 jongeren",
				Unit: koers.Percentage, Definition: "Meldingen bij het Jeugdbeschermingsteam per 100 jongeren tot 18 jaar.",
				Values: []koers.Value{{Year: 2023, Kind: koers.Budgeted, Number: &share}}}},
			Blocks: []koers.Block{{Type: koers.IndicatorTableBlock, Heading: "Prestatie-indicatoren", Indicators: []string{"jbt-meldingen"}}}}}}
	return store.PutDocument(ctx, org, doc)
}

// need returns the path of a tool the suite needs, skipping the test where
// it is missing, except in CI, which must have installed it.
func need(tb testing.TB, what, path string) string {
	tb.Helper()
	if path != "" {
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s is not installed, and CI must run the browser suite", what)
	}
	tb.Skipf("%s is not installed; see the package documentation", what)
	return ""
}

func lookPath(name string) string {
	p, _ := exec.LookPath(name)
	return p
}

// mustBrowser starts headless Chromium with the flags this machine needs
// and returns a browser context, ended with the test, with 90 seconds for
// all the test does in it.
func mustBrowser(tb testing.TB) context.Context {
	tb.Helper()
	ctx, cancel := context.WithTimeout(mustBrowserNoDeadline(tb), 90*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

// mustBrowserNoDeadline is mustBrowser for a test that sets deadlines of
// its own, one per step, so that a slow step names itself.
func mustBrowserNoDeadline(tb testing.TB) context.Context {
	tb.Helper()
	chromium := need(tb, "Chromium", firstOf(lookPath("chromium"), lookPath("chromium-browser"), lookPath("google-chrome")))
	// Chromium may still write to its profile while it exits, so the
	// profile is removed on a best-effort basis, not by t.TempDir.
	profile, err := os.MkdirTemp("", "koers-chromium-")
	if err != nil {
		tb.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); cancelAlloc(); _ = os.RemoveAll(profile) })
	if err := chromedp.Run(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func must(tb testing.TB, ctx context.Context, actions ...chromedp.Action) {
	tb.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		tb.Fatal(err)
	}
}

func text(tb testing.TB, ctx context.Context, sel string) string {
	tb.Helper()
	var s string
	must(tb, ctx, chromedp.Text(sel, &s, chromedp.NodeVisible))
	return strings.TrimSpace(s)
}

// toolsDir is where `npm ci --prefix e2e` puts axe-core and vnu-jar.
func toolsDir() string { return "node_modules" }

// publishVersion publishes a second version of Voorbeeldgemeente's
// begroting 2024, with a word changed in its first paragraph, through the
// review as a redacteur and a beoordelaar would: the site then has an old
// version to show and a version's changes.
func publishVersion(ctx context.Context, store koers.Store) error {
	org, err := store.OrganisationBySlug(ctx, "voorbeeldgemeente")
	if err != nil {
		return err
	}
	pub, err := store.DocumentBySlug(ctx, org.ID, "begroting-2024")
	if err != nil {
		return err
	}
	full, err := store.Document(ctx, pub.ID, true)
	if err != nil {
		return err
	}
	hash, err := auth.Hash(testPassword, cheap)
	if err != nil {
		return err
	}
	editor := &koers.User{Email: "redactie@voorbeeldgemeente.nl", Name: "Rik Redactie", Grants: []koers.Grant{
		{OrganisationID: org.ID, Role: koers.Redacteur}, {OrganisationID: org.ID, Role: koers.Publicist}}}
	reviewer := &koers.User{Email: "beoordeling@voorbeeldgemeente.nl", Name: "Bo Beoordeling", Grants: []koers.Grant{
		{OrganisationID: org.ID, Role: koers.Beoordelaar}}}
	for _, u := range []*koers.User{editor, reviewer} {
		if err := store.CreateUser(ctx, u, hash); err != nil {
			return err
		}
	}
	changed := errors.New("changed")
	err = full.Walk(func(p *koers.Page) error {
		for i := range p.Blocks {
			for j, e := range p.Blocks[i].Content {
				if e.Type == koers.Paragraph && strings.Contains(e.Text, " ") {
					first, rest, _ := strings.Cut(e.Text, " ")
					p.Blocks[i].Content[j].Text = first + " inmiddels " + rest
					return changed
				}
			}
		}
		return nil
	})
	if err != changed {
		return fmt.Errorf("no paragraph to change in begroting-2024 (%v)", err)
	}
	ectx := koers.WithActor(ctx, editor)
	d := koers.NewDraft(org.ID, full, true)
	if err := store.StartDraft(ectx, d, koers.DraftChange{}); err != nil {
		return err
	}
	if _, err := store.StepDraft(ectx, d.ID, koers.Submit, nil); err != nil {
		return err
	}
	if _, err := store.StepDraft(koers.WithActor(ctx, reviewer), d.ID, koers.Approve, nil); err != nil {
		return err
	}
	_, err = store.Publish(ectx, d.ID, "Een woord toegevoegd.")
	return err
}

// computedIndicator is the demo indicator the e2e site gives values
// computed by the register: one beside the document's, one different, one
// suppressed, one with a breakdown.
const computedIndicator = "/leiderdorp/indicatoren/wmo-maatwerkvoorzieningen"

// putComputed stores what `koers register compute --write` would.
func putComputed(ctx context.Context, store koers.Store, orgID int64) error {
	cv, ok := store.(koers.ComputedValues)
	if !ok {
		return fmt.Errorf("%T keeps no computed values", store)
	}
	f := func(x float64) *float64 { return &x }
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	rule := "Aantal unieke inwoners met ten minste één lopende Wmo-maatwerkvoorziening op enig moment in het jaar."
	return cv.SaveComputed(ctx, orgID, []koers.ComputedValue{
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2017, Below: 5, Rule: rule, RuleVersion: 1, ComputedAt: at},
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2019, Number: f(1350), Rule: rule, RuleVersion: 1, ComputedAt: at},
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2020, Number: f(1972), Rule: rule, RuleVersion: 1, ComputedAt: at,
			Parts: []koers.ComputedPart{{Name: "Centrum", Number: f(1200)}, {Name: "Noord", Below: 5}, {Name: "Zuid"}}},
	})
}
