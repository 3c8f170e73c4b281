package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/koers-nl/koers/synth"
	"github.com/koers-nl/koers/web/httpcache"
)

// BenchmarkRenderPage renders the 1C page from the store, as on a cache
// miss: the queries, the views and the template.
func BenchmarkRenderPage(b *testing.B) {
	site := mustSite(b)
	req := httptest.NewRequest(http.MethodGet, begrotingPath, nil)
	req.SetPathValue("org", "leiderdorp")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := site.server.content(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServeCached serves the 1C page from the cache, gzipped, through
// the whole handler (Front, as served). The recorder's own allocations
// count here; TestFrontAllocatesNothing pins that the handler adds none.
func BenchmarkServeCached(b *testing.B) {
	site := mustSite(b)
	site.cache.SetInterval(1 << 62) // measure the cache, not the revision check
	req := httptest.NewRequest(http.MethodGet, begrotingPath, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	warm := httptest.NewRecorder()
	site.handler.ServeHTTP(warm, req)
	if warm.Code != http.StatusOK {
		b.Fatalf("status %d", warm.Code)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			site.handler.ServeHTTP(w, req)
			if w.Code != http.StatusOK {
				b.Errorf("status %d", w.Code)
				return
			}
		}
	})
}

// BenchmarkServeNotModified answers a revalidation with 304.
func BenchmarkServeNotModified(b *testing.B) {
	site := mustSite(b)
	site.cache.SetInterval(1 << 62)
	req := httptest.NewRequest(http.MethodGet, begrotingPath, nil)
	warm := httptest.NewRecorder()
	site.handler.ServeHTTP(warm, req)
	req.Header.Set("If-None-Match", warm.Header().Get("ETag"))
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		site.handler.ServeHTTP(w, req)
		if w.Code != http.StatusNotModified {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkSearchPage answers /zoeken on the demo plus the synthetic
// begroting of 60 programmes: the query, breadcrumbs, snippets and page,
// without the search cache (BenchmarkSearchCorpus searches a hosting
// provider's corpus).
func BenchmarkSearchPage(b *testing.B) {
	site := mustSite(b)
	site.server.searchUncached = true
	if err := site.store.PutDocument(context.Background(), synth.Organisation(), synth.Document(60)); err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/zoeken?q=passende+ondersteuning", nil)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		site.handler.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// corpusServer is the site on the kept corpus of 2,000 documents
// (openCorpus), with a base URL so that sitemaps are as in production.
func corpusServer(b *testing.B) *Server {
	b.Helper()
	store := openCorpus(b, "sqlite")
	cache := httpcache.NewCache(store, httpcache.Options{})
	srv, err := New(store.Published(), store, cache, Options{Logger: slog.New(slog.DiscardHandler), BaseURL: "https://pc.koers.example"})
	if err != nil {
		b.Fatal(err)
	}
	return srv
}

// BenchmarkSitemaps renders, as on a cache miss, the sitemap index and one
// organisation's sitemap at 2,000 documents (50 organisations).
func BenchmarkSitemaps(b *testing.B) {
	srv := corpusServer(b)
	for _, bm := range []struct {
		name, path string
		render     handler
	}{
		{"index", "/sitemap.xml", srv.sitemapIndex},
		{"organisation", "/gemeente-025/sitemap.xml", func(r *http.Request) (*httpcache.Response, bool, error) {
			return srv.orgSitemap(r, 1)
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bm.path, nil)
			req.SetPathValue("org", "gemeente-025")
			b.ReportAllocs()
			for b.Loop() {
				res, _, err := bm.render(req)
				if err != nil || res.Status != http.StatusOK {
					b.Fatal(err)
				}
			}
		})
	}
}
