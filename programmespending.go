package koers

import "slices"

// ProgrammeSpending is one programme's total lasten in one year, as
// budgeted and as realised: what the chart "begroot tegenover
// gerealiseerd per programma" draws. It is computed from the finance
// tables, never stored.
type ProgrammeSpending struct {
	Number, Title string        // of the programme's page
	Budget        FinanceColumn // the budget column summed: amended if the table has one
	Budgeted      Money         // the lasten lines of Budget, summed
	Realised      Money         // the lasten lines of the year's realisation, summed
	Scale         int64         // the table's
}

// SpendingByProgramme sums, per page of doc (with its content) that holds a
// finance table, the lasten (kind lasten; toevoegingen aan reserves are not
// spending) of the realisation and of the budget of one year: the latest
// year for which some table has both. The budget is the amended one where a
// table has it (after all amendments, else the latest), else the adopted
// one. Pages whose table lacks either column for that year are left out;
// nil when none has both. A page with two finance tables counts its first.
func SpendingByProgramme(doc *Document) (year int, out []ProgrammeSpending) {
	type found struct {
		page  *Page
		table *FinanceTable
	}
	var tables []found
	_ = doc.Walk(func(p *Page) error {
		for _, b := range p.Blocks {
			if b.Type == FinanceTableBlock && b.Finance != nil {
				tables = append(tables, found{p, b.Finance})
				break
			}
		}
		return nil
	})
	for _, f := range tables {
		for _, c := range f.table.Columns {
			if c.Version == Realisation && c.Year > year && budgetColumn(f.table, c.Year) >= 0 {
				year = c.Year
			}
		}
	}
	if year == 0 {
		return 0, nil
	}
	for _, f := range tables {
		b := budgetColumn(f.table, year)
		r := slices.IndexFunc(f.table.Columns, func(c FinanceColumn) bool { return c.Year == year && c.Version == Realisation })
		if b < 0 || r < 0 {
			continue
		}
		s := ProgrammeSpending{Number: f.page.Number, Title: f.page.Title, Budget: f.table.Columns[b], Scale: max(f.table.Scale, 1)}
		for _, l := range f.table.Lines {
			if l.Kind != Expenses {
				continue
			}
			if m := AmountAt(l.Amounts, b); m != nil {
				s.Budgeted += *m
			}
			if m := AmountAt(l.Amounts, r); m != nil {
				s.Realised += *m
			}
		}
		out = append(out, s)
	}
	return year, out
}

// budgetColumn is the index in t of year's budget to hold against its
// realisation: amended after all amendments, else after the most, else the
// adopted budget; -1 when t has none of these.
func budgetColumn(t *FinanceTable, year int) int {
	best, rank := -1, 0
	for i, c := range t.Columns {
		if c.Year != year {
			continue
		}
		n := 0
		switch {
		case c.Version == AmendedBudget && c.Amendment == 0:
			n = 1 << 30
		case c.Version == AmendedBudget:
			n = 1 + c.Amendment
		case c.Version == PrimitiveBudget:
			n = 1
		default:
			continue
		}
		if n > rank {
			best, rank = i, n
		}
	}
	return best
}
