package pdf

import (
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// fontFamily is the embedded Go font: it covers every Dutch character
// (é ë ï), the euro sign and typographic quotes and dashes, and its licence
// (BSD) allows embedding.
const fontFamily = "go"

func registerFonts(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	f.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
}

// font selects the Go font in style at size points, unless it is selected
// already. fpdf writes a font change into the page on every call, and the
// tables measure text cell by cell: without this a third of a document's
// page content was repeated font changes. fpdf's current font is always
// the last one set on the current page (a new page starts by setting it
// again), except after going back to an earlier page with SetPage: code
// that does that calls SetFont itself.
func (w *writer) font(style string, size float64) {
	f := w.f
	if f.GetFontFamily() == fontFamily && f.GetFontStyle() == style && fontPt(f) == size {
		return
	}
	f.SetFont(fontFamily, style, size)
}

func fontPt(f *fpdf.Fpdf) float64 {
	pt, _ := f.GetFontSize()
	return pt
}
