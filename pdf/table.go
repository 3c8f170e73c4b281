package pdf

import (
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// table is a grid of text cells. Its header row repeats at the top of every
// PDF page it continues on, and a row moves whole to the next page when it
// does not fit.
type table struct {
	widths  []float64
	align   []string // "L" or "R" per column
	nowrap  []bool   // per column: one line, never broken (numbers); nil for none
	header  []cell   // nil for none
	rows    [][]cell
	bold    []bool // per column, for row headers
	size    float64
	shade   bool    // fill body cells
	padding float64 // above and below the text
	inset   float64 // left and right of the text, besides fpdf's cell margin
	// rowHeads: the first cell of each row is the row's header (TH with
	// Row scope), as the site's th scope="row".
	rowHeads bool
}

// cell is the text of a table cell and the footnote marker after it, with
// the place of the note the marker links to (nil for none).
type cell struct {
	text   string
	marker string
	note   *place
}

const cellLine = 4.3

// table writes t as a Table of the structure tree: its header row in a
// THead, the others in a TBody. The header row repeated on a next page is
// an artifact: it is in the tree once.
func (w *writer) table(t table) {
	f := w.f
	w.font("", t.size)
	w.push("Table")
	defer w.pop()
	if t.header != nil {
		w.ensure(w.rowHeight(t, t.header, true) + w.rowHeight(t, t.rows[0], false))
		w.push("THead")
		w.row(t, t.header, true)
		w.pop()
	}
	w.push("TBody")
	defer w.pop()
	for _, r := range t.rows {
		h := w.rowHeight(t, r, false)
		if f.GetY()+h > pageH-marginBottom {
			f.AddPage()
			if t.header != nil {
				w.artifact(repeatArtifact, func() { w.row(t, t.header, true) })
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
	w.font(style, t.size)
}

// cellLines is a cell's text as it is set: wrapped to the column, or on
// one line in a column that never wraps; the last line leaves room for the
// marker. It leaves the font set for the cell.
func (w *writer) cellLines(t table, col int, c cell, header bool) []string {
	markW := w.markerWidth(c.marker, t.size)
	w.setCellFont(t, col, header)
	if !header && t.nowrap != nil && t.nowrap[col] {
		return []string{c.text}
	}
	inner := t.widths[col] - 2*t.inset
	lines := w.lines(c.text, inner)
	if len(lines) == 0 {
		return []string{""}
	}
	last := lines[len(lines)-1]
	if markW > 0 && w.f.GetStringWidth(last)+markW > inner-2*w.f.GetCellMargin() {
		lines = append(lines[:len(lines)-1], w.f.SplitText(last, inner-markW)...)
	}
	return lines
}

// fitSize is the font size at which text fits width on one line: the
// table's, or smaller for a value too wide for any column, so that a number
// is never broken.
func (w *writer) fitSize(t table, text string, width float64) float64 {
	// The width at each size as fpdf's GetStringWidth computes it, without
	// writing a font change into the page for each size tried.
	sym, k := float64(w.f.GetStringSymbolWidth(text)), w.f.GetConversionRatio()
	size := t.size
	for size > 1 && sym*(size/k)/1000 > width {
		size -= 0.25
	}
	if size != t.size {
		w.f.SetFontSize(size)
	}
	return size
}

func (w *writer) rowHeight(t table, cells []cell, header bool) float64 {
	n := 1
	for i, c := range cells {
		if l := len(w.cellLines(t, i, c, header)); l > n {
			n = l
		}
	}
	return float64(n)*cellLine + 2*t.padding
}

// row draws a table row: the rules and fills as an artifact, then each
// cell's text as a TH or TD of a TR. Inside an artifact (a repeated header
// row) it adds nothing to the tree.
func (w *writer) row(t table, cells []cell, header bool) {
	f := w.f
	tagged := !w.tag.art
	h := w.rowHeight(t, cells, header)
	x, y := marginX, f.GetY()
	cm := f.GetCellMargin()
	w.artifact(layoutArtifact, func() {
		f.SetDrawColor(200, 200, 200)
		f.SetLineWidth(0.2)
		for i, c := range cells {
			filled := c.text != "" || c.marker != ""
			switch {
			case header:
				f.SetFillColor(232, 238, 245)
				f.Rect(x, y, t.widths[i], h, "FD")
			case t.shade && filled:
				f.SetFillColor(243, 245, 248)
				f.Rect(x, y, t.widths[i], h, "FD")
			case filled || !t.shade:
				f.Rect(x, y, t.widths[i], h, "D")
			}
			x += t.widths[i]
		}
	})
	if tagged {
		w.push("TR")
		defer w.pop()
	}
	x = marginX
	for i, c := range cells {
		markW := w.markerWidth(c.marker, t.size)
		lines := w.cellLines(t, i, c, header)
		inner := t.widths[i] - 2*t.inset
		size := t.size
		if len(lines) == 1 && !header && t.nowrap != nil && t.nowrap[i] {
			size = w.fitSize(t, lines[0], inner-2*cm-markW)
		}
		text := func() {
			ly := y + t.padding
			for j, line := range lines {
				lineW := inner
				if j == len(lines)-1 {
					lineW -= markW // right-aligned text ends before the marker
				}
				f.SetXY(x+t.inset, ly)
				f.CellFormat(lineW, cellLine, line, "", 0, t.align[i], false, 0, "")
				ly += cellLine
			}
		}
		// The marker after the last line, raised.
		lastW := inner - markW
		lastY := y + t.padding + float64(len(lines)-1)*cellLine
		end := x + t.inset + cm + f.GetStringWidth(lines[len(lines)-1])
		if t.align[i] == "R" {
			end = x + t.inset + lastW - cm
		}
		marker := func() {
			w.superscript(end, baseline(lastY, cellLine, size), size, c.marker)
			w.setCellFont(t, i, header)
		}
		switch {
		case !tagged:
			text()
			if c.marker != "" {
				marker()
			}
		default:
			w.cell(t, i, header, c, text, marker, end, lastY)
		}
		x += t.widths[i]
	}
	f.SetXY(marginX, y+h)
}

// cell puts a cell's text in a TH or TD, and its marker in it too: as a
// Link to its note where it has one.
func (w *writer) cell(t table, col int, header bool, c cell, text, marker func(), end, lastY float64) {
	role, attrs := "TD", ""
	switch {
	case header:
		role, attrs = "TH", thAttrs("Column")
	case t.rowHeads && col == 0:
		role, attrs = "TH", thAttrs("Row")
	}
	e := w.push(role)
	e.attrs = attrs
	defer w.pop()
	if c.text != "" || (c.marker != "" && c.note == nil) {
		w.mark(func() {
			text()
			if c.marker != "" && c.note == nil {
				marker()
			}
		})
	}
	if c.marker == "" || c.note == nil {
		return
	}
	w.push("Link")
	w.mark(marker)
	mw := w.markerWidth(c.marker, t.size)
	w.setCellFont(t, col, header)
	w.link(end-0.3, lastY, mw+0.6, cellLine, c.note, "Naar voetnoot "+c.marker)
	w.pop()
}

// activities lays the activities out like the site: one column per SMART
// goal, read row by row.
func (w *writer) activities(p *koers.Page) {
	goals, grid := p.ActivityGrid()
	if len(goals) == 0 {
		return
	}
	// The site heads each column with its goal for screen readers only;
	// on paper the header says it to everyone.
	t := table{size: sizeBody - 1, padding: 1.8, inset: 1.8, shade: true}
	for _, g := range goals {
		t.widths = append(t.widths, textW/float64(len(goals)))
		t.align = append(t.align, "L")
		t.header = append(t.header, cell{text: "SMART-doel " + g})
	}
	var notes []*koers.Footnote
	for _, a := range p.Activities {
		if a.Footnote != nil {
			notes = append(notes, a.Footnote)
		}
	}
	to := noteTargets(notes)
	for _, row := range grid {
		cells := make([]cell, len(row))
		for c, a := range row {
			if a != nil {
				cells[c].text = a.Number + " " + a.Title
				if a.Footnote != nil {
					cells[c].marker, cells[c].note = a.Footnote.Marker, to[a.Footnote]
				}
			}
		}
		t.rows = append(t.rows, cells)
	}
	w.table(t)
	if len(notes) > 0 {
		w.footnotes(notes, false, to)
	}
}

// indicatorLayouts are the ways an indicator table is tried, the usual
// first, until its values fit whole: type size, the space left and right of
// a cell's text, and the narrowest description column. The usual layout
// keeps value columns at least 15.5 mm wide, as the site's table looks.
var indicatorLayouts = []struct {
	size, inset, label, value float64
}{
	{sizeSmall, 1.5, 50, 15.5},
	{8, 0.6, 40, 0},
	{7.5, 0.3, 38, 0},
	{7, 0.3, 36, 0},
	{6.5, 0.2, 34, 0},
	{6, 0.2, 32, 0},
}

func (w *writer) indicators(p *koers.Page, b koers.Block) {
	if b.Printed != nil {
		w.printed(p, b)
		return
	}
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
	t := table{size: sizeSmall, padding: 1.5, align: []string{"L"}, nowrap: []bool{false}, header: []cell{{text: "Omschrijving"}}, rowHeads: true}
	for _, c := range cols {
		t.align = append(t.align, "R")
		t.nowrap = append(t.nowrap, true)
		t.header = append(t.header, cell{text: c.Label()})
	}
	var notes []*koers.Footnote
	for _, in := range list {
		if in.Footnote != nil {
			notes = append(notes, in.Footnote)
		}
	}
	to := noteTargets(notes)
	for _, in := range list {
		label := cell{text: strings.TrimSpace(in.Number + " " + in.Name)}
		if in.Footnote != nil {
			label.marker, label.note = in.Footnote.Marker, to[in.Footnote]
		}
		row := []cell{label}
		for _, c := range cols {
			var v cell
			if value, ok := in.Value(c.Year, c.Kind); ok {
				v.text = in.Display(value)
			}
			row = append(row, v)
		}
		t.rows = append(t.rows, row)
	}
	for _, part := range w.fitColumns(t) {
		w.table(part)
	}
	if len(notes) > 0 {
		w.footnotes(notes, true, to)
	}
	w.indicatorCharts(list)
}

// fitColumns sizes an indicator table so that every value is set whole on
// one line: each value column as wide as its widest value and the words of
// its header, the description taking the rest. Where that does not fit the
// page in the usual layout, the type and the space around it get smaller;
// where it does not fit in the smallest either, the years are split over as
// few tables as fit (in the largest layout that does), each repeating the
// description.
func (w *writer) fitColumns(t table) []table {
	n := len(t.header) - 1
	for _, l := range indicatorLayouts {
		t.size, t.inset = l.size, l.inset
		need := w.valueWidths(t)
		widest, total := 0.0, 0.0
		for _, v := range need {
			widest, total = max(widest, v, l.value), total+v
		}
		switch {
		case textW-float64(n)*widest >= l.label:
			// Columns of one width look calm.
			t.widths = []float64{textW - float64(n)*widest}
			for range n {
				t.widths = append(t.widths, widest)
			}
			return []table{t}
		case textW-total >= l.label:
			t.widths = append([]float64{textW - total}, need...)
			return []table{t}
		}
	}
	for parts := 2; ; parts++ {
		per := (n + parts - 1) / parts
		for i, l := range indicatorLayouts {
			t.size, t.inset = l.size, l.inset
			need := w.valueWidths(t)
			var out []table
			fits := true
			for from := 0; from < n; from += per {
				to := min(from+per, n)
				total := 0.0
				for _, v := range need[from:to] {
					total += v
				}
				fits = fits && textW-total >= l.label
				part := t.columns(from, to)
				part.widths = append([]float64{max(textW-total, l.label)}, need[from:to]...)
				if to-from == 1 {
					// A value too wide even alone is set smaller by row.
					part.widths[1] = textW - part.widths[0]
				}
				out = append(out, part)
			}
			if fits || (per == 1 && i == len(indicatorLayouts)-1) {
				return out
			}
		}
	}
}

// valueWidths is the width each value column of t needs at t's size.
func (w *writer) valueWidths(t table) []float64 {
	f := w.f
	pad := 2*(t.inset+f.GetCellMargin()) + 0.3 // and some slack for rounding
	need := make([]float64, len(t.header)-1)
	for i := range need {
		col := i + 1
		w.setCellFont(t, col, true)
		for _, word := range strings.Fields(t.header[col].text) {
			need[i] = max(need[i], f.GetStringWidth(word))
		}
		w.setCellFont(t, col, false)
		for _, r := range t.rows {
			need[i] = max(need[i], f.GetStringWidth(r[col].text)+w.markerWidth(r[col].marker, t.size))
			w.setCellFont(t, col, false)
		}
		need[i] += pad
	}
	return need
}

// columns is t with the description and value columns from to to (0-based
// among the values).
func (t table) columns(from, to int) table {
	pick := func(cells []cell) []cell { return append([]cell{cells[0]}, cells[1+from:1+to]...) }
	part := t
	part.align = append([]string{t.align[0]}, t.align[1+from:1+to]...)
	part.nowrap = append([]bool{t.nowrap[0]}, t.nowrap[1+from:1+to]...)
	part.header = pick(t.header)
	part.rows = nil
	for _, r := range t.rows {
		part.rows = append(part.rows, pick(r))
	}
	return part
}

func (w *writer) deviations(p *koers.Page, b koers.Block) {
	ref := "SMART-doel"
	if b.Scope == koers.ScopeActivities {
		ref = "Activiteit"
	}
	t := table{size: sizeBody - 1, padding: 1.8, inset: 1.8, widths: []float64{textW * 0.38, textW * 0.62},
		align: []string{"L", "L"}, header: []cell{{text: ref}, {text: "Afwijkingen"}}, bold: []bool{true, false}, rowHeads: true}
	for _, d := range b.Deviations {
		t.rows = append(t.rows, []cell{{text: p.RefLabel(b.Scope, d.Ref)}, {text: strings.Join(d.Paragraphs, "\n")}})
	}
	legend := koers.DefaultStatusLegend
	if w.current != nil && len(w.current.StatusLegend) > 0 {
		legend = w.current.StatusLegend
	}
	marks, used := present.DeviationStatuses(legend, b)
	if marks != nil {
		statusColumn(&t, marks)
	}
	if len(t.rows) > 0 {
		w.table(t)
	}
	if used != nil {
		w.statusLegend(used)
	}
}

// finance sets a finance table as the site shows it: every amount whole on
// one line, the columns split over tables where they do not fit, then the
// explanations.
func (w *writer) finance(ft *present.FinanceTable) {
	t := table{size: sizeSmall, padding: 1.5, align: []string{"L"}, nowrap: []bool{false},
		header: []cell{{text: "Omschrijving (" + ft.Scale + ")"}}, rowHeads: true}
	for _, c := range ft.Columns {
		t.align = append(t.align, "R")
		t.nowrap = append(t.nowrap, true)
		t.header = append(t.header, cell{text: c})
	}
	for _, r := range ft.Rows {
		row := []cell{{text: r.Label}}
		for i := range ft.Columns {
			var c cell
			if i < len(r.Cells) {
				c.text = r.Cells[i]
			}
			row = append(row, c)
		}
		t.rows = append(t.rows, row)
	}
	for _, part := range w.fitColumns(t) {
		w.table(part)
	}
	if len(ft.Explanations) > 0 {
		w.heading("Toelichting op de verschillen", 2, sizeSub, 5.5)
	}
	for _, e := range ft.Explanations {
		head := e.Heading
		if e.Amount != "" {
			head += ": " + e.Amount
		}
		if e.Character != "" {
			head += " (" + e.Character + ")"
		}
		w.heading(head, 3, sizeBody, 4.5)
		for _, para := range e.Paragraphs {
			w.paragraph(para)
		}
	}
}
