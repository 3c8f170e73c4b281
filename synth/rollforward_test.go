package synth_test

import (
	"fmt"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/synth"
)

// begrotingen are the begrotingen roll-forward is checked on: every demo
// begroting and the 60-programme synthetic one.
func begrotingen(t testing.TB) map[string]struct {
	org *koers.Organisation
	doc *koers.Document
} {
	out := map[string]struct {
		org *koers.Organisation
		doc *koers.Document
	}{}
	files, err := demo.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := bundle.Decode(f.Name, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		org, doc := b.Domain()
		if doc.Kind == koers.Begroting {
			out[f.Name] = struct {
				org *koers.Organisation
				doc *koers.Document
			}{org, doc}
		}
	}
	out["synth-60"] = struct {
		org *koers.Organisation
		doc *koers.Document
	}{synth.Organisation(), synth.Document(60)}
	return out
}

// plan lists a document's identities at their page paths: page kinds and
// numbers, SMART goal and activity numbers, indicator keys.
func plan(d *koers.Document) map[string]bool {
	out := map[string]bool{}
	_ = d.Walk(func(p *koers.Page) error {
		out[fmt.Sprintf("%s page %s %s", p.Path, p.Kind, p.Number)] = true
		for _, g := range p.SmartGoals {
			out[fmt.Sprintf("%s goal %s", p.Path, g.Number)] = true
		}
		for _, a := range p.Activities {
			out[fmt.Sprintf("%s activity %s", p.Path, a.Number)] = true
		}
		for _, in := range p.Indicators {
			out[fmt.Sprintf("%s indicator %s", p.Path, in.Key)] = true
		}
		return nil
	})
	return out
}

// TestRollForwardKeepsIdentity checks on real and large begrotingen that
// every page, SMART goal, activity and indicator of the source is in each
// rolled-forward document at the same path and nothing else is, that the
// result validates, and that nothing new is given as known.
func TestRollForwardKeepsIdentity(t *testing.T) {
	for name, src := range begrotingen(t) {
		src.doc.SetPaths()
		want := plan(src.doc)
		rolls := map[string]func() (*koers.Document, error){
			"next":   func() (*koers.Document, error) { return koers.NextBegroting(src.doc) },
			"report": func() (*koers.Document, error) { return koers.BestuursrapportageFrom(src.doc, 1) },
			"annual": func() (*koers.Document, error) { return koers.JaarstukkenFrom(src.doc, nil) },
		}
		for kind, roll := range rolls {
			t.Run(name+"/"+kind, func(t *testing.T) {
				doc, err := roll()
				if err != nil {
					t.Fatal(err)
				}
				got := plan(doc)
				for k := range want {
					if !got[k] {
						t.Errorf("lost %s", k)
					}
				}
				for k := range got {
					if !want[k] {
						t.Errorf("gained %s", k)
					}
				}
				if err := koers.ValidateDocument(src.org, doc); err != nil {
					t.Errorf("does not validate: %v", err)
				}
				checkNothingNewKnown(t, src.doc, doc, kind)
			})
		}
	}
}

// checkNothingNewKnown checks that every value and amount of doc that
// is not the same fact in src is left to fill in, and every deviation is
// unfilled and without status.
func checkNothingNewKnown(t *testing.T, src, doc *koers.Document, kind string) {
	t.Helper()
	srcIndicators := map[string]*koers.Indicator{}
	_ = src.Walk(func(p *koers.Page) error {
		for _, in := range p.Indicators {
			srcIndicators[in.Key] = in
		}
		return nil
	})
	values, deviations := 0, 0
	_ = doc.Walk(func(p *koers.Page) error {
		for _, in := range p.Indicators {
			for _, v := range in.Values {
				values++
				old, had := srcIndicators[in.Key].Value(v.Year, v.Kind)
				switch {
				case v.DocumentID != 0:
					t.Errorf("%s %s %d: DocumentID %d kept", p.Path, in.Key, v.Year, v.DocumentID)
				case kind != "next" && v.Kind == koers.Realised && v.Known():
					t.Errorf("%s %s %d: realised value %s given", p.Path, in.Key, v.Year, in.Display(v))
				case v.Known() && (!had || !old.Known() || in.Display(v) != in.Display(old)):
					t.Errorf("%s %s %d %s: %s is not what the begroting said", p.Path, in.Key, v.Year, v.Kind, in.Display(v))
				}
			}
		}
		for _, b := range p.Blocks {
			if b.Type == koers.DeviationsBlock {
				if kind == "next" {
					t.Errorf("%s: a begroting with deviations", p.Path)
				}
				for _, d := range b.Deviations {
					deviations++
					if d.Filled() || d.Status != "" {
						t.Errorf("%s %s: deviation %+v is filled in", p.Path, d.Ref, d)
					}
				}
			}
			if f := b.Finance; f != nil {
				for _, l := range f.Lines {
					for i, m := range l.Amounts {
						if m != nil && !(kind == "annual" && i == 0) {
							t.Errorf("%s: amount %s in column %s is given", p.Path, m, f.Columns[i].Title())
						}
					}
				}
			}
		}
		return nil
	})
	if values == 0 {
		t.Error("no indicator values at all")
	}
	if kind != "next" && deviations == 0 {
		t.Error("no deviations to fill in")
	}
}

// TestNextBegrotingNewYearsUnknown checks that every column of the new
// year itself is nnb.
func TestNextBegrotingNewYearsUnknown(t *testing.T) {
	src := synth.Document(60)
	doc, err := koers.NextBegroting(src)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	_ = doc.Walk(func(p *koers.Page) error {
		for _, in := range p.Indicators {
			for _, v := range in.Values {
				if v.Year > src.Year && v.Known() {
					t.Errorf("%s %s: %d %s is %s, want nnb", p.Path, in.Key, v.Year, v.Kind, in.Display(v))
				}
				if v.Year > src.Year {
					n++
				}
			}
		}
		return nil
	})
	if n == 0 {
		t.Error("no values of the new years")
	}
}

func BenchmarkNextBegroting(b *testing.B) {
	src := synth.Document(60)
	for b.Loop() {
		if _, err := koers.NextBegroting(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBestuursrapportageFrom(b *testing.B) {
	src := synth.Document(60)
	for b.Loop() {
		if _, err := koers.BestuursrapportageFrom(src, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJaarstukkenFrom(b *testing.B) {
	src := synth.Document(60)
	r1, _ := koers.BestuursrapportageFrom(src, 1)
	r2, _ := koers.BestuursrapportageFrom(src, 2)
	for b.Loop() {
		if _, err := koers.JaarstukkenFrom(src, []*koers.Document{r1, r2}); err != nil {
			b.Fatal(err)
		}
	}
}
