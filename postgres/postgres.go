// Package postgres is koers.Store on PostgreSQL through pgx, for
// installations with several instances on one database. It shares its SQL
// with the SQLite store (package sqlstore), has its own numbered migrations,
// and searches with PostgreSQL's built-in "dutch" text search.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/sqlstore"
	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is koers.Store on a PostgreSQL database.
type Store struct {
	*sqlstore.Store
}

// Open connects to the database at url ("postgres://user@host/db") and
// applies pending migrations.
func Open(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	// As many idle connections as open ones: with fewer, a burst of
	// searches (more than the idle ones at once) ends by closing the
	// surplus, and the next burst pays for new server processes, which also
	// warm their caches of the catalogue on their first queries: a quarter
	// of the server's processor time per search in rounds of 64 searches at
	// once (BenchmarkSearchCorpus). Idle ones close after a while.
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres: migrate: %w", err)
	}
	return &Store{Store: sqlstore.New(db, dialect{})}, nil
}

var _ = stdlib.GetDefaultDriver // registers the "pgx" driver

// migrate applies pending migrations, one process at a time: instances
// started together on a new database, or on one with a pending migration,
// would otherwise run the same migration at once, which fails (two CREATE
// TABLEs of one name) or applies a guarded one twice.
//
// The lock is a transaction-level advisory lock on a connection of its own,
// held from before goose first looks at its version table (goose's own
// session locker is taken later, after a check that may create that table
// unlocked) until the last migration is applied; the server releases it
// when the transaction ends, also when the process dies. It is keyed by the
// schema migrated, so instances in other schemas of one database do not
// wait for each other. pg_advisory_xact_lock waits in the server until the
// lock is free or ctx ends.
func migrate(ctx context.Context, db *sql.DB) error {
	lock, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer lock.Rollback()
	if _, err := lock.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtextextended('koers migrate ' || coalesce(current_schema(), ''), 0))"); err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	p, err := provider(db)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

func provider(db *sql.DB) (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithDisableGlobalRegistry(true))
}

// Migrated reports whether every migration is applied.
func (s *Store) Migrated(ctx context.Context) error {
	p, err := provider(s.DB())
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return err
	}
	if pending {
		return koers.Errorf(koers.EINTERNAL, "database migrations are pending")
	}
	return nil
}

// dialect is PostgreSQL's part of the SQL: numbered placeholders and
// full-text search with the "dutch" configuration.
type dialect struct{}

func (dialect) Rebind(q string) string { return sqlstore.Numbered(q) }

func (dialect) Time(t time.Time) any { return sqlstore.Timestamp(t) }

// Constraint reads PostgreSQL's SQLSTATE (class 23, integrity constraint
// violation).
func (dialect) Constraint(err error) string {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code {
	case "23505", "23P01": // unique_violation, exclusion_violation
		return koers.ECONFLICT
	case "23514", "23502", "23503": // check_violation, not_null_violation, foreign_key_violation
		return koers.EINVALID
	}
	return ""
}

func (dialect) Index(ctx context.Context, tx *sql.Tx, pageID, organisationID int64, title, text string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO page_search (page_id, organisation_id, text, doc)
		VALUES ($1, $4, $2, setweight(to_tsvector('dutch', $3), 'A') || setweight(to_tsvector('dutch', $2), 'D'))
		ON CONFLICT (page_id) DO UPDATE SET organisation_id = excluded.organisation_id, text = excluded.text, doc = excluded.doc`,
		pageID, text, title, organisationID)
	return err
}

func (dialect) Unindex(ctx context.Context, tx *sql.Tx, documentID int64) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM page_search WHERE page_id IN (SELECT id FROM pages WHERE document_id = $1)", documentID)
	return err
}

// Search ranks with ts_rank, normalised by the length of the page, the
// pages that match added last. The candidates come from the GIN index one
// bucket of 1,024 page IDs at a time (migration 00009), the newest first,
// until there are enough: a word on nearly every page costs about what a
// rare one does, where reading all its matches and sorting them cost ten
// times more. A search with fewer matches than it ranks asks every bucket,
// some microseconds each. In one organisation, the index holds the
// organisation's pages too, and gives only theirs. ts_rank, which reads each page's whole vector,
// runs on the candidates only; the text is read for the hits alone, and cut
// as bytes, as SQLite cuts it.
//
// The planner counts reading page_search as cheap, because its vectors and
// texts live out of line, and does not count reading a vector for every
// row it filters. It might scan the table, or walk the primary key
// backwards, and read vectors until enough match, which for a rare word is
// every vector. So sequential scans are off for the search, and a bucket's
// candidates are ordered by page_id + 0, which no index gives; the
// statements of the transaction after it are planned as usual. JIT stays
// off to the end of the transaction: a plan that needs a sequential scan
// anyway is costed at 10^10 while they are off, and compiling it takes
// longer than the search.
func (dialect) Search(ctx context.Context, tx *sql.Tx, sq koers.SearchQuery) ([]koers.SearchHit, error) {
	scope := ""
	args := []any{sq.Text, sq.Ranked(), sq.Limit, koers.MaxHitText + 1, max(sq.Offset, 0)}
	if sq.OrganisationID != 0 {
		args = append(args, sq.OrganisationID)
		scope = " AND ARRAY[s.organisation_id] @> ARRAY[$6::bigint]"
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"); err != nil {
		return nil, err
	}
	// The bucket expression is the index's, word for word.
	rows, err := tx.QueryContext(ctx, `WITH candidates AS (
			SELECT c.page_id FROM generate_series(
				(SELECT max(page_id) FROM page_search) >> 10, (SELECT min(page_id) FROM page_search) >> 10, -1) AS b (bucket),
			LATERAL (
				SELECT s.page_id FROM page_search s
				WHERE s.doc @@ plainto_tsquery('dutch', $1) AND ARRAY[(s.page_id >> 10)::integer] @> ARRAY[b.bucket::integer]`+scope+`
				ORDER BY s.page_id + 0 DESC) c
			LIMIT $2),
		top AS (
			SELECT s.page_id, ts_rank(s.doc, plainto_tsquery('dutch', $1), 1) AS rank FROM page_search s
			WHERE s.page_id = ANY (ARRAY(SELECT page_id FROM candidates))
			ORDER BY rank DESC, s.page_id LIMIT $3 OFFSET $5)
		SELECT p.id, p.document_id, p.title, substring(convert_to(s.text, 'UTF8') FROM 1 FOR $4), top.rank
		FROM top JOIN pages p ON p.id = top.page_id JOIN page_search s ON s.page_id = top.page_id
		ORDER BY top.rank DESC, p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []koers.SearchHit
	for rows.Next() {
		var h koers.SearchHit
		var text sql.RawBytes // the driver's bytes, copied once, into the hit
		if err := rows.Scan(&h.PageID, &h.DocumentID, &h.Title, &text, &h.Rank); err != nil {
			return nil, err
		}
		h.Text = koers.HitText(string(text))
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	_, err = tx.ExecContext(ctx, "SET LOCAL enable_seqscan TO DEFAULT")
	return hits, err
}

// ForUpdate locks the rows a write reads, so that two writes of one draft
// queue rather than interleave.
func (dialect) ForUpdate() string { return " FOR UPDATE" }
