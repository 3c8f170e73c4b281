package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/storetest"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite"
)

// demoDB returns a SQLite database holding the demo documents and figures.
func demoDB(t *testing.T) string {
	t.Helper()
	db := "sqlite:" + filepath.Join(t.TempDir(), "koers.db")
	mustRun(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"), demoFile("leiderdorp-bestuursrapportage-2020-1.json"), demoFile("benchmarks-bijstand-2020.csv"))
	return db
}

// postgresDB returns the URL of an empty schema in the test database, or
// skips without KOERS_TEST_POSTGRES.
func postgresDB(t *testing.T) string { return storetest.PostgresURL(t) }

func TestBackupRestore(t *testing.T) {
	db := demoDB(t)
	want := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022")
	backup := filepath.Join(t.TempDir(), "backup.db")
	if out := mustRun(t, "backup", "--db", db, backup); !strings.Contains(out, "backed up") {
		t.Errorf("backup printed %q", out)
	}
	// Lose a document, then restore.
	other := filepath.Join(t.TempDir(), "other.json")
	os.WriteFile(other, []byte(strings.Replace(want, `"title": "Beleidsbegroting 2022"`, `"title": "Verkeerd"`, 1)), 0o644)
	mustRun(t, "import", "--db", db, other)
	if got := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022"); got == want {
		t.Fatal("the change did not take")
	}
	mustRun(t, "restore", "--db", db, backup)
	if got := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022"); got != want {
		t.Error("restore did not bring the document back")
	}
	// Not a database; PostgreSQL.
	notDB := filepath.Join(t.TempDir(), "x.db")
	os.WriteFile(notDB, []byte("no database here, just some text"), 0o644)
	if _, _, err := run(t, "restore", "--db", db, notDB); err == nil || !strings.Contains(err.Error(), "not an SQLite database") {
		t.Errorf("restoring a text file: %v", err)
	}
	if _, _, err := run(t, "backup", "--db", "postgres://x@127.0.0.1/y", backup); err == nil || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("backup of PostgreSQL: %v", err)
	}
}

// TestRestoreRefusesOtherFiles restores from files that are not koers
// backups: each is refused with the reason, and the database is untouched.
// Before, any SQLite file was migrated into an empty koers database on the
// way, and the restore replaced the documents with nothing.
func TestRestoreRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	sqliteFile := func(name string, statements ...string) string {
		file := filepath.Join(dir, name)
		conn, err := sql.Open("sqlite", file)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for _, q := range statements {
			if _, err := conn.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		return file
	}
	text := filepath.Join(dir, "text.db")
	os.WriteFile(text, []byte("no database here, just some text"), 0o644)
	gooseTable := "CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL, is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))"
	for _, tc := range []struct {
		name, file, err string
	}{
		{"text", text, "%s is not an SQLite database"},
		{"other database", sqliteFile("other.db", "CREATE TABLE x(a)", "INSERT INTO x VALUES (1)"),
			"%s is not a koers database: it has no goose_db_version table (koers's migrations)"},
		{"no tables", sqliteFile("empty.db", "PRAGMA user_version = 7"),
			"%s is not a koers database: it has no goose_db_version table (koers's migrations)"},
		{"no migration applied", sqliteFile("new.db", gooseTable, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1)"),
			"%s is not a koers database: no koers migration is applied"},
		{"another program's migrations", sqliteFile("goose.db", gooseTable, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1)", "CREATE TABLE users (id INTEGER PRIMARY KEY)"),
			"%s is not a koers database: it lacks the tables activities, blocks, documents, indicator_values, indicators, organisations, page_activities, page_indicators, page_smart_goals, pages, revision, smart_goals"},
		{"part of koers", sqliteFile("part.db", gooseTable, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, 1), (1, 1)", "CREATE TABLE organisations (id INTEGER PRIMARY KEY)", "CREATE TABLE documents (id INTEGER PRIMARY KEY)"),
			"%s is not a koers database: it lacks the tables activities, blocks, indicator_values, indicators, page_activities, page_indicators, page_smart_goals, pages, revision, smart_goals"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := demoDB(t)
			path := strings.TrimPrefix(db, "sqlite:")
			want := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022")
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = run(t, "restore", "--db", db, tc.file)
			if want := fmt.Sprintf(tc.err, tc.file); err == nil || err.Error() != want {
				t.Errorf("restore: %v\nwant %s", err, want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
				t.Error("the database file changed")
			}
			if got := mustRun(t, "export", "--db", db, "leiderdorp/begroting-2022"); got != want {
				t.Error("the document changed")
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*restore*"))
			if len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestRestoreOlderBackup restores a koers database from before the latest
// migration: the check accepts it and the restore brings it up to date.
func TestRestoreOlderBackup(t *testing.T) {
	ctx := context.Background()
	migrations := os.DirFS(filepath.Join("..", "..", "sqlite", "migrations"))
	names, _ := fs.Glob(migrations, "*.sql")
	if len(names) < 2 {
		t.Fatalf("migrations: %v", names)
	}
	previous, err := goose.NumericComponent(names[len(names)-2])
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "old.db")
	conn, err := sql.Open("sqlite", file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, conn, migrations, goose.WithDisableGlobalRegistry(true))
	if err == nil {
		_, err = p.UpTo(ctx, previous)
	}
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	db := demoDB(t)
	mustRun(t, "restore", "--db", db, file)
	if _, _, err := run(t, "export", "--db", db, "leiderdorp/begroting-2022"); err == nil {
		t.Error("the demo document is still there after restoring an empty backup")
	}
	s, err := sqlite.Open(ctx, strings.TrimPrefix(db, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrated(ctx); err != nil {
		t.Error(err)
	}
}

func TestCopySQLiteToSQLite(t *testing.T) {
	from := demoDB(t)
	to := "sqlite:" + filepath.Join(t.TempDir(), "copy.db")
	out := mustRun(t, "copy", "--from", from, "--to", to)
	if !strings.Contains(out, "copied 2 documents and 4 benchmark figures") {
		t.Errorf("copy printed %q", out)
	}
	if a, b := mustRun(t, "export", "--db", from, "leiderdorp/begroting-2022"), mustRun(t, "export", "--db", to, "leiderdorp/begroting-2022"); a != b {
		t.Error("exports differ after copy")
	}
}

// TestImportAnalyzesPostgres: after an import PostgreSQL has statistics
// for every table, so that the pages read next are planned with them.
func TestImportAnalyzesPostgres(t *testing.T) {
	pg := postgresDB(t)
	mustRun(t, "import", "--db", pg, demoFile("leiderdorp-begroting-2022.json"))
	if n := unanalyzed(t, pg); n != 0 {
		t.Errorf("after import, %d tables have no statistics", n)
	}
}

// TestCopyThroughPostgres moves the demo to PostgreSQL and back.
func TestCopyThroughPostgres(t *testing.T) {
	pg := postgresDB(t)
	from := demoDB(t)
	mustRun(t, "copy", "--from", from, "--to", pg)
	if n := unanalyzed(t, pg); n != 0 {
		t.Errorf("after copy, %d tables have no statistics", n)
	}
	back := "sqlite:" + filepath.Join(t.TempDir(), "back.db")
	out := mustRun(t, "copy", "--from", pg, "--to", back)
	if !strings.Contains(out, "copied 2 documents and 4 benchmark figures") {
		t.Errorf("copy back printed %q", out)
	}
	for _, doc := range []string{"leiderdorp/begroting-2022", "leiderdorp/bestuursrapportage-2020-1"} {
		if a, b := mustRun(t, "export", "--db", from, doc), mustRun(t, "export", "--db", back, doc); a != b {
			t.Errorf("%s differs after the round trip", doc)
		}
	}
}

// unanalyzed counts the tables of a PostgreSQL database's schema whose
// planner statistics were never gathered.
func unanalyzed(t *testing.T, url string) int {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
		WHERE ns.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples < 0`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
