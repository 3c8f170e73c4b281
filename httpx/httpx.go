// Package httpx is the HTTP layer every handler of koers sits in: security
// headers (a content security policy without scripts), panic recovery,
// request logging, metrics labelled by route pattern, cross-origin
// protection on every state-changing route, request size limits, the
// mapping of koers error codes to HTTP status, and redirects that can only
// stay on the site. The public site (web), the API (web/api) and what comes
// after them register their routes on one Mux and are served through
// Handler.
//
// The package imports nothing of koers but the domain (for its error codes).
package httpx

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Policy is the content security policy of every response that does not
// set its own: no scripts at all; styles from the site and a theme's inline
// rule; images from the site and data URLs.
const Policy = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// DefaultMaxBody bounds a request body: the site's forms are a few dozen
// bytes.
const DefaultMaxBody = 64 << 10

// Options configure Handler. Zero values pick the defaults.
type Options struct {
	Logger  *slog.Logger
	Metrics *Metrics // nil: requests are not counted
	// MaxBody bounds a request's body in bytes (default DefaultMaxBody).
	MaxBody int64
	// BodyLimit, if set, bounds the body of the few requests that carry
	// more than MaxBody (a bundle): it returns their bound, or 0 for
	// MaxBody. It sees the request before routing: method and path.
	BodyLimit func(r *http.Request) int64
	// Front, if set, is offered every GET and HEAD request before routing:
	// it answers what it can from memory (a cached page) and returns the
	// route label it answered under, or "" to pass the request on.
	Front func(w http.ResponseWriter, r *http.Request) (route string)
}

// The security headers' values, shared by every response: assigning a
// slice made once costs nothing per request, where Header.Set allocates.
var (
	nosniff        = []string{"nosniff"}
	referrerPolicy = []string{"strict-origin-when-cross-origin"}
	contentPolicy  = []string{Policy}
)

// writers reuses the per-request status writers.
var writers = sync.Pool{New: func() any { return new(statusWriter) }}

// Handler serves h with every request logged, counted by route, recovered
// from panics, limited in size, and every response given the security
// headers. A request Front answers skips routing and the request state:
// the cached hot path adds no allocation to what net/http makes.
func Handler(h http.Handler, opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.MaxBody == 0 {
		opt.MaxBody = DefaultMaxBody
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := writers.Get().(*statusWriter)
		*sw = statusWriter{ResponseWriter: w}
		var st *state
		route := ""
		defer func() {
			p := recover()
			if p == http.ErrAbortHandler {
				panic(p) // the server's own way to abort a response
			}
			if st != nil {
				route = st.label()
			} else if route == "" {
				route = "unmatched" // Front panicked
			}
			if p != nil {
				opt.Logger.Error("panic", "method", r.Method, "path", r.URL.Path, "route", route, "panic", fmt.Sprint(p))
				if sw.status == 0 {
					Plain(sw, http.StatusInternalServerError, "Er ging iets mis aan onze kant.")
				}
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			opt.record(r, route, status, sw.bytes, time.Since(start))
			*sw = statusWriter{}
			writers.Put(sw)
		}()
		secure(w.Header())
		if opt.Front != nil && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			if route = opt.Front(sw, r); route != "" {
				return
			}
		}
		st = &state{}
		r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
		limit := opt.MaxBody
		if opt.BodyLimit != nil {
			if n := opt.BodyLimit(r); n > 0 {
				limit = n
			}
		}
		if r.ContentLength > limit {
			Plain(sw, http.StatusRequestEntityTooLarge, "Het verzoek is te groot.")
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(sw, r.Body, limit)
		}
		h.ServeHTTP(sw, r)
	})
}

// secure gives a response the security headers; a handler may replace the
// content security policy with its own.
func secure(h http.Header) {
	h["X-Content-Type-Options"] = nosniff
	h["Referrer-Policy"] = referrerPolicy
	h["Content-Security-Policy"] = contentPolicy
}

// record counts a request under its route and logs it at its status's
// level.
func (opt *Options) record(r *http.Request, route string, status int, bytes int64, d time.Duration) {
	if opt.Metrics != nil {
		opt.Metrics.request(route, status, d)
	}
	if lvl := level(status); opt.Logger.Enabled(r.Context(), lvl) {
		opt.Logger.LogAttrs(r.Context(), lvl, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("route", route), slog.Int("status", status), slog.Int64("bytes", bytes), slog.Duration("duration", d))
	}
}

// state is what the layers of one request tell each other.
type state struct {
	route string
}

type stateKey struct{}

func (s *state) label() string {
	if s.route == "" {
		return "unmatched"
	}
	return s.route
}

// Route returns the label SetRoute gave the request, or "".
func Route(r *http.Request) string {
	if st, ok := r.Context().Value(stateKey{}).(*state); ok {
		return st.route
	}
	return ""
}

// SetRoute labels the request for metrics and logs. Mux labels every
// request with the pattern it matched; a handler behind a pattern that
// serves several kinds of response (the page path of any depth) names the
// kind it serves in the same pattern syntax: "GET /{org}/{doc}.pdf".
func SetRoute(r *http.Request, label string) {
	if st, ok := r.Context().Value(stateKey{}).(*state); ok {
		st.route = label
	}
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
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
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Plain writes a minimal text response: for errors where no page can be
// rendered.
func Plain(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

// level is how loud a request is logged: every request at debug, those a
// client got wrong at info, failures at error.
func level(status int) slog.Level {
	switch {
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelInfo
	}
	return slog.LevelDebug
}

// ClientAddress is who a request comes from: the connection's address, or
// behind a reverse proxy, the last address in the header the proxy sets
// (header, such as "X-Forwarded-For"; "" trusts no header).
func ClientAddress(r *http.Request, header string) string {
	if header != "" {
		if v := r.Header.Values(header); len(v) > 0 {
			parts := strings.Split(v[len(v)-1], ",")
			if a := strings.TrimSpace(parts[len(parts)-1]); a != "" {
				return a
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
