package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
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
