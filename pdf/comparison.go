package pdf

import (
	"strings"

	"github.com/koers-nl/koers/present"
)

// comparison sets a comparison table: the reference date above it, the
// cells as the site shows them, and the legend of its notations below.
func (w *writer) comparison(ct *present.ComparisonTable) {
	if ct.Reference != "" {
		w.paragraph(ct.Reference)
	}
	t := table{size: sizeSmall, padding: 1.5, align: []string{"L"}, nowrap: []bool{false},
		header: []cell{{text: "Indicator"}}, rowHeads: true}
	figure := make([]bool, len(ct.Columns))
	if len(ct.Rows) > 0 {
		for i, c := range ct.Rows[0].Cells {
			figure[i] = c.Figure
		}
	}
	for i, c := range ct.Columns {
		align := "L"
		if figure[i] {
			align = "R"
		}
		t.align = append(t.align, align)
		t.nowrap = append(t.nowrap, figure[i])
		t.header = append(t.header, cell{text: c})
	}
	for _, r := range ct.Rows {
		row := []cell{{text: r.Name}}
		for i := range ct.Columns {
			var c cell
			if i < len(r.Cells) {
				c.text = r.Cells[i].Text
			}
			row = append(row, c)
		}
		t.rows = append(t.rows, row)
	}
	for _, part := range w.fitColumns(t) {
		w.table(part)
	}
	if len(ct.Legend) > 0 {
		var notes []string
		for _, n := range ct.Legend {
			notes = append(notes, n.Notation+" = "+n.Meaning)
		}
		w.paragraph(strings.Join(notes, "; "))
	}
}

// municipality is the name of the section's organisation without
// "Gemeente ", for the municipality's column of a comparison table.
func (w *writer) municipality() string {
	if w.current == nil {
		return ""
	}
	return strings.TrimPrefix(w.current.Organisation, "Gemeente ")
}
