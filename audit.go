package koers

import (
	"context"
	"time"
)

// AuditAction is what an entry of the audit log records.
type AuditAction string

// The actions the audit log records.
const (
	AuditSignIn         AuditAction = "sign_in"
	AuditSignInFailed   AuditAction = "sign_in_failed"
	AuditSignOut        AuditAction = "sign_out"
	AuditPasswordChange AuditAction = "password_change"
	AuditUserCreate     AuditAction = "user_create"
	AuditUserChange     AuditAction = "user_change" // name, roles, disabled
	AuditDraftStart     AuditAction = "draft_start"
	AuditDraftChange    AuditAction = "draft_change"
	AuditDraftDiscard   AuditAction = "draft_discard"
	AuditUpload         AuditAction = "upload"
	AuditPublish        AuditAction = "publish"
	AuditWithdraw       AuditAction = "withdraw"
	AuditRestore        AuditAction = "restore"
	AuditOrganisation   AuditAction = "organisation_change"
	AuditSubmit         AuditAction = "review_submit"
	AuditReturn         AuditAction = "review_return"
	AuditApprove        AuditAction = "review_approve"
	AuditReopen         AuditAction = "review_reopen"
	AuditComment        AuditAction = "review_comment"
	AuditResolve        AuditAction = "review_resolve"
	AuditSchedule       AuditAction = "publish_schedule"
	AuditScheduleFailed AuditAction = "publish_schedule_failed"
	AuditAPITokenCreate AuditAction = "api_token_create"
	AuditAPITokenRevoke AuditAction = "api_token_revoke"
	// AuditAPIRefused records a call of the write API that a token made
	// and that was refused (its role, the draft's state, a bad body):
	// what succeeded is recorded by the write it did.
	AuditAPIRefused AuditAction = "api_refused"
	// The social-domain register: an import of files (a write), a
	// computation of indicators (writes computed values), and a look at
	// what is counted from client-level data (the overview, the
	// ceilings), even though only aggregates are shown.
	AuditRegisterImport  AuditAction = "register_import"
	AuditRegisterCompute AuditAction = "register_compute"
	AuditRegisterRead    AuditAction = "register_read"
	// AuditRegisterForget records a deletion of client data whose
	// retention period passed.
	AuditRegisterForget AuditAction = "register_forget"
)

// AuditActions lists every action, for filters.
var AuditActions = []AuditAction{AuditSignIn, AuditSignInFailed, AuditSignOut, AuditPasswordChange,
	AuditUserCreate, AuditUserChange, AuditDraftStart, AuditDraftChange, AuditDraftDiscard, AuditUpload,
	AuditPublish, AuditWithdraw, AuditRestore, AuditOrganisation, AuditSubmit, AuditReturn, AuditApprove,
	AuditReopen, AuditComment, AuditResolve, AuditSchedule, AuditScheduleFailed,
	AuditAPITokenCreate, AuditAPITokenRevoke, AuditAPIRefused,
	AuditRegisterImport, AuditRegisterCompute, AuditRegisterRead, AuditRegisterForget}

// Label is the action's Dutch name in the audit log.
func (a AuditAction) Label() string {
	switch a {
	case AuditSignIn:
		return "Aangemeld"
	case AuditSignInFailed:
		return "Aanmelden mislukt"
	case AuditSignOut:
		return "Afgemeld"
	case AuditPasswordChange:
		return "Wachtwoord gewijzigd"
	case AuditUserCreate:
		return "Gebruiker toegevoegd"
	case AuditUserChange:
		return "Gebruiker gewijzigd"
	case AuditDraftStart:
		return "Concept begonnen"
	case AuditDraftChange:
		return "Concept gewijzigd"
	case AuditDraftDiscard:
		return "Concept verwijderd"
	case AuditUpload:
		return "Bundel geüpload"
	case AuditPublish:
		return "Gepubliceerd"
	case AuditWithdraw:
		return "Teruggetrokken"
	case AuditRestore:
		return "Versie hersteld als concept"
	case AuditOrganisation:
		return "Organisatie gewijzigd"
	case AuditSubmit:
		return "Ter beoordeling aangeboden"
	case AuditReturn:
		return "Teruggestuurd"
	case AuditApprove:
		return "Goedgekeurd"
	case AuditReopen:
		return "Heropend"
	case AuditComment:
		return "Opmerking geplaatst"
	case AuditResolve:
		return "Opmerking afgehandeld"
	case AuditSchedule:
		return "Publicatie gepland"
	case AuditScheduleFailed:
		return "Geplande publicatie mislukt"
	case AuditAPITokenCreate:
		return "API-sleutel gemaakt"
	case AuditAPITokenRevoke:
		return "API-sleutel ingetrokken"
	case AuditAPIRefused:
		return "API-aanroep geweigerd"
	case AuditRegisterImport:
		return "Register: bestanden ingelezen"
	case AuditRegisterCompute:
		return "Register: indicatoren berekend"
	case AuditRegisterRead:
		return "Register: gegevens bekeken"
	case AuditRegisterForget:
		return "Register: verlopen gegevens verwijderd"
	}
	return string(a)
}

// AuditEntry is one line of the audit log. The log is append-only: the
// store writes an entry with every write it records and offers no way to
// change or delete one.
type AuditEntry struct {
	ID             int64
	At             time.Time
	OrganisationID int64  // 0 for what concerns no one organisation (sign-in)
	UserID         int64  // who did it; 0 for the command line or nobody signed in
	Actor          string // their e-mail address as it was then ("" for the command line)
	Action         AuditAction
	Document       string // the document's slug
	Page           string // the page's path
	Block          string
	Before         string // short: the start of what was there
	After          string
	Address        string // the client's address, for sign-ins
}

// MaxAuditText bounds Before and After, in characters: the log says what
// changed, it is not a copy of the document.
const MaxAuditText = 200

// AuditFilter selects entries of the log.
type AuditFilter struct {
	// OrganisationID selects the entries of one organisation: what was
	// done in it, and the sign-ins, sign-outs and failed sign-ins of its
	// people while they held a role in it.
	OrganisationID int64
	UserID         int64
	Action         AuditAction
	Document       string
	From, Until    time.Time // From inclusive, Until exclusive; zero: open
	Before         int64     // entries with a lower ID (the next page); 0: from the newest
	Limit          int       // 1 to MaxAuditPage; 0: MaxAuditPage
}

// MaxAuditPage bounds one page of the audit log.
const MaxAuditPage = 500

// Audit reads and appends to the audit log.
type Audit interface {
	// AuditLog returns the entries that match, newest first, at most
	// filter.Limit.
	AuditLog(ctx context.Context, filter AuditFilter) ([]AuditEntry, error)
	// RecordAudit appends an entry for what no other write records (a
	// failed sign-in records itself with RecordAttempt), with the actor
	// from ctx.
	RecordAudit(ctx context.Context, e AuditEntry) error
}

// Accounts keeps users, their sessions and the counts of failed sign-ins.
// Writes that change a user record themselves in the audit log.
type Accounts interface {
	// CreateUser stores a new user with a password hash; ECONFLICT when
	// the e-mail address is taken.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
	// User returns a user with their grants; ENOTFOUND when there is none.
	User(ctx context.Context, id int64) (*User, error)
	// UserByEmail returns the user with that (normalised) address and
	// their password hash, for signing in; ENOTFOUND when there is none.
	UserByEmail(ctx context.Context, email string) (*User, string, error)
	// Users lists the users who hold a role in the organisation, or every
	// user for 0, by e-mail address.
	Users(ctx context.Context, orgID int64) ([]*User, error)
	// UpdateUser stores a user's name, disabled flag and grants; disabling
	// ends their sessions.
	UpdateUser(ctx context.Context, u *User) error
	// SetPassword replaces a user's password hash and ends their sessions
	// but keep (the one that changed it; "" for none).
	SetPassword(ctx context.Context, userID int64, passwordHash, keep string) error

	// CreateSession stores a new session and records the sign-in.
	CreateSession(ctx context.Context, s *Session) error
	// Session returns a session by the hash of its ID with its user;
	// ENOTFOUND when there is none (expired sessions are the caller's to
	// judge, Session.Live).
	Session(ctx context.Context, idHash string) (*Session, *User, error)
	// TouchSession records that a session was used at seen.
	TouchSession(ctx context.Context, idHash string, seen time.Time) error
	// EndSession deletes a session and records the sign-out.
	EndSession(ctx context.Context, idHash string) error

	// Attempts returns the failed sign-ins counted for keys (AttemptKey);
	// a key without failures is absent.
	Attempts(ctx context.Context, keys ...string) ([]Attempt, error)
	// RecordFailure counts a failed sign-in against keys and records it in
	// the audit log with the address tried.
	RecordFailure(ctx context.Context, email, address string, keys ...string) error
	// ClearFailures forgets the failures of keys after a sign-in that
	// succeeded.
	ClearFailures(ctx context.Context, keys ...string) error
}
