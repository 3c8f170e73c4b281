package main

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
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
func postgresDB(t *testing.T) string {
	t.Helper()
	base := os.Getenv("KOERS_TEST_POSTGRES")
	if base == "" {
		t.Skip("KOERS_TEST_POSTGRES is not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "koers_cmd_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE"); admin.Close() })
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

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

// TestCopyThroughPostgres moves the demo to PostgreSQL and back.
func TestCopyThroughPostgres(t *testing.T) {
	pg := postgresDB(t)
	from := demoDB(t)
	mustRun(t, "copy", "--from", from, "--to", pg)
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
