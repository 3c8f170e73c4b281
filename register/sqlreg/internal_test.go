package sqlreg

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register/regtest"
)

// TestMigrateCareFromEvents: migration 2 drops an assignment's care
// period, which counting now makes from the starts and stops; down, it is
// made again from them.
func TestMigrateCareFromEvents(t *testing.T) {
	ctx := context.Background()
	for _, e := range []engine{sqliteEngine, postgresEngine} {
		t.Run(fmt.Sprint(map[engine]string{sqliteEngine: "sqlite", postgresEngine: "postgres"}[e]), func(t *testing.T) {
			var db *sql.DB
			var err error
			if e == sqliteEngine {
				db, err = sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "r.db"))
			} else {
				db, err = sql.Open("pgx", regtest.PostgresURL(t))
			}
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			s := &Store{db: db, engine: e}
			p, err := provider(db, e)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 1); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{
				`INSERT INTO register_assignments VALUES (1, 'wmo', 'A1', 1, '01', '', 'natura', '12345678', 20190101, NULL, 0, '', '', 0, '', '', 20190601, 20200201),
					(1, 'wmo', 'A2', 1, '01', '', 'natura', '12345678', 20190101, 20191231, 0, '', '', 0, '', '', 20190101, 20191231)`,
				`INSERT INTO register_care VALUES (1, 'wmo', 'A1', 'start', 20190601, '', ''), (1, 'wmo', 'A1', 'stop', 20191201, '', ''),
					(1, 'wmo', 'A1', 'stop', 20200201, '', ''), (1, 'wmo', 'A9', 'start', 20200101, '', '')`,
			} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := p.Up(ctx); err != nil {
				t.Fatal(err)
			}
			read := func(cols string) string {
				rows, err := db.QueryContext(ctx, s.rebind("SELECT number, "+cols+" FROM register_assignments ORDER BY number"))
				if err != nil {
					t.Fatal(err)
				}
				defer rows.Close()
				out := ""
				for rows.Next() {
					var n string
					var a, b sql.NullInt64
					if err := rows.Scan(&n, &a, &b); err != nil {
						t.Fatal(err)
					}
					out += fmt.Sprintf("%s %v %v; ", n, a, b)
				}
				return out
			}
			if _, err := db.ExecContext(ctx, "SELECT care_start FROM register_assignments"); err == nil {
				t.Error("the care period is still kept after migration 2")
			}
			// Down from scratch: no period to restore but what the starts
			// and stops make.
			if _, err := db.ExecContext(ctx, "UPDATE register_assignments SET start_day = 20180101 WHERE number = 'A1'"); err != nil {
				t.Fatal(err)
			}
			if _, err := p.DownTo(ctx, 1); err != nil {
				t.Fatal(err)
			}
			if got, want := read("care_start, care_end"), "A1 {20190601 true} {20200201 true}; A2 {20190101 true} {20191231 true}; "; got != want {
				t.Errorf("migrated down: %s, want %s", got, want)
			}
		})
	}
}

// TestMigrateCareWithdrawn: migration 3 keeps a row per message that
// reports or withdraws a start or stop; down, only those that count are
// left, a row each.
func TestMigrateCareWithdrawn(t *testing.T) {
	ctx := context.Background()
	for name, open := range map[string]func() (*sql.DB, error){
		"sqlite":   func() (*sql.DB, error) { return sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "r.db")) },
		"postgres": func() (*sql.DB, error) { return sql.Open("pgx", regtest.PostgresURL(t)) },
	} {
		t.Run(name, func(t *testing.T) {
			db, err := open()
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			e := map[string]engine{"sqlite": sqliteEngine, "postgres": postgresEngine}[name]
			p, err := provider(db, e)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 3); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO register_care (org, law, assignment, kind, day, reason, message, withdrawn)
				VALUES (1, 'wmo', 'A1', 'start', 20190601, '', 'm2', 0), (1, 'wmo', 'A1', 'start', 20190601, '', 'm1', 0),
				(1, 'wmo', 'A1', 'stop', 20191201, '', 'm3', 1), (1, 'wmo', 'A2', 'start', 20190601, '', 'm4', 0), (1, 'wmo', 'A2', 'start', 20190601, '', 'm5', 1)`); err != nil {
				t.Fatal(err)
			}
			if _, err := p.DownTo(ctx, 2); err != nil {
				t.Fatal(err)
			}
			var left string
			if err := db.QueryRowContext(ctx, "SELECT MIN(assignment || kind || message) || COUNT(*) FROM register_care").Scan(&left); err != nil || left != "A1startm11" {
				t.Errorf("migrated down: %q (%v), want A1's start alone, of its first message", left, err)
			}
			if _, err := db.ExecContext(ctx, "SELECT withdrawn FROM register_care"); err == nil {
				t.Error("the column withdrawn is still there after migrating down")
			}
		})
	}
}

// TestInsertsSplit: an insert of more rows than a PostgreSQL statement
// takes goes in several, with the same result.
func TestInsertsSplit(t *testing.T) {
	ctx := context.Background()
	open := func() *Store {
		s, err := OpenPostgres(ctx, regtest.PostgresURL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	whole, split := open(), open()
	batches := regtest.RandomBatches(rand.New(rand.NewPCG(4, 4)), 3, 150)
	saved := maxArrayRows
	defer func() { maxArrayRows = saved }()
	var results [2]koers.ImportResult
	for i, s := range []*Store{whole, split} {
		maxArrayRows = []int{saved, 7}[i]
		for _, b := range batches {
			res, err := s.Import(ctx, 1, b)
			if err != nil {
				t.Fatal(err)
			}
			results[i].Added += res.Added
			results[i].Known += res.Known
		}
	}
	if results[0] != results[1] || results[0].Added == 0 {
		t.Errorf("imported %+v whole, %+v split", results[0], results[1])
	}
	years := []int{2016, 2018, 2020, 2022, 2024}
	for _, r := range regtest.DemoRules(t) {
		a, err := whole.Count(ctx, 1, &r, years)
		if err != nil {
			t.Fatal(err)
		}
		b, err := split.Count(ctx, 1, &r, years)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: %+v whole, %+v split", r.Indicator, a, b)
		}
	}
}
