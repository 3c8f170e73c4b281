package sqlreg_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/koers-nl/koers/register/regtest"
	"github.com/koers-nl/koers/register/sqlreg"
)

func openSQLite(tb testing.TB) *sqlreg.Store {
	tb.Helper()
	s, err := sqlreg.OpenSQLite(context.Background(), filepath.Join(tb.TempDir(), "koers.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// openPostgres opens the register in a schema of its own; it skips
// without KOERS_TEST_POSTGRES.
func openPostgres(tb testing.TB) *sqlreg.Store {
	tb.Helper()
	s, err := sqlreg.OpenPostgres(context.Background(), regtest.PostgresURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestContractSQLite(t *testing.T) {
	regtest.Run(t, func(tb testing.TB) regtest.Store { return openSQLite(tb) })
}

func TestContractPostgres(t *testing.T) {
	regtest.Run(t, func(tb testing.TB) regtest.Store { return openPostgres(tb) })
}

func TestMigrated(t *testing.T) {
	for name, open := range map[string]func(testing.TB) *sqlreg.Store{"sqlite": openSQLite, "postgres": openPostgres} {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			if err := s.Migrated(context.Background()); err != nil {
				t.Error(err)
			}
			var n int
			if err := s.DB().QueryRow("SELECT COUNT(*) FROM " + sqlreg.VersionTable).Scan(&n); err != nil || n < 2 {
				t.Errorf("%s: %d rows, %v", sqlreg.VersionTable, n, err)
			}
		})
	}
}
