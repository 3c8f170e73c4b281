// Package sqlstore is koers.Store on database/sql, shared by the SQL
// engines. The SQL is written once, with "?" placeholders; an engine's
// Dialect rebinds them and supplies what differs between engines: full-text
// search. The engines (sqlite, postgres) open the database, apply their own
// migrations and hand the handle to New.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

// Dialect is what differs between SQL engines.
type Dialect interface {
	// Rebind turns "?" placeholders into the engine's own.
	Rebind(query string) string
	// Time is how the engine stores a time (Microseconds or Timestamp).
	Time(t time.Time) any
	// Constraint tells which koers error code a failed constraint is
	// (ECONFLICT for a duplicate, EINVALID for a check, a missing value
	// or a reference to nothing), or "" when err is not one.
	Constraint(err error) string
	// Index makes a page of an organisation findable: its title and
	// readable text.
	Index(ctx context.Context, tx *sql.Tx, pageID, organisationID int64, title, text string) error
	// Unindex forgets the pages of a document.
	Unindex(ctx context.Context, tx *sql.Tx, documentID int64) error
	// ForUpdate is what ends a SELECT that locks the rows it reads until
	// the transaction ends: " FOR UPDATE" on PostgreSQL; "" on SQLite,
	// whose write transactions hold the database's one write lock from
	// their start (_txlock=immediate).
	ForUpdate() string
	// Search finds pages whose text matches the query's Dutch stems, best
	// first, with the start of their text for snippets (koers.HitText): of
	// the koers.SearchCandidates matching pages added last, in the
	// organisation if the query names one, the best q.Limit. Its work
	// must not grow with the pages that match.
	Search(ctx context.Context, tx *sql.Tx, q koers.SearchQuery) ([]koers.SearchHit, error)
}

// Store is koers.Store on a database/sql handle.
type Store struct {
	db      *sql.DB
	dialect Dialect

	maxSelectionRows int // 0: koers.MaxSelectionRows; see SetMaxSelectionRows
}

var _ koers.Store = (*Store)(nil)

// New returns a store on db, which must be migrated already.
func New(db *sql.DB, d Dialect) *Store { return &Store{db: db, dialect: d} }

// DB returns the handle, for the engine's own needs (backups).
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Revision returns the number of committed content writes.
func (s *Store) Revision(ctx context.Context) (int64, error) {
	var rev int64
	if err := s.db.QueryRowContext(ctx, "SELECT value FROM revision WHERE id = 1").Scan(&rev); err != nil {
		return 0, err
	}
	return rev, nil
}

// Revisions reads the global, shared and per-organisation revisions in one
// snapshot: two small queries, asked by a cache only when Revision changed.
func (s *Store) Revisions(ctx context.Context) (global, shared int64, orgs map[string]int64, err error) {
	orgs = map[string]int64{}
	err = s.read(ctx, func(q q) error {
		if err := q.queryRow("SELECT value, shared FROM revision WHERE id = 1").Scan(&global, &shared); err != nil {
			return err
		}
		return q.each("SELECT slug, revision FROM organisations", nil, func(rows *sql.Rows) error {
			var slug string
			var rev int64
			if err := rows.Scan(&slug, &rev); err != nil {
				return err
			}
			orgs[slug] = rev
			return nil
		})
	})
	if err != nil {
		return 0, 0, nil, fmt.Errorf("revisions: %w", err)
	}
	return global, shared, orgs, nil
}

// touchOrganisation stamps an organisation with the revision of the write
// in q: its content changed.
func (q q) touchOrganisation(id int64) error {
	_, err := q.exec("UPDATE organisations SET revision = (SELECT value FROM revision WHERE id = 1) WHERE id = ?", id)
	return err
}

// touchShared stamps what every organisation's pages show with the
// revision of the write in q.
func (q q) touchShared() error {
	_, err := q.exec("UPDATE revision SET shared = value WHERE id = 1")
	return err
}

// q runs statements inside one transaction, rebinding placeholders for the
// engine. Reads and writes both go through it, so that every query of one
// operation sees the same snapshot.
type q struct {
	ctx context.Context
	tx  *sql.Tx
	s   *Store
	now time.Time // of a write transaction: one time for all it writes
	// actor is who writes (koers.ActorFrom), for the audit log; nil for
	// the command line.
	actor *koers.User
}

// time is t as the engine stores it.
func (q q) time(t time.Time) any { return q.s.dialect.Time(t) }

func (q q) exec(query string, args ...any) (sql.Result, error) {
	return q.tx.ExecContext(q.ctx, q.s.dialect.Rebind(query), args...)
}

func (q q) query(query string, args ...any) (*sql.Rows, error) {
	return q.tx.QueryContext(q.ctx, q.s.dialect.Rebind(query), args...)
}

func (q q) queryRow(query string, args ...any) *sql.Row {
	return q.tx.QueryRowContext(q.ctx, q.s.dialect.Rebind(query), args...)
}

// id runs an INSERT ... RETURNING id.
func (q q) id(query string, args ...any) (int64, error) {
	var id int64
	err := q.queryRow(query, args...).Scan(&id)
	return id, err
}

// each runs a query and calls scan for every row.
func (q q) each(query string, args []any, scan func(rows *sql.Rows) error) error {
	rows, err := q.query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readOnly is a snapshot on both engines: PostgreSQL's repeatable read, and
// SQLite's deferred transaction, whose WAL snapshot starts at the first
// read. Read-only also keeps SQLite from taking the write lock
// (_txlock=immediate applies to writes only).
var readOnly = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}

// read runs fn in one read-only transaction, so that a read of several
// queries sees one committed state of the database, never half of a write
// that commits in between.
func (s *Store) read(ctx context.Context, fn func(q q) error) error {
	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	return fn(q{ctx: ctx, tx: tx, s: s})
}

// write runs a write of content in a transaction; see tx.
func (s *Store) write(ctx context.Context, fn func(q q) error) error {
	return s.tx(ctx, true, fn)
}

// tx runs fn in a transaction that commits when fn returns nil and rolls
// back when it returns an error or panics. It is the one write helper: fn
// records what it did in the audit log through q.audit, in the same
// transaction, with the actor of ctx and the transaction's time. A committed write of content
// bumps the revision, so that caches everywhere learn that something
// changed; fn stamps what it changed with it (touchOrganisation,
// touchShared), so that they drop only that.
func (s *Store) tx(ctx context.Context, content bool, fn func(q q) error) (err error) {
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
	if content {
		// First, so that concurrent writers queue here rather than meet
		// halfway through each other's documents.
		if _, err = tx.ExecContext(ctx, "UPDATE revision SET value = value + 1 WHERE id = 1"); err != nil {
			return err
		}
	}
	if err = fn(q{ctx: ctx, tx: tx, s: s, now: now(), actor: koers.ActorFrom(ctx)}); err != nil {
		return s.coded(err)
	}
	return s.coded(tx.Commit())
}

// coded turns an error of a failed database constraint into a koers error,
// so that callers and users learn what went wrong and not the driver's words.
func (s *Store) coded(err error) error {
	if err == nil || koers.ErrorCode(err) != koers.EINTERNAL {
		return err
	}
	switch s.dialect.Constraint(err) {
	case koers.ECONFLICT:
		return &koers.Error{Code: koers.ECONFLICT, Message: "Dit bestaat al, of is intussen door iemand anders gewijzigd.", Err: err}
	case koers.EINVALID:
		return &koers.Error{Code: koers.EINVALID, Message: "De gegevens voldoen niet aan de regels van de database.", Err: err}
	}
	return err
}

// notFound turns sql.ErrNoRows into a koers not-found error naming what was
// looked for.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return koers.Errorf(koers.ENOTFOUND, format, args...)
	}
	return err
}

// Numbered rebinds "?" to "$1", "$2" ... (PostgreSQL).
func Numbered(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
