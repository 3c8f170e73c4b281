package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/koers-nl/koers"
)

// API tokens are looked up by the hash of their secret only: the table
// never holds a token itself.

const apiTokenColumns = "id, organisation_id, name, role, created_by, created_at, expires_at, revoked_at, last_used_at"

func scanAPIToken(row interface{ Scan(...any) error }) (koers.APIToken, error) {
	var t koers.APIToken
	var role string
	err := row.Scan(&t.ID, &t.OrganisationID, &t.Name, &role, &t.CreatedBy, timeScan{&t.CreatedAt},
		timeScan{&t.ExpiresAt}, nullTime{&t.RevokedAt}, nullTime{&t.LastUsedAt})
	t.Role = koers.Role(role)
	return t, err
}

// CreateAPIToken stores a token by the hash of its secret.
func (s *Store) CreateAPIToken(ctx context.Context, t *koers.APIToken, hash string) error {
	if err := t.Validate(now()); err != nil {
		return err
	}
	if len(hash) != 64 {
		return fmt.Errorf("create API token: a hash is 64 hexadecimal digits, not %d characters", len(hash))
	}
	return s.tx(ctx, false, func(q q) error {
		t.CreatedAt, t.ExpiresAt = q.now, micro(t.ExpiresAt)
		t.RevokedAt, t.LastUsedAt, t.CreatedBy = time.Time{}, time.Time{}, ""
		if q.actor != nil {
			t.CreatedBy = q.actor.Email
		}
		id, err := q.id(`INSERT INTO api_tokens (organisation_id, name, role, hash, created_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.OrganisationID, t.Name, string(t.Role), hash, t.CreatedBy, q.time(t.CreatedAt), q.time(t.ExpiresAt))
		if err != nil {
			if s.dialect.Constraint(err) == koers.ECONFLICT {
				return &koers.Error{Code: koers.ECONFLICT, Message: "Er is al een API-sleutel met deze naam.", Err: err}
			}
			return fmt.Errorf("create API token: %w", err)
		}
		t.ID = id
		return q.audit(koers.AuditEntry{OrganisationID: t.OrganisationID, Action: koers.AuditAPITokenCreate,
			After: t.Name + " (" + t.Role.Label() + ", tot " + t.ExpiresAt.Format("2006-01-02") + ")"})
	})
}

// APITokens lists an organisation's tokens, newest first.
func (s *Store) APITokens(ctx context.Context, orgID int64) ([]koers.APIToken, error) {
	out := []koers.APIToken{}
	err := s.read(ctx, func(q q) error {
		return q.each("SELECT "+apiTokenColumns+" FROM api_tokens WHERE organisation_id = ? ORDER BY created_at DESC, id DESC",
			[]any{orgID}, func(rows *sql.Rows) error {
				t, err := scanAPIToken(rows)
				out = append(out, t)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("API tokens: %w", err)
	}
	return out, nil
}

// errAPIToken is the one answer for a token that does not hold.
func errAPIToken() error {
	return koers.Errorf(koers.EUNAUTHORIZED, "Deze API-sleutel is onbekend, verlopen of ingetrokken.")
}

// APITokenByHash returns the live token with the hash.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (*koers.APIToken, error) {
	var t koers.APIToken
	err := s.read(ctx, func(q q) (err error) {
		t, err = scanAPIToken(q.queryRow("SELECT "+apiTokenColumns+" FROM api_tokens WHERE hash = ?", hash))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errAPIToken()
	}
	if err != nil {
		return nil, fmt.Errorf("API token: %w", err)
	}
	if !t.Live(now()) {
		return nil, errAPIToken()
	}
	return &t, nil
}

// RevokeAPIToken ends a token of the organisation.
func (s *Store) RevokeAPIToken(ctx context.Context, orgID, id int64) error {
	return s.tx(ctx, false, func(q q) error {
		t, err := scanAPIToken(q.queryRow("SELECT "+apiTokenColumns+" FROM api_tokens WHERE id = ? AND organisation_id = ?", id, orgID))
		if err != nil {
			return notFound(err, "Deze API-sleutel bestaat niet.")
		}
		if !t.RevokedAt.IsZero() {
			return nil
		}
		if _, err := q.exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ?", q.time(q.now), id); err != nil {
			return fmt.Errorf("revoke API token: %w", err)
		}
		return q.audit(koers.AuditEntry{OrganisationID: orgID, Action: koers.AuditAPITokenRevoke, Before: t.Name})
	})
}

// TouchAPIToken records when a token was last used.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	return s.tx(ctx, false, func(q q) error {
		res, err := q.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", q.time(micro(at)), id)
		if err != nil {
			return fmt.Errorf("touch API token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return koers.Errorf(koers.ENOTFOUND, "Deze API-sleutel bestaat niet.")
		}
		return nil
	})
}
