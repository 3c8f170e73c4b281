package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/demo"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web"
	"github.com/koers-nl/koers/web/admin"
	"github.com/koers-nl/koers/web/api"
	"github.com/koers-nl/koers/web/api/write"
	"github.com/koers-nl/koers/web/httpcache"
)

func (m *Main) serve(ctx context.Context, args []string) error {
	fs := m.flags("serve", "[--addr ADDR] [--db DB] [--no-demo] [--base-url URL] [--client-header NAME] [--cache-size SIZE] [--pdf-cache-size SIZE] [--pdf-renders N] [--publish-interval DURATION] [--log-format text|json] [--log-level LEVEL] [--register-key-file F --register-municipality CODE]")
	addr := fs.String("addr", m.env("KOERS_ADDR", "127.0.0.1:8080"), "address to listen on (env KOERS_ADDR)")
	db := m.dbFlag(fs)
	noDemo := fs.Bool("no-demo", false, "do not load the demo documents into an empty database")
	baseURL := fs.String("base-url", m.env("KOERS_BASE_URL", ""), "public URL of the site, for absolute URLs in sitemaps and the API (env KOERS_BASE_URL); without it they follow each request's Host and are not cached")
	clientHeader := fs.String("client-header", m.env("KOERS_CLIENT_HEADER", ""), "header in which a reverse proxy passes the client's address, e.g. X-Forwarded-For (env KOERS_CLIENT_HEADER; default: the connection's address)")
	cacheSize := fs.String("cache-size", m.env("KOERS_CACHE_SIZE", "64MiB"), "memory for rendered pages, data and images, e.g. 64MiB or 500MB; 0 keeps none (env KOERS_CACHE_SIZE)")
	pdfCacheSize := fs.String("pdf-cache-size", m.env("KOERS_PDF_CACHE_SIZE", "32MiB"), "memory for rendered PDFs, apart from the pages' (env KOERS_PDF_CACHE_SIZE)")
	pdfRenders := fs.String("pdf-renders", m.env("KOERS_PDF_RENDERS", "0"), "PDFs rendered at once; more wait briefly, then get 503 with Retry-After; 0 is half the CPUs (env KOERS_PDF_RENDERS)")
	publishEvery := fs.String("publish-interval", m.env("KOERS_PUBLISH_INTERVAL", "1s"), "how often to publish the drafts whose scheduled time has come, e.g. 1s or 30s (env KOERS_PUBLISH_INTERVAL)")
	logFormat := fs.String("log-format", m.env("KOERS_LOG_FORMAT", "text"), "log format: text or json (env KOERS_LOG_FORMAT)")
	logLevel := fs.String("log-level", m.env("KOERS_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env KOERS_LOG_LEVEL)")
	registerKey := fs.String("register-key-file", m.env("KOERS_REGISTER_KEY_FILE", ""), "the register's key file (koers register keygen); with it the back office's register role reaches the register (env KOERS_REGISTER_KEY_FILE)")
	registerMuni := fs.String("register-municipality", m.env("KOERS_REGISTER_MUNICIPALITY", ""), "the municipality's four-digit code, for the register's imports (env KOERS_REGISTER_MUNICIPALITY)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("serve: unexpected argument %q", fs.Arg(0))
	}
	log, err := m.logger(*logFormat, *logLevel)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	cache := httpcache.Options{}
	for _, b := range []struct {
		flag, env string
		value     *string
		to        *int64
	}{
		{"--cache-size", "KOERS_CACHE_SIZE", cacheSize, &cache.MaxBytes},
		{"--pdf-cache-size", "KOERS_PDF_CACHE_SIZE", pdfCacheSize, &cache.MaxPDFBytes},
	} {
		n, err := parseSize(*b.value)
		if err != nil {
			return fmt.Errorf("serve: %s (or %s): %w", b.flag, b.env, err)
		}
		*b.to = n
		if n == 0 {
			*b.to = -1 // keeps nothing; 0 would pick the default
		}
	}
	renders, err := strconv.Atoi(*pdfRenders)
	if err != nil || renders < 0 || renders > 1000 {
		return fmt.Errorf("serve: --pdf-renders (or KOERS_PDF_RENDERS): %q is not a number from 0 to 1000", *pdfRenders)
	}
	every, err := time.ParseDuration(*publishEvery)
	if err != nil || every < 100*time.Millisecond || every > time.Hour {
		return fmt.Errorf("serve: --publish-interval (or KOERS_PUBLISH_INTERVAL): %q is not a duration from 100ms to 1h", *publishEvery)
	}
	if (*registerKey == "") != (*registerMuni == "") {
		return errors.New("serve: --register-key-file and --register-municipality go together")
	}
	if *registerMuni != "" && !municipalityCode.MatchString(*registerMuni) {
		return fmt.Errorf("serve: --register-municipality %q: want the four-digit code, e.g. 0547", *registerMuni)
	}
	site := web.Options{Logger: log, BaseURL: *baseURL, ClientHeader: *clientHeader, PDFRenders: renders}
	return withStore(ctx, *db, func(s koers.Store) error {
		demoLoaded := false
		if !*noDemo {
			var err error
			if demoLoaded, err = loadDemo(ctx, s, log); err != nil {
				return err
			}
		}
		var services *admin.RegisterServices
		if *registerKey != "" {
			rw, err := openRegisterWeb(ctx, *db, *registerKey, *registerMuni, s)
			if err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			defer rw.reg.Close()
			services = rw.services()
		}
		srv, published, err := server(s, cache, site, services)
		if err != nil {
			return err
		}
		ctx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			admin.RunScheduler(ctx, s, every, published, log)
		}()
		var demo sync.WaitGroup
		if demoLoaded {
			// The demo's register fills while the site already serves: a
			// second or two here, a minute under the race detector.
			demo.Go(func() {
				if err := demoRegister(ctx, s, *db, log); err != nil {
					if ctx.Err() == nil {
						log.Error("the demo register was not filled", "err", err)
					}
					return
				}
				published() // the indicator pages show it from now on
			})
		}
		err = m.listen(ctx, *addr, srv, log)
		stop()
		<-done // before the store closes
		demo.Wait()
		return err
	})
}

// server wires the public site, the API and the operational endpoints on
// one mux, behind the HTTP layer (httpx): the site and the API read the
// store's published content and share one response cache, whose pages
// httpx's front loop serves without routing. published is what the back
// office calls after a publication, for the scheduler to call too.
func server(s koers.Store, cacheOpt httpcache.Options, siteOpt web.Options, register *admin.RegisterServices) (srv *httpx.Server, published func(), err error) {
	log := siteOpt.Logger
	cache := httpcache.NewCache(s, cacheOpt)
	metrics := httpx.NewMetrics()
	metrics.Counter("koers_cache_hits_total", "Responses served from the page cache.", cache.Hits)
	metrics.Counter("koers_cache_misses_total", "Responses rendered because the cache did not hold them.", cache.Misses)
	metrics.Counter("koers_cache_evictions_total", "Responses dropped from the page cache to keep within its budget.", cache.Evictions)
	metrics.Gauge("koers_cache_bytes", "Memory the page cache holds for pages, data and images.", cache.Bytes)
	metrics.Gauge("koers_cache_pdf_bytes", "Memory the page cache holds for PDFs.", cache.PDFBytes)
	siteOpt.Metrics = metrics
	site, err := web.New(s.Published(), s, cache, siteOpt)
	if err != nil {
		return nil, nil, err
	}
	mux := httpx.NewMux()
	var migrated func(context.Context) error
	if m, ok := s.(interface{ Migrated(context.Context) error }); ok {
		migrated = m.Migrated
	}
	mux.HandleFunc("GET /healthz", httpx.Health(s.Ping, log))
	mux.HandleFunc("GET /readyz", httpx.Ready(s.Ping, migrated, log))
	mux.Handle("GET /metrics", metrics)
	// The API searches under the site's gate and keeps its answers in the
	// site's search cache: one bound and one budget for both.
	api.New(s.Published(), cache, api.Options{Logger: log, BaseURL: siteOpt.BaseURL,
		SearchGate: site.SearchGate(), SearchCache: site.SearchCache()}).Register(mux)
	// The write API: drafts of an organisation through its API tokens.
	write.New(s, write.Options{Logger: log, Published: site.Invalidate}).Register(mux)
	site.Register(mux)
	back, err := admin.New(s, site, admin.Options{Logger: log, BaseURL: siteOpt.BaseURL, ClientHeader: siteOpt.ClientHeader,
		Published: site.Invalidate, Register: register})
	if err != nil {
		return nil, nil, err
	}
	back.Register(mux)
	opt := httpx.Options{Logger: log, Metrics: metrics, Front: site.Front, BodyLimit: bodyLimit}
	srv = &httpx.Server{HTTP: &http.Server{Handler: httpx.Handler(mux, opt)}, Options: opt}
	metrics.Counter("koers_http_front_answered_total", "Requests the front loop answered from the page cache without net/http.", srv.Answered)
	metrics.Counter("koers_http_front_handed_total", "Connections the front loop handed to net/http, at their first request it did not answer.", srv.Handed)
	return srv, site.Invalidate, nil
}

// bodyLimit lets the routes that take a file (a bundle, a logo) read more
// than the server's small default.
func bodyLimit(r *http.Request) int64 { return max(write.BodyLimit(r), admin.BodyLimit(r)) }

// loadDemo fills an empty database with the demo documents, and says
// whether it did: the demo's register is filled then too (demoRegister).
func loadDemo(ctx context.Context, s koers.Store, log *slog.Logger) (bool, error) {
	docs, err := s.Documents(ctx, koers.DocumentFilter{})
	if err != nil || len(docs) > 0 {
		return false, err
	}
	loaded, err := demo.Load(ctx, s)
	for _, name := range loaded {
		log.Info("loaded demo data", "name", name)
	}
	return err == nil, err
}

// listen serves until ctx ends, then lets requests in flight finish.
func (m *Main) listen(ctx context.Context, addr string, srv *httpx.Server, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv.HTTP.ReadHeaderTimeout = 10 * time.Second
	srv.HTTP.ReadTimeout = 30 * time.Second
	srv.HTTP.WriteTimeout = 60 * time.Second
	srv.HTTP.IdleTimeout = 120 * time.Second
	log.Info("koers is serving", "url", "http://"+ln.Addr().String())
	if m.OnListen != nil {
		m.OnListen(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("koers stopped")
	return nil
}
