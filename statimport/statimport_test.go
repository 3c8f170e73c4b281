package statimport_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/statimport"
	"github.com/koers-nl/koers/statline"
	"github.com/koers-nl/koers/storetest"
)

// export is a StatLine data set's CSV as the CBS open data portal gives
// it: keys in the header, region codes padded with spaces, "." for a
// suppressed cell, a blank one for a figure that cannot occur.
const export = `ID;Geslacht;RegioS;Perioden;Banen_1;Jeugdhulp_2
0;T001038;GM0547    ;2020JJ00;712,40;11,6
1;T001038;NL01      ;2020JJ00;774,0;.
2;T001038;PV28      ;2020JJ00;765,1;12,0
3;T001038;GM0547    ;2020KW02;180;-
4;T001038;NL01      ;2020KW02;190,5;
5;T001038;GM0547    ;2021MM12;60;x
6;T001038;NL01      ;2021MM12;61;1
7;3000;GM0547    ;2021MM12;30;1
8;4000;GM0547    ;2021MM12;30;1
`

func observations(t *testing.T) []statline.Observation {
	t.Helper()
	obs, err := statline.Decode(strings.NewReader(export))
	if err != nil {
		t.Fatal(err)
	}
	return obs
}

// table is a comparison table whose rows name their StatLine figures,
// with figures still to come.
func table() *koers.ComparisonTable {
	todo := koers.Missing(koers.NotationNotYetKnown)
	src := func(m string) *koers.StatLineSource {
		return &koers.StatLineSource{Table: "99999ned", Measure: m, Dims: map[string]string{"Geslacht": "T001038"}}
	}
	return &koers.ComparisonTable{Reference: "2023-05-01",
		Areas: []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}, {Name: "Holland Rijnland"}},
		Rows: []koers.ComparisonRow{
			{Name: "Banen", Unit: "per 1.000 inwoners 15-64 jaar", Period: "2020", Value: todo, Areas: []koers.Figure{todo, koers.Number("700")}, Source: "LISA", StatLine: src("Banen_1")},
			{Name: "Jeugdhulp", Unit: "%", Period: "2020", Value: todo, Areas: []koers.Figure{todo, todo}, Source: "CBS", StatLine: src("Jeugdhulp_2")},
			{Name: "Jeugdhulp per kwartaal", Unit: "%", Period: "2020-Q2", Value: todo, Areas: []koers.Figure{todo, todo}, Source: "CBS", StatLine: src("Jeugdhulp_2")},
			{Name: "Jeugdhulp per maand", Unit: "%", Period: "2021-12", Value: todo, Areas: []koers.Figure{todo, todo}, Source: "CBS", StatLine: src("Jeugdhulp_2")},
			{Name: "Tevredenheid", Unit: "rapportcijfer", Period: "2017-H2", Value: koers.Number("7.4"), Areas: []koers.Figure{koers.Number("7.1"), todo}, Source: "Waar staat je gemeente"},
		},
	}
}

// TestFill: each StatLine row takes the municipality's figure and the
// coded areas', decimals and notations as CBS wrote them; the rest stays.
func TestFill(t *testing.T) {
	in := table()
	got, n, err := statimport.Fill(in, "GM0547", observations(t))
	if err != nil {
		t.Fatal(err)
	}
	want := table()
	want.Rows[0].Value, want.Rows[0].Areas[0] = koers.Number("712.40"), koers.Number("774.0")
	want.Rows[1].Value, want.Rows[1].Areas[0] = koers.Number("11.6"), koers.Missing(koers.NotationUnknown)
	want.Rows[2].Value, want.Rows[2].Areas[0] = koers.Missing(koers.NotationNil), koers.Missing(koers.NotationNotApplicable)
	want.Rows[3].Value, want.Rows[3].Areas[0] = koers.Missing(koers.NotationUnknown), koers.Number("1")
	if n != 4 || !reflect.DeepEqual(got, want) {
		t.Errorf("filled %d rows:\n%+v\nwant 4:\n%+v", n, got.Rows, want.Rows)
	}
	if !reflect.DeepEqual(in, table()) {
		t.Error("Fill changed its input")
	}
	if err := koers.ValidateDocument(storetest.Leiderdorp(), withTable(got)); err != nil {
		t.Errorf("the filled table is not valid: %v", err)
	}
}

// TestFillProblems: every row that cannot be filled is named, and no
// table comes back.
func TestFillProblems(t *testing.T) {
	tbl := table()
	tbl.Rows[0].StatLine.Measure = "Banen_9"                         // not in the export
	tbl.Rows[1].Period = "2019"                                      // no such period
	delete(tbl.Rows[3].StatLine.Dims, "Geslacht")                    // three figures match
	tbl.Rows[4].StatLine = &koers.StatLineSource{Measure: "Banen_1"} // a half-year
	tbl.Areas[1].Code = "GM0546"                                     // no figures for this area
	got, n, err := statimport.Fill(tbl, "GM0547", observations(t))
	if got != nil || n != 0 || koers.ErrorCode(err) != koers.EINVALID {
		t.Fatalf("Fill = %v, %d, %v", got, n, err)
	}
	var ps []string
	for _, p := range err.(*koers.Error).Problems {
		ps = append(ps, p.String())
	}
	want := []string{
		"/rows/0/statline: the export has no figure of Banen_9 for the municipality (GM0547) in 2020JJ00 with Geslacht T001038",
		"/rows/0/statline: the export has no figure of Banen_9 for Nederland (NL01) in 2020JJ00 with Geslacht T001038",
		"/rows/0/statline: the export has no figure of Banen_9 for Holland Rijnland (GM0546) in 2020JJ00 with Geslacht T001038",
		"/rows/1/statline: the export has no figure of Jeugdhulp_2 for the municipality (GM0547) in 2019JJ00 with Geslacht T001038",
		"/rows/1/statline: the export has no figure of Jeugdhulp_2 for Nederland (NL01) in 2019JJ00 with Geslacht T001038",
		"/rows/1/statline: the export has no figure of Jeugdhulp_2 for Holland Rijnland (GM0546) in 2019JJ00 with Geslacht T001038",
		"/rows/2/statline: the export has no figure of Jeugdhulp_2 for Holland Rijnland (GM0546) in 2020KW02 with Geslacht T001038",
		`/rows/3/statline: the export has 3 figures of Jeugdhulp_2 for the municipality (GM0547) in 2021MM12 (line 7, column "Jeugdhulp_2" and line 9, column "Jeugdhulp_2"); name the other dimensions in "dims"`,
		"/rows/3/statline: the export has no figure of Jeugdhulp_2 for Holland Rijnland (GM0546) in 2021MM12",
		"/rows/4/period: StatLine has no half-years: tweede halfjaar 2017 cannot be imported",
	}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(ps, "\n"), strings.Join(want, "\n"))
	}
}

func withTable(t *koers.ComparisonTable) *koers.Document {
	doc := storetest.Bare(koers.Begroting, 2024, 0)
	doc.Pages[0].Blocks = []koers.Block{{Type: koers.ComparisonTableBlock, Heading: "Waar staat je gemeente?", Comparison: t}}
	return doc
}

// TestExportFillsAStoredDocument: end to end, a StatLine export fills the
// comparison table of a stored document, which reads back filled.
func TestExportFillsAStoredDocument(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "koers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org := storetest.Leiderdorp()
	put := withTable(table())
	storetest.MustPut(t, s, org, put)
	doc, err := s.Document(ctx, put.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	filled, n, err := statimport.FillDocument(doc, org.CBSCode, observations(t))
	if err != nil || n != 4 {
		t.Fatalf("FillDocument: %d rows, %v", n, err)
	}
	storetest.MustPut(t, s, org, filled)
	again, err := s.Document(ctx, doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	got := again.Pages[0].Blocks[0].Comparison
	if got.Rows[0].Value != koers.Number("712.40") || got.Rows[2].Areas[0] != koers.Missing(koers.NotationNotApplicable) || got.Rows[4].Value != koers.Number("7.4") {
		t.Errorf("stored table after the import: %+v", got.Rows)
	}
}

// TestFillDocumentAllOrNothing: one row that cannot be filled leaves the
// whole document as it was, and the problem is located from the document.
func TestFillDocumentAllOrNothing(t *testing.T) {
	doc := withTable(table())
	doc.Pages[0].Children = []*koers.Page{{Kind: koers.Chapter, Title: "B", Slug: "b", Blocks: []koers.Block{
		{Type: koers.ComparisonTableBlock, Comparison: &koers.ComparisonTable{Rows: []koers.ComparisonRow{
			{Name: "Banen", Period: "2019", Value: koers.Missing(koers.NotationNotYetKnown), Areas: []koers.Figure{}, StatLine: &koers.StatLineSource{Measure: "Banen_1"}}}}}}}}
	got, n, err := statimport.FillDocument(doc, "GM0547", observations(t))
	if got != nil || n != 0 || err == nil {
		t.Fatalf("FillDocument = %v, %d, %v", got, n, err)
	}
	if p := err.(*koers.Error).Problems; len(p) != 1 || p[0].String() != "/pages/0/children/0/blocks/0/comparison/rows/0/statline: the export has no figure of Banen_1 for the municipality (GM0547) in 2019JJ00" {
		t.Errorf("problems %v", p)
	}
	if !reflect.DeepEqual(doc.Pages[0].Blocks[0].Comparison, table()) {
		t.Error("the first table was filled although the second failed")
	}
	_, _, err = statimport.FillDocument(storetest.Bare(koers.Begroting, 2024, 0), "GM0547", observations(t))
	if err == nil || !strings.Contains(err.Error(), "no comparison table of this document names a StatLine figure") {
		t.Errorf("a document without StatLine rows: %v", err)
	}
}
