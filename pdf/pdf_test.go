package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/pdf"
)

// mustDemo returns the demo documents with their organisation.
func mustDemo(tb testing.TB) (*koers.Organisation, []*koers.Document) {
	tb.Helper()
	files, err := demo.Files()
	if err != nil {
		tb.Fatal(err)
	}
	var org *koers.Organisation
	var docs []*koers.Document
	for _, f := range files {
		b, err := bundle.Decode(f.Name, f.Data)
		if err != nil {
			tb.Fatal(err)
		}
		o, d := b.Domain()
		org = o
		docs = append(docs, d)
	}
	return org, docs
}

// WholeDocument is the spec of a whole document, as the site builds it.
func wholeDocument(org *koers.Organisation, doc *koers.Document) pdf.Spec {
	spec := pdf.Spec{Title: doc.Title, Author: org.Name, Contents: true,
		Cover: &pdf.Cover{Organisation: org.Name, Title: doc.Title}}
	var add func(pages []*koers.Page, level int)
	add = func(pages []*koers.Page, level int) {
		for _, p := range pages {
			spec.Sections = append(spec.Sections, pdf.Section{Organisation: org.Name, Document: doc.Title, Level: level, Page: p})
			add(p.Children, level+1)
		}
	}
	add(doc.Pages, 0)
	return spec
}

func mustRender(tb testing.TB, spec pdf.Spec) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := pdf.Render(&buf, spec); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// mustText extracts a PDF's text with pdftotext, or skips the test where
// poppler is not installed.
func mustText(tb testing.TB, data []byte, args ...string) string {
	tb.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		tb.Skip("pdftotext (poppler-utils) is not installed")
	}
	file := filepath.Join(tb.TempDir(), "out.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(append([]string{"-enc", "UTF-8"}, args...), file, "-")...).CombinedOutput()
	if err != nil {
		tb.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestWholeDocumentText(t *testing.T) {
	org, docs := mustDemo(t)
	data := mustRender(t, wholeDocument(org, docs[0]))
	text := mustText(t, data)
	if !strings.Contains(text, "Inhoudsopgave") || !strings.Contains(text, "Pagina 1 van") {
		t.Errorf("text:\n%s", text)
	}
	os.WriteFile("/tmp/whole.pdf", data, 0o644)
}
