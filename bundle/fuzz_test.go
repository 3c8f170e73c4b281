package bundle_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/demo"
)

// FuzzDecode feeds the decoder arbitrary bytes. It must not panic; what it
// refuses it refuses with located problems; what it accepts converts to a
// document that passes the domain's rules, and that exports to a bundle it
// accepts again.
func FuzzDecode(f *testing.F) {
	f.Add(mustRead(f, "testdata/minimal.json"))
	f.Add(mustRead(f, "testdata/status.json"))
	files, err := demo.Files()
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		if bytes.HasSuffix([]byte(file.Name), []byte(".json")) {
			f.Add(file.Data)
		}
	}
	f.Add([]byte(`{"format":"koers-bundle","version":1,"organisation":{"slug":"a","name":"A"},"document":{"kind":"begroting","year":2020,"title":"B","pages":[{"kind":"page","title":"C","children":[{"kind":"page","title":"c"}]}]}}`))
	f.Add([]byte(`{"version": 1.0, "value": 1e400, "x": "\u0000\ud800", "x": -0.0000001}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.Decode("fuzz.json", data)
		if err != nil {
			var be *bundle.Error
			if !errors.As(err, &be) || len(be.Problems) == 0 {
				t.Fatalf("err = %v, want a *bundle.Error with problems", err)
			}
			for _, p := range be.Problems {
				if p.Line < 1 || p.Column < 1 || p.Message == "" {
					t.Fatalf("problem without a place or a message: %+v", p)
				}
			}
			if koers.ErrorCode(err) != koers.EINVALID {
				t.Fatalf("code %q", koers.ErrorCode(err))
			}
			return
		}
		org, doc := b.Domain()
		if err := koers.ValidateDocument(org, doc); err != nil {
			t.Fatalf("accepted a bundle the domain refuses: %v", err)
		}
		var out bytes.Buffer
		if err := bundle.Encode(&out, bundle.FromDomain(org, doc)); err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.Decode("export.json", out.Bytes()); err != nil {
			t.Fatalf("the export of an accepted bundle is refused: %v\n%s", err, out.Bytes())
		}
	})
}
