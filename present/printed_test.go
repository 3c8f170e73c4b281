package present

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// TestPrinted pins a printed layout: the top header row with its groups
// and ungrouped columns, the second row, the unit column, note markers,
// and cards for indicators with a definition or a source.
func TestPrinted(t *testing.T) {
	n := 5.0
	ins := []*koers.Indicator{
		{Key: "a", Number: "1.1", Name: "Alfa", Unit: koers.Count, Definition: "Telregel.", Values: []koers.Value{{Year: 2020, Kind: koers.Realised, Number: &n}}},
		{Key: "b", Number: "1.2", Name: "Beta", Unit: koers.Count},
		{Key: "c", Number: "1.3", Name: "Gamma", Unit: koers.Count, Source: "CBS"},
	}
	pt := &koers.PrintedTable{Numbering: koers.NumberNone, Cards: true,
		Columns: []koers.PrintedColumn{
			{Key: "w", Label: "2020", Kind: koers.PrintedRealised, Year: 2020},
			{Key: "p", Label: "Primitief", Group: "Begroting 2021", Kind: koers.PrintedPrimitive, Year: 2021},
			{Key: "n", Label: "Na 1e wijziging", Group: "Begroting 2021", Kind: koers.PrintedAmended, Year: 2021, Amendment: 1},
			{Key: "d", Label: "Doel", Kind: koers.PrintedTarget},
		},
		Rows: []koers.PrintedRow{{Indicator: "b", Unit: "aantal", Note: "Eerste."}, {Indicator: "c", Note: "Tweede."}},
	}
	got := Printed("Tabel", pt, ins)
	want := &PrintedTable{Caption: "Tabel", RowHeader: "Omschrijving", Unit: true,
		Groups:  []HeaderGroup{{Span: 1, Column: 0}, {Label: "Begroting 2021", Span: 2, Column: 1}, {Span: 1, Column: 3}},
		Columns: []string{"2020", "Primitief", "Na 1e wijziging", "Doel"},
		Headers: []string{"2020", "Begroting 2021 Primitief", "Begroting 2021 Na 1e wijziging", "Doel"},
		Rows: []PrintedRow{
			{Key: "a", Label: "Alfa", Cells: []string{"5", "", "", ""}},
			{Key: "b", Label: "Beta", Unit: "aantal", Note: "a", Cells: []string{"", "", "", ""}},
			{Key: "c", Label: "Gamma", Note: "b", Cells: []string{"", "", "", ""}},
		},
		Notes: []RowNote{{Key: "b", Marker: "a", Label: "Beta", Text: "Eerste."}, {Key: "c", Marker: "b", Label: "Gamma", Text: "Tweede."}},
		Cards: []Card{{Key: "a", Name: "Alfa", Definition: "Telregel."}, {Key: "c", Name: "Gamma", Source: "CBS"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if g := got.Grouped(); !reflect.DeepEqual(g, []string{"Primitief", "Na 1e wijziging"}) {
		t.Errorf("second header row %q", g)
	}
	// Without groups there is one header row.
	pt.Columns[1].Group, pt.Columns[2].Group = "", ""
	if g := Printed("", pt, ins).Groups; g != nil {
		t.Errorf("groups %+v without any group", g)
	}
}
