// Package storetest is the contract suite every koers.Store engine must
// pass. An engine's tests call Run with a function that opens a fresh,
// empty store.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/koers-nl/koers"
)

// Run runs the whole contract suite. open must return a new empty store for
// each call; Run closes it.
func Run(t *testing.T, open func(tb testing.TB) koers.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s koers.Store)
	}{
		{"PutAndReadBack", testPutAndReadBack},
		{"PutReplacesAndKeepsPageIDs", testPutReplaces},
		{"Lookups", testLookups},
		{"NotFound", testNotFound},
		{"DocumentsOrderAndFilter", testDocumentsOrder},
		{"Indicators", testIndicators},
		{"IdentityAcrossDocuments", testIdentity},
		{"FailedPutWritesNothing", testFailedPut},
		{"InvalidDocumentRefused", testInvalidRefused},
		{"PutAllWritesAllOrNothing", testPutAll},
		{"Delete", testDelete},
		{"Revision", testRevision},
		{"Revisions", testRevisions},
		{"ConcurrentReadsAndWrites", testConcurrent},
		{"Churn", testChurn},
		{"OwnWords", testOwnWords},
		{"Money", testMoney},
		{"FinanceTable", testFinanceTable},
		{"Times", testTimes},
		{"BenchmarkRules", testBenchmarkRules},
		{"Selection", testSelection},
		{"Series", testSeries},
		{"ComputedValues", testComputedValues},
		{"Benchmarks", testBenchmarks},
		{"Search", testSearch},
		{"SelectionLimit", testSelectionLimit},
		{"PagesByID", testPagesByID},
		{"PlanOf", testPlanOf},
		{"Cycle", testCycle},
		{"Trajectory", testTrajectory},
		{"Find", testFind},
		{"FindWindows", testFindWindows},
		{"Outline", testOutline},
		{"DocumentWindow", testDocumentWindow},
		{"IndicatorWindow", testIndicatorWindow},
		{"IndicatorIndex", testIndicatorIndex},
		{"SelectionTotal", testSelectionTotal},
		{"Statuses", testStatuses},
		{"PrintedIndicatorTable", testPrintedIndicatorTable},
		{"FinanceSettings", testFinanceSettings},
		{"ComparisonTable", testComparisonTable},
		{"OutlineMoney", testOutlineMoney},
		{"Users", testUsers},
		{"Sessions", testSessions},
		{"Failures", testFailures},
		{"StartDraft", testStartDraft},
		{"ChangeDraft", testChangeDraft},
		{"ChangeDraftConcurrent", testChangeDraftConcurrent},
		{"Publish", testPublish},
		{"PublishRenamed", testPublishRenamed},
		{"WithdrawRestore", testWithdrawRestore},
		{"PublishedVersions", testPublishedVersions},
		{"RenameOntoVersions", testRenameOntoVersions},
		{"AuditLog", testAuditLog},
		{"UpdateOrganisation", testUpdateOrganisation},
		{"ReviewSteps", testReviewSteps},
		{"SubmitUnfilled", testSubmitUnfilled},
		{"SelfReview", testSelfReview},
		{"EditResetsApproval", testEditResetsApproval},
		{"ReviewComments", testReviewComments},
		{"Waiting", testWaiting},
		{"Schedule", testSchedule},
		{"PublishDue", testPublishDue},
		{"RollForward", testRollForward},
		{"APITokens", testAPITokens},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() { s.Close() })
			tt.fn(t, s)
		})
	}
}

func ctx() context.Context { return context.Background() }

// MustPut stores a document and fails the test on error.
func MustPut(tb testing.TB, s koers.Store, org *koers.Organisation, doc *koers.Document) {
	tb.Helper()
	if err := s.PutDocument(ctx(), org, doc); err != nil {
		tb.Fatalf("PutDocument: %v", err)
	}
}

func testPutAndReadBack(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	if org.ID == 0 || doc.ID == 0 {
		t.Fatalf("IDs not set: org %d doc %d", org.ID, doc.ID)
	}
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Begroting2022()
	want.SetPaths()
	if diff := compareDocuments(got, want); diff != "" {
		t.Errorf("read back differs: %s", diff)
	}
	if got.UpdatedAt.IsZero() {
		t.Error("UpdatedAt not set")
	}
	// Without content, the tree is there but the pages are bare.
	bare, err := s.Document(ctx(), doc.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	sub := bare.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners")
	if sub == nil || len(sub.Blocks) != 0 || len(sub.Indicators) != 0 {
		t.Errorf("bare tree: got %+v", sub)
	}
}

func testPutReplaces(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	before := doc.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").ID
	stale := doc.FindPage("beleidsbegroting/programma-1/1a-gezonde-inwoners").ID

	// The same document again, with 1A gone and 1C reworded.
	doc2 := Begroting2022()
	prog := doc2.Pages[0].Children[0]
	prog.Children = prog.Children[1:]
	prog.Children[0].SmartGoals[0].Title = "Herschreven doel."
	MustPut(t, s, Leiderdorp(), doc2)
	if doc2.ID != doc.ID {
		t.Fatalf("document ID changed: %d -> %d", doc.ID, doc2.ID)
	}
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	sub := got.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners")
	if sub == nil || sub.ID != before {
		t.Fatalf("1C page ID not kept: was %d, now %+v", before, sub)
	}
	if sub.SmartGoals[0].Title != "Herschreven doel." {
		t.Errorf("goal title = %q", sub.SmartGoals[0].Title)
	}
	if len(sub.Blocks) != len(doc2.Pages[0].Children[0].Children[0].Blocks) {
		t.Errorf("blocks duplicated or lost: %d", len(sub.Blocks))
	}
	if _, err := s.Page(ctx(), stale); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("removed page still there: err = %v", err)
	}
	ind, err := s.Indicators(ctx(), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ind) != 2 || len(ind[0].Values) != 3 {
		t.Errorf("indicators after re-put: %d (values %v)", len(ind), ind)
	}
}

func testLookups(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	org.Theme = koers.Theme{Colour: "#1a5a96", Logo: `<svg xmlns="http://www.w3.org/2000/svg"/>`}
	MustPut(t, s, org, doc)
	o, err := s.OrganisationBySlug(ctx(), "leiderdorp")
	if err != nil || o.ID != org.ID || o.Name != "Gemeente Leiderdorp" || o.CBSCode != "GM0547" || o.Theme != org.Theme {
		t.Fatalf("OrganisationBySlug = %+v, %v", o, err)
	}
	if o2, err := s.Organisation(ctx(), org.ID); err != nil || !reflect.DeepEqual(o2, o) {
		t.Errorf("Organisation = %+v, %v", o2, err)
	}
	orgs, err := s.Organisations(ctx())
	if err != nil || len(orgs) != 1 {
		t.Errorf("Organisations = %v, %v", orgs, err)
	}
	d, err := s.DocumentBySlug(ctx(), org.ID, "begroting-2022")
	if err != nil || d.ID != doc.ID || len(d.Pages) != 1 {
		t.Fatalf("DocumentBySlug = %+v, %v", d, err)
	}
	p, err := s.PageByPath(ctx(), doc.ID, "beleidsbegroting/programma-1/1c-ondersteunde-inwoners")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "1C: Ondersteunde inwoners" || len(p.Blocks) == 0 || len(p.SmartGoals) != 2 || p.ParentID == 0 {
		t.Errorf("PageByPath = %+v", p)
	}
	trail := d.Trail(p.ID)
	if len(trail) != 3 || trail[2].ID != p.ID {
		t.Errorf("Trail = %v", trail)
	}
}

func testNotFound(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	checks := map[string]error{}
	_, checks["Organisation"] = s.Organisation(ctx(), 999)
	_, checks["OrganisationBySlug"] = s.OrganisationBySlug(ctx(), "nergens")
	_, checks["Document"] = s.Document(ctx(), 999, true)
	_, checks["DocumentBySlug"] = s.DocumentBySlug(ctx(), org.ID, "nergens")
	_, checks["Page"] = s.Page(ctx(), 999)
	_, checks["PageByPath"] = s.PageByPath(ctx(), doc.ID, "nergens")
	_, checks["Indicators"] = s.Indicators(ctx(), 999)
	checks["DeleteDocument"] = s.DeleteDocument(ctx(), 999)
	for name, err := range checks {
		if koers.ErrorCode(err) != koers.ENOTFOUND {
			t.Errorf("%s: code %q (%v), want not_found", name, koers.ErrorCode(err), err)
		}
	}
}

func testDocumentsOrder(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	for _, d := range []*koers.Document{Begroting2022(), Burap2020(), Bare(koers.Jaarstukken, 2020, 0), Bare(koers.Bestuursrapportage, 2020, 2)} {
		MustPut(t, s, org, d)
	}
	other := &koers.Organisation{Slug: "elders", Name: "Gemeente Elders"}
	MustPut(t, s, other, Bare(koers.Begroting, 2023, 0))

	all, err := s.Documents(ctx(), koers.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range all {
		got = append(got, d.Slug)
	}
	want := []string{"begroting-2023", "begroting-2022", "bestuursrapportage-2020-1", "bestuursrapportage-2020-2", "jaarstukken-2020"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Documents order = %v, want %v", got, want)
	}
	mine, err := s.Documents(ctx(), koers.DocumentFilter{OrganisationID: org.ID})
	if err != nil || len(mine) != 4 {
		t.Errorf("filtered = %d, %v", len(mine), err)
	}
	for _, d := range mine {
		if d.Pages != nil {
			t.Errorf("Documents returned pages for %s", d.Slug)
		}
	}
}

func testIndicators(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	ind, err := s.Indicators(ctx(), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// 1A's indicator comes before 1C's two: page order, then row order.
	var keys []string
	for _, in := range ind {
		keys = append(keys, in.Key)
	}
	if want := []string{"sportdeelname", "wmo-maatwerk", "jbt-meldingen"}; !reflect.DeepEqual(keys, want) {
		t.Fatalf("keys = %v, want %v", keys, want)
	}
	jbt := ind[2]
	v, ok := jbt.Value(2018, koers.Realised)
	if !ok || v.Number != nil || v.Display(jbt.Unit) != "nnb" {
		t.Errorf("JBT 2018 = %+v, want a known-missing value", v)
	}
	if v, _ := jbt.Value(2019, koers.Realised); v.Number == nil || *v.Number != 5 || v.DocumentID != doc.ID {
		t.Errorf("JBT 2019 = %+v", v)
	}
	if ind[1].Footnote == nil || ind[1].Footnote.Marker != "1" {
		t.Errorf("footnote lost: %+v", ind[1].Footnote)
	}
}

func testIdentity(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	b, r := Begroting2022(), Burap2020()
	MustPut(t, s, org, b)
	MustPut(t, s, org, r)
	pb := b.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners")
	pr := r.FindPage("programmas/programma-1/1c-ondersteunde-inwoners")
	gb, _ := pb.SmartGoal("2")
	gr, _ := pr.SmartGoal("2")
	if gb.ID == 0 || gb.ID != gr.ID {
		t.Errorf("SMART goal 2 has two identities: %d, %d", gb.ID, gr.ID)
	}
	ab, _ := pb.Activity("2.2")
	ar, _ := pr.Activity("2.2")
	if ab.ID == 0 || ab.ID != ar.ID || ab.Title == ar.Title {
		t.Errorf("activity 2.2: ids %d/%d, titles %q/%q", ab.ID, ar.ID, ab.Title, ar.Title)
	}
	// Each document keeps its own wording.
	got, err := s.Page(ctx(), pr.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := got.Activity("2.2"); a.Title != ar.Title {
		t.Errorf("burap wording = %q, want %q", a.Title, ar.Title)
	}
}

func testFailedPut(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	rev, _ := s.Revision(ctx())

	// A document whose last indicator the database refuses: nothing of it,
	// nor the organisation's new name, may remain.
	doc := Burap2020()
	doc.Pages[0].Children[0].Children[0].Indicators = []*koers.Indicator{{Key: "fout", Number: "1.1", Name: "Fout", Unit: koers.Unit("liters")}}
	renamed := Leiderdorp()
	renamed.Name = "Gemeente Anders"
	if err := s.PutDocument(ctx(), renamed, doc); err == nil {
		t.Fatal("PutDocument with an invalid unit succeeded")
	}
	docs, _ := s.Documents(ctx(), koers.DocumentFilter{})
	if len(docs) != 1 {
		t.Errorf("documents after failed put = %d, want 1", len(docs))
	}
	if o, _ := s.OrganisationBySlug(ctx(), "leiderdorp"); o.Name != "Gemeente Leiderdorp" {
		t.Errorf("organisation renamed by a failed put: %q", o.Name)
	}
	if rev2, _ := s.Revision(ctx()); rev2 != rev {
		t.Errorf("revision moved on a failed put: %d -> %d", rev, rev2)
	}
}

func testDelete(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	if err := s.DeleteDocument(ctx(), doc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Document(ctx(), doc.ID, false); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("deleted document: %v", err)
	}
	pid := doc.Pages[0].ID
	if _, err := s.Page(ctx(), pid); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("page of deleted document: %v", err)
	}
	// Putting it again works: nothing left behind blocks it.
	MustPut(t, s, org, Begroting2022())
}

func testRevision(t *testing.T, s koers.Store) {
	r0, err := s.Revision(ctx())
	if err != nil {
		t.Fatal(err)
	}
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	r1, _ := s.Revision(ctx())
	if r1 <= r0 {
		t.Errorf("revision did not grow on put: %d -> %d", r0, r1)
	}
	_, _ = s.Documents(ctx(), koers.DocumentFilter{})
	if r, _ := s.Revision(ctx()); r != r1 {
		t.Errorf("revision moved on a read: %d -> %d", r1, r)
	}
	if err := s.DeleteDocument(ctx(), doc.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.Revision(ctx()); r <= r1 {
		t.Errorf("revision did not grow on delete: %d -> %d", r1, r)
	}
	if err := s.Ping(ctx()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func testConcurrent(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				if err := s.PutDocument(ctx(), Leiderdorp(), Begroting2022()); err != nil {
					errs <- err
				}
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				d, err := s.DocumentBySlug(ctx(), org.ID, "begroting-2022")
				if err != nil {
					errs <- err
					continue
				}
				if _, err := s.Document(ctx(), d.ID, true); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	docs, _ := s.Documents(ctx(), koers.DocumentFilter{})
	if len(docs) != 1 {
		t.Errorf("documents = %d, want 1", len(docs))
	}
}

func testSelection(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	sub := doc.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").ID
	top := doc.Pages[0].ID
	rev, _ := s.Revision(ctx())

	if ids, err := s.Selection(ctx(), "lezer"); err != nil || len(ids) != 0 {
		t.Fatalf("new selection = %v, %v", ids, err)
	}
	for _, id := range []int64{sub, top, sub} { // adding twice keeps one
		if err := s.Select(ctx(), "lezer", id, true); err != nil {
			t.Fatal(err)
		}
	}
	if ids, _ := s.Selection(ctx(), "lezer"); !reflect.DeepEqual(ids, []int64{sub, top}) {
		t.Errorf("selection = %v, want [%d %d]", ids, sub, top)
	}
	if ids, _ := s.Selection(ctx(), "ander"); len(ids) != 0 {
		t.Errorf("another reader sees %v", ids)
	}
	if err := s.Select(ctx(), "lezer", 9999, true); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("selecting a missing page: %v", err)
	}
	if err := s.Select(ctx(), "lezer", sub, false); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.Selection(ctx(), "lezer"); !reflect.DeepEqual(ids, []int64{top}) {
		t.Errorf("after removal = %v", ids)
	}
	if r, _ := s.Revision(ctx()); r != rev {
		t.Errorf("a selection moved the content revision: %d -> %d", rev, r)
	}
	// A page that goes away leaves the selection.
	if err := s.DeleteDocument(ctx(), doc.ID); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.Selection(ctx(), "lezer"); len(ids) != 0 {
		t.Errorf("selection keeps deleted pages: %v", ids)
	}
	MustPut(t, s, Leiderdorp(), Begroting2022())
	doc2, _ := s.Documents(ctx(), koers.DocumentFilter{})
	full, _ := s.Document(ctx(), doc2[0].ID, false)
	if err := s.Select(ctx(), "lezer", full.Pages[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.ClearSelection(ctx(), "lezer"); err != nil {
		t.Fatal(err)
	}
	if ids, _ := s.Selection(ctx(), "lezer"); len(ids) != 0 {
		t.Errorf("after clear = %v", ids)
	}
}

func testSelectionLimit(t *testing.T, s koers.Store) {
	doc := Bare(koers.Begroting, 2030, 0)
	doc.Pages = nil
	for i := 0; i <= koers.MaxSelection; i++ {
		doc.Pages = append(doc.Pages, &koers.Page{Kind: koers.PlainPage, Title: fmt.Sprintf("Pagina %d", i), Slug: fmt.Sprintf("pagina-%d", i)})
	}
	MustPut(t, s, Leiderdorp(), doc)
	for i, p := range doc.Pages {
		err := s.Select(ctx(), "veel", p.ID, true)
		if i < koers.MaxSelection && err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		if i == koers.MaxSelection && koers.ErrorCode(err) != koers.EINVALID {
			t.Errorf("page past the limit: %v", err)
		}
	}
	// Selecting a page already in a full selection is fine.
	if err := s.Select(ctx(), "veel", doc.Pages[0].ID, true); err != nil {
		t.Errorf("reselecting in a full selection: %v", err)
	}
}

// Jaarstukken2022 reports on the 1C indicator of Begroting2022 with a
// corrected 2019 value and the realised 2022 value.
func Jaarstukken2022() *koers.Document {
	d := Bare(koers.Jaarstukken, 2022, 0)
	d.Pages[0].Kind, d.Pages[0].Number = koers.SubProgramme, "1C"
	d.Pages[0].Indicators = []*koers.Indicator{{Key: "wmo-maatwerk", Number: "1.1", Name: "Inwoners met een Wmo-maatwerkvoorziening", Unit: koers.Count,
		Direction: koers.AtMost, Values: []koers.Value{
			{Year: 2019, Kind: koers.Realised, Number: num(1400)},
			{Year: 2022, Kind: koers.Realised, Number: num(1300)},
		}}}
	d.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"wmo-maatwerk"}}}
	return d
}

func testSeries(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	MustPut(t, s, org, Jaarstukken2022())
	series, err := s.Series(ctx(), org.ID, "wmo-maatwerk")
	if err != nil {
		t.Fatal(err)
	}
	in := series.Indicator
	if in.Name != "Inwoners met een Wmo-maatwerkvoorziening" || in.Direction != koers.AtMost {
		t.Errorf("wording or metadata not the latest: %+v", in)
	}
	if v, _ := in.Value(2019, koers.Realised); v.Number == nil || *v.Number != 1400 {
		t.Errorf("2019 shows %+v, want the jaarstukken's 1400", v)
	}
	if v, _ := in.Value(2018, koers.Realised); v.Number == nil || *v.Number != 1992 {
		t.Errorf("2018 shows %+v, want the begroting's 1992", v)
	}
	var reports2019 []string
	for _, r := range series.Reports {
		if r.Value.Year == 2019 && r.Value.Kind == koers.Realised {
			reports2019 = append(reports2019, fmt.Sprintf("%s:%v:%v", r.Document.Slug, *r.Value.Number, r.Current))
		}
	}
	if strings.Join(reports2019, " ") != "jaarstukken-2022:1400:true begroting-2022:1350:false" {
		t.Errorf("2019 reports = %v", reports2019)
	}
	if len(series.Mentions) != 2 || series.Mentions[0].Document.Kind != koers.Jaarstukken {
		t.Errorf("mentions = %+v", series.Mentions)
	}
	byID, err := s.SeriesByID(ctx(), in.ID)
	if err != nil || len(byID.Reports) != len(series.Reports) {
		t.Errorf("SeriesByID: %v", err)
	}
	if _, err := s.Series(ctx(), org.ID, "nergens"); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("unknown key: %v", err)
	}
}

func testBenchmarks(t *testing.T, s koers.Store) {
	list := []koers.Benchmark{
		{Indicator: "uitkeringen", Area: "NL01", Period: "2020-01", Value: 400670, Unit: koers.Count, Source: "CBS", ReferenceDate: "2020-06-30"},
		{Indicator: "uitkeringen", Area: "NL01", Period: "2020-05", Value: 409000, Unit: koers.Count, Source: "CBS"},
		{Indicator: "uitkeringen", Area: "GM0547", Period: "2020-01", Value: 316, Unit: koers.Count},
		{Indicator: "lasten", Area: "NL01", Period: "2020", Amount: 123410, Unit: koers.Amount}, // exact cents
	}
	if err := s.PutBenchmarks(ctx(), list); err != nil {
		t.Fatal(err)
	}
	list[0].Value = 400671 // a correction replaces
	if err := s.PutBenchmarks(ctx(), list[:1]); err != nil {
		t.Fatal(err)
	}
	got, err := s.Benchmarks(ctx(), "uitkeringen")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Area != "GM0547" || got[1].Value != 400671 || got[1].ReferenceDate != "2020-06-30" {
		t.Errorf("benchmarks = %+v", got)
	}
	if all, err := s.Benchmarks(ctx(), ""); err != nil || len(all) != 4 {
		t.Errorf("all benchmarks = %d, %v", len(all), err)
	}
	if got, _ := s.Benchmarks(ctx(), "lasten"); len(got) != 1 || got[0].Amount != 123410 || got[0].Value != 0 || got[0].Display() != "€ 1.234,10" {
		t.Errorf("amount benchmark = %+v", got)
	}
	if err := s.PutBenchmarks(ctx(), []koers.Benchmark{{Indicator: "x", Area: "NL01", Period: "2020", Unit: koers.Unit("liters")}}); err == nil {
		t.Error("a bad unit was stored")
	}
	if got, _ := s.Benchmarks(ctx(), "x"); len(got) != 0 {
		t.Errorf("half-written benchmarks: %+v", got)
	}
}

func testSearch(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), Begroting2022()
	MustPut(t, s, org, doc)
	MustPut(t, s, org, Begroting2022()) // a re-import does not duplicate hits
	sub := doc.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").ID
	for _, q := range []string{"uitkering", "jongere", "Uitkeringen", "maatwerkvoorzieningen wmo"} {
		hits, err := s.Search(ctx(), koers.SearchQuery{Text: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].PageID != sub || !strings.Contains(hits[0].Text, "uitkeringen") {
			t.Errorf("Search(%q) = %+v", q, hits)
		}
	}
	for _, q := range []string{"", "   ", `"`, "AND OR (", "*"} {
		if hits, err := s.Search(ctx(), koers.SearchQuery{Text: q, Limit: 10}); err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) = %v, %v", q, hits, err)
		}
	}
	if hits, _ := s.Search(ctx(), koers.SearchQuery{Text: "ondersteunde", Limit: 10}); len(hits) == 0 || hits[0].PageID != sub {
		t.Errorf("title match not first: %+v", hits)
	}
	if err := s.DeleteDocument(ctx(), doc.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Search(ctx(), koers.SearchQuery{Text: "uitkering", Limit: 10}); len(hits) != 0 {
		t.Errorf("deleted pages still found: %+v", hits)
	}
}
