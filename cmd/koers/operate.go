package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
	"github.com/koers-nl/koers/sqlite"
)

// copyCmd copies every document and benchmark from one database to
// another, and checks that both now export the same.
func (m *Main) copyCmd(ctx context.Context, args []string) error {
	fs := m.flags("copy", "--from DB --to DB")
	from := fs.String("from", "", "the database to copy from: sqlite:PATH or postgres://...")
	to := fs.String("to", "", "the database to copy to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || *to == "" || *from == *to {
		fs.Usage()
		return errors.New("copy: name two different databases with --from and --to")
	}
	return withStore(ctx, *from, func(src koers.Store) error {
		return withStore(ctx, *to, func(dst koers.Store) error {
			docs, figures, err := copyStore(ctx, src, dst)
			if err != nil {
				return fmt.Errorf("copy: %w", err)
			}
			m.analyze(ctx, dst)
			fmt.Fprintf(m.Stdout, "copied %d documents and %d benchmark figures; the exports of both databases agree\n", docs, figures)
			return nil
		})
	})
}

// copyStore copies every document (each in its own transaction) and the
// benchmarks, then compares the exports of both stores.
func copyStore(ctx context.Context, src, dst koers.Store) (docs, figures int, err error) {
	list, err := src.Documents(ctx, koers.DocumentFilter{})
	if err != nil {
		return 0, 0, err
	}
	for _, d := range list {
		org, doc, err := findDocument(ctx, src, fmt.Sprint(d.ID))
		if err != nil {
			return docs, 0, err
		}
		want := export(org, doc)
		if err := dst.PutDocument(ctx, org, doc); err != nil {
			return docs, 0, fmt.Errorf("%s: %w", describe(org, doc), err)
		}
		dorg, ddoc, err := findDocument(ctx, dst, org.Slug+"/"+doc.Slug)
		if err != nil {
			return docs, 0, err
		}
		if got := export(dorg, ddoc); !bytes.Equal(got, want) {
			return docs, 0, fmt.Errorf("%s: the copy exports differently", describe(org, doc))
		}
		docs++
	}
	bench, err := src.Benchmarks(ctx, "")
	if err != nil {
		return docs, 0, err
	}
	if len(bench) > 0 {
		if err := dst.PutBenchmarks(ctx, bench); err != nil {
			return docs, 0, err
		}
	}
	copied, err := dst.Benchmarks(ctx, "")
	if err != nil {
		return docs, 0, err
	}
	if len(bench) > 0 && !reflect.DeepEqual(copied, bench) {
		return docs, 0, errors.New("the copied benchmarks differ")
	}
	return docs, len(bench), nil
}

func export(org *koers.Organisation, doc *koers.Document) []byte {
	var buf bytes.Buffer
	_ = bundle.Encode(&buf, bundle.FromDomain(org, doc))
	return buf.Bytes()
}

// sqlitePath returns the file of a sqlite: --db value.
func sqlitePath(cmd, db string) (string, error) {
	path, ok := strings.CutPrefix(db, "sqlite:")
	if !ok || path == "" {
		return "", fmt.Errorf("%s: works on SQLite databases (--db sqlite:PATH); for PostgreSQL use pg_dump and pg_restore, see doc/operations.md", cmd)
	}
	return strings.TrimPrefix(path, "//"), nil
}

func (m *Main) backup(ctx context.Context, args []string) error {
	fs := m.flags("backup", "[--db sqlite:PATH] FILE")
	db := m.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("backup: name the file to write")
	}
	if _, err := sqlitePath("backup", *db); err != nil {
		return err
	}
	return withStore(ctx, *db, func(s koers.Store) error {
		if err := s.(*sqlite.Store).Backup(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "backed up %s to %s\n", *db, fs.Arg(0))
		return nil
	})
}

func (m *Main) restore(ctx context.Context, args []string) error {
	fs := m.flags("restore", "[--db sqlite:PATH] FILE   (stop koers serve on that database first)")
	db := m.dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("restore: name the backup file")
	}
	path, err := sqlitePath("restore", *db)
	if err != nil {
		return err
	}
	if err := sqlite.Restore(ctx, fs.Arg(0), path); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "restored %s from %s\n", *db, fs.Arg(0))
	return nil
}
