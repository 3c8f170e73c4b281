package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// Begroting2020 is Begroting2022 as the begroting of 2020: the plan that
// Burap2020 reports on.
func Begroting2020() *koers.Document {
	d := Begroting2022()
	d.Year, d.Title, d.Slug = 2020, "Beleidsbegroting 2020", "begroting-2020"
	return d
}

const (
	path1A  = "beleidsbegroting/programma-1/1a-gezonde-inwoners"
	path1C  = "beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	burap1C = "programmas/programma-1/1c-ondersteunde-inwoners"
)

// titles lists pages' titles.
func titles(pages []*koers.Page) []string {
	out := []string{}
	for _, p := range pages {
		out = append(out, p.Title)
	}
	return out
}

// testPagesByID: pages by ID in document order, placed, with or without
// content.
func testPagesByID(t *testing.T, s koers.Store) {
	org, b, r := Leiderdorp(), Begroting2022(), Burap2020()
	MustPut(t, s, org, b)
	MustPut(t, s, org, r)
	b1A, b1C, r1C := b.FindPage(path1A).ID, b.FindPage(path1C).ID, r.FindPage(burap1C).ID
	pub := s.Published()

	// Chosen burap first, 1C before 1A, one twice: the begroting of 2022 is
	// listed before the burap of 2020, 1A before 1C.
	got, err := pub.PagesByID(ctx(), []int64{r1C, b1C, b1A, r1C}, true)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, p := range got {
		ids = append(ids, p.Page.ID)
	}
	if !reflect.DeepEqual(ids, []int64{b1A, b1C, r1C}) {
		t.Fatalf("order = %v, want %v", ids, []int64{b1A, b1C, r1C})
	}
	c := got[1]
	if c.Organisation == nil || c.Organisation.Slug != "leiderdorp" || c.Document == nil || c.Document.Slug != "begroting-2022" || c.Document.Pages != nil {
		t.Errorf("1C placed in %+v / %+v", c.Organisation, c.Document)
	}
	if a := titles(c.Ancestors); !reflect.DeepEqual(a, []string{"Beleidsbegroting", "Programma 1: Meedoen in Leiderdorp"}) {
		t.Errorf("ancestors = %q", a)
	}
	want := b.FindPage(path1C)
	if len(c.Page.Blocks) != len(want.Blocks) || len(c.Page.SmartGoals) != 2 || len(c.Page.Activities) != 3 || len(c.Page.Indicators) != 2 {
		t.Errorf("1C content: %d blocks, %d goals, %d activities, %d indicators", len(c.Page.Blocks), len(c.Page.SmartGoals),
			len(c.Page.Activities), len(c.Page.Indicators))
	}
	if n := len(got[2].Page.Blocks); n != 3 {
		t.Errorf("burap 1C: %d blocks, want 3", n)
	}

	bare, err := pub.PagesByID(ctx(), []int64{b1C}, false)
	if err != nil || len(bare) != 1 || bare[0].Page.Title != "1C: Ondersteunde inwoners" || len(bare[0].Page.Blocks) != 0 {
		t.Errorf("without content: %+v, %v", bare, err)
	}
	_, err = pub.PagesByID(ctx(), []int64{b1C, 99999}, false)
	if koers.ErrorCode(err) != koers.ENOTFOUND || koers.ErrorMessage(err) != "Pagina 99999 bestaat niet." {
		t.Errorf("a missing page: %v", err)
	}
	if none, err := pub.PagesByID(ctx(), nil, true); err != nil || len(none) != 0 {
		t.Errorf("no IDs: %v, %v", none, err)
	}
}

// testPlanOf: a bestuursrapportage's page points at the begroting page of
// its year and programme.
func testPlanOf(t *testing.T, s koers.Store) {
	org, r := Leiderdorp(), Burap2020()
	MustPut(t, s, org, Begroting2022()) // another year: not the plan
	MustPut(t, s, org, r)
	r1C := r.FindPage(burap1C).ID
	pub := s.Published()
	if plan, err := pub.PlanOf(ctx(), r1C); err != nil || plan != nil {
		t.Errorf("without the begroting of 2020: %+v, %v", plan, err)
	}

	b := Begroting2020()
	MustPut(t, s, org, b)
	plan, err := pub.PlanOf(ctx(), r1C)
	if err != nil || plan == nil {
		t.Fatalf("PlanOf = %v, %v", plan, err)
	}
	if plan.Page.ID != b.FindPage(path1C).ID || plan.Document.Slug != "begroting-2020" || plan.Organisation.Slug != "leiderdorp" ||
		plan.Page.Path != path1C || len(plan.Ancestors) != 2 {
		t.Errorf("plan = page %d %q in %+v (want page %d)", plan.Page.ID, plan.Page.Path, plan.Document, b.FindPage(path1C).ID)
	}
	if g, ok := plan.Page.SmartGoal("2"); !ok || g.Title != "Meer kinderen groeien gezond en veilig op." || len(plan.Page.Blocks) == 0 {
		t.Errorf("plan without its content: %+v", plan.Page)
	}
	if _, err := pub.PlanOf(ctx(), 99999); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("a missing page: %v", err)
	}
}

// testCycle: a sub-programme through one year's documents, in the order
// the cycle publishes them.
func testCycle(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Burap2020())
	MustPut(t, s, org, Begroting2022())
	MustPut(t, s, org, Begroting2020())
	orgID := org.ID
	pub := s.Published()
	for _, programme := range []string{"1c", "1C"} {
		c, err := pub.Cycle(ctx(), orgID, programme, 2020)
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		for _, e := range c.Entries {
			docs = append(docs, e.Document.Slug)
		}
		if !reflect.DeepEqual(docs, []string{"begroting-2020", "bestuursrapportage-2020-1"}) || !reflect.DeepEqual(c.Years, []int{2020, 2022}) ||
			c.Year != 2020 {
			t.Fatalf("Cycle(%s) = %v in %v", programme, docs, c.Years)
		}
		if len(c.Entries[0].Page.SmartGoals) != 2 || len(c.Entries[1].Page.Blocks) != 3 || c.Entries[1].Page.Title != "1C Ondersteunde inwoners" {
			t.Errorf("entries without content: %+v", c.Entries)
		}
	}
	for _, tt := range []struct {
		programme string
		year      int
	}{{"1c", 1999}, {"1", 2020}, {"9z", 2020}} { // programme 1 groups pages: it carries no plan
		if _, err := pub.Cycle(ctx(), orgID, tt.programme, tt.year); koers.ErrorCode(err) != koers.ENOTFOUND {
			t.Errorf("Cycle(%s, %d): %v", tt.programme, tt.year, err)
		}
	}
	if _, err := pub.Cycle(ctx(), orgID+1000, "1c", 2020); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("another organisation: %v", err)
	}
}

// testFind: search hits with the place of each page, for a breadcrumb.
func testFind(t *testing.T, s koers.Store) {
	org, b, r := Leiderdorp(), Begroting2022(), Burap2020()
	MustPut(t, s, org, b)
	MustPut(t, s, org, r)
	pub := s.Published()
	found, err := pub.Find(ctx(), "uitkeringen", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 {
		t.Fatalf("%d found, want 1: %+v", len(found), found)
	}
	f := found[0]
	if f.Page.ID != b.FindPage(path1C).ID || f.Document.Title != "Beleidsbegroting 2022" || f.Organisation.Slug != "leiderdorp" ||
		!reflect.DeepEqual(titles(f.Ancestors), []string{"Beleidsbegroting", "Programma 1: Meedoen in Leiderdorp"}) ||
		!strings.Contains(f.Text, "uitkeringen") {
		t.Errorf("found %+v in %q", f.Page, titles(f.Ancestors))
	}
	both, err := pub.Find(ctx(), "ondersteunde inwoners", 10)
	if err != nil || len(both) != 2 {
		t.Fatalf("Find(ondersteunde inwoners) = %d, %v", len(both), err)
	}
	for _, f := range both {
		if len(f.Ancestors) != 2 || f.Page.Number != "1C" {
			t.Errorf("hit %q not placed: %q", f.Page.Path, titles(f.Ancestors))
		}
	}
	for _, q := range []string{"", "   ", "*"} {
		if none, err := pub.Find(ctx(), q, 10); err != nil || len(none) != 0 {
			t.Errorf("Find(%q) = %v, %v", q, none, err)
		}
	}
}

// testIndicatorIndex: every indicator once, worded as its latest document.
func testIndicatorIndex(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Jaarstukken2022())
	MustPut(t, s, org, Begroting2022())
	MustPut(t, s, &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}, Begroting2022())
	list, err := s.Published().IndicatorIndex(ctx(), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range list {
		got = append(got, w.Key+"|"+w.Number+"|"+w.Name+"|"+w.Document.Slug)
	}
	want := []string{
		"jbt-meldingen|2.4|Aantal meldingen JBT|begroting-2022",
		"sportdeelname|1.1|% inwoners dat wekelijks sport|begroting-2022",
		// The jaarstukken 2022 come after the begroting 2022, whatever the order of import.
		"wmo-maatwerk|1.1|Inwoners met een Wmo-maatwerkvoorziening|jaarstukken-2022",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("index =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// testSelectionTotal: all selections together are capped, so that
// requests without a cookie, each a new selection, cannot fill the
// database. Engines let the suite lower the cap.
func testSelectionTotal(t *testing.T, s koers.Store) {
	capper, ok := s.(interface{ SetMaxSelectionRows(n int) })
	if !ok {
		t.Fatal("the store cannot lower its cap on selection rows (SetMaxSelectionRows)")
	}
	capper.SetMaxSelectionRows(5)
	defer capper.SetMaxSelectionRows(0)
	doc := Begroting2022()
	MustPut(t, s, Leiderdorp(), doc)
	page := doc.FindPage(path1C).ID
	for i := 0; i < 5; i++ {
		if err := s.Select(ctx(), fmt.Sprintf("lezer-%d", i), page, true); err != nil {
			t.Fatalf("selection %d: %v", i, err)
		}
	}
	err := s.Select(ctx(), "lezer-5", page, true)
	if koers.ErrorCode(err) != koers.ECONFLICT || !strings.Contains(koers.ErrorMessage(err), "te veel") {
		t.Fatalf("a selection past the total: %v", err)
	}
	if ids, _ := s.Selection(ctx(), "lezer-5"); len(ids) != 0 {
		t.Errorf("refused selection kept %v", ids)
	}
	// What is selected stays selectable and removable; a freed row is free.
	if err := s.Select(ctx(), "lezer-0", page, true); err != nil {
		t.Errorf("reselecting at the cap: %v", err)
	}
	if err := s.Select(ctx(), "lezer-0", page, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Select(ctx(), "lezer-5", page, true); err != nil {
		t.Errorf("after a removal: %v", err)
	}
}
