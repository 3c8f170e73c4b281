package schematest

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/koers-nl/koers/postgres"
	"github.com/pressly/goose/v3"
)

// TestPostgresUpgradeFromOneFile starts from a database that applied the
// PostgreSQL 00001 of before the trees were brought in step (the whole
// schema of SQLite's 00001 to 00004 in one file): opening it applies 00002
// and on, and the result is the schema of a new database, to the column
// default, index and constraint.
func TestPostgresUpgradeFromOneFile(t *testing.T) {
	ctx := context.Background()
	old, err := os.ReadFile("testdata/postgres-00001-before-split.sql")
	if err != nil {
		t.Fatal(err)
	}
	upgraded := postgresURL(t)
	db, err := sql.Open("pgx", upgraded)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, fstest.MapFS{"00001_schema.sql": {Data: old}}, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO organisations (slug, name, theme_colour) VALUES ('leiderdorp', 'Leiderdorp', '#005a9c')"); err != nil {
		t.Fatal(err)
	}

	s, err := postgres.Open(ctx, upgraded)
	if err != nil {
		t.Fatalf("open the old database: %v", err)
	}
	defer s.Close()
	if err := s.Migrated(ctx); err != nil {
		t.Fatal(err)
	}
	var colour string
	if err := s.DB().QueryRow("SELECT theme_colour FROM organisations WHERE slug = 'leiderdorp'").Scan(&colour); err != nil || colour != "#005a9c" {
		t.Errorf("the organisation after the upgrade: %q, %v", colour, err)
	}
	fresh, err := postgres.Open(ctx, postgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()

	got, want := describePostgres(t, s.DB()), describePostgres(t, fresh.DB())
	if len(want) < 50 {
		t.Fatalf("the new schema read as %d lines", len(want))
	}
	for _, line := range want {
		if !slices.Contains(got, line) {
			t.Errorf("the upgraded database lacks %s", line)
		}
	}
	for _, line := range got {
		if !slices.Contains(want, line) {
			t.Errorf("the upgraded database has %s, a new one has not", line)
		}
	}
}

// describePostgres lists the columns (type, NOT NULL, default), indexes and
// constraints of the current schema, one sorted line each, without the
// schema's name.
func describePostgres(t *testing.T, db *sql.DB) []string {
	t.Helper()
	var schema string
	if err := db.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`
		SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable || ' default=' || coalesce(column_default, '')
			FROM information_schema.columns WHERE table_schema = current_schema()
		UNION ALL SELECT 'index ' || indexname || ': ' || indexdef
			FROM pg_indexes WHERE schemaname = current_schema()
		UNION ALL SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ': ' || pg_get_constraintdef(c.oid)
			FROM pg_constraint c WHERE c.connamespace = current_schema()::regnamespace
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.ReplaceAll(line, schema+".", ""))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
