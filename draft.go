package koers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// A document is written as a draft: a whole copy of the document that only
// the back office reads. The published version is what the public tables
// hold (Published reads nothing else); a draft lives beside it, changes
// without touching it and replaces it in one transaction when it is
// published (Drafts.Publish), which keeps the version it replaced.

// Draft is the working copy of one document of an organisation: at most one
// per document.
type Draft struct {
	ID             int64
	OrganisationID int64
	// DocumentID is the published document the draft will replace; 0 for
	// a document that was never published (or was withdrawn).
	DocumentID int64
	// Base is when the published document was last written as the draft
	// started from it; publishing refuses when it was written since (a
	// `koers import`, another publication).
	Base time.Time
	// Document is the whole draft, pages with content. Its pages' IDs are
	// keys within the draft (DraftPageKey), not the published pages' IDs.
	Document *Document
	// Version grows with every change of the draft.
	Version int64
	// PageVersions are, per page key, the Version of the change that last
	// changed that page (properties, place or blocks): a save based on an
	// older one is stale (Draft.Stale).
	PageVersions map[int64]int64
	// Origins are, per page key, the path the page had in the published
	// document, so that publishing a moved or renamed page keeps its old
	// address as a redirect.
	Origins map[int64]string
	// NextKey is the key of the next new page.
	NextKey int64
	// Review is where the draft is in its review.
	Review    Review
	CreatedAt time.Time
	UpdatedAt time.Time
	UpdatedBy int64 // user ID
}

// NewDraft starts a draft from a document with its content: the published
// one (published true) or a new one. Pages get keys 1, 2, ... in reading
// order.
func NewDraft(orgID int64, doc *Document, published bool) *Draft {
	d := &Draft{OrganisationID: orgID, Document: doc, PageVersions: map[int64]int64{}, Origins: map[int64]string{}, NextKey: 1}
	if published {
		d.DocumentID, d.Base = doc.ID, doc.UpdatedAt
	}
	doc.ID, doc.OrganisationID = 0, orgID
	doc.SetPaths()
	_ = doc.Walk(func(p *Page) error {
		p.ID, p.DocumentID, p.ParentID = d.NextKey, 0, 0
		if published {
			d.Origins[p.ID] = p.Path
		}
		d.NextKey++
		return nil
	})
	return d
}

// Stale reports whether a save of the page with key, based on the draft at
// version seen, would overwrite a change someone made since.
func (d *Draft) Stale(key, seen int64) bool { return d.PageVersions[key] > seen }

// Page returns the draft's page with key, or nil.
func (d *Draft) Page(key int64) *Page {
	if trail := d.Document.Trail(key); trail != nil {
		return trail[len(trail)-1]
	}
	return nil
}

// Touch records a change of the pages with keys at the draft's next
// version; the store calls it once per saved change (with no keys for a
// change of the document's own properties).
func (d *Draft) Touch(keys ...int64) {
	d.Version++
	for _, k := range keys {
		d.PageVersions[k] = d.Version
	}
}

// Redirects are the addresses that publishing the draft moves: old path
// to new path, for every page that came from the published document and
// now has another path. Pages the draft deleted have none.
func (d *Draft) Redirects() map[string]string {
	out := map[string]string{}
	d.Document.SetPaths()
	_ = d.Document.Walk(func(p *Page) error {
		if old, ok := d.Origins[p.ID]; ok && old != p.Path {
			out[old] = p.Path
		}
		return nil
	})
	return out
}

// draftFormat is the version of the stored form of a draft. A store keeps
// drafts in it (EncodeDraft); a change of the form bumps it and
// DecodeDraft learns to read the old one.
const draftFormat = 1

type storedDraft struct {
	Format       int              `json:"format"`
	Document     *Document        `json:"document"`
	PageVersions map[int64]int64  `json:"page_versions"`
	Origins      map[int64]string `json:"origins"`
	NextKey      int64            `json:"next_key"`
}

// EncodeDraft is the draft's content as a store keeps it: the document
// with its pages and the draft's bookkeeping, as versioned JSON.
func EncodeDraft(d *Draft) ([]byte, error) {
	return json.Marshal(storedDraft{Format: draftFormat, Document: d.Document, PageVersions: d.PageVersions, Origins: d.Origins, NextKey: d.NextKey})
}

// DecodeDraft reads what EncodeDraft wrote into d.
func DecodeDraft(data []byte, d *Draft) error {
	var s storedDraft
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return fmt.Errorf("decode draft: %w", err)
	}
	if s.Format != draftFormat {
		return fmt.Errorf("decode draft: format %d; this koers reads format %d", s.Format, draftFormat)
	}
	if s.Document == nil {
		return fmt.Errorf("decode draft: no document")
	}
	if s.PageVersions == nil {
		s.PageVersions = map[int64]int64{}
	}
	if s.Origins == nil {
		s.Origins = map[int64]string{}
	}
	d.Document, d.PageVersions, d.Origins, d.NextKey = s.Document, s.PageVersions, s.Origins, s.NextKey
	return nil
}

// DraftSummary is a draft without its content, for lists.
type DraftSummary struct {
	ID             int64
	OrganisationID int64
	DocumentID     int64
	Kind           DocumentKind
	Year           int
	Sequence       int
	Title          string
	Slug           string
	Version        int64
	Review         Review
	UpdatedAt      time.Time
	UpdatedBy      string // the e-mail address of who changed it last
}

// Version is a published version of a document, kept when another
// replaced it or the document was withdrawn, so that it can be restored.
type Version struct {
	ID             int64
	OrganisationID int64
	Slug           string
	Title          string
	PublishedAt    time.Time
	PublishedBy    string // e-mail address; "" for an import, and on the public site
	// PublisherName is the name of who published it, "" when unknown: what
	// the public site shows of them.
	PublisherName string
	// Number counts the versions of the slug from 1, in the order they
	// were published: the version's stable public address.
	Number int
	// Note is what the publication said of itself.
	Note string
	// Current is true for the version the public sees now.
	Current bool
}

// DraftChange describes one change of a draft for the audit log: what it did,
// where, and a short before and after.
type DraftChange struct {
	Action AuditAction
	Page   string // the page's path, if the change is of one page
	Block  string // "3: indicator_table", if of one block
	Keys   []int64
	Before string
	After  string
}

// Drafts keeps the back office's working copies and publishes them. Every
// write records its DraftChange in the audit log in the same transaction, with
// the actor from the context (WithActor).
type Drafts interface {
	// Drafts lists an organisation's drafts, newest change first.
	Drafts(ctx context.Context, orgID int64) ([]DraftSummary, error)
	// Draft returns a draft with its content; ENOTFOUND when there is none.
	Draft(ctx context.Context, id int64) (*Draft, error)
	// DraftOf returns the draft of a published document, or nil.
	DraftOf(ctx context.Context, documentID int64) (*Draft, error)
	// StartDraft stores a new draft (NewDraft): of a published document
	// (ECONFLICT when it has one already) or of a new document (ECONFLICT
	// when the slug is taken by a document or a draft). The document must
	// hold to the domain's rules.
	StartDraft(ctx context.Context, d *Draft, change DraftChange) error
	// ChangeDraft reads the draft, lets change change it and, when change
	// returns no error, checks it against the domain's rules and stores it
	// at the next version (Draft.Touch with the DraftChange's keys), all in one
	// transaction: two changes never interleave.
	ChangeDraft(ctx context.Context, id int64, change func(d *Draft) (DraftChange, error)) (*Draft, error)
	// DiscardDraft deletes a draft.
	DiscardDraft(ctx context.Context, id int64) error
	// Publish makes the draft the published document in one transaction,
	// keeps the version it replaced, records the redirects of moved pages
	// and deletes the draft. ECONFLICT when the published document was
	// written since the draft started from it (Draft.Base) or when the
	// draft is not approved (Review.Publishable with the actor; without
	// one, the command line, only the state is checked). The note is kept
	// with the new version (Version.Note).
	Publish(ctx context.Context, id int64, note string) (*Document, error)
	// Withdraw takes a published document off the public site, keeping it
	// as a version that can be restored.
	Withdraw(ctx context.Context, documentID int64) error
	// Versions lists the kept versions of an organisation's document by
	// slug, newest first.
	Versions(ctx context.Context, orgID int64, slug string) ([]Version, error)
	// RestoreDraft starts a draft with a kept version's content: of the
	// document published under its slug, or of a new document when that
	// was withdrawn. ECONFLICT when the document, or its slug, has a draft
	// already; ENOTFOUND when there is no such version.
	RestoreDraft(ctx context.Context, versionID int64) (*Draft, error)
}

// PrepareVersion prepares a kept version's document for reading: its
// pages get keys 1, 2, ... in reading order as IDs (they are not the
// published pages') and their paths.
func PrepareVersion(orgID int64, doc *Document) {
	doc.ID, doc.OrganisationID = 0, orgID
	doc.SetPaths()
	var key int64
	_ = doc.Walk(func(p *Page) error {
		key++
		p.ID, p.DocumentID, p.ParentID = key, 0, 0
		return nil
	})
}

// actorKey carries the signed-in user in a context.
type actorKey struct{}

// WithActor returns a context whose writes are done by u: the audit log
// names them.
func WithActor(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, actorKey{}, u)
}

// ActorFrom returns the user of WithActor, or nil (the command line, an
// import).
func ActorFrom(ctx context.Context) *User {
	u, _ := ctx.Value(actorKey{}).(*User)
	return u
}

// Replace puts doc in the place of the draft's document as a whole (a
// bundle delivered again through the write API) and returns the keys of
// its pages, which are new, after the draft's: a save based on the old
// pages is stale. As with NewDraft, a draft of a published document takes
// the pages' own paths as their origins.
func (d *Draft) Replace(doc *Document) []int64 {
	doc.ID, doc.OrganisationID = 0, d.OrganisationID
	doc.SetPaths()
	d.Document, d.Origins = doc, map[int64]string{}
	var keys []int64
	_ = doc.Walk(func(p *Page) error {
		p.ID, p.DocumentID, p.ParentID = d.NextKey, 0, 0
		if d.DocumentID != 0 {
			d.Origins[p.ID] = p.Path
		}
		keys = append(keys, p.ID)
		d.NextKey++
		return nil
	})
	return keys
}
