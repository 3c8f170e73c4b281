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
