// Package pdf renders koers pages as PDF, in pure Go: one page, a reader's
// own selection, or a whole document with a cover, a table of contents and
// an outline.
//
// The renderer works on the document's structure, not on pixels: sections
// (one per koers page) hold typed blocks that become headings, paragraphs,
// lists and tables through a small set of methods on writer. That is the
// seam where a later tagged (accessible) PDF adds its structure tree.
package pdf

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/present"
)

// Spec says what one PDF holds.
type Spec struct {
	Title    string // document metadata and cover title
	Author   string // the organisation
	Subject  string
	Created  time.Time // fixed, so that the same content gives the same bytes
	Cover    *Cover    // nil for none
	Contents bool      // a table of contents after the cover
	Sections []Section
}

// Cover is the first page of a whole document.
type Cover struct {
	Organisation string
	Title        string
	Subtitle     string
}

// Section is one koers page in the PDF.
type Section struct {
	Organisation string // for the running header
	Document     string // for the running header
	Year         int    // the document's: taakvelden are named from its catalogue
	Level        int    // depth in the outline, 0 at the top
	Page         *koers.Page
	// StatusLegend names the statuses of the page's deviations; empty for
	// koers's default legend.
	StatusLegend koers.StatusLegend
	Signs        koers.SignConvention // the organisation's: how finance tables print amounts
	// Overview is drawn after the page's blocks: a document's overview per
	// taakveld, whose page is made for it and holds no blocks.
	Overview *present.TaakveldOverview
}

// Layout of an A4 page, in millimetres.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 18.0
	marginTop    = 22.0
	marginBottom = 20.0
	textW        = pageW - 2*marginX
)

// Render writes the PDF of spec to w. It stops with ctx's error when ctx
// ends before the PDF is done, and then writes nothing.
func Render(ctx context.Context, w io.Writer, spec Spec) error {
	if len(spec.Sections) == 0 {
		return koers.Errorf(koers.EINVALID, "Er zijn geen pagina's om in de pdf te zetten.")
	}
	f := fpdf.New("P", "mm", "A4", "")
	wr := &writer{f: f, spec: spec}
	wr.setup()
	if spec.Cover != nil {
		wr.drawCover(*spec.Cover)
	}
	tocStart, tocPages := 0, 0
	if spec.Contents {
		tocPages = wr.contentsPages()
		tocStart = f.PageCount() + 1
		for i := 0; i < tocPages; i++ {
			wr.current = &spec.Sections[0]
			f.AddPage()
			if i == 0 {
				f.Bookmark("Inhoudsopgave", 0, marginTop)
			}
		}
	}
	for i := range spec.Sections {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("render pdf: %w", err)
		}
		wr.section(&spec.Sections[i])
	}
	// Before the contents, so that a contents page holds its footer before
	// its lines, as every other page does.
	wr.footers()
	if spec.Contents {
		wr.contents(tocStart)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	d := &deflater{w: w}
	if err := f.Output(d); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return d.Close()
}

// writer holds the state of one PDF being written.
type writer struct {
	f       *fpdf.Fpdf
	spec    Spec
	current *Section     // whose header the page shows
	noHead  map[int]bool // pages without header and footer (the cover)
	entries []tocEntry
	fresh   bool // the current page holds only headings of grouping pages
}

type tocEntry struct {
	title string
	level int
	page  int
	link  int
}

func (w *writer) setup() {
	f := w.f
	registerFonts(f)
	f.SetCompression(false) // deflate compresses the streams
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetTitle(w.spec.Title, true)
	f.SetAuthor(w.spec.Author, true)
	f.SetSubject(w.spec.Subject, true)
	f.SetCreator("koers", true)
	f.SetProducer("koers", true)
	f.SetLang("nl-NL")
	f.SetCatalogSort(true)
	created := w.spec.Created
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	w.noHead = map[int]bool{}
	f.SetHeaderFuncMode(w.header, true)
}

func (w *writer) header() {
	f := w.f
	if w.noHead[f.PageNo()] || w.current == nil {
		return
	}
	f.SetFont(fontFamily, "", 8.5)
	f.SetTextColor(85, 85, 85)
	f.SetXY(marginX, 10)
	f.CellFormat(textW/2, 5, w.current.Organisation, "", 0, "L", false, 0, "")
	f.CellFormat(textW/2, 5, w.current.Document, "", 0, "R", false, 0, "")
	f.SetDrawColor(26, 90, 150)
	f.SetLineWidth(0.3)
	f.Line(marginX, 16, pageW-marginX, 16)
	f.SetTextColor(0, 0, 0)
}

// footers writes "Pagina X van Y" on every page but the cover, once the
// number of pages is known. fpdf's alias for that number ("{nb}") would
// copy every page's content three times to replace it.
func (w *writer) footers() {
	f := w.f
	last := f.PageCount()
	f.SetAutoPageBreak(false, marginBottom)
	for n := 1; n <= last; n++ {
		if w.noHead[n] {
			continue
		}
		f.SetPage(n)
		f.SetY(-14)
		f.SetFont(fontFamily, "", 8.5)
		f.SetTextColor(85, 85, 85)
		f.CellFormat(0, 5, "Pagina "+strconv.Itoa(n)+" van "+strconv.Itoa(last), "", 0, "C", false, 0, "")
		f.SetTextColor(0, 0, 0)
	}
	// fpdf writes as many pages as the current page number: go back.
	f.SetPage(last)
	f.SetAutoPageBreak(true, marginBottom)
}

func (w *writer) drawCover(c Cover) {
	f := w.f
	f.AddPage()
	w.noHead[f.PageNo()] = true
	f.SetFillColor(26, 90, 150)
	f.Rect(0, 0, pageW, 95, "F")
	f.SetTextColor(255, 255, 255)
	w.font("B", 16)
	f.SetXY(marginX, 40)
	f.CellFormat(textW, 8, c.Organisation, "", 1, "L", false, 0, "")
	f.SetTextColor(0, 0, 0)
	f.SetXY(marginX, 120)
	w.font("B", 28)
	f.MultiCell(textW, 12, c.Title, "", "L", false)
	if c.Subtitle != "" {
		f.Ln(4)
		w.font("", 14)
		f.MultiCell(textW, 7, c.Subtitle, "", "L", false)
	}
}

// contentsPages is how many pages the table of contents takes: one line
// per section, under a title on the first page.
func (w *writer) contentsPages() int {
	usable := pageH - marginTop - marginBottom
	first := int((usable - tocTitleH) / tocLineH)
	rest := int(usable / tocLineH)
	n := len(w.spec.Sections)
	if n <= first {
		return 1
	}
	return 1 + (n-first+rest-1)/rest
}

const (
	tocTitleH = 16.0
	tocLineH  = 6.5
)

// contents writes the table of contents on the pages kept for it, now that
// every section's page is known.
func (w *writer) contents(start int) {
	f := w.f
	last := f.PageCount()
	f.SetAutoPageBreak(false, marginBottom)
	defer func() {
		// fpdf writes as many pages as the current page number: go back.
		f.SetPage(last)
		f.SetAutoPageBreak(true, marginBottom)
	}()
	page := start
	f.SetPage(page)
	f.SetXY(marginX, marginTop)
	f.SetFont(fontFamily, "B", 18)
	f.CellFormat(textW, 10, "Inhoudsopgave", "", 1, "L", false, 0, "")
	f.Ln(tocTitleH - 10)
	for _, e := range w.entries {
		if f.GetY()+tocLineH > pageH-marginBottom {
			page++
			f.SetPage(page)
			f.SetXY(marginX, marginTop)
		}
		y := f.GetY()
		indent := float64(e.level) * 6
		num := fmt.Sprintf("%d", e.page)
		if e.level == 0 {
			f.SetFont(fontFamily, "B", 10)
		} else {
			f.SetFont(fontFamily, "", 10)
		}
		numW := f.GetStringWidth(num) + 2
		avail := textW - indent - numW - 4
		title := fitLine(f, e.title, avail)
		f.SetX(marginX + indent)
		f.CellFormat(f.GetStringWidth(title)+1, tocLineH, title, "", 0, "L", false, e.link, "")
		// Dot leaders up to the page number.
		dotsX := f.GetX()
		dotW := f.GetStringWidth(".")
		if n := int((marginX + textW - numW - dotsX) / dotW); n > 0 {
			f.SetTextColor(120, 120, 120)
			f.CellFormat(float64(n)*dotW, tocLineH, strings.Repeat(".", n), "", 0, "L", false, e.link, "")
			f.SetTextColor(0, 0, 0)
		}
		f.SetXY(marginX+textW-numW, y)
		f.CellFormat(numW, tocLineH, num, "", 1, "R", false, e.link, "")
	}
}

// fitLine shortens s with an ellipsis to fit width w on one line.
func fitLine(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}
