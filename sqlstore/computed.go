package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/koers-nl/koers"
)

// Computed values are what the register computed for an organisation's
// indicators: aggregates only, kept beside the documents' own values and
// never mixed with them (koers.Series.Computed).

var _ koers.ComputedValues = (*Store)(nil)

// computedPart is a part as the parts column keeps it.
type computedPart struct {
	Name   string   `json:"name"`
	Number *float64 `json:"number"`
	Below  int      `json:"below,omitempty"`
}

// SaveComputed stores computed values in one transaction, replacing the
// value of each indicator and year it is given, and records the
// computation in the audit log.
func (s *Store) SaveComputed(ctx context.Context, orgID int64, values []koers.ComputedValue) error {
	for _, v := range values {
		if v.Indicator == "" || v.Year < koers.MinYear || v.Year > koers.MaxYear {
			return koers.Errorf(koers.EINVALID, "Een berekende waarde heeft een indicator en een jaar tussen %d en %d nodig.", koers.MinYear, koers.MaxYear)
		}
		if v.ComputedAt.IsZero() {
			return koers.Errorf(koers.EINVALID, "De berekende waarde van %s %d zegt niet wanneer ze berekend is.", v.Indicator, v.Year)
		}
	}
	return s.write(ctx, func(q q) error {
		for _, v := range values {
			parts := make([]computedPart, len(v.Parts))
			for i, p := range v.Parts {
				parts[i] = computedPart(p)
			}
			text, err := json.Marshal(parts)
			if err != nil {
				return err
			}
			if _, err := q.exec("DELETE FROM computed_values WHERE organisation_id = ? AND indicator_key = ? AND year = ?",
				orgID, v.Indicator, v.Year); err != nil {
				return fmt.Errorf("computed %s %d: %w", v.Indicator, v.Year, err)
			}
			if _, err := q.exec(`INSERT INTO computed_values (organisation_id, indicator_key, year, number, below, parts,
					rule, rule_version, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				orgID, v.Indicator, v.Year, v.Number, v.Below, string(text), clean(v.Rule), v.RuleVersion,
				q.time(v.ComputedAt.UTC())); err != nil {
				return fmt.Errorf("computed %s %d: %w", v.Indicator, v.Year, err)
			}
		}
		if len(values) == 0 {
			return nil
		}
		if err := q.audit(koers.AuditEntry{OrganisationID: orgID, Action: koers.AuditRegisterCompute,
			After: computedSummary(values)}); err != nil {
			return err
		}
		return q.touchOrganisation(orgID)
	})
}

// computedSummary is the audit log's account of a save: how many values,
// of which indicators and years.
func computedSummary(values []koers.ComputedValue) string {
	keys := map[string]bool{}
	lo, hi := values[0].Year, values[0].Year
	for _, v := range values {
		keys[v.Indicator] = true
		lo, hi = min(lo, v.Year), max(hi, v.Year)
	}
	return fmt.Sprintf("%d waarden van %d indicatoren, %d–%d", len(values), len(keys), lo, hi)
}

// loadComputed reads an indicator's computed values, oldest year first.
func loadComputed(q q, orgID int64, key string) ([]koers.ComputedValue, error) {
	var out []koers.ComputedValue
	err := q.each(`SELECT year, number, below, parts, rule, rule_version, computed_at FROM computed_values
		WHERE organisation_id = ? AND indicator_key = ? ORDER BY year`, []any{orgID, key}, func(rows *sql.Rows) error {
		v := koers.ComputedValue{Indicator: key}
		var number sql.NullFloat64
		var parts string
		if err := rows.Scan(&v.Year, &number, &v.Below, &parts, &v.Rule, &v.RuleVersion, timeScan{&v.ComputedAt}); err != nil {
			return err
		}
		if number.Valid {
			n := number.Float64
			v.Number = &n
		}
		var list []computedPart
		if err := json.Unmarshal([]byte(parts), &list); err != nil {
			return fmt.Errorf("parts of %s %d: %w", key, v.Year, err)
		}
		for _, p := range list {
			v.Parts = append(v.Parts, koers.ComputedPart(p))
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("computed %s: %w", key, err)
	}
	return out, nil
}
