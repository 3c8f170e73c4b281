package httpx

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// Metrics counts what /metrics reports in the Prometheus text format:
// requests by route and status and their latency, plus the histograms and
// counters other packages register (PDF render time, cache hits). Written
// by hand: a few counters do not need a client library's dependencies.
type Metrics struct {
	mu         sync.Mutex
	requests   map[requestKey]int64
	latency    map[string]*histogram // by route
	histograms []*Histogram
	counters   []counter
}

type requestKey struct{ route, status string }

// counter is a counter or a gauge whose value is read when /metrics is
// served; kind is its Prometheus type.
type counter struct {
	name, help, kind string
	value            func() int64
}

// NewMetrics returns empty metrics.
func NewMetrics() *Metrics {
	return &Metrics{requests: map[requestKey]int64{}, latency: map[string]*histogram{}}
}

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

// Histogram is a registered duration histogram.
type Histogram struct {
	name, help string
	m          *Metrics
	h          histogram
}

// Observe records one duration.
func (h *Histogram) Observe(d time.Duration) {
	h.m.mu.Lock()
	h.h.observe(d.Seconds())
	h.m.mu.Unlock()
}

// Histogram registers a histogram of durations in seconds.
func (m *Metrics) Histogram(name, help string) *Histogram {
	h := &Histogram{name: name, help: help, m: m}
	m.mu.Lock()
	m.histograms = append(m.histograms, h)
	m.mu.Unlock()
	return h
}

// Counter registers a counter whose value is read when /metrics is served.
func (m *Metrics) Counter(name, help string, value func() int64) {
	m.mu.Lock()
	m.counters = append(m.counters, counter{name, help, "counter", value})
	m.mu.Unlock()
}

// Gauge registers a value that goes up and down (memory in use), read when
// /metrics is served.
func (m *Metrics) Gauge(name, help string, value func() int64) {
	m.mu.Lock()
	m.counters = append(m.counters, counter{name, help, "gauge", value})
	m.mu.Unlock()
}

func (m *Metrics) request(route string, status int, d time.Duration) {
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

// ServeHTTP serves the metrics in the Prometheus text format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	m.mu.Lock()
	counters := append([]counter(nil), m.counters...)
	m.mu.Unlock()
	values := make([]int64, len(counters))
	for i, c := range counters {
		values[i] = c.value() // outside the lock: a counter may take its own
	}
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
	for i, c := range counters {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n%s %d\n", c.name, c.help, c.name, c.kind, c.name, values[i])
	}
	for _, h := range m.histograms {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s histogram\n", h.name, h.help, h.name)
		writeHistogram(w, h.name, "", &h.h)
	}
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
