package pdf

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/synth"
)

var fontChange = regexp.MustCompile(`BT /F\w+ [0-9.]+ Tf ET`)

// TestNoRepeatedFontChanges: a page selects the font it already has only
// where fpdf does so itself (starting a page, around its header) and in the
// footer. Tables measure their text cell by cell, and fpdf writes every
// SetFont into the page: without writer.font the content grew by a third
// (here: 468 repeats on 5 pages).
func TestNoRepeatedFontChanges(t *testing.T) {
	doc := synth.Document(2)
	spec := Spec{Title: doc.Title, Contents: true, Cover: &Cover{Title: doc.Title}}
	_ = doc.Walk(func(p *koers.Page) error {
		spec.Sections = append(spec.Sections, Section{Document: doc.Title, Page: p})
		return nil
	})
	var out bytes.Buffer
	if err := Render(context.Background(), &out, spec); err != nil {
		t.Fatal(err)
	}
	pages, changes, repeats := 0, 0, 0
	for _, body := range readBack(t, out.Bytes()) {
		if !strings.HasPrefix(body, "Z:") || !strings.Contains(body, " Tj") {
			continue // not a page
		}
		pages++
		last := ""
		for _, line := range strings.Split(body, "\n") {
			if !fontChange.MatchString(line) {
				continue
			}
			changes++
			if line == last {
				repeats++
			}
			last = line
		}
	}
	if repeats > 3*pages {
		t.Errorf("%d pages repeat their font %d times, want at most 3 times each", pages, repeats)
	}
	if pages < 4 || changes == 0 {
		t.Errorf("%d pages with %d font changes: the test reads nothing", pages, changes)
	}
}
