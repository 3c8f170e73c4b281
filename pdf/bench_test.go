package pdf_test

import (
	"context"
	"io"
	"testing"

	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/synth"
)

// BenchmarkDocumentPDF renders the whole-document PDF of the synthetic
// begroting with 60 programmes (about 300 A4 pages): cover, contents,
// outline and every page.
func BenchmarkDocumentPDF(b *testing.B) {
	spec := wholeDocument(synth.Organisation(), synth.Document(60))
	data := mustRender(b, spec)
	pages := pdftest.Pages(data)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := pdf.Render(context.Background(), io.Discard, spec); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(len(data)), "file-bytes")
}

// BenchmarkPagePDF renders the demo's 1C page alone.
func BenchmarkPagePDF(b *testing.B) {
	org, docs := mustDemo(b)
	spec := wholeDocument(org, docs[0])
	spec.Cover, spec.Contents = nil, false
	spec.Sections = spec.Sections[2:]
	spec.Sections[0].Level = 0
	b.ReportAllocs()
	for b.Loop() {
		if err := pdf.Render(context.Background(), io.Discard, spec); err != nil {
			b.Fatal(err)
		}
	}
}
