package schematest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/sqlite"
)

// Tables left out of the comparison, each with the reason.
var (
	sqliteOnly = map[string]string{
		"page_search":         "FTS5 virtual table over Dutch stems; PostgreSQL searches a tsvector table of the same name",
		"page_search_config":  "FTS5 shadow table of page_search",
		"page_search_content": "FTS5 shadow table of page_search",
		"page_search_data":    "FTS5 shadow table of page_search",
		"page_search_docsize": "FTS5 shadow table of page_search",
		"page_search_idx":     "FTS5 shadow table of page_search",
		"page_text":           "page text for snippets, kept beside FTS5; PostgreSQL keeps it in page_search",
	}
	postgresOnly = map[string]string{
		"page_search": "page text and its tsvector for PostgreSQL's dutch text search",
	}
	// goose_db_version is goose's bookkeeping, shaped by goose per dialect.
	both = map[string]string{
		"goose_db_version": "goose's own, per dialect",
	}
)

// TestSameTablesAndColumns migrates a new database on each engine and
// expects the same tables, each with the same columns and the same NOT NULL.
func TestSameTablesAndColumns(t *testing.T) {
	ctx := context.Background()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "koers.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := postgres.Open(ctx, postgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()

	a := comparable(t, "SQLite", sqliteColumns(t, lite.DB()), sqliteOnly)
	b := comparable(t, "PostgreSQL", postgresColumns(t, pg.DB()), postgresOnly)
	if len(a) < 10 || a["documents"] == nil {
		t.Fatalf("SQLite schema read as %d tables: %v", len(a), a)
	}
	if diff := compareTables(a, b); len(diff) > 0 {
		t.Errorf("the migrated schemas differ (SQLite, PostgreSQL):\n%s", strings.Join(diff, "\n"))
	}
}

// comparable drops the tables that are one engine's own, after checking
// that each of them is there (a stale entry in the lists is an error too).
func comparable(t *testing.T, engine string, tables map[string][]column, own map[string]string) map[string][]column {
	t.Helper()
	for _, skip := range []map[string]string{own, both} {
		for name := range skip {
			if tables[name] == nil {
				t.Errorf("%s has no table %s, which the test expects to leave out", engine, name)
			}
			delete(tables, name)
		}
	}
	return tables
}

// compareTables lists every difference between two schemas, one per line.
func compareTables(a, b map[string][]column) []string {
	var diff []string
	names := map[string]bool{}
	for n := range a {
		names[n] = true
	}
	for n := range b {
		names[n] = true
	}
	for _, table := range slices.Sorted(mapKeys(names)) {
		ca, cb := a[table], b[table]
		switch {
		case ca == nil:
			diff = append(diff, fmt.Sprintf("table %s: only on PostgreSQL", table))
			continue
		case cb == nil:
			diff = append(diff, fmt.Sprintf("table %s: only on SQLite", table))
			continue
		}
		byName := map[string]column{}
		for _, c := range cb {
			byName[c.Name] = c
		}
		for _, c := range ca {
			other, ok := byName[c.Name]
			delete(byName, c.Name)
			switch {
			case !ok:
				diff = append(diff, fmt.Sprintf("%s.%s: only on SQLite", table, c.Name))
			case other.NotNull != c.NotNull:
				diff = append(diff, fmt.Sprintf("%s.%s: NOT NULL %v on SQLite, %v on PostgreSQL", table, c.Name, c.NotNull, other.NotNull))
			}
		}
		for _, name := range slices.Sorted(mapKeys(byName)) {
			diff = append(diff, fmt.Sprintf("%s.%s: only on PostgreSQL", table, name))
		}
	}
	return diff
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestCompareTables(t *testing.T) {
	a := map[string][]column{
		"same":  {{"id", true}, {"x", false}},
		"lite":  {{"id", true}},
		"cols":  {{"id", true}, {"a", true}, {"b", false}},
		"order": {{"a", true}, {"b", true}},
	}
	b := map[string][]column{
		"same":  {{"id", true}, {"x", false}},
		"pg":    {{"id", true}},
		"cols":  {{"id", true}, {"a", false}, {"c", false}},
		"order": {{"b", true}, {"a", true}},
	}
	want := []string{
		"cols.a: NOT NULL true on SQLite, false on PostgreSQL",
		"cols.b: only on SQLite",
		"cols.c: only on PostgreSQL",
		"table lite: only on SQLite",
		"table pg: only on PostgreSQL",
	}
	if got := compareTables(a, b); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// column is what both engines can say alike about a column.
type column struct {
	Name    string
	NotNull bool
}

// sqliteColumns reads the columns of every table of a SQLite database.
func sqliteColumns(t *testing.T, db *sql.DB) map[string][]column {
	t.Helper()
	// sqlite_% are SQLite's own tables (sqlite_sequence for AUTOINCREMENT).
	rows, err := db.Query(`SELECT m.name, c.name, c.type, c."notnull", c.pk,
			(SELECT count(*) FROM pragma_table_info(m.name) WHERE pk > 0)
		FROM sqlite_schema m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		ORDER BY m.name, c.cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tables := map[string][]column{}
	for rows.Next() {
		var table, name, typ string
		var notNull bool
		var pk, pks int
		if err := rows.Scan(&table, &name, &typ, &notNull, &pk, &pks); err != nil {
			t.Fatal(err)
		}
		// A single INTEGER PRIMARY KEY is the rowid and never NULL, as a
		// primary key is on PostgreSQL; other SQLite key columns must say
		// NOT NULL themselves.
		if pk == 1 && pks == 1 && typ == "INTEGER" {
			notNull = true
		}
		tables[table] = append(tables[table], column{name, notNull})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}

// postgresColumns reads the columns of every table in the current schema.
func postgresColumns(t *testing.T, db *sql.DB) map[string][]column {
	t.Helper()
	rows, err := db.Query(`SELECT c.table_name, c.column_name, c.is_nullable = 'NO'
		FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
		ORDER BY c.table_name, c.ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tables := map[string][]column{}
	for rows.Next() {
		var table string
		var c column
		if err := rows.Scan(&table, &c.Name, &c.NotNull); err != nil {
			t.Fatal(err)
		}
		tables[table] = append(tables[table], c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return tables
}
