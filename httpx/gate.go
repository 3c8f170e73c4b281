package httpx

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/koers-nl/koers"
)

// Gate bounds how many expensive requests (a search, a PDF render) run at
// once. A request that finds every slot taken waits a little for one; if
// none frees in time it gets koers.EBUSY, which is 503 with Retry-After:
// a short queue absorbs a burst, and a flood is turned away early instead
// of piling up goroutines, memory and time-outs.
type Gate struct {
	slots   chan struct{}
	wait    time.Duration
	retry   string // Retry-After, in seconds
	message string

	busy    atomic.Int64 // requests turned away
	waiting atomic.Int64 // requests waiting for a slot now
}

// NewGate returns a gate of n slots where a request waits up to wait for
// one; message is what a turned-away reader reads (Dutch).
func NewGate(n int, wait time.Duration, message string) *Gate {
	retry := max(1, int(wait.Seconds()+0.5))
	return &Gate{slots: make(chan struct{}, max(1, n)), wait: wait, retry: strconv.Itoa(retry), message: message}
}

// Enter takes a slot, waiting for one if need be. The caller must call
// release exactly once when done. It fails with koers.EBUSY when no slot
// frees within the gate's wait, and with the context's error when the
// request ends first.
func (g *Gate) Enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.release, nil
	default:
	}
	g.waiting.Add(1)
	defer g.waiting.Add(-1)
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.release, nil
	case <-t.C:
		g.busy.Add(1)
		return nil, &koers.Error{Code: koers.EBUSY, Message: g.message, Err: retryAfter(g.retry)}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (g *Gate) release() { <-g.slots }

// Busy counts the requests the gate turned away.
func (g *Gate) Busy() int64 { return g.busy.Load() }

// InUse is how many slots are taken now.
func (g *Gate) InUse() int { return len(g.slots) }

// retryAfter is when a busy request may try again, in seconds, as the
// cause of the koers.EBUSY error a gate turns it away with.
type retryAfter string

func (r retryAfter) Error() string { return "retry after " + string(r) + " s" }

// RetryAfter sets the Retry-After header when err is koers.EBUSY, telling
// the client when to try again: when the gate that turned it away expects
// a slot free, else in a second. Handlers call it before writing an error
// response.
func RetryAfter(w http.ResponseWriter, err error) {
	if koers.ErrorCode(err) != koers.EBUSY {
		return
	}
	var r retryAfter
	if !errors.As(err, &r) {
		r = "1"
	}
	w.Header().Set("Retry-After", string(r))
}
