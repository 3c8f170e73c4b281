package bundle_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/koers-nl/koers/bundle"
)

// duplicateKeys is the minimal bundle with n extra copies of the
// organisation's name: n problems, each to be located in the file. With
// oneLine, the whole file is one line, as minified JSON is.
func duplicateKeys(tb testing.TB, n int, oneLine bool) []byte {
	base := string(mustRead(tb, "testdata/minimal.json"))
	sep := ",\n    "
	if oneLine {
		base = strings.ReplaceAll(base, "\n", " ")
		sep = ", "
	}
	old := `"name": "Gemeente Leiderdorp",`
	extra := strings.Repeat(`"name": "Gemeente Leiderdorp"`+sep, n)
	return []byte(strings.Replace(base, old, old+" "+extra, 1))
}

// BenchmarkDecodeProblems decodes bundles with many problems: the time per
// problem must not grow with their number.
func BenchmarkDecodeProblems(b *testing.B) {
	for _, oneLine := range []bool{false, true} {
		for _, n := range []int{10000, 40000, 160000} {
			data := duplicateKeys(b, n, oneLine)
			b.Run(fmt.Sprintf("oneline=%v/problems=%d", oneLine, n), func(b *testing.B) {
				var be *bundle.Error
				if _, err := bundle.Decode("dup.json", data); !errors.As(err, &be) || len(be.Problems) != n {
					b.Fatalf("want %d problems, got %v", n, err)
				}
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					_, _ = bundle.Decode("dup.json", data)
				}
			})
		}
	}
}

// TestManyProblemsLocated checks the one pass that locates problems: on
// one line, after characters of several bytes, every duplicate is at its
// own column, in file order.
func TestManyProblemsLocated(t *testing.T) {
	data := strings.Replace(string(duplicateKeys(t, 3, true)), "Gemeente Leiderdorp", "Gemeente Leiderdörp €", -1)
	_, err := bundle.Decode("dup.json", []byte(data))
	var be *bundle.Error
	if !errors.As(err, &be) {
		t.Fatalf("err = %v", err)
	}
	var want []string
	from := strings.Index(data, `"name"`) + 1 // the first is no duplicate
	for range 3 {
		off := from + strings.Index(data[from:], `"name"`)
		from = off + 1
		value := off + len(`"name": `)
		want = append(want, fmt.Sprintf("1:%d /organisation/name field \"name\" appears twice", utf8.RuneCountInString(data[:value])+1))
	}
	var got []string
	for _, p := range be.Problems {
		got = append(got, fmt.Sprintf("%d:%d %s %s", p.Line, p.Column, p.Pointer, p.Message))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
}
