// Package web serves koers over HTTP: the public site of every
// organisation's documents, the sitemap, the health check and the read-only
// JSON API under /api/v1. Rendered pages are kept in memory until the
// store's content changes and are served with ETags and gzip.
package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/koers-nl/koers"
)

// Options configure a Server. Zero values pick the defaults.
type Options struct {
	Logger *slog.Logger
	// BaseURL is the public address of the site ("https://pc.leiderdorp.nl"),
	// used for absolute URLs in the sitemap; by default the request's host.
	BaseURL string
	// CacheBytes bounds the memory of rendered pages (default 64 MiB).
	CacheBytes int
	// RevisionInterval is how often the cache asks whether the store changed
	// (default 500ms).
	RevisionInterval time.Duration
}

// Server is the HTTP handler of koers.
type Server struct {
	store   koers.Store
	log     *slog.Logger
	baseURL string
	assets  *assets
	tmpl    templates
	cache   *cache
	metrics *metrics
	mux     *http.ServeMux
}

// New builds a Server on store.
func New(store koers.Store, opt Options) (*Server, error) {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.CacheBytes == 0 {
		opt.CacheBytes = 64 << 20
	}
	if opt.RevisionInterval == 0 {
		opt.RevisionInterval = 500 * time.Millisecond
	}
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	t, err := loadTemplates(a)
	if err != nil {
		return nil, err
	}
	s := &Server{
		store:   store,
		log:     opt.Logger,
		baseURL: opt.BaseURL,
		assets:  a,
		tmpl:    t,
		cache:   newCache(store.Revision, opt.RevisionInterval, opt.CacheBytes),
		metrics: newMetrics(),
		mux:     http.NewServeMux(),
	}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.site(s.home))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	s.mux.HandleFunc("GET /metrics", s.serveMetrics)
	s.mux.HandleFunc("GET /sitemap.xml", s.site(s.sitemap))
	s.mux.HandleFunc("GET /robots.txt", s.robots)
	s.mux.HandleFunc("GET /static/{file}", func(w http.ResponseWriter, r *http.Request) {
		if !s.assets.serve(w, r) {
			s.notFound(w, r)
		}
	})
	s.mux.HandleFunc("GET /selectie", s.selection)
	s.mux.HandleFunc("POST /selectie", s.selectPage)
	s.mux.HandleFunc("POST /selectie/leegmaken", s.clearSelection)
	s.mux.HandleFunc("GET /pdf", s.site(s.composedPDF))
	s.mux.HandleFunc("GET /zoeken", s.site(s.search))
	s.apiRoutes()
	s.mux.HandleFunc("GET /{path...}", s.site(s.content))
}

// ServeHTTP serves a request, counts it for /metrics, and turns a panic
// into a logged 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p))
			plain(sw, http.StatusInternalServerError, "Er ging iets mis aan onze kant.")
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		s.metrics.request(route, status, time.Since(start))
	}()
	h := sw.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	// No scripts at all; styles from the site and the theme's inline rule.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "+
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
	s.mux.ServeHTTP(sw, r)
}

// Invalidate makes the next request check the store for changes at once;
// a process that writes to the store calls it.
func (s *Server) Invalidate() { s.cache.invalidate() }

// CacheStats reports the cache's hits and misses.
func (s *Server) CacheStats() (hits, misses int64) { return s.cache.hits.Load(), s.cache.misses.Load() }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check", "err", err)
		plain(w, http.StatusServiceUnavailable, "database unavailable")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	plain(w, http.StatusOK, "ok")
}

// readyz answers 200 when the database answers and its migrations are all
// applied: the instance may take traffic.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("readiness", "err", err)
		plain(w, http.StatusServiceUnavailable, "database unavailable")
		return
	}
	if m, ok := s.store.(interface{ Migrated(context.Context) error }); ok {
		if err := m.Migrated(ctx); err != nil {
			s.log.Error("readiness", "err", err)
			plain(w, http.StatusServiceUnavailable, "database migrations pending")
			return
		}
	}
	plain(w, http.StatusOK, "ready")
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	plain(w, http.StatusOK, "User-agent: *\nAllow: /\nSitemap: "+s.absolute(r, "/sitemap.xml"))
}

// absolute makes a site path into an absolute URL.
func (s *Server) absolute(r *http.Request, p string) string {
	if s.baseURL != "" {
		return s.baseURL + p
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + p
}
