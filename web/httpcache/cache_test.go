package httpcache

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeStore is a Store whose revisions the test writes.
type fakeStore struct {
	mu      sync.Mutex
	revs    revisions
	fail    bool
	asked   atomic.Int32 // calls of Revision
	details atomic.Int32 // calls of Revisions
}

// write is a committed write of content: the global revision changes, and
// with it the revision of each organisation named, and the shared one for
// "*".
func (s *fakeStore) write(scopes ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revs.global++
	orgs := map[string]int64{}
	for k, v := range s.revs.scopes {
		orgs[k] = v
	}
	for _, sc := range scopes {
		if sc == "*" {
			s.revs.shared = s.revs.global
		} else {
			orgs[sc] = s.revs.global
		}
	}
	s.revs.scopes = orgs
}

func (s *fakeStore) Revision(context.Context) (int64, error) {
	s.asked.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return 0, errors.New("database down")
	}
	return s.revs.global, nil
}

func (s *fakeStore) Revisions(context.Context) (global, shared int64, scopes map[string]int64, err error) {
	s.details.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return 0, 0, nil, errors.New("database down")
	}
	return s.revs.global, s.revs.shared, s.revs.scopes, nil // write replaces the map, never changes it
}

// page is a response that costs the cache exactly size bytes under a key
// of keyLen bytes: it is not compressed.
func page(contentType string, size, keyLen int) *Response {
	return &Response{Status: http.StatusOK, ContentType: contentType, Body: make([]byte, size-keyLen-(&Response{}).size())}
}

// keys lists what the cache holds, sorted.
func (c *Cache) keys() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for k := range c.entries {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// counting renders a fixed response and counts its renders by key.
type counting struct {
	mu      sync.Mutex
	renders map[string]int
}

func (r *counting) render(key string, res *Response) Render {
	return func(context.Context) (*Response, bool, error) {
		r.mu.Lock()
		if r.renders == nil {
			r.renders = map[string]int{}
		}
		r.renders[key]++
		r.mu.Unlock()
		return res, true, nil
	}
}

func (r *counting) count(key string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.renders[key]
}

func mustGet(t testing.TB, c *Cache, key string, scope Scope, render Render) *Response {
	t.Helper()
	res, err := c.Get(context.Background(), key, scope, render)
	if err != nil || res == nil {
		t.Fatalf("get %s: %v, %v", key, res, err)
	}
	return res
}

// TestLRUOrder: when a response does not fit, the least recently used goes
// first; a hit counts as a use.
func TestLRUOrder(t *testing.T) {
	const size = 1000
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour, MaxBytes: 3 * size})
	var r counting
	steps := []struct {
		get  string
		hit  bool
		held []string
	}{
		{"/a", false, []string{"/a"}},
		{"/b", false, []string{"/a", "/b"}},
		{"/c", false, []string{"/a", "/b", "/c"}},
		{"/a", true, []string{"/a", "/b", "/c"}},
		{"/d", false, []string{"/a", "/c", "/d"}}, // b is the oldest
		{"/c", true, []string{"/a", "/c", "/d"}},
		{"/e", false, []string{"/c", "/d", "/e"}}, // a was used before d and c
		{"/d", true, []string{"/c", "/d", "/e"}},
		{"/f", false, []string{"/d", "/e", "/f"}},
		{"/b", false, []string{"/d", "/f", "/b"}},
	}
	for i, s := range steps {
		before := r.count(s.get)
		mustGet(t, c, s.get, Scope{}, r.render(s.get, page("text/html", size, len(s.get))))
		if hit := r.count(s.get) == before; hit != s.hit {
			t.Errorf("step %d, get %s: hit %v, want %v", i+1, s.get, hit, s.hit)
		}
		want := slices.Clone(s.held)
		slices.Sort(want)
		if got := c.keys(); !slices.Equal(got, want) {
			t.Errorf("step %d, get %s: cache holds %v, want %v", i+1, s.get, got, want)
		}
		if c.Bytes() != int64(len(s.held)*size) {
			t.Errorf("step %d: %d bytes in use, want %d", i+1, c.Bytes(), len(s.held)*size)
		}
	}
	if c.Evictions() != 4 || c.Hits() != 3 || c.Misses() != 7 {
		t.Errorf("evictions %d, hits %d, misses %d; want 4, 3, 7", c.Evictions(), c.Hits(), c.Misses())
	}
}

// TestBudgetsApart: PDFs and other responses have budgets of their own; a
// crawl of one kind evicts only that kind, and a response over its budget
// is not kept and evicts nothing.
func TestBudgetsApart(t *testing.T) {
	const size = 1000
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour, MaxBytes: 3 * size, MaxPDFBytes: 2 * size})
	var r counting
	get := func(prefix, contentType string, n int) {
		for i := 0; i < n; i++ {
			key := prefix + strconv.Itoa(i)
			mustGet(t, c, key, Scope{}, r.render(key, page(contentType, size, len(key))))
		}
	}
	check := func(step string, held []string, bytes, pdfBytes, evictions int64) {
		t.Helper()
		if got := c.keys(); !slices.Equal(got, held) {
			t.Errorf("%s: cache holds %v, want %v", step, got, held)
		}
		if c.Bytes() != bytes || c.PDFBytes() != pdfBytes || c.Evictions() != evictions {
			t.Errorf("%s: bytes %d, PDF bytes %d, evictions %d; want %d, %d, %d", step, c.Bytes(), c.PDFBytes(), c.Evictions(), bytes, pdfBytes, evictions)
		}
	}
	get("/h", "text/html; charset=utf-8", 3)
	check("three pages", []string{"/h0", "/h1", "/h2"}, 3*size, 0, 0)
	get("/p", "application/pdf", 10)
	check("a crawl of PDFs", []string{"/h0", "/h1", "/h2", "/p8", "/p9"}, 3*size, 2*size, 8)
	get("/x", "application/json", 10)
	check("a crawl of pages", []string{"/p8", "/p9", "/x7", "/x8", "/x9"}, 3*size, 2*size, 18)

	mustGet(t, c, "/big", Scope{}, r.render("/big", page("text/html", 3*size+1, 4)))
	mustGet(t, c, "/big.pdf", Scope{}, r.render("/big.pdf", page("application/pdf", 2*size+1, 8)))
	check("responses over their budget", []string{"/p8", "/p9", "/x7", "/x8", "/x9"}, 3*size, 2*size, 18)

	none := NewCache(&fakeStore{}, Options{Interval: time.Hour, MaxPDFBytes: -1})
	mustGet(t, none, "/p", Scope{}, r.render("/p", page("application/pdf", size, 2)))
	mustGet(t, none, "/h", Scope{}, r.render("/h", page("text/html", size, 2)))
	if got := none.keys(); !slices.Equal(got, []string{"/h"}) {
		t.Errorf("with a negative PDF budget the cache holds %v, want [/h]", got)
	}
}

// TestCrawlKeepsHotPage: a crawl of 24,000 distinct addresses, many times
// what the budget holds, while a hot page is asked for between every ten
// of them: the hot page is rendered once and served from the cache every
// other time, and the budget holds.
func TestCrawlKeepsHotPage(t *testing.T) {
	const (
		size   = 24 << 10 // a programme page with its gzip form
		budget = 1000 * size
		crawl  = 24000
	)
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour, MaxBytes: budget})
	body := make([]byte, size-128-len("/crawl/00000"))
	var hot counting
	hotPage := hot.render("/hot", page("text/html", size, 4))
	hotGets := 0
	for i := 0; i < crawl; i++ {
		key := fmt.Sprintf("/crawl/%05d", i)
		res := &Response{Status: http.StatusOK, ContentType: "text/html", Body: body} // the same bytes: no 600 MB
		mustGet(t, c, key, Scope{Org: "org" + strconv.Itoa(i%50)}, func(context.Context) (*Response, bool, error) { return res, true, nil })
		if i%10 == 0 {
			mustGet(t, c, "/hot", Scope{Org: "org0"}, hotPage)
			hotGets++
		}
		if c.Bytes() > budget {
			t.Fatalf("after %d: %d bytes in use, budget %d", i, c.Bytes(), budget)
		}
	}
	if n := hot.count("/hot"); n != 1 {
		t.Errorf("the hot page was rendered %d times, want once", n)
	}
	if c.Hits() != int64(hotGets-1) || c.Misses() != crawl+1 {
		t.Errorf("hits %d, misses %d; want %d, %d", c.Hits(), c.Misses(), hotGets-1, crawl+1)
	}
	if c.Evictions() != crawl+1-1000 || len(c.keys()) != 1000 {
		t.Errorf("evictions %d, held %d; want %d, 1000", c.Evictions(), len(c.keys()), crawl+1-1000)
	}
}

// TestScopes: a write drops the responses of what it changed and keeps the
// others: an organisation's write drops that organisation's responses, a
// write of shared content those that show it, and any write the responses
// of the whole site.
func TestScopes(t *testing.T) {
	scopes := map[string]Scope{
		"/":                    {},
		"/a":                   {Org: "a"},
		"/a/indicatoren/x":     {Org: "a", Shared: true},
		"/b":                   {Org: "b"},
		"/b/indicatoren/x":     {Org: "b", Shared: true},
		"/nieuw":               {Org: "nieuw"},
		"/nieuw/indicatoren/x": {Org: "nieuw", Shared: true},
	}
	store := &fakeStore{}
	store.write("a", "b", "*")
	c := NewCache(store, Options{Interval: time.Hour})
	var r counting
	fill := func() []string {
		var rendered []string
		for key, scope := range scopes {
			before := r.count(key)
			mustGet(t, c, key, scope, r.render(key, New(http.StatusOK, "text/html", []byte(key))))
			if r.count(key) != before {
				rendered = append(rendered, key)
			}
		}
		slices.Sort(rendered)
		return rendered
	}
	fill()
	for _, tt := range []struct {
		write    []string
		rendered []string
	}{
		{nil, []string{"/"}},
		{[]string{"a"}, []string{"/", "/a", "/a/indicatoren/x"}},
		{[]string{"b"}, []string{"/", "/b", "/b/indicatoren/x"}},
		{[]string{"*"}, []string{"/", "/a/indicatoren/x", "/b/indicatoren/x", "/nieuw/indicatoren/x"}},
		{[]string{"a", "b"}, []string{"/", "/a", "/a/indicatoren/x", "/b", "/b/indicatoren/x"}},
		{[]string{"nieuw"}, []string{"/", "/nieuw", "/nieuw/indicatoren/x"}},
	} {
		t.Run(strings.Join(tt.write, ","), func(t *testing.T) {
			if got := fill(); len(got) != 0 {
				t.Fatalf("before the write, rendered %v", got)
			}
			store.write(tt.write...)
			c.Invalidate()
			if got := fill(); !slices.Equal(got, tt.rendered) {
				t.Errorf("after a write of %v, rendered %v, want %v", tt.write, got, tt.rendered)
			}
		})
	}
}

// TestStaleRenderNotKept: a response whose content changed while it
// rendered is served, not kept; one whose content did not is kept.
func TestStaleRenderNotKept(t *testing.T) {
	store := &fakeStore{}
	store.write("a", "b")
	c := NewCache(store, Options{Interval: time.Hour})
	mustGet(t, c, "/warm", Scope{}, func(context.Context) (*Response, bool, error) { return New(200, "text/plain", nil), true, nil })
	var r counting
	straddle := func(key string, scope Scope, write string) {
		inner := r.render(key, New(http.StatusOK, "text/html", []byte(key)))
		mustGet(t, c, key, scope, func(ctx context.Context) (*Response, bool, error) {
			store.write(write)
			c.Invalidate()
			c.Lookup(ctx, "/warm") // the cache learns of the write
			return inner(ctx)
		})
	}
	straddle("/b", Scope{Org: "b"}, "a")
	straddle("/a", Scope{Org: "a"}, "a")
	if got := c.keys(); !slices.Equal(got, []string{"/b"}) {
		t.Errorf("cache holds %v, want [/b]: /a changed while it rendered, /b did not", got)
	}
}

// TestLeavingReaderFailsNoOther: the reader that started a render leaves,
// and one that waits for the same render gets the response; a waiting
// reader that leaves gets its context's error at once. The render runs
// under the first reader's values, with the cache's time-out, not its end.
func TestLeavingReaderFailsNoOther(t *testing.T) {
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour, RenderTimeout: time.Minute})
	started, release := make(chan struct{}), make(chan struct{})
	type seen struct {
		err      error
		value    any
		deadline time.Duration
	}
	var in seen
	var renders atomic.Int32
	render := func(ctx context.Context) (*Response, bool, error) {
		renders.Add(1)
		close(started)
		<-release
		d, _ := ctx.Deadline()
		in = seen{ctx.Err(), ctx.Value(ctxKey{}), time.Until(d)}
		return New(http.StatusOK, "text/plain", []byte("pagina")), true, nil
	}
	type result struct {
		res *Response
		err error
	}
	get := func(ctx context.Context) chan result {
		ch := make(chan result, 1)
		go func() {
			res, err := c.Get(ctx, "/p", Scope{}, render)
			ch <- result{res, err}
		}()
		return ch
	}
	first, leave := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "eerste"))
	firstDone := get(first)
	<-started
	second := get(context.Background())
	impatient, leaveToo := context.WithCancel(context.Background())
	third := get(impatient)
	for c.waiting.Load() < 2 {
		time.Sleep(time.Millisecond) // until both wait for the render
	}
	leave()
	leaveToo()
	if r := <-third; r.res != nil || !errors.Is(r.err, context.Canceled) {
		t.Errorf("the reader who left got %v, %v; want context.Canceled", r.res, r.err)
	}
	close(release)
	if r := <-second; r.err != nil || string(r.res.Body) != "pagina" {
		t.Errorf("the reader who waited got %v, %v", r.res, r.err)
	}
	if r := <-firstDone; r.err != nil || string(r.res.Body) != "pagina" {
		t.Errorf("the reader who started the render got %v, %v", r.res, r.err)
	}
	if in.err != nil || in.value != "eerste" || in.deadline < 50*time.Second || in.deadline > time.Minute {
		t.Errorf("the render ran with error %v, value %v, %v left; want none, the first reader's, about a minute", in.err, in.value, in.deadline)
	}
	mustGet(t, c, "/p", Scope{}, render)
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
}

type ctxKey struct{}

// TestRenderTimeout: a render that takes longer than the time-out sees its
// context end; its error reaches the reader and nothing is kept.
func TestRenderTimeout(t *testing.T) {
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour, RenderTimeout: 10 * time.Millisecond})
	render := func(ctx context.Context) (*Response, bool, error) {
		<-ctx.Done()
		return nil, false, ctx.Err()
	}
	if _, err := c.Get(context.Background(), "/traag", Scope{}, render); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline's", err)
	}
	if got := c.keys(); len(got) != 0 {
		t.Errorf("cache holds %v", got)
	}
}

// TestRenderPanics: a render that panics panics in the reader that started
// it (the HTTP layer recovers it) and fails the readers waiting for it
// with an error; the next reader renders again.
func TestRenderPanics(t *testing.T) {
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour})
	started, release := make(chan struct{}), make(chan struct{})
	var first atomic.Bool
	render := func(context.Context) (*Response, bool, error) {
		if first.CompareAndSwap(false, true) {
			close(started)
			<-release
			panic("stuk")
		}
		return New(http.StatusOK, "text/plain", []byte("heel")), true, nil
	}
	panicked := make(chan any, 1)
	go func() {
		defer func() { panicked <- recover() }()
		c.Get(context.Background(), "/p", Scope{}, render)
	}()
	<-started
	waiter := make(chan error, 1)
	go func() {
		_, err := c.Get(context.Background(), "/p", Scope{}, render)
		waiter <- err
	}()
	for c.waiting.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	close(release)
	if p := <-panicked; p != "stuk" {
		t.Errorf("the first reader's panic = %v", p)
	}
	if err := <-waiter; err == nil || !strings.Contains(err.Error(), "render /p: panic: stuk") {
		t.Errorf("the waiting reader's error = %v", err)
	}
	if res := mustGet(t, c, "/p", Scope{}, render); string(res.Body) != "heel" {
		t.Errorf("after the panic: %q", res.Body)
	}
}

// TestRevisionChecks: the cache asks for the revision at most once per
// interval (or at once after Invalidate), asks which content changed only
// when it changed, and serves what it holds while the store fails.
func TestRevisionChecks(t *testing.T) {
	store := &fakeStore{}
	c := NewCache(store, Options{Interval: time.Hour})
	var r counting
	get := func() {
		mustGet(t, c, "/p", Scope{Org: "a"}, r.render("/p", New(http.StatusOK, "text/plain", []byte("p"))))
	}
	check := func(step string, asked, details, renders int) {
		t.Helper()
		if int(store.asked.Load()) != asked || int(store.details.Load()) != details || r.count("/p") != renders {
			t.Errorf("%s: Revision asked %d times, Revisions %d, renders %d; want %d, %d, %d",
				step, store.asked.Load(), store.details.Load(), r.count("/p"), asked, details, renders)
		}
	}
	get()
	get()
	check("first reads", 1, 1, 1)
	c.Invalidate()
	get()
	check("nothing written", 2, 1, 1)
	store.write("b")
	c.Invalidate()
	get()
	check("another organisation written", 3, 2, 1)
	store.write("a")
	get()
	check("within the interval", 3, 2, 1)
	c.Invalidate()
	get()
	check("the organisation written", 4, 3, 2)
	store.mu.Lock()
	store.fail = true
	store.mu.Unlock()
	c.Invalidate()
	get()
	get()
	check("the store fails", 5, 3, 2)
}

// TestHitAllocatesNothing guards the hot path: a hit allocates nothing.
func TestHitAllocatesNothing(t *testing.T) {
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour})
	res := New(http.StatusOK, "text/html", []byte("<p>pagina</p>"))
	render := func(context.Context) (*Response, bool, error) { return res, true, nil }
	ctx := context.Background()
	mustGet(t, c, "/p", Scope{Org: "a"}, render)
	if n := testing.AllocsPerRun(1000, func() { _, _ = c.Get(ctx, "/p", Scope{Org: "a"}, render) }); n != 0 {
		t.Errorf("Get allocates %v times on a hit", n)
	}
	if n := testing.AllocsPerRun(1000, func() { _ = c.Lookup(ctx, "/p") }); n != 0 {
		t.Errorf("Lookup allocates %v times on a hit", n)
	}
}

// BenchmarkHit: readers on every core asking for one hot page.
func BenchmarkHit(b *testing.B) {
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour})
	res := New(http.StatusOK, "text/html", make([]byte, 20<<10))
	render := func(context.Context) (*Response, bool, error) { return res, true, nil }
	ctx := context.Background()
	mustGet(b, c, "/leiderdorp/begroting-2022/1c", Scope{Org: "leiderdorp"}, render)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if r, _ := c.Get(ctx, "/leiderdorp/begroting-2022/1c", Scope{Org: "leiderdorp"}, render); r != res {
				b.Fatal("miss")
			}
		}
	})
}

// BenchmarkHitSpread: readers on every core asking for 1,000 pages in turn.
func BenchmarkHitSpread(b *testing.B) {
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour})
	res := New(http.StatusOK, "text/html", make([]byte, 20<<10))
	render := func(context.Context) (*Response, bool, error) { return res, true, nil }
	ctx := context.Background()
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = fmt.Sprintf("/org%d/begroting-2022/%d", i%50, i)
		mustGet(b, c, keys[i], Scope{Org: "org" + strconv.Itoa(i%50)}, render)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			if r := c.Lookup(ctx, keys[i%len(keys)]); r != res {
				b.Fatal("miss")
			}
		}
	})
}

// BenchmarkMissEvict: a crawl through a full cache, each miss evicting.
func BenchmarkMissEvict(b *testing.B) {
	const size = 24 << 10
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour, MaxBytes: 1000 * size})
	body := make([]byte, size-128-16)
	ctx := context.Background()
	keys := make([]string, 100000)
	for i := range keys {
		keys[i] = fmt.Sprintf("/crawl/%09d", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res := &Response{Status: http.StatusOK, ContentType: "text/html", Body: body}
		_, _ = c.Get(ctx, keys[i%len(keys)], Scope{}, func(context.Context) (*Response, bool, error) { return res, true, nil })
	}
}
