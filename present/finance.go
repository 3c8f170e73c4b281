// Package present lays the domain's tables out as readers see them, in
// Dutch notation: the rows, headings and cell texts that both the site's
// HTML and the PDFs draw, so that the two cannot disagree.
package present

import (
	"github.com/koers-nl/koers"
)

// FinanceTable is a finance table laid out: a column per (year, version)
// and per difference, rows grouped by side with their totals, the saldo
// and the result, and the explanations below.
type FinanceTable struct {
	Caption      string
	Scale        string // "bedragen x € 1.000"
	Columns      []string
	Differences  int // the last Differences columns are differences
	Rows         []FinanceRow
	Explanations []FinanceExplanation
}

// Width is the number of columns a row spans, its label's included.
func (t *FinanceTable) Width() int { return len(t.Columns) + 1 }

// FinanceGroup is a section of the table: a heading ("Lasten") and the
// rows under it, up to the next heading.
type FinanceGroup struct {
	Label string
	Rows  []FinanceRow
}

// Groups splits the rows at their section headings, for tables that mark
// row groups (HTML's tbody with a rowgroup header).
func (t *FinanceTable) Groups() []FinanceGroup {
	var out []FinanceGroup
	for _, r := range t.Rows {
		if r.Kind == SectionRow || len(out) == 0 {
			out = append(out, FinanceGroup{})
		}
		g := &out[len(out)-1]
		if r.Kind == SectionRow {
			g.Label = r.Label
			continue
		}
		g.Rows = append(g.Rows, r)
	}
	return out
}

// RowKind says how a row is drawn.
type RowKind string

// The kinds of row.
const (
	SectionRow RowKind = "section" // "Lasten": a heading spanning the row
	LineRow    RowKind = "line"
	TotalRow   RowKind = "total" // Totaal lasten, Totaal baten
	BalanceRow RowKind = "saldo" // Saldo van baten en lasten, Resultaat
)

// FinanceRow is one row: its label and one cell per column.
type FinanceRow struct {
	Kind  RowKind
	Label string
	Cells []string
}

// FinanceExplanation is a toelichting under the table.
type FinanceExplanation struct {
	Heading    string // the line: "6.71 Maatwerkdienstverlening 18+ (lasten)"
	Amount     string // "€ 120.000 N"
	Character  string // "structureel", "incidenteel" or ""
	Paragraphs []string
}

// Finance lays out t for a document of year: taakvelden are named from
// the catalogue of that year.
func Finance(t *koers.FinanceTable, year int) *FinanceTable {
	return FinanceSigned(t, year, koers.BothPositive)
}

// FinanceSigned lays out t as Finance does, with the amounts printed in
// the organisation's sign convention. Differences keep their V/N and show
// no sign.
func FinanceSigned(t *koers.FinanceTable, year int, signs koers.SignConvention) *FinanceTable {
	f := t.Figures()
	out := &FinanceTable{Caption: "Financiële tabel", Scale: koers.ScaleLabel(t.Scale), Differences: len(t.Differences)}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, c.Title())
	}
	for _, d := range t.Differences {
		out.Columns = append(out.Columns, d.Title())
	}
	cells := func(amounts []*koers.Money, diffs []*koers.Money, kind koers.LineKind, sign koers.Money) []string {
		var row []string
		for i := range t.Columns {
			row = append(row, scaled(signed(koers.AmountAt(amounts, i), sign), t.Scale))
		}
		for _, d := range diffs {
			row = append(row, judged(d, kind, t.Scale))
		}
		return row
	}
	lineDiffs := func(line int) []*koers.Money {
		var out []*koers.Money
		for _, ds := range f.LineDiffs {
			out = append(out, ds[line])
		}
		return out
	}
	totalDiffs := func(k koers.FinanceTotalKind) []*koers.Money {
		var out []*koers.Money
		for _, ds := range f.TotalDiffs {
			out = append(out, ds[k])
		}
		return out
	}
	total := func(kind RowKind, k koers.FinanceTotalKind, judgeAs koers.LineKind) {
		out.Rows = append(out.Rows, FinanceRow{Kind: kind, Label: k.Label(), Cells: cells(f.Totals[k], totalDiffs(k), judgeAs, signs.TotalSign(k))})
	}
	sections := []struct {
		kind  koers.LineKind
		title string
		total koers.FinanceTotalKind
	}{
		{koers.Expenses, "Lasten", koers.TotalExpenses},
		{koers.Income, "Baten", koers.TotalIncome},
		{koers.ToReserve, "Toevoegingen aan reserves", koers.TotalToReserve},
		{koers.FromReserve, "Onttrekkingen aan reserves", koers.TotalFromReserve},
	}
	reserves := len(t.TotalKinds()) > 3
	for _, s := range sections {
		if (s.kind == koers.ToReserve || s.kind == koers.FromReserve) && !hasKind(t, s.kind) {
			continue // a side of the reserves without lines has nothing to show
		}
		out.Rows = append(out.Rows, FinanceRow{Kind: SectionRow, Label: s.title})
		for i, l := range t.Lines {
			if l.Kind == s.kind {
				out.Rows = append(out.Rows, FinanceRow{Kind: LineRow, Label: LineLabel(l, year), Cells: cells(l.Amounts, lineDiffs(i), l.Kind, signs.LineSign(l.Kind))})
			}
		}
		total(TotalRow, s.total, s.kind)
		if s.kind == koers.Income {
			total(BalanceRow, koers.TotalBalance, koers.Income)
		}
	}
	if reserves {
		total(BalanceRow, koers.TotalResult, koers.Income)
	}
	for _, e := range t.Explanations {
		if e.Line < 0 || e.Line >= len(t.Lines) {
			continue
		}
		l := t.Lines[e.Line]
		x := FinanceExplanation{Heading: LineLabel(l, year) + " (" + string(l.Kind) + ")", Paragraphs: e.Paragraphs}
		amount := e.Amount
		if amount == nil && len(f.LineDiffs) > 0 {
			amount = f.LineDiffs[0][e.Line]
		}
		if amount != nil {
			x.Amount = amount.Abs().String()
			if j := koers.Judge(l.Kind, *amount); j != "" {
				x.Amount += " " + string(j)
			}
		}
		if e.Structural != nil {
			x.Character = "incidenteel"
			if *e.Structural {
				x.Character = "structureel"
			}
		}
		out.Explanations = append(out.Explanations, x)
	}
	return out
}

// LineLabel names a line as a reader reads it: a taakveld with its code
// and its name in the catalogue of the year, a programme, or its label.
func LineLabel(l koers.FinanceLine, year int) string {
	switch {
	case l.Label != "":
		return l.Label
	case l.Taakveld != "":
		if tv, ok := koers.TaakveldIn(year, l.Taakveld); ok {
			return tv.Code + " " + tv.Name
		}
		return l.Taakveld
	case l.Programme != "":
		return "Programma " + l.Programme
	}
	return ""
}

// scaled is an amount in the table's scale; nothing is "-".
func scaled(m *koers.Money, scale int64) string {
	if m == nil {
		return "-"
	}
	return m.Scaled(scale)
}

// signed is m times sign; nil stays nil.
func signed(m *koers.Money, sign koers.Money) *koers.Money {
	if m == nil {
		return nil
	}
	v := sign * *m
	return &v
}

// judged is a difference in the table's scale with V or N; its sign is
// in the letter, so the amount is shown without one.
func judged(d *koers.Money, kind koers.LineKind, scale int64) string {
	if d == nil {
		return "-"
	}
	s := d.Abs().Scaled(scale)
	if j := koers.Judge(kind, *d); j != "" {
		s += " " + string(j)
	}
	return s
}

func hasKind(t *koers.FinanceTable, k koers.LineKind) bool {
	for _, l := range t.Lines {
		if l.Kind == k {
			return true
		}
	}
	return false
}
