package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Health answers 200 while ping succeeds: the process serves and its
// database answers (liveness).
func Health(ping func(context.Context) error, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ping(ctx); err != nil {
			log.Error("health check", "err", err)
			Plain(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		Plain(w, http.StatusOK, "ok")
	}
}

// Ready answers 200 when ping succeeds and migrated reports every
// migration applied: the instance may take traffic (readiness). migrated
// may be nil.
func Ready(ping, migrated func(context.Context) error, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ping(ctx); err != nil {
			log.Error("readiness", "err", err)
			Plain(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		if migrated != nil {
			if err := migrated(ctx); err != nil {
				log.Error("readiness", "err", err)
				Plain(w, http.StatusServiceUnavailable, "database migrations pending")
				return
			}
		}
		Plain(w, http.StatusOK, "ready")
	}
}

// Absolute makes a site path into an absolute URL: on base when it is set
// ("https://pc.leiderdorp.nl"), otherwise on the request's own host.
func Absolute(r *http.Request, base, path string) string {
	if base != "" {
		return base + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// Query returns the query parameter name, trimmed, valid UTF-8 and cut to
// at most max bytes.
func Query(r *http.Request, name string, max int) string {
	q := strings.ToValidUTF8(strings.TrimSpace(r.URL.Query().Get(name)), "")
	for len(q) > max {
		q = strings.ToValidUTF8(q[:max], "") // a cut may split a character
	}
	return strings.TrimSpace(q)
}
