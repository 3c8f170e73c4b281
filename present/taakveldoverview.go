package present

import (
	"slices"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// TaakveldOverview is a document's overview of baten and lasten per
// taakveld laid out: a finance table with three groups (lasten, baten and
// the saldo, a row per taakveld and a total each) and the sentences that
// say what the figures do not show by themselves.
type TaakveldOverview struct {
	Table *FinanceTable
	Notes []string
	// Source is the overview laid out, and Year its document's: the PDF
	// draws its charts from them, as the site does.
	Source *koers.TaakveldOverview
	Year   int
}

// Unassigned is the row of the lines that name no taakveld.
const Unassigned = "Niet aan een taakveld toegerekend"

// OverviewByTaakveld lays out o for a document of year, in the
// organisation's sign convention, as the programmes' finance tables are.
func OverviewByTaakveld(o *koers.TaakveldOverview, year int, signs koers.SignConvention) *TaakveldOverview {
	t := &FinanceTable{Caption: "Overzicht baten en lasten per taakveld", Scale: koers.ScaleLabel(o.Scale)}
	for _, c := range o.Columns {
		t.Columns = append(t.Columns, c.Title())
	}
	rows := o.Rows
	if o.Unassigned != nil {
		rows = append(rows[:len(rows):len(rows)], *o.Unassigned)
	}
	cells := func(amounts []*koers.Money, sign koers.Money) []string {
		var out []string
		for i := range o.Columns {
			out = append(out, scaled(signed(koers.AmountAt(amounts, i), sign), o.Scale))
		}
		return out
	}
	label := func(r koers.TaakveldSum) string {
		if r.Taakveld == "" {
			return Unassigned
		}
		return LineLabel(koers.FinanceLine{Taakveld: r.Taakveld}, year)
	}
	total := o.Total()
	groups := []struct {
		title string
		total koers.FinanceTotalKind
		rowOf func(koers.TaakveldSum) []*koers.Money
	}{
		{"Lasten", koers.TotalExpenses, func(r koers.TaakveldSum) []*koers.Money { return r.Expenses }},
		{"Baten", koers.TotalIncome, func(r koers.TaakveldSum) []*koers.Money { return r.Income }},
		{"Saldo", koers.TotalBalance, func(r koers.TaakveldSum) []*koers.Money { return r.Balance() }},
	}
	for _, g := range groups {
		sign := signs.TotalSign(g.total)
		t.Rows = append(t.Rows, FinanceRow{Kind: SectionRow, Label: g.title})
		for _, r := range rows {
			if amounts := g.rowOf(r); slices.ContainsFunc(amounts, func(m *koers.Money) bool { return m != nil }) {
				// a taakveld with nothing on this side has no row on it
				t.Rows = append(t.Rows, FinanceRow{Kind: LineRow, Label: label(r), Cells: cells(amounts, sign)})
			}
		}
		kind := TotalRow
		if g.total == koers.TotalBalance {
			kind = BalanceRow
		}
		t.Rows = append(t.Rows, FinanceRow{Kind: kind, Label: g.total.Label(), Cells: cells(g.rowOf(total), sign)})
	}
	out := &TaakveldOverview{Table: t, Source: o, Year: year}
	out.Notes = append(out.Notes, "Opgeteld uit "+tablesCount(o.Tables)+" van dit document. Toevoegingen aan reserves tellen als lasten, onttrekkingen als baten.")
	if o.Unassigned != nil {
		out.Notes = append(out.Notes, "Regels zonder taakveld staan samen onder ‘"+Unassigned+"’.")
	}
	var partial []string
	for i, p := range o.Partial {
		if p {
			partial = append(partial, t.Columns[i])
		}
	}
	if len(partial) > 0 {
		what := "de kolom " + partial[0] + "; daarin tellen alleen de tabellen die haar hebben."
		if len(partial) > 1 {
			what = "de kolommen " + dutchList(partial) + "; daarin tellen alleen de tabellen die ze hebben."
		}
		out.Notes = append(out.Notes, "Niet elke financiële tabel heeft "+what)
	}
	return out
}

func tablesCount(n int) string {
	if n == 1 {
		return "de financiële tabel"
	}
	return "de " + koers.FormatNumberString(strconv.Itoa(n)) + " financiële tabellen"
}

// dutchList joins "a", "b" and "c" as "a, b en c".
func dutchList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " en " + items[len(items)-1]
}
