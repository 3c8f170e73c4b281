package present

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// TestOverviewByTaakveld pins the laid-out overview: every row and cell
// under each sign convention, the unassigned row and the notes.
func TestOverviewByTaakveld(t *testing.T) {
	cols := []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}, {Year: 2025, Version: koers.MultiYearEstimate}}
	doc := &koers.Document{Year: 2024, Pages: []*koers.Page{
		{Title: "Programma 1", Blocks: []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{Scale: 1000, Columns: cols, Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "6.1", Amounts: []*koers.Money{euros(1_000_400), euros(900_000)}},
			{Kind: koers.Income, Taakveld: "6.1", Amounts: []*koers.Money{euros(300_000), nil}},
			{Kind: koers.ToReserve, Label: "Reserve sociaal domein", Amounts: []*koers.Money{euros(50_000), nil}},
		}}}}},
		{Title: "Programma 2", Blocks: []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{Scale: 1000, Columns: cols[:1], Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{euros(2_000)}},
		}}}}},
	}}
	o := koers.OverviewByTaakveld(doc)
	tests := []struct {
		signs koers.SignConvention
		want  [][]string
	}{
		{koers.BothPositive, [][]string{
			{"Lasten"}, {"0.1 Bestuur", "2", "-"}, {"6.1 Samenkracht en burgerparticipatie", "1.000", "900"}, {Unassigned, "50", "-"}, {"Totaal lasten", "1.052", "900"},
			{"Baten"}, {"6.1 Samenkracht en burgerparticipatie", "300", "-"}, {"Totaal baten", "300", "-"},
			{"Saldo"}, {"0.1 Bestuur", "-2", "-"}, {"6.1 Samenkracht en burgerparticipatie", "-700", "-900"}, {Unassigned, "-50", "-"}, {"Saldo van baten en lasten", "-752", "-900"},
		}},
		{koers.ExpensesPositive, [][]string{
			{"Lasten"}, {"0.1 Bestuur", "2", "-"}, {"6.1 Samenkracht en burgerparticipatie", "1.000", "900"}, {Unassigned, "50", "-"}, {"Totaal lasten", "1.052", "900"},
			{"Baten"}, {"6.1 Samenkracht en burgerparticipatie", "-300", "-"}, {"Totaal baten", "-300", "-"},
			{"Saldo"}, {"0.1 Bestuur", "2", "-"}, {"6.1 Samenkracht en burgerparticipatie", "700", "900"}, {Unassigned, "50", "-"}, {"Saldo van baten en lasten", "752", "900"},
		}},
	}
	for _, tt := range tests {
		got := OverviewByTaakveld(o, 2024, tt.signs)
		var rows [][]string
		for _, r := range got.Table.Rows {
			rows = append(rows, append([]string{r.Label}, r.Cells...))
		}
		if !reflect.DeepEqual(rows, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.signs, rows, tt.want)
		}
		if want := []string{"Begroting 2024", "Raming 2025"}; !reflect.DeepEqual(got.Table.Columns, want) {
			t.Errorf("columns %q, want %q", got.Table.Columns, want)
		}
		if got.Table.Scale != "bedragen x € 1.000" || got.Table.Caption != "Overzicht baten en lasten per taakveld" {
			t.Errorf("scale %q, caption %q", got.Table.Scale, got.Table.Caption)
		}
		wantNotes := []string{
			"Opgeteld uit de 2 financiële tabellen van dit document. Toevoegingen aan reserves tellen als lasten, onttrekkingen als baten.",
			"Regels zonder taakveld staan samen onder ‘Niet aan een taakveld toegerekend’.",
			"Niet elke financiële tabel heeft de kolom Raming 2025; daarin tellen alleen de tabellen die haar hebben.",
		}
		if !reflect.DeepEqual(got.Notes, wantNotes) {
			t.Errorf("notes\n got %q\nwant %q", got.Notes, wantNotes)
		}
	}
}
