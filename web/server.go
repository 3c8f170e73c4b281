// Package web is the public site of koers: every organisation's documents
// as pages, PDFs and open data, the indicators through the years, the cycle
// view, search, the reader's own PDF selection, the sitemap. It reads
// published content only (koers.Published) and keeps rendered responses in
// a cache shared with the API (web/httpcache); the HTTP layer around it
// (headers, logging, metrics, cross-origin protection) is httpx, the API is
// web/api.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// Options configure a Server. Zero values pick the defaults.
type Options struct {
	Logger *slog.Logger
	// BaseURL is the public address of the site ("https://pc.leiderdorp.nl"),
	// for the absolute URLs of the sitemaps and robots.txt. Without it they
	// are built from the request's Host header and the sitemaps are not
	// cached, so that no client chooses the host others are served.
	BaseURL string
	// Metrics, if set, gets the site's own figures (PDF render time).
	Metrics *httpx.Metrics
	// ClientHeader names the header in which a reverse proxy in front of
	// koers passes the client's address ("X-Forwarded-For", "X-Real-IP");
	// by default the connection's address is the client's.
	ClientHeader string
	// PDFRenders is how many PDFs may render at once; by default half the
	// CPUs, at least one. A PDF request that finds every render slot taken
	// waits up to two seconds for one, then gets 503 with Retry-After; a
	// PDF in the cache is served whatever the renders do.
	PDFRenders int
	// SearchSlots bounds the searches that run at once; more wait up to a
	// second for a slot, then get 503 with Retry-After. 0 picks one per
	// processor (at least 2).
	SearchSlots int
	// SearchCacheBytes bounds the pages of recent searches kept until the
	// content changes. 0 picks 8 MiB; a negative number keeps none.
	SearchCacheBytes int64
}

// Server is the public site.
type Server struct {
	pub        koers.Published
	selections koers.Selections
	log        *slog.Logger
	baseURL    string
	assets     *assets
	tmpl       templates
	cache      *httpcache.Cache
	pdfTime    *httpx.Histogram
	pdfGate    *httpx.Gate   // bounds the PDF renders at once
	pdfTimeout time.Duration // bounds one PDF render
	// newSelections limits how often one client starts a selection.
	newSelections *limiter
	clientHeader  string
	sitemap       sitemapLimits
	// Search has a cache and a gate of its own (search.go).
	searchCache    *httpcache.Cache
	searchUncached bool
	searchGate     *httpx.Gate
}

// New builds the site on published content and readers' selections,
// keeping rendered responses in cache.
func New(pub koers.Published, selections koers.Selections, cache *httpcache.Cache, opt Options) (*Server, error) {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	base, err := urls.Base(opt.BaseURL)
	if err != nil {
		return nil, err
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	t, err := loadTemplates(a)
	if err != nil {
		return nil, err
	}
	s := &Server{pub: pub, selections: selections, log: opt.Logger, baseURL: base, assets: a, tmpl: t, cache: cache,
		newSelections: newLimiter(selectionBurst, selectionInterval), clientHeader: opt.ClientHeader,
		sitemap: sitemapLimits{urls: maxSitemapURLs, bytes: maxSitemapBytes}}
	if base == "" {
		opt.Logger.Warn("no base URL (--base-url): sitemaps and API answers are built from each request's Host header and not cached")
	}
	if opt.PDFRenders <= 0 {
		opt.PDFRenders = defaultPDFRenders()
	}
	s.pdfGate, s.pdfTimeout = newPDFGate(opt.PDFRenders, pdfWait), pdfTimeout
	if opt.SearchSlots <= 0 {
		opt.SearchSlots = searchSlots()
	}
	if opt.SearchCacheBytes == 0 {
		opt.SearchCacheBytes = searchCacheBytes
	}
	s.searchGate = httpx.NewGate(opt.SearchSlots, searchWait, searchBusy)
	// Its own budget: a flood of distinct queries cannot push out pages.
	s.searchCache = httpcache.NewCache(pub, httpcache.Options{Interval: searchCacheInterval,
		MaxBytes: max(opt.SearchCacheBytes, -1), MaxPDFBytes: -1})
	s.searchUncached = opt.SearchCacheBytes < 0
	if opt.Metrics != nil {
		s.pdfTime = opt.Metrics.Histogram("koers_pdf_render_seconds", "Time to render a PDF.")
		opt.Metrics.Counter("koers_pdf_busy_total", "PDF requests turned away because every render slot stayed taken.",
			func() int64 { return s.pdfGate.Busy() })
		opt.Metrics.Counter("koers_search_busy_total", "Searches turned away because too many ran at once.", s.searchGate.Busy)
		opt.Metrics.Counter("koers_search_cache_hits_total", "Searches answered from the search cache.", s.searchCache.Hits)
	}
	return s, nil
}

// SearchGate is the gate that bounds the searches running at once, for the
// API to share, so that site and API together run no more.
func (s *Server) SearchGate() *httpx.Gate { return s.searchGate }

// SearchCache is the search cache, for the API to keep its search answers
// in, apart from the pages; nil when searches are not cached.
func (s *Server) SearchCache() *httpcache.Cache {
	if s.searchUncached {
		return nil
	}
	return s.searchCache
}

// Register adds the site's routes to m: one pattern per page type. Only
// the page path of any depth needs a catch-all, which parseContent reads.
// The routes under an organisation's slug go on a Mux of their own,
// mounted on "GET /": the other routes' first segments are literal.
func (s *Server) Register(m *httpx.Mux) {
	byPath := func(r *http.Request) string { return r.URL.EscapedPath() }
	m.HandleFunc("GET /{$}", s.site(byPath, s.home))
	m.HandleFunc("GET /sitemap.xml", s.site(s.sitemapKey, s.sitemapIndex))
	m.HandleFunc("GET "+sitemapsName, s.site(s.sitemapKey, s.sitemapHomes))
	m.HandleFunc("GET /robots.txt", s.robots)
	m.HandleFunc("GET /static/{file}", s.static)
	m.HandleFunc("GET /selectie", s.selection)
	m.HandleFunc("POST /selectie", s.selectPage)
	m.HandleFunc("POST /selectie/leegmaken", s.clearSelection)
	m.HandleFunc("GET /pdf", s.site(pdfKey, s.composedPDF))
	m.HandleFunc("GET /zoeken", s.search)
	orgs := httpx.NewMux()
	orgs.HandleFunc("GET /{org}", s.site(byPath, s.organisation))
	orgs.HandleFunc("GET /{org}/{$}", s.orgSlash)
	orgs.HandleFunc("GET /{org}/logo.svg", s.site(byPath, s.logo))
	orgs.HandleFunc("GET /{org}/sitemap.xml", s.site(s.sitemapKey, func(r *http.Request) (*httpcache.Response, bool, error) {
		return s.orgSitemap(r, 1)
	}))
	orgs.HandleFunc("GET /{org}/indicatoren", s.site(byPath, s.indicatorIndex))
	orgs.HandleFunc("GET /{org}/indicatoren/{key}", s.siteShared(byPath, s.indicator))
	orgs.HandleFunc("GET /{org}/indicatoren/{key}/{file}", s.siteShared(byPath, s.comparison))
	orgs.HandleFunc("GET /{org}/cyclus/{programme}/{year}", s.site(byPath, s.cycle))
	orgs.HandleFunc("GET /{org}/cyclus/{programme}/doelen/{number}", s.site(byPath, s.goalTrajectory))
	orgs.HandleFunc("GET /{org}/cyclus/{programme}/activiteiten/{number}", s.site(byPath, s.activityTrajectory))
	orgs.HandleFunc("GET /{org}/{doc}", s.site(byPath, s.content))
	orgs.HandleFunc("GET /{org}/{doc}/{path...}", s.site(changesKey, s.content))
	orgs.HandleFunc("GET /", s.notFound) // "/" itself is home; this is "//..."
	m.Handle("GET /", orgs)
}

// Invalidate makes the next request check the store for changes at once;
// a process that writes to the store calls it.
func (s *Server) Invalidate() {
	s.cache.Invalidate()
	s.searchCache.Invalidate()
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	if !s.assets.serve(w, r) {
		s.notFound(w, r)
	}
}

// absolute makes a site path into an absolute URL.
func (s *Server) absolute(r *http.Request, p string) string { return httpx.Absolute(r, s.baseURL, p) }

// logError logs errors users do not see the cause of.
func (s *Server) logError(r *http.Request, err error) {
	if koers.ErrorCode(err) == koers.EINTERNAL {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}
