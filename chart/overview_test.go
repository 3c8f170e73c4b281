package chart

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// TestOverviewYears: a chart draws one column per year, the latest
// figures of that year; an estimate only where nothing else is.
func TestOverviewYears(t *testing.T) {
	col := func(y int, v koers.BudgetVersion) koers.FinanceColumn {
		return koers.FinanceColumn{Year: y, Version: v}
	}
	tests := []struct {
		cols []koers.FinanceColumn
		want map[int]int
	}{
		{nil, map[int]int{}},
		{[]koers.FinanceColumn{col(2023, koers.PrimitiveBudget), col(2023, koers.AmendedBudget), col(2023, koers.Realisation)}, map[int]int{2023: 2}},
		{[]koers.FinanceColumn{col(2022, koers.Realisation), col(2023, koers.AmendedBudget), col(2024, koers.PrimitiveBudget), col(2025, koers.MultiYearEstimate)},
			map[int]int{2022: 0, 2023: 1, 2024: 2, 2025: 3}},
		{[]koers.FinanceColumn{col(2024, koers.PrimitiveBudget), col(2024, koers.MultiYearEstimate)}, map[int]int{2024: 0}},
	}
	for _, tt := range tests {
		if got := OverviewYears(tt.cols); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.cols, got, tt.want)
		}
	}
}

func euros(n int64) *koers.Money { m := koers.Money(n * 100); return &m }

// TestOverview: a chart per row, the lines without a taakveld last, a
// series only for a side with amounts, the years' columns as
// OverviewYears picks them, in the overview's scale.
func TestOverview(t *testing.T) {
	cols := []koers.FinanceColumn{{Year: 2023, Version: koers.PrimitiveBudget}, {Year: 2023, Version: koers.Realisation}, {Year: 2024, Version: koers.PrimitiveBudget}}
	o := &koers.TaakveldOverview{Scale: 1000, Columns: cols,
		Rows: []koers.TaakveldSum{
			{Taakveld: "0.1", Expenses: []*koers.Money{euros(1000), euros(2000), euros(3000)}, Income: []*koers.Money{nil, euros(500), nil}},
			{Taakveld: "6.3", Expenses: []*koers.Money{nil, nil, euros(4000)}, Income: []*koers.Money{nil, nil, nil}},
		},
		Unassigned: &koers.TaakveldSum{Expenses: []*koers.Money{euros(7000)}}, // shorter: the later columns are nil
	}
	want := []OverviewChart{
		{Taakveld: "0.1", Series: []Series{
			{Name: "Lasten", Class: "realised", Points: map[int]float64{2023: 2, 2024: 3}},
			{Name: "Baten", Class: "budgeted", Points: map[int]float64{2023: 0.5}},
		}},
		{Taakveld: "6.3", Series: []Series{{Name: "Lasten", Class: "realised", Points: map[int]float64{2024: 4}}}},
		{Taakveld: ""},
	}
	if got := Overview(o); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if got := Overview(&koers.TaakveldOverview{Scale: 1, Columns: cols[:2], Rows: o.Rows}); got != nil {
		t.Errorf("one year: %+v", got)
	}
	note := "De grafieken tonen per jaar één kolom van de tabel: " + cols[1].Title() + ", " + cols[2].Title() +
		". Lasten en baten staan er allebei positief in; de tabel hierboven geeft alle bedragen."
	if got := OverviewNote(o); got != note {
		t.Errorf("note %q, want %q", got, note)
	}
	if got, want := OverviewTitle("6.3 Inkomensregelingen", "bedragen x € 1.000"), "Lasten en baten van 6.3 Inkomensregelingen per jaar (bedragen x € 1.000)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}
