package postgres_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/storetest"
)

// mustOpen opens a store in a schema of its own, dropped after the test.
// It skips without KOERS_TEST_POSTGRES (a connection URL).
func mustOpen(tb testing.TB) *postgres.Store {
	tb.Helper()
	base := os.Getenv("KOERS_TEST_POSTGRES")
	if base == "" {
		tb.Skip("KOERS_TEST_POSTGRES is not set; the PostgreSQL store is tested in CI")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "koers_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := postgres.Open(context.Background(), u.String())
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) koers.Store { return mustOpen(tb) })
}

func TestMigrated(t *testing.T) {
	s := mustOpen(t)
	defer s.Close()
	if err := s.Migrated(context.Background()); err != nil {
		t.Error(err)
	}
}
