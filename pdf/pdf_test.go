package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/pdf/pdftest"
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

// wholeDocument is the spec of a whole document, as the site builds it.
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
	if err := pdf.Render(context.Background(), &buf, spec); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestWholeDocument(t *testing.T) {
	org, docs := mustDemo(t)
	data := mustRender(t, wholeDocument(org, docs[0]))
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	pdftest.Check(t, data)
	n := pdftest.Pages(data)
	outline := pdftest.Outline(data)
	var titles []string
	for _, e := range outline {
		titles = append(titles, e.Title)
		if e.Page < 1 || e.Page > n {
			t.Errorf("outline %q points to page %d of %d", e.Title, e.Page, n)
		}
	}
	want := "Inhoudsopgave|Beleidsbegroting|Programma 1: Meedoen in Leiderdorp|1C: Ondersteunde inwoners"
	if strings.Join(titles, "|") != want {
		t.Errorf("outline = %q, want %q", strings.Join(titles, "|"), want)
	}
	if pdftest.Links(data) < 3 {
		t.Errorf("%d links, want one per contents entry", pdftest.Links(data))
	}
	// The cover has no header or footer; the others say "Pagina X van Y".
	text := pdftest.Text(t, data, 0, 0)
	for p := 2; p <= n; p++ {
		if !strings.Contains(pdftest.Text(t, data, p, p), "Pagina "+itoa(p)+" van "+itoa(n)) {
			t.Errorf("page %d lacks its footer", p)
		}
	}
	if strings.Contains(pdftest.Text(t, data, 1, 1), "Pagina") {
		t.Error("the cover has a footer")
	}
	// The table of contents names the page each entry starts on.
	for _, e := range outline[1:] {
		line := tocLine(text, e.Title)
		if !strings.HasSuffix(line, " "+itoa(e.Page)) {
			t.Errorf("contents line %q does not end in page %d", line, e.Page)
		}
		if !strings.Contains(pdftest.Text(t, data, e.Page, e.Page), e.Title) {
			t.Errorf("%q is not on page %d", e.Title, e.Page)
		}
	}
}

var leaders = regexp.MustCompile(`^(.*?)\s*\.{3,}\s*(\d+)$`)

// tocLine returns the contents line for title as "title page", without
// its dot leaders.
func tocLine(text, title string) string {
	for _, l := range strings.Split(text, "\n") {
		if m := leaders.FindStringSubmatch(strings.TrimSpace(l)); m != nil && m[1] == title {
			return m[1] + " " + m[2]
		}
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestDutchCharacters(t *testing.T) {
	text := "Één café, ruïne en coöperatie: ‘zorg’ – € 60.000 “nu”."
	page := &koers.Page{Title: "Tekens", Blocks: []koers.Block{{Type: koers.TextBlock, Content: []koers.TextElement{{Type: koers.Paragraph, Text: text}}}}}
	data := mustRender(t, pdf.Spec{Title: "Tekens", Author: "Gemeente Leiderdorp", Sections: []pdf.Section{{Page: page}}})
	if got := pdftest.Text(t, data, 0, 0); !strings.Contains(got, text) {
		t.Errorf("text = %q, want it to hold %q", got, text)
	}
	for _, meta := range []string{"/Title", "/Author", "/Lang (nl-NL)"} {
		if !bytes.Contains(data, []byte(meta)) {
			t.Errorf("no %s in the PDF", meta)
		}
	}
}

func TestNoSections(t *testing.T) {
	err := pdf.Render(context.Background(), new(bytes.Buffer), pdf.Spec{Title: "Leeg"})
	if koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("err = %v", err)
	}
}

// TestSameContentSameBytes lets PDFs be cached and compared by content.
func TestSameContentSameBytes(t *testing.T) {
	org, docs := mustDemo(t)
	a := mustRender(t, wholeDocument(org, docs[0]))
	b := mustRender(t, wholeDocument(org, docs[0]))
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same document differ")
	}
}

// TestRenderStopsWhenCancelled: a render whose context ends stops with the
// context's error and writes nothing.
func TestRenderStopsWhenCancelled(t *testing.T) {
	org, docs := mustDemo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	err := pdf.Render(ctx, &buf, wholeDocument(org, docs[0]))
	if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Errorf("err = %v with %d bytes written, want context.Canceled and none", err, buf.Len())
	}
}
