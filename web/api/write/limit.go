package write

import (
	"sync"
	"time"
)

// limiter is a token bucket per key (an API token's ID): a burst of rate
// calls, refilled at rate per interval. Buckets that are full again are
// dropped when the map grows, so that revoked tokens cost nothing.
type limiter struct {
	mu       sync.Mutex
	rate     float64
	interval time.Duration
	now      func() time.Time
	buckets  map[string]*bucket
}

type bucket struct {
	left float64
	at   time.Time
}

func newLimiter(rate int, interval time.Duration, now func() time.Time) *limiter {
	return &limiter{rate: float64(rate), interval: interval, now: now, buckets: map[string]*bucket{}}
}

// allow takes one call from key's bucket; when it is empty it returns how
// long until the next call may be made.
func (l *limiter) allow(key string) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= 10000 {
			l.sweep(now)
		}
		b = &bucket{left: l.rate, at: now}
		l.buckets[key] = b
	}
	b.left = l.fill(b, now)
	b.at = now
	if b.left < 1 {
		return time.Duration((1 - b.left) / l.rate * float64(l.interval)), false
	}
	b.left--
	return 0, true
}

func (l *limiter) fill(b *bucket, now time.Time) float64 {
	return min(l.rate, b.left+now.Sub(b.at).Seconds()/l.interval.Seconds()*l.rate)
}

// sweep drops the buckets that are full.
func (l *limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if l.fill(b, now) >= l.rate {
			delete(l.buckets, k)
		}
	}
}
