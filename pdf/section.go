package pdf

import (
	"fmt"
	"strconv"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// Type sizes in points and the line height they get, in millimetres.
const (
	sizeTitle   = 18.0
	sizeHeading = 13.5
	sizeSub     = 11.0
	sizeBody    = 10.0
	sizeSmall   = 8.5
	lineBody    = 5.0
	lineSmall   = 4.2
)

// section writes one koers page: its title (a bookmark and a link target
// for the table of contents), then its blocks in order, as a Sect of the
// structure tree.
func (w *writer) section(s *Section) {
	f := w.f
	prev := w.current
	w.current = s
	// A section starts a new PDF page unless the page so far holds only the
	// titles of the pages that group it.
	if f.PageCount() == 0 || !w.fresh || (prev != nil && prev.Document != s.Document) || w.noHead[f.PageNo()] {
		f.AddPage()
	}
	w.ensure(20)
	level := s.Level
	if level > len(w.entries) { // outline levels may deepen one step at a time
		level = len(w.entries)
	}
	f.Bookmark(s.Page.Title, level, f.GetY())
	w.entries = append(w.entries, tocEntry{title: s.Page.Title, level: s.Level, to: w.here()})

	// Headings deepen one level at a time, whatever the section's depth.
	w.sectionLevel = min(s.Level, w.sectionLevel+1)
	w.tag.cur = w.tag.root
	w.push("Sect")
	defer w.pop()
	size := sizeTitle
	if !s.Page.HasContent() && s.Level > 0 {
		size = sizeHeading + 1
	}
	w.heading(s.Page.Title, 0, size, 8)
	w.fresh = !s.Page.HasContent()
	for _, b := range s.Page.Blocks {
		w.block(s.Page, b)
	}
	if o := s.Overview; o != nil {
		w.finance(o.Table)
		for _, n := range o.Notes {
			w.paragraph(n)
		}
		w.overviewCharts(o)
	}
}

// ensure starts a new page unless h millimetres still fit on this one.
func (w *writer) ensure(h float64) {
	if w.f.GetY()+h > pageH-marginBottom {
		w.f.AddPage()
	}
}

// heading writes a heading rank levels below its section's title (0 for
// the title itself). Its level in the structure tree is never more than
// one below the heading before it.
func (w *writer) heading(text string, rank int, size, lineH float64) {
	f := w.f
	w.ensure(lineH*2 + 8) // keep a heading with what follows
	level := min(1+w.sectionLevel+rank, w.lastHeading+1, 6)
	w.lastHeading = level
	w.font("B", size)
	f.SetTextColor(15, 61, 104)
	w.leaf(headingRole(level), func() { f.MultiCell(textW, lineH, text, "", "L", false) })
	f.SetTextColor(0, 0, 0)
	f.Ln(1.5)
}

func (w *writer) paragraph(text string) {
	f := w.f
	w.font("", sizeBody)
	w.leaf("P", func() { f.MultiCell(textW, lineBody, text, "", "L", false) })
	f.Ln(2)
}

// item writes a list item (LI) with a hanging label ("1.", "•"), inside
// a list (L) the caller opened.
func (w *writer) item(label, text string, bold bool) {
	f := w.f
	style := ""
	if bold {
		style = "B"
	}
	w.font(style, sizeBody)
	const labelW = 8.0
	w.ensure(lineBody)
	y := f.GetY()
	f.SetX(marginX)
	w.push("LI")
	w.leaf("Lbl", func() { f.CellFormat(labelW, lineBody, label, "", 0, "L", false, 0, "") })
	f.SetXY(marginX+labelW, y)
	w.leaf("LBody", func() { f.MultiCell(textW-labelW, lineBody, text, "", "L", false) })
	w.pop()
	f.Ln(1)
}

func (w *writer) block(p *koers.Page, b koers.Block) {
	f := w.f
	if b.Heading != "" {
		w.heading(b.Heading, 1, sizeHeading, 6.5)
	}
	switch b.Type {
	case koers.TextBlock:
		for _, el := range b.Content {
			if el.Type == koers.Paragraph {
				w.paragraph(el.Text)
				continue
			}
			if el.Type == koers.SubHeading {
				w.heading(el.Text, 2, sizeSub, 5.5)
				continue
			}
			w.push("L")
			for i, it := range el.Items {
				label := "•"
				if el.Ordered {
					label = fmt.Sprintf("%d.", i+1)
				}
				w.item(label, it, false)
			}
			w.pop()
			f.Ln(1.5)
		}
	case koers.GoalBlock:
		w.font("B", sizeBody+1)
		w.ensure(lineBody * 2)
		y := f.GetY()
		f.SetX(marginX + 4)
		w.leaf("P", func() { f.MultiCell(textW-4, lineBody+0.5, b.Text, "", "L", false) })
		if f.GetY() > y {
			w.artifact(layoutArtifact, func() {
				f.SetDrawColor(26, 90, 150)
				f.SetLineWidth(1)
				f.Line(marginX+1, y, marginX+1, f.GetY())
			})
		}
		f.Ln(3)
	case koers.SmartGoalsBlock:
		w.push("L")
		for _, g := range p.SmartGoals {
			if g.Ordinal() == "" {
				// A free number ("I.a") is longer than the hanging label:
				// the item is its body alone.
				w.font("", sizeBody)
				w.push("LI")
				w.leaf("LBody", func() { f.MultiCell(textW, lineBody, g.Number+" "+g.Title, "", "L", false) })
				w.pop()
				f.Ln(2)
				continue
			}
			w.item(g.Number+".", g.Title, false)
		}
		w.pop()
		f.Ln(2)
	case koers.ActivitiesBlock:
		w.activities(p)
	case koers.GoalExplanationsBlock, koers.ActivityExplanationsBlock:
		for _, e := range b.Explanations {
			w.heading(p.ExplanationHeading(b.Type, e), 2, sizeSub, 5.5)
			for _, para := range e.Paragraphs {
				w.paragraph(para)
			}
		}
	case koers.IndicatorTableBlock:
		w.indicators(p, b)
	case koers.DeviationsBlock:
		w.deviations(p, b)
	case koers.FinanceTableBlock:
		if b.Finance != nil {
			year, signs := 0, koers.BothPositive
			if w.current != nil {
				year, signs = w.current.Year, w.current.Signs
			}
			w.finance(present.FinanceSigned(b.Finance, year, signs))
		}
	case koers.ComparisonTableBlock:
		if b.Comparison != nil {
			w.comparison(present.Comparison(b.Comparison, w.municipality()))
		}
	}
}

// A footnote marker is set as a superscript: smaller than the text it
// follows, on a raised baseline. Any marker, "1", "10" or "*", the same way.
const (
	supScale = 0.62 // the marker's size relative to the text's
	supRise  = 0.36 // how far its baseline is raised, in the text's sizes
	ptMM     = 25.4 / 72
)

// baseline is where fpdf sets the baseline of text of size points in a
// cell of height h at y, vertically centred.
func baseline(y, h, size float64) float64 { return y + 0.5*h + 0.3*size*ptMM }

// markerWidth is the width of marker set as a superscript to text of size
// points. It leaves the font at the marker's size.
func (w *writer) markerWidth(marker string, size float64) float64 {
	if marker == "" {
		return 0
	}
	w.font("", size*supScale)
	return w.f.GetStringWidth(marker)
}

// superscript sets marker as a superscript to text of size points whose
// baseline is at y, starting at x. It leaves the font at the marker's size.
func (w *writer) superscript(x, y, size float64, marker string) {
	w.font("", size*supScale)
	w.f.Text(x, y-supRise*size*ptMM, marker)
}

// footnotes writes notes under a grid or table; numbered, as a list, the
// way the site shows an indicator table's notes. Numbers and markers hang
// in a column of their own, the markers raised and right before the text.
// Each note is a Note of the structure tree, with an ID, and the place its
// markers link to (to, by note; nil for none).
func (w *writer) footnotes(notes []*koers.Footnote, numbered bool, to map[*koers.Footnote]*place) {
	f := w.f
	f.SetTextColor(70, 70, 70)
	numW, markW := 0.0, 0.0
	for i, n := range notes {
		if numbered {
			w.font("", sizeSmall)
			numW = max(numW, f.GetStringWidth(strconv.Itoa(i+1)+". "))
		}
		markW = max(markW, w.markerWidth(n.Marker, sizeSmall))
	}
	cm := f.GetCellMargin()
	labelW := numW + markW + 0.4
	for i, n := range notes {
		w.font("", sizeSmall)
		w.ensure(lineSmall)
		y := f.GetY()
		if p := to[n]; p != nil {
			*p = *w.here()
		}
		base := baseline(y, lineSmall, sizeSmall)
		note := w.push("Note")
		note.id = w.noteID()
		w.mark(func() {
			if numbered {
				f.Text(marginX+cm, base, strconv.Itoa(i+1)+".")
			}
			// The text starts a cell margin into its cell: the marker ends there.
			mw := w.markerWidth(n.Marker, sizeSmall)
			w.superscript(marginX+labelW+cm-mw-0.2, base, sizeSmall, n.Marker)
			w.font("", sizeSmall)
			f.SetXY(marginX+labelW, y)
			f.MultiCell(textW-labelW, lineSmall, n.Text, "", "L", false)
		})
		w.pop()
	}
	f.SetTextColor(0, 0, 0)
	f.Ln(2)
}

// noteTargets makes a link target for each note, filled in when the note
// is written.
func noteTargets(notes []*koers.Footnote) map[*koers.Footnote]*place {
	to := make(map[*koers.Footnote]*place, len(notes))
	for _, n := range notes {
		to[n] = &place{}
	}
	return to
}
