package pdf

import (
	"strings"

	"github.com/koers-nl/koers/present"
)

// statusColumn puts a "Status" column between a deviations table's goal or
// activity and its afwijkingen: the symbol with the label, so that the
// printed page, in colour or not, says the same.
func statusColumn(t *table, marks []*present.StatusMark) {
	t.widths = []float64{textW * 0.32, textW * 0.2, textW * 0.48}
	t.align = []string{"L", "L", "L"}
	t.bold = []bool{true, false, false}
	t.header = []cell{t.header[0], {text: "Status"}, t.header[1]}
	for i, r := range t.rows {
		status := ""
		if i < len(marks) && marks[i] != nil {
			status = marks[i].Text()
		}
		t.rows[i] = []cell{r[0], {text: status}, r[1]}
	}
}

// statusLegend writes the legend of the statuses a table used under it.
func (w *writer) statusLegend(used []present.StatusMark) {
	parts := make([]string, len(used))
	for i, m := range used {
		parts[i] = m.Text()
	}
	f := w.f
	w.font("", sizeSmall)
	w.ensure(lineSmall)
	f.SetTextColor(70, 70, 70)
	w.leaf("P", func() { f.MultiCell(textW, lineSmall, "Legenda: "+strings.Join(parts, "   "), "", "L", false) })
	f.SetTextColor(0, 0, 0)
	f.Ln(2)
}
