package koers

import (
	"reflect"
	"testing"
)

// TestSpendingByProgramme: per programme the exact lasten of one year's
// budget (amended preferred) and realisation; programmes without both left
// out; nothing when no programme has both.
func TestSpendingByProgramme(t *testing.T) {
	m := func(e int64) *Money { v := Money(e * 100); return &v }
	page := func(num, title string, ft *FinanceTable) *Page {
		return &Page{Number: num, Title: title, Blocks: []Block{{Type: FinanceTableBlock, Finance: ft}}}
	}
	prim := FinanceColumn{Year: 2024, Version: PrimitiveBudget}
	am2 := FinanceColumn{Year: 2024, Version: AmendedBudget, Amendment: 2}
	am3 := FinanceColumn{Year: 2024, Version: AmendedBudget, Amendment: 3}
	amAll := FinanceColumn{Year: 2024, Version: AmendedBudget}
	real := FinanceColumn{Year: 2024, Version: Realisation}
	real23 := FinanceColumn{Year: 2023, Version: Realisation}
	prim23 := FinanceColumn{Year: 2023, Version: PrimitiveBudget}
	lines := []FinanceLine{
		{Kind: Expenses, Taakveld: "0.1", Amounts: []*Money{m(100), m(110), m(120)}},
		{Kind: Expenses, Taakveld: "0.2", Amounts: []*Money{m(1), nil, m(3)}},
		{Kind: Income, Taakveld: "0.1", Amounts: []*Money{m(1000), m(1000), m(1000)}},
		{Kind: ToReserve, Label: "Reserve", Amounts: []*Money{m(5000), m(5000), m(5000)}},
	}
	tests := []struct {
		name  string
		pages []*Page
		year  int
		want  []ProgrammeSpending
	}{
		{"none", nil, 0, nil},
		{"no realisation", []*Page{page("1", "Eén", &FinanceTable{Scale: 1, Columns: []FinanceColumn{prim, am2}, Lines: lines[:2]})}, 0, nil},
		{"amended preferred, lasten only", []*Page{
			page("1", "Eén", &FinanceTable{Scale: 1000, Columns: []FinanceColumn{prim, am2, real}, Lines: lines}),
		}, 2024, []ProgrammeSpending{{Number: "1", Title: "Eén", Budget: am2, Budgeted: 11000, Realised: 12300, Scale: 1000}}},
		{"primitive when no amended; after all amendments beats the 3rd", []*Page{
			page("1", "Eén", &FinanceTable{Scale: 1, Columns: []FinanceColumn{real, prim}, Lines: []FinanceLine{{Kind: Expenses, Taakveld: "0.1", Amounts: []*Money{m(7), m(9)}}}}),
			{Title: "Hoofdstuk", Children: []*Page{
				page("2", "Twee", &FinanceTable{Scale: 1, Columns: []FinanceColumn{am3, amAll, real}, Lines: []FinanceLine{{Kind: Expenses, Taakveld: "0.1", Amounts: []*Money{m(1), m(2), m(3)}}}}),
			}},
		}, 2024, []ProgrammeSpending{
			{Number: "1", Title: "Eén", Budget: prim, Budgeted: 900, Realised: 700, Scale: 1},
			{Number: "2", Title: "Twee", Budget: amAll, Budgeted: 200, Realised: 300, Scale: 1},
		}},
		{"the latest year with both; others left out", []*Page{
			page("1", "Eén", &FinanceTable{Scale: 1, Columns: []FinanceColumn{prim23, real23}, Lines: []FinanceLine{{Kind: Expenses, Taakveld: "0.1", Amounts: []*Money{m(4), m(5)}}}}),
			page("2", "Twee", &FinanceTable{Scale: 1, Columns: []FinanceColumn{prim23, real23, prim, real}, Lines: []FinanceLine{{Kind: Expenses, Taakveld: "0.1", Amounts: []*Money{m(1), m(2), m(3), nil}}}}),
			page("3", "Drie", &FinanceTable{Scale: 1, Columns: []FinanceColumn{real, prim23}, Lines: []FinanceLine{{Kind: Expenses, Taakveld: "0.1", Amounts: []*Money{m(6), m(8)}}}}),
		}, 2024, []ProgrammeSpending{{Number: "2", Title: "Twee", Budget: prim, Budgeted: 300, Realised: 0, Scale: 1}}},
	}
	for _, tt := range tests {
		year, got := SpendingByProgramme(&Document{Pages: tt.pages})
		if year != tt.year || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %d %+v, want %d %+v", tt.name, year, got, tt.year, tt.want)
		}
	}
}
