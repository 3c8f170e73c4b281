package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
)

// The audit log is append-only: entries are written by q.audit inside the
// write they record, and the store has no statement that changes or deletes
// one. Its organisation and user IDs carry no foreign keys, so that no
// cascade touches an entry when an organisation or user goes.

// audit appends an entry in the write transaction of q: at the
// transaction's time, by q's actor unless the entry names someone
// (a sign-in names the user signing in, a failed one the address tried).
func (q q) audit(e koers.AuditEntry) error {
	if e.UserID == 0 && e.Actor == "" && q.actor != nil {
		e.UserID, e.Actor = q.actor.ID, q.actor.Email
	}
	_, err := q.exec(`INSERT INTO audit_log (at, organisation_id, user_id, actor, action, document, page, block,
			before_text, after_text, address)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		q.time(q.now), nullID(e.OrganisationID), nullID(e.UserID), clean(e.Actor), string(e.Action),
		clean(e.Document), clean(e.Page), clean(e.Block), auditText(e.Before), auditText(e.After), clean(e.Address))
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// nullID is NULL for the ID 0.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// clean makes s valid UTF-8, which PostgreSQL's text requires.
func clean(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// auditText cuts s to koers.MaxAuditText characters, the last an ellipsis
// when it was longer.
func auditText(s string) string {
	s = clean(s)
	if utf8.RuneCountInString(s) <= koers.MaxAuditText {
		return s
	}
	n := 0
	for i := range s {
		if n == koers.MaxAuditText-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// RecordAudit appends an entry with the actor from ctx, whoever the entry
// names, at the store's time.
func (s *Store) RecordAudit(ctx context.Context, e koers.AuditEntry) error {
	if e.Action == "" {
		return koers.Errorf(koers.EINVALID, "Een regel van het logboek heeft een handeling nodig.")
	}
	e.UserID, e.Actor = 0, ""
	return s.tx(ctx, false, func(q q) error { return q.audit(e) })
}

// AuditLog returns the entries that match the filter, newest first.
func (s *Store) AuditLog(ctx context.Context, f koers.AuditFilter) ([]koers.AuditEntry, error) {
	var where []string
	var args []any
	if f.OrganisationID != 0 {
		// Sign-ins and the like are written to the log of each
		// organisation the account worked for at the time (auditAccount).
		where = append(where, "organisation_id = ?")
		args = append(args, f.OrganisationID)
	}
	if f.UserID != 0 {
		where, args = append(where, "user_id = ?"), append(args, f.UserID)
	}
	if f.Action != "" {
		where, args = append(where, "action = ?"), append(args, string(f.Action))
	}
	if f.Document != "" {
		where, args = append(where, "document = ?"), append(args, f.Document)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, s.dialect.Time(f.From))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "at < ?"), append(args, s.dialect.Time(f.Until))
	}
	if f.Before != 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	limit := f.Limit
	if limit <= 0 || limit > koers.MaxAuditPage {
		limit = koers.MaxAuditPage
	}
	query := `SELECT id, at, COALESCE(organisation_id, 0), COALESCE(user_id, 0), actor, action, document, page, block,
		before_text, after_text, address FROM audit_log`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	var out []koers.AuditEntry
	err := s.read(ctx, func(q q) error {
		return q.each(query, args, func(rows *sql.Rows) error {
			var e koers.AuditEntry
			if err := rows.Scan(&e.ID, timeScan{&e.At}, &e.OrganisationID, &e.UserID, &e.Actor, &e.Action,
				&e.Document, &e.Page, &e.Block, &e.Before, &e.After, &e.Address); err != nil {
				return err
			}
			out = append(out, e)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	return out, nil
}
