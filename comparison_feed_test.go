package koers_test

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// feedDoc is a page with the indicator "jeugdhulp" (a percentage) and a
// comparison table whose first row reports on it.
func feedDoc(given ...koers.Value) *koers.Document {
	doc := storetest.Bare(koers.Begroting, 2024, 0)
	p := doc.Pages[0]
	p.Indicators = []*koers.Indicator{{Key: "jeugdhulp", Number: "1", Name: "Jongeren met jeugdhulp", Unit: koers.Percentage, Values: given}}
	p.Blocks = []koers.Block{{Type: koers.ComparisonTableBlock, Comparison: &koers.ComparisonTable{Reference: "2023-05-01",
		Areas: []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}, {Name: "Holland Rijnland"}, {Name: "Zuid-Holland", Code: "PV28"}},
		Rows: []koers.ComparisonRow{
			{Name: "Jongeren met jeugdhulp", Unit: "%", Period: "2020", Value: koers.Number("11.6"), Indicator: "jeugdhulp", Source: "CBS",
				Areas: []koers.Figure{koers.Number("10.70"), koers.Number("9"), koers.Missing(koers.NotationUnknown)}},
			{Name: "Banen", Period: "2020", Value: koers.Number("712.4"), Source: "LISA",
				Areas: []koers.Figure{koers.Number("774"), koers.Number("1"), koers.Number("2")}},
		}}}}
	return doc
}

func pct(year int, f float64) koers.Value {
	return koers.Value{Year: year, Kind: koers.Realised, Number: &f}
}

// TestComparisonFeedsItsIndicator: the row's figure becomes the
// indicator's realised value and the coded areas' figures its benchmarks;
// a value typed on the indicator too must agree.
func TestComparisonFeedsItsIndicator(t *testing.T) {
	doc := feedDoc(pct(2019, 10.2))
	if err := koers.ValidateDocument(storetest.Leiderdorp(), doc); err != nil {
		t.Fatal(err)
	}
	got := koers.FeedComparisons(doc)
	want := []koers.Benchmark{{Indicator: "jeugdhulp", Area: "NL01", Period: "2020", Value: 10.7, Unit: koers.Percentage, Source: "CBS", ReferenceDate: "2023-05-01"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("benchmarks %+v, want %+v", got, want)
	}
	if vs := doc.Pages[0].Indicators[0].Values; !reflect.DeepEqual(vs, []koers.Value{pct(2019, 10.2), pct(2020, 11.6)}) {
		t.Errorf("values %+v", vs)
	}
	if err := koers.ValidateDocument(storetest.Leiderdorp(), doc); err != nil {
		t.Errorf("fed document: %v", err)
	}
	// Fed twice, nothing doubles.
	koers.FeedComparisons(doc)
	if n := len(doc.Pages[0].Indicators[0].Values); n != 2 {
		t.Errorf("%d values after feeding twice", n)
	}

	tests := []struct {
		name   string
		change func(d *koers.Document)
		want   string
	}{
		{"the same value given twice", func(d *koers.Document) { d.Pages[0].Indicators[0].Values = []koers.Value{pct(2020, 11.6)} }, ""},
		{"a conflicting value", func(d *koers.Document) { d.Pages[0].Indicators[0].Values = []koers.Value{pct(2020, 11.5)} },
			`/document/pages/0/blocks/0/comparison/rows/0/value: indicator "jeugdhulp" has 11,5% as its realised value for 2020 (values/0), and this row says 11,6; give the figure once`},
		{"a quarter", func(d *koers.Document) { d.Pages[0].Blocks[0].Comparison.Rows[0].Period = "2020-Q2" },
			`/document/pages/0/blocks/0/comparison/rows/0/period: a row of indicator "jeugdhulp" needs a year as its period: the indicator's values are per year, and 2e kwartaal 2020 is not`},
		{"a percentage out of bounds", func(d *koers.Document) { d.Pages[0].Blocks[0].Comparison.Rows[0].Value = koers.Number("1000.5") },
			"/document/pages/0/blocks/0/comparison/rows/0/value: percentage 1000.5 is outside 0 to 100"},
		{"an area's benchmark out of bounds", func(d *koers.Document) { d.Pages[0].Blocks[0].Comparison.Rows[0].Areas[0] = koers.Number("-3") },
			"/document/pages/0/blocks/0/comparison/rows/0/areas/0: percentage -3 is outside 0 to 100"},
		{"an uncoded area is no benchmark", func(d *koers.Document) { d.Pages[0].Blocks[0].Comparison.Rows[0].Areas[1] = koers.Number("-3") }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := feedDoc()
			tt.change(d)
			err := koers.ValidateDocument(storetest.Leiderdorp(), d)
			var got []string
			if e, ok := err.(*koers.Error); ok {
				for _, p := range e.Problems {
					got = append(got, p.String())
				}
			} else if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("problems %v", got)
			case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
				t.Errorf("problems %q, want %q", got, tt.want)
			}
		})
	}
}
