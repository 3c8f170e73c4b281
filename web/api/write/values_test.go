package write

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeValues: any body decodes to updates or to located problems,
// never both, never a panic, with pointers into /values and messages in
// valid UTF-8.
func FuzzDecodeValues(f *testing.F) {
	for _, s := range []string{
		`{"values":[{"key":"a","year":2021,"kind":"realised","value":1.5}]}`,
		`{"values":[{"key":"a","year":2021,"kind":"budgeted","value":"nnb"},{"key":"b","year":2020,"kind":"realised","value":null}]}`,
		`{"values":[{"key":"a","year":2021,"kind":"realised","value":1e400}]}`,
		`{"values":[{"key":"a","year":2021.5,"kind":"realised","value":-0.001}]}`,
		`{"values":{}}`, `[]`, `{"values":[]} {}`, ``, `{"values":[1,"x",null]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		updates, ps := DecodeValues(data)
		if (len(updates) > 0) == (len(ps) > 0) {
			t.Fatalf("%q: %d updates and %d problems", data, len(updates), len(ps))
		}
		for _, p := range ps {
			if p.Pointer != "" && p.Pointer != "/values" && !strings.HasPrefix(p.Pointer, "/values/") {
				t.Errorf("%q: pointer %q outside /values", data, p.Pointer)
			}
			if !utf8.ValidString(p.Message) || p.Message == "" {
				t.Errorf("%q: message %q", data, p.Message)
			}
		}
		for _, u := range updates {
			if u.Remove && (u.Number != nil || u.Amount != nil) {
				t.Errorf("%q: a removal with a value: %+v", data, u)
			}
			if u.Amount != nil && u.Number == nil {
				t.Errorf("%q: an amount without its number: %+v", data, u)
			}
		}
	})
}
