package schematest

import (
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/koers-nl/koers/storetest"
)

// postgresURL returns the URL of a new, empty schema in the test database
// (dropped after the test), or skips without KOERS_TEST_POSTGRES.
func postgresURL(t *testing.T) string { return storetest.PostgresURL(t) }
