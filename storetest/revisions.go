package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/koers-nl/koers"
)

// testRevisions: every write changes the global revision and exactly the
// organisations' and shared revisions whose content it changed; reads and
// refused writes change nothing; Global is Revision.
func testRevisions(t *testing.T, s koers.Store) {
	elders := func() *koers.Organisation {
		return &koers.Organisation{Slug: "elders", Name: "Gemeente Elders", CBSCode: "GM9999"}
	}
	figures := func(v float64) []koers.Benchmark {
		return []koers.Benchmark{
			{Indicator: "wmo-maatwerk", Area: "NL01", Period: "2022", Value: v, Unit: koers.Count, Source: "CBS"},
			{Indicator: "lasten", Area: "GM0547", Period: "2022", Amount: 123410, Unit: koers.Amount},
		}
	}
	var leiderdorpBegroting, eldersBegroting int64
	steps := []struct {
		name  string
		write func() error
		// changed lists what must change: "global", "shared" and
		// organisation slugs; everything else must stay.
		changed []string
	}{
		{"a first document of a new organisation", func() error {
			doc := Begroting2022()
			err := s.PutDocument(ctx(), Leiderdorp(), doc)
			leiderdorpBegroting = doc.ID
			return err
		}, []string{"global", "shared", "leiderdorp"}},
		{"a second organisation", func() error {
			doc := Bare(koers.Begroting, 2023, 0)
			err := s.PutDocument(ctx(), elders(), doc)
			eldersBegroting = doc.ID
			return err
		}, []string{"global", "shared", "elders"}},
		{"a document of one organisation", func() error {
			return s.PutDocument(ctx(), Leiderdorp(), Burap2020())
		}, []string{"global", "leiderdorp"}},
		{"the same document again", func() error {
			return s.PutDocument(ctx(), Leiderdorp(), Burap2020())
		}, []string{"global", "leiderdorp"}},
		{"a new theme", func() error {
			org := elders()
			org.Theme.Colour = "#005a9c"
			return s.PutDocument(ctx(), org, Bare(koers.Begroting, 2023, 0))
		}, []string{"global", "elders"}},
		{"a new name", func() error {
			org := elders()
			org.Name = "Gemeente Elders aan de Rijn"
			return s.PutDocument(ctx(), org, Bare(koers.Begroting, 2023, 0))
		}, []string{"global", "shared", "elders"}},
		{"new benchmark figures", func() error {
			return s.PutBenchmarks(ctx(), figures(1200))
		}, []string{"global", "shared"}},
		{"the same figures again", func() error {
			return s.PutBenchmarks(ctx(), figures(1200))
		}, []string{"global"}},
		{"a corrected figure", func() error {
			return s.PutBenchmarks(ctx(), figures(1201)[:1])
		}, []string{"global", "shared"}},
		{"a document and the same figures in one write", func() error {
			return s.PutAll(ctx(), []koers.OrganisationDocument{{Organisation: Leiderdorp(), Document: Jaarstukken2022()}}, figures(1201))
		}, []string{"global", "leiderdorp"}},
		{"documents of two organisations and new figures in one write", func() error {
			return s.PutAll(ctx(), []koers.OrganisationDocument{
				{Organisation: Leiderdorp(), Document: Jaarstukken2022()},
				{Organisation: &koers.Organisation{Slug: "elders", Name: "Gemeente Elders aan de Rijn", CBSCode: "GM9999"}, Document: Bare(koers.Begroting, 2023, 0)},
			}, figures(1202))
		}, []string{"global", "shared", "elders", "leiderdorp"}},
		{"a deleted document", func() error {
			return s.DeleteDocument(ctx(), leiderdorpBegroting)
		}, []string{"global", "leiderdorp"}},
		{"a deleted document of the other organisation", func() error {
			return s.DeleteDocument(ctx(), eldersBegroting)
		}, []string{"global", "elders"}},
		{"reads", func() error {
			_, err := s.Documents(ctx(), koers.DocumentFilter{})
			if err == nil {
				_, err = s.Benchmarks(ctx(), "")
			}
			return err
		}, nil},
		{"a selection", func() error {
			docs, err := s.Documents(ctx(), koers.DocumentFilter{})
			if err != nil || len(docs) == 0 {
				return fmt.Errorf("documents: %d, %v", len(docs), err)
			}
			doc, err := s.Document(ctx(), docs[0].ID, false)
			if err != nil {
				return err
			}
			return s.Select(ctx(), "lezer", doc.Pages[0].ID, true)
		}, nil},
	}
	prev := mustRevisions(t, s)
	if len(prev.Organisations) != 0 {
		t.Errorf("revisions of an empty store: %+v", prev)
	}
	for _, step := range steps {
		if err := step.write(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		now := mustRevisions(t, s)
		if got := changes(prev, now); !slices.Equal(got, step.changed) {
			t.Errorf("%s changed %v, want %v\nbefore %+v\nafter  %+v", step.name, got, step.changed, prev, now)
		}
		prev = now
	}

	// Refused writes change nothing.
	bad := Bare(koers.Begroting, 2024, 0)
	bad.Title = ""
	if err := s.PutDocument(ctx(), Leiderdorp(), bad); err == nil {
		t.Error("a document without a title was stored")
	}
	if err := s.PutBenchmarks(ctx(), []koers.Benchmark{figures(1300)[0], {Indicator: "x", Area: "NL01", Period: "2020", Unit: koers.Unit("liters")}}); err == nil {
		t.Error("a bad unit was stored")
	}
	if err := s.DeleteDocument(ctx(), leiderdorpBegroting); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("deleting a deleted document: %v", err)
	}
	if got := changes(prev, mustRevisions(t, s)); len(got) != 0 {
		t.Errorf("refused writes changed %v", got)
	}
}

// revisions is what Store.Revisions returns.
type revisions struct {
	Global, Shared int64
	Organisations  map[string]int64
}

// mustRevisions reads the revisions and checks that the global one is
// Revision and that every organisation has one.
func mustRevisions(t *testing.T, s koers.Store) revisions {
	t.Helper()
	var r revisions
	var err error
	r.Global, r.Shared, r.Organisations, err = s.Revisions(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if rev, err := s.Revision(ctx()); err != nil || rev != r.Global {
		t.Errorf("Revision = %d, %v; Revisions gives %d", rev, err, r.Global)
	}
	orgs, err := s.Organisations(ctx())
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, o := range orgs {
		slugs = append(slugs, o.Slug)
	}
	var have []string
	for slug, rev := range r.Organisations {
		have = append(have, slug)
		if rev <= 0 || rev > r.Global {
			t.Errorf("revision of %s is %d, outside (0, %d]", slug, rev, r.Global)
		}
	}
	slices.Sort(slugs)
	slices.Sort(have)
	if !slices.Equal(slugs, have) {
		t.Errorf("revisions of %v, want of every organisation: %v", have, slugs)
	}
	return r
}

// changes lists what differs between two readings: "global", "shared",
// then the organisations by slug.
func changes(a, b revisions) []string {
	var out []string
	if a.Global != b.Global {
		out = append(out, "global")
	}
	if a.Shared != b.Shared {
		out = append(out, "shared")
	}
	var orgs []string
	for slug, rev := range b.Organisations {
		if old, ok := a.Organisations[slug]; !ok || old != rev {
			orgs = append(orgs, slug)
		}
	}
	for slug := range a.Organisations {
		if _, ok := b.Organisations[slug]; !ok {
			orgs = append(orgs, slug)
		}
	}
	slices.Sort(orgs)
	out = append(out, orgs...)
	return out
}
