package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/storetest"
)

// mustOpen opens a store in a schema of its own, dropped after the test.
// It skips without KOERS_TEST_POSTGRES (a connection URL).
func mustOpen(tb testing.TB) *postgres.Store {
	tb.Helper()
	s, err := postgres.Open(context.Background(), storetest.PostgresURL(tb))
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
		err = s.DB().QueryRow("SELECT concat_ws('|', id, organisation_id, name, role, hash, created_by, created_at, expires_at, revoked_at, last_used_at) FROM api_tokens WHERE id = $1", id).Scan(&text)
		return text, err
	}, func(id int64) error {
		_, err := s.DB().Exec("UPDATE api_tokens SET expires_at = $1 WHERE id = $2", time.Now().Add(-time.Second), id)
		return err
	})
}

// TestFailureMemory turns the clock of a failed sign-in back by hand.
func TestFailureMemory(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	storetest.FailureMemory(t, s, func(key string, at time.Time) error {
		_, err := s.DB().Exec("UPDATE sign_in_failures SET last_at = $1 WHERE key = $2", at, key)
		return err
	})
}

func TestMigrated(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	if err := s.Migrated(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestPublishDueOnce has two pools on one schema, as two instances would,
// publish what is due at once.
func TestPublishDueOnce(t *testing.T) {
	url := storetest.PostgresURL(t)
	a, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := postgres.Open(context.Background(), url)
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
		_, err := s.DB().Exec("UPDATE drafts SET body = $1 WHERE id = $2", []byte("{kapot"), id)
		return err
	})
}
