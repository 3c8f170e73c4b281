package koers

import (
	"cmp"
	"fmt"
	"slices"
)

// LedgerRow is one amount from a municipality's financial administration:
// what a programme spent or received on a taakveld in one (year, version)
// column. Amounts are as the kind says, spent or received: the canonical
// sign of FinanceLine.
type LedgerRow struct {
	Line         int // in its file, for problems
	Organisation string
	Document     string // the document's slug
	Programme    string // the programme page's number ("1C") or slug
	Taakveld     string
	Kind         LineKind
	Year         int
	Version      BudgetVersion
	Amount       Money
}

// The fields of a ledger row, for locating problems.
const (
	LedgerOrganisation = iota
	LedgerDocument
	LedgerProgramme
	LedgerTaakveld
	LedgerKind
	LedgerYear
	LedgerVersion
	LedgerAmount
)

// LedgerProblem is what is wrong with one field of one ledger row.
type LedgerProblem struct {
	Line    int
	Field   int // one of LedgerOrganisation ... LedgerAmount
	Message string
}

// ApplyLedger fills the finance tables of doc's programme pages from rows,
// all of which are for doc. Each programme named gets one finance table
// made from its rows: a column per (year, version), in year and version
// order; a line per (kind, taakveld), lasten before baten before the
// reserves, each side in taakveld order. A page that has a finance_table
// block has its first one's figures replaced, keeping its scale and
// heading; its explanations follow their lines, and its differences stay
// where both columns are still there. Given totals are dropped: the
// ledger's own lines make the totals. On any problem doc is left as it
// was.
func ApplyLedger(doc *Document, rows []LedgerRow) []LedgerProblem {
	var ps []LedgerProblem
	problem := func(r LedgerRow, field int, format string, args ...any) {
		ps = append(ps, LedgerProblem{Line: r.Line, Field: field, Message: fmt.Sprintf(format, args...)})
	}
	pages := map[string]*Page{}
	_ = doc.Walk(func(p *Page) error {
		if p.Kind == Programme || p.Kind == SubProgramme {
			if p.Number != "" {
				pages[p.Number] = p
			}
			if _, taken := pages[p.Slug]; !taken {
				pages[p.Slug] = p
			}
		}
		return nil
	})
	type cell struct {
		page     *Page
		kind     LineKind
		taakveld string
		year     int
		version  BudgetVersion
	}
	seen := map[cell]int{}
	byPage := map[*Page][]LedgerRow{}
	var order []*Page
	for _, r := range rows {
		p := pages[r.Programme]
		if p == nil {
			problem(r, LedgerProgramme, "programme %q is not a programme of %s (by its number or slug)", r.Programme, doc.Slug)
			continue
		}
		if err := ValidateTaakveld(r.Year, r.Taakveld); err != nil {
			problem(r, LedgerTaakveld, "%s", ErrorMessage(err))
			continue
		}
		c := cell{p, r.Kind, r.Taakveld, r.Year, r.Version}
		if first, ok := seen[c]; ok {
			problem(r, LedgerAmount, "%s of programme %s, taakveld %s, %s %d is already on line %d", r.Kind, r.Programme, r.Taakveld, r.Version, r.Year, first)
			continue
		}
		seen[c] = r.Line
		if byPage[p] == nil {
			order = append(order, p)
		}
		byPage[p] = append(byPage[p], r)
	}
	if len(ps) > 0 {
		return ps
	}
	for _, p := range order {
		table := ledgerTable(byPage[p])
		if i := slices.IndexFunc(p.Blocks, func(b Block) bool { return b.Type == FinanceTableBlock && b.Finance != nil }); i >= 0 {
			old := p.Blocks[i].Finance
			keep(old, table)
			p.Blocks[i].Finance = table
			continue
		}
		heading := "Wat mag het kosten?"
		if doc.Kind == Jaarstukken {
			heading = "Wat heeft het gekost?"
		}
		p.Blocks = append(p.Blocks, Block{Type: FinanceTableBlock, Heading: heading, Finance: table})
	}
	return nil
}

// versionOrder is the order of a year's columns: the budget as adopted,
// amended, realised, and an estimate.
func versionOrder(v BudgetVersion) int {
	return slices.Index([]BudgetVersion{PrimitiveBudget, AmendedBudget, Realisation, MultiYearEstimate}, v)
}

// ledgerTable makes a programme's finance table from its rows.
func ledgerTable(rows []LedgerRow) *FinanceTable {
	t := &FinanceTable{Scale: 1}
	type line struct {
		kind     LineKind
		taakveld string
	}
	var cols []FinanceColumn
	var lines []line
	for _, r := range rows {
		c := FinanceColumn{Year: r.Year, Version: r.Version}
		if !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
		if l := (line{r.Kind, r.Taakveld}); !slices.Contains(lines, l) {
			lines = append(lines, l)
		}
	}
	slices.SortFunc(cols, func(a, b FinanceColumn) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(versionOrder(a.Version), versionOrder(b.Version)))
	})
	slices.SortFunc(lines, func(a, b line) int {
		return cmp.Or(cmp.Compare(slices.Index(LineKinds, a.kind), slices.Index(LineKinds, b.kind)), CompareTaakveldCodes(a.taakveld, b.taakveld))
	})
	t.Columns = cols
	for _, l := range lines {
		t.Lines = append(t.Lines, FinanceLine{Kind: l.kind, Taakveld: l.taakveld, Amounts: make([]*Money, len(cols))})
	}
	for _, r := range rows {
		li := slices.Index(lines, line{r.Kind, r.Taakveld})
		ci := slices.Index(cols, FinanceColumn{Year: r.Year, Version: r.Version})
		a := r.Amount
		t.Lines[li].Amounts[ci] = &a
	}
	return t
}

// keep carries over from an old table what the ledger does not hold: its
// scale, its differences where both columns remain, and its explanations
// of lines that remain.
func keep(old, t *FinanceTable) {
	t.Scale = old.Scale
	for _, d := range old.Differences {
		from := slices.Index(t.Columns, columnKey(columnAt(old.Columns, d.From)))
		to := slices.Index(t.Columns, columnKey(columnAt(old.Columns, d.To)))
		if from >= 0 && to >= 0 {
			t.Differences = append(t.Differences, FinanceDifference{From: from, To: to, Label: d.Label})
		}
	}
	for _, e := range old.Explanations {
		if e.Line < 0 || e.Line >= len(old.Lines) {
			continue
		}
		ol := old.Lines[e.Line]
		i := slices.IndexFunc(t.Lines, func(l FinanceLine) bool { return l.Kind == ol.Kind && l.Taakveld == ol.Taakveld && ol.Taakveld != "" })
		if i >= 0 {
			e.Line = i
			t.Explanations = append(t.Explanations, e)
		}
	}
}

func columnKey(c FinanceColumn) FinanceColumn { return FinanceColumn{Year: c.Year, Version: c.Version} }

// columnAt is column i of cols, or one that matches none when i is out of range.
func columnAt(cols []FinanceColumn, i int) FinanceColumn {
	if i < 0 || i >= len(cols) {
		return FinanceColumn{Year: -1}
	}
	return cols[i]
}
