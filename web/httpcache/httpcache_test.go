package httpcache

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
	c := NewCache(func(context.Context) (int64, error) { return 1, nil }, time.Hour, 1<<20)
	var renders atomic.Int32
	render := func() (*Response, bool, error) {
		renders.Add(1)
		time.Sleep(50 * time.Millisecond)
		return New(http.StatusOK, "text/plain", []byte("page")), true, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := c.Get(context.Background(), "/p", render)
			if err != nil || string(r.Body) != "page" {
				t.Errorf("get: %v", err)
			}
		}()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
	// Cached now: no more renders.
	c.Get(context.Background(), "/p", render)
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders after a hit", n)
	}
}

// TestCacheDropsOnRevision: a new revision empties the cache.
func TestCacheDropsOnRevision(t *testing.T) {
	var rev atomic.Int64
	c := NewCache(func(context.Context) (int64, error) { return rev.Load(), nil }, time.Nanosecond, 1<<20)
	var renders atomic.Int32
	render := func() (*Response, bool, error) {
		renders.Add(1)
		return New(http.StatusOK, "text/plain", []byte("page")), true, nil
	}
	c.Get(context.Background(), "/p", render)
	c.Get(context.Background(), "/p", render)
	rev.Add(1)
	time.Sleep(time.Millisecond)
	c.Get(context.Background(), "/p", render)
	if n := renders.Load(); n != 2 {
		t.Errorf("%d renders, want 2 (once, and once after the change)", n)
	}
}
