package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

// Users, their grants and sessions, and the counts of failed sign-ins.
// None of it is content: these writes leave the revision alone.

const userColumns = "u.id, u.email, u.name, u.disabled, u.created_at"

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*koers.User, error) {
	var u koers.User
	if err := row.Scan(append([]any{&u.ID, &u.Email, &u.Name, &u.Disabled, timeScan{&u.CreatedAt}}, extra...)...); err != nil {
		return nil, err
	}
	return &u, nil
}

// loadGrants fills the grants of users, whose IDs the subquery where
// selects, in one query: by organisation, then in the order of koers.Roles.
func loadGrants(q q, users []*koers.User, where string, args ...any) error {
	byID := map[int64]*koers.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	err := q.each("SELECT user_id, organisation_id, role FROM grants WHERE user_id IN ("+where+")", args, func(rows *sql.Rows) error {
		var id int64
		var g koers.Grant
		if err := rows.Scan(&id, &g.OrganisationID, &g.Role); err != nil {
			return err
		}
		if u := byID[id]; u != nil {
			u.Grants = append(u.Grants, g)
		}
		return nil
	})
	for _, u := range users {
		slices.SortFunc(u.Grants, func(a, b koers.Grant) int {
			if a.OrganisationID != b.OrganisationID {
				return int(a.OrganisationID - b.OrganisationID)
			}
			return slices.Index(koers.Roles, a.Role) - slices.Index(koers.Roles, b.Role)
		})
	}
	return err
}

// putGrants replaces a user's grants.
func putGrants(q q, u *koers.User) error {
	if _, err := q.exec("DELETE FROM grants WHERE user_id = ?", u.ID); err != nil {
		return err
	}
	for _, g := range u.Grants {
		if _, err := q.exec("INSERT INTO grants (user_id, organisation_id, role) VALUES (?, ?, ?)",
			u.ID, g.OrganisationID, string(g.Role)); err != nil {
			return fmt.Errorf("role %s in organisation %d: %w", g.Role, g.OrganisationID, err)
		}
	}
	return nil
}

// describeUser is a user's state in one organisation as that
// organisation's audit log shows it: their roles there and no others, so
// that one organisation's log does not tell what a person does elsewhere.
func describeUser(u *koers.User, orgID int64) string {
	if u == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(u.Name)
	b.WriteString(" <" + u.Email + ">")
	roles := u.RolesIn(orgID)
	if len(roles) == 0 {
		b.WriteString("; geen rol")
	}
	for _, r := range roles {
		b.WriteString("; " + string(r))
	}
	if u.Disabled {
		b.WriteString("; geblokkeerd")
	}
	return b.String()
}

// auditUser records a change of a user in the log of every organisation
// it concerns (one they held a role in before or after), each entry with
// that organisation's roles only; a user of no organisation gets one entry
// of none.
func auditUser(q q, action koers.AuditAction, before, after *koers.User) error {
	var orgs []int64
	for _, u := range []*koers.User{before, after} {
		if u == nil {
			continue
		}
		for _, id := range u.OrganisationIDs() {
			if !slices.Contains(orgs, id) {
				orgs = append(orgs, id)
			}
		}
	}
	if len(orgs) == 0 {
		orgs = []int64{0}
	}
	for _, id := range orgs {
		e := koers.AuditEntry{Action: action, OrganisationID: id, Before: describeUser(before, id), After: describeUser(after, id)}
		if err := q.audit(e); err != nil {
			return err
		}
	}
	return nil
}

// CreateUser stores a new user with a password hash.
func (s *Store) CreateUser(ctx context.Context, u *koers.User, passwordHash string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, false, func(q q) error {
		id, err := q.id(`INSERT INTO users (email, name, password_hash, disabled, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, u.Email, u.Name, passwordHash, u.Disabled, q.time(q.now))
		if err != nil {
			if s.dialect.Constraint(err) == koers.ECONFLICT {
				return &koers.Error{Code: koers.ECONFLICT, Message: "Er is al een gebruiker met dit e-mailadres.", Err: err}
			}
			return fmt.Errorf("create user: %w", err)
		}
		u.ID, u.CreatedAt = id, q.now
		if err := putGrants(q, u); err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		return auditUser(q, koers.AuditUserCreate, nil, u)
	})
}

// User returns a user with their grants.
func (s *Store) User(ctx context.Context, id int64) (*koers.User, error) {
	var u *koers.User
	err := s.read(ctx, func(q q) (err error) {
		if u, err = scanUser(q.queryRow("SELECT "+userColumns+" FROM users u WHERE u.id = ?", id)); err != nil {
			return notFound(err, "Gebruiker %d bestaat niet.", id)
		}
		return loadGrants(q, []*koers.User{u}, "?", id)
	})
	if err != nil {
		return nil, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail returns a user and their password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (*koers.User, string, error) {
	email = koers.NormalizeEmail(email)
	var u *koers.User
	var hash string
	err := s.read(ctx, func(q q) (err error) {
		if u, err = scanUser(q.queryRow("SELECT "+userColumns+", u.password_hash FROM users u WHERE u.email = ?", email), &hash); err != nil {
			return notFound(err, "Er is geen gebruiker met dit e-mailadres.")
		}
		return loadGrants(q, []*koers.User{u}, "?", u.ID)
	})
	if err != nil {
		return nil, "", fmt.Errorf("user by e-mail: %w", err)
	}
	return u, hash, nil
}

// Users lists the users with a role in an organisation, or all for 0.
func (s *Store) Users(ctx context.Context, orgID int64) ([]*koers.User, error) {
	sub, args := "SELECT id FROM users", []any{}
	if orgID != 0 {
		sub, args = "SELECT user_id FROM grants WHERE organisation_id = ?", []any{orgID}
	}
	var users []*koers.User
	err := s.read(ctx, func(q q) error {
		err := q.each("SELECT "+userColumns+" FROM users u WHERE u.id IN ("+sub+") ORDER BY u.email", args, func(rows *sql.Rows) error {
			u, err := scanUser(rows)
			users = append(users, u)
			return err
		})
		if err != nil {
			return err
		}
		return loadGrants(q, users, sub, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	return users, nil
}

// UpdateUser stores a user's name, disabled flag and grants.
func (s *Store) UpdateUser(ctx context.Context, u *koers.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, false, func(q q) error {
		old, err := scanUser(q.queryRow("SELECT "+userColumns+" FROM users u WHERE u.id = ?"+s.dialect.ForUpdate(), u.ID))
		if err != nil {
			return notFound(err, "Gebruiker %d bestaat niet.", u.ID)
		}
		if err := loadGrants(q, []*koers.User{old}, "?", u.ID); err != nil {
			return err
		}
		if _, err := q.exec("UPDATE users SET name = ?, disabled = ? WHERE id = ?", u.Name, u.Disabled, u.ID); err != nil {
			return fmt.Errorf("update user %d: %w", u.ID, err)
		}
		if err := putGrants(q, u); err != nil {
			return fmt.Errorf("update user %d: %w", u.ID, err)
		}
		if u.Disabled {
			if _, err := q.exec("DELETE FROM sessions WHERE user_id = ?", u.ID); err != nil {
				return err
			}
		}
		u.Email, u.CreatedAt = old.Email, old.CreatedAt
		return auditUser(q, koers.AuditUserChange, old, u)
	})
}

// SetPassword replaces a password hash and ends the user's other sessions.
func (s *Store) SetPassword(ctx context.Context, userID int64, passwordHash, keep string) error {
	return s.tx(ctx, false, func(q q) error {
		u, err := scanUser(q.queryRow("SELECT "+userColumns+" FROM users u WHERE u.id = ?", userID))
		if err != nil {
			return notFound(err, "Gebruiker %d bestaat niet.", userID)
		}
		if err := loadGrants(q, []*koers.User{u}, "?", userID); err != nil {
			return err
		}
		if _, err := q.exec("UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userID); err != nil {
			return err
		}
		if _, err := q.exec("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?", userID, keep); err != nil {
			return err
		}
		return auditUser(q, koers.AuditPasswordChange, nil, u)
	})
}

// CreateSession stores a session and records the sign-in, by the session's
// user: nobody is signed in yet.
func (s *Store) CreateSession(ctx context.Context, sess *koers.Session) error {
	return s.tx(ctx, false, func(q q) error {
		var email string
		if err := q.queryRow("SELECT email FROM users WHERE id = ?", sess.UserID).Scan(&email); err != nil {
			return notFound(err, "Gebruiker %d bestaat niet.", sess.UserID)
		}
		if sess.CreatedAt.IsZero() {
			sess.CreatedAt = q.now
		}
		if sess.SeenAt.IsZero() {
			sess.SeenAt = sess.CreatedAt
		}
		sess.CreatedAt, sess.SeenAt = micro(sess.CreatedAt), micro(sess.SeenAt)
		if _, err := q.exec("INSERT INTO sessions (id_hash, user_id, created_at, seen_at, address) VALUES (?, ?, ?, ?, ?)",
			sess.IDHash, sess.UserID, q.time(sess.CreatedAt), q.time(sess.SeenAt), clean(sess.Address)); err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return auditAccount(q, koers.AuditEntry{Action: koers.AuditSignIn, UserID: sess.UserID, Actor: email, Address: sess.Address})
	})
}

// micro is t as the engines keep it: UTC, to microseconds.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Session returns a session with its user and their grants: two queries.
func (s *Store) Session(ctx context.Context, idHash string) (*koers.Session, *koers.User, error) {
	sess := &koers.Session{}
	var u *koers.User
	err := s.read(ctx, func(q q) (err error) {
		u, err = scanUser(q.queryRow("SELECT "+userColumns+", s.id_hash, s.created_at, s.seen_at, s.address "+
			"FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?", idHash),
			&sess.IDHash, timeScan{&sess.CreatedAt}, timeScan{&sess.SeenAt}, &sess.Address)
		if err != nil {
			return notFound(err, "Deze sessie bestaat niet (meer).")
		}
		sess.UserID = u.ID
		return loadGrants(q, []*koers.User{u}, "?", u.ID)
	})
	if err != nil {
		return nil, nil, fmt.Errorf("session: %w", err)
	}
	return sess, u, nil
}

// TouchSession records that a session was used.
func (s *Store) TouchSession(ctx context.Context, idHash string, seen time.Time) error {
	return s.tx(ctx, false, func(q q) error {
		res, err := q.exec("UPDATE sessions SET seen_at = ? WHERE id_hash = ?", q.time(seen), idHash)
		if err != nil {
			return fmt.Errorf("touch session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return koers.Errorf(koers.ENOTFOUND, "Deze sessie bestaat niet (meer).")
		}
		return nil
	})
}

// EndSession deletes a session and records the sign-out by its user; a
// session that is gone already ends without an entry.
func (s *Store) EndSession(ctx context.Context, idHash string) error {
	return s.tx(ctx, false, func(q q) error {
		var userID int64
		var email string
		err := q.queryRow("SELECT u.id, u.email FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?", idHash).Scan(&userID, &email)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("end session: %w", err)
		}
		if _, err := q.exec("DELETE FROM sessions WHERE id_hash = ?", idHash); err != nil {
			return fmt.Errorf("end session: %w", err)
		}
		return auditAccount(q, koers.AuditEntry{Action: koers.AuditSignOut, UserID: userID, Actor: email})
	})
}

// auditAccount records what happened to an account (a sign-in, a
// sign-out, a failed sign-in) in the log of every organisation the
// account holds a role in at that moment, so that an organisation's log
// never shows what a person did before they worked for it; an account of
// no organisation gets one entry of none.
func auditAccount(q q, e koers.AuditEntry) error {
	var orgs []int64
	err := q.each("SELECT DISTINCT organisation_id FROM grants WHERE user_id = ? ORDER BY organisation_id", []any{e.UserID}, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		orgs = append(orgs, id)
		return err
	})
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return q.audit(e)
	}
	for _, id := range orgs {
		e.OrganisationID = id
		if err := q.audit(e); err != nil {
			return err
		}
	}
	return nil
}

// keyList is "?, ?, ..." for keys and the keys as arguments.
func keyList(keys []string) (string, []any) {
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(keys)), ", "), args
}

// Attempts returns the failures counted for keys, by key.
func (s *Store) Attempts(ctx context.Context, keys ...string) ([]koers.Attempt, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	list, args := keyList(keys)
	var out []koers.Attempt
	err := s.read(ctx, func(q q) error {
		return q.each("SELECT key, failures, last_at FROM sign_in_failures WHERE key IN ("+list+") ORDER BY key", args, func(rows *sql.Rows) error {
			var a koers.Attempt
			if err := rows.Scan(&a.Key, &a.Failures, timeScan{&a.LastAt}); err != nil {
				return err
			}
			out = append(out, a)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("attempts: %w", err)
	}
	return out, nil
}

// RecordFailure counts a failed sign-in against keys, starting again from
// one for a key whose last failure is older than koers.FailureMemory, and
// records it with the e-mail address tried as the actor.
func (s *Store) RecordFailure(ctx context.Context, email, address string, keys ...string) error {
	return s.tx(ctx, false, func(q q) error {
		forgotten := q.time(q.now.Add(-koers.FailureMemory))
		for _, k := range keys {
			if _, err := q.exec(`INSERT INTO sign_in_failures (key, failures, last_at) VALUES (?, 1, ?)
				ON CONFLICT (key) DO UPDATE SET
					failures = CASE WHEN sign_in_failures.last_at <= ? THEN 1 ELSE sign_in_failures.failures + 1 END,
					last_at = excluded.last_at`, k, q.time(q.now), forgotten); err != nil {
				return fmt.Errorf("record failure: %w", err)
			}
		}
		// A failure against an existing account is its organisations' to
		// see; against none, it concerns no organisation.
		e := koers.AuditEntry{Action: koers.AuditSignInFailed, Actor: koers.NormalizeEmail(email), Address: address}
		err := q.queryRow("SELECT id FROM users WHERE email = ?", e.Actor).Scan(&e.UserID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("record failure: %w", err)
		}
		if e.UserID == 0 {
			return q.audit(e)
		}
		return auditAccount(q, e)
	})
}

// ClearFailures forgets the failures of keys.
func (s *Store) ClearFailures(ctx context.Context, keys ...string) error {
	if len(keys) == 0 {
		return nil
	}
	list, args := keyList(keys)
	return s.tx(ctx, false, func(q q) error {
		_, err := q.exec("DELETE FROM sign_in_failures WHERE key IN ("+list+")", args...)
		return err
	})
}
