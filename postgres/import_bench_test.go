package postgres_test

import (
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/synth"
)

// BenchmarkImport imports one organisation's ten documents (three
// programmes each) into an empty store and into one that holds a hundred
// organisations' (1,000 documents): ns/doc must be about the same.
func BenchmarkImport(b *testing.B) {
	storetest.BenchmarkImport(b, func(tb testing.TB) koers.Store { return mustOpen(tb) }, corpusBatch, 0, 100)
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
