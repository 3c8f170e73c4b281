package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
)

// Series returns an organisation's indicator by key through every document.
func (s *Store) Series(ctx context.Context, orgID int64, key string) (*koers.Series, error) {
	var series *koers.Series
	err := s.read(ctx, func(q q) error {
		var id int64
		if err := q.queryRow("SELECT id FROM indicators WHERE organisation_id = ? AND key = ?", orgID, key).Scan(&id); err != nil {
			return notFound(err, "Indicator %q bestaat niet.", key)
		}
		var err error
		series, err = loadSeries(q, id)
		return err
	})
	return series, err
}

// SeriesByID returns an indicator through every document that reports it.
func (s *Store) SeriesByID(ctx context.Context, id int64) (*koers.Series, error) {
	var series *koers.Series
	err := s.read(ctx, func(q q) (err error) {
		series, err = loadSeries(q, id)
		return err
	})
	return series, err
}

// loadSeries gathers an indicator's mentions, reports, benchmarks and
// computed values in a fixed number of queries; koers.Series.Resolve
// decides what is shown.
func loadSeries(q q, id int64) (*koers.Series, error) {
	in := &koers.Indicator{ID: id}
	var orgID int64
	err := q.queryRow("SELECT organisation_id, key FROM indicators WHERE id = ?", id).Scan(&orgID, &in.Key)
	if err != nil {
		return nil, notFound(err, "Indicator %d bestaat niet.", id)
	}
	series := &koers.Series{Indicator: in}
	docs := map[int64]*koers.Document{}
	err = q.each("SELECT "+documentColumns+" FROM documents WHERE organisation_id = ?", []any{orgID}, func(rows *sql.Rows) error {
		d, err := scanDocument(rows)
		if err == nil {
			docs[d.ID] = d
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("series %d documents: %w", id, err)
	}
	err = q.each(`SELECT p.id, p.document_id, COALESCE(p.parent_id, 0), p.position, p.kind, p.number,
			p.title, p.slug, p.path, i.number, i.name, i.footnote_marker, i.footnote_text,
			i.unit, i.direction, i.definition, i.source, i.threshold
		FROM page_indicators i JOIN pages p ON p.id = i.page_id WHERE i.indicator_id = ?
		ORDER BY p.document_id, p.id`, []any{id}, func(rows *sql.Rows) error {
		var p koers.Page
		w := koers.Indicator{ID: id, Key: in.Key}
		var marker, text string
		if err := rows.Scan(&p.ID, &p.DocumentID, &p.ParentID, &p.Position, &p.Kind, &p.Number, &p.Title, &p.Slug, &p.Path,
			&w.Number, &w.Name, &marker, &text, &w.Unit, &w.Direction, &w.Definition, &w.Source, &w.Threshold); err != nil {
			return err
		}
		w.Footnote, w.PageID = makeFootnote(marker, text), p.ID
		series.Mentions = append(series.Mentions, koers.Mention{Document: docs[p.DocumentID], Page: &p, Indicator: &w})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("series %d: %w", id, err)
	}
	err = q.each(`SELECT document_id, year, kind, value, amount FROM indicator_values
		WHERE indicator_id = ?`, []any{id}, func(rows *sql.Rows) error {
		var v koers.Value
		if err := rows.Scan(&v.DocumentID, &v.Year, &v.Kind, &v.Number, &v.Amount); err != nil {
			return err
		}
		series.Reports = append(series.Reports, koers.Report{Value: v, Document: docs[v.DocumentID]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("series %d values: %w", id, err)
	}
	if series.Benchmarks, err = loadBenchmarks(q, in.Key); err != nil {
		return nil, err
	}
	if series.Computed, err = loadComputed(q, orgID, in.Key); err != nil {
		return nil, err
	}
	series.Resolve()
	return series, nil
}

// PutBenchmarks stores comparison figures in one transaction, replacing
// those with the same indicator, area and period.
func (s *Store) PutBenchmarks(ctx context.Context, list []koers.Benchmark) error {
	return s.write(ctx, func(q q) error { return putBenchmarks(q, list) })
}

// Benchmarks returns the comparison figures of an indicator key, by area
// and period.
func (s *Store) Benchmarks(ctx context.Context, indicator string) ([]koers.Benchmark, error) {
	var out []koers.Benchmark
	err := s.read(ctx, func(q q) (err error) {
		out, err = loadBenchmarks(q, indicator)
		return err
	})
	return out, err
}

func loadBenchmarks(q q, indicator string) ([]koers.Benchmark, error) {
	var out []koers.Benchmark
	err := q.each(`SELECT indicator, area, period, COALESCE(value, 0), COALESCE(amount, 0), unit, source, reference_date
		FROM benchmarks WHERE indicator = ? OR ? = '' ORDER BY indicator, area, period`, []any{indicator, indicator}, func(rows *sql.Rows) error {
		var b koers.Benchmark
		if err := rows.Scan(&b.Indicator, &b.Area, &b.Period, &b.Value, &b.Amount, &b.Unit, &b.Source, &b.ReferenceDate); err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("benchmarks %s: %w", indicator, err)
	}
	return out, nil
}

// Search finds pages by the Dutch stems of a query, best first.
func (s *Store) Search(ctx context.Context, sq koers.SearchQuery) ([]koers.SearchHit, error) {
	if len(dutch.Query(sq.Text)) == 0 || sq.Limit <= 0 {
		return nil, nil
	}
	var hits []koers.SearchHit
	err := s.read(ctx, func(q q) (err error) {
		hits, err = s.dialect.Search(ctx, q.tx, sq)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", sq.Text, err)
	}
	return hits, nil
}
