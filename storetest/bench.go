package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// BenchmarkImport imports batches one after the other into one new store,
// each in one PutAll as `koers import` of one organisation's files does,
// and reports the time per document of the first and the last tenth of
// them (first-ns/doc, last-ns/doc): it must not grow with what the store
// already holds. batch(i) is the i-th batch. open must return a new empty
// store; the benchmark closes it. Run it with -benchtime 1x: an iteration
// is the whole series.
//
// The first tenth writes to a store small enough to stay in the engine's
// page cache, so it is somewhat faster than the rest; a query that scanned
// what is stored would make the last tenth slower in proportion to it.
func BenchmarkImport(b *testing.B, open func(tb testing.TB) koers.Store, batch func(i int) []koers.OrganisationDocument, batches int) {
	ctx := context.Background()
	tenth := max(1, batches/10)
	var first, last time.Duration
	var firstDocs, lastDocs, stored int
	for b.Loop() {
		b.StopTimer()
		s := open(b)
		first, last, firstDocs, lastDocs, stored = 0, 0, 0, 0, 0
		b.StartTimer()
		for i := range batches {
			b.StopTimer()
			docs := batch(i)
			b.StartTimer()
			start := time.Now()
			if err := s.PutAll(ctx, docs, nil); err != nil {
				b.Fatal(err)
			}
			took := time.Since(start)
			if i < tenth {
				first += took
				firstDocs += len(docs)
			}
			if i >= batches-tenth {
				last += took
				lastDocs += len(docs)
			}
			stored += len(docs)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(first.Nanoseconds())/float64(firstDocs), "first-ns/doc")
	b.ReportMetric(float64(last.Nanoseconds())/float64(lastDocs), "last-ns/doc")
	b.ReportMetric(float64(stored), "docs")
}
