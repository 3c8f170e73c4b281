package storetest

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

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

// tail is the end of a long text.
func tail(s string) string { return s[max(0, len(s)-20):] }

// textPage is a page with one paragraph.
func textPage(title, slug, text string) *koers.Page {
	return &koers.Page{Kind: koers.Chapter, Title: title, Slug: slug, Blocks: []koers.Block{{Type: koers.TextBlock,
		Content: []koers.TextElement{{Type: koers.Paragraph, Text: text}}}}}
}

// textDocument is a document of text pages.
func textDocument(year int, pages ...*koers.Page) *koers.Document {
	d := &koers.Document{Kind: koers.Jaarstukken, Year: year, Title: fmt.Sprintf("Jaarstukken %d", year), Pages: pages}
	d.Slug = d.DefaultSlug()
	return d
}

// testFind: search hits placed for a breadcrumb (organisation, document,
// the pages above), in one organisation or all, best first, at most the
// limit, ranked among the pages added last, with a bounded text.
func testFind(t *testing.T, s koers.Store) {
	org, b, r := Leiderdorp(), Begroting2022(), Burap2020()
	alphen := &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}
	MustPut(t, s, org, b)
	MustPut(t, s, org, r)
	MustPut(t, s, alphen, Begroting2020())
	pub := s.Published()
	find := func(sq koers.SearchQuery) []koers.Found {
		t.Helper()
		found, err := pub.Find(ctx(), sq)
		if err != nil {
			t.Fatalf("Find(%+v): %v", sq, err)
		}
		return found
	}
	place := func(f koers.Found) string {
		var trail []string
		for _, p := range f.Ancestors {
			trail = append(trail, p.Title+" ("+p.Path+")")
		}
		return fmt.Sprintf("%s > %s > %s > %s (%s)", f.Organisation.Name, f.Document.Title, strings.Join(trail, " > "), f.Page.Title, f.Page.Path)
	}

	found := find(koers.SearchQuery{Text: "uitkeringen", OrganisationID: org.ID, Limit: 10})
	if len(found) != 1 {
		t.Fatalf("%d found, want 1: %+v", len(found), found)
	}
	f := found[0]
	want := "Gemeente Leiderdorp > Beleidsbegroting 2022 > Beleidsbegroting (beleidsbegroting) > " +
		"Programma 1: Meedoen in Leiderdorp (beleidsbegroting/programma-1) > 1C: Ondersteunde inwoners (" + path1C + ")"
	if got := place(f); got != want {
		t.Errorf("placed\n%s\nwant\n%s", got, want)
	}
	if f.Page.ID != b.FindPage(path1C).ID || f.Organisation.Slug != "leiderdorp" || f.Document.Slug != "begroting-2022" || f.Document.ID != b.ID ||
		f.Document.Pages != nil || f.Page.Blocks != nil || f.Page.Children != nil || f.Ancestors[0].Children != nil {
		t.Errorf("found page %d in %+v, %+v: not bare", f.Page.ID, f.Organisation, f.Document)
	}
	if !strings.Contains(f.Text, "zoals uitkeringen of jeugdhulp") || f.Rank <= 0 {
		t.Errorf("text %q, rank %v", f.Text, f.Rank)
	}

	// Every organisation, or one.
	orgsOf := func(found []koers.Found) []string {
		var out []string
		for _, f := range found {
			out = append(out, f.Organisation.Slug+" "+f.Document.Slug)
		}
		sort.Strings(out)
		return out
	}
	if got := orgsOf(find(koers.SearchQuery{Text: "uitkeringen", Limit: 10})); !reflect.DeepEqual(got, []string{"alphen begroting-2020", "leiderdorp begroting-2022"}) {
		t.Errorf("in all organisations: %q", got)
	}
	if got := orgsOf(find(koers.SearchQuery{Text: "uitkeringen", OrganisationID: alphen.ID, Limit: 10})); !reflect.DeepEqual(got, []string{"alphen begroting-2020"}) {
		t.Errorf("in alphen: %q", got)
	}
	if got := find(koers.SearchQuery{Text: "uitkeringen", OrganisationID: alphen.ID + org.ID + 1000, Limit: 10}); len(got) != 0 {
		t.Errorf("in an organisation that does not exist: %q", orgsOf(got))
	}
	if got := find(koers.SearchQuery{Text: "ondersteunde inwoners", Limit: 10}); len(got) != 3 {
		t.Errorf("ondersteunde inwoners: %q", orgsOf(got))
	}
	if got := find(koers.SearchQuery{Text: "ondersteunde inwoners", Limit: 2}); len(got) != 2 {
		t.Errorf("limit 2: %q", orgsOf(got))
	}

	// A title weighs more than the text; ranks fall.
	lisse := &koers.Organisation{Slug: "lisse", Name: "Gemeente Lisse"}
	MustPut(t, s, lisse, textDocument(2021,
		textPage("Evenementen", "evenementen", "In de zomer komt de kermis naar het dorp, met de weekmarkt."),
		textPage("Kermis", "kermis", "Elk jaar in augustus, op het plein."),
		textPage("Markten", "markten", "De weekmarkt en de kermis trekken veel bezoekers.")))
	MustPut(t, s, lisse, textDocument(2022, textPage("Verslag", "verslag", "Ook dit jaar was er een kermis.")))
	MustPut(t, s, lisse, textDocument(2023, textPage("Verslag", "verslag", "De kermis ging niet door.")))
	titlesOf := func(found []koers.Found) []string {
		var out []string
		for i, f := range found {
			out = append(out, f.Document.Slug+" "+f.Page.Title)
			if i > 0 && f.Rank > found[i-1].Rank {
				t.Errorf("rank %v after %v", f.Rank, found[i-1].Rank)
			}
		}
		return out
	}
	kermis := find(koers.SearchQuery{Text: "kermis", OrganisationID: lisse.ID, Limit: 10})
	if got := titlesOf(kermis); len(got) != 5 || got[0] != "jaarstukken-2021 Kermis" {
		t.Errorf("kermis: %q, want the page titled Kermis first of 5", got)
	}
	// Of more matching pages than it ranks, a search ranks those added
	// last: the page titled Kermis is not among them.
	got := titlesOf(find(koers.SearchQuery{Text: "kermis", OrganisationID: lisse.ID, Limit: 10, Candidates: 3}))
	sort.Strings(got)
	if want := []string{"jaarstukken-2021 Markten", "jaarstukken-2022 Verslag", "jaarstukken-2023 Verslag"}; !reflect.DeepEqual(got, want) {
		t.Errorf("3 candidates: %q, want %q", got, want)
	}

	// A hit carries the start of a long text, cut at a space.
	long := strings.Repeat("lange tekst ", koers.MaxHitText/10) + strings.Repeat("één ", 10)
	MustPut(t, s, lisse, textDocument(2024, textPage("Lang", "lang", "kermis "+long)))
	hit := find(koers.SearchQuery{Text: "kermis lange", OrganisationID: lisse.ID, Limit: 10})
	if len(hit) != 1 || !strings.HasPrefix(hit[0].Text, "Lang\nkermis lange tekst") || !strings.HasSuffix(hit[0].Text, "tekst …") ||
		len(hit[0].Text) > koers.MaxHitText+len(" …") || len(hit[0].Text) < koers.MaxHitText-10 {
		t.Errorf("long text: %d hits, %d bytes", len(hit), len(hit[0].Text))
	}
	// Cut in the middle of "é" (two bytes), the text is still text.
	pad := strings.Repeat("x", koers.MaxHitText-len("Accent\nkermis ")-1)
	MustPut(t, s, lisse, textDocument(2025, textPage("Accent", "accent", "kermis "+pad+"éé")))
	hit = find(koers.SearchQuery{Text: "kermis", OrganisationID: lisse.ID, Limit: 10, Candidates: 1})
	if len(hit) != 1 || hit[0].Text != "Accent\nkermis …" || !utf8.ValidString(hit[0].Text) {
		t.Errorf("cut in a character: %d hits, %q", len(hit), tail(hit[0].Text))
	}

	for _, q := range []string{"", "   ", "*", `"`, "AND OR ("} {
		if none := find(koers.SearchQuery{Text: q, Limit: 10}); len(none) != 0 {
			t.Errorf("Find(%q) = %v", q, none)
		}
	}
	if none := find(koers.SearchQuery{Text: "kermis"}); len(none) != 0 {
		t.Errorf("limit 0: %v", none)
	}
}

// testFindWindows: a search read in windows (Offset 0, Limit, 2×Limit, …)
// gives the pages of one window as large as the search, each once, pages of
// equal rank in ID order; no hits past the ranked pages.
func testFindWindows(t *testing.T, s koers.Store) {
	lisse := &koers.Organisation{Slug: "lisse", Name: "Gemeente Lisse"}
	// Pages of one text and title rank equal.
	same := func(slug string) *koers.Page { return textPage("Kermis", slug, "De kermis op het plein.") }
	MustPut(t, s, lisse, textDocument(2021, same("a"), textPage("Markten", "markten", "De weekmarkt en de kermis."), same("b"), same("c")))
	MustPut(t, s, lisse, textDocument(2022, textPage("Verslag", "verslag", "Ook dit jaar was er een kermis."), same("d"), same("e")))
	MustPut(t, s, Leiderdorp(), textDocument(2022, same("f"), textPage("Kermis en markt", "markt", "kermis kermis kermis")))
	pub := s.Published()
	find := func(sq koers.SearchQuery) []koers.Found {
		t.Helper()
		found, err := pub.Find(ctx(), sq)
		if err != nil {
			t.Fatalf("Find(%+v): %v", sq, err)
		}
		return found
	}
	ids := func(found []koers.Found) []int64 {
		var out []int64
		for _, f := range found {
			out = append(out, f.Page.ID)
		}
		return out
	}
	for _, sq := range []koers.SearchQuery{{Text: "kermis"}, {Text: "kermis", OrganisationID: lisse.ID}, {Text: "kermis", Candidates: 6}} {
		sq.Limit = 100
		whole := find(sq)
		if want := map[int64]int{0: 9, lisse.ID: 7}[sq.OrganisationID]; sq.Candidates != 0 {
			want = sq.Candidates
			if len(whole) != want {
				t.Fatalf("%+v: %d hits, want %d", sq, len(whole), want)
			}
		} else if len(whole) != want {
			t.Fatalf("%+v: %d hits, want %d", sq, len(whole), want)
		}
		ties := 0
		for i := 1; i < len(whole); i++ {
			if whole[i].Rank == whole[i-1].Rank {
				ties++
				if whole[i].Page.ID < whole[i-1].Page.ID {
					t.Errorf("%+v: page %d after %d of equal rank", sq, whole[i].Page.ID, whole[i-1].Page.ID)
				}
			}
		}
		if ties < 2 {
			t.Errorf("%+v: %d ties, want some to order", sq, ties)
		}
		for limit := 1; limit <= len(whole)+1; limit++ {
			var got []int64
			for w := sq; ; w.Offset += limit {
				w.Limit = limit
				window := find(w)
				got = append(got, ids(window)...)
				if len(window) < limit || len(got) > len(whole) {
					break
				}
			}
			if !reflect.DeepEqual(got, ids(whole)) {
				t.Errorf("%+v by %d: %v, want %v", sq, limit, got, ids(whole))
			}
		}
		past := sq
		past.Offset = len(whole)
		if got := find(past); len(got) != 0 {
			t.Errorf("%+v past the ranked pages: %v", past, ids(got))
		}
		past.Offset = -1
		if got := ids(find(past)); !reflect.DeepEqual(got, ids(whole)) {
			t.Errorf("%+v: %v, want %v", past, got, ids(whole))
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
