package synth_test

import (
	"bytes"
	"testing"

	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/synth"
)

// TestDocumentIsAValidBundle runs the synthetic document through the
// bundle checks, and checks it is the same every time.
func TestDocumentIsAValidBundle(t *testing.T) {
	encode := func() []byte {
		var buf bytes.Buffer
		if err := bundle.Encode(&buf, bundle.FromDomain(synth.Organisation(), synth.Document(3))); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	data := encode()
	b, err := bundle.Decode("synth.json", data)
	if err != nil {
		t.Fatal(err)
	}
	_, doc := b.Domain()
	if n := len(doc.Pages[0].Children); n != 3 {
		t.Errorf("%d programmes, want 3", n)
	}
	p := doc.Pages[0].Children[0]
	if len(p.SmartGoals) != 3 || len(p.Activities) != 8 || len(p.Indicators) != 9 || len(p.Indicators[0].Values) != 8 {
		t.Errorf("programme shape: %d goals, %d activities, %d indicators", len(p.SmartGoals), len(p.Activities), len(p.Indicators))
	}
	if !bytes.Equal(data, encode()) {
		t.Error("two runs differ")
	}
}
