package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// hashOf is a token's SHA-256 as the store keeps it (auth.TokenHash's,
// which storetest may not import).
func hashOf(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func testAPITokens(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	other := &koers.Organisation{Slug: "oegstgeest", Name: "Gemeente Oegstgeest", CBSCode: "GM0579"}
	MustPut(t, s, other, Begroting2022())
	admin := mustUser(t, s, ctx(), "beheer@leiderdorp.nl", koers.Grant{OrganisationID: org.ID, Role: koers.Beheerder})
	actx := koers.WithActor(ctx(), admin)
	expires := time.Now().Add(30 * 24 * time.Hour)

	// Validate decides first.
	bad := &koers.APIToken{OrganisationID: org.ID, Name: "BI", Role: koers.Beheerder, ExpiresAt: expires}
	wantCode(t, "a beheerder token", s.CreateAPIToken(actx, bad, hashOf("x")), koers.EINVALID, "")

	const secret = koers.APITokenPrefix + "geheim-van-de-bi"
	tok := &koers.APIToken{OrganisationID: org.ID, Name: "BI kwartaal", Role: koers.Redacteur, ExpiresAt: expires}
	if err := s.CreateAPIToken(actx, tok, hashOf(secret)); err != nil {
		t.Fatalf("CreateAPIToken: %v", err)
	}
	if tok.ID == 0 || tok.CreatedAt.IsZero() || tok.CreatedBy != "beheer@leiderdorp.nl" {
		t.Errorf("created token %+v: want ID, CreatedAt and CreatedBy set", tok)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: admin.ID, Actor: "beheer@leiderdorp.nl",
		Action: koers.AuditAPITokenCreate, After: "BI kwartaal (Redacteur, tot " + expires.UTC().Format("2006-01-02") + ")"})

	// The name is the organisation's once; another organisation may use it.
	dup := &koers.APIToken{OrganisationID: org.ID, Name: "BI kwartaal", Role: koers.Publicist, ExpiresAt: expires}
	wantCode(t, "the same name", s.CreateAPIToken(actx, dup, hashOf("y")), koers.ECONFLICT, "Er is al een API-sleutel met deze naam.")
	elsewhere := &koers.APIToken{OrganisationID: other.ID, Name: "BI kwartaal", Role: koers.Publicist, ExpiresAt: expires}
	if err := s.CreateAPIToken(actx, elsewhere, hashOf("z")); err != nil {
		t.Fatalf("the same name elsewhere: %v", err)
	}

	// Looked up by the hash, never by the token itself.
	got, err := s.APITokenByHash(ctx(), hashOf(secret))
	if err != nil {
		t.Fatalf("APITokenByHash: %v", err)
	}
	if *got != *tok {
		t.Errorf("APITokenByHash\n got %+v\nwant %+v", *got, *tok)
	}
	const refused = "Deze API-sleutel is onbekend, verlopen of ingetrokken."
	_, err = s.APITokenByHash(ctx(), secret)
	wantCode(t, "the token as its own hash", err, koers.EUNAUTHORIZED, refused)
	_, err = s.APITokenByHash(ctx(), hashOf("onbekend"))
	wantCode(t, "an unknown token", err, koers.EUNAUTHORIZED, refused)

	// Last used.
	used := time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC)
	if err := s.TouchAPIToken(ctx(), tok.ID, used); err != nil {
		t.Fatalf("TouchAPIToken: %v", err)
	}
	wantCode(t, "touch of no token", s.TouchAPIToken(ctx(), tok.ID+1000, used), koers.ENOTFOUND, "")
	list, err := s.APITokens(ctx(), org.ID)
	if err != nil || len(list) != 1 || !list[0].LastUsedAt.Equal(used) || list[0].Name != "BI kwartaal" {
		t.Fatalf("APITokens: %+v %v, want the one token used at %v", list, err, used)
	}

	// Revoked: of its own organisation only, at once, once in the log.
	wantCode(t, "revoke through another organisation", s.RevokeAPIToken(actx, other.ID, tok.ID), koers.ENOTFOUND, "Deze API-sleutel bestaat niet.")
	if err := s.RevokeAPIToken(actx, org.ID, tok.ID); err != nil {
		t.Fatalf("RevokeAPIToken: %v", err)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, UserID: admin.ID, Actor: "beheer@leiderdorp.nl",
		Action: koers.AuditAPITokenRevoke, Before: "BI kwartaal"})
	if err := s.RevokeAPIToken(actx, org.ID, tok.ID); err != nil {
		t.Fatalf("RevokeAPIToken again: %v", err)
	}
	if got := auditActions(t, s, koers.AuditFilter{OrganisationID: org.ID, Action: koers.AuditAPITokenRevoke}); len(got) != 1 {
		t.Errorf("revoked twice: %d entries, want 1", len(got))
	}
	_, err = s.APITokenByHash(ctx(), hashOf(secret))
	wantCode(t, "a revoked token", err, koers.EUNAUTHORIZED, refused)
	list, _ = s.APITokens(ctx(), org.ID)
	if len(list) != 1 || list[0].RevokedAt.IsZero() || list[0].Status(time.Now()) != "Ingetrokken" {
		t.Errorf("revoked token listed as %+v", list)
	}

	// What a token does is its name's in the log, with no user.
	bi := &koers.APIToken{OrganisationID: org.ID, Name: "BI", Role: koers.Redacteur, ExpiresAt: expires}
	if err := s.CreateAPIToken(actx, bi, hashOf("bi")); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordAudit(koers.WithActor(ctx(), bi.Actor()), koers.AuditEntry{OrganisationID: org.ID, Action: koers.AuditAPIRefused, After: "PUT /x"}); err != nil {
		t.Fatal(err)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, Actor: "API-sleutel: BI", Action: koers.AuditAPIRefused, After: "PUT /x"})

	// A token writes drafts and takes review steps as itself: no user,
	// no editor (a beoordelaar's four eyes do not count it).
	tctx := koers.WithActor(ctx(), bi.Actor())
	pub, err := s.DocumentBySlug(ctx(), org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	full, err := s.Document(ctx(), pub.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	d := koers.NewDraft(org.ID, full, true)
	if err := s.StartDraft(tctx, d, koers.DraftChange{Action: koers.AuditUpload, After: "API: begroting-2022.json"}); err != nil {
		t.Fatalf("StartDraft as a token: %v", err)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: org.ID, Actor: "API-sleutel: BI", Action: koers.AuditUpload,
		Document: "begroting-2022", After: "API: begroting-2022.json"})
	stepped, err := s.StepDraft(tctx, d.ID, koers.Submit, nil)
	if err != nil {
		t.Fatalf("StepDraft as a token: %v", err)
	}
	if stepped.Review.State != koers.InReview || len(stepped.Review.Editors) != 0 || stepped.UpdatedBy != 0 {
		t.Errorf("draft of a token: %+v, want in review with no editors", stepped.Review)
	}
}

// APITokenRows checks, on the engine's own tables, that the store holds a
// token's hash and never the token, and that an expired token is refused.
// row returns a token's row as text, every column; expire sets a token's
// expiry in the past, behind Validate's back.
func APITokenRows(t *testing.T, s koers.Store, row func(id int64) (string, error), expire func(id int64) error) {
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	const secret = koers.APITokenPrefix + "Zm9vYmFyYmF6cXV4"
	tok := &koers.APIToken{OrganisationID: org.ID, Name: "BI", Role: koers.Publicist, ExpiresAt: time.Now().Add(time.Hour)}
	if err := s.CreateAPIToken(ctx(), tok, hashOf(secret)); err != nil {
		t.Fatal(err)
	}
	text, err := row(tok.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, secret) || strings.Contains(text, "Zm9vYmFyYmF6cXV4") || !strings.Contains(text, hashOf(secret)) {
		t.Errorf("the token's row %q: want its hash and not the token", text)
	}
	if _, err := s.APITokenByHash(ctx(), hashOf(secret)); err != nil {
		t.Fatalf("live token: %v", err)
	}
	if err := expire(tok.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.APITokenByHash(ctx(), hashOf(secret))
	wantCode(t, "an expired token", err, koers.EUNAUTHORIZED, "Deze API-sleutel is onbekend, verlopen of ingetrokken.")
}
