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
