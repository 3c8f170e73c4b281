package sqlreg

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/koers-nl/koers"
)

// Count evaluates rule for each year in years, in their order, with the
// semantics of (*koers.CountRule).Evaluate: one query for the numerator
// of all years (with its breakdown), and one for the denominator.
func (s *Store) Count(ctx context.Context, orgID int64, rule *koers.CountRule, years []int) ([]koers.Tally, error) {
	out, err := s.CountAll(ctx, orgID, []koers.CountRule{*rule}, years)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// countConns bounds the connections CountAll counts on at once.
var countConns = min(runtime.GOMAXPROCS(0), 4)

// snapshotID is what pg_export_snapshot returns: written into SET
// TRANSACTION SNAPSHOT, which takes no parameters.
var snapshotID = regexp.MustCompile(`^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$`)

// CountAll evaluates every rule for years, as Count does, all in one
// snapshot: the figures of one computation agree with each other. On
// PostgreSQL the rules are counted on up to countConns connections at
// once, which share the snapshot (pg_export_snapshot): a query uses one
// core of the server.
func (s *Store) CountAll(ctx context.Context, orgID int64, rules []koers.CountRule, years []int) ([][]koers.Tally, error) {
	for i := range rules {
		if err := rules[i].Validate(); err != nil {
			return nil, err
		}
	}
	for _, y := range years {
		if y < koers.MinYear || y > koers.MaxYear {
			return nil, koers.Errorf(koers.EINVALID, "Jaar %d kan niet.", y)
		}
	}
	out := make([][]koers.Tally, len(rules))
	if len(years) == 0 || len(rules) == 0 {
		return out, nil
	}
	conns := 1
	if s.engine == postgresEngine {
		conns = min(countConns, len(rules))
	}
	txs := make([]*sql.Tx, 0, conns)
	defer func() {
		for _, tx := range txs {
			tx.Rollback()
		}
	}()
	var snapshot string
	for i := range conns {
		// Read only: on SQLite a deferred transaction, which does not
		// hold up writers; on PostgreSQL repeatable read, the snapshot
		// shared.
		opts := &sql.TxOptions{ReadOnly: true}
		if s.engine == postgresEngine {
			opts.Isolation = sql.LevelRepeatableRead
		}
		tx, err := s.db.BeginTx(ctx, opts)
		if err != nil {
			return nil, err
		}
		txs = append(txs, tx)
		if i > 0 {
			if _, err := tx.ExecContext(ctx, "SET TRANSACTION SNAPSHOT '"+snapshot+"'"); err != nil {
				return nil, fmt.Errorf("register count: %w", err)
			}
		}
		if err := s.customPlans(ctx, tx); err != nil {
			return nil, err
		}
		if s.engine == postgresEngine {
			// Distinct clients per year are hashed in memory: a region's
			// millions of (year, client) pairs spill to disk under the
			// default of 4 MB.
			if _, err := tx.ExecContext(ctx, "SET LOCAL work_mem = '128MB'"); err != nil {
				return nil, err
			}
			// No parallel workers: the connections are the parallelism,
			// and each worker of a query would build the same hash of
			// a law's starts and stops again.
			if _, err := tx.ExecContext(ctx, "SET LOCAL max_parallel_workers_per_gather = 0"); err != nil {
				return nil, err
			}
		}
		if i == 0 && conns > 1 {
			if err := tx.QueryRowContext(ctx, "SELECT pg_export_snapshot()").Scan(&snapshot); err != nil {
				return nil, fmt.Errorf("register count: %w", err)
			}
			if !snapshotID.MatchString(snapshot) {
				return nil, fmt.Errorf("register count: unexpected snapshot %q", snapshot)
			}
		}
	}
	// Each connection takes the next rule until none is left; the first
	// error stops the others.
	var next atomic.Int64
	errs := make([]error, len(txs))
	var wg sync.WaitGroup
	for w, tx := range txs {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(rules) || ctx.Err() != nil {
					return
				}
				t, err := s.countIn(ctx, tx, orgID, &rules[i], years)
				if err != nil {
					errs[w] = err
					next.Store(int64(len(rules)))
					return
				}
				out[i] = t
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, tx := range txs {
		if err := tx.Commit(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// countIn is one rule's tallies in tx: its numerator and, for a
// percentage, its denominator.
func (s *Store) countIn(ctx context.Context, tx *sql.Tx, orgID int64, rule *koers.CountRule, years []int) ([]koers.Tally, error) {
	out, err := s.count(ctx, tx, orgID, rule, years)
	if err != nil {
		return nil, err
	}
	if d := rule.Denominator; d != nil {
		var den map[int]int64
		if d.Population != "" {
			den, err = s.population(ctx, tx, orgID, d.Population, years)
		} else {
			var sub []koers.Tally
			sub, err = s.count(ctx, tx, orgID, d.Rule, years)
			den = map[int]int64{}
			for _, t := range sub {
				den[t.Year] = t.Numerator
			}
		}
		if err != nil {
			return nil, err
		}
		for i := range out {
			out[i].Denominator = den[out[i].Year]
		}
	}
	return out, nil
}

// count is a rule's numerator (and breakdown) for years, in one query
// (countQuery): a row for the total and one per part, each with a count
// per year.
func (s *Store) count(ctx context.Context, tx *sql.Tx, orgID int64, rule *koers.CountRule, years []int) ([]koers.Tally, error) {
	// A column per year, each year once: the columns of a query are
	// bounded (1,664 on PostgreSQL), the years from MinYear to MaxYear
	// are not.
	cols := slices.Compact(slices.Sorted(slices.Values(years)))
	col := make([]int, len(years))
	for i, y := range years {
		col[i], _ = slices.BinarySearch(cols, y)
	}
	q, args := s.countQuery(orgID, rule, cols)
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("register count %s: %w", rule.Indicator, err)
	}
	defer rows.Close()
	out := make([]koers.Tally, len(years))
	for i, y := range years {
		out[i].Year = y
	}
	var level int64
	var part string
	counts := make([]sql.NullInt64, len(cols))
	dest := []any{&level, &part}
	for i := range counts {
		dest = append(dest, &counts[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i := range out {
			switch n := counts[col[i]]; {
			case level == 0:
				out[i].Numerator = n.Int64
			case n.Int64 > 0:
				out[i].Parts = append(out[i].Parts, koers.TallyPart{Name: part, Count: n.Int64})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		// In the order of their names, as Go compares strings (the
		// database's collation may differ).
		slices.SortFunc(out[i].Parts, func(a, b koers.TallyPart) int { return strings.Compare(a.Name, b.Name) })
	}
	return out, nil
}

// countQuery is count's query for the engine. Every fact is read once and
// flagged, per year, 1 when the rule counts it in that year's period, so
// that nothing is multiplied by the years:
//
//	WITH facts AS (SELECT client, s, e, part …),  -- what the source holds, filtered
//	     f AS (SELECT client, part, CASE WHEN <fits year 1> THEN 1 ELSE 0 END AS y0, … FROM facts …)
//	SELECT 0, '', SUM(y0), … FROM f                 -- records
//	SELECT 0, '', SUM(y0), … FROM (SELECT client, MAX(y0), … FROM f GROUP BY client) -- clients
//	UNION ALL the same per part, for a breakdown
//
// The days and ages are the rule's own integers, written into the text.
func (s *Store) countQuery(orgID int64, rule *koers.CountRule, years []int) (string, []any) {
	var q strings.Builder
	q.WriteString("WITH facts AS (")
	src, args := source(rule, orgID)
	q.WriteString(src)
	q.WriteString("),\nf AS (SELECT facts.client AS client, ")
	join := rule.MinAge > 0 || rule.MaxAge > 0 || rule.Breakdown == koers.ByArea
	if rule.Breakdown == koers.ByArea {
		q.WriteString("COALESCE(c.area, '') AS part")
	} else {
		q.WriteString("facts.part AS part")
	}
	first, last := int64(0), int64(0)
	for i, y := range years {
		from, to := rule.Period(y)
		f, t := day(from), day(to)
		if i == 0 || f < first {
			first = f
		}
		last = max(last, t)
		fmt.Fprintf(&q, ",\n  CASE WHEN %s", window(rule, f, t))
		if rule.MinAge > 0 || rule.MaxAge > 0 {
			// A client of unknown age (no birth year, or not known at
			// all) fits no bound.
			fmt.Fprintf(&q, " AND c.birth_year > 0 AND %d - c.birth_year >= %d", y, rule.MinAge)
			if rule.MaxAge > 0 {
				fmt.Fprintf(&q, " AND %d - c.birth_year <= %d", y, rule.MaxAge)
			}
		}
		fmt.Fprintf(&q, " THEN 1 ELSE 0 END AS y%d", i)
	}
	q.WriteString("\n  FROM facts")
	if join {
		q.WriteString(" LEFT JOIN register_clients c ON c.org = ? AND c.id = facts.client")
		args = append(args, orgID)
	}
	// Facts outside every period, or of clients of no age the rule
	// counts in any of the years, count in no year: left out before any
	// grouping.
	fmt.Fprintf(&q, "\n  WHERE %s", window(rule, first, last))
	if rule.MinAge > 0 || rule.MaxAge > 0 {
		fmt.Fprintf(&q, " AND c.birth_year > 0 AND c.birth_year <= %d", slices.Max(years)-rule.MinAge)
		if rule.MaxAge > 0 {
			fmt.Fprintf(&q, " AND c.birth_year >= %d", slices.Min(years)-rule.MaxAge)
		}
	}
	q.WriteString(")\n")
	// sums is ", agg(y0) AS y0, agg(y1) AS y1, …".
	sums := func(agg string) string {
		var b strings.Builder
		for i := range years {
			fmt.Fprintf(&b, ", %s(y%d) AS y%d", agg, i, i)
		}
		return b.String()
	}
	// level writes the row of level n: the total (n 0, by "") or one per
	// part (n 1, by ", part").
	level := func(n int, by string) {
		if n > 0 {
			q.WriteString("\nUNION ALL ")
		}
		name := "''"
		if by != "" {
			name = "part"
		}
		from := "f"
		if rule.Unit == koers.UniqueClients {
			// A client counts once a year, however many of its facts fit.
			from = "(SELECT client" + by + sums("MAX") + " FROM f GROUP BY client" + by + ") d"
		}
		fmt.Fprintf(&q, "SELECT %d, %s%s FROM %s", n, name, sums("SUM"), from)
		if by != "" {
			q.WriteString(" GROUP BY part")
		}
	}
	level(0, "")
	if rule.Breakdown != "" {
		level(1, ", part")
	}
	return s.rebind(q.String()), args
}

// window is the condition on a fact (facts.s, facts.e) of being counted
// in the period from f to t, days both: for "gestart" and "cumulatief"
// its start lies in it, else the fact overlaps it.
func window(rule *koers.CountRule, f, t int64) string {
	switch rule.Window {
	case koers.StartedInYear, koers.Cumulatief:
		return fmt.Sprintf("facts.s >= %d AND facts.s <= %d", f, t)
	}
	return fmt.Sprintf("facts.s <= %d AND (facts.e IS NULL OR facts.e >= %d)", t, f)
}

// careCounts is the condition on a group of register_care's rows of one
// start or stop (one assignment, kind and day) that it counts: more
// messages report it than withdraw it (koers.CareEvent).
const careCounts = "SUM(1 - 2 * withdrawn) > 0"

// countedCare is the query of the starts and stops that count (columns
// assignment, kind, day), of an organisation and law (two parameters).
// Most have one row, which reports.
const countedCare = "SELECT assignment, kind, day FROM register_care WHERE org = ? AND law = ?" +
	" GROUP BY assignment, kind, day HAVING " + careCounts

// source is the query of the facts a rule counts, with its filters:
// columns client, s (start day), e (end day, NULL while open) and part
// (the product category for a breakdown by category, else ”).
func source(rule *koers.CountRule, orgID int64) (string, []any) {
	args := []any{orgID}
	in := func(col string, values []string) string {
		if len(values) == 0 {
			return ""
		}
		for _, v := range values {
			args = append(args, v)
		}
		return " AND " + col + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(values)), ", ") + ")"
	}
	if law := rule.Source.Law(); law != "" {
		// The care period (koers.CarePeriod): the earliest start (305),
		// else the Ingangsdatum; the latest stop (307), else the
		// Einddatum; from the law's starts and stops that count,
		// aggregated once.
		part := "''"
		if rule.Breakdown == koers.ByCategory {
			part = "a.category"
		}
		args = append(args, string(law), orgID, string(law))
		return "SELECT a.client, COALESCE(c.s, a.start_day) AS s, COALESCE(c.e, a.end_day) AS e, " + part + " AS part" +
			" FROM register_assignments a LEFT JOIN (SELECT assignment, MIN(CASE WHEN kind = 'start' THEN day END) AS s, MAX(CASE WHEN kind = 'stop' THEN day END) AS e" +
			" FROM (" + countedCare + ") k GROUP BY assignment) c ON c.assignment = a.number" +
			" WHERE a.org = ? AND a.law = ?" + in("a.category", rule.Categories), args
	}
	if kind, ok := rule.Source.Registration(); ok {
		args = append(args, string(kind))
		q := "SELECT client, day AS s, CASE WHEN end_day IS NULL AND kind <> 'gesloten_plaatsing' THEN day ELSE end_day END AS e, '' AS part" +
			" FROM register_registrations WHERE org = ? AND kind = ?"
		if rule.Outcome != "" {
			q += " AND outcome = ?"
			args = append(args, rule.Outcome)
		}
		if rule.InTerm {
			q += " AND in_term = 1"
		}
		return q, args
	}
	if rule.Source == koers.SourceWork {
		var ps []string
		for _, p := range rule.Placements {
			ps = append(ps, string(p))
		}
		return "SELECT client, start_day AS s, end_day AS e, '' AS part FROM register_work WHERE org = ?" + in("placement", ps), args
	}
	return "SELECT client, start_day AS s, end_day AS e, '' AS part FROM register_benefits WHERE org = ?", args
}

// population is a population figure for years.
func (s *Store) population(ctx context.Context, tx *sql.Tx, orgID int64, key string, years []int) (map[int]int64, error) {
	q := "SELECT year, count FROM register_populations WHERE org = ? AND key = ? AND year IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(years)), ", ") + ")"
	args := []any{orgID, key}
	for _, y := range years {
		args = append(args, int64(y))
	}
	rows, err := tx.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]int64{}
	for rows.Next() {
		var y, n int64
		if err := rows.Scan(&y, &n); err != nil {
			return nil, err
		}
		out[int(y)] = n
	}
	return out, rows.Err()
}

// CeilingUse reports, per provider with a ceiling or an assignment in
// year, what was assigned against the ceiling: the budgets of the
// assignments whose period (Ingangsdatum to Einddatum, as assigned, not
// as the care ran) overlaps the year, each in full; their number and
// their distinct clients. An assignment without a budget counts in the
// number, not the amount. In AGB order.
func (s *Store) CeilingUse(ctx context.Context, orgID int64, year int) ([]koers.CeilingUse, error) {
	if year < koers.MinYear || year > koers.MaxYear {
		return nil, koers.Errorf(koers.EINVALID, "Jaar %d kan niet.", year)
	}
	from, to := day(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)), day(time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC))
	const q = `WITH a AS (
		SELECT provider, CAST(SUM(budget) AS BIGINT) AS assigned, COUNT(*) AS n, COUNT(DISTINCT client) AS clients
		FROM register_assignments WHERE org = ? AND provider <> '' AND start_day <= ? AND (end_day IS NULL OR end_day >= ?)
		GROUP BY provider),
	p AS (SELECT provider AS agb FROM register_ceilings WHERE org = ? AND year = ? UNION SELECT provider FROM a)
	SELECT p.agb, COALESCE(pr.name, ''), COALESCE(c.amount, 0), COALESCE(c.warn_at, 0), COALESCE(a.assigned, 0), COALESCE(a.n, 0), COALESCE(a.clients, 0)
	FROM p
	LEFT JOIN register_providers pr ON pr.org = ? AND pr.agb = p.agb
	LEFT JOIN register_ceilings c ON c.org = ? AND c.provider = p.agb AND c.year = ?
	LEFT JOIN a ON a.provider = p.agb
	ORDER BY p.agb`
	rows, err := s.db.QueryContext(ctx, s.rebind(q), orgID, to, from, orgID, int64(year), orgID, orgID, int64(year))
	if err != nil {
		return nil, fmt.Errorf("register ceiling use: %w", err)
	}
	defer rows.Close()
	var out []koers.CeilingUse
	for rows.Next() {
		var u koers.CeilingUse
		var ceiling, assigned, warn, n, clients int64
		if err := rows.Scan(&u.Provider.AGB, &u.Provider.Name, &ceiling, &warn, &assigned, &n, &clients); err != nil {
			return nil, err
		}
		u.Year, u.Ceiling, u.WarnAt, u.Assigned, u.Assignments, u.Clients = year, koers.Money(ceiling), int(warn), koers.Money(assigned), int(n), int(clients)
		out = append(out, u)
	}
	return out, rows.Err()
}

// Forget deletes, in one transaction, the client-level facts that ended
// before cutoff: assignments whose care ended; the starts and stops of
// no assignment dated before it (an ended assignment's among them);
// registrations (an event ends on its date; an open placement has not
// ended), benefits and places; then the clients left without facts. It
// returns how many rows it deleted. Open facts are never forgotten.
func (s *Store) Forget(ctx context.Context, orgID int64, cutoff time.Time) (int, error) {
	c := day(cutoff)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	steps := []struct {
		q    string
		args []any
	}{
		// Assignments whose care ended (the latest stop that counts, else the
		// Einddatum) first, while their stops still say so; then the
		// starts and stops of no assignment dated before the cutoff.
		{`DELETE FROM register_assignments WHERE org = ? AND COALESCE((SELECT c.day FROM register_care c
			WHERE c.org = register_assignments.org AND c.law = register_assignments.law AND c.assignment = register_assignments.number AND c.kind = 'stop'
			GROUP BY c.day HAVING ` + careCounts + ` ORDER BY c.day DESC LIMIT 1), end_day) < ?`,
			[]any{orgID, c}},
		{`DELETE FROM register_care WHERE org = ? AND day < ?
			AND NOT EXISTS (SELECT 1 FROM register_assignments a WHERE a.org = register_care.org AND a.law = register_care.law AND a.number = register_care.assignment)`,
			[]any{orgID, c}},
		{`DELETE FROM register_registrations WHERE org = ? AND ((end_day IS NOT NULL AND end_day < ?) OR (end_day IS NULL AND kind <> 'gesloten_plaatsing' AND day < ?))`, []any{orgID, c, c}},
		{`DELETE FROM register_benefits WHERE org = ? AND end_day IS NOT NULL AND end_day < ?`, []any{orgID, c}},
		{`DELETE FROM register_work WHERE org = ? AND end_day IS NOT NULL AND end_day < ?`, []any{orgID, c}},
		{`DELETE FROM register_clients WHERE org = ?
			AND NOT EXISTS (SELECT 1 FROM register_assignments x WHERE x.org = register_clients.org AND x.client = register_clients.id)
			AND NOT EXISTS (SELECT 1 FROM register_registrations x WHERE x.org = register_clients.org AND x.client = register_clients.id)
			AND NOT EXISTS (SELECT 1 FROM register_benefits x WHERE x.org = register_clients.org AND x.client = register_clients.id)
			AND NOT EXISTS (SELECT 1 FROM register_work x WHERE x.org = register_clients.org AND x.client = register_clients.id)`,
			[]any{orgID}},
	}
	n := 0
	for _, st := range steps {
		r, err := tx.ExecContext(ctx, s.rebind(st.q), st.args...)
		if err != nil {
			return 0, fmt.Errorf("register forget: %w", err)
		}
		k, err := r.RowsAffected()
		if err != nil {
			return 0, err
		}
		n += int(k)
	}
	return n, tx.Commit()
}

// compile-time check
var _ koers.Register = (*Store)(nil)
