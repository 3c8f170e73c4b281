package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/sqlite"
)

// writeFile writes data to a file in dir and returns its path.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readDemo(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(demoFile(name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportSameDocumentTwice imports two files that name the same
// document: the run is refused, naming both files, and nothing is written.
// The same goes for two CSV files with a figure for the same indicator,
// area and period.
func TestImportSameDocumentTwice(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	first := demoFile("leiderdorp-begroting-2022.json")
	begroting := readDemo(t, "leiderdorp-begroting-2022.json")
	second := writeFile(t, dir, "herzien.json", strings.Replace(begroting, `"title": "Beleidsbegroting 2022"`, `"title": "Herziene begroting 2022"`, 1))
	want := first + " and " + second + " both hold the document leiderdorp/begroting-2022; a run imports a document once"
	for _, cmd := range []string{"check", "import"} {
		args := []string{cmd, first, second}
		if cmd == "import" {
			args = []string{cmd, "--db", db, first, second}
		}
		out, _, err := run(t, args...)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want it to say %q", cmd, err, want)
		}
		if cmd == "import" && (strings.Contains(out, "imported") || !strings.Contains(err.Error(), "nothing imported")) {
			t.Errorf("import printed %q, err %v", out, err)
		}
	}
	if _, _, err := run(t, "export", "--db", db, "leiderdorp/begroting-2022"); err == nil {
		t.Error("a document of the refused run was written")
	}

	// The same document of another organisation is another document.
	other := writeFile(t, dir, "elders.json", strings.Replace(begroting, `"slug": "leiderdorp"`, `"slug": "elders"`, 1))
	if out := mustRun(t, "import", "--db", db, first, other); strings.Count(out, "imported ") != 2 {
		t.Errorf("import printed %q", out)
	}

	figures := "indicator;area;period;value;unit;source;reference_date\nx;NL01;2020;1;count;;\ny;NL01;2020;2;count;;\n"
	a := writeFile(t, dir, "a.csv", figures)
	b := writeFile(t, dir, "b.csv", strings.Replace(figures, ";2;", ";3;", 1))
	_, _, err := run(t, "import", "--db", db, a, b)
	if want := a + " and " + b + " both hold a figure for x NL01 2020; a run imports a figure once"; err == nil || !strings.Contains(err.Error(), want) || strings.Count(err.Error(), "both hold") != 1 {
		t.Errorf("figures twice: err = %v, want once %q", err, want)
	}
}

// refuseWrites opens the SQLite database (creating it) and adds a trigger
// that makes the database refuse an insert, as a full disk or a lost
// connection would halfway through a run.
func refuseWrites(t *testing.T, path, trigger string) {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.DB().Exec(trigger); err != nil {
		t.Fatal(err)
	}
}

// TestImportOneTransaction runs imports where a later file fails when it
// is written, after every file passed its checks: nothing of the run stays.
func TestImportOneTransaction(t *testing.T) {
	begroting, burap := demoFile("leiderdorp-begroting-2022.json"), demoFile("leiderdorp-bestuursrapportage-2020-1.json")
	figures := demoFile("benchmarks-bijstand-2020.csv")
	tests := []struct {
		name    string
		trigger string
		files   []string
		says    string
	}{
		{"figures refused after a bundle",
			`CREATE TRIGGER refuse BEFORE INSERT ON benchmarks BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
			[]string{begroting, figures}, "put benchmark"},
		{"second bundle refused",
			`CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.slug = 'bestuursrapportage-2020-1' BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
			[]string{begroting, burap, figures}, "put document leiderdorp/bestuursrapportage-2020-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "koers.db")
			db := "sqlite:" + path
			refuseWrites(t, path, tt.trigger)
			mustRun(t, append([]string{"check"}, tt.files...)...)
			out, _, err := run(t, append([]string{"import", "--db", db}, tt.files...)...)
			if err == nil || !strings.Contains(err.Error(), "nothing imported") || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), "disk full") {
				t.Errorf("err = %v, want nothing imported: %s ... disk full", err, tt.says)
			}
			if out != "" {
				t.Errorf("import printed %q", out)
			}
			if _, _, err := run(t, "export", "--db", db, "leiderdorp/begroting-2022"); err == nil {
				t.Error("the first bundle of the failed run was written")
			}
		})
	}
}

// edges is a bundle at the edges of what koers checks: values at their
// bounds and with 15 digits, text in many scripts with control characters
// other than NUL, the deepest pages, the largest privacy threshold.
const edges = `{
  "format": "koers-bundle",
  "version": 1,
  "organisation": { "slug": "randgeval", "name": "Gemeente Rändgevål ’s-Hertogenbosch", "cbs_code": "GM0796" },
  "document": {
    "kind": "jaarstukken",
    "year": 2200,
    "title": "Jaarstukken 🎉 مرحبا 你好 \u0001\t\"quoted\" \\ back",
    "pages": [
      {
        "kind": "chapter", "title": "1", "children": [
        { "kind": "page", "title": "2", "children": [
        { "kind": "page", "title": "3", "children": [
        { "kind": "page", "title": "4", "children": [
        { "kind": "page", "title": "5", "children": [
        { "kind": "page", "title": "6", "children": [
        { "kind": "page", "title": "7", "children": [
        {
          "kind": "subprogramme",
          "number": "1C.2-b_x",
          "title": "Ondersteunde inwoners, e\u0301 \ud834\udd1e",
          "smart_goals": [{ "number": "1", "title": "Doel\nmet een nieuwe regel." }],
          "activities": [{ "number": "1.1", "title": "Activiteit." }],
          "indicators": [
            {
              "key": "bedragen", "number": "1.1", "name": "Bedragen", "unit": "amount",
              "values": [
                { "year": 1900, "kind": "realised", "value": 1000000000000 },
                { "year": 1901, "kind": "realised", "value": -1000000000000 },
                { "year": 1902, "kind": "realised", "value": 0.01 },
                { "year": 1903, "kind": "realised", "value": -0.01 },
                { "year": 1904, "kind": "realised", "value": 123456789012.34 },
                { "year": 1906, "kind": "budgeted", "value": null },
                { "year": 1906, "kind": "realised", "value": 0 }
              ]
            },
            {
              "key": "getallen", "number": "1.1", "name": "Getallen", "unit": "count",
              "values": [
                { "year": 1902, "kind": "realised", "value": 0.000001 },
                { "year": 1903, "kind": "realised", "value": -0.000001 },
                { "year": 1904, "kind": "realised", "value": 123456789012.345 },
                { "year": 1905, "kind": "realised", "value": 0.123456789012345 }
              ]
            },
            {
              "key": "aantallen", "number": "1.1", "name": "Aantallen", "unit": "count", "privacy_threshold": 1000,
              "values": [{ "year": 2200, "kind": "realised", "value": 999 }]
            },
            {
              "key": "percentages", "number": "1.1", "name": "Percentages", "unit": "percentage",
              "values": [{ "year": 2200, "kind": "realised", "value": 100 }, { "year": 2200, "kind": "budgeted", "value": 0.5 }]
            }
          ],
          "blocks": [
            { "type": "text", "content": [{ "type": "paragraph", "text": "Tekst met <b>opmaak</b> & \u007f en \u2028." }] },
            { "type": "indicator_table", "indicators": ["bedragen", "getallen", "aantallen", "percentages"] }
          ]
        }]}]}]}]}]}]}]
      }
    ]
  }
}
`

// TestCheckedImportsEverywhere imports what koers check accepts, the demo
// and the edges, on both engines: each imports, and exports as it was
// written.
func TestCheckedImportsEverywhere(t *testing.T) {
	dir := t.TempDir()
	files := []string{demoFile("leiderdorp-begroting-2022.json"), demoFile("leiderdorp-bestuursrapportage-2020-1.json"),
		demoFile("benchmarks-bijstand-2020.csv"), writeFile(t, dir, "edges.json", edges)}
	mustRun(t, append([]string{"check"}, files...)...)
	// The export of the edges is the edges, as koers writes JSON.
	b, err := bundle.Decode("edges.json", []byte(edges))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := bundle.Encode(&want, b); err != nil {
		t.Fatal(err)
	}
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "koers.db") },
		"postgres": postgresDB,
	}
	var exports []string
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			db := engines[name](t)
			if out := mustRun(t, append([]string{"import", "--db", db}, files...)...); strings.Count(out, "imported ") != len(files) {
				t.Errorf("import printed %q", out)
			}
			out := mustRun(t, "export", "--db", db, "randgeval/jaarstukken-2200")
			if out != want.String() {
				t.Errorf("export differs from the bundle:\n%s", out)
			}
			for _, v := range []string{`"value": 1000000000000`, `"value": -1000000000000`, `"value": 0.000001`, "\"value\": 123456789012.34\n", "\"value\": -0.01\n",
				`"value": 123456789012.345`, `"value": 0.123456789012345`, `"number": "1C.2-b_x"`, `\u0001\t\"quoted\" \\ back`, "e\u0301 \U0001D11E"} {
				if !strings.Contains(out, v) {
					t.Errorf("export lacks %s", v)
				}
			}
			exports = append(exports, out)
		})
	}
	if len(exports) == 2 && exports[0] != exports[1] {
		t.Error("the engines export the edges differently")
	}
}

// TestCheckRefusesHugeBundle: a bundle file larger than a bundle may be is
// refused after reading just past the limit, not loaded whole.
func TestCheckRefusesHugeBundle(t *testing.T) {
	name := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse: a gigabyte on paper, no time or disk to write.
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, err = run(t, "check", name)
	if err == nil || !strings.Contains(err.Error(), name+":1:1: /: file is larger than 64 MiB") {
		t.Fatalf("err = %v, want the size refused", err)
	}
}
