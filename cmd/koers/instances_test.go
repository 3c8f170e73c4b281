package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// instance is a running `koers serve`.
type instance struct {
	base string
	stop func() error
	logs *syncBuffer
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func mustServe(t *testing.T, args ...string) *instance {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	logs := &syncBuffer{}
	m := &Main{Stdout: io.Discard, Stderr: logs, Getenv: func(string) string { return "" }, OnListen: func(a string) { addr <- a }}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)) }()
	select {
	case a := <-addr:
		in := &instance{base: "http://" + a, logs: logs}
		var once sync.Once
		var err error
		in.stop = func() error {
			once.Do(func() { cancel(); err = <-done })
			return err
		}
		t.Cleanup(func() { in.stop() })
		return in
	case err := <-done:
		t.Fatalf("serve: %v\n%s", err, logs.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	return nil
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// testTwoInstances runs two instances on one database, changes a document
// through a third process, and expects both to show it within a second.
func testTwoInstances(t *testing.T, db string) {
	a := mustServe(t, "--db", db)
	b := mustServe(t, "--db", db)
	path := "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"
	for _, in := range []*instance{a, b} {
		if code, body := get(t, in.base+path); code != 200 || !strings.Contains(body, "<h1>1C: Ondersteunde inwoners</h1>") {
			t.Fatalf("%s: %d", in.base, code)
		}
	}
	exported := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022")
	changed := filepath.Join(t.TempDir(), "changed.json")
	os.WriteFile(changed, []byte(strings.Replace(exported, `"text": "Soms hebben inwoners`, `"text": "(gewijzigd) Soms hebben inwoners`, 1)), 0o644)
	mustRun(t, "import", "--db", db, changed)
	start := time.Now()
	for _, in := range []*instance{a, b} {
		for {
			if _, body := get(t, in.base+path); strings.Contains(body, "(gewijzigd)") {
				break
			}
			if time.Since(start) > time.Second {
				t.Fatalf("%s still shows the old page after %v", in.base, time.Since(start))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	t.Logf("both instances showed the change %v after the import", time.Since(start).Round(time.Millisecond))
}

func TestTwoInstancesSQLite(t *testing.T) {
	testTwoInstances(t, demoDB(t))
}

func TestTwoInstancesPostgres(t *testing.T) {
	pg := postgresDB(t)
	mustRun(t, "copy", "--from", demoDB(t), "--to", pg)
	testTwoInstances(t, pg)
}

// TestGracefulShutdown stops the server while a large answer (the PDF of
// a 125-page document, some 400 KB; small enough to render within the PDF
// time-out under the race detector on a busy machine) is on its way: the stop is sent once the
// headers and the first bytes have arrived, the rest is read only after the
// server has closed its listener, and the download must still be whole and
// the server exit cleanly. Most of the time the server is still writing
// when the stop comes (a server that closed its connections at once would
// cut the download); sometimes the socket buffers already hold the rest.
func TestGracefulShutdown(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "koers.db")
	file := filepath.Join(t.TempDir(), "synth.json")
	os.WriteFile(file, []byte(mustRun(t, "synth", "--programmes", "25")), 0o644)
	mustRun(t, "import", "--db", db, file)
	in := mustServe(t, "--db", db, "--no-demo", "--log-format", "json")

	res, err := http.Get(in.base + "/voorbeeld/begroting-2030.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	first := make([]byte, 5)
	if _, err := io.ReadFull(res.Body, first); err != nil || res.StatusCode != 200 || string(first) != "%PDF-" {
		t.Fatalf("the download began with %d %q, %v", res.StatusCode, first, err)
	}

	stopped := make(chan error, 1)
	go func() { stopped <- in.stop() }()
	// Shutdown closes the listener first: once a new connection is refused,
	// the server is stopping while this download is not yet read.
	addr := strings.TrimPrefix(in.base, "http://")
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections 10 s after the stop")
		}
		time.Sleep(5 * time.Millisecond)
	}

	rest, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("reading the download after the stop: %v", err)
	}
	body := append(first, rest...)
	if want := res.ContentLength; want < 100000 || int64(len(body)) != want || !bytes.HasSuffix(bytes.TrimSpace(body), []byte("%%EOF")) {
		t.Errorf("the download: %d bytes of %d, ends %q", len(body), want, body[max(0, len(body)-16):])
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("stop: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not exit after the download")
	}
	// The log is JSON, one object a line.
	for _, line := range strings.Split(strings.TrimSpace(in.logs.String()), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil || v["msg"] == nil {
			t.Errorf("not a JSON log line: %q", line)
		}
	}
	if !strings.Contains(in.logs.String(), "koers stopped") {
		t.Error("no shutdown in the log")
	}
}
