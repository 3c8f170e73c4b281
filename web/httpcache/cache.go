// Package httpcache keeps rendered responses in memory until the content
// they show changes: each response is rendered once, with its gzip form and
// ETag computed once, and served with 304 to a client that holds it. The
// public site and the API share one cache.
//
// The cache holds what is hot within a byte budget, one for PDFs and one for
// everything else, evicting the least recently used; it drops a response
// when the store says the organisation it belongs to changed, and keeps the
// other organisations' responses.
package httpcache

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of Options.
const (
	DefaultInterval      = 500 * time.Millisecond
	DefaultMaxBytes      = 64 << 20
	DefaultMaxPDFBytes   = 32 << 20
	DefaultRenderTimeout = 30 * time.Second
)

// Store tells the cache what changed; koers.Store is one.
type Store interface {
	// Revision changes with every write of content; the cache asks it at
	// most once per interval.
	Revision(ctx context.Context) (int64, error)
	// Revisions says which content changed, in one snapshot: the global
	// revision (Revision), the shared one (see Scope.Shared) and each
	// scope's by its name (Scope.Org). The cache asks it when Revision
	// changed, and drops the responses whose revisions differ from those
	// it saw before.
	Revisions(ctx context.Context) (global, shared int64, scopes map[string]int64, err error)
}

// Scope is what a response shows, so that the cache drops it when that
// changes and keeps it when something else does.
type Scope struct {
	// Org is the slug of the organisation whose content the response shows.
	// "" is a response that may show anything (the home page, a list across
	// organisations): any write drops it.
	Org string
	// Shared says that the response also shows what the pages of every
	// organisation show (benchmark figures, organisations' names): a write
	// of that drops it too.
	Shared bool
}

// Options configure a Cache. Zero values pick the defaults.
type Options struct {
	// Interval is how often the cache asks the store whether anything
	// changed, so that a write from any process (an import on the command
	// line, another instance) shows within it.
	Interval time.Duration
	// MaxBytes bounds what the responses other than PDFs take, MaxPDFBytes
	// what the PDFs take: separately, so that a crawl of one kind cannot
	// push out the other. A negative budget keeps nothing of that kind.
	MaxBytes, MaxPDFBytes int64
	// RenderTimeout bounds a render. A render runs under a context of its
	// own, so that a reader who leaves does not fail the others waiting
	// for the same response.
	RenderTimeout time.Duration
}

// Render renders a response under ctx; keep says whether it may be kept.
type Render func(ctx context.Context) (res *Response, keep bool, err error)

// Cache keeps rendered responses until the content they show changes,
// within its byte budgets.
//
// Eviction is sampled LRU: every hit stamps its entry with a logical clock
// and, when a response does not fit, the cache evicts the oldest of up to
// sample entries drawn at random from that budget's entries, until it
// fits. A hit then costs a read lock, a map lookup and two atomic adds,
// and allocates nothing; an exact
// LRU list would need the write lock on every hit to move the entry to the
// front, serialising the hot path. The entry evicted is on average among
// the oldest 1/(sample+1) of all, and one read more often than the budget
// turns over (a hot page during a crawl) is practically never the oldest
// of a sample; with no more entries than the sample it is exact LRU. CLOCK
// would be as cheap, but keeps no order of last use among the entries it
// keeps, only a bit.
type Cache struct {
	store    Store
	interval atomic.Int64 // nanoseconds
	timeout  time.Duration

	// due says the interval since the last check has passed: the next
	// request checks. A timer sets it, so that a hit reads no clock.
	due      atomic.Bool
	armed    atomic.Bool  // a timer is pending
	known    atomic.Int64 // the global revision applied last
	checking sync.Mutex   // one check at a time

	mu      sync.RWMutex
	entries map[string]*entry
	pools   [2]pool   // by kind: other, pdf
	revs    revisions // as applied last

	clock                   atomic.Uint64 // stamps of use
	hits, misses, evictions atomic.Int64
	bytes                   [2]atomic.Int64 // pools[i].bytes, readable without the lock

	flightMu sync.Mutex
	flights  map[string]*flight // renders under way, by key
	waiting  atomic.Int64       // readers waiting for another's render
}

// revisions is what Store.Revisions says.
type revisions struct {
	global, shared int64
	scopes         map[string]int64
}

// sample is how many entries eviction compares; see Cache.
const sample = 16

const (
	other = iota
	pdf
)

type entry struct {
	key   string
	res   *Response
	scope Scope
	size  int64
	kind  int
	slot  int           // index in its pool's list
	used  atomic.Uint64 // clock at the last use
}

// pool is the entries under one budget.
type pool struct {
	max   int64
	bytes int64
	list  []*entry // to sample from
}

// flight is a render under way that readers of the same key wait for.
type flight struct {
	done chan struct{}
	res  *Response
	err  error
}

// NewCache returns an empty cache of what store holds.
func NewCache(store Store, opt Options) *Cache {
	if opt.Interval == 0 {
		opt.Interval = DefaultInterval
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.MaxPDFBytes == 0 {
		opt.MaxPDFBytes = DefaultMaxPDFBytes
	}
	if opt.RenderTimeout == 0 {
		opt.RenderTimeout = DefaultRenderTimeout
	}
	c := &Cache{store: store, timeout: opt.RenderTimeout, entries: map[string]*entry{}, flights: map[string]*flight{}}
	c.pools[other].max, c.pools[pdf].max = opt.MaxBytes, opt.MaxPDFBytes
	c.interval.Store(int64(opt.Interval))
	c.known.Store(-1) // nothing seen yet: the first check applies what it finds
	c.due.Store(true)
	return c
}

// SetInterval changes how often the revision is checked.
func (c *Cache) SetInterval(d time.Duration) { c.interval.Store(int64(d)) }

// Invalidate makes the next request check the revision at once; a process
// that writes to the store calls it.
func (c *Cache) Invalidate() { c.due.Store(true) }

// Lookup returns the response kept under key, or nil; Get is Lookup and a
// render on a miss.
func (c *Cache) Lookup(ctx context.Context, key string) *Response {
	if key == "" {
		return nil
	}
	c.refresh(ctx)
	c.mu.RLock()
	e := c.entries[key]
	c.mu.RUnlock()
	if e == nil {
		return nil
	}
	e.used.Store(c.clock.Add(1))
	c.hits.Add(1)
	return e.res
}

// Get returns the response kept under key or, on a miss, renders it and
// keeps it in scope when render says it may be kept. An empty key is never
// kept. Readers of a key that is being rendered wait for that render
// instead of starting their own, each until its own ctx ends; the render
// runs under a context that carries ctx's values but not its end, with the
// cache's time-out, so that a reader who leaves fails no other.
func (c *Cache) Get(ctx context.Context, key string, scope Scope, render Render) (*Response, error) {
	if key == "" {
		r, _, err := render(ctx)
		return r, err
	}
	if r := c.Lookup(ctx, key); r != nil {
		return r, nil
	}
	c.misses.Add(1)

	c.flightMu.Lock()
	if f := c.flights[key]; f != nil {
		c.waiting.Add(1)
		c.flightMu.Unlock()
		defer c.waiting.Add(-1)
		select {
		case <-f.done:
			return f.res, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f := &flight{done: make(chan struct{})}
	c.flights[key] = f
	c.flightMu.Unlock()
	// The first reader renders in its own goroutine, so that the request's
	// other layers (its route label) see what the render tells them; it
	// stays until the render ends even if its client leaves.
	defer func() {
		p := recover()
		if p != nil {
			f.res, f.err = nil, fmt.Errorf("render %s: panic: %v\n%s", key, p, debug.Stack())
		}
		c.flightMu.Lock()
		delete(c.flights, key)
		c.flightMu.Unlock()
		close(f.done)
		if p != nil {
			panic(p)
		}
	}()
	seen := c.seen(scope)
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.timeout)
	defer cancel()
	res, keep, err := render(rctx)
	f.res, f.err = res, err
	if err == nil && keep && res != nil {
		c.put(key, scope, seen, res)
	}
	return res, err
}

// stamp is what the cache knows of the revisions a scope's responses
// depend on.
type stamp struct{ org, shared int64 }

// seen returns the stamp of scope now.
func (c *Cache) seen(s Scope) stamp {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stampLocked(s)
}

func (c *Cache) stampLocked(s Scope) stamp {
	if s.Org == "" {
		return stamp{org: c.revs.global}
	}
	st := stamp{org: c.revs.scopes[s.Org]}
	if s.Shared {
		st.shared = c.revs.shared
	}
	return st
}

// put keeps res under key, evicting the least recently used of its kind
// until it fits; unless what it shows changed while it rendered (seen is
// the stamp from before), or it alone is over the budget.
func (c *Cache) put(key string, scope Scope, seen stamp, res *Response) {
	kind := other
	if res.ContentType == "application/pdf" {
		kind = pdf
	}
	size := int64(res.size() + len(key))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stampLocked(scope) != seen {
		return // rendered from content that may have changed since
	}
	if old := c.entries[key]; old != nil {
		c.remove(old)
	}
	p := &c.pools[kind]
	if size > p.max {
		return
	}
	for p.bytes+size > p.max {
		c.remove(p.oldest())
		c.evictions.Add(1)
	}
	e := &entry{key: key, res: res, scope: scope, size: size, kind: kind, slot: len(p.list)}
	e.used.Store(c.clock.Add(1))
	p.list = append(p.list, e)
	p.bytes += size
	c.bytes[kind].Store(p.bytes)
	c.entries[key] = e
}

// oldest returns the least recently used of a sample of the pool's
// entries; the pool is not empty.
func (p *pool) oldest() *entry {
	n := len(p.list)
	if n <= sample {
		old := p.list[0]
		for _, e := range p.list[1:] {
			if e.used.Load() < old.used.Load() {
				old = e
			}
		}
		return old
	}
	old := p.list[rand.IntN(n)]
	for i := 1; i < sample; i++ {
		if e := p.list[rand.IntN(n)]; e.used.Load() < old.used.Load() {
			old = e
		}
	}
	return old
}

// remove drops an entry; c.mu is held.
func (c *Cache) remove(e *entry) {
	p := &c.pools[e.kind]
	last := p.list[len(p.list)-1]
	p.list[e.slot], last.slot = last, e.slot
	p.list[len(p.list)-1] = nil
	p.list = p.list[:len(p.list)-1]
	p.bytes -= e.size
	c.bytes[e.kind].Store(p.bytes)
	delete(c.entries, e.key)
}

// refresh asks the store whether anything changed, at most once per
// interval, and drops what did.
func (c *Cache) refresh(ctx context.Context) {
	if !c.due.Load() || !c.due.CompareAndSwap(true, false) {
		return
	}
	// One timer at a time: an Invalidate between two checks does not start
	// a second series of them. A pending timer keeps the cache alive until
	// it fires; an idle cache then has none.
	if c.armed.CompareAndSwap(false, true) {
		time.AfterFunc(time.Duration(c.interval.Load()), func() {
			c.armed.Store(false)
			c.due.Store(true)
		})
	}
	if !c.checking.TryLock() {
		c.due.Store(true) // a check under way may have read the store before the write
		return
	}
	defer c.checking.Unlock()
	// On an error the cache serves what it holds and asks again after the
	// interval: a database that is down is not asked on every request.
	rev, err := c.store.Revision(ctx)
	if err != nil || rev == c.known.Load() {
		return
	}
	var revs revisions
	revs.global, revs.shared, revs.scopes, err = c.store.Revisions(ctx)
	if err != nil {
		return
	}
	c.apply(revs)
}

// apply drops the entries whose content changed between the revisions
// applied last and revs: every entry of the whole site's scope, those of
// the organisations whose revision changed and, when the shared revision
// changed, those that show it. A pass over all entries: it runs once per
// interval at most, and only when something was written.
func (c *Cache) apply(revs revisions) {
	c.mu.Lock()
	defer c.mu.Unlock()
	shared := revs.shared != c.revs.shared
	for _, e := range c.entries {
		s := e.scope
		if s.Org == "" || c.revs.scopes[s.Org] != revs.scopes[s.Org] || (s.Shared && shared) {
			c.remove(e)
		}
	}
	c.revs = revs
	c.known.Store(revs.global)
}

// Hits counts responses served from the cache.
func (c *Cache) Hits() int64 { return c.hits.Load() }

// Misses counts responses rendered because the cache did not hold them.
func (c *Cache) Misses() int64 { return c.misses.Load() }

// Evictions counts responses dropped to make room for others.
func (c *Cache) Evictions() int64 { return c.evictions.Load() }

// Bytes is what the responses other than PDFs take now.
func (c *Cache) Bytes() int64 { return c.bytes[other].Load() }

// PDFBytes is what the PDFs take now.
func (c *Cache) PDFBytes() int64 { return c.bytes[pdf].Load() }
