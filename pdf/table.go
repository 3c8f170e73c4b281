package pdf

import (
	"strings"

	"github.com/koers-nl/koers"
)

// table is a grid of text cells. Its header row repeats at the top of every
// PDF page it continues on, and a row moves whole to the next page when it
// does not fit.
type table struct {
	widths  []float64
	align   []string // "L" or "R" per column
	header  []string // nil for none
	rows    [][]string
	bold    []bool // per column, for row headers
	size    float64
	shade   bool // fill body cells
	padding float64
}

const cellLine = 4.3

func (w *writer) table(t table) {
	f := w.f
	f.SetFont(fontFamily, "", t.size)
	if t.header != nil {
		w.ensure(w.rowHeight(t, t.header, true) + w.rowHeight(t, t.rows[0], false))
		w.row(t, t.header, true)
	}
	for _, r := range t.rows {
		h := w.rowHeight(t, r, false)
		if f.GetY()+h > pageH-marginBottom {
			f.AddPage()
			if t.header != nil {
				w.row(t, t.header, true)
			}
		}
		w.row(t, r, false)
	}
	f.Ln(3)
}

// lines wraps a cell's text, keeping its own line breaks.
func (w *writer) lines(text string, width float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		out = append(out, w.f.SplitText(para, width)...)
	}
	return out
}

func (w *writer) setCellFont(t table, col int, header bool) {
	style := ""
	if header || (t.bold != nil && t.bold[col]) {
		style = "B"
	}
	w.f.SetFont(fontFamily, style, t.size)
}

func (w *writer) rowHeight(t table, cells []string, header bool) float64 {
	n := 1
	for i, c := range cells {
		w.setCellFont(t, i, header)
		if l := len(w.lines(c, t.widths[i]-2*t.padding)); l > n {
			n = l
		}
	}
	return float64(n)*cellLine + 2*t.padding
}

func (w *writer) row(t table, cells []string, header bool) {
	f := w.f
	h := w.rowHeight(t, cells, header)
	x, y := marginX, f.GetY()
	f.SetDrawColor(200, 200, 200)
	f.SetLineWidth(0.2)
	for i, c := range cells {
		switch {
		case header:
			f.SetFillColor(232, 238, 245)
			f.Rect(x, y, t.widths[i], h, "FD")
		case t.shade && c != "":
			f.SetFillColor(243, 245, 248)
			f.Rect(x, y, t.widths[i], h, "FD")
		case c != "" || !t.shade:
			f.Rect(x, y, t.widths[i], h, "D")
		}
		w.setCellFont(t, i, header)
		ly := y + t.padding
		for _, line := range w.lines(c, t.widths[i]-2*t.padding) {
			f.SetXY(x+t.padding, ly)
			f.CellFormat(t.widths[i]-2*t.padding, cellLine, line, "", 0, t.align[i], false, 0, "")
			ly += cellLine
		}
		x += t.widths[i]
	}
	f.SetXY(marginX, y+h)
}

// activities lays the activities out like the site: one column per SMART
// goal, read row by row.
func (w *writer) activities(p *koers.Page) {
	goals, grid := p.ActivityGrid()
	if len(goals) == 0 {
		return
	}
	t := table{size: sizeBody - 1, padding: 1.8, shade: true}
	for range goals {
		t.widths = append(t.widths, textW/float64(len(goals)))
		t.align = append(t.align, "L")
	}
	var notes []*koers.Footnote
	for _, row := range grid {
		cells := make([]string, len(row))
		for c, a := range row {
			if a != nil {
				cells[c] = a.Number + " " + a.Title
				if a.Footnote != nil {
					cells[c] += superscript(a.Footnote.Marker)
				}
			}
		}
		t.rows = append(t.rows, cells)
	}
	for _, a := range p.Activities {
		if a.Footnote != nil {
			notes = append(notes, a.Footnote)
		}
	}
	w.table(t)
	if len(notes) > 0 {
		w.footnotes(notes, false)
	}
}

func (w *writer) indicators(p *koers.Page, b koers.Block) {
	var list []*koers.Indicator
	for _, key := range b.Indicators {
		if in := p.Indicator(key); in != nil {
			list = append(list, in)
		}
	}
	cols := koers.Columns(list)
	if len(list) == 0 {
		return
	}
	first := textW - float64(len(cols))*15.5
	if first < 50 {
		first = 50
	}
	rest := (textW - first) / float64(max(len(cols), 1))
	t := table{size: sizeSmall, padding: 1.5, widths: []float64{first}, align: []string{"L"}, header: []string{"Omschrijving"}}
	for _, c := range cols {
		t.widths = append(t.widths, rest)
		t.align = append(t.align, "R")
		t.header = append(t.header, c.Label())
	}
	var notes []*koers.Footnote
	for _, in := range list {
		label := strings.TrimSpace(in.Number + " " + in.Name)
		if in.Footnote != nil {
			label += superscript(in.Footnote.Marker)
			notes = append(notes, in.Footnote)
		}
		row := []string{label}
		for _, c := range cols {
			cell := ""
			if v, ok := in.Value(c.Year, c.Kind); ok {
				cell = in.Display(v)
			}
			row = append(row, cell)
		}
		t.rows = append(t.rows, row)
	}
	w.table(t)
	if len(notes) > 0 {
		w.footnotes(notes, true)
	}
}

func (w *writer) deviations(p *koers.Page, b koers.Block) {
	ref := "SMART-doel"
	if b.Scope == koers.ScopeActivities {
		ref = "Activiteit"
	}
	t := table{size: sizeBody - 1, padding: 1.8, widths: []float64{textW * 0.38, textW * 0.62},
		align: []string{"L", "L"}, header: []string{ref, "Afwijkingen"}, bold: []bool{true, false}}
	for _, d := range b.Deviations {
		t.rows = append(t.rows, []string{p.RefLabel(b.Scope, d.Ref), strings.Join(d.Paragraphs, "\n")})
	}
	if len(t.rows) > 0 {
		w.table(t)
	}
}
