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
	"sync/atomic"
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
	// Route is the route label the response was rendered under, set by a
	// handler that keeps it under its request's path alone: such a
	// response may be served by path (Cache.Peek) without routing.
	Route string
	Body  []byte
	gz    []byte // nil when compression does not pay
	etag  string

	// headers are the response's header values, made once on the first
	// Write (the fields above are set after New) and shared by every
	// later one: serving from the cache allocates nothing of its own.
	headers atomic.Pointer[headers]
}

// headers are the values Write puts in a response's header map, each
// slice of length and capacity one, so that a later Add copies it rather
// than writing into what other responses share.
type headers struct {
	contentType, etag, cacheControl, policy, disposition []string
	length, gzLength                                     []string
}

var (
	varyEncoding = []string{"Accept-Encoding"}
	gzipEncoding = []string{"gzip"}
	privateCache = []string{"private, no-cache"}
	sharedCache  = []string{"no-cache"}
)

func one(v string) []string {
	if v == "" {
		return nil
	}
	return []string{v}
}

func (r *Response) header() *headers {
	if h := r.headers.Load(); h != nil {
		return h
	}
	h := &headers{contentType: one(r.ContentType), etag: one(r.etag), policy: one(r.Policy), disposition: one(r.Disposition),
		cacheControl: sharedCache, length: one(strconv.Itoa(len(r.Body)))}
	if r.Private {
		h.cacheControl = privateCache
	}
	if r.gz != nil {
		h.gzLength = one(strconv.Itoa(len(r.gz)))
	}
	r.headers.Store(h)
	return h
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
// clients that accept it. A Cache-Control the handler set stands, unless
// r is private.
func (r *Response) Write(w http.ResponseWriter, req *http.Request) {
	pre := r.header()
	h := w.Header()
	h["Content-Type"] = pre.contentType
	h["Etag"] = pre.etag // http.CanonicalHeaderKey("ETag")
	h["Vary"] = varyEncoding
	if pre.policy != nil {
		h["Content-Security-Policy"] = pre.policy
	}
	if pre.disposition != nil {
		h["Content-Disposition"] = pre.disposition
	}
	if r.Private || h["Cache-Control"] == nil {
		h["Cache-Control"] = pre.cacheControl
	}
	if r.Status == http.StatusOK && etagMatch(req.Header["If-None-Match"], r.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, length := r.Body, pre.length
	if r.gz != nil && acceptsGzip(req.Header["Accept-Encoding"]) {
		h["Content-Encoding"] = gzipEncoding
		body, length = r.gz, pre.gzLength
	}
	h["Content-Length"] = length
	w.WriteHeader(r.Status)
	if req.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match header names etag (weakly,
// as RFC 9110 asks for If-None-Match) or is "*".
func etagMatch(header []string, etag string) bool {
	for _, line := range header {
		for rest := line; rest != ""; {
			var t string
			t, rest, _ = strings.Cut(rest, ",")
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding lists gzip without q=0.
func acceptsGzip(header []string) bool {
	for _, line := range header {
		for rest := line; rest != ""; {
			var part string
			part, rest, _ = strings.Cut(rest, ",")
			name, q, _ := strings.Cut(part, ";")
			if strings.TrimSpace(name) == "gzip" && !zeroQ(q) {
				return true
			}
		}
	}
	return false
}

// zeroQ reports whether a parameter list gives a quality of zero ("q=0",
// "q=0.000"): the client refuses the coding.
func zeroQ(params string) bool {
	name, v, ok := strings.Cut(strings.TrimSpace(params), "=")
	if !ok || strings.TrimSpace(name) != "q" {
		return false
	}
	q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	return err == nil && q == 0
}
