// Command crashinject kills `koers import` with SIGKILL at random moments
// and checks after each kill that nothing is half-written: the database
// opens, `koers serve` starts and answers /readyz with 200, and every
// document exports as the whole old or the whole new version. It drives a
// built koers binary, as an operator would; scripts/crash-inject.sh builds
// both and runs it on SQLite and PostgreSQL (see doc/operations.md).
//
// Trials alternate between two imports:
//
//   - replace: the document voorbeeld/begroting-2030 exists, and the import
//     brings the other of two versions (12 and 16 programmes: pages appear
//     and disappear, and the text of the pages both have differs);
//   - insert: a document with a slug of its own, new to the database.
//
// Each kill comes after a delay drawn uniformly from zero to 1.25 times the
// duration of a replacing import that is not killed; every other one from
// the time `koers check` takes (reading and validating, before the import
// touches the database) to 1.25 times the import. Both durations are the
// median of the last five, timed before the first trial and after every
// tenth attempt, as the load of the machine changes. A trial is an import
// killed while it ran; imports that end before their kill are checked too
// and counted apart (a failure among them counts as one). Outcomes of the
// trials:
//
//	old                   replace: the document is the version before
//	new                   the document is the version imported, whole
//	absent-before-insert  insert: no document, and the import had not
//	                      reported it imported
//	corrupt               the database did not open, serve did not start or
//	                      become ready, an export failed, or an export or
//	                      another document was not what it should be
//	mixed                 the export is a bundle, but neither old nor new
//	lost                  the document is absent after a replace, or
//	                      absent (or old) after the import reported it
//	                      imported
//
// It exits with status 1 when anything was corrupt, mixed or lost. On the
// first failure a SQLite database is copied aside (the path is printed); a
// PostgreSQL schema is kept.
package main

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

const docRef = "voorbeeld/begroting-2030"

func main() {
	koers := flag.String("koers", "", "the koers binary to drive (required)")
	db := flag.String("db", "", "database: sqlite:PATH (default: a new file in -work) or a postgres:// URL (a new schema in it is used and dropped)")
	trials := flag.Int("trials", 200, "number of imports to kill while they run")
	seed := flag.Uint64("seed", 0, "random seed (default: from the clock)")
	work := flag.String("work", "", "directory for bundles, logs and a copy of a failed database (default: a new temporary one)")
	flag.Parse()
	if *koers == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *seed == 0 {
		*seed = uint64(time.Now().UnixNano())
	}
	if *work == "" {
		dir, err := os.MkdirTemp("", "koers-crash-")
		if err != nil {
			fatal(err)
		}
		*work = dir
	}
	r := &runner{koers: *koers, work: *work, seed: *seed, rnd: rand.New(rand.NewPCG(*seed, 0))}
	cleanup, err := r.database(*db)
	if err != nil {
		fatal(err)
	}
	err = r.run(*trials)
	cleanup(r.failed())
	if err != nil {
		fatal(err)
	}
	fmt.Printf("%s: %v\n", r.engine, r.counts)
	if r.failed() {
		os.Exit(1)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "crashinject:", err)
	os.Exit(2)
}

type runner struct {
	koers, work, db string
	engine          string
	seed            uint64
	rnd             *rand.Rand
	kept            bool // a failed database was kept
	killed          bool // the last import was killed while it ran
	counts          counts

	old, new []byte          // the two versions of docRef, as bundles
	insert   []byte          // the bundle the inserted documents are made from
	current  *[]byte         // the version of docRef the database holds
	times    []time.Duration // of imports
	checks   []time.Duration // of `koers check` of the same bundles
}

type counts struct {
	trials, old, new, absentBeforeInsert, corrupt, mixed, lost int
	replaces, inserts                                          int
	finished                                                   int // imports that ended before their kill: not trials
}

func (c counts) String() string {
	return fmt.Sprintf("trials %d (replace %d, insert %d): old %d, new %d, absent-before-insert %d, corrupt %d, mixed %d, lost %d; %d more imports ended before their kill",
		c.trials, c.replaces, c.inserts, c.old, c.new, c.absentBeforeInsert, c.corrupt, c.mixed, c.lost, c.finished)
}

func (r *runner) failed() bool { return r.counts.corrupt+r.counts.mixed+r.counts.lost > 0 }

// database sets up the database the trials run on and returns what removes
// it again (unless a trial failed).
func (r *runner) database(db string) (func(failed bool), error) {
	switch {
	case db == "" || strings.HasPrefix(db, "sqlite:"):
		r.engine = "SQLite"
		if db == "" {
			db = "sqlite:" + filepath.Join(r.work, "crash.db")
		}
		r.db = db
		return func(bool) {}, nil
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		r.engine = "PostgreSQL"
		b := make([]byte, 6)
		_, _ = crand.Read(b)
		schema := "koers_crash_" + hex.EncodeToString(b)
		admin, err := sql.Open("pgx", db)
		if err != nil {
			return nil, err
		}
		if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
			admin.Close()
			return nil, err
		}
		u, err := url.Parse(db)
		if err != nil {
			admin.Close()
			return nil, err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		r.db = u.String()
		return func(failed bool) {
			if failed {
				fmt.Printf("kept schema %s for inspection\n", schema)
			} else {
				_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			}
			admin.Close()
		}, nil
	}
	return nil, fmt.Errorf("-db %q: want sqlite:PATH or postgres://...", db)
}

func (r *runner) run(trials int) error {
	var err error
	if r.old, err = r.koersOut("synth", "--programmes", "12"); err != nil {
		return err
	}
	if r.new, err = r.koersOut("synth", "--programmes", "16"); err != nil {
		return err
	}
	if r.insert, err = r.koersOut("synth", "--programmes", "8"); err != nil {
		return err
	}
	for name, b := range map[string][]byte{"old.json": r.old, "new.json": r.new} {
		if err := os.WriteFile(filepath.Join(r.work, name), b, 0o644); err != nil {
			return err
		}
	}

	// Import both versions whole, and check that an export gives back
	// exactly what was imported: the comparisons below rest on it. Then
	// time replacing imports that are not killed (the first import, which
	// creates the database, is not one of them).
	for _, v := range []string{"new", "old"} {
		if _, err := r.koersOut("import", "--db", r.db, filepath.Join(r.work, v+".json")); err != nil {
			return err
		}
	}
	r.current = &r.old
	if got, err := r.koersOut("export", "--db", r.db, docRef); err != nil || !bytes.Equal(got, r.old) {
		return fmt.Errorf("the export of an import that was not killed differs from its bundle (%v)", err)
	}
	for range 4 {
		if err := r.timeImport(); err != nil {
			return err
		}
	}
	fmt.Printf("%s (seed %d, files in %s): an import takes %v, a check %v; %d trials\n",
		r.engine, r.seed, r.work, r.took().Round(time.Millisecond), median(r.checks).Round(time.Millisecond), trials)

	for attempt := 1; r.counts.trials < trials; attempt++ {
		// The machine's load changes: time an import again now and then.
		if attempt%10 == 0 {
			if err := r.timeImport(); err != nil {
				return err
			}
		}
		// Every other kill falls after the time `koers check` takes to read
		// and validate the bundle, when the import is at the database.
		from, to := time.Duration(0), r.took()*5/4
		if attempt%2 == 0 && median(r.checks) < to {
			from = median(r.checks)
		}
		delay := from + time.Duration(r.rnd.Int64N(int64(to-from)))
		insert := r.counts.trials%2 == 1
		var outcome, detail string
		if insert {
			outcome, detail = r.insertOne(attempt, delay)
		} else {
			outcome, detail = r.replace(delay)
		}
		failed := outcome == "corrupt" || outcome == "mixed" || outcome == "lost"
		if r.killed {
			r.counts.trials++
			if insert {
				r.counts.inserts++
			} else {
				r.counts.replaces++
			}
		} else {
			// Not a trial, but checked all the same: a failure counts.
			r.counts.finished++
		}
		if r.killed || failed {
			switch outcome {
			case "old":
				r.counts.old++
			case "new":
				r.counts.new++
			case "absent-before-insert":
				r.counts.absentBeforeInsert++
			case "corrupt":
				r.counts.corrupt++
			case "mixed":
				r.counts.mixed++
			case "lost":
				r.counts.lost++
			}
		}
		if failed {
			fmt.Printf("attempt %d (kill after %v, killed %v): %s: %s\n", attempt, delay.Round(time.Millisecond), r.killed, outcome, detail)
			r.keep(attempt)
			if err := r.restore(); err != nil {
				return fmt.Errorf("after attempt %d: %w", attempt, err)
			}
		}
		if r.killed && r.counts.trials%25 == 0 {
			fmt.Printf("  %v (an import takes %v, a check %v)\n", r.counts, r.took().Round(time.Millisecond), median(r.checks).Round(time.Millisecond))
		}
	}
	return nil
}

// timeImport checks and then imports the other version of docRef, not
// killed, and keeps how long each took.
func (r *runner) timeImport() error {
	target, name := &r.new, "new.json"
	if r.current == &r.new {
		target, name = &r.old, "old.json"
	}
	start := time.Now()
	if _, err := r.koersOut("check", filepath.Join(r.work, name)); err != nil {
		return err
	}
	r.checks = append(r.checks, time.Since(start))
	start = time.Now()
	if _, err := r.koersOut("import", "--db", r.db, filepath.Join(r.work, name)); err != nil {
		return err
	}
	r.times = append(r.times, time.Since(start))
	r.current = target
	return nil
}

// took is how long an import takes: the median of the last five timed.
func (r *runner) took() time.Duration { return median(r.times) }

// median is the median of the last five durations.
func median(d []time.Duration) time.Duration {
	last := slices.Clone(d[max(0, len(d)-5):])
	slices.Sort(last)
	return last[len(last)/2]
}

// replace kills an import of the other version of docRef and classifies
// what the database then holds.
func (r *runner) replace(delay time.Duration) (outcome, detail string) {
	target := &r.new
	name := "new.json"
	if r.current == &r.new {
		target, name = &r.old, "old.json"
	}
	committed, err := r.killImport(filepath.Join(r.work, name), delay)
	if err != nil {
		return "corrupt", err.Error()
	}
	listed, err := r.serveCheck()
	if err != nil {
		return "corrupt", err.Error()
	}
	got, present, err := r.export(docRef)
	switch {
	case err != nil:
		return "corrupt", err.Error()
	case present != slices.Contains(listed, docRef):
		return "corrupt", fmt.Sprintf("the API lists %v, export finds the document: %v", listed, present)
	case !present:
		return "lost", "the document is absent after a replacing import"
	case bytes.Equal(got, *target):
		r.current = target
		return "new", ""
	case bytes.Equal(got, *r.current):
		if committed {
			return "lost", "the import reported the document imported, the database holds the old version"
		}
		return "old", ""
	case json.Valid(got):
		return "mixed", r.diff(got)
	}
	return "corrupt", "the export is not JSON"
}

// insertOne kills an import of a document new to the database.
func (r *runner) insertOne(attempt int, delay time.Duration) (outcome, detail string) {
	slug := fmt.Sprintf("invoeging-%d", attempt)
	bundle, err := withSlug(r.insert, slug)
	if err != nil {
		return "corrupt", err.Error()
	}
	file := filepath.Join(r.work, "insert.json")
	if err := os.WriteFile(file, bundle, 0o644); err != nil {
		return "corrupt", err.Error()
	}
	ref := "voorbeeld/" + slug
	committed, err := r.killImport(file, delay)
	if err != nil {
		return "corrupt", err.Error()
	}
	listed, err := r.serveCheck()
	if err != nil {
		return "corrupt", err.Error()
	}
	// The replaced document stays as it was.
	if got, _, err := r.export(docRef); err != nil || !bytes.Equal(got, *r.current) {
		return "corrupt", fmt.Sprintf("%s changed during an insert of another document (%v)", docRef, err)
	}
	got, present, err := r.export(ref)
	switch {
	case err != nil:
		return "corrupt", err.Error()
	case present != slices.Contains(listed, ref):
		return "corrupt", fmt.Sprintf("the API lists %v, export finds %s: %v", listed, ref, present)
	case !present && committed:
		return "lost", "the import reported the document imported, the database lacks it"
	case !present:
		return "absent-before-insert", ""
	case sameJSON(got, bundle):
		return "new", ""
	case json.Valid(got):
		return "mixed", "the inserted document exports as something else"
	}
	return "corrupt", "the export is not JSON"
}

// withSlug returns the bundle of another document: the same content under
// another slug and title.
func withSlug(bundle []byte, slug string) ([]byte, error) {
	var v map[string]any
	if err := json.Unmarshal(bundle, &v); err != nil {
		return nil, err
	}
	doc, ok := v["document"].(map[string]any)
	if !ok {
		return nil, errors.New("the synthetic bundle has no document")
	}
	doc["slug"] = slug
	doc["title"] = "Begroting " + slug
	return json.MarshalIndent(v, "", "  ")
}

func sameJSON(a, b []byte) bool {
	var va, vb any
	return json.Unmarshal(a, &va) == nil && json.Unmarshal(b, &vb) == nil && reflect.DeepEqual(va, vb)
}

// diff says how a mixed export differs: pages of old and new.
func (r *runner) diff(got []byte) string {
	file := filepath.Join(r.work, fmt.Sprintf("mixed-%d.json", r.counts.trials+1))
	_ = os.WriteFile(file, got, 0o644)
	return "the export is neither version; written to " + file
}

// killImport starts `koers import FILE`, kills it with SIGKILL after delay
// (if it is still running; r.killed says whether it was) and reports
// whether it had printed that it imported the document, i.e. committed.
func (r *runner) killImport(file string, delay time.Duration) (committed bool, err error) {
	cmd := exec.Command(r.koers, "import", "--db", r.db, file)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Start(); err != nil {
		return false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	r.killed = false
	select {
	case err := <-done:
		if err != nil {
			return false, fmt.Errorf("import failed without a kill: %v: %s", err, stderr.String())
		}
	case <-time.After(delay):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		// A process that exits on its own at this moment was not killed.
		var exit *exec.ExitError
		r.killed = errors.As(<-done, &exit) && exit.Sys().(syscall.WaitStatus).Signaled()
	}
	return strings.Contains(out.String(), "imported "), nil
}

// serveCheck starts `koers serve` on a free loopback port, expects
// /readyz to answer 200, and returns the documents the API lists
// ("organisation/document").
func (r *runner) serveCheck() ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.koers, "serve", "--db", r.db, "--no-demo", "--addr", "127.0.0.1:0", "--log-format", "json")
	logs := &serveLog{url: make(chan string, 1)}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		<-exited
	}()
	var base string
	select {
	case base = <-logs.url:
	case err := <-exited:
		exited <- err
		return nil, fmt.Errorf("serve did not start: %v: %s", err, logs.String())
	case <-ctx.Done():
		return nil, fmt.Errorf("serve did not start in time: %s", logs.String())
	}
	status, _, err := get(ctx, base+"/readyz")
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("/readyz answered %d (%v)", status, err)
	}
	status, body, err := get(ctx, base+"/api/v1/documents")
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("/api/v1/documents answered %d (%v)", status, err)
	}
	var list struct {
		Documents []struct{ URL string } `json:"documents"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("/api/v1/documents: %w", err)
	}
	var refs []string
	for _, d := range list.Documents {
		refs = append(refs, strings.TrimPrefix(d.URL, base+"/"))
	}
	return refs, nil
}

// serveLog collects serve's log and hands on the URL it serves at, from
// its "koers is serving" line.
type serveLog struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	sent bool
	url  chan string
}

func (l *serveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if l.sent {
		return len(p), nil
	}
	for _, line := range bytes.Split(l.buf.Bytes(), []byte("\n")) {
		var v struct{ Msg, URL string }
		if json.Unmarshal(line, &v) == nil && v.Msg == "koers is serving" {
			l.url <- v.URL
			l.sent = true
			break
		}
	}
	return len(p), nil
}

func (l *serveLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.TrimSpace(l.buf.String())
}

func get(ctx context.Context, u string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res.StatusCode, body, err
}

// export runs `koers export REF`: the bundle, or present false when the
// document does not exist (koers's not-found message). Any other failure
// is an error.
func (r *runner) export(ref string) (bundle []byte, present bool, err error) {
	cmd := exec.Command(r.koers, "export", "--db", r.db, ref)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if strings.Contains(stderr.String(), "bestaat niet") {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("export %s: %v: %s", ref, err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), true, nil
}

// keep copies a failed SQLite database aside, once.
func (r *runner) keep(attempt int) {
	path, ok := strings.CutPrefix(r.db, "sqlite:")
	if !ok || r.kept {
		return
	}
	r.kept = true
	dir := filepath.Join(r.work, fmt.Sprintf("failed-attempt-%d", attempt))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if b, err := os.ReadFile(path + suffix); err == nil {
			_ = os.WriteFile(filepath.Join(dir, filepath.Base(path)+suffix), b, 0o644)
		}
	}
	fmt.Printf("kept the database of attempt %d in %s\n", attempt, dir)
}

// restore brings docRef back to a known version after a failed trial.
func (r *runner) restore() error {
	name := "old.json"
	if r.current == &r.new {
		name = "new.json"
	}
	_, err := r.koersOut("import", "--db", r.db, filepath.Join(r.work, name))
	return err
}

// koersOut runs koers to completion and returns its standard output.
func (r *runner) koersOut(args ...string) ([]byte, error) {
	cmd := exec.Command(r.koers, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("koers %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
