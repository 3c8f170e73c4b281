package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/storetest"
)

// mustOpen opens a fresh database in the test's temporary directory.
func mustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "koers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) koers.Store { return mustOpen(tb) })
}

// TestAPITokenRows reads the tokens' table itself.
func TestAPITokenRows(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	storetest.APITokenRows(t, s, func(id int64) (text string, err error) {
		err = s.DB().QueryRow("SELECT id || '|' || organisation_id || '|' || name || '|' || role || '|' || hash || '|' || created_by || '|' || created_at || '|' || expires_at || '|' || COALESCE(revoked_at, '') || '|' || COALESCE(last_used_at, '') FROM api_tokens WHERE id = ?", id).Scan(&text)
		return text, err
	}, func(id int64) error {
		_, err := s.DB().Exec("UPDATE api_tokens SET expires_at = ? WHERE id = ?", time.Now().Add(-time.Second).UnixMicro(), id)
		return err
	})
}

// TestFailureMemory turns the clock of a failed sign-in back by hand.
func TestFailureMemory(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	storetest.FailureMemory(t, s, func(key string, at time.Time) error {
		_, err := s.DB().Exec("UPDATE sign_in_failures SET last_at = ? WHERE key = ?", at.UnixMicro(), key)
		return err
	})
}

func TestReopenKeepsDataAndMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "koers.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.MustPut(t, s, storetest.Leiderdorp(), storetest.Begroting2022())
	s.Close()
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	docs, err := s.Documents(ctx, koers.DocumentFilter{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("after reopen: %d documents, %v", len(docs), err)
	}
}

// TestPublishDueOnce has two handles on one database file, as two
// instances would, publish what is due at once.
func TestPublishDueOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "koers.db")
	a, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.PublishDueOnce(t, a, b)
}

// TestPublishDueAfterFailure spoils a scheduled draft's body by hand.
func TestPublishDueAfterFailure(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	storetest.PublishDueAfterFailure(t, s, func(id int64) error {
		_, err := s.DB().Exec("UPDATE drafts SET body = ? WHERE id = ?", []byte("{kapot"), id)
		return err
	})
}
