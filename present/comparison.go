package present

import (
	"github.com/koers-nl/koers"
)

// ComparisonTable is a comparison table laid out: the reference date
// above it, a heading per column, the cells in Dutch notation and the
// legend of the notations it uses below it.
type ComparisonTable struct {
	Caption   string
	Reference string   // "Peildatum: 1 mei 2023"; empty without one
	Columns   []string // after the indicator's: Eenheid, Periode, the areas, Bron, Streven
	Rows      []ComparisonRow
	Legend    []ComparisonNote
	// HasTarget is whether any row has a target: the column is left out
	// otherwise, as municipalities print it.
	HasTarget bool
}

// ComparisonRow is a row: the indicator's name and its cells, in column
// order.
type ComparisonRow struct {
	Name  string
	Cells []ComparisonCell
}

// ComparisonCell is one cell. Figure cells are right-aligned; a notation
// carries its meaning for a title and for screen readers.
type ComparisonCell struct {
	Text    string
	Figure  bool
	Meaning string // the notation's meaning; empty for a number or text
}

// ComparisonNote explains one notation in the legend.
type ComparisonNote struct {
	Notation string
	Meaning  string
}

// Comparison lays out t; municipality names the municipality's column
// when the table does not.
func Comparison(t *koers.ComparisonTable, municipality string) *ComparisonTable {
	if t == nil {
		return nil
	}
	if t.Municipality != "" {
		municipality = t.Municipality
	}
	if municipality == "" {
		municipality = "Gemeente"
	}
	out := &ComparisonTable{Caption: "Vergelijking met andere gebieden"}
	if t.Reference != "" {
		out.Reference = "Peildatum: " + koers.ReferenceLabel(t.Reference)
	}
	for _, r := range t.Rows {
		if r.Target != "" {
			out.HasTarget = true
		}
	}
	out.Columns = append(out.Columns, "Eenheid", "Periode", municipality)
	for _, a := range t.Areas {
		out.Columns = append(out.Columns, a.Name)
	}
	out.Columns = append(out.Columns, "Bron")
	if out.HasTarget {
		out.Columns = append(out.Columns, "Streven")
	}
	for _, r := range t.Rows {
		row := ComparisonRow{Name: r.Name}
		row.Cells = append(row.Cells, ComparisonCell{Text: r.Unit}, ComparisonCell{Text: koers.ComparisonPeriodLabel(r.Period)}, figureCell(r.Value))
		for i := range t.Areas {
			var f koers.Figure
			if i < len(r.Areas) {
				f = r.Areas[i]
			}
			row.Cells = append(row.Cells, figureCell(f))
		}
		row.Cells = append(row.Cells, ComparisonCell{Text: r.Source})
		if out.HasTarget {
			row.Cells = append(row.Cells, ComparisonCell{Text: r.Target})
		}
		out.Rows = append(out.Rows, row)
	}
	for _, n := range t.UsedNotations() {
		out.Legend = append(out.Legend, ComparisonNote{Notation: string(n), Meaning: n.Meaning()})
	}
	return out
}

func figureCell(f koers.Figure) ComparisonCell {
	return ComparisonCell{Text: f.String(), Figure: true, Meaning: f.Notation.Meaning()}
}
