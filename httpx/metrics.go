package httpx

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Metrics counts what /metrics reports in the Prometheus text format:
// requests by route and status and their latency, plus the histograms and
// counters other packages register (PDF render time, cache hits). Written
// by hand: a few counters do not need a client library's dependencies.
// Counting is on atomics behind a read lock: every request counts, so
// counting must neither allocate nor make requests wait on each other.
type Metrics struct {
	mu         sync.RWMutex
	requests   map[requestKey]*atomic.Int64
	latency    map[string]*histogram // by route
	histograms []*Histogram
	counters   []counter
}

type requestKey struct {
	route  string
	status int
}

// counter is a counter or a gauge whose value is read when /metrics is
// served; kind is its Prometheus type.
type counter struct {
	name, help, kind string
	value            func() int64
}

// NewMetrics returns empty metrics.
func NewMetrics() *Metrics {
	return &Metrics{requests: map[requestKey]*atomic.Int64{}, latency: map[string]*histogram{}}
}

// histogram counts durations into buckets, atomically.
type histogram struct {
	counts [len(bucketBounds)]atomic.Int64 // per bucket, not cumulative
	nanos  atomic.Int64                    // the sum
	count  atomic.Int64
}

// bucketBounds are the buckets' upper bounds as durations.
var bucketBounds = [...]time.Duration{500 * time.Microsecond, time.Millisecond, 2500 * time.Microsecond, 5 * time.Millisecond,
	10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond, 250 * time.Millisecond,
	500 * time.Millisecond, time.Second, 2500 * time.Millisecond, 5 * time.Second, 10 * time.Second}

func (h *histogram) observe(d time.Duration) {
	for i, b := range bucketBounds {
		if d <= b {
			h.counts[i].Add(1)
			break
		}
	}
	h.nanos.Add(int64(d))
	h.count.Add(1)
}

// Histogram is a registered duration histogram.
type Histogram struct {
	name, help string
	h          histogram
}

// Observe records one duration.
func (h *Histogram) Observe(d time.Duration) { h.h.observe(d) }

// Histogram registers a histogram of durations in seconds.
func (m *Metrics) Histogram(name, help string) *Histogram {
	h := &Histogram{name: name, help: help}
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

// request counts one request. The counters of a route and status exist
// after its first request; from then on counting takes only the read lock.
func (m *Metrics) request(route string, status int, d time.Duration) {
	k := requestKey{route, status}
	m.mu.RLock()
	n, h := m.requests[k], m.latency[route]
	m.mu.RUnlock()
	if n == nil || h == nil {
		m.mu.Lock()
		if n = m.requests[k]; n == nil {
			n = new(atomic.Int64)
			m.requests[k] = n
		}
		if h = m.latency[route]; h == nil {
			h = new(histogram)
			m.latency[route] = h
		}
		m.mu.Unlock()
	}
	n.Add(1)
	h.observe(d)
}

// ServeHTTP serves the metrics in the Prometheus text format.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	m.mu.RLock()
	counters := append([]counter(nil), m.counters...)
	m.mu.RUnlock()
	values := make([]int64, len(counters))
	for i, c := range counters {
		values[i] = c.value() // outside the lock: a counter may take its own
	}
	// Written into a buffer under the read lock and sent after it: a slow
	// reader of /metrics must not hold up the requests being counted.
	var buf bytes.Buffer
	m.mu.RLock()
	m.write(&buf, counters, values)
	m.mu.RUnlock()
	_, _ = w.Write(buf.Bytes())
}

func (m *Metrics) write(w io.Writer, counters []counter, values []int64) {
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
		fmt.Fprintf(w, "koers_http_requests_total{route=%q,status=\"%d\"} %d\n", k.route, k.status, m.requests[k].Load())
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
	count := h.count.Load() // read first: the buckets may run ahead of it, never behind
	for i, b := range bucketBounds {
		cum += h.counts[i].Load()
		fmt.Fprintf(w, "%s_bucket{%sle=\"%g\"} %d\n", name, labels, b.Seconds(), min(cum, count))
	}
	fmt.Fprintf(w, "%s_bucket{%sle=\"+Inf\"} %d\n", name, labels, count)
	trimmed := strings.TrimSuffix(labels, ",")
	if trimmed != "" {
		trimmed = "{" + trimmed + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %g\n", name, trimmed, time.Duration(h.nanos.Load()).Seconds())
	fmt.Fprintf(w, "%s_count%s %d\n", name, trimmed, count)
}
