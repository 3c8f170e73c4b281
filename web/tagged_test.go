package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers/pdf/pdfcheck"
	"github.com/koers-nl/koers/pdf/pdftest"
)

// TestPDFRoutesTagged checks every kind of PDF the site serves with
// pdfcheck: a page, a whole document (with a cover), the taakveld
// overview and a reader's selection. Each must be tagged without a
// problem, with the running header and footer as artifacts and the
// tree's reading order equal to pdftotext's.
func TestPDFRoutesTagged(t *testing.T) {
	site := mustSite(t)
	idOf := func(path string) string {
		v, _ := site.mustDoc(t, path, 200).Find(`.pdf-controls input[name="pagina"]`).Attr("value")
		if v == "" {
			t.Fatalf("%s: no page ID", path)
		}
		return v
	}
	routes := []struct {
		path  string
		first int // the first page with a running header and footer
	}{
		{begrotingPath + ".pdf", 1},
		{burapPath + ".pdf", 1},
		{"/leiderdorp/begroting-2022.pdf", 2},
		{"/voorbeeldgemeente/begroting-2024.pdf", 2},
		{"/voorbeeldgemeente/bestuursrapportage-2024-1.pdf", 2},
		{"/voorbeeldgemeente/begroting-2024/overzicht-per-taakveld.pdf", 1},
		{"/pdf?pages=" + idOf(begrotingPath) + "," + idOf(burapPath), 1},
	}
	for _, r := range routes {
		t.Run(r.path, func(t *testing.T) {
			res, body := site.get(t, r.path)
			if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF-") {
				t.Fatalf("status %d, %q", res.StatusCode, body[:min(len(body), 40)])
			}
			data := []byte(body)
			if info := pdftest.Info(t, data); info["Tagged"] != "yes" {
				t.Errorf("pdfinfo says Tagged: %q", info["Tagged"])
			}
			doc := pdftest.Tagged(t, data)
			pdftest.RunningArtifacts(t, doc, r.first)
			pdftest.ReadingOrder(t, data)
		})
	}
}

// TestCompareWithChromium prints a page's HTML with headless Chromium,
// which writes a tagged PDF of its own, and compares its structure with
// koers's PDF of the same page: the main content's headings, with their
// text and level, in the same order; the same tables with the same header
// and data cells. What differs is logged (doc/pdf.md, "Compared with
// Chromium", says why).
func TestCompareWithChromium(t *testing.T) {
	chromium := lookChromium(t)
	site := mustSite(t)
	for _, path := range []string{begrotingPath, burapPath} {
		t.Run(path, func(t *testing.T) {
			_, body := site.get(t, path+".pdf")
			ours, err := pdfcheck.Read([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			theirs, err := pdfcheck.Read(printWithChromium(t, chromium, site.http.URL+path))
			if err != nil {
				t.Fatal(err)
			}
			a, b := pdfcheck.Roles(ours), pdfcheck.Roles(theirs)
			report := pdfcheck.CompareRoles(a, b)
			t.Logf("koers (a) against Chromium (b):\n%s", strings.Join(report.Lines(), "\n"))
			if problems := pdfcheck.Check(theirs); len(problems) > 0 {
				var lines []string
				for _, p := range problems {
					lines = append(lines, p.String())
				}
				t.Logf("pdfcheck on Chromium's PDF, %d problems (for comparison):\n%s", len(problems), strings.Join(lines, "\n"))
			}
			// Every heading of koers's PDF is in Chromium's, in the same
			// order and at the same level.
			if len(report.OnlyA) > 0 {
				t.Errorf("headings only in koers's PDF: %v", report.OnlyA)
			}
			for _, h := range report.Headings {
				if h.LevelA != h.LevelB {
					t.Errorf("heading %q: H%d in koers's PDF, H%d in Chromium's", h.Text, h.LevelA, h.LevelB)
				}
			}
			// The same tables: the same rows, the same rows headed by a
			// header cell, and in each a header cell over every column
			// (koers leaves out the site's "Verloop" column of links to
			// the charts, so the column counts may differ).
			if n := report.Count["Table"]; n[0] != n[1] {
				t.Errorf("tables: %d in koers's PDF, %d in Chromium's", n[0], n[1])
			}
			for i, tb := range report.Tables {
				a, b := tb[0], tb[1]
				if a.Rows != b.Rows || a.RowHeaders != b.RowHeaders || a.ColHeaders != a.Cols || b.ColHeaders != b.Cols {
					t.Errorf("table %d: %s in koers's PDF, %s in Chromium's", i+1, a, b)
				}
			}
		})
	}
}

// lookChromium finds Debian's chromium, skipping the test without it
// (failing under CI).
func lookChromium(tb testing.TB) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatal("chromium is not installed, and CI must compare the PDFs with Chromium's")
	}
	tb.Skip("chromium is not installed")
	return ""
}

// printWithChromium prints url to PDF with headless Chromium, which tags
// the PDF by default. With KOERS_KEEP_CHROMIUM_PDF set to a directory, the
// PDF is kept there too, to look into.
func printWithChromium(tb testing.TB, chromium, url string) []byte {
	tb.Helper()
	dir := tb.TempDir()
	out := filepath.Join(dir, "chromium.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--no-pdf-header-footer", "--print-to-pdf="+out, url)
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("chromium: %v\n%s", err, msg)
	}
	if d := os.Getenv("KOERS_KEEP_CHROMIUM_PDF"); d != "" {
		b, _ := os.ReadFile(out)
		name := strings.ReplaceAll(url[strings.Index(url, "//")+2:], "/", "_")
		os.WriteFile(filepath.Join(d, name+".pdf"), b, 0o644)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}
