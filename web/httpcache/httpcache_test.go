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
	c := NewCache(&fakeStore{}, Options{Interval: time.Hour})
	var renders atomic.Int32
	render := func(context.Context) (*Response, bool, error) {
		renders.Add(1)
		time.Sleep(50 * time.Millisecond)
		return New(http.StatusOK, "text/plain", []byte("page")), true, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := c.Get(context.Background(), "/p", Scope{}, render)
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
	c.Get(context.Background(), "/p", Scope{}, render)
	if n := renders.Load(); n != 1 {
		t.Errorf("%d renders after a hit", n)
	}
}

// TestCacheDropsOnRevision: a new revision empties the cache of the whole
// site's responses, noticed within the interval.
func TestCacheDropsOnRevision(t *testing.T) {
	store := &fakeStore{}
	c := NewCache(store, Options{Interval: time.Nanosecond})
	var renders atomic.Int32
	render := func(context.Context) (*Response, bool, error) {
		renders.Add(1)
		return New(http.StatusOK, "text/plain", []byte("page")), true, nil
	}
	c.Get(context.Background(), "/p", Scope{}, render)
	c.Get(context.Background(), "/p", Scope{}, render)
	store.write()
	time.Sleep(time.Millisecond)
	c.Get(context.Background(), "/p", Scope{}, render)
	if n := renders.Load(); n != 2 {
		t.Errorf("%d renders, want 2 (once, and once after the change)", n)
	}
}
