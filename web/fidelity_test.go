package web

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestFidelity checks that every non-empty line of each published reference
// page appears in the visible text of koers's page, in the same order.
// The pages are rendered from the structured demo bundles.
func TestFidelity(t *testing.T) {
	site := mustSite(t)
	tests := []struct {
		reference string
		path      string
	}{
		{"testdata/reference/leiderdorp-begroting-2022-programma-1c.txt", begrotingPath},
		{"testdata/reference/leiderdorp-bestuursrapportage-2020-1-programma-1c.txt", burapPath},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			ref, err := os.ReadFile(tt.reference)
			if err != nil {
				t.Fatal(err)
			}
			res, body := site.get(t, tt.path)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			root, err := html.Parse(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			page := normalise(visibleText(root))
			at, checked, lines := 0, 0, 0
			for i, line := range strings.Split(string(ref), "\n") {
				if strings.TrimSpace(line) == "" {
					continue
				}
				lines++
				want := normalise(line)
				if want == "" {
					t.Errorf("line %d %q is only what the comparison sets aside: it checks nothing", i+1, line)
					continue
				}
				idx := strings.Index(page[at:], want)
				if idx < 0 {
					if strings.Contains(page, want) {
						t.Fatalf("line %d out of order: %q", i+1, strings.TrimSpace(line))
					}
					t.Fatalf("line %d missing: %q\npage text from here: %.300q", i+1, strings.TrimSpace(line), page[at:])
				}
				at += idx + len(want)
				checked++
			}
			// Every line of the reference was looked for: a reference that
			// failed to load or a loop that skipped lines would pass otherwise.
			if checked == 0 || checked != lines {
				t.Fatalf("%d of %d reference lines checked", checked, lines)
			}
			t.Logf("%d reference lines found in order", checked)
		})
	}
}
