package koers

import (
	"strconv"
	"strings"
	"testing"
)

// overviewText writes an overview out whole, so that a test pins every
// column, row and amount.
func overviewText(o *TaakveldOverview) string {
	if o == nil {
		return "nil"
	}
	var b strings.Builder
	money := func(ms []*Money) string {
		var s []string
		for _, m := range ms {
			if m == nil {
				s = append(s, "-")
			} else {
				s = append(s, m.Decimal())
			}
		}
		return strings.Join(s, " ")
	}
	b.WriteString("scale " + FormatNumberString(strconv.FormatInt(o.Scale, 10)) + ", tables " + strconv.Itoa(o.Tables) + "\n")
	for i, c := range o.Columns {
		b.WriteString("column " + c.Title())
		if o.Partial[i] {
			b.WriteString(" (partial)")
		}
		b.WriteString("\n")
	}
	row := func(name string, r TaakveldSum) {
		b.WriteString(name + ": L " + money(r.Expenses) + " | B " + money(r.Income) + " | S " + money(r.Balance()) + "\n")
	}
	for _, r := range o.Rows {
		row(r.Taakveld, r)
	}
	if o.Unassigned != nil {
		row("none", *o.Unassigned)
	}
	row("total", o.Total())
	return b.String()
}

func financeDoc(tables ...*FinanceTable) *Document {
	d := &Document{Year: 2024}
	for i, t := range tables {
		d.Pages = append(d.Pages, &Page{Number: string(rune('1' + i)), Title: "Programma", Blocks: []Block{
			{Type: TextBlock}, {Type: FinanceTableBlock, Finance: t}}})
	}
	return d
}

func TestOverviewByTaakveld(t *testing.T) {
	cents := func(c int64) *Money { m := Money(c); return &m }
	three := []FinanceColumn{{Year: 2022, Version: Realisation, Label: "Rekening 2022"}, {Year: 2023, Version: PrimitiveBudget}, {Year: 2024, Version: PrimitiveBudget}}
	tests := []struct {
		name string
		doc  *Document
		want string
	}{
		{"no finance tables", &Document{Pages: []*Page{{Title: "Inleiding", Blocks: []Block{{Type: TextBlock}}}}}, "nil"},
		{"two programmes, same columns, a shared taakveld, cents kept", financeDoc(
			&FinanceTable{Scale: 1000, Columns: three, Lines: []FinanceLine{
				{Kind: Expenses, Taakveld: "6.71", Amounts: []*Money{euros(3_000_000), euros(3_400_000), cents(352_000_001)}},
				{Kind: Expenses, Taakveld: "6.1", Amounts: []*Money{euros(1_200_000), nil, euros(1_190_000)}},
				{Kind: Income, Taakveld: "6.1", Amounts: []*Money{euros(100_000), nil, euros(20_000)}},
			}},
			&FinanceTable{Scale: 1000, Columns: []FinanceColumn{{Year: 2022, Version: Realisation, Label: "Realisatie 2022"}, three[1], three[2]}, Lines: []FinanceLine{
				{Kind: Expenses, Taakveld: "6.1", Amounts: []*Money{euros(10), euros(20), cents(3099)}},
				{Kind: Expenses, Taakveld: "0.10", Amounts: []*Money{euros(5), nil, nil}},
				{Kind: Income, Taakveld: "6.2", Amounts: []*Money{nil, nil, euros(7)}},
			}},
		), `scale 1.000, tables 2
column Realisatie 2022
column Begroting 2023
column Begroting 2024
0.10: L 5 - - | B - - - | S -5 - -
6.1: L 1200010 20 1190030.99 | B 100000 - 20000 | S -1100010 -20 -1170030.99
6.2: L - - - | B - - 7 | S - - 7
6.71: L 3000000 3400000 3520000.01 | B - - - | S -3000000 -3400000 -3520000.01
total: L 4200015 3400020 4710031 | B 100000 - 20007 | S -4100015 -3400020 -4690024
`},
		{"columns that differ: summed only where year, version and amendment agree", financeDoc(
			&FinanceTable{Scale: 1, Columns: []FinanceColumn{{Year: 2024, Version: AmendedBudget, Amendment: 2}, {Year: 2024, Version: Realisation}}, Lines: []FinanceLine{
				{Kind: Expenses, Taakveld: "6.3", Amounts: []*Money{euros(100), euros(90)}},
			}},
			&FinanceTable{Scale: 1000, Columns: []FinanceColumn{{Year: 2024, Version: Realisation}, {Year: 2024, Version: AmendedBudget}, {Year: 2024, Version: PrimitiveBudget}}, Lines: []FinanceLine{
				{Kind: Expenses, Taakveld: "6.3", Amounts: []*Money{euros(1), euros(2), euros(3)}},
				{Kind: ToReserve, Label: "Reserve sociaal domein", Amounts: []*Money{euros(40), nil, nil}},
				{Kind: FromReserve, Programme: "1C", Amounts: []*Money{euros(4), nil, euros(6)}},
			}},
		), `scale 1, tables 2
column Begroting 2024 (partial)
column Begroting 2024 na wijziging (partial)
column Begroting 2024 na 2e wijziging (partial)
column Realisatie 2024
6.3: L 3 2 100 91 | B - - - - | S -3 -2 -100 -91
none: L - - - 40 | B 6 - - 4 | S 6 - - -36
total: L 3 2 100 131 | B 6 - - 4 | S 3 -2 -100 -127
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := overviewText(OverviewByTaakveld(tt.doc)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
