package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// docIDs lists documents' IDs.
func docIDs(docs []*koers.Document) []int64 {
	out := []int64{}
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// windows reads a whole list window by window and returns the IDs in
// the order read; it fails past 100 windows.
func windows(t *testing.T, pub koers.Published, f koers.DocumentFilter, limit int) []int64 {
	t.Helper()
	got := []int64{}
	var after *koers.DocumentKey
	for range 100 {
		w, err := pub.DocumentWindow(ctx(), f, after, limit)
		if err != nil {
			t.Fatalf("limit %d after %+v: %v", limit, after, err)
		}
		if len(w.Documents) > limit || (w.Next != nil && len(w.Documents) != limit) {
			t.Fatalf("limit %d: a window of %d, next %+v", limit, len(w.Documents), w.Next)
		}
		for _, d := range w.Documents {
			if o := w.Organisations[d.OrganisationID]; o == nil || o.ID != d.OrganisationID || d.Pages != nil {
				t.Fatalf("document %d: organisation %+v, %d top pages", d.ID, o, len(d.Pages))
			}
		}
		got = append(got, docIDs(w.Documents)...)
		if w.Next == nil {
			return got
		}
		if last := w.Documents[len(w.Documents)-1].Key(); *w.Next != last {
			t.Fatalf("next %+v is not the last document's key %+v", *w.Next, last)
		}
		after = w.Next
	}
	t.Fatalf("limit %d: no end after 100 windows", limit)
	return nil
}

// testDocumentWindow: the documents window by window, in the order of
// Documents, whatever the limit; a document published or removed between
// two windows does not shift the next.
func testDocumentWindow(t *testing.T, s koers.Store) {
	org, other := Leiderdorp(), &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}
	for _, d := range []*koers.Document{Bare(koers.Jaarstukken, 2021, 0), Bare(koers.Bestuursrapportage, 2021, 2),
		Bare(koers.Begroting, 2021, 0), Bare(koers.Bestuursrapportage, 2021, 1), Bare(koers.Kadernota, 2021, 0)} {
		MustPut(t, s, org, d)
	}
	// The same key twice, but for the ID: Alphen's begroting 2021.
	MustPut(t, s, other, Bare(koers.Begroting, 2021, 0))
	MustPut(t, s, other, Bare(koers.Begroting, 2023, 0))
	MustPut(t, s, org, Bare(koers.Begroting, 2019, 0))
	pub := s.Published()
	for _, f := range []koers.DocumentFilter{{}, {OrganisationID: org.ID}} {
		all, err := pub.Documents(ctx(), f)
		if err != nil {
			t.Fatal(err)
		}
		want := docIDs(all)
		for limit := 1; limit <= len(want)+1; limit++ {
			if got := windows(t, pub, f, limit); !reflect.DeepEqual(got, want) {
				t.Errorf("filter %+v, limit %d: %v, want %v", f, limit, got, want)
			}
		}
	}
	all, _ := pub.Documents(ctx(), koers.DocumentFilter{})
	if len(all) != 8 || all[0].Year != 2023 || all[1].Kind != koers.Kadernota || all[7].Year != 2019 {
		t.Fatalf("the order of Documents changed: %v", docIDs(all))
	}

	// Between two windows a newer document is published and the last one
	// read is removed: the next window goes on after the key.
	first, err := pub.DocumentWindow(ctx(), koers.DocumentFilter{}, nil, 3)
	if err != nil || !reflect.DeepEqual(docIDs(first.Documents), docIDs(all[:3])) || first.Next == nil {
		t.Fatalf("first window %v, %+v: %v", docIDs(first.Documents), first.Next, err)
	}
	MustPut(t, s, org, Bare(koers.Begroting, 2030, 0))
	if err := s.DeleteDocument(ctx(), all[2].ID); err != nil {
		t.Fatal(err)
	}
	next, err := pub.DocumentWindow(ctx(), koers.DocumentFilter{}, first.Next, 3)
	if err != nil || !reflect.DeepEqual(docIDs(next.Documents), docIDs(all[3:6])) {
		t.Errorf("after a change between windows: %v, want %v (%v)", docIDs(next.Documents), docIDs(all[3:6]), err)
	}

	empty, err := pub.DocumentWindow(ctx(), koers.DocumentFilter{OrganisationID: 999}, nil, 5)
	if err != nil || len(empty.Documents) != 0 || empty.Next != nil || empty.Organisations == nil {
		t.Errorf("no documents: %+v, %v", empty, err)
	}
	for _, limit := range []int{0, -1, koers.MaxLimit + 1} {
		if _, err := pub.DocumentWindow(ctx(), koers.DocumentFilter{}, nil, limit); koers.ErrorCode(err) != koers.EINVALID {
			t.Errorf("limit %d: %v, want invalid", limit, err)
		}
	}
	if w, err := pub.DocumentWindow(ctx(), koers.DocumentFilter{}, nil, koers.MaxLimit); err != nil || len(w.Documents) != 8 {
		t.Errorf("limit MaxLimit: %v", err)
	}
}

// indicatorDocument is Begroting2022 with more indicators, deeper and on
// more pages: 1B between 1A and 1C, and a second chapter after the first.
func indicatorDocument() *koers.Document {
	d := Begroting2022()
	row := func(key string, n float64) *koers.Indicator {
		return &koers.Indicator{Key: key, Number: "9.9", Name: "Indicator " + key, Unit: koers.Count,
			Values: []koers.Value{{Year: 2021, Kind: koers.Realised, Number: num(n)}, {Year: 2022, Kind: koers.Budgeted, Number: num(n + 1)}}}
	}
	table := func(list ...*koers.Indicator) []koers.Block {
		var keys []string
		for _, in := range list {
			keys = append(keys, in.Key)
		}
		return []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: keys}}
	}
	p1 := d.Pages[0].Children[0]
	b := &koers.Page{Kind: koers.SubProgramme, Number: "1B", Title: "1B: Werk", Slug: "1b-werk",
		Indicators: []*koers.Indicator{row("werk-a", 1), row("werk-b", 2)}}
	b.Blocks = table(b.Indicators...)
	p1.Children = []*koers.Page{p1.Children[0], b, p1.Children[1]}
	last := &koers.Page{Kind: koers.Chapter, Title: "Financien", Slug: "financien", Children: []*koers.Page{{
		Kind: koers.PlainPage, Title: "Kengetallen", Slug: "kengetallen", Indicators: []*koers.Indicator{row("solvabiliteit", 3)},
	}}}
	last.Children[0].Blocks = table(last.Children[0].Indicators...)
	d.Pages = append(d.Pages, last)
	return d
}

// testIndicatorWindow: a document's indicators window by window, in the
// order of Indicators (reading order, then row), with the same values,
// whatever the limit; also after a page is added in front of the others,
// whose ID then comes last.
func testIndicatorWindow(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), indicatorDocument()
	MustPut(t, s, org, doc)
	MustPut(t, s, org, Burap2020())
	pub := s.Published()
	check := func(when string, wantRows int) {
		t.Helper()
		want, err := pub.Indicators(ctx(), doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) != wantRows {
			t.Fatalf("%s: %d rows, want %d", when, len(want), wantRows)
		}
		for limit := 1; limit <= len(want)+1; limit++ {
			var got []*koers.Indicator
			var after *koers.IndicatorKey
			for n := 0; ; n++ {
				w, err := pub.IndicatorWindow(ctx(), doc.ID, after, limit)
				if err != nil {
					t.Fatalf("%s, limit %d: %v", when, limit, err)
				}
				if len(w.Indicators) > limit || (w.Next != nil && len(w.Indicators) != limit) || n > len(want) {
					t.Fatalf("%s, limit %d: a window of %d, next %+v", when, limit, len(w.Indicators), w.Next)
				}
				got = append(got, w.Indicators...)
				if w.Next == nil {
					break
				}
				if lastIn := w.Indicators[len(w.Indicators)-1]; w.Next.PageID != lastIn.PageID || w.Next.IndicatorID != lastIn.ID {
					t.Fatalf("%s: next %+v is not the last row %d/%d", when, w.Next, lastIn.PageID, lastIn.ID)
				}
				after = w.Next
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, limit %d:\n%s\nwant\n%s", when, limit, rowList(got), rowList(want))
			}
		}
	}
	check("as imported", 6)

	// A page before 1A, stored after every other page.
	again := indicatorDocument()
	p1 := again.Pages[0].Children[0]
	first := &koers.Page{Kind: koers.SubProgramme, Number: "1-0", Title: "Vooraf", Slug: "vooraf",
		Indicators: []*koers.Indicator{{Key: "vooraf", Number: "0.1", Name: "Vooraf", Unit: koers.Count}}}
	first.Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"vooraf"}}}
	p1.Children = append([]*koers.Page{first}, p1.Children...)
	MustPut(t, s, org, again)
	doc = again
	if f, a := again.FindPage("beleidsbegroting/programma-1/vooraf"), again.FindPage(path1A); f.ID < a.ID {
		t.Fatalf("the new page has ID %d, below 1A's %d: the test proves nothing", f.ID, a.ID)
	}
	check("with a page in front", 7)
	// The place of the last row read: chapter 0, programme 0, sub-programme 0.
	w, err := pub.IndicatorWindow(ctx(), doc.ID, nil, 1)
	if err != nil || w.Next == nil || !reflect.DeepEqual(w.Next.Place, []int{0, 0, 0}) || w.Indicators[0].Key != "vooraf" {
		t.Errorf("first window: %+v, %v", w, err)
	}

	if _, err := pub.IndicatorWindow(ctx(), 999, nil, 10); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("no document: %v", err)
	}
	for _, limit := range []int{0, koers.MaxLimit + 1} {
		if _, err := pub.IndicatorWindow(ctx(), doc.ID, nil, limit); koers.ErrorCode(err) != koers.EINVALID {
			t.Errorf("limit %d: %v, want invalid", limit, err)
		}
	}
	bare := Bare(koers.Jaarstukken, 2019, 0)
	MustPut(t, s, org, bare)
	if w, err := pub.IndicatorWindow(ctx(), bare.ID, nil, 10); err != nil || len(w.Indicators) != 0 || w.Next != nil {
		t.Errorf("a document without indicators: %+v, %v", w, err)
	}
}

func rowList(list []*koers.Indicator) string {
	var out []string
	for _, in := range list {
		out = append(out, fmt.Sprintf("page %d %s %d values", in.PageID, in.Key, len(in.Values)))
	}
	return strings.Join(out, "\n")
}

// testOutline: an organisation's documents with their trees, in the order
// of Documents and without content, its indicators' keys and cycle views;
// Extents counts what Outline reads.
func testOutline(t *testing.T, s koers.Store) {
	org, other, none := Leiderdorp(), &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"},
		&koers.Organisation{Slug: "zoeterwoude", Name: "Gemeente Zoeterwoude"}
	MustPut(t, s, org, Burap2020())
	MustPut(t, s, org, indicatorDocument())
	MustPut(t, s, org, Jaarstukken2022())
	MustPut(t, s, other, Begroting2020())
	MustPut(t, s, none, Bare(koers.Begroting, 2020, 0))
	if err := s.DeleteDocument(ctx(), mustDocs(t, s, none)[0].ID); err != nil {
		t.Fatal(err)
	}
	pub := s.Published()
	o, err := pub.Outline(ctx(), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	listed := mustDocs(t, s, org)
	if !reflect.DeepEqual(docIDs(o.Documents), docIDs(listed)) {
		t.Fatalf("documents %v, want %v", docIDs(o.Documents), docIDs(listed))
	}
	for _, d := range o.Documents {
		sub := d.FindPage(path1C)
		switch d.Slug {
		case "bestuursrapportage-2020-1":
			sub = d.FindPage(burap1C)
		case "jaarstukken-2022":
			sub = d.FindPage("inleiding")
		}
		if sub == nil || len(sub.Blocks) != 0 || len(sub.Indicators) != 0 || sub.Title == "" {
			t.Errorf("%s: 1C %+v", d.Slug, sub)
		}
	}
	if want := []string{"jbt-meldingen", "solvabiliteit", "sportdeelname", "werk-a", "werk-b", "wmo-maatwerk"}; !reflect.DeepEqual(o.Indicators, want) {
		t.Errorf("indicators %v, want %v", o.Indicators, want)
	}
	var cycles []string
	for _, c := range o.Cycles() {
		cycles = append(cycles, fmt.Sprintf("%s/%d", c.Programme, c.Year))
	}
	if want := []string{"1c/2020", "1a/2022", "1b/2022", "1c/2022"}; !reflect.DeepEqual(cycles, want) {
		t.Errorf("cycles %v, want %v", cycles, want)
	}
	for _, c := range o.Cycles() {
		if _, err := pub.Cycle(ctx(), org.ID, c.Programme, c.Year); err != nil {
			t.Errorf("cycle %+v: %v", c, err)
		}
	}

	extents, err := pub.Extents(ctx())
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, e := range extents {
		slugs = append(slugs, e.Organisation.Slug)
		o, err := pub.Outline(ctx(), e.Organisation.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := o.Extent(e.Organisation); !reflect.DeepEqual(e, want) {
			t.Errorf("extent of %s:\n%+v\nthe outline counts\n%+v", e.Organisation.Slug, e, want)
		}
	}
	if !reflect.DeepEqual(slugs, []string{"alphen", "leiderdorp", "zoeterwoude"}) {
		t.Errorf("extents of %v", slugs)
	}
	// Counted by hand: 3 documents, 3 + 7 + 1 pages, of which 2 + 4 + 1
	// numbered.
	if e := extents[1]; e.Documents != 3 || e.Pages != 11 || e.NumberedPages != 7 || e.Indicators != 6 ||
		e.LongestPath != len("bestuursrapportage-2020-1/programmas/programma-1/1c-ondersteunde-inwoners") || e.LongestKey != 13 || e.LongestNumber != 2 {
		t.Errorf("extent of leiderdorp: %+v", e)
	}
	if e := extents[2]; e.Documents != 0 || e.Pages != 0 || e.Indicators != 0 || e.LongestPath != 0 {
		t.Errorf("extent of an organisation without documents: %+v", e)
	}
}

func mustDocs(t *testing.T, s koers.Store, org *koers.Organisation) []*koers.Document {
	t.Helper()
	docs, err := s.Documents(ctx(), koers.DocumentFilter{OrganisationID: org.ID})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
