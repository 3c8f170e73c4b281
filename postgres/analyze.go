package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Analyze gathers the planner's statistics on koers's tables (those of the
// current schema) when the number of documents has moved by more than a
// tenth since they were last gathered, or never was, and reports whether it
// did. Bulk writers (koers import, koers copy) call it when they are done.
//
// Without statistics PostgreSQL plans the reads of a page's content as
// scans of whole tables, whose cost grows with everything stored: at 800
// documents a cycle view took 90–110 ms instead of 16–34 ms. Autovacuum
// gathers them too, but only a while after a write, and not at all where
// it is turned off. A tenth, as autovacuum's own threshold: gathering reads
// a bounded sample of each table, so the cost per document imported stays
// the same however much is stored.
func (s *Store) Analyze(ctx context.Context) (bool, error) {
	var analyzed float64 // documents when last gathered; -1: never
	var documents int64
	err := s.DB().QueryRowContext(ctx, `SELECT c.reltuples, (SELECT count(*) FROM documents)
		FROM pg_class c WHERE c.oid = 'documents'::regclass`).Scan(&analyzed, &documents)
	if err != nil {
		return false, fmt.Errorf("analyze: %w", err)
	}
	if analyzed >= 0 && abs(float64(documents)-analyzed) <= analyzed/10 {
		return false, nil
	}
	rows, err := s.DB().QueryContext(ctx, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
	if err != nil {
		return false, fmt.Errorf("analyze: %w", err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return false, fmt.Errorf("analyze: %w", err)
		}
		tables = append(tables, pgx.Identifier{t}.Sanitize())
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("analyze: %w", err)
	}
	if _, err := s.DB().ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", ")); err != nil {
		return false, fmt.Errorf("analyze: %w", err)
	}
	return true, nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
