package httpx

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCountersAndGauges: registered values are read when /metrics is
// served, each with its Prometheus type.
func TestCountersAndGauges(t *testing.T) {
	m := NewMetrics()
	hits, bytes := int64(0), int64(0)
	m.Counter("koers_cache_hits_total", "Hits.", func() int64 { return hits })
	m.Gauge("koers_cache_bytes", "Bytes held.", func() int64 { return bytes })
	hits, bytes = 7, 4096
	w := httptest.NewRecorder()
	m.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	want := "# HELP koers_cache_hits_total Hits.\n# TYPE koers_cache_hits_total counter\nkoers_cache_hits_total 7\n" +
		"# HELP koers_cache_bytes Bytes held.\n# TYPE koers_cache_bytes gauge\nkoers_cache_bytes 4096\n"
	if !strings.Contains(w.Body.String(), want) {
		t.Errorf("metrics lack\n%s\ngot\n%s", want, w.Body.String())
	}
}
