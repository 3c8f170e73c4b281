package storetest

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// testPutAll writes several documents and figures as one: a document that
// breaks the rules, two that are the same document, or a figure the
// database refuses after the documents went in, leave nothing written; a
// good run writes everything.
func testPutAll(t *testing.T, s koers.Store) {
	rev0, err := s.Revision(ctx())
	if err != nil {
		t.Fatal(err)
	}
	elders := func() *koers.Organisation { return &koers.Organisation{Slug: "elders", Name: "Gemeente Elders"} }
	good := func() []koers.OrganisationDocument {
		return []koers.OrganisationDocument{
			{Organisation: Leiderdorp(), Document: Begroting2022()},
			{Organisation: elders(), Document: Bare(koers.Begroting, 2023, 0)},
			{Organisation: Leiderdorp(), Document: Burap2020()},
		}
	}
	figures := func() []koers.Benchmark {
		return []koers.Benchmark{
			{Indicator: "wmo-maatwerk", Area: "NL01", Period: "2022", Value: 1200, Unit: koers.Count, Source: "CBS"},
			{Indicator: "wmo-maatwerk", Area: "GM0547", Period: "2022", Value: 1350, Unit: koers.Count},
		}
	}
	nothingWritten := func(what string) {
		t.Helper()
		if orgs, err := s.Organisations(ctx()); err != nil || len(orgs) != 0 {
			t.Errorf("%s: %d organisations written, %v", what, len(orgs), err)
		}
		if docs, err := s.Documents(ctx(), koers.DocumentFilter{}); err != nil || len(docs) != 0 {
			t.Errorf("%s: %d documents written, %v", what, len(docs), err)
		}
		if list, err := s.Benchmarks(ctx(), ""); err != nil || len(list) != 0 {
			t.Errorf("%s: %d figures written, %v", what, len(list), err)
		}
		if rev, err := s.Revision(ctx()); err != nil || rev != rev0 {
			t.Errorf("%s: revision %d -> %d, %v", what, rev0, rev, err)
		}
	}

	// A document in the middle breaks the rules.
	docs := good()
	docs[1].Document.Title = " "
	err = s.PutAll(ctx(), docs, figures())
	if koers.ErrorCode(err) != koers.EINVALID || len(problemsOf(err)) != 1 || problemsOf(err)[0].Pointer() != "/document/title" {
		t.Errorf("invalid document in the middle: err = %v, want invalid at /document/title", err)
	}
	nothingWritten("invalid document in the middle")

	// The same document twice.
	docs = good()
	docs[2].Document = Begroting2022()
	err = s.PutAll(ctx(), docs, nil)
	if koers.ErrorCode(err) != koers.EINVALID || !strings.Contains(err.Error(), "leiderdorp/begroting-2022") {
		t.Errorf("the same document twice: err = %v, want invalid naming it", err)
	}
	nothingWritten("the same document twice")

	// The database refuses the last figure, after every document went in.
	bad := append(figures(), koers.Benchmark{Indicator: "x", Area: "NL01", Period: "2022", Unit: koers.Unit("liters")})
	if err := s.PutAll(ctx(), good(), bad); err == nil {
		t.Error("a figure with an unknown unit was written")
	}
	nothingWritten("a figure refused")

	// A good run writes everything, in one go.
	docs = good()
	if err := s.PutAll(ctx(), docs, figures()); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Organisation.ID == 0 || d.Document.ID == 0 {
			t.Errorf("%s: IDs not set", d.Document.Slug)
		}
	}
	list, err := s.Documents(ctx(), koers.DocumentFilter{})
	if err != nil || len(list) != 3 {
		t.Errorf("documents = %d, %v", len(list), err)
	}
	got, err := s.Document(ctx(), docs[0].Document.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Begroting2022()
	want.SetPaths()
	if diff := compareDocuments(got, want); diff != "" {
		t.Errorf("read back differs: %s", diff)
	}
	if bench, err := s.Benchmarks(ctx(), "wmo-maatwerk"); err != nil || len(bench) != 2 {
		t.Errorf("benchmarks = %+v, %v", bench, err)
	}
	if rev, _ := s.Revision(ctx()); rev <= rev0 {
		t.Errorf("revision did not grow: %d -> %d", rev0, rev)
	}
}
