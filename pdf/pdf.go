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
	wr := &writer{f: f, spec: spec, sectionLevel: -1}
	wr.tag.root = &elem{role: "Document"}
	wr.tag.cur = wr.tag.root
	wr.setup()
	if spec.Cover != nil {
		wr.drawCover(*spec.Cover)
	}
	tocStart, tocPages := 0, 0
	if spec.Contents {
		tocPages = wr.contentsPages()
		tocStart = f.PageCount() + 1
		// The contents take their place in the structure tree now, in
		// reading order, and their content once the pages are known.
		wr.tocHead = wr.push("H1")
		wr.pop()
		wr.toc = wr.push("TOC")
		wr.pop()
		wr.lastHeading = 1
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
	d := &deflater{w: w, doc: wr.tagged()}
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

	tag          tagger
	toc, tocHead *elem // the table of contents and its heading
	sectionLevel int   // the current section's depth, as its heading shows it
	lastHeading  int   // the level of the last heading, so that none skips a level
}

type tocEntry struct {
	title string
	level int
	to    *place
}

func (w *writer) setup() {
	f := w.f
	registerFonts(f)
	f.SetCompression(false) // deflate compresses the streams
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	// Only what is there: PDF/A wants the information dictionary and the
	// XMP metadata to say the same, and XMP has no empty entries.
	f.SetTitle(w.spec.Title, true)
	if w.spec.Author != "" {
		f.SetAuthor(w.spec.Author, true)
	}
	if w.spec.Subject != "" {
		f.SetSubject(w.spec.Subject, true)
	}
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
	f.SetHeaderFuncMode(w.pageStart, true)
	f.SetFooterFunc(w.pageEnd)
}

// header draws the running header, an artifact: the reader has the
// document's title and the page's place from the structure.
func (w *writer) header() {
	f := w.f
	if w.noHead[f.PageNo()] || w.current == nil {
		return
	}
	w.artifact(headerArtifact, func() {
		f.SetFont(fontFamily, "", 8.5)
		f.SetTextColor(85, 85, 85)
		f.SetXY(marginX, 10)
		f.CellFormat(textW/2, 5, w.current.Organisation, "", 0, "L", false, 0, "")
		f.CellFormat(textW/2, 5, w.current.Document, "", 0, "R", false, 0, "")
		f.SetDrawColor(26, 90, 150)
		f.SetLineWidth(0.3)
		f.Line(marginX, 16, pageW-marginX, 16)
		f.SetTextColor(0, 0, 0)
	})
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
		w.artifact(footerArtifact, func() {
			f.SetY(-14)
			f.SetFont(fontFamily, "", 8.5)
			f.SetTextColor(85, 85, 85)
			f.CellFormat(0, 5, "Pagina "+strconv.Itoa(n)+" van "+strconv.Itoa(last), "", 0, "C", false, 0, "")
			f.SetTextColor(0, 0, 0)
		})
	}
	// fpdf writes as many pages as the current page number: go back.
	f.SetPage(last)
	f.SetAutoPageBreak(true, marginBottom)
}

func (w *writer) drawCover(c Cover) {
	f := w.f
	f.AddPage()
	w.noHead[f.PageNo()] = true
	w.artifact(layoutArtifact, func() {
		f.SetFillColor(26, 90, 150)
		f.Rect(0, 0, pageW, 95, "F")
	})
	f.SetTextColor(255, 255, 255)
	w.font("B", 16)
	f.SetXY(marginX, 40)
	w.leaf("P", func() { f.CellFormat(textW, 8, c.Organisation, "", 1, "L", false, 0, "") })
	f.SetTextColor(0, 0, 0)
	f.SetXY(marginX, 120)
	w.font("B", 28)
	w.leaf("H1", func() { f.MultiCell(textW, 12, c.Title, "", "L", false) })
	w.lastHeading = 1
	if c.Subtitle != "" {
		f.Ln(4)
		w.font("", 14)
		w.leaf("P", func() { f.MultiCell(textW, 7, c.Subtitle, "", "L", false) })
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
	defer func() { w.tag.cur = w.tag.root }()
	page := start
	f.SetPage(page)
	f.SetXY(marginX, marginTop)
	f.SetFont(fontFamily, "B", 18)
	w.tag.cur = w.tocHead
	w.mark(func() { f.CellFormat(textW, 10, "Inhoudsopgave", "", 1, "L", false, 0, "") })
	f.Ln(tocTitleH - 10)
	w.tag.cur = w.toc
	for _, e := range w.entries {
		if f.GetY()+tocLineH > pageH-marginBottom {
			page++
			f.SetPage(page)
			f.SetXY(marginX, marginTop)
		}
		y := f.GetY()
		indent := float64(e.level) * 6
		num := strconv.Itoa(e.to.page)
		if e.level == 0 {
			f.SetFont(fontFamily, "B", 10)
		} else {
			f.SetFont(fontFamily, "", 10)
		}
		numW := f.GetStringWidth(num) + 2
		avail := textW - indent - numW - 4
		title := fitLine(f, e.title, avail)
		w.push("TOCI")
		w.push("Reference")
		w.push("Link")
		f.SetX(marginX + indent)
		w.mark(func() { f.CellFormat(f.GetStringWidth(title)+1, tocLineH, title, "", 0, "L", false, 0, "") })
		// Dot leaders up to the page number.
		dotsX := f.GetX()
		dotW := f.GetStringWidth(".")
		if n := int((marginX + textW - numW - dotsX) / dotW); n > 0 {
			w.artifact(layoutArtifact, func() {
				f.SetTextColor(120, 120, 120)
				f.CellFormat(float64(n)*dotW, tocLineH, strings.Repeat(".", n), "", 0, "L", false, 0, "")
				f.SetTextColor(0, 0, 0)
			})
		}
		f.SetXY(marginX+textW-numW, y)
		w.mark(func() { f.CellFormat(numW, tocLineH, num, "", 1, "R", false, 0, "") })
		w.link(marginX+indent, y, textW-indent, tocLineH, e.to, "Ga naar "+e.title+", pagina "+num)
		w.pop()
		w.pop()
		w.pop()
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
