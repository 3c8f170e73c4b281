// Package sqlite is the embedded store of koers: koers.Store on SQLite
// through the pure-Go modernc.org/sqlite driver, with numbered SQL
// migrations embedded in the binary and applied when the store opens.
// Search indexes Dutch stems with FTS5.
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
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
	"github.com/koers-nl/koers/sqlstore"
	"github.com/pressly/goose/v3"
	sqlitedriver "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is koers.Store on one SQLite database file.
type Store struct {
	*sqlstore.Store
	path string
}

// Open opens (creating if needed) the database at path and applies pending
// migrations. The directory of path is created too.
func Open(ctx context.Context, path string) (*Store, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := migrate(ctx, db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// A few connections, kept open. Opening one reads the schema and the
	// WAL index afresh, which under load costs more than the queries
	// (database/sql keeps 2 open by default). And more than a few at once
	// only contend: the driver's SQLite has one page cache with one lock for
	// all connections, so 64 searches at once took twice the processor
	// time of 4 at once, each (BenchmarkSearchCorpus/sqlite/find-64).
	conns := max(4, 2*runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	return &Store{Store: sqlstore.New(db, dialect{}), path: path}, nil
}

// dsn sets the connection up: WAL lets readers run beside the one writer;
// immediate transactions take the write lock up front so that two writers
// queue on busy_timeout instead of failing halfway. busy_timeout comes
// first: switching a new database to WAL needs a lock that a process
// starting beside this one may hold. Reads map the file (up to SQLite's
// limit of 2 GB) rather than copy each page in with a system call: a
// search reads hundreds of pages, and this saves a fifth of its time.
func dsn(path string) string {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)", "mmap_size(2147418112)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// migrate applies pending migrations to the database at path, one process
// at a time: instances started together on a new database, or on one with
// a pending migration, would otherwise run the same migration at once, and
// all but one fail.
//
// The database cannot be locked while goose writes to it, so the lock is a
// write transaction on an empty database beside it (PATH-migrate.lock),
// held from before goose first looks at its version table until the last
// migration is applied. SQLite's locks end with the process that holds
// them, so one that dies while migrating leaves no lock behind. The others
// wait (up to ten minutes, or until ctx ends) and then find nothing to do.
func migrate(ctx context.Context, db *sql.DB, path string) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(600000)")
	q.Set("_txlock", "immediate")
	lockDB, err := sql.Open("sqlite", "file:"+path+lockSuffix+"?"+q.Encode())
	if err != nil {
		return err
	}
	defer lockDB.Close()
	lock, err := lockDB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: take the migration lock: %w", err)
	}
	defer lock.Rollback()
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// lockSuffix names the file beside a database whose lock migrations take.
const lockSuffix = "-migrate.lock"

// version returns the latest migration applied, 0 on a new database.
func version(ctx context.Context, db *sql.DB) (int64, error) {
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'goose_db_version'").Scan(&tables); err != nil || tables == 0 {
		return 0, err
	}
	var v sql.NullInt64
	err := db.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version").Scan(&v)
	return v.Int64, err
}

// Migrated reports whether every migration is applied.
func (s *Store) Migrated(ctx context.Context) error {
	sub, _ := fs.Sub(migrations, "migrations")
	p, err := goose.NewProvider(goose.DialectSQLite3, s.DB(), sub, goose.WithDisableGlobalRegistry(true))
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

// dialect is SQLite's part of the SQL: "?" placeholders and FTS5 search.
type dialect struct{}

func (dialect) Rebind(q string) string { return q }

func (dialect) Time(t time.Time) any { return sqlstore.Microseconds(t) }

// Constraint reads SQLite's extended result codes.
func (dialect) Constraint(err error) string {
	var e *sqlitedriver.Error
	if !errors.As(err, &e) {
		return ""
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return koers.ECONFLICT
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY,
		sqlite3.SQLITE_CONSTRAINT_TRIGGER, sqlite3.SQLITE_CONSTRAINT_DATATYPE:
		return koers.EINVALID
	}
	return ""
}

func (dialect) Index(ctx context.Context, tx *sql.Tx, pageID, organisationID int64, title, text string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO page_text (page_id, text) VALUES (?, ?)
		ON CONFLICT (page_id) DO UPDATE SET text = excluded.text`, pageID, text); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO page_search (rowid, title, body, organisation) VALUES (?, ?, ?, ?)",
		pageID, dutch.Stems(title), dutch.Stems(text), orgToken(organisationID))
	return err
}

// orgToken is how the index names an organisation: "org_17". The
// tokenizer keeps "_" in a word (migration 00008), and a stem never has one
// (dutch.Words splits at it).
func orgToken(id int64) string { return "org_" + strconv.FormatInt(id, 10) }

func (dialect) Unindex(ctx context.Context, tx *sql.Tx, documentID int64) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM page_search WHERE rowid IN (SELECT id FROM pages WHERE document_id = ?)", documentID)
	return err
}

// Search ranks with bm25, the title weighing five times the body, the
// pages that match added last: FTS5 reads a term's pages in rowid order, so
// finding the SearchCandidates-th last costs little, and bm25, which reads
// every page's length, runs on those only. The organisation is a column of
// the index, so a search in one reads that organisation's pages alone. The
// text is read for the hits alone, and cut as bytes (a blob), which does
// not read it character by character.
func (dialect) Search(ctx context.Context, tx *sql.Tx, sq koers.SearchQuery) ([]koers.SearchHit, error) {
	stems := dutch.Query(sq.Text)
	// Each stem quoted: the query is data, never FTS5 syntax. A stem is
	// never an organisation's token (orgToken), so the words need no
	// column filter, which would cost a pass over every page's positions.
	terms := make([]string, len(stems))
	for i, st := range stems {
		terms[i] = `"` + strings.ReplaceAll(st, `"`, `""`) + `"`
	}
	match := strings.Join(terms, " ")
	if sq.OrganisationID != 0 {
		match = `organisation : "` + orgToken(sq.OrganisationID) + `" AND ` + match
	}
	rows, err := tx.QueryContext(ctx, `WITH top (id, rank) AS (
			SELECT rowid, bm25(page_search, 5.0, 1.0, 0.0) FROM page_search
			WHERE page_search MATCH ?1 AND rowid >= coalesce(
				(SELECT rowid FROM page_search WHERE page_search MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2 - 1), 0)
			ORDER BY 2, 1 LIMIT ?3 OFFSET ?5)
		SELECT p.id, p.document_id, p.title, substr(CAST(t.text AS BLOB), 1, ?4), top.rank
		FROM top JOIN pages p ON p.id = top.id JOIN page_text t ON t.page_id = p.id
		ORDER BY top.rank, p.id`, match, sq.Ranked(), sq.Limit, koers.MaxHitText+1, max(sq.Offset, 0))
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
		h.Rank = -h.Rank // bm25 is lower for better matches
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// Backup writes a consistent copy of the database to path while it is in
// use (VACUUM INTO), through a temporary file, so that path is either the
// old file or the whole new one.
func (s *Store) Backup(ctx context.Context, path string) error {
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	if _, err := s.DB().ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// Restore replaces the database at path with the backup at from. The
// backup is checked (a koers database, see checkKoers) and brought up to
// date on a copy first; koers must not be serving path meanwhile.
func Restore(ctx context.Context, from, path string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	if len(data) < 16 || string(data[:16]) != "SQLite format 3\x00" {
		return koers.Errorf(koers.EINVALID, "%s is not an SQLite database", from)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	check, err := os.CreateTemp(dir, ".koers-restore-*.db")
	if err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	checkPath := check.Name()
	defer os.Remove(checkPath)
	defer os.Remove(checkPath + lockSuffix)
	if _, err := check.Write(data); err != nil {
		check.Close()
		return fmt.Errorf("restore %s: %w", from, err)
	}
	check.Close()
	if err := checkKoers(ctx, from, checkPath); err != nil {
		return err
	}
	backup, err := Open(ctx, checkPath)
	if err != nil {
		return fmt.Errorf("restore %s: not a koers database: %w", from, err)
	}
	if err := backup.Ping(ctx); err != nil {
		backup.Close()
		return fmt.Errorf("restore %s: %w", from, err)
	}
	if _, err := backup.Revision(ctx); err != nil {
		backup.Close()
		return koers.Errorf(koers.EINVALID, "%s is not a koers database", from)
	}
	err = backup.Backup(ctx, path+".restored")
	backup.Close()
	if err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	if err := os.Rename(path+".restored", path); err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	return nil
}

// checkKoers refuses a database that koers did not make: it must have
// goose's version table with a koers migration applied, and every table
// that koers's migrations up to that version create (found by migrating an
// empty database in memory that far). Without this check any SQLite file
// would be migrated into an empty koers database and restored as such.
func checkKoers(ctx context.Context, from, path string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	defer db.Close()
	has, err := tableNames(ctx, db)
	if err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	if !has["goose_db_version"] {
		return koers.Errorf(koers.EINVALID, "%s is not a koers database: it has no goose_db_version table (koers's migrations)", from)
	}
	v, err := version(ctx, db)
	if err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	if v == 0 {
		return koers.Errorf(koers.EINVALID, "%s is not a koers database: no koers migration is applied", from)
	}

	// One connection: each connection to ":memory:" is a database of its own.
	fresh, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return err
	}
	defer fresh.Close()
	fresh.SetMaxOpenConns(1)
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, fresh, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, v); err != nil {
		return fmt.Errorf("restore %s: %w", from, err)
	}
	want, err := tableNames(ctx, fresh)
	if err != nil {
		return err
	}
	var missing []string
	for name := range want {
		if !has[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return koers.Errorf(koers.EINVALID, "%s is not a koers database: it lacks the tables %s", from, strings.Join(missing, ", "))
	}
	return nil
}

// tableNames returns the names of a database's tables, SQLite's own left out.
func tableNames(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names[name] = true
	}
	return names, rows.Err()
}

// ForUpdate is empty: a write transaction holds SQLite's write lock from
// its start (_txlock=immediate), so no row it reads can change under it.
func (dialect) ForUpdate() string { return "" }
