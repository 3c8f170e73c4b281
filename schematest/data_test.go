package schematest

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
)

// TestMigrationKeepsData writes a database in the schema before migrations
// 5 to 7 and 8 (indicator wording per organisation, amounts as floats,
// times as RFC 3339 text, one revision for all, a search index without
// organisations), migrates it, and reads it back through the store, on
// each engine.
func TestMigrationKeepsData(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			ctx := context.Background()
			dsn, dbName := e.database(t)
			migrateTo(t, e, dsn, 4)
			db, err := sql.Open(e.driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, stmt := range []string{
				`INSERT INTO organisations (id, slug, name) VALUES (1, 'leiderdorp', 'Gemeente Leiderdorp')`,
				`INSERT INTO documents (id, organisation_id, kind, year, title, slug, updated_at)
					VALUES (1, 1, 'begroting', 2022, 'Begroting 2022', 'begroting-2022', '2021-11-05T10:20:30Z')`,
				`INSERT INTO pages (id, document_id, position, kind, number, title, slug, path)
					VALUES (1, 1, 0, 'subprogramme', '1C', '1C: Ondersteunde inwoners', '1c', '1c')`,
				`INSERT INTO indicators (id, organisation_id, key, unit, direction, definition, source, threshold)
					VALUES (1, 1, 'lasten', 'amount', 'at_most', 'Lasten per inwoner.', 'Begroting', 0),
					       (2, 1, 'cliënten', 'count', '', '', '', 10)`,
				`INSERT INTO page_indicators (page_id, indicator_id, position, number, name) VALUES (1, 1, 0, '1.1', 'Lasten'), (1, 2, 1, '1.2', 'Cliënten')`,
				`INSERT INTO indicator_values (indicator_id, document_id, year, kind, value)
					VALUES (1, 1, 2022, 'budgeted', 1234.1), (1, 1, 2020, 'realised', NULL), (2, 1, 2020, 'realised', 7)`,
				`INSERT INTO selections (token, page_id, added_at) VALUES ('lezer', 1, '2021-11-05T10:20:30.5Z')`,
				`INSERT INTO benchmarks (indicator, area, period, value, unit) VALUES ('lasten', 'NL01', '2020', 1234.1, 'amount'), ('lasten', 'NL01', '2021', 7.5, 'percentage')`,
				`UPDATE revision SET value = 41`,
			} {
				if _, err := db.ExecContext(ctx, stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
			// The page as the search index held it before migration 7
			// gave the index the organisation.
			text := "1C: Ondersteunde inwoners\nWe verstrekken uitkeringen."
			index := map[string][]string{
				"sqlite": {"INSERT INTO page_text (page_id, text) VALUES (1, $1)",
					"INSERT INTO page_search (rowid, title, body) VALUES (1, '" + dutch.Stems("1C: Ondersteunde inwoners") + "', '" + dutch.Stems(text) + "')"},
				"postgres": {"INSERT INTO page_search (page_id, text, doc) VALUES (1, $1, to_tsvector('dutch', $1))"},
			}
			for _, stmt := range index[e.name] {
				var args []any
				if strings.Contains(stmt, "$1") {
					args = append(args, text)
				}
				if _, err := db.ExecContext(ctx, stmt, args...); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}

			s, err := e.store(ctx, dbName)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			docs, err := s.Documents(ctx, koers.DocumentFilter{})
			if err != nil || len(docs) != 1 {
				t.Fatalf("documents = %v, %v", docs, err)
			}
			doc, err := s.Document(ctx, docs[0].ID, true)
			if err != nil {
				t.Fatal(err)
			}
			if want := time.Date(2021, 11, 5, 10, 20, 30, 0, time.UTC); !doc.UpdatedAt.Equal(want) {
				t.Errorf("updated_at = %v, want %v", doc.UpdatedAt, want)
			}
			page := doc.Pages[0]
			lasten, clienten := page.Indicator("lasten"), page.Indicator("cliënten")
			if lasten == nil || clienten == nil {
				t.Fatalf("indicators = %+v", page.Indicators)
			}
			if lasten.Unit != koers.Amount || lasten.Direction != koers.AtMost || lasten.Definition != "Lasten per inwoner." || lasten.Source != "Begroting" {
				t.Errorf("lasten wording = %+v", lasten)
			}
			if v, ok := lasten.Value(2022, koers.Budgeted); !ok || v.Amount == nil || *v.Amount != 123410 || v.Number != nil {
				t.Errorf("lasten 2022 = %+v", v)
			}
			if v, ok := lasten.Value(2020, koers.Realised); !ok || v.Known() {
				t.Errorf("lasten 2020 = %+v, want nnb", v)
			}
			if clienten.Unit != koers.Count || clienten.Threshold != 10 {
				t.Errorf("cliënten wording = %+v", clienten)
			}
			if v, _ := clienten.Value(2020, koers.Realised); v.Number == nil || *v.Number != 7 {
				t.Errorf("cliënten 2020 = %+v", v)
			}
			bench, err := s.Benchmarks(ctx, "lasten")
			if err != nil || len(bench) != 2 || bench[0].Amount != 123410 || bench[0].Value != 0 || bench[1].Value != 7.5 || bench[1].Amount != 0 {
				t.Errorf("benchmarks = %+v, %v", bench, err)
			}
			// Every organisation and the shared content start at the
			// global revision: anything cached before is stale.
			global, shared, orgs, err := s.Revisions(ctx)
			if err != nil || global != 41 || shared != 41 || len(orgs) != 1 || orgs["leiderdorp"] != 41 {
				t.Errorf("revisions = %d, %d, %v, %v; want 41 for all, of leiderdorp", global, shared, orgs, err)
			}
			// SQLite keeps integer microseconds, PostgreSQL a timestamp.
			var added any
			if err := db.QueryRowContext(ctx, "SELECT added_at FROM selections").Scan(&added); err != nil {
				t.Fatal(err)
			}
			var at time.Time
			switch v := added.(type) {
			case int64:
				at = time.UnixMicro(v)
			case time.Time:
				at = v
			}
			if want := time.Date(2021, 11, 5, 10, 20, 30, 5e8, time.UTC); !at.Equal(want) {
				t.Errorf("selection added_at = %v (%T), want %v", added, added, want)
			}
			for _, tt := range []struct {
				org  int64
				hits int
			}{{0, 1}, {1, 1}, {2, 0}} {
				hits, err := s.Search(ctx, koers.SearchQuery{Text: "uitkering", OrganisationID: tt.org, Limit: 10})
				if err != nil || len(hits) != tt.hits || (tt.hits == 1 && (hits[0].PageID != 1 || hits[0].Text != text)) {
					t.Errorf("search in organisation %d: %+v, %v; want %d hits", tt.org, hits, err, tt.hits)
				}
			}
		})
	}
}
