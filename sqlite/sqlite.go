// Package sqlite is the embedded store of koers: koers.Store on SQLite
// through the pure-Go modernc.org/sqlite driver, with numbered SQL
// migrations embedded in the binary and applied when the store opens.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is koers.Store on one SQLite database file.
type Store struct {
	db *sql.DB
}

var _ koers.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and applies pending
// migrations. The directory of path is created too.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
	}
	// WAL lets readers run beside the one writer; immediate transactions take
	// the write lock up front so that two writers queue on busy_timeout
	// instead of failing halfway.
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, s.db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Revision returns the number of committed writes.
func (s *Store) Revision(ctx context.Context) (int64, error) {
	var rev int64
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM revision WHERE id = 1").Scan(&rev); err != nil {
		return 0, fmt.Errorf("revision: %w", err)
	}
	return rev, nil
}

// withTx runs a write of content in a transaction; see tx.
func (s *Store) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.tx(ctx, true, fn)
}

// tx runs fn in a transaction that commits when fn returns nil and rolls
// back when it returns an error or panics. A committed write of content
// bumps the revision, so that caches everywhere drop what they hold.
func (s *Store) tx(ctx context.Context, content bool, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if content {
		if _, err = tx.ExecContext(ctx, "UPDATE revision SET value = value + 1 WHERE id = 1"); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// notFound turns sql.ErrNoRows into a koers not-found error naming what was
// looked for.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return koers.Errorf(koers.ENOTFOUND, format, args...)
	}
	return err
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
