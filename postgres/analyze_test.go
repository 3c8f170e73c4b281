package postgres_test

import (
	"context"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/synth"
)

// TestAnalyze gathers statistics when none were gathered and whenever the
// number of documents moved by more than a tenth, and only then.
func TestAnalyze(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	ctx := context.Background()
	put := func(from, to int) {
		t.Helper()
		var docs []koers.OrganisationDocument
		for j := from; j < to; j++ {
			docs = append(docs, koers.OrganisationDocument{Organisation: synth.CorpusOrganisation(0), Document: synth.CorpusDocument(0, j, 1)})
		}
		if err := s.PutAll(ctx, docs, nil); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func()
		want bool
	}{
		{"never gathered", func() {}, true},
		{"nothing changed", func() {}, false},
		{"first document", func() { put(0, 1) }, true},
		{"eleven", func() { put(1, 11) }, true},
		{"twelve: a tenth of eleven, not more", func() { put(11, 12) }, false},
		{"thirteen: two more than when gathered", func() { put(12, 13) }, true},
		{"one deleted", func() { deleteOne(t, s) }, false},
	}
	for _, st := range steps {
		st.do()
		got, err := s.Analyze(ctx)
		if err != nil || got != st.want {
			t.Fatalf("%s: Analyze %v, %v; want %v", st.name, got, err, st.want)
		}
	}
	var unanalyzed int
	if err := s.DB().QueryRow(`SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0`).Scan(&unanalyzed); err != nil {
		t.Fatal(err)
	}
	if unanalyzed != 0 {
		t.Errorf("%d tables have no statistics", unanalyzed)
	}
}

func deleteOne(t *testing.T, s *postgres.Store) {
	t.Helper()
	docs, err := s.Documents(context.Background(), koers.DocumentFilter{})
	if err != nil || len(docs) == 0 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	if err := s.DeleteDocument(context.Background(), docs[0].ID); err != nil {
		t.Fatal(err)
	}
}
