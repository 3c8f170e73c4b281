package present

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

func euros(e int64) *koers.Money { m := koers.Money(e * 100); return &m }

// TestFinanceSigned pins every row of a small table under each sign
// convention: amounts and totals follow it, differences keep V/N and no
// sign.
func TestFinanceSigned(t *testing.T) {
	table := &koers.FinanceTable{
		Scale:       1,
		Columns:     []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}, {Year: 2024, Version: koers.Realisation}},
		Differences: []koers.FinanceDifference{{From: 0, To: 1}},
		Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{euros(1000), euros(1200)}},
			{Kind: koers.Income, Taakveld: "0.1", Amounts: []*koers.Money{euros(300), nil}},
		},
	}
	tests := []struct {
		signs koers.SignConvention
		want  [][]string
	}{
		{koers.BothPositive, [][]string{
			{"Lasten"}, {"0.1 Bestuur", "1.000", "1.200", "200 N"}, {"Totaal lasten", "1.000", "1.200", "200 N"},
			{"Baten"}, {"0.1 Bestuur", "300", "-", "300 N"}, {"Totaal baten", "300", "-", "300 N"},
			{"Saldo van baten en lasten", "-700", "-1.200", "500 N"},
		}},
		{koers.ExpensesPositive, [][]string{
			{"Lasten"}, {"0.1 Bestuur", "1.000", "1.200", "200 N"}, {"Totaal lasten", "1.000", "1.200", "200 N"},
			{"Baten"}, {"0.1 Bestuur", "-300", "-", "300 N"}, {"Totaal baten", "-300", "-", "300 N"},
			{"Saldo van baten en lasten", "700", "1.200", "500 N"},
		}},
		{koers.IncomePositive, [][]string{
			{"Lasten"}, {"0.1 Bestuur", "-1.000", "-1.200", "200 N"}, {"Totaal lasten", "-1.000", "-1.200", "200 N"},
			{"Baten"}, {"0.1 Bestuur", "300", "-", "300 N"}, {"Totaal baten", "300", "-", "300 N"},
			{"Saldo van baten en lasten", "-700", "-1.200", "500 N"},
		}},
	}
	for _, tt := range tests {
		var got [][]string
		for _, r := range FinanceSigned(table, 2024, tt.signs).Rows {
			got = append(got, append([]string{r.Label}, r.Cells...))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.signs, got, tt.want)
		}
	}
}
