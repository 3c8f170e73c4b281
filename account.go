package koers

import (
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The people who write an organisation's documents sign in to the back
// office (/beheer). What each may do there is decided by Can, from the
// roles they hold per organisation, and by nothing else.

// Role is what a person does for one organisation.
type Role string

// The roles, in the order of the work: writing, reviewing, publishing,
// and managing the organisation's people and settings.
const (
	Redacteur   Role = "redacteur"   // edits drafts
	Beoordelaar Role = "beoordelaar" // reviews drafts
	Publicist   Role = "publicist"   // publishes and withdraws documents
	Beheerder   Role = "beheerder"   // users, organisation settings, theme, audit log
	// Registerbeheerder keeps the social-domain register: imports its
	// files, computes the indicators, sees the ceilings and the rules. The
	// register holds data about people: no other role reaches it.
	Registerbeheerder Role = "register"
)

// Roles lists every role in the order of the work.
var Roles = []Role{Redacteur, Beoordelaar, Publicist, Beheerder, Registerbeheerder}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Label is the role's Dutch name as the back office shows it.
func (r Role) Label() string {
	switch r {
	case Redacteur:
		return "Redacteur"
	case Beoordelaar:
		return "Beoordelaar"
	case Publicist:
		return "Publicist"
	case Beheerder:
		return "Beheerder"
	case Registerbeheerder:
		return "Registerbeheerder"
	}
	return string(r)
}

// Grant is one role of a person in one organisation.
type Grant struct {
	OrganisationID int64
	Role           Role
}

// User is a person who signs in to the back office. The password's hash
// is not part of it: only the sign-in reads it (Accounts.Credentials).
type User struct {
	ID        int64
	Email     string // normalised: trimmed, lower case; unique
	Name      string
	Disabled  bool // may not sign in; their sessions are ended
	Grants    []Grant
	CreatedAt time.Time
}

// Has reports whether u holds role in the organisation.
func (u *User) Has(orgID int64, role Role) bool {
	if u == nil {
		return false
	}
	return slices.Contains(u.Grants, Grant{OrganisationID: orgID, Role: role})
}

// OrganisationIDs lists the organisations u holds any role in, each once,
// in the order of the grants.
func (u *User) OrganisationIDs() []int64 {
	var ids []int64
	for _, g := range u.Grants {
		if !slices.Contains(ids, g.OrganisationID) {
			ids = append(ids, g.OrganisationID)
		}
	}
	return ids
}

// RolesIn lists u's roles in an organisation, in the order of Roles.
func (u *User) RolesIn(orgID int64) []Role {
	var out []Role
	for _, r := range Roles {
		if u.Has(orgID, r) {
			out = append(out, r)
		}
	}
	return out
}

// Action is something done in the back office of one organisation.
type Action string

// The actions Can decides on.
const (
	// SeeBackOffice: the organisation's documents, drafts and previews.
	SeeBackOffice Action = "see"
	// EditDrafts: change drafts, start documents (also from a kept version), upload bundles.
	EditDrafts Action = "edit"
	// ReviewDrafts: review a draft before it is published.
	ReviewDrafts Action = "review"
	// PublishDocuments: publish a draft, withdraw documents.
	PublishDocuments Action = "publish"
	// ManageUsers: add people, give and take roles, disable accounts.
	ManageUsers Action = "users"
	// ManageOrganisation: the organisation's settings and theme.
	ManageOrganisation Action = "organisation"
	// ReadAuditLog: the organisation's audit log and its download.
	ReadAuditLog Action = "audit"
	// ManageAPITokens: make and revoke the organisation's tokens for the
	// write API.
	ManageAPITokens Action = "api_tokens"
	// ManageRegister: the social-domain register: import its files,
	// compute the indicators, see the budget ceilings and the rules.
	ManageRegister Action = "register"
)

// Actions lists every action.
var Actions = []Action{SeeBackOffice, EditDrafts, ReviewDrafts, PublishDocuments, ManageUsers, ManageOrganisation, ReadAuditLog, ManageAPITokens, ManageRegister}

// permissions says which roles may do each action. Every role sees its
// organisation's back office; the rest is one role's work each, so that a
// person who should do two things holds two roles.
var permissions = map[Action][]Role{
	SeeBackOffice:      Roles,
	EditDrafts:         {Redacteur},
	ReviewDrafts:       {Beoordelaar},
	PublishDocuments:   {Publicist},
	ManageUsers:        {Beheerder},
	ManageOrganisation: {Beheerder},
	ReadAuditLog:       {Beheerder},
	ManageAPITokens:    {Beheerder},
	ManageRegister:     {Registerbeheerder},
}

// Can decides whether u may do action in the organisation: the one policy
// of the back office. Nobody signed in (nil), a disabled account and an
// unknown action may do nothing.
func Can(u *User, action Action, orgID int64) bool {
	if u == nil || u.Disabled || orgID == 0 {
		return false
	}
	for _, r := range permissions[action] {
		if u.Has(orgID, r) {
			return true
		}
	}
	return false
}

// CanManageAccount decides whether actor may change what person's account
// is in every organisation: its password, and whether it is blocked. Only
// a beheerder of every organisation the person works for may; otherwise a
// beheerder could sign in as someone with more rights elsewhere, or let
// back in someone another organisation blocked. (Their name and their
// roles in one organisation are Can(actor, ManageUsers, that
// organisation)'s.)
func CanManageAccount(actor, person *User) bool {
	if actor == nil || person == nil {
		return false
	}
	for _, id := range person.OrganisationIDs() {
		if !Can(actor, ManageUsers, id) {
			return false
		}
	}
	return true
}

// RolesFor lists the roles that may do action, in the order of Roles.
func RolesFor(action Action) []Role {
	var out []Role
	for _, r := range Roles {
		if slices.Contains(permissions[action], r) {
			out = append(out, r)
		}
	}
	return out
}

// NormalizeEmail is the form in which an address is stored and looked up.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// MaxNameLength bounds a user's name and e-mail address, in characters.
const MaxNameLength = 200

// Validate checks a user before it is stored: an e-mail address, a name
// within bounds, known roles in organisations, each grant once.
func (u *User) Validate() error {
	var ps Problems
	at := func(field, msg string) { ps = append(ps, Problem{Path: []any{field}, Message: msg}) }
	switch email := u.Email; {
	case email == "":
		at("email", "Vul een e-mailadres in.")
	case email != NormalizeEmail(email) || utf8.RuneCountInString(email) > MaxNameLength || !validAddress(email):
		at("email", "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")
	}
	if !utf8.ValidString(u.Name) || strings.ContainsAny(u.Name, "\x00\r\n") || utf8.RuneCountInString(u.Name) > MaxNameLength {
		at("name", "Vul een naam in van hoogstens 200 tekens, op één regel.")
	}
	seen := map[Grant]bool{}
	for _, g := range u.Grants {
		switch {
		case !g.Role.Valid():
			at("roles", "Kies een rol: redacteur, beoordelaar, publicist, beheerder of register.")
		case g.OrganisationID == 0:
			at("roles", "Een rol hoort bij een organisatie.")
		case seen[g]:
			at("roles", "Deze rol staat er twee keer.")
		}
		seen[g] = true
	}
	if len(ps) > 0 {
		return ps.Err("user")
	}
	return nil
}

// validAddress reports whether s is one plain address (no display name).
func validAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

// The password policy. The hashing and the strength check are the auth
// package's; the domain says what is enough.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 256 // bytes: hashing costs grow with it
)

// Session is a signed-in browser. The store keeps only a hash of its ID,
// which lives in the browser's cookie.
type Session struct {
	IDHash    string
	UserID    int64
	CreatedAt time.Time
	SeenAt    time.Time
	Address   string // the client's address at sign-in, for the audit log
}

// The session time-outs: an idle session ends after SessionIdle, any
// session after SessionLifetime.
const (
	SessionIdle     = 30 * time.Minute
	SessionLifetime = 12 * time.Hour
	// SessionTouch is how stale SeenAt may be before a request renews it,
	// so that not every request writes.
	SessionTouch = time.Minute
)

// Live reports whether the session still holds at now.
func (s *Session) Live(now time.Time) bool {
	return now.Sub(s.SeenAt) < SessionIdle && now.Sub(s.CreatedAt) < SessionLifetime
}

// Attempt counts the failed sign-ins of one key: an account ("account:"
// and the e-mail address) or a client ("address:" and its address).
type Attempt struct {
	Key      string
	Failures int
	LastAt   time.Time
}

// Sign-in throttling: after FreeFailures failed sign-ins a key waits,
// doubling from FailureDelay up to MaxFailureDelay; failures older than
// FailureMemory are forgotten.
const (
	FreeFailures    = 5
	FailureDelay    = 2 * time.Second
	MaxFailureDelay = 15 * time.Minute
	FailureMemory   = time.Hour
)

// AttemptKey names the account or the client that sign-ins are counted for.
func AttemptKey(kind, value string) string { return kind + ":" + value }

// LockedUntil says until when a key may not try again: the zero time when
// it may now.
func (a Attempt) LockedUntil(now time.Time) time.Time {
	if a.Failures < FreeFailures || now.Sub(a.LastAt) >= FailureMemory {
		return time.Time{}
	}
	delay := FailureDelay
	for i := FreeFailures; i < a.Failures && delay < MaxFailureDelay; i++ {
		delay *= 2
	}
	delay = min(delay, MaxFailureDelay)
	until := a.LastAt.Add(delay)
	if !until.After(now) {
		return time.Time{}
	}
	return until
}
