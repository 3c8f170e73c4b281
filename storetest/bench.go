package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/koers-nl/koers"
)

// BenchmarkImport imports one batch (one PutAll, as `koers import` of one
// organisation's files does) into a store that already holds the first
// stored batches, for each count in stored, and reports the time per
// document (ns/doc): it must not grow with what the store holds.
// batch(i) is the i-th batch; every iteration imports a batch not seen
// before. open must return a new empty store; the benchmark closes it.
func BenchmarkImport(b *testing.B, open func(tb testing.TB) koers.Store, batch func(i int) []koers.OrganisationDocument, stored ...int) {
	ctx := context.Background()
	for _, n := range stored {
		docs := 0
		for i := range n {
			docs += len(batch(i))
		}
		b.Run(fmt.Sprintf("stored=%ddocs", docs), func(b *testing.B) {
			s := open(b)
			defer s.Close()
			// The store is filled in one write: its size is the point here,
			// not how it got there.
			var fill []koers.OrganisationDocument
			for i := range n {
				fill = append(fill, batch(i)...)
			}
			if err := s.PutAll(ctx, fill, nil); err != nil {
				b.Fatal(err)
			}
			next, imported := n, 0
			for b.Loop() {
				b.StopTimer()
				docs := batch(next)
				next++
				b.StartTimer()
				if err := s.PutAll(ctx, docs, nil); err != nil {
					b.Fatal(err)
				}
				imported += len(docs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(imported), "ns/doc")
		})
	}
}
