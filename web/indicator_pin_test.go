package web

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updatePins = flag.Bool("update-pins", false, "rewrite the pinned HTML in testdata/pinned")

// TestDemoIndicatorTablesPinned pins the HTML of the demo pages' indicator
// tables, byte for byte: the printed-table options must leave a table
// without them exactly as it was.
func TestDemoIndicatorTablesPinned(t *testing.T) {
	site := mustSite(t)
	for _, tt := range []struct{ path, golden string }{
		{begrotingPath, "begroting-2022-1c-indicators.html"},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			res, body := site.get(t, tt.path)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			got := indicatorTableHTML(body)
			if got == "" {
				t.Fatal("no indicator table on the page")
			}
			file := filepath.Join("testdata", "pinned", tt.golden)
			if *updatePins {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("indicator table HTML changed:\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// indicatorTableHTML cuts the indicator tables out of a page: from each
// scroll region around one to the end of its section, or "" for none.
func indicatorTableHTML(body string) string {
	var out []string
	for {
		at := strings.Index(body, `<table class="indicator-table">`)
		if at < 0 {
			break
		}
		start := strings.LastIndex(body[:at], `<div class="table-scroll"`)
		end := at + strings.Index(body[at:], "</table>")
		if rest := strings.Index(body[end:], "</section>"); rest >= 0 {
			end += rest
		} else {
			end = len(body)
		}
		out = append(out, body[start:end])
		body = body[end:]
	}
	return strings.Join(out, "\n----\n")
}
