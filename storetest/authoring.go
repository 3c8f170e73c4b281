package storetest

import (
	"context"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// The back office's storage: users, sessions, failed sign-ins, drafts,
// publication, versions and the audit log.

// wantCode fails the test unless err is a koers error with code and, when
// msg is not "", that message.
func wantCode(t *testing.T, what string, err error, code, msg string) {
	t.Helper()
	if koers.ErrorCode(err) != code {
		t.Fatalf("%s: got %v (code %s), want code %s", what, err, koers.ErrorCode(err), code)
	}
	if msg != "" && koers.ErrorMessage(err) != msg {
		t.Fatalf("%s: message %q, want %q", what, koers.ErrorMessage(err), msg)
	}
}

// mustUser creates a user and fails the test on error.
func mustUser(t *testing.T, s koers.Store, ctx context.Context, email string, grants ...koers.Grant) *koers.User {
	t.Helper()
	u := &koers.User{Email: email, Name: "Naam " + email, Grants: grants}
	if err := s.CreateUser(ctx, u, "hash-"+email); err != nil {
		t.Fatalf("CreateUser %s: %v", email, err)
	}
	return u
}

// auditActions lists the actions of the log's entries that match f,
// newest first.
func auditActions(t *testing.T, s koers.Store, f koers.AuditFilter) []koers.AuditAction {
	t.Helper()
	log, err := s.AuditLog(ctx(), f)
	if err != nil {
		t.Fatal(err)
	}
	var out []koers.AuditAction
	for _, e := range log {
		out = append(out, e.Action)
	}
	return out
}

// lastAudit is the newest entry of the log.
func lastAudit(t *testing.T, s koers.Store) koers.AuditEntry {
	t.Helper()
	log, err := s.AuditLog(ctx(), koers.AuditFilter{Limit: 1})
	if err != nil || len(log) != 1 {
		t.Fatalf("AuditLog: %v, %d entries", err, len(log))
	}
	return log[0]
}

// pinAudit compares an entry with want, its ID and time aside, which
// must be set.
func pinAudit(t *testing.T, got, want koers.AuditEntry) {
	t.Helper()
	if got.ID == 0 || got.At.IsZero() {
		t.Errorf("audit entry without ID or time: %+v", got)
	}
	got.ID, got.At = 0, time.Time{}
	if got != want {
		t.Errorf("audit entry\n got %+v\nwant %+v", got, want)
	}
}

func testUsers(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Bare(koers.Begroting, 2022, 0))
	admin := mustUser(t, s, ctx(), "beheer@leiderdorp.nl", koers.Grant{OrganisationID: org.ID, Role: koers.Beheerder})
	as := koers.WithActor(ctx(), admin)

	u := &koers.User{Email: "redactie@leiderdorp.nl", Name: "Rita Redacteur", Grants: []koers.Grant{
		{OrganisationID: org.ID, Role: koers.Publicist}, {OrganisationID: org.ID, Role: koers.Redacteur}}}
	if err := s.CreateUser(as, u, "hash-1"); err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 || u.CreatedAt.IsZero() {
		t.Fatalf("CreateUser set ID %d, CreatedAt %v", u.ID, u.CreatedAt)
	}
	// Each organisation's log tells of the roles in it, and no others.
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: admin.ID, Actor: admin.Email, Action: koers.AuditUserCreate,
		After: "Rita Redacteur <redactie@leiderdorp.nl>; redacteur; publicist"})

	// Refused: a taken address, a user that breaks the rules. Neither
	// writes anything.
	dup := &koers.User{Email: "redactie@leiderdorp.nl", Name: "Ander"}
	wantCode(t, "duplicate", s.CreateUser(as, dup, "h"), koers.ECONFLICT, "Er is al een gebruiker met dit e-mailadres.")
	bad := &koers.User{Email: "Geen adres", Name: "X"}
	wantCode(t, "invalid", s.CreateUser(as, bad, "h"), koers.EINVALID, koers.ErrorMessage(bad.Validate()))
	all, err := s.Users(ctx(), 0)
	if err != nil || len(all) != 2 {
		t.Fatalf("Users(0): %v, %d users, want 2", err, len(all))
	}

	// Read back: grants in role order, the hash for signing in only.
	got, err := s.User(ctx(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := &koers.User{ID: u.ID, Email: u.Email, Name: u.Name, CreatedAt: u.CreatedAt, Grants: []koers.Grant{
		{OrganisationID: org.ID, Role: koers.Redacteur}, {OrganisationID: org.ID, Role: koers.Publicist}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("User:\n got %+v\nwant %+v", got, want)
	}
	byMail, hash, err := s.UserByEmail(ctx(), " Redactie@Leiderdorp.nl ")
	if err != nil || hash != "hash-1" || !reflect.DeepEqual(byMail, want) {
		t.Errorf("UserByEmail: %+v %q %v", byMail, hash, err)
	}
	_, _, err = s.UserByEmail(ctx(), "niemand@leiderdorp.nl")
	wantCode(t, "UserByEmail unknown", err, koers.ENOTFOUND, "")
	_, err = s.User(ctx(), 9999)
	wantCode(t, "User unknown", err, koers.ENOTFOUND, "")

	// Users of an organisation: by e-mail address; another organisation's
	// users are not among them.
	other := &koers.Organisation{Slug: "zoeterwoude", Name: "Gemeente Zoeterwoude"}
	MustPut(t, s, other, Bare(koers.Begroting, 2022, 0))
	mustUser(t, s, as, "elders@zoeterwoude.nl", koers.Grant{OrganisationID: other.ID, Role: koers.Redacteur})
	list, err := s.Users(ctx(), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	for _, x := range list {
		emails = append(emails, x.Email)
	}
	if strings.Join(emails, " ") != "beheer@leiderdorp.nl redactie@leiderdorp.nl" {
		t.Errorf("Users(org): %v", emails)
	}

	// Sessions to see them end.
	for _, h := range []string{"s1", "s2", "s3"} {
		if err := s.CreateSession(ctx(), &koers.Session{IDHash: h, UserID: u.ID, Address: "192.0.2.1"}); err != nil {
			t.Fatal(err)
		}
	}

	// SetPassword ends every session but the one kept.
	if err := s.SetPassword(as, u.ID, "hash-2", "s2"); err != nil {
		t.Fatal(err)
	}
	if _, h, _ := s.UserByEmail(ctx(), u.Email); h != "hash-2" {
		t.Errorf("password hash %q after SetPassword", h)
	}
	for h, live := range map[string]bool{"s1": false, "s2": true, "s3": false} {
		_, _, err := s.Session(ctx(), h)
		if (err == nil) != live {
			t.Errorf("session %s after SetPassword: %v, want live %v", h, err, live)
		}
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: admin.ID, Actor: admin.Email, Action: koers.AuditPasswordChange,
		After: "Rita Redacteur <redactie@leiderdorp.nl>; redacteur; publicist"})
	wantCode(t, "SetPassword unknown", s.SetPassword(as, 9999, "h", ""), koers.ENOTFOUND, "")

	// UpdateUser replaces the grants; disabling ends the sessions.
	u.Name, u.Disabled = "Rita R.", true
	u.Grants = []koers.Grant{{OrganisationID: other.ID, Role: koers.Beoordelaar}}
	if err := s.UpdateUser(as, u); err != nil {
		t.Fatal(err)
	}
	got, err = s.User(ctx(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	want = &koers.User{ID: u.ID, Email: u.Email, Name: "Rita R.", Disabled: true, CreatedAt: u.CreatedAt, Grants: u.Grants}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after UpdateUser:\n got %+v\nwant %+v", got, want)
	}
	_, _, err = s.Session(ctx(), "s2")
	wantCode(t, "session of a disabled user", err, koers.ENOTFOUND, "")
	// The change is in the logs of both organisations it concerns.
	changes, err := s.AuditLog(ctx(), koers.AuditFilter{Action: koers.AuditUserChange, Limit: 2})
	if err != nil || len(changes) != 2 {
		t.Fatalf("user change entries: %v, %v", changes, err)
	}
	pinAudit(t, changes[0], koers.AuditEntry{OrganisationID: other.ID, UserID: admin.ID, Actor: admin.Email, Action: koers.AuditUserChange,
		Before: "Rita Redacteur <redactie@leiderdorp.nl>; geen rol", After: "Rita R. <redactie@leiderdorp.nl>; beoordelaar; geblokkeerd"})
	pinAudit(t, changes[1], koers.AuditEntry{OrganisationID: org.ID, UserID: admin.ID, Actor: admin.Email, Action: koers.AuditUserChange,
		Before: "Rita Redacteur <redactie@leiderdorp.nl>; redacteur; publicist", After: "Rita R. <redactie@leiderdorp.nl>; geen rol; geblokkeerd"})
	invalid := *u
	invalid.Grants = []koers.Grant{{OrganisationID: org.ID, Role: "baas"}}
	wantCode(t, "UpdateUser invalid", s.UpdateUser(as, &invalid), koers.EINVALID, "")
	missing := &koers.User{ID: 9999, Email: "x@y.nl"}
	wantCode(t, "UpdateUser unknown", s.UpdateUser(as, missing), koers.ENOTFOUND, "")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func testSessions(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Bare(koers.Begroting, 2022, 0))
	u := mustUser(t, s, ctx(), "redactie@leiderdorp.nl", koers.Grant{OrganisationID: org.ID, Role: koers.Redacteur})

	created := time.Date(2026, 3, 1, 9, 0, 0, 123456789, time.UTC)
	sess := &koers.Session{IDHash: "abc", UserID: u.ID, CreatedAt: created, SeenAt: created, Address: "192.0.2.7"}
	if err := s.CreateSession(ctx(), sess); err != nil {
		t.Fatal(err)
	}
	// The sign-in is the session's user's, though nobody was signed in,
	// in the log of the organisation they work for.
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: u.ID, Actor: u.Email, Action: koers.AuditSignIn, Address: "192.0.2.7"})
	wantCode(t, "same session twice", s.CreateSession(ctx(), &koers.Session{IDHash: "abc", UserID: u.ID}), koers.ECONFLICT, "")
	wantCode(t, "session of nobody", s.CreateSession(ctx(), &koers.Session{IDHash: "def", UserID: 9999}), koers.ENOTFOUND, "")

	got, user, err := s.Session(ctx(), "abc")
	if err != nil {
		t.Fatal(err)
	}
	micro := created.Truncate(time.Microsecond)
	want := &koers.Session{IDHash: "abc", UserID: u.ID, CreatedAt: micro, SeenAt: micro, Address: "192.0.2.7"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Session:\n got %+v\nwant %+v", got, want)
	}
	if user.ID != u.ID || !reflect.DeepEqual(user.Grants, u.Grants) {
		t.Errorf("Session's user: %+v", user)
	}

	seen := created.Add(10 * time.Minute)
	if err := s.TouchSession(ctx(), "abc", seen); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Session(ctx(), "abc"); !got.SeenAt.Equal(seen.Truncate(time.Microsecond)) || !got.CreatedAt.Equal(micro) {
		t.Errorf("after TouchSession: %+v", got)
	}
	wantCode(t, "TouchSession unknown", s.TouchSession(ctx(), "nope", seen), koers.ENOTFOUND, "")

	if err := s.EndSession(ctx(), "abc"); err != nil {
		t.Fatal(err)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: u.ID, Actor: u.Email, Action: koers.AuditSignOut})
	_, _, err = s.Session(ctx(), "abc")
	wantCode(t, "ended session", err, koers.ENOTFOUND, "")
	// Ending it again ends nothing and records nothing.
	if err := s.EndSession(ctx(), "abc"); err != nil {
		t.Fatal(err)
	}
	if got := auditActions(t, s, koers.AuditFilter{}); !reflect.DeepEqual(got, []koers.AuditAction{koers.AuditSignOut, koers.AuditSignIn, koers.AuditUserCreate}) {
		t.Errorf("audit log: %v", got)
	}
}

func testFailures(t *testing.T, s koers.Store) {
	account, client := koers.AttemptKey("account", "a@b.nl"), koers.AttemptKey("address", "192.0.2.9")
	other := koers.AttemptKey("address", "192.0.2.10")
	for range 3 {
		if err := s.RecordFailure(ctx(), "A@b.nl", "192.0.2.9", account, client); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordFailure(ctx(), "c@d.nl", "192.0.2.10", other); err != nil {
		t.Fatal(err)
	}
	got, err := s.Attempts(ctx(), account, client, "account:niemand")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Key != account || got[0].Failures != 3 || got[1].Key != client || got[1].Failures != 3 || got[0].LastAt.IsZero() {
		t.Fatalf("Attempts: %+v", got)
	}
	log, err := s.AuditLog(ctx(), koers.AuditFilter{Action: koers.AuditSignInFailed})
	if err != nil || len(log) != 4 {
		t.Fatalf("failed sign-ins in the log: %v, %d", err, len(log))
	}
	pinAudit(t, log[1], koers.AuditEntry{Actor: "a@b.nl", Action: koers.AuditSignInFailed, Address: "192.0.2.9"})

	if err := s.ClearFailures(ctx(), account, client); err != nil {
		t.Fatal(err)
	}
	got, err = s.Attempts(ctx(), account, client, other)
	if err != nil || len(got) != 1 || got[0].Key != other || got[0].Failures != 1 {
		t.Fatalf("after ClearFailures: %+v %v", got, err)
	}
	// Counting starts again after a clear.
	if err := s.RecordFailure(ctx(), "a@b.nl", "192.0.2.9", account); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Attempts(ctx(), account); len(got) != 1 || got[0].Failures != 1 {
		t.Errorf("after a new failure: %+v", got)
	}
	if got, err := s.Attempts(ctx()); err != nil || len(got) != 0 {
		t.Errorf("Attempts of no keys: %+v %v", got, err)
	}
}

// FailureMemory checks that a failure after koers.FailureMemory counts
// from one again. age sets a key's last failure back to at: the engine's
// tests pass it, as the contract has no clock to turn.
func FailureMemory(t *testing.T, s koers.Store, age func(key string, at time.Time) error) {
	key := koers.AttemptKey("account", "a@b.nl")
	for range 4 {
		if err := s.RecordFailure(ctx(), "a@b.nl", "", key); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		ago  time.Duration
		want int
	}{
		{koers.FailureMemory - time.Minute, 5},
		{koers.FailureMemory + time.Minute, 1},
	} {
		if err := age(key, time.Now().Add(-tt.ago)); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordFailure(ctx(), "a@b.nl", "", key); err != nil {
			t.Fatal(err)
		}
		got, err := s.Attempts(ctx(), key)
		if err != nil || len(got) != 1 || got[0].Failures != tt.want {
			t.Errorf("failure %v after the last: %+v %v, want %d failures", tt.ago, got, err, tt.want)
		}
	}
}

// authoring sets up an organisation with a published begroting and a
// redacteur and publicist acting in it.
type authoring struct {
	org       *koers.Organisation
	doc       *koers.Document
	redacteur *koers.User
	ctx       context.Context // as the redacteur
	// reviewer is a beoordelaar who edits nothing: what they approve was
	// always someone else's.
	reviewer *koers.User
}

// approve takes the draft through its review: the redacteur submits it,
// the beoordelaar approves it.
func (a *authoring) approve(t *testing.T, s koers.Store, id int64) {
	t.Helper()
	if _, err := s.StepDraft(a.ctx, id, koers.Submit, nil); err != nil {
		t.Fatalf("submit draft %d: %v", id, err)
	}
	if _, err := s.StepDraft(koers.WithActor(ctx(), a.reviewer), id, koers.Approve, nil); err != nil {
		t.Fatalf("approve draft %d: %v", id, err)
	}
}

// publish approves the draft and publishes it as the redacteur, who is
// a publicist too.
func (a *authoring) publish(t *testing.T, s koers.Store, id int64) (*koers.Document, error) {
	t.Helper()
	a.approve(t, s, id)
	return s.Publish(a.ctx, id, "")
}

func newAuthoring(t *testing.T, s koers.Store) *authoring {
	a := &authoring{org: Leiderdorp(), doc: Begroting2022()}
	MustPut(t, s, a.org, a.doc)
	a.redacteur = mustUser(t, s, ctx(), "redactie@leiderdorp.nl",
		koers.Grant{OrganisationID: a.org.ID, Role: koers.Redacteur}, koers.Grant{OrganisationID: a.org.ID, Role: koers.Publicist})
	a.ctx = koers.WithActor(ctx(), a.redacteur)
	a.reviewer = mustUser(t, s, ctx(), "beoordeling@leiderdorp.nl", koers.Grant{OrganisationID: a.org.ID, Role: koers.Beoordelaar})
	return a
}

// startFromPublished starts a draft of the published document.
func (a *authoring) startFromPublished(t *testing.T, s koers.Store) *koers.Draft {
	t.Helper()
	pub, err := s.Document(ctx(), a.doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	d := koers.NewDraft(a.org.ID, pub, true)
	if err := s.StartDraft(a.ctx, d, koers.DraftChange{}); err != nil {
		t.Fatalf("StartDraft: %v", err)
	}
	return d
}

func testStartDraft(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	rev := mustRevision(t, s)

	// A new document.
	doc := Bare(koers.Jaarstukken, 2022, 0)
	d := koers.NewDraft(a.org.ID, doc, false)
	if err := s.StartDraft(a.ctx, d, koers.DraftChange{After: "nieuw"}); err != nil {
		t.Fatal(err)
	}
	if d.ID == 0 || d.DocumentID != 0 || d.UpdatedBy != a.redacteur.ID || d.CreatedAt.IsZero() {
		t.Errorf("StartDraft set %+v", d)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: a.org.ID, UserID: a.redacteur.ID, Actor: a.redacteur.Email,
		Action: koers.AuditDraftStart, Document: "jaarstukken-2022", After: "nieuw"})
	got, err := s.Draft(ctx(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("Draft read back:\n got %+v\nwant %+v", got, d)
	}

	// Conflicts: the slug of a draft, of a published document; a second
	// draft of one published document.
	wantCode(t, "slug of a draft", s.StartDraft(a.ctx, koers.NewDraft(a.org.ID, Bare(koers.Jaarstukken, 2022, 0), false), koers.DraftChange{}),
		koers.ECONFLICT, `Er is al een concept met het adres "jaarstukken-2022".`)
	wantCode(t, "slug of a document", s.StartDraft(a.ctx, koers.NewDraft(a.org.ID, Bare(koers.Begroting, 2022, 0), false), koers.DraftChange{}),
		koers.ECONFLICT, `Er is al een gepubliceerd document met het adres "begroting-2022".`)
	fromPub := a.startFromPublished(t, s)
	if fromPub.DocumentID != a.doc.ID || fromPub.Base.IsZero() || fromPub.Origins[1] != "beleidsbegroting" {
		t.Errorf("draft of the published: %+v", fromPub)
	}
	pub, _ := s.Document(ctx(), a.doc.ID, true)
	wantCode(t, "second draft", s.StartDraft(a.ctx, koers.NewDraft(a.org.ID, pub, true), koers.DraftChange{}),
		koers.ECONFLICT, "Dit document heeft al een concept.")
	invalid := Bare(koers.Kadernota, 2022, 0)
	invalid.Year = 1
	want := koers.ValidateDocument(a.org, invalid)
	wantCode(t, "invalid", s.StartDraft(a.ctx, koers.NewDraft(a.org.ID, invalid, false), koers.DraftChange{}), koers.EINVALID, koers.ErrorMessage(want))

	if of, err := s.DraftOf(ctx(), a.doc.ID); err != nil || of == nil || of.ID != fromPub.ID {
		t.Errorf("DraftOf: %+v %v", of, err)
	}
	list, err := s.Drafts(ctx(), a.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != fromPub.ID || list[1].ID != d.ID || list[0].UpdatedBy != a.redacteur.Email ||
		list[0].Slug != "begroting-2022" || list[0].DocumentID != a.doc.ID || list[1].Kind != koers.Jaarstukken {
		t.Errorf("Drafts: %+v", list)
	}
	if mustRevision(t, s) != rev {
		t.Error("starting drafts changed the revision")
	}
	_, err = s.Draft(ctx(), 9999)
	wantCode(t, "Draft unknown", err, koers.ENOTFOUND, "")

	if err := s.DiscardDraft(a.ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.Draft(ctx(), d.ID)
	wantCode(t, "discarded draft", err, koers.ENOTFOUND, "")
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: a.org.ID, UserID: a.redacteur.ID, Actor: a.redacteur.Email,
		Action: koers.AuditDraftDiscard, Document: "jaarstukken-2022"})
	wantCode(t, "discard again", s.DiscardDraft(a.ctx, d.ID), koers.ENOTFOUND, "")
	if of, err := s.DraftOf(ctx(), 9999); err != nil || of != nil {
		t.Errorf("DraftOf without draft: %+v %v", of, err)
	}
}

func mustRevision(t *testing.T, s koers.Store) int64 {
	t.Helper()
	rev, err := s.Revision(ctx())
	if err != nil {
		t.Fatal(err)
	}
	return rev
}

func testChangeDraft(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	d := a.startFromPublished(t, s)
	rev := mustRevision(t, s)
	entries := len(auditActions(t, s, koers.AuditFilter{}))

	key := d.Document.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").ID
	got, err := s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		p := d.Page(key)
		before := p.Title
		p.Title = "1C: Inwoners met ondersteuning"
		return koers.DraftChange{Page: p.Path, Keys: []int64{key}, Before: before, After: p.Title}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 1 || got.PageVersions[key] != 1 || len(got.PageVersions) != 1 || got.UpdatedBy != a.redacteur.ID {
		t.Errorf("after a change: version %d, page versions %v, by %d", got.Version, got.PageVersions, got.UpdatedBy)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: a.org.ID, UserID: a.redacteur.ID, Actor: a.redacteur.Email,
		Action: koers.AuditDraftChange, Document: "begroting-2022", Page: "beleidsbegroting/programma-1/1c-ondersteunde-inwoners",
		Before: "1C: Ondersteunde inwoners", After: "1C: Inwoners met ondersteuning"})
	stored, err := s.Draft(ctx(), d.ID)
	if err != nil || !reflect.DeepEqual(stored, got) {
		t.Errorf("stored draft differs from the returned one: %v", err)
	}
	if !stored.Stale(key, 0) || stored.Stale(key, 1) {
		t.Error("Stale does not follow the page's version")
	}
	// The public sees none of it, and caches keep.
	if mustRevision(t, s) != rev {
		t.Error("a draft change bumped the revision")
	}
	if p, err := s.Published().Page(ctx(), a.doc.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").ID); err != nil || p.Title != "1C: Ondersteunde inwoners" {
		t.Errorf("published page after a draft change: %v %v", p, err)
	}

	// A change that fails writes nothing, and its error comes back as it is.
	errNo := errors.New("nee")
	_, err = s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Title = "Weg"
		return koers.DraftChange{}, errNo
	})
	if err != errNo {
		t.Errorf("ChangeDraft returned %v, want the change's error", err)
	}
	// A change that breaks the rules is refused, with the rules' words.
	var want error
	_, err = s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Year = 1
		want = koers.ValidateDocument(a.org, d.Document)
		return koers.DraftChange{}, nil
	})
	wantCode(t, "invalid change", err, koers.EINVALID, koers.ErrorMessage(want))
	after, err := s.Draft(ctx(), d.ID)
	if err != nil || !reflect.DeepEqual(after, stored) {
		t.Errorf("refused changes wrote: %+v %v", after, err)
	}
	if n := len(auditActions(t, s, koers.AuditFilter{})); n != entries+1 {
		t.Errorf("%d audit entries, want %d", n, entries+1)
	}
	_, err = s.ChangeDraft(a.ctx, 9999, func(d *koers.Draft) (koers.DraftChange, error) { return koers.DraftChange{}, nil })
	wantCode(t, "ChangeDraft unknown", err, koers.ENOTFOUND, "")

	// A change of the document's own properties touches no page.
	got, err = s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Title = "Begroting 2022 (herzien)"
		return koers.DraftChange{}, nil
	})
	if err != nil || got.Version != 2 || got.PageVersions[key] != 1 {
		t.Errorf("property change: %+v %v", got, err)
	}
	if list, _ := s.Drafts(ctx(), a.org.ID); len(list) != 1 || list[0].Title != "Begroting 2022 (herzien)" || list[0].Version != 2 {
		t.Errorf("Drafts after changes: %+v", list)
	}
}

func testPublish(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	old := "beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	d := a.startFromPublished(t, s)
	key := d.Document.FindPage(old).ID
	if _, err := s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		p := d.Page(key)
		p.Title, p.Slug = "1C: Ondersteuning", "1c-ondersteuning"
		return koers.DraftChange{Keys: []int64{key}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	rev := mustRevision(t, s)
	doc, err := a.publish(t, s, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != a.doc.ID {
		t.Errorf("published as document %d, want %d", doc.ID, a.doc.ID)
	}
	if mustRevision(t, s) == rev {
		t.Error("publishing did not bump the revision")
	}
	pub := s.Published()
	moved := "beleidsbegroting/programma-1/1c-ondersteuning"
	if p, err := pub.PageByPath(ctx(), doc.ID, moved); err != nil || p.Title != "1C: Ondersteuning" || len(p.Blocks) != 7 {
		t.Errorf("published page: %+v %v", p, err)
	}
	_, err = pub.PageByPath(ctx(), doc.ID, old)
	wantCode(t, "old path", err, koers.ENOTFOUND, "")
	for path, want := range map[string]string{old: moved, moved: "", "elders": ""} {
		if got, err := pub.Redirect(ctx(), doc.ID, path); err != nil || got != want {
			t.Errorf("Redirect(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	if got, err := s.Draft(ctx(), d.ID); err == nil {
		t.Errorf("draft after publishing: %+v", got)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: a.org.ID, UserID: a.redacteur.ID, Actor: a.redacteur.Email,
		Action: koers.AuditPublish, Document: "begroting-2022", After: "Beleidsbegroting 2022"})

	// The imported version is kept, the new one is current.
	vs, err := s.Versions(ctx(), a.org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || !vs[0].Current || vs[0].PublishedBy != a.redacteur.Email || vs[1].Current || vs[1].PublishedBy != "" ||
		!vs[1].PublishedAt.Equal(a.doc.UpdatedAt) || vs[0].Title != "Beleidsbegroting 2022" {
		t.Errorf("Versions: %+v", vs)
	}

	// A second move of the same page: the first redirect follows it.
	d2 := a.startFromPublished(t, s)
	key = d2.Document.FindPage(moved).ID
	if _, err := s.ChangeDraft(a.ctx, d2.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Page(key).Slug = "1c-zorg"
		return koers.DraftChange{Keys: []int64{key}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.publish(t, s, d2.ID); err != nil {
		t.Fatal(err)
	}
	again := "beleidsbegroting/programma-1/1c-zorg"
	for path, want := range map[string]string{old: again, moved: again, again: ""} {
		if got, err := pub.Redirect(ctx(), doc.ID, path); err != nil || got != want {
			t.Errorf("after a second move, Redirect(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	// Moving it back makes the old path a page again: no redirect from it.
	d3 := a.startFromPublished(t, s)
	key = d3.Document.FindPage(again).ID
	if _, err := s.ChangeDraft(a.ctx, d3.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Page(key).Slug = "1c-ondersteunde-inwoners"
		return koers.DraftChange{Keys: []int64{key}}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.publish(t, s, d3.ID); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{old: "", moved: old, again: old} {
		if got, err := pub.Redirect(ctx(), doc.ID, path); err != nil || got != want {
			t.Errorf("after moving back, Redirect(%s) = %q, %v; want %q", path, got, err, want)
		}
	}

	// A draft whose published document was written since is refused, and
	// stays.
	stale := a.startFromPublished(t, s)
	MustPut(t, s, a.org, Begroting2022())
	_, err = a.publish(t, s, stale.ID)
	wantCode(t, "stale base", err, koers.ECONFLICT,
		"Het gepubliceerde document is gewijzigd sinds dit concept begon; begin een nieuw concept of neem de wijzigingen over.")
	if _, err := s.Draft(ctx(), stale.ID); err != nil {
		t.Errorf("refused draft: %v", err)
	}
	_, err = s.Publish(a.ctx, 9999, "")
	wantCode(t, "Publish unknown", err, koers.ENOTFOUND, "")

	// A new document is published under its slug.
	nd := koers.NewDraft(a.org.ID, Bare(koers.Kadernota, 2023, 0), false)
	if err := s.StartDraft(a.ctx, nd, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	created, err := a.publish(t, s, nd.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := pub.DocumentBySlug(ctx(), a.org.ID, "kadernota-2023"); err != nil || got.ID != created.ID || len(got.Pages) != 1 {
		t.Errorf("new document published: %+v %v", got, err)
	}
	if vs, _ := s.Versions(ctx(), a.org.ID, "kadernota-2023"); len(vs) != 1 || !vs[0].Current {
		t.Errorf("versions of a new document: %+v", vs)
	}
}

func testWithdrawRestore(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	d := a.startFromPublished(t, s)
	edit(t, s, a.ctx, d.ID, "Begroting 2022, herzien")
	if _, err := a.publish(t, s, d.ID); err != nil {
		t.Fatal(err)
	}
	rev := mustRevision(t, s)
	if err := s.Withdraw(a.ctx, a.doc.ID); err != nil {
		t.Fatal(err)
	}
	if mustRevision(t, s) == rev {
		t.Error("withdrawing did not bump the revision")
	}
	_, err := s.Published().Document(ctx(), a.doc.ID, false)
	wantCode(t, "withdrawn document", err, koers.ENOTFOUND, "")
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: a.org.ID, UserID: a.redacteur.ID, Actor: a.redacteur.Email,
		Action: koers.AuditWithdraw, Document: "begroting-2022", Before: "Begroting 2022, herzien"})
	vs, err := s.Versions(ctx(), a.org.ID, "begroting-2022")
	if err != nil || len(vs) != 2 || vs[0].Current || vs[1].Current || vs[0].Title != "Begroting 2022, herzien" || vs[1].Title != "Beleidsbegroting 2022" {
		t.Fatalf("versions after withdrawing: %+v %v", vs, err)
	}
	wantCode(t, "withdraw again", s.Withdraw(a.ctx, a.doc.ID), koers.ENOTFOUND, "")

	// Restore the imported version as a draft of a new document (the old
	// one was withdrawn): nothing is published until the draft is.
	rev = mustRevision(t, s)
	d1, err := s.RestoreDraft(a.ctx, vs[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if mustRevision(t, s) != rev {
		t.Error("restoring as a draft bumped the revision")
	}
	if d1.DocumentID != 0 || d1.Document.Slug != "begroting-2022" || d1.Document.Title != "Beleidsbegroting 2022" {
		t.Errorf("draft of a withdrawn document: document %d, %s %q", d1.DocumentID, d1.Document.Slug, d1.Document.Title)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: a.org.ID, UserID: a.redacteur.ID, Actor: a.redacteur.Email,
		Action: koers.AuditRestore, Document: "begroting-2022", Before: "versie 1", After: "Beleidsbegroting 2022"})
	_, err = s.RestoreDraft(a.ctx, vs[0].ID)
	wantCode(t, "restore with a draft of the slug", err, koers.ECONFLICT,
		"Er is al een concept van dit document. Publiceer of verwijder dat concept eerst; dan kunt u deze versie herstellen.")
	restored, err := a.publish(t, s, d1.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Published().Document(ctx(), restored.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Begroting2022()
	want.SetPaths()
	if diff := compareDocuments(got, want); diff != "" {
		t.Errorf("restored document differs: %s", diff)
	}
	vs2, err := s.Versions(ctx(), a.org.ID, "begroting-2022")
	if err != nil || len(vs2) != 3 || !vs2[0].Current || vs2[0].Title != "Beleidsbegroting 2022" || vs2[0].Number != 3 || vs2[1].Current || vs2[2].Current {
		t.Errorf("versions after restoring: %+v %v", vs2, err)
	}

	// Restoring over a published document starts a draft of it, based on
	// what is published: here, what an import wrote.
	imported := Begroting2022()
	imported.Title = "Begroting 2022, ingelezen"
	MustPut(t, s, a.org, imported)
	d2, err := s.RestoreDraft(a.ctx, vs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := s.Published().Document(ctx(), imported.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if d2.DocumentID != imported.ID || !d2.Base.Equal(pub.UpdatedAt) || d2.Document.Title != "Begroting 2022, herzien" {
		t.Errorf("draft of a published document: document %d (want %d), base %v (want %v), %q",
			d2.DocumentID, imported.ID, d2.Base, pub.UpdatedAt, d2.Document.Title)
	}
	_, err = s.RestoreDraft(a.ctx, vs[1].ID)
	wantCode(t, "restore with a draft of the document", err, koers.ECONFLICT,
		"Er is al een concept van dit document. Publiceer of verwijder dat concept eerst; dan kunt u deze versie herstellen.")
	if _, err := a.publish(t, s, d2.ID); err != nil {
		t.Fatal(err)
	}
	vs3, err := s.Versions(ctx(), a.org.ID, "begroting-2022")
	if err != nil || len(vs3) != 5 || vs3[0].Title != "Begroting 2022, herzien" || !vs3[0].Current ||
		vs3[1].Title != "Begroting 2022, ingelezen" || vs3[1].Current || vs3[1].PublishedBy != "" {
		t.Errorf("versions after restoring over an import: %+v %v", vs3, err)
	}
	_, err = s.RestoreDraft(a.ctx, 9999)
	wantCode(t, "RestoreDraft unknown", err, koers.ENOTFOUND, "Versie 9999 bestaat niet.")
}

func testAuditLog(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Bare(koers.Begroting, 2022, 0))
	other := &koers.Organisation{Slug: "zoeterwoude", Name: "Gemeente Zoeterwoude"}
	MustPut(t, s, other, Bare(koers.Begroting, 2022, 0))
	mine := mustUser(t, s, ctx(), "a@leiderdorp.nl", koers.Grant{OrganisationID: org.ID, Role: koers.Beheerder})
	theirs := mustUser(t, s, ctx(), "b@zoeterwoude.nl", koers.Grant{OrganisationID: other.ID, Role: koers.Beheerder})
	as, asTheirs := koers.WithActor(ctx(), mine), koers.WithActor(ctx(), theirs)

	start := time.Now().Add(-time.Second)
	long := strings.Repeat("é", koers.MaxAuditText+10)
	steps := []struct {
		ctx context.Context
		e   koers.AuditEntry
	}{
		{as, koers.AuditEntry{Action: koers.AuditUpload, OrganisationID: org.ID, Document: "begroting-2022", Before: long, After: "kort"}},
		{asTheirs, koers.AuditEntry{Action: koers.AuditUpload, OrganisationID: other.ID, Document: "begroting-2022"}},
		{as, koers.AuditEntry{Action: koers.AuditOrganisation, OrganisationID: org.ID}},
		// The time and actor are the store's, whatever the entry says.
		{ctx(), koers.AuditEntry{Action: koers.AuditOrganisation, OrganisationID: org.ID, At: time.Unix(0, 0), UserID: theirs.ID, Actor: "x"}},
	}
	for _, st := range steps {
		if err := s.RecordAudit(st.ctx, st.e); err != nil {
			t.Fatal(err)
		}
	}
	wantCode(t, "RecordAudit without action", s.RecordAudit(as, koers.AuditEntry{}), koers.EINVALID, "")
	for _, u := range []*koers.User{mine, theirs} {
		if err := s.CreateSession(ctx(), &koers.Session{IDHash: "s-" + u.Email, UserID: u.ID}); err != nil {
			t.Fatal(err)
		}
	}

	log, err := s.AuditLog(ctx(), koers.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 8 {
		t.Fatalf("%d entries, want 8: %+v", len(log), log)
	}
	for i := 1; i < len(log); i++ {
		if log[i].ID >= log[i-1].ID {
			t.Errorf("entries not newest first: %d after %d", log[i].ID, log[i-1].ID)
		}
	}
	upload := log[5]
	pinAudit(t, upload, koers.AuditEntry{OrganisationID: org.ID, UserID: mine.ID, Actor: mine.Email, Action: koers.AuditUpload,
		Document: "begroting-2022", Before: strings.Repeat("é", koers.MaxAuditText-1) + "…", After: "kort"})
	if upload.At.Before(start) {
		t.Errorf("entry at %v, before the test began", upload.At)
	}
	if e := log[2]; e.At.Before(start) || e.UserID != 0 || e.Actor != "" {
		t.Errorf("entry of the command line: %+v", e)
	}

	type list = []koers.AuditAction
	signIn, upl, orgc, create := koers.AuditSignIn, koers.AuditUpload, koers.AuditOrganisation, koers.AuditUserCreate
	for _, tt := range []struct {
		name   string
		filter koers.AuditFilter
		want   list
	}{
		{"organisation with its people's sign-ins", koers.AuditFilter{OrganisationID: org.ID}, list{signIn, orgc, orgc, upl, create}},
		{"other organisation", koers.AuditFilter{OrganisationID: other.ID}, list{signIn, upl, create}},
		{"user", koers.AuditFilter{UserID: mine.ID}, list{signIn, orgc, upl}},
		{"action", koers.AuditFilter{Action: koers.AuditUpload}, list{upl, upl}},
		{"document in an organisation", koers.AuditFilter{OrganisationID: other.ID, Document: "begroting-2022"}, list{upl}},
		{"from now on", koers.AuditFilter{From: time.Now().Add(time.Hour)}, nil},
		{"until the start", koers.AuditFilter{Until: start}, nil},
		{"between", koers.AuditFilter{From: start, Until: time.Now().Add(time.Hour), Action: koers.AuditUserCreate}, list{create, create}},
		{"limit", koers.AuditFilter{Limit: 2}, list{signIn, signIn}},
		{"before", koers.AuditFilter{Before: log[1].ID, Limit: 2}, list{orgc, orgc}},
		{"before the first", koers.AuditFilter{Before: log[7].ID}, nil},
	} {
		if got := auditActions(t, s, tt.filter); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}

	// Pages of two walk the whole log once.
	var walked []int64
	f := koers.AuditFilter{Limit: 2}
	for {
		page, err := s.AuditLog(ctx(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, e := range page {
			walked = append(walked, e.ID)
		}
		f.Before = page[len(page)-1].ID
	}
	var all []int64
	for _, e := range log {
		all = append(all, e.ID)
	}
	if !reflect.DeepEqual(walked, all) {
		t.Errorf("paged walk %v, want %v", walked, all)
	}
}

// testChangeDraftConcurrent: changes of one draft at once queue, none is
// lost, and each gets a version of its own.
func testChangeDraftConcurrent(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	d := a.startFromPublished(t, s)
	const n = 8
	versions := make(chan int64, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
				d.Document.Title += "+"
				return koers.DraftChange{}, nil
			})
			if err != nil {
				t.Error(err)
				return
			}
			versions <- got.Version
		}()
	}
	wg.Wait()
	close(versions)
	seen := map[int64]bool{}
	for v := range versions {
		seen[v] = true
	}
	got, err := s.Draft(ctx(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != n || len(seen) != n || got.Document.Title != "Beleidsbegroting 2022"+strings.Repeat("+", n) {
		t.Errorf("after %d changes at once: version %d, %d distinct versions, title %q", n, got.Version, len(seen), got.Document.Title)
	}
}

// testPublishRenamed: a draft that renames its document publishes it
// under the new slug, as the same document with its versions; it may not
// take another document's slug.
func testPublishRenamed(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	MustPut(t, s, a.org, Burap2020())
	d := a.startFromPublished(t, s)
	_, err := s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Slug = "bestuursrapportage-2020-1"
		return koers.DraftChange{}, nil
	})
	wantCode(t, "another document's slug", err, koers.ECONFLICT, `Er is al een gepubliceerd document met het adres "bestuursrapportage-2020-1".`)
	if _, err := s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Slug = "begroting-2022-herzien"
		return koers.DraftChange{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	doc, err := a.publish(t, s, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.ID != a.doc.ID {
		t.Errorf("renamed document published as %d, want %d", doc.ID, a.doc.ID)
	}
	got, err := s.Published().DocumentBySlug(ctx(), a.org.ID, "begroting-2022-herzien")
	if err != nil || got.ID != a.doc.ID {
		t.Errorf("by the new slug: %+v %v", got, err)
	}
	_, err = s.Published().DocumentBySlug(ctx(), a.org.ID, "begroting-2022")
	wantCode(t, "old slug", err, koers.ENOTFOUND, "")
	if vs, err := s.Versions(ctx(), a.org.ID, "begroting-2022-herzien"); err != nil || len(vs) != 2 || !vs[0].Current {
		t.Errorf("versions under the new slug: %+v %v", vs, err)
	}
	if docs, _ := s.Documents(ctx(), koers.DocumentFilter{OrganisationID: a.org.ID}); len(docs) != 2 {
		t.Errorf("%d documents after publishing a rename, want 2", len(docs))
	}
}
