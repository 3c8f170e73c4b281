package storetest

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// testComparisonTable: a comparison table comes back as written, its
// figures with their printed decimals and its notations apart.
func testComparisonTable(t *testing.T, s koers.Store) {
	table := &koers.ComparisonTable{Reference: "2023-01-01", Municipality: "Leiderdorp",
		Areas: []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}, {Name: "Holland Rijnland"}},
		Rows: []koers.ComparisonRow{
			{Name: "Banen", Unit: "per 1.000 inwoners 15-64 jaar", Period: "2020", Value: koers.Number("712.40"),
				Areas: []koers.Figure{koers.Number("-0.5"), koers.Missing(koers.NotationNotYetKnown)}, Source: "LISA", Target: "Minimaal gelijk of toename",
				StatLine: &koers.StatLineSource{Table: "99999ned", Measure: "Banen_1", Dims: map[string]string{"Geslacht": "T001038"}}},
			{Name: "Jongeren met jeugdhulp", Unit: "% van alle jongeren tot 18 jaar", Period: "2017-H2", Value: koers.Missing(koers.NotationUnknown),
				Areas: []koers.Figure{koers.Missing(koers.NotationNil), koers.Missing(koers.NotationNotApplicable)}, Source: "CBS"},
		},
	}
	doc := Bare(koers.Begroting, 2024, 0)
	doc.Pages[0].Blocks = []koers.Block{{Type: koers.ComparisonTableBlock, Heading: "Waar staat je gemeente?", Comparison: table}}
	MustPut(t, s, Leiderdorp(), doc)
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Pages[0].Blocks; len(b) != 1 || b[0].Type != koers.ComparisonTableBlock || !reflect.DeepEqual(b[0].Comparison, table) {
		t.Errorf("comparison table came back as %+v", b)
	}
}
