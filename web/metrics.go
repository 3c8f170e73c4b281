package web

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// metrics counts what /metrics reports in the Prometheus text format:
// requests by route and status, their latency, cache hits and misses, and
// PDF render time. Written by hand: a few counters do not need a client
// library's dependencies.
type metrics struct {
	mu       sync.Mutex
	requests map[requestKey]int64
	latency  map[string]*histogram // by route
	pdf      histogram
}

type requestKey struct{ route, status string }

var buckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []int64 // per bucket, not cumulative
	sum    float64
	count  int64
}

func (h *histogram) observe(v float64) {
	if h.counts == nil {
		h.counts = make([]int64, len(buckets))
	}
	for i, b := range buckets {
		if v <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += v
	h.count++
}

func newMetrics() *metrics {
	return &metrics{requests: map[requestKey]int64{}, latency: map[string]*histogram{}}
}

func (m *metrics) request(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, fmt.Sprint(status)}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{}
		m.latency[route] = h
	}
	h.observe(d.Seconds())
}

func (m *metrics) pdfRendered(d time.Duration) {
	m.mu.Lock()
	m.pdf.observe(d.Seconds())
	m.mu.Unlock()
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	hits, misses := s.CacheStats()
	m := s.metrics
	m.mu.Lock()
	defer m.mu.Unlock()

	fmt.Fprintln(w, "# HELP koers_http_requests_total HTTP requests by route and status.")
	fmt.Fprintln(w, "# TYPE koers_http_requests_total counter")
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].route != keys[j].route {
			return keys[i].route < keys[j].route
		}
		return keys[i].status < keys[j].status
	})
	for _, k := range keys {
		fmt.Fprintf(w, "koers_http_requests_total{route=%q,status=%q} %d\n", k.route, k.status, m.requests[k])
	}
	fmt.Fprintln(w, "# HELP koers_http_request_duration_seconds Time to answer a request, by route.")
	fmt.Fprintln(w, "# TYPE koers_http_request_duration_seconds histogram")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, route := range routes {
		writeHistogram(w, "koers_http_request_duration_seconds", fmt.Sprintf("route=%q,", route), m.latency[route])
	}
	fmt.Fprintln(w, "# HELP koers_cache_hits_total Responses served from the page cache.")
	fmt.Fprintln(w, "# TYPE koers_cache_hits_total counter")
	fmt.Fprintf(w, "koers_cache_hits_total %d\n", hits)
	fmt.Fprintln(w, "# HELP koers_cache_misses_total Responses rendered because the cache did not hold them.")
	fmt.Fprintln(w, "# TYPE koers_cache_misses_total counter")
	fmt.Fprintf(w, "koers_cache_misses_total %d\n", misses)
	fmt.Fprintln(w, "# HELP koers_pdf_render_seconds Time to render a PDF.")
	fmt.Fprintln(w, "# TYPE koers_pdf_render_seconds histogram")
	writeHistogram(w, "koers_pdf_render_seconds", "", &m.pdf)
}

func writeHistogram(w io.Writer, name, labels string, h *histogram) {
	var cum int64
	for i, b := range buckets {
		if h.counts != nil {
			cum += h.counts[i]
		}
		fmt.Fprintf(w, "%s_bucket{%sle=\"%g\"} %d\n", name, labels, b, cum)
	}
	fmt.Fprintf(w, "%s_bucket{%sle=\"+Inf\"} %d\n", name, labels, h.count)
	trimmed := strings.TrimSuffix(labels, ",")
	if trimmed != "" {
		trimmed = "{" + trimmed + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %g\n", name, trimmed, h.sum)
	fmt.Fprintf(w, "%s_count%s %d\n", name, trimmed, h.count)
}
