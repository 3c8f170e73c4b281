package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/synth"
	"github.com/koers-nl/koers/web/httpcache"
)

// BenchmarkSearchCorpus searches a hosting provider's corpus (openCorpus:
// 50 organisations × 40 documents, 22,000 pages) with synth.Queries(200),
// varied Dutch queries, on SQLite and (with KOERS_TEST_POSTGRES) on
// PostgreSQL:
//
//   - find: the store's search with snippets, what a search costs without
//     any cache, one query at a time; an op is the 200 queries.
//   - find-64: the same by 64 searchers at once.
//   - page: /zoeken through the site's handler, search cache off, one at a
//     time; an op is the 200 queries.
//   - page-64: the same by 64 clients at once.
//   - page-cached-64: /zoeken with the search cache, all 200 queries in it.
//   - page-org-64: /zoeken in one organisation (the form on its pages),
//     cache off, 64 at once.
//
// Each reports p50-ms and p99-ms per query and, at 64, req/s. Targets on a
// 2-core machine: p50 ≤ 30 ms, p99 ≤ 100 ms, ≥ 300 req/s at 64. Run with
//
//	go test ./web -run '^$' -bench SearchCorpus -benchtime 2x
//
// The first run builds the corpus (minutes); later runs reuse it.
func BenchmarkSearchCorpus(b *testing.B) {
	queries := synth.Queries(200)
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			store := openCorpus(b, engine)
			pub := store.Published()
			find := func(q string) error {
				found, err := pub.Find(context.Background(), koers.SearchQuery{Text: q, Limit: maxResults})
				match := dutch.NewMatcher(dutch.Query(q))
				for _, f := range found {
					match.Snippet(f.Text, snippetWords)
				}
				return err
			}
			org := synth.CorpusOrganisation(7).Slug
			uncached := corpusSite(b, store, -1)
			cached := corpusSite(b, store, 0)
			page := func(h http.Handler, scope string) func(q string) error {
				return func(q string) error {
					v := url.Values{"q": {q}}
					if scope != "" {
						v.Set("organisatie", scope)
					}
					w := httptest.NewRecorder()
					h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/zoeken?"+v.Encode(), nil))
					if w.Code == http.StatusServiceUnavailable {
						return koers.Errorf(koers.EBUSY, "busy")
					}
					if w.Code != http.StatusOK {
						return koers.Errorf(koers.EINTERNAL, "status %d: %s", w.Code, w.Body.String())
					}
					return nil
				}
			}
			b.Run("find", func(b *testing.B) { sequential(b, queries, find) })
			b.Run("find-64", func(b *testing.B) { concurrent(b, queries, find) })
			b.Run("page", func(b *testing.B) { sequential(b, queries, page(uncached, "")) })
			b.Run("page-64", func(b *testing.B) { concurrent(b, queries, page(uncached, "")) })
			b.Run("page-cached-64", func(b *testing.B) { concurrent(b, queries, page(cached, "")) })
			b.Run("page-org-64", func(b *testing.B) { concurrent(b, queries, page(uncached, org)) })
		})
	}
}

// corpusSite is the site's handler on a corpus store, with the search
// cache of the given budget (negative: none).
func corpusSite(b testing.TB, store koers.Store, cacheBytes int64) http.Handler {
	log := slog.New(slog.DiscardHandler)
	cache := httpcache.NewCache(store, httpcache.Options{})
	srv, err := New(store.Published(), store, cache, Options{Logger: log, SearchCacheBytes: cacheBytes})
	if err != nil {
		b.Fatal(err)
	}
	mux := httpx.NewMux()
	srv.Register(mux)
	return httpx.Handler(mux, httpx.Options{Logger: log})
}

// sequential runs every query once per op, one at a time, after a pass
// that warms the caches, and reports the time per query.
func sequential(b *testing.B, queries []string, search func(q string) error) {
	for _, q := range queries {
		if err := search(q); err != nil {
			b.Fatal(err)
		}
	}
	var times []time.Duration
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		for _, q := range queries {
			start := time.Now()
			if err := search(q); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(len(times)), "cpu-ms/query")
	reportTimes(b, times)
}

// concurrent runs every query once per op from 64 goroutines, each taking
// the next query, and reports requests per second besides the time per
// query, and the share of requests the gate turned away (busy-%), which
// are not timed.
func concurrent(b *testing.B, queries []string, search func(q string) error) {
	const clients = 64
	var mu sync.Mutex
	var times []time.Duration
	var busy, failed atomic.Int64
	start, cpu := time.Now(), cpuTime()
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range clients {
			wg.Go(func() {
				var mine []time.Duration
				for i := next.Add(1) - 1; i < int64(len(queries)); i = next.Add(1) - 1 {
					t := time.Now()
					err := search(queries[i])
					switch {
					case koers.ErrorCode(err) == koers.EBUSY:
						busy.Add(1)
					case err != nil:
						if failed.Add(1) == 1 {
							b.Error(err)
						}
					default:
						mine = append(mine, time.Since(t))
					}
				}
				mu.Lock()
				times = append(times, mine...)
				mu.Unlock()
			})
		}
		wg.Wait()
	}
	requests := float64(b.N * len(queries))
	b.ReportMetric(requests/time.Since(start).Seconds(), "req/s")
	b.ReportMetric(float64(busy.Load())*100/requests, "busy-%")
	b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/requests, "cpu-ms/query")
	reportTimes(b, times)
}

// cpuTime is the processor time the process has used, user and system: on
// a machine shared with other work it tells the cost of a query where the
// time it takes does not.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

func reportTimes(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	ms := func(p int) float64 { return float64(times[(len(times)-1)*p/100]) / float64(time.Millisecond) }
	b.ReportMetric(ms(50), "p50-ms")
	b.ReportMetric(ms(99), "p99-ms")
}
