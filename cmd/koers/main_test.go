package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs koers with args and returns what it printed.
func run(tb testing.TB, args ...string) (stdout, stderr string, err error) {
	tb.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err = m.Run(context.Background(), args)
	return out.String(), errb.String(), err
}

func mustRun(tb testing.TB, args ...string) string {
	tb.Helper()
	out, errs, err := run(tb, args...)
	if err != nil {
		tb.Fatalf("koers %s: %v\n%s", strings.Join(args, " "), err, errs)
	}
	return out
}

func demoFile(name string) string { return filepath.Join("..", "..", "demo", name) }

func TestImportExportCheck(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "koers.db")
	out := mustRun(t, "check", demoFile("leiderdorp-begroting-2022.json"), demoFile("leiderdorp-bestuursrapportage-2020-1.json"))
	if strings.Count(out, "ok: ") != 2 || !strings.Contains(out, "leiderdorp/begroting-2022 (3 pages, 9 indicators)") {
		t.Errorf("check printed %q", out)
	}
	out = mustRun(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"))
	if !strings.Contains(out, "leiderdorp/begroting-2022 (3 pages, 9 indicators)") {
		t.Errorf("import printed %q", out)
	}
	exported := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022")
	byID := mustRun(t, "export", "--db", db, "1")
	if exported != byID {
		t.Error("export by slug and by id differ")
	}
	// The export imports again and exports the same.
	file := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(file, []byte(exported), 0o644); err != nil {
		t.Fatal(err)
	}
	db2 := "sqlite:" + filepath.Join(t.TempDir(), "other.db")
	mustRun(t, "import", "--db", db2, file)
	if again := mustRun(t, "export", "--db", db2, "leiderdorp/begroting-2022"); again != exported {
		t.Error("export after re-import differs")
	}
	if _, _, err := run(t, "export", "--db", db, "leiderdorp/nergens"); err == nil || !strings.Contains(err.Error(), "bestaat niet") {
		t.Errorf("export of an unknown document: %v", err)
	}
}

// TestBadImportWritesNothing imports a good and a bad bundle together: the
// error names the bad file, its line and pointer, and neither is imported.
func TestBadImportWritesNothing(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	good, err := os.ReadFile(demoFile("leiderdorp-bestuursrapportage-2020-1.json"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `"ref": "2.2"`, `"ref": "9.9"`, 1)
	badFile := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(badFile, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"), badFile)
	if err == nil {
		t.Fatal("import of a bad bundle succeeded")
	}
	msg := err.Error()
	for _, want := range []string{badFile + ":", "/document/pages/0/children/0/children/0/blocks/3/deviations/1/ref", `activity "9.9" is not on this page`, "nothing imported"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if _, _, err := run(t, "check", badFile); err == nil {
		t.Error("check accepted the bad bundle")
	}
	if out, _, err := run(t, "export", "--db", db, "leiderdorp/begroting-2022"); err == nil {
		t.Errorf("the good bundle was imported beside the bad one:\n%.200s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"import"}, {"export"}, {"check"}, {"serve", "--db", "mysql://x"}, {"serve", "--db", "sqlite:"}} {
		if _, _, err := run(t, args...); err == nil {
			t.Errorf("koers %v: no error", args)
		}
	}
}

// TestServe starts koers on port 0 with the demo, reads pages and the API,
// and stops it.
func TestServe(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "koers.db")
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	var logs bytes.Buffer
	m := &Main{Stdout: io.Discard, Stderr: &logs, Getenv: func(string) string { return "" }, OnListen: func(a string) { addr <- a }}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}) }()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("serve ended: %v\n%s", err, logs.String())
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not start")
	}
	for path, want := range map[string]string{
		"/healthz":    "ok",
		"/readyz":     "ready",
		"/metrics":    "koers_pdf_render_seconds_count 0",
		"/leiderdorp": "Beleidsbegroting 2022",
		"/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners": "Prestatie-indicatoren",
		"/sitemap.xml":            "<sitemapindex",
		"/leiderdorp/sitemap.xml": "<urlset",
	} {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, body lacks %q", path, res.StatusCode, want)
		}
	}
	// The demo's register fills while the site serves; then the
	// indicator pages show what it counted, by its rule (demoRegister).
	for path, want := range map[string]string{
		"/leiderdorp/indicatoren/wmo-maatwerkvoorzieningen": "Aantal unieke inwoners met ten minste één lopende Wmo-maatwerkvoorziening (categorieën 01–10, 15–18) op enig moment in het jaar (versie 1, berekend op",
		"/leiderdorp/indicatoren/beschut-werk-cumulatief":   "Berekend uit het register",
	} {
		for deadline := time.Now().Add(3 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
			res, err := http.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == 200 && strings.Contains(string(body), want) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("GET %s: %d, no %q after three minutes", path, res.StatusCode, want)
			}
		}
	}
	res, err := http.Get(base + "/api/v1/documents")
	if err != nil {
		t.Fatal(err)
	}
	var list struct {
		Documents []json.RawMessage `json:"documents"`
	}
	err = json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if err != nil || len(list.Documents) != 5 { // the demo: Leiderdorp's two documents, Voorbeeldgemeente's three
		t.Errorf("API documents: %d, %v", len(list.Documents), err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
	for _, want := range []string{"loaded demo data", `msg="filled the demo register" organisation=leiderdorp`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("no %q in the log:\n%s", want, logs.String())
		}
	}

	// A second start finds the data and does not load the demo again.
	logs.Reset()
	ctx, cancel = context.WithCancel(context.Background())
	go func() { done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db}) }()
	<-addr
	cancel()
	if err := <-done; err != nil {
		t.Errorf("second serve: %v", err)
	}
	if strings.Contains(logs.String(), "loaded demo data") {
		t.Error("demo loaded into a database that had data")
	}
}

func TestServeNoDemo(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "koers.db")
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	m := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, OnListen: func(a string) { addr <- a }}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", db, "--no-demo"}) }()
	base := "http://" + <-addr
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "nog geen documenten") {
		t.Errorf("empty site says %.300s", body)
	}
	cancel()
	<-done
}

func TestSynthImports(t *testing.T) {
	out := mustRun(t, "synth", "--programmes", "2")
	file := filepath.Join(t.TempDir(), "synth.json")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	db := "sqlite:" + filepath.Join(t.TempDir(), "koers.db")
	if got := mustRun(t, "import", "--db", db, file); !strings.Contains(got, "voorbeeld/begroting-2030 (3 pages, 18 indicators)") {
		t.Errorf("import printed %q", got)
	}
	if _, _, err := run(t, "synth", "--programmes", "0"); err == nil {
		t.Error("synth accepted 0 programmes")
	}
}

func TestImportBenchmarks(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	out := mustRun(t, "import", "--db", db, demoFile("benchmarks-bijstand-2020.csv"))
	if !strings.Contains(out, "4 benchmark figures") {
		t.Errorf("import printed %q", out)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("indicator;area;period;value;unit;source;reference_date\nx;NL01;2020;1;count;;\nx;NL01;2021;veel;count;;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := run(t, "import", "--db", db, bad)
	if err == nil || !strings.Contains(err.Error(), bad+":3:") || !strings.Contains(err.Error(), "nothing imported") {
		t.Errorf("bad CSV: %v", err)
	}
}
