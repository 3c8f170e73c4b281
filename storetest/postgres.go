package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
)

// PostgresURL returns the URL of a new, empty schema in the database that
// KOERS_TEST_POSTGRES names, dropped after the test; without that variable
// the test is skipped, unless CI=true: CI sets it, and a run without it
// there fails. The caller registers the "pgx" driver (importing
// koers/postgres or koers/register/sqlreg does).
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("KOERS_TEST_POSTGRES")
	if base == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("KOERS_TEST_POSTGRES is not set, and CI=true: the stores are tested on PostgreSQL in CI")
		}
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
		admin.Close()
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
	return u.String()
}
