package storetest

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// testPrintedIndicatorTable: an indicator table's printed layout reads
// back exactly as it was put, its decimals and notations included.
func testPrintedIndicatorTable(t *testing.T, s koers.Store) {
	one, v := 1, 689.0
	table := &koers.PrintedTable{RowHeader: "Indicator", Numbering: koers.NumberByCode, Cards: true,
		Columns: []koers.PrintedColumn{
			{Key: "w", Label: "Werkelijk 2023", Kind: koers.PrintedRealised, Year: 2023},
			{Key: "q", Label: "Q1", Group: "2024", Kind: koers.PrintedRealised, Year: 2024, Period: "Q1"},
			{Key: "na", Label: "Na 2e wijziging", Group: "2024", Kind: koers.PrintedAmended, Year: 2024, Amendment: 2},
			{Key: "doel", Label: "Streefwaarde", Kind: koers.PrintedTarget},
		},
		Rows: []koers.PrintedRow{{Indicator: "bijstand", Code: "6.3", Unit: "per 1.000", Decimals: &one, Note: "Peildatum 1 januari.",
			Values: []koers.PrintedValue{{Column: "w", Missing: koers.NotationUnknown}, {Column: "q", Number: &v}, {Column: "doel", Missing: koers.NotationNotApplicable}}}},
		Legend: []koers.LegendEntry{{Sign: ".", Text: "niet beschikbaar"}},
	}
	doc := Bare(koers.Jaarstukken, 2024, 0)
	doc.Pages[0].Indicators = []*koers.Indicator{{Key: "bijstand", Number: "1", Name: "Bijstand", Unit: koers.Count}}
	doc.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"bijstand"}, Printed: table}}
	MustPut(t, s, Leiderdorp(), doc)
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Pages[0].Blocks; len(b) != 1 || !reflect.DeepEqual(b[0].Printed, table) {
		t.Errorf("printed table came back as %+v", b)
	}
}
