// Command scaleload is the HTTP side of scripts/scale.sh: it reads a
// running koers's sitemap, searches it and crawls it, and prints what it
// measured as key=value lines for the script's table. It talks to koers
// over HTTP only, as a reader or a crawler would.
//
//	scaleload sitemap --base URL --urls FILE
//	    times /sitemap.xml (cold: the first request renders it) and, when it
//	    is a sitemap index, the first organisation's sitemap it lists and
//	    the slowest; writes every page URL of the sitemap(s) to FILE.
//	scaleload search --base URL --queries FILE [--organisations FILE] [--connections C] [--count N | --duration D]
//	    searches (/zoeken?q=...) for the queries of FILE (one a line) in turn
//	    over C connections, everywhere or within each organisation of the
//	    second FILE in turn (organisatie=SLUG): N searches (default: each
//	    query once), or as many as fit in D; prints requests/s, p50, p99,
//	    the statuses that were not 200 and, from koers's /metrics, how many
//	    were answered from its search cache.
//	scaleload crawl --urls FILE [--hot URL] [--concurrency C] [--interval I]
//	    fetches every URL of FILE but the hot page over C connections while
//	    one reader asks for the hot page every I on a connection of its
//	    own; prints the crawl's rate, the hot page's p50, p99 and slowest
//	    time, and from koers's cache counters how often the hot page was
//	    rendered again (the misses beyond one per crawled URL: run it on a
//	    server that has not served the crawl's pages yet), and the five
//	    slowest URLs.
//
// Times are of 200 responses only; the others are counted by status.
//
//	scaleload port
//	    prints a free port on 127.0.0.1.
//
// Every run is bounded (--max), and requests time out after 30 s.
package main

import (
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scaleload:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	if len(args) == 0 {
		return errors.New("want a command: sitemap, search, crawl or port")
	}
	switch args[0] {
	case "sitemap":
		return sitemapCmd(args[1:], w)
	case "search":
		return searchCmd(args[1:], w)
	case "crawl":
		return crawlCmd(args[1:], w)
	case "port":
		// A free port on the loopback address, for a server that must know
		// its own address before it starts (--base-url).
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer ln.Close()
		_, err = fmt.Fprintln(w, ln.Addr().(*net.TCPAddr).Port)
		return err
	}
	return fmt.Errorf("unknown command %q: want sitemap, search, crawl or port", args[0])
}

// client returns an HTTP client for up to conns connections at once that
// asks for gzip as browsers do and leaves the body compressed.
func client(conns int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = conns
	t.MaxIdleConnsPerHost = conns
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}

// get fetches u and reads the whole body; it returns the status and the
// time to the last byte.
func get(ctx context.Context, c *http.Client, u string, body io.Writer) (int, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	if body == nil {
		req.Header.Set("Accept-Encoding", "gzip")
		body = io.Discard
	}
	start := time.Now()
	res, err := c.Do(req)
	if err != nil {
		return 0, time.Since(start), err
	}
	_, err = io.Copy(body, res.Body)
	res.Body.Close()
	return res.StatusCode, time.Since(start), err
}

// sitemapDoc is a sitemap or a sitemap index (sitemaps.org).
type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []string `xml:"url>loc"`
	Sitemaps []string `xml:"sitemap>loc"`
}

func fetchSitemap(ctx context.Context, c *http.Client, u string) (*sitemapDoc, time.Duration, error) {
	var buf strings.Builder
	status, took, err := get(ctx, c, u, &buf)
	if err != nil {
		return nil, took, fmt.Errorf("%s: %w", u, err)
	}
	if status != http.StatusOK {
		return nil, took, fmt.Errorf("%s: status %d", u, status)
	}
	var doc sitemapDoc
	if err := xml.Unmarshal([]byte(buf.String()), &doc); err != nil {
		return nil, took, fmt.Errorf("%s: %w", u, err)
	}
	return &doc, took, nil
}

func sitemapCmd(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("sitemap", flag.ContinueOnError)
	base := fs.String("base", "", "koers's base URL, e.g. http://127.0.0.1:8080")
	out := fs.String("urls", "", "file to write the page URLs to, one a line")
	limit := fs.Duration("max", 5*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *base == "" || *out == "" {
		return errors.New("sitemap: --base and --urls are required")
	}
	ctx, cancel := context.WithTimeout(context.Background(), *limit)
	defer cancel()
	c := client(1)
	root, took, err := fetchSitemap(ctx, c, strings.TrimSuffix(*base, "/")+"/sitemap.xml")
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "sitemap_ms=%.1f\n", ms(took))
	urls := root.URLs
	if root.XMLName.Local == "sitemapindex" {
		// The first organisation's sitemap, /{org}/sitemap.xml, is timed
		// apart (the index may list others first), and the slowest.
		fmt.Fprintf(w, "sitemap_kind=index\nsitemaps=%d\n", len(root.Sitemaps))
		var slowest time.Duration
		org := false
		for _, u := range root.Sitemaps {
			doc, took, err := fetchSitemap(ctx, c, u)
			if err != nil {
				return err
			}
			if p, err := url.Parse(u); err == nil && !org && strings.Count(strings.Trim(p.Path, "/"), "/") == 1 {
				org = true
				fmt.Fprintf(w, "sitemap_org=%s\nsitemap_org_ms=%.1f\nsitemap_org_urls=%d\n", u, ms(took), len(doc.URLs))
			}
			slowest = max(slowest, took)
			urls = append(urls, doc.URLs...)
		}
		fmt.Fprintf(w, "sitemap_slowest_ms=%.1f\n", ms(slowest))
	} else {
		fmt.Fprintln(w, "sitemap_kind=urlset")
	}
	fmt.Fprintf(w, "urls=%d\n", len(urls))
	return os.WriteFile(*out, []byte(strings.Join(urls, "\n")+"\n"), 0o644)
}

func searchCmd(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	base := fs.String("base", "", "koers's base URL")
	file := fs.String("queries", "", "file of queries, one a line")
	conns := fs.Int("connections", 1, "connections searching at once")
	count := fs.Int("count", 0, "searches in all (default: each query once, unless --duration is given)")
	duration := fs.Duration("duration", 0, "search for this long instead of --count searches")
	orgFile := fs.String("organisations", "", "file of organisation slugs, one a line: search within each (organisatie=SLUG), every query in one before the next")
	limit := fs.Duration("max", 5*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var orgs []string
	if *orgFile != "" {
		var err error
		if orgs, err = lines(*orgFile); err != nil {
			return err
		}
	}
	queries, err := lines(*file)
	if err != nil {
		return err
	}
	if *base == "" || len(queries) == 0 {
		return errors.New("search: --base and a --queries file with at least one query are required")
	}
	if *conns < 1 {
		return fmt.Errorf("search: --connections must be at least 1, not %d", *conns)
	}
	if *count == 0 && *duration == 0 {
		*count = len(queries)
	}
	// A run of --duration ends then, as wrk's do: searches still under
	// way are cancelled and not counted.
	if *duration > 0 {
		*limit = min(*limit, *duration)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *limit)
	defer cancel()
	c := client(*conns)
	metricsURL := strings.TrimSuffix(*base, "/") + "/metrics"
	before, _ := readMetrics(ctx, c, metricsURL)
	var next, unfinished atomic.Int64
	r := newRecorder()
	start := time.Now()
	var wg sync.WaitGroup
	for range *conns {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if *count > 0 && i >= *count {
					return
				}
				u := strings.TrimSuffix(*base, "/") + "/zoeken?q=" + url.QueryEscape(queries[i%len(queries)])
				if len(orgs) > 0 {
					u += "&organisatie=" + url.QueryEscape(orgs[i/len(queries)%len(orgs)])
				}
				status, took, err := get(ctx, c, u, nil)
				if ctx.Err() != nil {
					unfinished.Add(1)
					return
				}
				r.add(status, took, err)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	r.print(w, "search", elapsed)
	fmt.Fprintf(w, "search_unfinished=%d\n", unfinished.Load())
	if *count > 0 && ctx.Err() != nil {
		fmt.Fprintln(w, "search_incomplete=1")
	}
	// Searches answered from koers's search cache, where it has one.
	if after, err := readMetrics(context.Background(), c, metricsURL); err == nil {
		if n := delta(before, after, "koers_search_cache_hits_total"); n >= 0 {
			fmt.Fprintf(w, "search_cache_hits=%d\n", n)
		}
	}
	return nil
}

func crawlCmd(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	file := fs.String("urls", "", "file of URLs to crawl, one a line")
	hot := fs.String("hot", "", "the hot page (default: the first programme page, four path segments deep)")
	conns := fs.Int("concurrency", 8, "crawler connections")
	interval := fs.Duration("interval", 10*time.Millisecond, "how often the reader asks for the hot page")
	limit := fs.Duration("max", 10*time.Minute, "stop crawling after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	urls, err := lines(*file)
	if err != nil {
		return err
	}
	if len(urls) == 0 {
		return errors.New("crawl: --urls names no URLs")
	}
	if *conns < 1 {
		return fmt.Errorf("crawl: --concurrency must be at least 1, not %d", *conns)
	}
	if *hot == "" {
		for _, u := range urls {
			if p, err := url.Parse(u); err == nil && strings.Count(strings.Trim(p.Path, "/"), "/") == 3 {
				*hot = u
				break
			}
		}
		if *hot == "" {
			return errors.New("crawl: no programme page among the URLs; name one with --hot")
		}
	}
	fmt.Fprintf(w, "hot=%s\n", *hot)
	// The crawl leaves the hot page out, so that every URL it asks for is
	// new to the cache: the misses beyond one per URL are the hot page's.
	urls = slices.DeleteFunc(urls, func(u string) bool { return u == *hot })
	// The hot page before the crawl, once to have it cached and then a
	// hundred times: its time when the cache holds it.
	reader := client(1)
	before := newRecorder()
	for i := range 101 {
		status, took, err := get(context.Background(), reader, *hot, nil)
		if i > 0 {
			before.add(status, took, err)
		}
	}
	before.print(w, "hot_before", 0)

	ctx, cancel := context.WithTimeout(context.Background(), *limit)
	defer cancel()

	crawling, stop := context.WithCancel(ctx)
	hotDone := make(chan *recorder)
	go func() {
		r := newRecorder()
		tick := time.NewTicker(*interval)
		defer tick.Stop()
		for crawling.Err() == nil {
			status, took, err := get(ctx, reader, *hot, nil)
			if ctx.Err() == nil {
				r.add(status, took, err)
			}
			select {
			case <-tick.C:
			case <-crawling.Done():
			}
		}
		hotDone <- r
	}()

	// The cache's counters around the crawl tell how often the hot page
	// was rendered again.
	metricsURL := *hot
	if u, err := url.Parse(*hot); err == nil {
		metricsURL = u.Scheme + "://" + u.Host + "/metrics"
	}
	m0, metricsErr := readMetrics(ctx, reader, metricsURL)

	crawler := client(*conns)
	crawl := newRecorder()
	var started atomic.Int64 // crawl requests, those cut off by --max too
	slow := &slowest{n: 5}
	work := make(chan string)
	start := time.Now()
	var wg sync.WaitGroup
	for range *conns {
		wg.Go(func() {
			for u := range work {
				started.Add(1)
				status, took, err := get(ctx, crawler, u, nil)
				if ctx.Err() == nil { // else cut off by --max
					crawl.add(status, took, err)
					slow.add(u, took)
				}
			}
		})
	}
	sent := 0
feed:
	for _, u := range urls {
		select {
		case work <- u:
			sent++
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	stop()
	crawl.print(w, "crawl", elapsed)
	for i, s := range slow.list {
		fmt.Fprintf(w, "crawl_slowest_%d=%.0f ms %s\n", i+1, ms(s.took), s.url)
	}
	fmt.Fprintf(w, "crawl_of=%d\n", len(urls))
	if sent < len(urls) {
		fmt.Fprintln(w, "crawl_incomplete=1")
	}
	hotRec := <-hotDone
	hotRec.print(w, "hot", 0)
	after, err := readMetrics(context.Background(), reader, metricsURL)
	if err := errors.Join(metricsErr, err); err != nil {
		fmt.Fprintln(os.Stderr, "scaleload: no cache counters:", err)
		return nil
	}
	hits, misses := delta(m0, after, "koers_cache_hits_total"), delta(m0, after, "koers_cache_misses_total")
	if hits < 0 || misses < 0 {
		fmt.Fprintln(os.Stderr, "scaleload: koers's /metrics has no koers_cache_hits_total and koers_cache_misses_total")
		return nil
	}
	fmt.Fprintf(w, "crawl_cache_hits=%d\ncrawl_cache_misses=%d\n", hits, misses)
	if n := delta(m0, after, "koers_cache_evictions_total"); n >= 0 {
		fmt.Fprintf(w, "crawl_cache_evictions=%d\n", n)
	}
	fmt.Fprintf(w, "hot_misses=%d\n", max(0, misses-started.Load()))
	return nil
}

// readMetrics reads the samples without labels of koers's /metrics, by
// name.
func readMetrics(ctx context.Context, c *http.Client, metricsURL string) (map[string]int64, error) {
	var buf strings.Builder
	status, _, err := get(ctx, c, metricsURL, &buf)
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("%s: status %d, %v", metricsURL, status, err)
	}
	m := map[string]int64{}
	for _, line := range strings.Split(buf.String(), "\n") {
		name, value, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") || strings.Contains(name, "{") {
			continue
		}
		var v float64
		if _, err := fmt.Sscan(value, &v); err != nil {
			return nil, fmt.Errorf("%s: %q: %w", metricsURL, line, err)
		}
		m[name] = int64(v)
	}
	return m, nil
}

// delta is what a counter grew by between two readings, or -1 when koers
// does not count it.
func delta(before, after map[string]int64, name string) int64 {
	b, ok1 := before[name]
	a, ok2 := after[name]
	if !ok1 || !ok2 {
		return -1
	}
	return a - b
}

// slowest keeps the n slowest requests, slowest first.
type slowest struct {
	mu   sync.Mutex
	n    int
	list []slow
}

type slow struct {
	url  string
	took time.Duration
}

func (s *slowest) add(u string, took time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.list) == s.n && took <= s.list[s.n-1].took {
		return
	}
	// After every one as slow or slower: the first seen stays first.
	i, _ := slices.BinarySearchFunc(s.list, took, func(e slow, t time.Duration) int {
		if e.took >= t {
			return -1
		}
		return 1
	})
	s.list = slices.Insert(s.list, i, slow{u, took})
	if len(s.list) > s.n {
		s.list = s.list[:s.n]
	}
}

// recorder collects the times and statuses of requests.
type recorder struct {
	mu     sync.Mutex
	times  []time.Duration
	status map[string]int // what was not 200, by status or error
}

func newRecorder() *recorder { return &recorder{status: map[string]int{}} }

func (r *recorder) add(status int, took time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err != nil:
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
			r.status["timeout"]++
			return
		}
		r.status["error"]++
		return
	case status != http.StatusOK:
		r.status[fmt.Sprint(status)]++
		return
	}
	r.times = append(r.times, took)
}

// print writes the count, rate (when elapsed is given), p50, p99 and
// slowest time of what was recorded, prefixed with name.
func (r *recorder) print(w io.Writer, name string, elapsed time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	slices.Sort(r.times)
	n := len(r.times)
	fmt.Fprintf(w, "%s_requests=%d\n", name, n)
	if elapsed > 0 {
		fmt.Fprintf(w, "%s_seconds=%.1f\n%s_rps=%.0f\n", name, elapsed.Seconds(), name, float64(n)/elapsed.Seconds())
	}
	if n > 0 {
		fmt.Fprintf(w, "%s_p50_ms=%.2f\n%s_p99_ms=%.2f\n%s_max_ms=%.2f\n", name, ms(percentile(r.times, 50)), name, ms(percentile(r.times, 99)), name, ms(r.times[n-1]))
	}
	var other []string
	for k, v := range r.status {
		other = append(other, fmt.Sprintf("%s×%d", k, v))
	}
	slices.Sort(other)
	if len(other) == 0 {
		other = []string{"none"}
	}
	fmt.Fprintf(w, "%s_not_ok=%s\n", name, strings.Join(other, ","))
}

// percentile is the nearest-rank percentile p of sorted times.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(0, i-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// lines reads the non-empty lines of a file.
func lines(name string) ([]string, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}
