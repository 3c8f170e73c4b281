package httpx

import (
	"net/http"
	"slices"
)

// Mux is an http.ServeMux that knows its routes: every handler registered
// on it is labelled with its pattern for metrics and logs, and protected
// against cross-origin requests (http.CrossOriginProtection: a browser's
// POST from another site is refused with 403; GET, HEAD and OPTIONS pass).
// Patterns lists what is registered, so that tests can hold the routes
// against their descriptions.
//
// ServeMux refuses two patterns that overlap with neither more specific,
// such as "/static/{file}" and "/{org}/logo.svg"; routes under a wildcard
// first segment go on a Mux of their own, mounted on "GET /".
type Mux struct {
	mux      *http.ServeMux
	origin   *http.CrossOriginProtection
	patterns []string
	mounted  []*Mux
}

// NewMux returns an empty Mux.
func NewMux() *Mux {
	origin := http.NewCrossOriginProtection()
	origin.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Plain(w, http.StatusForbidden, "Dit formulier kan alleen vanaf deze site worden verstuurd.")
	}))
	return &Mux{mux: http.NewServeMux(), origin: origin}
}

// Handle registers h for pattern (http.ServeMux syntax); it panics on a
// conflicting pattern, as ServeMux does.
func (m *Mux) Handle(pattern string, h http.Handler) {
	protected := m.origin.Handler(h)
	m.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		SetRoute(r, pattern)
		protected.ServeHTTP(w, r)
	}))
	m.patterns = append(m.patterns, pattern)
	if sub, ok := h.(*Mux); ok {
		m.mounted = append(m.mounted, sub)
	}
}

// HandleFunc registers f for pattern.
func (m *Mux) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	m.Handle(pattern, http.HandlerFunc(f))
}

// Patterns returns the registered patterns, with those of the Muxes
// mounted on this one, sorted.
func (m *Mux) Patterns() []string {
	out := slices.Clone(m.patterns)
	for _, sub := range m.mounted {
		out = append(out, sub.Patterns()...)
	}
	slices.Sort(out)
	return out
}

// ServeHTTP dispatches to the handler whose pattern matches best.
func (m *Mux) ServeHTTP(w http.ResponseWriter, r *http.Request) { m.mux.ServeHTTP(w, r) }
