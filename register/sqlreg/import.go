package sqlreg

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

// day is a date as the register's tables keep it: yyyymmdd.
func day(t time.Time) int64 {
	y, m, d := t.Date()
	return int64(y)*10000 + int64(m)*100 + int64(d)
}

// endDay is an end date, NULL while open.
func endDay(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return day(t)
}

// Import writes b for orgID in one transaction: all of it or, when one
// fact has a problem, nothing. Facts the register holds already (the
// same assignment number, registration, benefit or place, or a message's
// same report or withdrawal of a start or stop) are skipped and counted
// Known; a client's later facts (birth year, sex,
// area) replace its earlier ones, and count Added when they change
// something. Providers, ceilings and populations are replaced by a later
// import of the same key.
func (s *Store) Import(ctx context.Context, orgID int64, b *koers.RegisterBatch) (koers.ImportResult, error) {
	return s.ImportAll(ctx, orgID, func(yield func(*koers.RegisterBatch, error) bool) { yield(b, nil) })
}

// ImportAll writes the batches as Import writes one, all in one
// transaction: a large import is written while its files are still being
// read, and a problem in its last file still leaves nothing written.
// Each batch is checked before it is written; a problem's path counts
// within its batch.
func (s *Store) ImportAll(ctx context.Context, orgID int64, batches iter.Seq2[*koers.RegisterBatch, error]) (koers.ImportResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return koers.ImportResult{}, err
	}
	defer tx.Rollback()
	if err := s.customPlans(ctx, tx); err != nil {
		return koers.ImportResult{}, err
	}
	var res koers.ImportResult
	for b, err := range batches {
		if err != nil {
			return koers.ImportResult{}, err
		}
		if err := b.Validate(); err != nil {
			return koers.ImportResult{}, err
		}
		if err := s.write(ctx, tx, orgID, b, &res); err != nil {
			return koers.ImportResult{}, err
		}
	}
	if err := tx.Commit(); err != nil {
		return koers.ImportResult{}, err
	}
	return res, nil
}

// write writes one checked batch in tx, adding to res.
func (s *Store) write(ctx context.Context, tx *sql.Tx, orgID int64, b *koers.RegisterBatch, res *koers.ImportResult) error {
	w := writer{s: s, tx: tx, ctx: ctx, res: res}

	// Clients: the last of a batch wins, as with koers.Facts.
	clients := map[koers.Pseudonym]int{}
	var rows [][]any
	for _, c := range b.Clients {
		row := []any{orgID, string(c.Pseudonym), int64(c.BirthYear), c.Sex, c.Area}
		if i, ok := clients[c.Pseudonym]; ok {
			rows[i] = row
			res.Known++ // counted once, as its last version
			continue
		}
		clients[c.Pseudonym] = len(rows)
		rows = append(rows, row)
	}
	w.insert("register_clients (org, pseudonym, birth_year, sex, area)", rows,
		"ON CONFLICT (org, pseudonym) DO UPDATE SET birth_year = excluded.birth_year, sex = excluded.sex, area = excluded.area"+
			" WHERE register_clients.birth_year <> excluded.birth_year OR register_clients.sex <> excluded.sex OR register_clients.area <> excluded.area")
	if w.err != nil {
		return w.err
	}

	ids, err := s.clientIDs(ctx, tx, orgID, b)
	if err != nil {
		return err
	}

	// Starts and stops (305, 307) are kept as they come, in any order, a
	// row for each message that reports or withdraws one: counting makes
	// the care period from them (koers.CareEvent).
	rows = rows[:0]
	for _, e := range b.Care {
		withdrawn := int64(0)
		if e.Withdrawn {
			withdrawn = 1
		}
		rows = append(rows, []any{orgID, string(e.Law), e.Assignment, string(e.Kind), day(e.Date), e.Reason, e.Message, withdrawn})
	}
	w.insert("register_care (org, law, assignment, kind, day, reason, message, withdrawn)", rows, "ON CONFLICT DO NOTHING")

	rows = rows[:0]
	for _, a := range b.Assignments {
		rows = append(rows, []any{orgID, string(a.Law), a.Number, ids[a.Client], a.Category, a.Product, string(a.Delivery), a.Provider,
			day(a.Start), endDay(a.End), a.Volume, a.Unit, a.Frequency, int64(a.Budget), a.ChangeReason, a.Message})
	}
	w.insert("register_assignments (org, law, number, client, category, product, delivery, provider, start_day, end_day, volume, unit, frequency, budget, change_reason, message)",
		rows, "ON CONFLICT DO NOTHING")

	rows = rows[:0]
	for _, r := range b.Registrations {
		inTerm := int64(0)
		if r.InTerm() {
			inTerm = 1
		}
		rows = append(rows, []any{orgID, string(r.Kind), r.ID, ids[r.Client], day(r.Date), endDay(r.End), r.Outcome, inTerm})
	}
	w.insert("register_registrations (org, kind, id, client, day, end_day, outcome, in_term)", rows, "ON CONFLICT DO NOTHING")

	rows = rows[:0]
	for _, x := range b.Benefits {
		rows = append(rows, []any{orgID, x.ID, ids[x.Client], day(x.Start), endDay(x.End)})
	}
	w.insert("register_benefits (org, id, client, start_day, end_day)", rows, "ON CONFLICT DO NOTHING")

	rows = rows[:0]
	for _, x := range b.Work {
		rows = append(rows, []any{orgID, x.ID, ids[x.Client], string(x.Placement), day(x.Start), endDay(x.End)})
	}
	w.insert("register_work (org, id, client, placement, start_day, end_day)", rows, "ON CONFLICT DO NOTHING")

	rows = rows[:0]
	providers := lastBy(b.Providers, func(p koers.Provider) string { return p.AGB })
	res.Known += len(b.Providers) - len(providers)
	for _, p := range providers {
		rows = append(rows, []any{orgID, p.AGB, p.Name})
	}
	// A 301 names its provider by AGB code alone: a name from the
	// providers' CSV is never blanked by it.
	w.insert("register_providers (org, agb, name)", rows,
		"ON CONFLICT (org, agb) DO UPDATE SET name = excluded.name WHERE excluded.name <> '' AND register_providers.name <> excluded.name")

	rows = rows[:0]
	ceilings := lastBy(b.Ceilings, func(c koers.Ceiling) string { return fmt.Sprint(c.Provider, "|", c.Year) })
	res.Known += len(b.Ceilings) - len(ceilings)
	for _, c := range ceilings {
		rows = append(rows, []any{orgID, c.Provider, int64(c.Year), int64(c.Amount), int64(c.WarnAt)})
	}
	w.insert("register_ceilings (org, provider, year, amount, warn_at)", rows,
		"ON CONFLICT (org, provider, year) DO UPDATE SET amount = excluded.amount, warn_at = excluded.warn_at"+
			" WHERE register_ceilings.amount <> excluded.amount OR register_ceilings.warn_at <> excluded.warn_at")

	rows = rows[:0]
	populations := lastBy(b.Populations, func(p koers.Population) string { return fmt.Sprint(p.Key, "|", p.Year) })
	res.Known += len(b.Populations) - len(populations)
	for _, p := range populations {
		rows = append(rows, []any{orgID, p.Key, int64(p.Year), p.Count})
	}
	w.insert("register_populations (org, key, year, count)", rows,
		"ON CONFLICT (org, key, year) DO UPDATE SET count = excluded.count WHERE register_populations.count <> excluded.count")

	return w.err
}

// lastBy keeps the last of each key, in the order of first appearance:
// one row may not be upserted twice in one statement; the others count
// as Known.
func lastBy[T any](list []T, key func(T) string) []T {
	at := map[string]int{}
	var out []T
	for _, x := range list {
		k := key(x)
		if i, ok := at[k]; ok {
			out[i] = x
			continue
		}
		at[k] = len(out)
		out = append(out, x)
	}
	return out
}

// writer inserts rows in statements of many rows each, and counts what
// they added.
type writer struct {
	s   *Store
	tx  *sql.Tx
	ctx context.Context
	res *koers.ImportResult
	err error
}

// maxParams bounds a statement's parameters: SQLite allows 32766,
// PostgreSQL 65535.
const maxParams = 30000

// maxRows bounds a statement's rows: larger ones gained nothing.
const maxRows = 1000

func (w *writer) insert(table string, rows [][]any, conflict string) {
	if w.err != nil || len(rows) == 0 {
		return
	}
	if w.s.engine == postgresEngine {
		for len(rows) > 0 && w.err == nil {
			n := min(len(rows), maxArrayRows)
			w.unnest(table, rows[:n], conflict)
			rows = rows[n:]
		}
		return
	}
	cols := len(rows[0])
	per := min(maxRows, maxParams/cols)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	args := make([]any, 0, per*cols)
	for len(rows) > 0 {
		n := min(per, len(rows))
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " VALUES " + strings.TrimSuffix(strings.Repeat(tuple+", ", n), ", ") + " " + conflict
		r, err := w.tx.ExecContext(w.ctx, w.s.rebind(q), args...)
		if err != nil {
			w.err = fmt.Errorf("register import: %s: %w", strings.Fields(table)[0], err)
			return
		}
		added, err := r.RowsAffected()
		if err != nil {
			w.err = err
			return
		}
		w.res.Added += int(added)
		w.res.Known += n - int(added)
		rows = rows[n:]
	}
}

// maxArrayRows bounds the rows of a PostgreSQL insert: a CSV file of
// 660,000 registrations in one statement spent seconds growing the
// statement's buffers.
var maxArrayRows = 50_000

// unnest inserts rows on PostgreSQL in one statement: a column each as an
// array, INSERT … SELECT FROM unnest(…). Parsing and planning a statement
// of a thousand rows of placeholders cost more than writing them.
func (w *writer) unnest(table string, rows [][]any, conflict string) {
	cols := len(rows[0])
	var types []string
	var args []any
	for j := range cols {
		var strs []string
		var ints []*int64
		text := true
		for _, r := range rows {
			switch v := r[j].(type) {
			case string:
				strs = append(strs, v)
			case int64:
				text = false
				ints = append(ints, &v)
			case nil:
				text = false
				ints = append(ints, nil)
			default:
				w.err = fmt.Errorf("register import: %T in column %d of %s", v, j, table)
				return
			}
		}
		if text && len(strs) == len(rows) {
			types, args = append(types, "text[]"), append(args, strs)
		} else if len(ints) == len(rows) {
			types, args = append(types, "bigint[]"), append(args, ints)
		} else {
			w.err = fmt.Errorf("register import: mixed column %d of %s", j, table)
			return
		}
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " SELECT * FROM unnest(")
	for j, t := range types {
		if j > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d::%s", j+1, t)
	}
	b.WriteString(") AS u" + table[strings.Index(table, " "):] + " " + conflict)
	r, err := w.tx.ExecContext(w.ctx, b.String(), args...)
	if err != nil {
		w.err = fmt.Errorf("register import: %s: %w", strings.Fields(table)[0], err)
		return
	}
	added, err := r.RowsAffected()
	if err != nil {
		w.err = err
		return
	}
	w.res.Added += int(added)
	w.res.Known += len(rows) - int(added)
}

// customPlans has PostgreSQL plan each statement of tx for its
// parameters. Statements are prepared and cached, and from the sixth run
// on PostgreSQL may keep a generic plan, which knows nothing of an
// array's length or an organisation's size: an update of the care
// periods (since gone) took ten seconds instead of fifty milliseconds
// under one.
func (s *Store) customPlans(ctx context.Context, tx *sql.Tx) error {
	if s.engine != postgresEngine {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SET LOCAL plan_cache_mode = force_custom_plan")
	return err
}

// clientIDs gives every client the batch's facts name its number in
// register_clients, adding a row of unknowns (no birth year, sex or area)
// for a client no import described: as koers.Facts counts such a client.
// Those rows are not counted in the import's result.
func (s *Store) clientIDs(ctx context.Context, tx *sql.Tx, orgID int64, b *koers.RegisterBatch) (map[koers.Pseudonym]int64, error) {
	ids := map[koers.Pseudonym]int64{}
	var names []string
	add := func(p koers.Pseudonym) {
		if _, ok := ids[p]; !ok {
			ids[p] = 0
			names = append(names, string(p))
		}
	}
	for _, a := range b.Assignments {
		add(a.Client)
	}
	for _, r := range b.Registrations {
		add(r.Client)
	}
	for _, x := range b.Benefits {
		add(x.Client)
	}
	for _, w := range b.Work {
		add(w.Client)
	}
	if len(names) == 0 {
		return ids, nil
	}
	described := map[koers.Pseudonym]bool{}
	for _, c := range b.Clients {
		described[c.Pseudonym] = true
	}
	var rows [][]any
	for _, n := range names {
		if !described[koers.Pseudonym(n)] { // upserted already
			rows = append(rows, []any{orgID, n, int64(0), "", ""})
		}
	}
	w := writer{s: s, tx: tx, ctx: ctx, res: &koers.ImportResult{}}
	w.insert("register_clients (org, pseudonym, birth_year, sex, area)", rows, "ON CONFLICT (org, pseudonym) DO NOTHING")
	if w.err != nil {
		return nil, w.err
	}
	read := func(q string, args ...any) error {
		r, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("register import: clients: %w", err)
		}
		defer r.Close()
		for r.Next() {
			var p string
			var id int64
			if err := r.Scan(&p, &id); err != nil {
				return err
			}
			ids[koers.Pseudonym(p)] = id
		}
		return r.Err()
	}
	if s.engine == postgresEngine {
		if err := read("SELECT pseudonym, id FROM register_clients WHERE org = $1 AND pseudonym = ANY($2::text[])", orgID, names); err != nil {
			return nil, err
		}
	} else {
		for len(names) > 0 {
			n := min(maxRows, len(names))
			args := []any{orgID}
			for _, x := range names[:n] {
				args = append(args, x)
			}
			if err := read("SELECT pseudonym, id FROM register_clients WHERE org = ? AND pseudonym IN ("+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+")", args...); err != nil {
				return nil, err
			}
			names = names[n:]
		}
	}
	return ids, nil
}
