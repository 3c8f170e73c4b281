package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/postgres"
	"github.com/koers-nl/koers/sqlite"
)

const defaultDB = "sqlite:koers-data/koers.db"

// openStore opens the store a --db value names.
func openStore(ctx context.Context, db string) (koers.Store, error) {
	switch {
	case strings.HasPrefix(db, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(db, "sqlite:"), "//")
		if path == "" {
			return nil, koers.Errorf(koers.EINVALID, "--db %q names no file; use sqlite:PATH", db)
		}
		return sqlite.Open(ctx, path)
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		return postgres.Open(ctx, db)
	}
	return nil, koers.Errorf(koers.EINVALID, "--db %q: want sqlite:PATH or postgres://...", db)
}

func (m *Main) dbFlag(fs interface {
	StringVar(p *string, name, value, usage string)
}) *string {
	var db string
	fs.StringVar(&db, "db", m.env("KOERS_DB", defaultDB), "database: sqlite:PATH or postgres://USER@HOST/DB (env KOERS_DB)")
	return &db
}

// withStore opens the store, runs fn and closes the store.
func withStore(ctx context.Context, db string, fn func(s koers.Store) error) error {
	s, err := openStore(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s)
}

// describe names a document for messages: "leiderdorp/begroting-2022".
func describe(org *koers.Organisation, doc *koers.Document) string {
	return fmt.Sprintf("%s/%s", org.Slug, doc.Slug)
}
