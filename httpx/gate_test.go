package httpx_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
)

// TestGate fills a gate of two slots and checks that a third request waits
// for a slot that frees, is turned away with EBUSY and Retry-After when
// none does, and gives up when its request ends.
func TestGate(t *testing.T) {
	g := httpx.NewGate(2, 50*time.Millisecond, "Het is te druk.")
	ctx := context.Background()
	r1, err := g.Enter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := g.Enter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if g.InUse() != 2 {
		t.Fatalf("in use %d, want 2", g.InUse())
	}

	_, err = g.Enter(ctx)
	if koers.ErrorCode(err) != koers.EBUSY || koers.ErrorMessage(err) != "Het is te druk." {
		t.Fatalf("full gate: %v (%s), want busy", err, koers.ErrorCode(err))
	}
	if httpx.Status(err) != 503 {
		t.Errorf("status %d, want 503", httpx.Status(err))
	}
	w := httptest.NewRecorder()
	httpx.RetryAfter(w, err)
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1", got)
	}
	if g.Busy() != 1 {
		t.Errorf("busy %d, want 1", g.Busy())
	}

	// A slot that frees while a request waits goes to that request.
	var wg sync.WaitGroup
	wg.Add(1)
	var waited error
	go func() {
		defer wg.Done()
		r, err := g.Enter(ctx)
		waited = err
		if err == nil {
			r()
		}
	}()
	time.Sleep(5 * time.Millisecond)
	r1()
	wg.Wait()
	if waited != nil {
		t.Errorf("waiting request: %v", waited)
	}

	// A request that ends while it waits gives up with its context's error.
	r1, _ = g.Enter(ctx)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := g.Enter(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled request: %v, want context.Canceled", err)
	}
	r1()
	r2()
	if g.InUse() != 0 {
		t.Errorf("in use %d after release, want 0", g.InUse())
	}
	w = httptest.NewRecorder()
	httpx.RetryAfter(w, koers.Errorf(koers.ENOTFOUND, "x"))
	if w.Header().Get("Retry-After") != "" {
		t.Error("Retry-After on an error that is not busy")
	}
	w = httptest.NewRecorder()
	httpx.RetryAfter(w, koers.Errorf(koers.EBUSY, "x"))
	if got := w.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q for a busy error of no gate, want 1", got)
	}
}
