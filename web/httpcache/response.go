package httpcache

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
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
