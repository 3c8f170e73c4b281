package pdf

import (
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// printed sets an indicator table with a printed layout as the site shows
// it: the municipality's columns, a group's label over the first of its
// columns, every
// value whole on its line (the type gets smaller, then the columns split
// over tables, as fitColumns does), then the footnotes, the notes per
// row, the legend and the definition cards.
func (w *writer) printed(p *koers.Page, b koers.Block) {
	var list []*koers.Indicator
	for _, key := range b.Indicators {
		if in := p.Indicator(key); in != nil {
			list = append(list, in)
		}
	}
	if len(list) == 0 {
		return
	}
	pt := present.Printed("", b.Printed, list)
	t := table{size: sizeSmall, padding: 1.5, align: []string{"L"}, nowrap: []bool{false}, header: []cell{{text: pt.RowHeader}}, rowHeads: true}
	// A group's label heads its first column only, on a line of its own
	// above the column's label, as the site's second header row does.
	heads := append([]string(nil), pt.Columns...)
	for _, g := range pt.Groups {
		if g.Label != "" {
			heads[g.Column] = g.Label + "\n" + heads[g.Column]
		}
	}
	for _, h := range heads {
		t.align = append(t.align, "R")
		t.nowrap = append(t.nowrap, true)
		t.header = append(t.header, cell{text: h})
	}
	var notes []*koers.Footnote
	for _, r := range pt.Rows {
		if r.Footnote != nil {
			notes = append(notes, r.Footnote)
		}
	}
	to := noteTargets(notes)
	for _, r := range pt.Rows {
		label := cell{text: r.Label}
		if r.Unit != "" {
			label.text += " (" + r.Unit + ")"
		}
		var marks []string
		if r.Footnote != nil {
			marks = append(marks, r.Footnote.Marker)
			label.note = to[r.Footnote]
		}
		if r.Note != "" {
			marks = append(marks, r.Note)
		}
		label.marker = strings.Join(marks, ",")
		row := []cell{label}
		for _, c := range r.Cells {
			row = append(row, cell{text: c})
		}
		t.rows = append(t.rows, row)
	}
	for _, part := range w.fitColumns(t) {
		w.table(part)
	}
	if len(notes) > 0 {
		w.footnotes(notes, true, to)
	}
	if len(pt.Notes) > 0 {
		w.heading("Toelichting per regel", 2, sizeBody, 4.5)
		for _, n := range pt.Notes {
			w.paragraph(n.Marker + " " + n.Label + ": " + n.Text)
		}
	}
	if len(pt.Legend) > 0 {
		w.heading("Legenda", 2, sizeBody, 4.5)
		for _, l := range pt.Legend {
			w.paragraph(l.Sign + ": " + l.Text)
		}
	}
	for _, c := range pt.Cards {
		lines := []string{"Indicator: " + c.Name}
		if c.Definition != "" {
			lines = append(lines, "Toelichting: "+c.Definition)
		}
		if c.Source != "" {
			lines = append(lines, "Bron: "+c.Source)
		}
		w.paragraph(strings.Join(lines, "\n"))
	}
	w.indicatorCharts(list)
}
