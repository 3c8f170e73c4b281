package sqlreg

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/koers-nl/koers"
)

// SaveRules stores an organisation's counting rules, in one transaction.
// Versions are the register's: a rule that differs from the latest one
// of its indicator (in anything but its version) is stored as the next
// version, a rule the same as the latest is left alone, and no version is
// ever changed in place: every computed value can name the rule it came
// from. It returns the rules as stored, with their versions.
func (s *Store) SaveRules(ctx context.Context, orgID int64, rules []koers.CountRule) ([]koers.CountRule, error) {
	var ps koers.Problems
	seen := map[string]bool{}
	for i := range rules {
		r := rules[i]
		r.Version = max(r.Version, 1)
		if r.Indicator == "" {
			ps = append(ps, koers.Problem{Path: []any{i, "indicator"}, Message: "De regel noemt geen indicator."})
		} else if seen[r.Indicator] {
			ps = append(ps, koers.Problem{Path: []any{i, "indicator"}, Message: fmt.Sprintf("Indicator %q heeft twee regels.", r.Indicator)})
		}
		seen[r.Indicator] = true
		if err := r.Validate(); err != nil {
			if e, ok := err.(*koers.Error); ok {
				ps = append(ps, e.Problems.Prefix(i)...)
			} else {
				return nil, err
			}
		}
	}
	if err := ps.Err("counting rules"); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	now := time.Now().UTC()
	out := make([]koers.CountRule, len(rules))
	for i, r := range rules {
		r.Version = 0
		text, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		var version int64
		var latest string
		err = tx.QueryRowContext(ctx, s.rebind(`SELECT version, rule FROM register_rules WHERE org = ? AND indicator = ? ORDER BY version DESC LIMIT 1`),
			orgID, r.Indicator).Scan(&version, &latest)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("register rules: %w", err)
		}
		if version == 0 || latest != string(text) {
			version++
			if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO register_rules (org, indicator, version, rule, created_at) VALUES (?, ?, ?, ?, ?)`),
				orgID, r.Indicator, version, string(text), s.timestamp(now)); err != nil {
				return nil, fmt.Errorf("register rules: %w", err)
			}
		}
		r.Version = int(version)
		out[i] = r
	}
	return out, tx.Commit()
}

// timestamp is a moment as the engine keeps it.
func (s *Store) timestamp(t time.Time) any {
	if s.engine == postgresEngine {
		return t
	}
	return t.Format(time.RFC3339Nano)
}

// Rules is the latest version of each of an organisation's rules, in the
// order of their indicators.
func (s *Store) Rules(ctx context.Context, orgID int64) ([]koers.CountRule, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT r.version, r.rule FROM register_rules r
		WHERE r.org = ? AND r.version = (SELECT MAX(x.version) FROM register_rules x WHERE x.org = r.org AND x.indicator = r.indicator)
		ORDER BY r.indicator`), orgID)
	if err != nil {
		return nil, fmt.Errorf("register rules: %w", err)
	}
	defer rows.Close()
	var out []koers.CountRule
	for rows.Next() {
		var version int64
		var text string
		if err := rows.Scan(&version, &text); err != nil {
			return nil, err
		}
		var r koers.CountRule
		if err := json.Unmarshal([]byte(text), &r); err != nil {
			return nil, fmt.Errorf("register rules: %w", err)
		}
		r.Version = int(version)
		out = append(out, r)
	}
	return out, rows.Err()
}
