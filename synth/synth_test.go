package synth_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/koers-nl/koers"

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

// TestCorpus checks that corpus documents are valid bundles, differ per
// organisation and document, and hold words of very different frequency.
func TestCorpus(t *testing.T) {
	seen := map[string]bool{}
	for i := range 2 {
		org := synth.CorpusOrganisation(i)
		for j := range 5 {
			doc := synth.CorpusDocument(i, j, 2)
			var buf bytes.Buffer
			if err := bundle.Encode(&buf, bundle.FromDomain(org, doc)); err != nil {
				t.Fatal(err)
			}
			if _, err := bundle.Decode("corpus.json", buf.Bytes()); err != nil {
				t.Fatalf("organisation %d document %d: %v", i, j, err)
			}
			key := org.Slug + "/" + doc.Slug
			if seen[key] {
				t.Errorf("%s twice", key)
			}
			seen[key] = true
			if j == 4 && (doc.Kind != koers.Begroting || doc.Year != 2029) {
				t.Errorf("document 4 is %s %d, want begroting 2029", doc.Kind, doc.Year)
			}
		}
	}
	text := func(d *koers.Document) string {
		var b strings.Builder
		_ = d.Walk(func(p *koers.Page) error {
			for _, bl := range p.Blocks {
				for _, c := range bl.Content {
					b.WriteString(c.Text + " ")
				}
			}
			return nil
		})
		return b.String()
	}
	a, b := text(synth.CorpusDocument(0, 0, 12)), text(synth.CorpusDocument(0, 0, 12))
	if a != b {
		t.Error("two runs differ")
	}
	if !strings.Contains(a, "mantelzorg") || !strings.Contains(a, "zevenhoven") {
		t.Error("a corpus document lacks its theme or place words")
	}
	if strings.Contains(a, "oudewater") == strings.Contains(text(synth.CorpusDocument(30, 0, 12)), "oudewater") {
		t.Log("place words are shared between distant organisations")
	}
	if q := synth.Queries(200); len(q) != 200 || q[0] == q[10] {
		t.Errorf("queries: %d, %q %q", len(q), q[0], q[10])
	}
}
