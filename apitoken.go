package koers

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// An API token lets a program (a BI system delivering realised values
// each quarter, say) write drafts of one organisation through the write
// API, with one role. It is shown once when it is made; the store keeps
// only its hash, so that a leak of the store gives no one a token.

// APIToken is one organisation's token for the write API.
type APIToken struct {
	ID             int64
	OrganisationID int64
	Name           string // what it is for, as the beheerder named it; unique per organisation
	Role           Role
	CreatedBy      string // the e-mail address of who made it
	CreatedAt      time.Time
	ExpiresAt      time.Time
	RevokedAt      time.Time // zero while it holds
	LastUsedAt     time.Time // zero when never used
}

// APITokenPrefix starts every API token, so that secret scanners can
// recognise one that leaked into a repository or a log.
const APITokenPrefix = "koers_"

// The bounds of a token's life: at most MaxAPITokenLife; the back office
// proposes DefaultAPITokenLife.
const (
	MaxAPITokenLife     = 366 * 24 * time.Hour
	DefaultAPITokenLife = 90 * 24 * time.Hour
	// APITokenTouch is how stale LastUsedAt may be before a call renews
	// it, so that not every call writes.
	APITokenTouch = time.Minute
)

// APITokenRoles are the roles a token may hold: the write API writes
// drafts (redacteur) and publishes them (publicist); reviewing stays with
// people, and so does managing the organisation.
var APITokenRoles = []Role{Redacteur, Publicist}

// Validate checks a new token at now: a name on one line, a role tokens
// may hold, an expiry in the future and within MaxAPITokenLife.
func (t *APIToken) Validate(now time.Time) error {
	var ps Problems
	at := func(field, msg string) { ps = append(ps, Problem{Path: []any{field}, Message: msg}) }
	if t.Name == "" {
		at("name", "Geef de sleutel een naam, zoals het systeem dat hem gebruikt.")
	} else if strings.TrimSpace(t.Name) != t.Name || !utf8.ValidString(t.Name) || strings.ContainsAny(t.Name, "\x00\r\n") || utf8.RuneCountInString(t.Name) > MaxNameLength {
		at("name", "Geef de sleutel een naam van hoogstens 200 tekens, op één regel.")
	}
	if !slices.Contains(APITokenRoles, t.Role) {
		at("role", "Kies de rol van de sleutel: redacteur of publicist.")
	}
	switch {
	case !t.ExpiresAt.After(now):
		at("expires", "Kies een vervaldatum in de toekomst.")
	case t.ExpiresAt.Sub(now) > MaxAPITokenLife:
		at("expires", "Een sleutel geldt hoogstens een jaar; kies een eerdere vervaldatum.")
	}
	if t.OrganisationID == 0 {
		at("organisation", "Een sleutel hoort bij een organisatie.")
	}
	if len(ps) > 0 {
		return ps.Err("api_token")
	}
	return nil
}

// Live reports whether the token may be used at now: not revoked, not
// expired.
func (t *APIToken) Live(now time.Time) bool { return t.RevokedAt.IsZero() && now.Before(t.ExpiresAt) }

// Status is the token's state in Dutch, for the back office's list.
func (t *APIToken) Status(now time.Time) string {
	switch {
	case !t.RevokedAt.IsZero():
		return "Ingetrokken"
	case !now.Before(t.ExpiresAt):
		return "Verlopen"
	}
	return "Geldig"
}

// Actor is the user a token acts as, for WithActor and Can: its role in
// its organisation and nothing else. Its ID is 0, as no account stands
// behind it (the audit log's user is empty, drafts' editors do not count
// it for four eyes); the audit log names it by its Email, "API-sleutel:"
// and its name.
func (t *APIToken) Actor() *User {
	return &User{Email: APITokenActor(t.Name), Name: t.Name, Grants: []Grant{{OrganisationID: t.OrganisationID, Role: t.Role}}}
}

// APITokenActor is how the audit log names what a token did.
func APITokenActor(name string) string { return "API-sleutel: " + name }

// APITokens keeps the organisations' API tokens. Creating and revoking are
// recorded in the audit log with the actor of the context.
type APITokens interface {
	// CreateAPIToken stores a new token with the hash of its secret and
	// sets its ID, CreatedAt and CreatedBy (the actor). EINVALID when it
	// breaks Validate, ECONFLICT when the organisation has a token of
	// that name.
	CreateAPIToken(ctx context.Context, t *APIToken, hash string) error
	// APITokens lists an organisation's tokens, newest first, the revoked
	// and expired ones too.
	APITokens(ctx context.Context, orgID int64) ([]APIToken, error)
	// APITokenByHash returns the live token with the hash: EUNAUTHORIZED
	// for an unknown, expired or revoked one, all with one message, so
	// that a caller learns nothing of tokens it does not hold.
	APITokenByHash(ctx context.Context, hash string) (*APIToken, error)
	// RevokeAPIToken ends a token of the organisation at once; ENOTFOUND
	// for none, and nothing happens to one revoked already.
	RevokeAPIToken(ctx context.Context, orgID, id int64) error
	// TouchAPIToken records that a token was used at the time given: one
	// statement, not audited (the calls are).
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
}
