// Package httpcache keeps rendered responses in memory until the store's
// content changes: each response is rendered once, with its gzip form and
// ETag computed once, and served with 304 to a client that holds it. The
// public site and the API share one cache.
package httpcache

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// Cache keeps rendered responses until the store's revision changes. It
// asks the store for the revision at most once per interval, so a write
// from any process (an import on the command line, another instance) shows
// within that interval.
type Cache struct {
	revision func(ctx context.Context) (int64, error)
	interval atomic.Int64 // nanoseconds
	maxBytes int

	checked atomic.Int64 // unix nanos of the last revision check
	mu      sync.RWMutex
	rev     int64
	entries map[string]*Response
	bytes   int

	hits, misses atomic.Int64
	flight       singleflight.Group // one render per key at a time
}

// NewCache returns a cache that asks revision whether the content changed
// at most once per interval and holds up to maxBytes of responses.
func NewCache(revision func(context.Context) (int64, error), interval time.Duration, maxBytes int) *Cache {
	c := &Cache{revision: revision, maxBytes: maxBytes, entries: map[string]*Response{}}
	c.interval.Store(int64(interval))
	return c
}

// SetInterval changes how often the revision is checked.
func (c *Cache) SetInterval(d time.Duration) { c.interval.Store(int64(d)) }

// refresh drops every entry when the store has changed since the last look.
func (c *Cache) refresh(ctx context.Context) {
	now := time.Now().UnixNano()
	last := c.checked.Load()
	if now-last < c.interval.Load() || !c.checked.CompareAndSwap(last, now) {
		return
	}
	rev, err := c.revision(ctx)
	if err != nil {
		c.checked.Store(0) // try again on the next request
		return
	}
	c.mu.Lock()
	if rev != c.rev {
		c.rev, c.entries, c.bytes = rev, map[string]*Response{}, 0
	}
	c.mu.Unlock()
}

// Get returns the response under key, rendering and keeping it on a miss.
// render also returns whether its result may be kept. An empty key is
// never cached.
func (c *Cache) Get(ctx context.Context, key string, render func() (*Response, bool, error)) (*Response, error) {
	if key == "" {
		r, _, err := render()
		return r, err
	}
	c.refresh(ctx)
	c.mu.RLock()
	r, rev := c.entries[key], c.rev
	c.mu.RUnlock()
	if r != nil {
		c.hits.Add(1)
		return r, nil
	}
	c.misses.Add(1)
	// Readers arriving while the page renders wait for that render instead
	// of starting their own: a cold cache under load renders each page once.
	type result struct {
		r    *Response
		keep bool
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		r, keep, err := render()
		return result{r, keep}, err
	})
	if err != nil {
		return nil, err
	}
	r, keep := v.(result).r, v.(result).keep
	if !keep {
		return r, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rev != rev {
		return r, nil // rendered from data that may already be stale
	}
	if old := c.entries[key]; old != nil {
		c.bytes -= old.size()
	}
	// Over budget: start afresh rather than track recency; a P&C site's
	// working set is far below the budget.
	if c.bytes+r.size() > c.maxBytes {
		c.entries, c.bytes = map[string]*Response{}, 0
	}
	c.entries[key] = r
	c.bytes += r.size()
	return r, nil
}

// Peek returns the response kept under key, or nil, without rendering:
// for serving cached pages ahead of routing. The caller that serves it
// counts it with Served.
func (c *Cache) Peek(ctx context.Context, key string) *Response {
	c.refresh(ctx)
	c.mu.RLock()
	r := c.entries[key]
	c.mu.RUnlock()
	return r
}

// Served counts a response Peek found and the caller served: a hit.
func (c *Cache) Served() { c.hits.Add(1) }

// Invalidate makes the next request check the revision at once; a process
// that writes to the store calls it.
func (c *Cache) Invalidate() { c.checked.Store(0) }

// Hits counts responses served from the cache.
func (c *Cache) Hits() int64 { return c.hits.Load() }

// Misses counts responses rendered because the cache did not hold them.
func (c *Cache) Misses() int64 { return c.misses.Load() }
