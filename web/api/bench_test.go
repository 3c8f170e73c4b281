package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/synth"
)

// BenchmarkDocuments answers GET /api/v1/documents, uncached, at 2,000
// documents (50 organisations of 40, the demo besides): the first window,
// one halfway down the list, and the largest window.
func BenchmarkDocuments(b *testing.B) {
	site := mustAPI(b)
	var docs []koers.OrganisationDocument
	for i := range 50 {
		org := synth.CorpusOrganisation(i)
		for j := range 40 {
			docs = append(docs, koers.OrganisationDocument{Organisation: org, Document: synth.CorpusDocument(i, j, 10)})
		}
	}
	if err := site.store.PutAll(context.Background(), docs, nil); err != nil {
		b.Fatal(err)
	}
	// The cursor after the 1,000th document.
	halfway := "/api/v1/documents?limit=500"
	for range 2 {
		_, body := site.get(b, halfway)
		var list DocumentList
		if err := json.Unmarshal([]byte(body), &list); err != nil || list.Next == nil {
			b.Fatalf("%v: %.200s", err, body)
		}
		halfway = strings.TrimPrefix(*list.Next, site.http.URL)
	}
	halfway = strings.Replace(halfway, "limit=500", "limit=100", 1)
	for _, bm := range []struct{ name, path string }{
		{"first", "/api/v1/documents"},
		{"halfway", halfway},
		{"limit=500", "/api/v1/documents?limit=500"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bm.path, nil)
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				site.mux.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
