package sqlite_test

import (
	"context"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/synth"
)

// BenchmarkSearch searches the synthetic begroting of 60 programmes (about
// 300 A4 pages, 61 pages in the tree) for two common Dutch words.
func BenchmarkSearch(b *testing.B) {
	s := mustOpen(b)
	defer s.Close()
	ctx := context.Background()
	if err := s.PutDocument(ctx, synth.Organisation(), synth.Document(60)); err != nil {
		b.Fatal(err)
	}
	hits, err := s.Search(ctx, koers.SearchQuery{Text: "passende ondersteuning", Limit: 50})
	if err != nil || len(hits) == 0 {
		b.Fatalf("%d hits, %v", len(hits), err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Search(ctx, koers.SearchQuery{Text: "passende ondersteuning", Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(hits)), "hits")
}

// BenchmarkPutDocument imports the synthetic begroting of 60 programmes in
// one transaction, search index included.
func BenchmarkPutDocument(b *testing.B) {
	s := mustOpen(b)
	defer s.Close()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := s.PutDocument(ctx, synth.Organisation(), synth.Document(60)); err != nil {
			b.Fatal(err)
		}
	}
}
