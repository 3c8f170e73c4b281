package sqlstore

import (
	"context"
	"fmt"

	"github.com/koers-nl/koers"
)

// PutAll writes documents and benchmarks in one transaction; see
// koers.Store.
func (s *Store) PutAll(ctx context.Context, docs []koers.OrganisationDocument, benchmarks []koers.Benchmark) error {
	// Everything is checked before anything is written, so that a refusal
	// names every problem and leaves even the IDs alone.
	first := map[[2]string]int{}
	for i, d := range docs {
		if err := koers.ValidateDocument(d.Organisation, d.Document); err != nil {
			return fmt.Errorf("put all: document %d of %d: %w", i+1, len(docs), err)
		}
		key := [2]string{d.Organisation.Slug, d.Document.Slug}
		if j, ok := first[key]; ok {
			return koers.Errorf(koers.EINVALID, "documents %d and %d are both %s/%s; a write holds a document once", j+1, i+1, key[0], key[1])
		}
		first[key] = i
	}
	if len(docs) == 0 && len(benchmarks) == 0 {
		return nil
	}
	return s.write(ctx, func(q q) error {
		for _, d := range docs {
			if err := putDocument(q, d.Organisation, d.Document); err != nil {
				return err
			}
		}
		return putBenchmarks(q, benchmarks)
	})
}

// putBenchmarks writes comparison figures, replacing those with the same
// indicator, area and period. Figures are shown on every organisation's
// indicator pages: when any figure is new or different, it stamps the
// shared revision; writing the same figures again leaves it (an import
// that brings the national figures along with one organisation's
// documents then drops that organisation's pages only).
func putBenchmarks(q q, list []koers.Benchmark) error {
	changed := false
	for _, b := range list {
		if err := b.Validate(); err != nil {
			return err
		}
		// An amount is whole cents in its own column; value holds the rest.
		var value *float64
		var amount *int64
		if b.Unit == koers.Amount {
			amount = (*int64)(&b.Amount)
		} else {
			value = &b.Value
		}
		res, err := q.exec(`INSERT INTO benchmarks (indicator, area, period, value, amount, unit, source, reference_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (indicator, area, period) DO UPDATE SET value = excluded.value, amount = excluded.amount,
				unit = excluded.unit, source = excluded.source, reference_date = excluded.reference_date
			WHERE benchmarks.value IS DISTINCT FROM excluded.value OR benchmarks.amount IS DISTINCT FROM excluded.amount
				OR benchmarks.unit <> excluded.unit OR benchmarks.source <> excluded.source
				OR benchmarks.reference_date <> excluded.reference_date`,
			b.Indicator, b.Area, b.Period, value, amount, b.Unit, b.Source, b.ReferenceDate)
		if err != nil {
			return fmt.Errorf("put benchmark %s %s %s: %w", b.Indicator, b.Area, b.Period, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("put benchmark %s %s %s: %w", b.Indicator, b.Area, b.Period, err)
		}
		changed = changed || n > 0
	}
	if changed {
		return q.touchShared()
	}
	return nil
}
