package register

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// files writes n files, file-007.txt holding "7", and returns their paths.
func files(t *testing.T, n int) []string {
	dir := t.TempDir()
	var out []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("file-%03d.txt", i))
		if err := os.WriteFile(p, []byte(fmt.Sprint(i)), 0o600); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// decodeNumber makes a file "7" an assignment numbered 7, and refuses a
// file "bad".
func decodeNumber(_ string, data []byte) (*koers.RegisterBatch, error) {
	if string(data) == "bad" {
		return nil, errors.New("bad file")
	}
	return &koers.RegisterBatch{Assignments: []koers.Assignment{{Number: string(data)}}}, nil
}

func TestLoaderOrder(t *testing.T) {
	paths := files(t, 50)
	l := Loader{Decode: decodeNumber, Workers: 4, ChunkFiles: 7, Problem: func(p string, err error) { t.Errorf("%s: %v", p, err) }}
	var got []string
	chunks := 0
	for b, err := range l.Batches(context.Background(), paths) {
		if err != nil {
			t.Fatal(err)
		}
		chunks++
		for _, a := range b.Assignments {
			got = append(got, a.Number)
		}
	}
	var want []string
	for i := range 50 {
		want = append(want, fmt.Sprint(i))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("facts in the order %v", got)
	}
	if chunks != 8 {
		t.Errorf("%d chunks of 50 files by 7, want 8", chunks)
	}
}

func TestLoaderProblems(t *testing.T) {
	paths := files(t, 30)
	for _, i := range []int{4, 21} {
		if err := os.WriteFile(paths[i], []byte("bad"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(paths[12]); err != nil {
		t.Fatal(err)
	}
	var told []string
	l := Loader{Decode: decodeNumber, Workers: 3, ChunkFiles: 5, Problem: func(p string, err error) {
		told = append(told, filepath.Base(p)+": "+strings.ReplaceAll(err.Error(), filepath.Dir(p)+"/", ""))
	}}
	var facts int
	var last error
	for b, err := range l.Batches(context.Background(), paths) {
		if err != nil {
			last = err
			continue
		}
		facts += b.Len()
	}
	want := []string{"file-004.txt: bad file", "file-012.txt: open file-012.txt: no such file or directory", "file-021.txt: bad file"}
	if strings.Join(told, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems told:\n%s\nwant:\n%s", strings.Join(told, "\n"), strings.Join(want, "\n"))
	}
	// The first chunk (files 0-4) has the first problem: no facts at all.
	if facts != 0 {
		t.Errorf("%d facts handed on after a problem", facts)
	}
	var fe *FilesError
	if !errors.As(last, &fe) || *fe != (FilesError{Failed: 3, Files: 30}) || fe.Error() != "3 of 30 files have problems" {
		t.Errorf("ends with %v", last)
	}
}

func TestLoaderStops(t *testing.T) {
	paths := files(t, 40)
	decoded := 0
	l := Loader{Decode: func(p string, data []byte) (*koers.RegisterBatch, error) {
		decoded++ // one worker: no race
		return decodeNumber(p, data)
	}, Workers: 1, ChunkFiles: 4}
	for range l.Batches(context.Background(), paths) {
		break
	}
	// The first chunk handed on, readAhead more read ahead, perhaps one
	// more started: not all ten.
	if decoded > (readAhead+2)*4 {
		t.Errorf("%d of 40 files read after the loop stopped at the first chunk", decoded)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var last error
	for _, err := range l.Batches(ctx, paths) {
		last = err
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("a cancelled load ends with %v", last)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789"), 20_000)
	p := filepath.Join(dir, "big.xml")
	if err := os.WriteFile(p, big, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := readFile(p, make([]byte, 0, 100))
	if err != nil || !bytes.Equal(got, big) {
		t.Fatalf("read %d bytes, %v; want %d", len(got), err, len(big))
	}
	empty := filepath.Join(dir, "empty.xml")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := readFile(empty, got); err != nil || len(got) != 0 {
		t.Errorf("empty file: %d bytes, %v", len(got), err)
	}
	_, err = readFile(filepath.Join(dir, "missing.xml"), nil)
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != filepath.Join(dir, "missing.xml") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := readFile(dir, nil); err == nil {
		t.Error("a directory read as a file")
	}
}
