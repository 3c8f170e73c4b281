package web

import (
	"net/http"
	"sync"
	"time"

	"github.com/koers-nl/koers/httpx"
)

// limiter bounds how often one client starts a new selection: a burst,
// then one per interval. Requests without a cookie each start a selection
// of their own; the store caps all selections together
// (koers.MaxSelectionRows), this keeps one client from reaching that cap
// alone. It lives in memory, per instance.
type limiter struct {
	burst    float64
	interval time.Duration
	now      func() time.Time

	mu      sync.Mutex
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// New selections per client: 30 at once, then one every 10 seconds.
const (
	selectionBurst    = 30
	selectionInterval = 10 * time.Second
)

func newLimiter(burst int, interval time.Duration) *limiter {
	return &limiter{burst: float64(burst), interval: interval, now: time.Now, clients: map[string]*bucket{}}
}

// allow takes one from the client's bucket, if it has one.
func (l *limiter) allow(client string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.clients) > 10_000 {
		// Forget the clients whose buckets are full again.
		for k, b := range l.clients {
			if l.fill(b, now) >= l.burst {
				delete(l.clients, k)
			}
		}
	}
	b := l.clients[client]
	if b == nil {
		b = &bucket{tokens: l.burst, at: now}
		l.clients[client] = b
	}
	b.tokens, b.at = l.fill(b, now), now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *limiter) fill(b *bucket, now time.Time) float64 {
	return min(l.burst, b.tokens+float64(now.Sub(b.at))/float64(l.interval))
}

// clientAddress is who a request comes from (httpx.ClientAddress).
func (s *Server) clientAddress(r *http.Request) string { return httpx.ClientAddress(r, s.clientHeader) }
