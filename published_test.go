package koers_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// doc builds a document with the given page tree, its paths set.
func doc(id int64, org int64, kind koers.DocumentKind, year, seq int, pages ...*koers.Page) *koers.Document {
	d := &koers.Document{ID: id, OrganisationID: org, Kind: kind, Year: year, Sequence: seq, Title: string(kind), Slug: string(kind), Pages: pages}
	d.SetPaths()
	return d
}

func page(id int64, number string, children ...*koers.Page) *koers.Page {
	return &koers.Page{ID: id, Number: number, Title: "p" + number, Slug: "p" + number, Children: children}
}

func TestReportsOnPlan(t *testing.T) {
	deviations := []koers.Block{{Type: koers.DeviationsBlock}}
	tests := []struct {
		name string
		kind koers.DocumentKind
		page *koers.Page
		want bool
	}{
		{"burap with deviations", koers.Bestuursrapportage, &koers.Page{Number: "1C", Blocks: deviations}, true},
		{"jaarstukken with deviations", koers.Jaarstukken, &koers.Page{Number: "1C", Blocks: deviations}, true},
		{"a begroting is the plan", koers.Begroting, &koers.Page{Number: "1C", Blocks: deviations}, false},
		{"no number", koers.Bestuursrapportage, &koers.Page{Blocks: deviations}, false},
		{"no deviations", koers.Bestuursrapportage, &koers.Page{Number: "1C", Blocks: []koers.Block{{Type: koers.TextBlock}}}, false},
	}
	for _, tt := range tests {
		if got := koers.ReportsOnPlan(&koers.Document{Kind: tt.kind}, tt.page); got != tt.want {
			t.Errorf("%s: %v", tt.name, got)
		}
	}
}

func TestPlanDocumentsAndPage(t *testing.T) {
	burap := doc(1, 7, koers.Bestuursrapportage, 2020, 1)
	docs := []*koers.Document{
		doc(2, 7, koers.Begroting, 2022, 0, page(20, "1C")),
		doc(3, 7, koers.Begroting, 2020, 0, page(30, "1", page(31, "1a"), page(32, "1c"), page(33, "1C"))),
		doc(4, 7, koers.Begroting, 2020, 0, page(40, "1C")),
		doc(5, 8, koers.Begroting, 2020, 0, page(50, "1C")), // another organisation
		doc(6, 7, koers.Jaarstukken, 2020, 0, page(60, "1C")),
		burap,
	}
	plans := koers.PlanDocuments(burap, docs)
	var ids []int64
	for _, d := range plans {
		ids = append(ids, d.ID)
	}
	if !reflect.DeepEqual(ids, []int64{3, 4}) {
		t.Fatalf("plan documents = %v, want [3 4]", ids)
	}
	tests := []struct {
		number      string
		plans       []*koers.Document
		doc, pageID int64
	}{
		{"1C", plans, 3, 32}, // any case; the first in reading order of the first document that has it
		{"1a", plans, 3, 31},
		{"1", plans, 3, 30},
		{"1C", plans[1:], 4, 40},
		{"2B", plans, 0, 0},
		{"1C", nil, 0, 0},
	}
	for _, tt := range tests {
		d, p := koers.PlanPage(&koers.Page{Number: tt.number}, tt.plans)
		var gotDoc, gotPage int64
		if d != nil {
			gotDoc, gotPage = d.ID, p.ID
		}
		if gotDoc != tt.doc || gotPage != tt.pageID {
			t.Errorf("PlanPage(%s) = document %d page %d, want %d %d", tt.number, gotDoc, gotPage, tt.doc, tt.pageID)
		}
	}
}

func TestCycleOf(t *testing.T) {
	docs := []*koers.Document{
		doc(1, 7, koers.Jaarstukken, 2020, 0, page(10, "1C")),
		doc(2, 7, koers.Bestuursrapportage, 2020, 2, page(20, "1c")),
		doc(3, 7, koers.Begroting, 2020, 0, page(30, "1", page(31, "1C"))),
		doc(4, 7, koers.Bestuursrapportage, 2020, 1, page(40, "1C")),
		doc(5, 7, koers.Begroting, 2022, 0, page(50, "1C")),
		doc(6, 7, koers.Begroting, 2019, 0, page(60, "1C", page(61, "x"))), // groups pages: carries no plan
		doc(7, 7, koers.Kadernota, 2021, 0, page(70, "2A")),
	}
	c := koers.CycleOf("1c", 2020, docs)
	var got [][2]int64
	for _, e := range c.Entries {
		got = append(got, [2]int64{e.Document.ID, e.Page.ID})
		if e.Document.Pages != nil {
			t.Errorf("entry of document %d carries its tree", e.Document.ID)
		}
	}
	// Begroting (autumn before), burap 1 and 2, jaarstukken (spring after).
	want := [][2]int64{{3, 31}, {4, 40}, {2, 20}, {1, 10}}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(c.Years, []int{2020, 2022}) || c.Programme != "1c" || c.Year != 2020 {
		t.Errorf("CycleOf = %v in %v, want %v in [2020 2022]", got, c.Years, want)
	}
	if c := koers.CycleOf("1c", 2021, docs); len(c.Entries) != 0 || !reflect.DeepEqual(c.Years, []int{2020, 2022}) {
		t.Errorf("a year without it: %+v", c)
	}
}

func TestPlaceAndSort(t *testing.T) {
	a := &koers.Organisation{ID: 1, Slug: "alphen"}
	l := &koers.Organisation{ID: 2, Slug: "leiderdorp"}
	b22 := doc(1, 2, koers.Begroting, 2022, 0, page(10, "1", page(11, "1A"), page(12, "1C")))
	r20 := doc(2, 2, koers.Bestuursrapportage, 2020, 1, page(20, "1C"))
	alphen := doc(3, 1, koers.Begroting, 2020, 0, page(30, "1"))
	var list []koers.PlacedPage
	for _, tt := range []struct {
		org *koers.Organisation
		d   *koers.Document
		id  int64
	}{{l, r20, 20}, {l, b22, 12}, {l, b22, 11}, {a, alphen, 30}, {l, b22, 10}} {
		p, ok := koers.Place(tt.org, tt.d, tt.id)
		if !ok || p.Page.ID != tt.id || p.Document.ID != tt.d.ID || p.Document.Pages != nil || p.Organisation != tt.org {
			t.Fatalf("Place(%d) = %+v, %v", tt.id, p, ok)
		}
		list = append(list, p)
	}
	if p, _ := koers.Place(l, b22, 12); len(p.Ancestors) != 1 || p.Ancestors[0].ID != 10 {
		t.Errorf("ancestors of 12 = %+v", p.Ancestors)
	}
	if _, ok := koers.Place(l, b22, 20); ok {
		t.Error("placed a page of another document")
	}
	koers.SortPlaced(list)
	var ids []int64
	for _, p := range list {
		ids = append(ids, p.Page.ID)
	}
	// Organisations by slug; newest year first; reading order within.
	if !reflect.DeepEqual(ids, []int64{30, 10, 11, 12, 20}) {
		t.Errorf("sorted = %v", ids)
	}
}

// TestPlaceHits places hits from bare pages (each knowing its parent),
// documents and organisations, in the hits' order, leaving out what it
// cannot place.
func TestPlaceHits(t *testing.T) {
	l := &koers.Organisation{ID: 2, Slug: "leiderdorp"}
	b22 := &koers.Document{ID: 1, OrganisationID: 2, Title: "Begroting 2022"}
	orphan := &koers.Document{ID: 3, OrganisationID: 9, Title: "Zonder organisatie"}
	bare := func(id, doc, parent int64) *koers.Page {
		return &koers.Page{ID: id, DocumentID: doc, ParentID: parent, Title: fmt.Sprintf("p%d", id)}
	}
	pages := map[int64]*koers.Page{}
	for _, p := range []*koers.Page{bare(10, 1, 0), bare(11, 1, 10), bare(12, 1, 11), bare(20, 1, 99), bare(30, 3, 0),
		bare(40, 5, 0), bare(50, 1, 51), bare(51, 1, 50), bare(60, 1, 30)} {
		pages[p.ID] = p
	}
	docs := map[int64]*koers.Document{1: b22, 3: orphan}
	orgs := map[int64]*koers.Organisation{2: l}
	for _, tt := range []struct {
		name string
		hit  int64
		want string // "" when left out
	}{
		{"deep", 12, "Begroting 2022: p10 > p11 > p12"},
		{"top", 10, "Begroting 2022: p10"},
		{"page not read", 13, ""},
		{"ancestor not read", 20, ""},
		{"organisation not read", 30, ""},
		{"document not read", 40, ""},
		{"a cycle is no tree", 50, ""},
		{"ancestor of another document", 60, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			found := koers.PlaceHits([]koers.SearchHit{{PageID: tt.hit, Text: "tekst", Rank: 2}}, pages, docs, orgs)
			if tt.want == "" {
				if len(found) != 0 {
					t.Errorf("placed %+v, want left out", found)
				}
				return
			}
			if len(found) != 1 {
				t.Fatalf("%d found, want 1", len(found))
			}
			f := found[0]
			trail := []string{}
			for _, p := range f.Ancestors {
				trail = append(trail, p.Title)
			}
			got := f.Document.Title + ": " + strings.Join(append(trail, f.Page.Title), " > ")
			if got != tt.want || f.Organisation != l || f.Text != "tekst" || f.Rank != 2 {
				t.Errorf("placed %q in %v (%q, %v), want %q", got, f.Organisation, f.Text, f.Rank, tt.want)
			}
		})
	}
	// The hits' order is kept.
	found := koers.PlaceHits([]koers.SearchHit{{PageID: 11, Rank: 3}, {PageID: 20}, {PageID: 10, Rank: 1}, {PageID: 12, Rank: 0.5}}, pages, docs, orgs)
	var ids []int64
	for _, f := range found {
		ids = append(ids, f.Page.ID)
	}
	if !reflect.DeepEqual(ids, []int64{11, 10, 12}) {
		t.Errorf("order %v", ids)
	}
}

// TestHitText cuts a store's start of a text (up to MaxHitText+1 bytes) to
// MaxHitText bytes, back to a space, dropping a character the cut split.
func TestHitText(t *testing.T) {
	exact := strings.Repeat("x", koers.MaxHitText)
	words := strings.Repeat("één ", koers.MaxHitText/6+1) // 6 bytes a word
	for _, tt := range []struct {
		name, text, want string
	}{
		{"short", "kort", "kort"},
		{"empty", "", ""},
		{"exactly the most", exact, exact},
		{"one more, no space", exact + "y", exact + " …"},
		{"cut at a space", words[:koers.MaxHitText+1], strings.TrimSuffix(strings.Repeat("één ", koers.MaxHitText/6), " ") + " …"},
		{"a line break is a space", strings.Repeat("a\n", koers.MaxHitText/2) + "b", strings.Repeat("a\n", koers.MaxHitText/2-1) + "a …"},
		{"a split character beyond the most", strings.Repeat("é", koers.MaxHitText/2) + "\xc3", strings.Repeat("é", koers.MaxHitText/2) + " …"},
		{"a character split by the cut is dropped", "x" + strings.Repeat("é", koers.MaxHitText/2), "x" + strings.Repeat("é", koers.MaxHitText/2-1) + " …"},
		{"a short text split", "ab\xc3", "ab"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := koers.HitText(tt.text); got != tt.want {
				t.Errorf("HitText: %d bytes ending %q, want %d ending %q", len(got), tail(got), len(tt.want), tail(tt.want))
			}
		})
	}
}

func tail(s string) string { return s[max(0, len(s)-12):] }

func TestLatestWordings(t *testing.T) {
	b22 := &koers.Document{ID: 1, Kind: koers.Begroting, Year: 2022}
	j22 := &koers.Document{ID: 2, Kind: koers.Jaarstukken, Year: 2022}
	b23 := &koers.Document{ID: 3, Kind: koers.Begroting, Year: 2023}
	got := koers.LatestWordings([]koers.Wording{
		{Key: "b", Name: "B in 2023", Document: b23},
		{Key: "a", Name: "A in jaarstukken 2022", Document: j22},
		{Key: "b", Name: "B in 2022", Document: b22},
		{Key: "a", Name: "A in 2022", Document: b22},
		// The begroting 2023 appears in autumn 2022, before the jaarstukken 2022.
		{Key: "a", Name: "A in 2023", Document: b23},
	})
	var names []string
	for _, w := range got {
		names = append(names, w.Name)
	}
	if !reflect.DeepEqual(names, []string{"A in jaarstukken 2022", "B in 2023"}) {
		t.Errorf("latest = %q", names)
	}
}
