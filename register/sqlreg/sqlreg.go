// Package sqlreg is koers.Register on SQLite (modernc.org/sqlite) and on
// PostgreSQL (pgx): the register's facts in tables of their own
// (register_*), with migrations of their own, recorded in their own
// version table (register_goose_db_version), so that the register and
// the publication can share one database and still never share a table.
//
// A Store has its own connection pool: OpenSQLite on the database file
// the publication uses (or another one), OpenPostgres on the same
// database URL (or another one). Nothing of the publication's store can
// reach the register's tables, and nothing here reads the publication's.
//
// Counting happens in the database: a rule is one query for all years at
// once (and one more for a denominator); an assignment's care period is
// made from its starts and stops as it is counted.
package sqlreg

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// VersionTable is the table goose records the register's migrations in,
// beside the publication's goose_db_version.
const VersionTable = "register_goose_db_version"

// engine is the SQL dialect: the few places where the engines differ.
type engine int

const (
	sqliteEngine engine = iota
	postgresEngine
)

// Store is the register on one database.
type Store struct {
	db     *sql.DB
	engine engine
}

// DB is the store's pool, for tests and for the operator's tools.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the store's pool.
func (s *Store) Close() error { return s.db.Close() }

// OpenSQLite opens the register in the SQLite database at path (created
// when missing, as the publication's store does) and applies its pending
// migrations.
func OpenSQLite(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open register %s: %w", path, err)
		}
	}
	q := url.Values{}
	// As the publication's store: WAL, and immediate transactions so that
	// two writers queue on busy_timeout instead of failing halfway.
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open register %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	if err := migrateSQLite(ctx, db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open register %s: migrate: %w", path, err)
	}
	return &Store{db: db, engine: sqliteEngine}, nil
}

// migrateSQLite runs goose one process at a time, the way package sqlite
// does: the lock is a write transaction on an empty database beside the
// file (PATH-register-migrate.lock), which ends with its process.
func migrateSQLite(ctx context.Context, db *sql.DB, path string) error {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(600000)")
	q.Set("_txlock", "immediate")
	lockDB, err := sql.Open("sqlite", "file:"+path+"-register-migrate.lock?"+q.Encode())
	if err != nil {
		return err
	}
	defer lockDB.Close()
	lock, err := lockDB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	defer lock.Rollback()
	p, err := provider(db, sqliteEngine)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// OpenPostgres connects to the database at url and applies the register's
// pending migrations. The tables go in the schema of the connection's
// search_path, as the publication's do.
func OpenPostgres(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open register: %w", err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open register: %w", err)
	}
	if err := migratePostgres(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open register: migrate: %w", err)
	}
	return &Store{db: db, engine: postgresEngine}, nil
}

// migratePostgres holds a transaction-level advisory lock, keyed by the
// schema, while goose runs, as package postgres does (with a key of its
// own: the two sets of migrations do not wait for each other).
func migratePostgres(ctx context.Context, db *sql.DB) error {
	lock, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer lock.Rollback()
	if _, err := lock.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('koers register migrate ' || coalesce(current_schema(), ''), 0))"); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	p, err := provider(db, postgresEngine)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

func provider(db *sql.DB, e engine) (*goose.Provider, error) {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	if e == postgresEngine {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(dialect, db, sub, goose.WithDisableGlobalRegistry(true), goose.WithTableName(VersionTable))
}

// Migrated reports whether every migration of the register is applied.
func (s *Store) Migrated(ctx context.Context) error {
	p, err := provider(s.db, s.engine)
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return err
	}
	if pending {
		return fmt.Errorf("register: database migrations are pending")
	}
	return nil
}

// rebind turns the "?" placeholders of q into PostgreSQL's "$1", "$2".
// The register's SQL has no "?" elsewhere.
func (s *Store) rebind(q string) string {
	if s.engine != postgresEngine {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + len(q)/4)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
