package web

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestColdCacheRendersOnce: readers that arrive while a page renders wait
// for that render.
func TestColdCacheRendersOnce(t *testing.T) {
	c := newCache(func(context.Context) (int64, error) { return 1, nil }, time.Hour, 1<<20)
	var renders atomic.Int32
	render := func() (*response, bool, error) {
		renders.Add(1)
		time.Sleep(50 * time.Millisecond)
		return newResponse(http.StatusOK, "text/plain", []byte("page")), true, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := c.get(context.Background(), "/p", render)
			if err != nil || string(r.body) != "page" {
				t.Errorf("get: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
	// Cached now: no more renders.
	c.get(context.Background(), "/p", render)
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders after a hit", n)
	}
}

// TestCacheDropsOnRevision: a new revision empties the cache.
func TestCacheDropsOnRevision(t *testing.T) {
	var rev atomic.Int64
	c := newCache(func(context.Context) (int64, error) { return rev.Load(), nil }, time.Nanosecond, 1<<20)
	var renders atomic.Int32
	render := func() (*response, bool, error) {
		renders.Add(1)
		return newResponse(http.StatusOK, "text/plain", []byte("page")), true, nil
	}
	c.get(context.Background(), "/p", render)
	c.get(context.Background(), "/p", render)
	rev.Add(1)
	time.Sleep(time.Millisecond)
	c.get(context.Background(), "/p", render)
	if n := renders.Load(); n != 2 {
		t.Errorf("%d renders, want 2 (once, and once after the change)", n)
	}
}
