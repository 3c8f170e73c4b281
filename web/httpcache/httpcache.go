// Package httpcache keeps rendered responses in memory until the store's
// content changes: each response is rendered once, with its gzip form and
// ETag computed once, and served with 304 to a client that holds it. The
// public site and the API share one cache.
package httpcache

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// Response is a rendered response kept in memory.
type Response struct {
	Status      int
	ContentType string
	Disposition string // Content-Disposition, for files
	Private     bool   // made for one reader: no shared caches
	Policy      string // Content-Security-Policy, if it differs from the site's
	// Meta is what the handler that rendered the response needs to make a
	// reader's own copy of it (the site's PDF controls).
	Meta any
	Body []byte
	gz   []byte // nil when compression does not pay
	etag string
}

// New returns a response with its ETag and, where it pays, its gzip form.
func New(status int, contentType string, body []byte) *Response {
	sum := sha256.Sum256(body)
	r := &Response{Status: status, ContentType: contentType, Body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	if len(body) > 512 && compressible(contentType) {
		var buf bytes.Buffer
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(&buf)
		_, _ = zw.Write(body)
		_ = zw.Close()
		gzipWriters.Put(zw)
		if buf.Len() < len(body) {
			r.gz = buf.Bytes()
		}
	}
	return r
}

// ETag returns the response's entity tag, quoted.
func (r *Response) ETag() string { return r.etag }

// gzipWriters reuses compressors: each holds about a megabyte of state.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// compressible reports whether gzip pays for a content type; PDFs and
// images are compressed already.
func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "json") ||
		strings.Contains(contentType, "xml") || strings.Contains(contentType, "javascript")
}

// size is what the response costs the cache.
func (r *Response) size() int { return len(r.Body) + len(r.gz) + 128 }

// Write sends r, answering a matching If-None-Match with 304 and gzip to
// clients that accept it.
func (r *Response) Write(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	h.Set("Content-Type", r.ContentType)
	h.Set("ETag", r.etag)
	h.Set("Vary", "Accept-Encoding")
	if r.Policy != "" {
		h.Set("Content-Security-Policy", r.Policy)
	}
	if r.Disposition != "" {
		h.Set("Content-Disposition", r.Disposition)
	}
	if r.Private {
		h.Set("Cache-Control", "private, no-cache")
	} else if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if r.Status == http.StatusOK && etagMatch(req.Header.Get("If-None-Match"), r.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := r.Body
	if r.gz != nil && acceptsGzip(req) {
		h.Set("Content-Encoding", "gzip")
		body = r.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(r.Status)
	if req.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/"))
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(name) == "gzip" && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

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

// Invalidate makes the next request check the revision at once; a process
// that writes to the store calls it.
func (c *Cache) Invalidate() { c.checked.Store(0) }

// Hits counts responses served from the cache.
func (c *Cache) Hits() int64 { return c.hits.Load() }

// Misses counts responses rendered because the cache did not hold them.
func (c *Cache) Misses() int64 { return c.misses.Load() }
