package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers/synth"
)

// TestSynthCorpus writes a corpus of two organisations × five documents,
// checks its files, that a second run writes the same bytes, and that it
// imports.
func TestSynthCorpus(t *testing.T) {
	dir := t.TempDir()
	write := func(out string) map[string][]byte {
		t.Helper()
		got := mustRun(t, "synth", "--organisations", "2", "--documents", "5", "--programmes", "1", "--out", out)
		if want := "wrote 10 documents to " + out + ": 2 organisations × 5 documents, programmes per document: 1\n"; got != want {
			t.Errorf("synth printed %q, want %q", got, want)
		}
		files := map[string][]byte{}
		err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, path)
			files[filepath.ToSlash(rel)], err = os.ReadFile(path)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	a := write(filepath.Join(dir, "a"))
	var names []string
	for name := range a {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{
		"gemeente-001/begroting-2029.json", "gemeente-001/begroting-2030.json",
		"gemeente-001/bestuursrapportage-2030-1.json", "gemeente-001/bestuursrapportage-2030-2.json",
		"gemeente-001/jaarstukken-2030.json",
		"gemeente-002/begroting-2029.json", "gemeente-002/begroting-2030.json",
		"gemeente-002/bestuursrapportage-2030-1.json", "gemeente-002/bestuursrapportage-2030-2.json",
		"gemeente-002/jaarstukken-2030.json",
	}
	if !slices.Equal(names, want) {
		t.Errorf("files:\n%q\nwant\n%q", names, want)
	}
	b := write(filepath.Join(dir, "b"))
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if bytes.Equal(a["gemeente-001/begroting-2030.json"], a["gemeente-002/begroting-2030.json"]) {
		t.Error("two organisations have the same begroting")
	}

	db := "sqlite:" + filepath.Join(dir, "koers.db")
	files, _ := filepath.Glob(filepath.Join(dir, "a", "*", "*.json"))
	out := mustRun(t, "import", "--db", db, files[0], files[9])
	if !strings.Contains(out, "gemeente-001/begroting-2029 (2 pages, 9 indicators)") ||
		!strings.Contains(out, "gemeente-002/jaarstukken-2030 (2 pages, 9 indicators)") {
		t.Errorf("import printed %q", out)
	}
}

// TestSynthQueries prints synth.Queries one per line.
func TestSynthQueries(t *testing.T) {
	got := mustRun(t, "synth", "--queries", "30")
	if want := strings.Join(synth.Queries(30), "\n") + "\n"; got != want {
		t.Errorf("synth --queries 30 printed\n%s\nwant\n%s", got, want)
	}
}

// TestSynthFlagErrors pins the message of every refused combination.
func TestSynthFlagErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--programmes", "0"}, "synth: --programmes must be between 1 and 10000, not 0"},
		{[]string{"--out", dir, "--programmes", "10001"}, "synth: --programmes must be between 1 and 10000, not 10001"},
		{[]string{"--organisations", "2"}, "synth: --organisations and --documents write a corpus, one file per document: name its directory with --out DIR"},
		{[]string{"--documents", "2", "--programmes", "3"}, "synth: --organisations and --documents write a corpus, one file per document: name its directory with --out DIR"},
		{[]string{"--out", ""}, "synth: --out needs a directory"},
		{[]string{"--out", dir, "--organisations", "0"}, "synth: --organisations must be between 1 and 9999, not 0"},
		{[]string{"--out", dir, "--organisations", "10000"}, "synth: --organisations must be between 1 and 9999, not 10000"},
		{[]string{"--out", dir, "--documents", "0"}, "synth: --documents must be between 1 and 400 (four a year from 2030 back to 1931), not 0"},
		{[]string{"--out", dir, "--documents", "401"}, "synth: --documents must be between 1 and 400 (four a year from 2030 back to 1931), not 401"},
		{[]string{"--queries", "0"}, "synth: --queries must be between 1 and 100000, not 0"},
		{[]string{"--queries", "100001"}, "synth: --queries must be between 1 and 100000, not 100001"},
		{[]string{"--queries", "5", "--programmes", "3"}, "synth: --queries goes alone"},
		{[]string{"--queries", "5", "--out", dir}, "synth: --queries goes alone"},
		{[]string{"extra"}, `synth: unexpected argument "extra"`},
		{[]string{"--out", file}, "synth: mkdir " + file + ": not a directory"},
		{[]string{"--organisations", "many"}, `invalid value "many" for flag -organisations: parse error`},
	}
	for _, tt := range tests {
		out, _, err := run(t, append([]string{"synth"}, tt.args...)...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("synth %q: %v, want %s", tt.args, err, tt.want)
		}
		if out != "" {
			t.Errorf("synth %q printed %q", tt.args, out)
		}
	}
}
