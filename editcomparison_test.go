package koers_test

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// cmpOld is a comparison table as a bundle gives it: a row that feeds an
// indicator and one with a StatLine source.
func cmpOld() *koers.ComparisonTable {
	return &koers.ComparisonTable{Reference: "2024-05-01", Areas: []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}},
		Rows: []koers.ComparisonRow{
			{Name: "Leden", Period: "2021", Value: koers.Number("1992"), Areas: []koers.Figure{koers.Number("2000")}, Indicator: "leden"},
			{Name: "Banen", Unit: "per 1.000 inwoners", Period: "2023", Value: koers.Number("684.0"), Areas: []koers.Figure{koers.Missing(koers.NotationNotYetKnown)},
				Source: "LISA", StatLine: &koers.StatLineSource{Measure: "M1", Dims: map[string]string{"Geslacht": "T001038"}}},
		}}
}

func TestFormatComparisonTable(t *testing.T) {
	want := "peildatum\t2024-05-01\n" +
		"indicator\teenheid\tperiode\tbron\tGemeente\tNederland (NL01)\n" +
		"Leden\t\t2021\t\t1.992\t2.000\n" +
		"Banen\tper 1.000 inwoners\t2023\tLISA\t684,0\tn.n.b.\n"
	if got := koers.FormatComparisonTable(cmpOld()); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	// Headings that would read as something else.
	odd := &koers.ComparisonTable{Municipality: "Streven", Areas: []koers.ComparisonArea{{Name: "Regio (ABC)"}, {Name: "Regio (fictief)"}},
		Rows: []koers.ComparisonRow{{Name: "A", Period: "2020", Value: koers.Missing(koers.NotationNil),
			Areas: []koers.Figure{koers.Number("-0.5"), koers.Missing(koers.NotationUnknown)}}}}
	want = "indicator\teenheid\tperiode\tstreven\tStreven\tRegio (ABC) ()\tRegio (fictief)\nA\t\t2020\t\t-\t-0,5\t.\n"
	form := koers.FormatComparisonTable(odd)
	if form != want {
		t.Errorf("got\n%q\nwant\n%q", form, want)
	}
	if got, ps := koers.ParseComparisonTable(nil, form); ps != nil || !reflect.DeepEqual(got, odd) {
		t.Errorf("round trip: %#v, %v", got, ps)
	}
}

func TestParseComparisonTable(t *testing.T) {
	header := "indicator\teenheid\tperiode\tGemeente\tNederland (NL01)\n"
	p := func(path []any, msg string) koers.Problems { return koers.Problems{{Path: path, Message: msg}} }
	tests := []struct {
		name string
		in   string
		want *koers.ComparisonTable
		ps   koers.Problems
	}{
		{"pasted, hidden fields kept by name and period",
			"\r\nPeildatum\t1-5-2024\t\r\nIndicator\tEenheid\tPeriode\tBron\tStreven\tVoorbeeldgemeente\tNederland (NL01)\tRegio ()\r\n" +
				"Banen\tper 1.000 inwoners\t2024\tLISA\tToename\t1.234,50\tnnb\tN.V.T.\t\r\n" +
				"Leden\t\t2021\t\t\t1.992\t-\t.\r\n",
			&koers.ComparisonTable{Reference: "2024-05-01", Municipality: "Voorbeeldgemeente",
				Areas: []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}, {Name: "Regio"}},
				Rows: []koers.ComparisonRow{
					{Name: "Banen", Unit: "per 1.000 inwoners", Period: "2024", Value: koers.Number("1234.50"),
						Areas:  []koers.Figure{koers.Missing(koers.NotationNotYetKnown), koers.Missing(koers.NotationNotApplicable)},
						Source: "LISA", Target: "Toename", StatLine: &koers.StatLineSource{Measure: "M1", Dims: map[string]string{"Geslacht": "T001038"}}},
					{Name: "Leden", Period: "2021", Value: koers.Number("1992"), Indicator: "leden",
						Areas: []koers.Figure{koers.Missing(koers.NotationNil), koers.Missing(koers.NotationUnknown)}},
				}}, nil},
		{"no areas, the default heading", "indicator\teenheid\tperiode\tGemeente\nA\t\t2020-Q2\t0,0",
			&koers.ComparisonTable{Areas: []koers.ComparisonArea{}, Rows: []koers.ComparisonRow{{Name: "A", Period: "2020-Q2", Value: koers.Number("0.0"), Areas: []koers.Figure{}}}}, nil},
		{"empty", "\n\t\n", nil, p([]any{"comparison"}, "De tabel is leeg; een vergelijkingstabel heeft een kopregel en ten minste één rij.")},
		{"no rows", header, nil, p([]any{"comparison"}, "De tabel heeft geen rijen; een vergelijkingstabel heeft er ten minste één.")},
		{"a bad reference date", "peildatum\t31-2-2024\n" + header + "A\t\t2020\t1\t2", nil,
			p([]any{"comparison", 1}, `Regel 1: de peildatum "31-2-2024" is geen datum zoals 2024-01-01 of 1-1-2024`)},
		{"a header in another order", "eenheid\tindicator\tperiode\tGemeente\nx\tA\t2020\t1", nil,
			p([]any{"comparison", 1}, "Regel 1: de kopregel begint met de kolommen indicator, eenheid en periode, en dan de kolom van de gemeente en die van de gebieden")},
		{"no municipality column", "indicator\teenheid\tperiode\tbron\t\t\n", nil,
			p([]any{"comparison", 1}, "Regel 1: de kopregel mist de kolom van de gemeente (na bron)")},
		{"an area twice and one without a name", "indicator\teenheid\tperiode\tGemeente\tNederland (NL01)\t\tNederland\nA\t\t2020\t1\t2\t3\t4", nil, koers.Problems{
			{Path: []any{"comparison", 1, "6"}, Message: "Regel 1, kolom 6: de naam van het gebied ontbreekt"},
			{Path: []any{"comparison", 1, "Nederland"}, Message: `Regel 1, kolom Nederland: het gebied "Nederland" staat twee keer in de kopregel`}}},
		{"bad cells", header + "\tkg\t2020-H3\t1,2,3\n", nil, koers.Problems{
			{Path: []any{"comparison", 2, "indicator"}, Message: "Regel 2, kolom indicator: de naam van de indicator ontbreekt"},
			{Path: []any{"comparison", 2, "periode"}, Message: `Regel 2, kolom periode: de periode "2020-H3" is geen jaar (2020), halfjaar (2017-H2), kwartaal (2020-Q2) of maand (2021-12) van 1800 tot en met 2200`},
			{Path: []any{"comparison", 2, "Gemeente"}, Message: `Regel 2, kolom Gemeente: "1,2,3" is geen getal; schrijf het zoals 1.992 of 11,6, of - (nihil), . (onbekend of geheim), n.n.b. of n.v.t.`},
			{Path: []any{"comparison", 2, "Nederland (NL01)"}, Message: "Regel 2, kolom Nederland (NL01): het cijfer ontbreekt; schrijf een getal, of - (nihil), . (onbekend of geheim), n.n.b. (nog niet bekend) of n.v.t. (niet van toepassing)"}}},
		{"too many cells", header + "A\t\t2020\t1\t2\t3", nil, p([]any{"comparison", 2}, "Regel 2: deze regel heeft 6 kolommen en de kopregel 5")},
		{"a row feeding an indicator needs a year", header + "Leden\t\t2021-H1\t1\t2", nil,
			p([]any{"comparison", 2, "periode"}, `Regel 2, kolom periode: deze rij vult indicator "leden", die waarden per jaar heeft; geef een jaar als periode`)},
		{"two rows feed one indicator's year", header + "Leden\t\t2022\t1\t2\nLeden\t\t2022\t1\t2", nil,
			p([]any{"comparison", 3}, `Regel 3: deze rij en die op regel 2 vullen allebei indicator "leden" voor 2022`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := cmpOld()
			if tt.name == "two rows feed one indicator's year" {
				old.Rows = append(old.Rows, koers.ComparisonRow{Name: "Leden", Period: "2022", Indicator: "leden"})
			}
			got, ps := koers.ParseComparisonTable(old, tt.in)
			if !reflect.DeepEqual(ps, tt.ps) {
				t.Fatalf("problems\n%#v\nwant\n%#v", ps, tt.ps)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%#v\nwant\n%#v", got, tt.want)
			}
		})
	}
}
