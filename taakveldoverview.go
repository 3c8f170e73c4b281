package koers

import (
	"cmp"
	"slices"
)

// TaakveldOverview is a document's "Overzicht baten en lasten per
// taakveld": the lines of all its programmes' finance tables summed per
// Iv3 taakveld, per column. It is computed from the same figures the
// programmes show, never stored.
//
// Columns are matched by year, version and amendment number: only amounts
// of columns that agree on all three are added up; a column's own label is
// not compared (one programme may print "Rekening 2022", another
// "Realisatie 2022"). A column that some tables lack is summed over the
// tables that have it and marked Partial, so that a reader is told.
//
// Toevoegingen aan reserves count as lasten and onttrekkingen as baten, as
// the Iv3 return books them (taakveld 0.10 Mutaties reserves).
type TaakveldOverview struct {
	// Scale is the smallest scale of the tables: every amount stays exact,
	// and no table is shown coarser than it was printed.
	Scale   int64
	Columns []FinanceColumn // by year, then version (overviewOrder), then amendment; without labels
	Partial []bool          // per column: not every finance table has it
	Rows    []TaakveldSum   // by taakveld code (CompareTaakveldCodes)
	// Unassigned sums the lines that name no taakveld (a programme or a
	// line of its own); nil when every line names one.
	Unassigned *TaakveldSum
	Tables     int // the number of finance tables summed
}

// TaakveldSum is the lasten and baten of one taakveld per column; nil is
// nothing in that column.
type TaakveldSum struct {
	Taakveld string // empty for Unassigned
	Expenses []*Money
	Income   []*Money
}

// Balance is baten minus lasten per column; nil where both are nil.
func (s *TaakveldSum) Balance() []*Money {
	out := make([]*Money, len(s.Expenses))
	for i := range out {
		out[i] = addMoney(addMoney(nil, AmountAt(s.Income, i), 1), AmountAt(s.Expenses, i), -1)
	}
	return out
}

// Total sums every row, the unassigned one included: what the finance
// tables of the document add up to.
func (o *TaakveldOverview) Total() TaakveldSum {
	n := len(o.Columns)
	t := TaakveldSum{Expenses: make([]*Money, n), Income: make([]*Money, n)}
	rows := o.Rows
	if o.Unassigned != nil {
		rows = append(slices.Clone(rows), *o.Unassigned)
	}
	for _, r := range rows {
		for c := range n {
			t.Expenses[c] = addMoney(t.Expenses[c], r.Expenses[c], 1)
			t.Income[c] = addMoney(t.Income[c], r.Income[c], 1)
		}
	}
	return t
}

// overviewColumn is what makes two tables' columns the same column.
type overviewColumn struct {
	year      int
	version   BudgetVersion
	amendment int
}

// overviewOrder is the order of a year's columns: as adopted, as amended,
// as realised, as the jaarstukken print them.
var overviewOrder = []BudgetVersion{PrimitiveBudget, AmendedBudget, Realisation, MultiYearEstimate}

// OverviewByTaakveld sums the finance tables of doc (with its content)
// per taakveld; nil when it has none.
func OverviewByTaakveld(doc *Document) *TaakveldOverview {
	var tables []*FinanceTable
	_ = doc.Walk(func(p *Page) error {
		for _, b := range p.Blocks {
			if b.Type == FinanceTableBlock && b.Finance != nil {
				tables = append(tables, b.Finance)
			}
		}
		return nil
	})
	if len(tables) == 0 {
		return nil
	}
	o := &TaakveldOverview{Scale: tables[0].Scale, Tables: len(tables)}
	count := map[overviewColumn]int{}
	for _, t := range tables {
		o.Scale = min(o.Scale, t.Scale)
		seen := map[overviewColumn]bool{}
		for _, c := range t.Columns {
			k := overviewColumn{c.Year, c.Version, c.Amendment}
			if seen[k] {
				continue // a table holds a column twice only by mistake; count it once
			}
			seen[k] = true
			if count[k] == 0 {
				o.Columns = append(o.Columns, FinanceColumn{Year: c.Year, Version: c.Version, Amendment: c.Amendment})
			}
			count[k]++
		}
	}
	o.Scale = max(o.Scale, 1) // a table that passed ValidateDocument has 1 or more
	slices.SortFunc(o.Columns, func(a, b FinanceColumn) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year),
			cmp.Compare(slices.Index(overviewOrder, a.Version), slices.Index(overviewOrder, b.Version)),
			cmp.Compare(a.Amendment, b.Amendment))
	})
	index := map[overviewColumn]int{}
	for i, c := range o.Columns {
		k := overviewColumn{c.Year, c.Version, c.Amendment}
		index[k] = i
		o.Partial = append(o.Partial, count[k] < len(tables))
	}
	n := len(o.Columns)
	rows := map[string]*TaakveldSum{}
	row := func(code string) *TaakveldSum {
		if code == "" {
			if o.Unassigned == nil {
				o.Unassigned = &TaakveldSum{Expenses: make([]*Money, n), Income: make([]*Money, n)}
			}
			return o.Unassigned
		}
		r := rows[code]
		if r == nil {
			r = &TaakveldSum{Taakveld: code, Expenses: make([]*Money, n), Income: make([]*Money, n)}
			rows[code] = r
		}
		return r
	}
	for _, t := range tables {
		for _, l := range t.Lines {
			r := row(l.Taakveld)
			side := &r.Income
			if l.Kind.Costs() {
				side = &r.Expenses
			}
			seen := map[int]bool{}
			for i, c := range t.Columns {
				j := index[overviewColumn{c.Year, c.Version, c.Amendment}]
				if seen[j] {
					continue
				}
				seen[j] = true
				(*side)[j] = addMoney((*side)[j], AmountAt(l.Amounts, i), 1)
			}
		}
	}
	for _, r := range rows {
		o.Rows = append(o.Rows, *r)
	}
	slices.SortFunc(o.Rows, func(a, b TaakveldSum) int { return CompareTaakveldCodes(a.Taakveld, b.Taakveld) })
	return o
}
