package web

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/synth"
)

// The search benchmarks run on a corpus as a hosting provider holds it:
// corpusOrgs organisations of corpusDocs documents of 10 programmes each
// (synth.CorpusOrganisation, synth.CorpusDocument). Building it takes
// minutes, so it is built once and kept: an SQLite file in the temporary
// directory and a schema in the KOERS_TEST_POSTGRES database, both named
// with corpusVersion. Raise the version when the corpus, the schema or the
// search index changes in a way a kept corpus would not follow.
const (
	corpusOrgs    = 50
	corpusDocs    = 40
	corpusVersion = 1
)

// corpusStore is a kept corpus, opened once per test binary.
type corpusStore struct {
	once  sync.Once
	store koers.Store
	err   error
}

var corpora = map[string]*corpusStore{"sqlite": {}, "postgres": {}}

// openCorpus opens the kept corpus of an engine ("sqlite", "postgres"),
// building it first if need be. PostgreSQL is skipped without
// KOERS_TEST_POSTGRES.
func openCorpus(tb testing.TB, engine string) koers.Store {
	tb.Helper()
	if engine == "postgres" && os.Getenv("KOERS_TEST_POSTGRES") == "" {
		tb.Skip("KOERS_TEST_POSTGRES is not set")
	}
	c := corpora[engine]
	c.once.Do(func() {
		switch engine {
		case "sqlite":
			c.store, c.err = sqliteCorpus(tb)
		case "postgres":
			c.store, c.err = postgresCorpus(tb)
		}
	})
	if c.err != nil {
		tb.Fatal(c.err)
	}
	return c.store
}

// sqliteCorpus opens the corpus file, building it under another name and
// renaming it when done, so that an interrupted build is never taken for
// a corpus.
func sqliteCorpus(tb testing.TB) (koers.Store, error) {
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("koers-search-corpus-v%d-%dx%d.db", corpusVersion, corpusOrgs, corpusDocs))
	if _, err := os.Stat(path); err != nil {
		building := path + ".building"
		for _, suffix := range []string{"", "-wal", "-shm", "-migrate.lock"} {
			_ = os.Remove(building + suffix)
		}
		s, err := sqlite.Open(ctx, building)
		if err != nil {
			return nil, err
		}
		if err := fillCorpus(tb, s); err != nil {
			s.Close()
			return nil, err
		}
		if err := s.Close(); err != nil {
			return nil, err
		}
		if err := os.Rename(building, path); err != nil {
			return nil, err
		}
		_ = os.Remove(building + "-migrate.lock")
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	// A migration on open may leave much in the WAL, which readers then
	// look up page by page: measure the database as it settles.
	if _, err := s.DB().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// postgresCorpus opens the corpus schema, building it in a schema of
// another name and renaming it when done.
func postgresCorpus(tb testing.TB) (koers.Store, error) {
	ctx := context.Background()
	base := os.Getenv("KOERS_TEST_POSTGRES")
	schema := fmt.Sprintf("koers_search_corpus_v%d_%dx%d", corpusVersion, corpusOrgs, corpusDocs)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema).Scan(&exists); err != nil {
		return nil, err
	}
	if !exists {
		building := schema + "_building"
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+building+" CASCADE; CREATE SCHEMA "+building); err != nil {
			return nil, err
		}
		s, err := postgres.Open(ctx, inSchema(base, building))
		if err != nil {
			return nil, err
		}
		err = fillCorpus(tb, s)
		s.Close()
		if err != nil {
			return nil, err
		}
		if _, err := admin.ExecContext(ctx, "ALTER SCHEMA "+building+" RENAME TO "+schema); err != nil {
			return nil, err
		}
	}
	s, err := postgres.Open(ctx, inSchema(base, schema))
	if err != nil {
		return nil, err
	}
	// Measure the database as autovacuum leaves it (which may be off on a
	// test server): the GIN index's pending entries merged, statistics
	// fresh, also after a migration on open.
	for _, table := range []string{"page_search", "pages", "documents"} {
		if _, err := s.DB().ExecContext(ctx, "VACUUM ANALYZE "+table); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

func inSchema(base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// fillCorpus imports the corpus, one organisation's documents per
// transaction.
func fillCorpus(tb testing.TB, s koers.Store) error {
	start := time.Now()
	for i := range corpusOrgs {
		org := synth.CorpusOrganisation(i)
		batch := make([]koers.OrganisationDocument, corpusDocs)
		for j := range batch {
			batch[j] = koers.OrganisationDocument{Organisation: org, Document: synth.CorpusDocument(i, j, 10)}
		}
		if err := s.PutAll(context.Background(), batch, nil); err != nil {
			return fmt.Errorf("corpus organisation %d: %w", i, err)
		}
		if i%10 == 9 {
			tb.Logf("corpus: %d of %d organisations in %s", i+1, corpusOrgs, time.Since(start).Round(time.Second))
		}
	}
	return nil
}
