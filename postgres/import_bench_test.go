package postgres_test

import (
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/synth"
)

// BenchmarkImport imports 200 organisations' ten documents each (three
// programmes a document), one organisation a write, into one store: the
// last tenth must take about as long per document as the first. Run with
// -benchtime 1x.
func BenchmarkImport(b *testing.B) {
	storetest.BenchmarkImport(b, func(tb testing.TB) koers.Store { return mustOpen(tb) }, corpusBatch, 200)
}

// corpusBatch is organisation i of synth's corpus with its first ten
// documents.
func corpusBatch(i int) []koers.OrganisationDocument {
	docs := make([]koers.OrganisationDocument, 10)
	for j := range docs {
		docs[j] = koers.OrganisationDocument{Organisation: synth.CorpusOrganisation(i), Document: synth.CorpusDocument(i, j, 3)}
	}
	return docs
}
