// Package pdftest reads back what the pdf package wrote, for tests: the
// text and the words with their boxes (through poppler's pdftotext,
// skipping where it is missing), the outline and the page count (in Go),
// and the file's structure (through qpdf, skipping where it is missing);
// and the tagging, in Go through pdfcheck (tagged.go).
package pdftest

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// Text returns the text of pages first to last (1-based; 0 for all), in
// the order the PDF draws it. It skips the test when pdftotext is absent.
func Text(tb testing.TB, data []byte, first, last int) string {
	tb.Helper()
	return text(tb, data, first, last)
}

// Body returns the text of every page without the running header and
// footer, so that a paragraph across a page break reads as one.
func Body(tb testing.TB, data []byte) string {
	tb.Helper()
	// A4 in points at 72 dpi; the header ends 16 mm from the top and the
	// footer starts 14 mm from the bottom.
	return text(tb, data, 0, 0, "-x", "0", "-y", "48", "-W", "595", "-H", "750")
}

func text(tb testing.TB, data []byte, first, last int, crop ...string) string {
	tb.Helper()
	args := append([]string{"-raw"}, crop...)
	if first > 0 {
		args = append(args, "-f", strconv.Itoa(first), "-l", strconv.Itoa(last))
	}
	return pdftotext(tb, data, args...)
}

// pdftotext runs poppler's pdftotext on data with args and returns its
// UTF-8 output.
func pdftotext(tb testing.TB, data []byte, args ...string) string {
	tb.Helper()
	return popplerTool(tb, "pdftotext", data, append(append([]string{"-enc", "UTF-8"}, args...), "-")...)
}

// popplerTool runs one of poppler's tools on data (as a file, then args)
// and returns its output. It skips the test when the tool is absent, and
// fails it under CI, which must run it.
func popplerTool(tb testing.TB, tool string, data []byte, args ...string) string {
	tb.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s (poppler-utils) is not installed, and CI must run the PDF tests", tool)
		}
		tb.Skipf("%s (poppler-utils) is not installed", tool)
	}
	file := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	// The file comes before the output argument ("-") of pdftotext.
	full := append([]string(nil), args...)
	if n := len(full); n > 0 && full[n-1] == "-" {
		full = append(append(full[:n-1:n-1], file), "-")
	} else {
		full = append(full, file)
	}
	out, err := exec.Command(tool, full...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

// Check runs qpdf --check on data: the file's structure, its
// cross-reference table and every stream's compression. It skips the test
// when qpdf is absent.
func Check(tb testing.TB, data []byte) {
	tb.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatal("qpdf is not installed, and CI must check the PDFs' structure")
		}
		tb.Skip("qpdf is not installed")
	}
	file := filepath.Join(tb.TempDir(), "check.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	// qpdf exits 0 when all is well and 3 on warnings: both fail here.
	out, err := exec.Command("qpdf", "--check", file).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) {
		tb.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// Word is a word as pdftotext finds it: its text, the page it is on
// (1-based) and its box in points from the top left of the page. The box
// runs from the font's ascent to its descent around the baseline, so a
// smaller, raised word has a smaller box that ends higher.
type Word struct {
	Text                   string
	Page                   int
	XMin, YMin, XMax, YMax float64
}

// Height is the height of the word's box: the font size it is set in,
// give or take the font's proportions.
func (w Word) Height() float64 { return w.YMax - w.YMin }

var (
	pageTag = regexp.MustCompile(`<page\b`)
	wordTag = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// Words returns every word of the PDF with its page and box, in the order
// pdftotext reads them. pdftotext splits words at spaces and where the
// font size or baseline changes.
func Words(tb testing.TB, data []byte) []Word {
	tb.Helper()
	out := pdftotext(tb, data, "-bbox")
	var words []Word
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if pageTag.MatchString(line) {
			page++
			continue
		}
		m := wordTag.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		w := Word{Text: html.UnescapeString(m[5]), Page: page}
		for i, p := range []*float64{&w.XMin, &w.YMin, &w.XMax, &w.YMax} {
			v, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				tb.Fatalf("pdftotext -bbox: %q: %v", line, err)
			}
			*p = v
		}
		words = append(words, w)
	}
	return words
}

// Entry is one outline (bookmark) entry and the page it points to.
type Entry struct {
	Title string
	Page  int // 1-based
}

var (
	pageObj = regexp.MustCompile(`(?s)(\d+) 0 obj\s*<<\s*/Type /Page\b[^s]`)
	// An outline item: a title and its parent, then its destination.
	outline  = regexp.MustCompile(`(?s)<</Title \(((?:\\.|[^\\)])*)\)\n/Parent \d+ 0 R.*?/Dest \[(\d+) 0 R`)
	linkAnno = regexp.MustCompile(`/Subtype /Link`)
)

// Pages returns the number of pages.
func Pages(data []byte) int { return len(pageObj.FindAll(data, -1)) }

// Links returns the number of link annotations.
func Links(data []byte) int { return len(linkAnno.FindAll(data, -1)) }

// Outline returns the outline entries in the order the file holds them,
// which is the order they were added.
func Outline(data []byte) []Entry {
	pages := map[string]int{}
	for i, m := range pageObj.FindAllSubmatch(data, -1) {
		pages[string(m[1])] = i + 1
	}
	var out []Entry
	for _, m := range outline.FindAllSubmatch(data, -1) {
		out = append(out, Entry{Title: decodeString(m[1]), Page: pages[string(m[2])]})
	}
	return out
}

// decodeString decodes a PDF literal string, in UTF-16 when it has the
// byte order mark.
func decodeString(raw []byte) string {
	var b []byte
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 == len(raw) {
			b = append(b, c)
			continue
		}
		i++
		switch e := raw[i]; {
		case e == 'n':
			b = append(b, '\n')
		case e == 'r':
			b = append(b, '\r')
		case e == 't':
			b = append(b, '\t')
		case e >= '0' && e <= '7':
			n, j := 0, i
			for ; j < len(raw) && j < i+3 && raw[j] >= '0' && raw[j] <= '7'; j++ {
				n = n*8 + int(raw[j]-'0')
			}
			b = append(b, byte(n))
			i = j - 1
		default:
			b = append(b, e)
		}
	}
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		var u []uint16
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return strings.TrimSpace(string(b))
}
