package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/storetest"
	"github.com/koers-nl/koers/synth"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// TestWriteKeepsOtherOrganisations: a write of one organisation's content
// re-renders that organisation's pages and the site's own (home), and
// serves every other organisation's pages from the cache; benchmark
// figures, shown on every organisation's indicator pages, re-render those.
func TestWriteKeepsOtherOrganisations(t *testing.T) {
	site := mustSite(t)
	alpha := func() *koers.Organisation { return &koers.Organisation{Slug: "alpha", Name: "Gemeente Alpha"} }
	beta := func() *koers.Organisation { return &koers.Organisation{Slug: "beta", Name: "Gemeente Beta"} }
	site.mustPut(t, alpha(), storetest.Begroting2022())
	site.mustPut(t, beta(), storetest.Begroting2022())
	const page = "/begroting-2022/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	paths := []string{"/", "/alpha", "/alpha" + page, "/alpha/indicatoren/wmo-maatwerk", "/alpha/indicatoren",
		"/beta", "/beta" + page, "/beta/indicatoren/wmo-maatwerk", "/beta/indicatoren", begrotingPath}
	// rendered asks for every path and lists those the cache did not hold.
	rendered := func() []string {
		var out []string
		for _, p := range paths {
			misses := site.cache.Misses()
			if res, body := site.get(t, p); res.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d\n%s", p, res.StatusCode, body)
			}
			if site.cache.Misses() != misses {
				out = append(out, p)
			}
		}
		return out
	}
	if got := rendered(); !slices.Equal(got, paths) {
		t.Fatalf("first reads rendered %v, want all", got)
	}
	figures := []koers.Benchmark{{Indicator: "wmo-maatwerk", Area: "NL01", Period: "2022", Value: 1200, Unit: koers.Count, Source: "CBS"}}
	for _, step := range []struct {
		name     string
		write    func() error
		rendered []string
	}{
		{"nothing written", func() error { return nil }, nil},
		{"a document of alpha", func() error {
			doc := storetest.Begroting2022()
			doc.Title = "Begroting 2022, herzien"
			return site.store.PutDocument(context.Background(), alpha(), doc)
		}, []string{"/", "/alpha", "/alpha" + page, "/alpha/indicatoren/wmo-maatwerk", "/alpha/indicatoren"}},
		{"benchmark figures", func() error {
			return site.store.PutBenchmarks(context.Background(), figures)
		}, []string{"/", "/alpha/indicatoren/wmo-maatwerk", "/beta/indicatoren/wmo-maatwerk"}},
		{"the same figures again", func() error {
			return site.store.PutBenchmarks(context.Background(), figures)
		}, []string{"/"}},
		{"beta renamed", func() error {
			org := beta()
			org.Name = "Gemeente Beta aan Zee"
			return site.store.PutDocument(context.Background(), org, storetest.Begroting2022())
		}, []string{"/", "/alpha/indicatoren/wmo-maatwerk", "/beta", "/beta" + page, "/beta/indicatoren/wmo-maatwerk", "/beta/indicatoren"}},
	} {
		if err := step.write(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		site.server.Invalidate()
		hits := site.cache.Hits()
		got := rendered()
		if !slices.Equal(got, step.rendered) {
			t.Errorf("after %s, rendered %v, want %v", step.name, got, step.rendered)
		}
		if want := int64(len(paths) - len(step.rendered)); site.cache.Hits()-hits != want {
			t.Errorf("after %s, %d hits, want %d", step.name, site.cache.Hits()-hits, want)
		}
	}
	// What was re-rendered shows the writes.
	if _, body := site.get(t, "/alpha"+page); !strings.Contains(body, "Begroting 2022, herzien") {
		t.Error("alpha's page does not show its new title")
	}
	if doc := site.mustDoc(t, "/beta/indicatoren/wmo-maatwerk", http.StatusOK); !strings.Contains(doc.Find("body").Text(), "1.200") {
		t.Error("beta's indicator page does not show the national figure")
	}
}

// TestCrawlKeepsHotPageOnSite: a crawler walks every page of 4
// organisations × 4 documents, many times what a 512 KiB budget holds, and
// then PDFs, many times what a 256 KiB PDF budget holds, while readers ask
// for the demo's 1C page between every ten of its requests: the 1C page is
// rendered once and served from the cache every other time.
func TestCrawlKeepsHotPageOnSite(t *testing.T) {
	site := mustSite(t)
	var crawl, pdfs []string
	for i := 0; i < 4; i++ {
		org := synth.CorpusOrganisation(i)
		for j := 0; j < 4; j++ {
			doc := synth.CorpusDocument(i, j, 6)
			site.mustPut(t, org, doc)
			crawl = append(crawl, urls.Organisation(org), urls.Document(org, doc))
			_ = doc.Walk(func(p *koers.Page) error {
				crawl = append(crawl, urls.Page(org, doc, p))
				if j == 0 && i < 3 {
					pdfs = append(pdfs, urls.Page(org, doc, p)+".pdf")
				}
				return nil
			})
		}
	}
	const budget, pdfBudget = 512 << 10, 256 << 10
	cache := httpcache.NewCache(site.store, httpcache.Options{Interval: time.Hour, MaxBytes: budget, MaxPDFBytes: pdfBudget})
	srv, err := New(site.store.Published(), site.store, cache, Options{Logger: slog.New(slog.NewTextHandler(tbWriter{t}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	mux := httpx.NewMux()
	srv.Register(mux)
	get := func(path string) {
		t.Helper()
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
	}
	hot, hotMisses := 0, int64(0)
	walk := func(paths []string) {
		for i, p := range paths {
			get(p)
			if i%10 == 0 {
				misses := cache.Misses()
				get(begrotingPath)
				hot++
				hotMisses += cache.Misses() - misses
			}
			if cache.Bytes() > budget || cache.PDFBytes() > pdfBudget {
				t.Fatalf("after %s: %d bytes of pages, %d of PDFs; budgets %d, %d", p, cache.Bytes(), cache.PDFBytes(), budget, pdfBudget)
			}
		}
	}
	walk(crawl)
	pages := cache.Bytes()
	walk(pdfs)
	t.Logf("crawled %d pages and %d PDFs; the 1C page asked %d times; %d evictions", len(crawl), len(pdfs), hot, cache.Evictions())
	if hotMisses != 1 {
		t.Errorf("the 1C page was rendered %d times in %d requests, want once", hotMisses, hot)
	}
	if cache.Evictions() < int64(len(crawl))/2 || cache.PDFBytes() < pdfBudget/2 {
		t.Errorf("%d evictions, %d bytes of PDFs: the crawl did not fill the budgets", cache.Evictions(), cache.PDFBytes())
	}
	if cache.Bytes() != pages {
		t.Errorf("the PDF crawl changed the pages' bytes from %d to %d", pages, cache.Bytes())
	}
}
