package web

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestReadyz(t *testing.T) {
	site := mustSite(t)
	if res, body := site.get(t, "/readyz"); res.StatusCode != 200 || strings.TrimSpace(body) != "ready" {
		t.Errorf("readyz: %d %q", res.StatusCode, body)
	}
	site.store.Close()
	if res, _ := site.get(t, "/readyz"); res.StatusCode != 503 {
		t.Errorf("readyz with the database closed: %d", res.StatusCode)
	}
}

func TestMetrics(t *testing.T) {
	site := mustSite(t)
	site.get(t, begrotingPath)
	site.get(t, begrotingPath)
	site.get(t, "/nergens")
	site.get(t, begrotingPath+".pdf")
	// A request is counted just after its response is sent: wait for the last.
	res, body := site.get(t, "/metrics")
	for i := 0; i < 100 && (!strings.Contains(body, "koers_pdf_render_seconds_count 1") || !strings.Contains(body, `status="200"} 3`)); i++ {
		time.Sleep(10 * time.Millisecond)
		res, body = site.get(t, "/metrics")
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`koers_http_requests_total{route="GET /{path...}",status="200"} 3`,
		`koers_http_requests_total{route="GET /{path...}",status="404"} 1`,
		`koers_http_request_duration_seconds_bucket{route="GET /{path...}",le="+Inf"} 4`,
		`koers_http_request_duration_seconds_count{route="GET /{path...}"} 4`,
		`koers_cache_hits_total 1`,
		`koers_pdf_render_seconds_count 1`,
		`# TYPE koers_pdf_render_seconds histogram`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	// Every sample line is name{labels} value.
	line := regexp.MustCompile(`^[a-z_]+(\{([a-z_]+="(\\.|[^"\\])*",?)*\})? [0-9.e+-]+$`)
	for _, l := range strings.Split(strings.TrimSpace(body), "\n") {
		if !strings.HasPrefix(l, "#") && !line.MatchString(l) {
			t.Errorf("not a sample: %q", l)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	site := mustSite(t)
	res, _ := site.get(t, begrotingPath)
	for name, want := range map[string]string{
		"Content-Security-Policy": "script-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	} {
		if got := res.Header.Get(name); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to hold %q", name, got, want)
		}
	}
}
