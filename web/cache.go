package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// response is a rendered response kept in memory: the body, its gzip form
// and its ETag are computed once.
type response struct {
	status      int
	contentType string
	disposition string       // Content-Disposition, for files
	controls    *pdfControls // a content page's PDF controls, personalised per reader
	private     bool         // made for one reader: no shared caches
	policy      string       // Content-Security-Policy, if any
	body        []byte
	gz          []byte // nil when compression does not pay
	etag        string
}

func newResponse(status int, contentType string, body []byte) *response {
	sum := sha256.Sum256(body)
	r := &response{status: status, contentType: contentType, body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
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

// gzipWriters reuses compressors: each holds about a megabyte of state.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

// compressible reports whether gzip pays for a content type; PDFs and
// images are compressed already.
func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "json") ||
		strings.Contains(contentType, "xml") || strings.Contains(contentType, "javascript")
}

// size is what the response costs the cache.
func (r *response) size() int { return len(r.body) + len(r.gz) + 128 }

// write sends r, answering a matching If-None-Match with 304 and gzip to
// clients that accept it.
func (r *response) write(w http.ResponseWriter, req *http.Request) {
	h := w.Header()
	h.Set("Content-Type", r.contentType)
	h.Set("ETag", r.etag)
	h.Set("Vary", "Accept-Encoding")
	if r.policy != "" {
		h.Set("Content-Security-Policy", r.policy)
	}
	if r.disposition != "" {
		h.Set("Content-Disposition", r.disposition)
	}
	if r.private {
		h.Set("Cache-Control", "private, no-cache")
	} else if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	if r.status == http.StatusOK && etagMatch(req.Header.Get("If-None-Match"), r.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := r.body
	if r.gz != nil && acceptsGzip(req) {
		h.Set("Content-Encoding", "gzip")
		body = r.gz
	}
	h.Set("Content-Length", itoa(len(body)))
	w.WriteHeader(r.status)
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

// cache keeps rendered responses until the store's revision changes. It
// asks the store for the revision at most once per interval, so a write
// from any process (an import on the command line, another instance) shows
// within that interval.
type cache struct {
	revision func(ctx context.Context) (int64, error)
	interval time.Duration
	maxBytes int

	checked atomic.Int64 // unix nanos of the last revision check
	mu      sync.RWMutex
	rev     int64
	entries map[string]*response
	bytes   int

	hits, misses atomic.Int64
	flight       singleflight.Group // one render per key at a time
}

func newCache(revision func(context.Context) (int64, error), interval time.Duration, maxBytes int) *cache {
	return &cache{revision: revision, interval: interval, maxBytes: maxBytes, entries: map[string]*response{}}
}

// refresh drops every entry when the store has changed since the last look.
func (c *cache) refresh(ctx context.Context) {
	now := time.Now().UnixNano()
	last := c.checked.Load()
	if now-last < int64(c.interval) || !c.checked.CompareAndSwap(last, now) {
		return
	}
	rev, err := c.revision(ctx)
	if err != nil {
		c.checked.Store(0) // try again on the next request
		return
	}
	c.mu.Lock()
	if rev != c.rev {
		c.rev, c.entries, c.bytes = rev, map[string]*response{}, 0
	}
	c.mu.Unlock()
}

// get returns the response under key, rendering and keeping it on a miss.
// render also returns whether its result may be kept.
func (c *cache) get(ctx context.Context, key string, render func() (*response, bool, error)) (*response, error) {
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
		r    *response
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
		c.entries, c.bytes = map[string]*response{}, 0
	}
	c.entries[key] = r
	c.bytes += r.size()
	return r, nil
}

// invalidate forces the next request to check the revision.
func (c *cache) invalidate() { c.checked.Store(0) }
