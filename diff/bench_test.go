package diff

import (
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/synth"
)

// versions returns two versions of the synthetic 60-programme begroting:
// the second with a paragraph, a value and a goal's wording changed in
// every tenth programme, two goals swapped in every fifteenth, one
// programme gone and one added.
func versions() (old, new *koers.Document) {
	old, new = synth.Document(60), synth.Document(60)
	ch := new.Pages[0]
	for i, p := range ch.Children {
		if i%10 == 0 {
			p.Blocks[0].Content[0].Text = "Wij doen dit anders. " + p.Blocks[0].Content[0].Text
			n := 12.5
			p.Indicators[1].Values[3].Number = &n
			p.SmartGoals[2].Title = "Meer inwoners " + p.SmartGoals[2].Title
		}
		if i%15 == 0 {
			p.SmartGoals[0], p.SmartGoals[1] = p.SmartGoals[1], p.SmartGoals[0]
		}
	}
	ch.Children = append(ch.Children[:30], ch.Children[31:]...)
	ch.Children = append(ch.Children, &koers.Page{Kind: koers.Programme, Number: "61", Title: "Programma 61: Nieuw", Slug: "programma-61",
		Blocks: []koers.Block{{Type: koers.TextBlock, Content: []koers.TextElement{{Type: koers.Paragraph, Text: "Een nieuw programma."}}}}})
	new.SetPaths()
	return old, new
}

func TestVersions(t *testing.T) {
	d := Documents(versions())
	if got, want := d.Summary, (Summary{Added: 1, Removed: 1, Changed: 7, Same: 53}); got != want {
		t.Errorf("summary %+v, want %+v", got, want)
	}
	if _, err := d.HTML(HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkDocuments(b *testing.B) {
	old, new := versions()
	b.ReportAllocs()
	for b.Loop() {
		Documents(old, new)
	}
}

func BenchmarkHTML(b *testing.B) {
	d := Documents(versions())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.HTML(HTMLOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
