package schematest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// postgresURL returns the URL of a new, empty schema in the test database
// (dropped after the test), or skips without KOERS_TEST_POSTGRES.
func postgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("KOERS_TEST_POSTGRES")
	if base == "" {
		t.Skip("KOERS_TEST_POSTGRES is not set; the PostgreSQL schema is tested in CI")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "koers_schema_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
