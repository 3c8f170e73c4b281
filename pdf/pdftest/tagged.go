package pdftest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/koers-nl/koers/pdf/pdfcheck"
)

// Tagged reads data with pdfcheck and fails the test with every problem
// pdfcheck.Check finds: untagged content, MCIDs and the ParentTree, heading
// levels, tables, lists, figures, links, fonts, the catalog and XMP, and
// the PDF/A-2a identification (pdfcheck.CheckPDFA). It returns the
// document for further checks. It needs no external program.
func Tagged(tb testing.TB, data []byte) *pdfcheck.Doc {
	tb.Helper()
	doc, err := pdfcheck.Read(data)
	if err != nil {
		tb.Fatalf("pdfcheck: %v", err)
	}
	if problems := append(pdfcheck.Check(doc), pdfcheck.CheckPDFA(doc)...); len(problems) > 0 {
		var b strings.Builder
		for _, p := range problems {
			fmt.Fprintf(&b, "\n  %s", p)
		}
		tb.Errorf("tagged PDF: %d problems:%s", len(problems), b.String())
	}
	return doc
}

// RunningArtifacts fails the test unless every page from first on
// (1-based; a cover comes before it) has a running header and a footer
// "Pagina N van M" as artifacts (/Type /Pagination with /Subtype /Header
// and /Footer), and the footer's text is nowhere in the structure tree.
func RunningArtifacts(tb testing.TB, doc *pdfcheck.Doc, first int) {
	tb.Helper()
	tree := pdfcheck.TreeText(doc)
	for _, p := range doc.Pages {
		if p.Number < first {
			continue
		}
		var header, footer string
		for _, m := range p.Marked {
			if !m.Artifact || m.Type != "Pagination" {
				continue
			}
			switch m.Subtype {
			case "Header":
				header += m.Text
			case "Footer":
				footer += m.Text
			}
		}
		want := fmt.Sprintf("Pagina %d van %d", p.Number, len(doc.Pages))
		if strings.TrimSpace(header) == "" {
			tb.Errorf("page %d: no running header as an artifact", p.Number)
		}
		if !strings.Contains(footer, want) {
			tb.Errorf("page %d: footer artifact %q, want %q in it", p.Number, footer, want)
		}
		if strings.Contains(tree, want) {
			tb.Errorf("page %d: %q is in the structure tree", p.Number, want)
		}
	}
}

// ReadingOrder fails the test unless the structure tree's text, in tree
// order, is the text pdftotext -raw reads, artifacts aside (see
// pdfcheck.CompareOrder). It skips the test when pdftotext is absent.
func ReadingOrder(tb testing.TB, data []byte) {
	tb.Helper()
	doc, err := pdfcheck.Read(data)
	if err != nil {
		tb.Fatalf("pdfcheck: %v", err)
	}
	text := pdftotext(tb, data, "-raw")
	if d := pdfcheck.CompareOrder(doc, text); d != nil {
		tb.Errorf("reading order: %s", d)
	}
}

// Info returns what poppler's pdfinfo says of data, by field ("Tagged",
// "Pages", "Title"). It skips the test when pdfinfo is absent, and fails
// it under CI, which must run it.
func Info(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	out := popplerTool(tb, "pdfinfo", data)
	info := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}
