package schematest

import (
	"context"
	"database/sql"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/sqlite"
	"github.com/pressly/goose/v3"
)

// engine opens stores of one engine for the migration tests.
type engine struct {
	name       string
	dialect    goose.Dialect
	migrations fs.FS
	driver     string
	// database returns a new, empty database: a DSN for driver and a --db
	// value for open.
	database func(t *testing.T) (dsn, db string)
	open     func(ctx context.Context, db string) (migrated func(context.Context) error, close func() error, err error)
	store    func(ctx context.Context, db string) (koers.Store, error)
}

var engines = []engine{
	{
		name:       "sqlite",
		dialect:    goose.DialectSQLite3,
		migrations: os.DirFS("../sqlite/migrations"),
		driver:     "sqlite",
		database: func(t *testing.T) (string, string) {
			path := filepath.Join(t.TempDir(), "koers.db")
			return "file:" + path + "?_pragma=busy_timeout(10000)", path
		},
		open: func(ctx context.Context, db string) (func(context.Context) error, func() error, error) {
			s, err := sqlite.Open(ctx, db)
			if err != nil {
				return nil, nil, err
			}
			return s.Migrated, s.Close, nil
		},
		store: func(ctx context.Context, db string) (koers.Store, error) { return sqlite.Open(ctx, db) },
	},
	{
		name:       "postgres",
		dialect:    goose.DialectPostgres,
		migrations: os.DirFS("../postgres/migrations"),
		driver:     "pgx",
		database: func(t *testing.T) (string, string) {
			u := postgresURL(t)
			return u, u
		},
		open: func(ctx context.Context, db string) (func(context.Context) error, func() error, error) {
			s, err := postgres.Open(ctx, db)
			if err != nil {
				return nil, nil, err
			}
			return s.Migrated, s.Close, nil
		},
		store: func(ctx context.Context, db string) (koers.Store, error) { return postgres.Open(ctx, db) },
	},
}

// TestConcurrentMigration opens one database from several stores at once,
// as instances of a rolling deployment do: on a new database and on one
// that lacks only the latest migration. Every store must open, and the
// database must end at the latest version with each migration applied once.
// Before migrations were serialised, two PostgreSQL instances on a new
// database failed in 5 of 6 trials ("duplicate key value violates unique
// constraint pg_type_typname_nsp_index").
func TestConcurrentMigration(t *testing.T) {
	const stores, rounds = 6, 3
	for _, e := range engines {
		for _, start := range []string{"new", "pending"} {
			t.Run(e.name+"/"+start, func(t *testing.T) {
				latest := latestVersion(t, e)
				for round := range rounds {
					dsn, db := e.database(t)
					if start == "pending" {
						migrateTo(t, e, dsn, latest-1)
					}
					openAll(t, e, db, stores, round)
					checkVersions(t, e, dsn, latest)
				}
			})
		}
	}
}

func latestVersion(t *testing.T, e engine) int64 {
	t.Helper()
	names, err := fs.Glob(e.migrations, "*.sql")
	if err != nil || len(names) < 2 {
		t.Fatalf("migrations of %s: %v, %v", e.name, names, err)
	}
	var latest int64
	for _, name := range names {
		v, err := goose.NumericComponent(name)
		if err != nil {
			t.Fatal(err)
		}
		latest = max(latest, v)
	}
	return latest
}

// migrateTo brings a new database to version with goose itself.
func migrateTo(t *testing.T, e engine, dsn string, version int64) {
	t.Helper()
	db, err := sql.Open(e.driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := goose.NewProvider(e.dialect, db, e.migrations, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
}

// openAll opens n stores on db at once and expects each to open migrated.
func openAll(t *testing.T, e engine, db string, n, round int) {
	t.Helper()
	ctx := context.Background()
	start := make(chan struct{})
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			migrated, closeStore, err := e.open(ctx, db)
			if err == nil {
				err = migrated(ctx)
				closeStore()
			}
			errs[i] = err
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("round %d, store %d of %d: %v", round+1, i+1, n, err)
		}
	}
}

// checkVersions expects every migration up to latest applied exactly once.
func checkVersions(t *testing.T, e engine, dsn string, latest int64) {
	t.Helper()
	db, err := sql.Open(e.driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT version_id, count(*) FROM goose_db_version WHERE version_id > 0 GROUP BY version_id ORDER BY version_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	// The versions are those of the migration files, which may skip a
	// number that a branch still in review has taken.
	versions := migrationVersions(t, e)
	i := 0
	for rows.Next() {
		var version, count int64
		if err := rows.Scan(&version, &count); err != nil {
			t.Fatal(err)
		}
		if i >= len(versions) || version != versions[i] || count != 1 {
			t.Errorf("goose_db_version: version %d recorded %d times, want the versions %v once each", version, count, versions)
		}
		i++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(versions) || versions[len(versions)-1] != latest {
		t.Errorf("the database has %d of the versions %v", i, versions)
	}
}

// migrationVersions lists the versions of e's migration files in order.
func migrationVersions(t *testing.T, e engine) []int64 {
	t.Helper()
	names, err := fs.Glob(e.migrations, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, name := range names {
		v, err := goose.NumericComponent(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}
