//go:build !fakestore

package admin_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/sqlite"
)

// openStore is a fresh SQLite database in the test's directory.
func openStore(tb testing.TB) koers.Store {
	tb.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "koers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { store.Close() })
	return store
}
