package web

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMetrics: /metrics tells every kind of response apart by its route
// label, the page path of any depth included.
func TestMetrics(t *testing.T) {
	site := mustSite(t)
	// Two different pages of one kind share their label.
	grouping := "/leiderdorp/begroting-2022/beleidsbegroting"
	for _, path := range []string{begrotingPath, begrotingPath, grouping, "/nergens", begrotingPath + ".pdf",
		"/leiderdorp/begroting-2022.pdf", "/leiderdorp/begroting-2022.html", "/leiderdorp/begroting-2022",
		begrotingPath + "/indicatoren.csv", burapPath + "/afwijkingen.json",
		"/leiderdorp/indicatoren/jbt-meldingen.csv", "/leiderdorp/indicatoren/jbt-meldingen",
		"/leiderdorp/indicatoren/participatiewet-uitkeringen/vergelijking.json",
		"/zoeken?q=jeugd", "/pdf?pages=1", "/leiderdorp/cyclus/1c/2020"} {
		site.get(t, path)
	}
	// A request is counted just after its response is sent: wait for the last.
	res, body := site.get(t, "/metrics")
	for i := 0; i < 100 && !strings.Contains(body, `route="GET /{org}/cyclus/{programme}/{year}"`); i++ {
		time.Sleep(10 * time.Millisecond)
		res, body = site.get(t, "/metrics")
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`koers_http_requests_total{route="GET /{org}/{doc}/{path...}",status="200"} 3`,
		`koers_http_requests_total{route="GET /{org}",status="404"} 1`,
		`koers_http_requests_total{route="GET /{org}/{doc}/{path...}.pdf",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/{doc}.pdf",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/{doc}.html",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/{doc}",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/{doc}/{path...}/indicatoren.{format}",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/{doc}/{path...}/afwijkingen.{format}",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/indicatoren/{key}.{format}",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/indicatoren/{key}",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/indicatoren/{key}/vergelijking.{format}",status="200"} 1`,
		`koers_http_requests_total{route="GET /zoeken",status="200"} 1`,
		`koers_http_requests_total{route="GET /pdf",status="200"} 1`,
		`koers_http_requests_total{route="GET /{org}/cyclus/{programme}/{year}",status="200"} 1`,
		`koers_http_request_duration_seconds_bucket{route="GET /{org}/{doc}/{path...}",le="+Inf"} 3`,
		`koers_http_request_duration_seconds_count{route="GET /{org}/{doc}/{path...}"} 3`,
		`koers_cache_hits_total 1`,
		`koers_pdf_render_seconds_count 3`,
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
