package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/koers-nl/koers"
)

// Drafts live in their own table, each a whole document in
// koers.EncodeDraft's form; the public tables hold only what is published.
// Writing a draft is not a write of content: it leaves the revision, and
// so every cache of published content, alone. Publishing, withdrawing and
// restoring are, and go through putDocument and deleteDocument like any
// other write of a document.
//
// A version keeps a published document's content in the same form: a
// draft with the document and no bookkeeping (EncodeDraft of a Draft with
// only its Document), so that one versioned decoder reads both. A version
// is current when the public sees it now; a published document whose
// updated_at no current version matches (written by `koers import`) is
// kept as a version of its own before anything replaces it.

var draftColumns = "id, organisation_id, COALESCE(document_id, 0), version, base, created_at, updated_at, COALESCE(updated_by, 0), body, " + reviewColumns("")

func scanDraft(row interface{ Scan(...any) error }) (*koers.Draft, error) {
	var d koers.Draft
	var body []byte
	if err := row.Scan(append([]any{&d.ID, &d.OrganisationID, &d.DocumentID, &d.Version, timeScan{&d.Base}, timeScan{&d.CreatedAt},
		timeScan{&d.UpdatedAt}, &d.UpdatedBy, &body}, reviewDest(&d.Review)...)...); err != nil {
		return nil, err
	}
	if err := koers.DecodeDraft(body, &d); err != nil {
		return nil, fmt.Errorf("draft %d: %w", d.ID, err)
	}
	d.Document.OrganisationID = d.OrganisationID
	return &d, nil
}

// loadDraft reads the draft with id in q; lock keeps others from writing
// it until q ends.
func loadDraft(q q, id int64, lock bool) (*koers.Draft, error) {
	query := "SELECT " + draftColumns + " FROM drafts WHERE id = ?"
	if lock {
		query += q.s.dialect.ForUpdate()
	}
	d, err := scanDraft(q.queryRow(query, id))
	if err != nil {
		return nil, notFound(err, "Concept %d bestaat niet.", id)
	}
	return d, loadEditors(q, map[int64]*koers.Review{d.ID: &d.Review}, "draft_id = ?", d.ID)
}

// loadOrganisation reads an organisation in q.
func loadOrganisation(q q, id int64) (*koers.Organisation, error) {
	org, err := scanOrganisation(q.queryRow("SELECT "+organisationColumns+" FROM organisations WHERE id = ?", id))
	if err != nil {
		return nil, notFound(err, "Organisatie %d bestaat niet.", id)
	}
	return org, nil
}

// actorID is the ID of q's actor, NULL for none.
func (q q) actorID() sql.NullInt64 {
	if q.actor == nil {
		return sql.NullInt64{}
	}
	return nullID(q.actor.ID)
}

// slugFree refuses a slug that another document or draft of the
// organisation has: documentID and draftID are the draft's own (0: none).
func slugFree(q q, orgID int64, slug string, documentID, draftID int64) error {
	var docs, drafts int
	if err := q.queryRow("SELECT count(*) FROM documents WHERE organisation_id = ? AND slug = ? AND id <> ?",
		orgID, slug, documentID).Scan(&docs); err != nil {
		return err
	}
	if docs > 0 {
		return koers.Errorf(koers.ECONFLICT, "Er is al een gepubliceerd document met het adres %q.", slug)
	}
	if err := q.queryRow("SELECT count(*) FROM drafts WHERE organisation_id = ? AND slug = ? AND id <> ?",
		orgID, slug, draftID).Scan(&drafts); err != nil {
		return err
	}
	if drafts > 0 {
		return koers.Errorf(koers.ECONFLICT, "Er is al een concept met het adres %q.", slug)
	}
	return nil
}

// Drafts lists an organisation's drafts, newest change first.
func (s *Store) Drafts(ctx context.Context, orgID int64) ([]koers.DraftSummary, error) {
	var out []koers.DraftSummary
	err := s.read(ctx, func(q q) error {
		err := q.each(`SELECT d.id, d.organisation_id, COALESCE(d.document_id, 0), d.kind, d.year, d.sequence, d.title, d.slug,
				d.version, d.updated_at, COALESCE(u.email, ''), `+reviewColumns("d.")+`
			FROM drafts d LEFT JOIN users u ON u.id = d.updated_by
			WHERE d.organisation_id = ? ORDER BY d.updated_at DESC, d.id DESC`, []any{orgID}, func(rows *sql.Rows) error {
			var d koers.DraftSummary
			if err := rows.Scan(append([]any{&d.ID, &d.OrganisationID, &d.DocumentID, &d.Kind, &d.Year, &d.Sequence, &d.Title, &d.Slug,
				&d.Version, timeScan{&d.UpdatedAt}, &d.UpdatedBy}, reviewDest(&d.Review)...)...); err != nil {
				return err
			}
			out = append(out, d)
			return nil
		})
		if err != nil {
			return err
		}
		byID := map[int64]*koers.Review{}
		for i := range out {
			byID[out[i].ID] = &out[i].Review
		}
		return loadEditors(q, byID, "draft_id IN (SELECT id FROM drafts WHERE organisation_id = ?)", orgID)
	})
	if err != nil {
		return nil, fmt.Errorf("drafts: %w", err)
	}
	return out, nil
}

// Draft returns a draft with its content.
func (s *Store) Draft(ctx context.Context, id int64) (*koers.Draft, error) {
	var d *koers.Draft
	err := s.read(ctx, func(q q) (err error) {
		d, err = loadDraft(q, id, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// DraftOf returns the draft of a published document, or nil.
func (s *Store) DraftOf(ctx context.Context, documentID int64) (*koers.Draft, error) {
	var d *koers.Draft
	err := s.read(ctx, func(q q) (err error) {
		d, err = scanDraft(q.queryRow("SELECT "+draftColumns+" FROM drafts WHERE document_id = ?", documentID))
		if errors.Is(err, sql.ErrNoRows) {
			d, err = nil, nil
		}
		if err != nil || d == nil {
			return err
		}
		return loadEditors(q, map[int64]*koers.Review{d.ID: &d.Review}, "draft_id = ?", d.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("draft of document %d: %w", documentID, err)
	}
	return d, nil
}

// StartDraft stores a new draft.
func (s *Store) StartDraft(ctx context.Context, d *koers.Draft, change koers.DraftChange) error {
	if d.Document == nil {
		return koers.Errorf(koers.EINVALID, "Een concept heeft een document nodig.")
	}
	return s.tx(ctx, false, func(q q) error {
		org, doc, err := checkDraft(q, d)
		if err != nil {
			return err
		}
		if d.DocumentID != 0 {
			var orgID int64
			if err := q.queryRow("SELECT organisation_id FROM documents WHERE id = ?", d.DocumentID).Scan(&orgID); err != nil {
				return notFound(err, "Document %d bestaat niet.", d.DocumentID)
			}
			if orgID != org.ID {
				return koers.Errorf(koers.EINVALID, "Document %d hoort niet bij deze organisatie.", d.DocumentID)
			}
			var n int
			if err := q.queryRow("SELECT count(*) FROM drafts WHERE document_id = ?", d.DocumentID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return koers.Errorf(koers.ECONFLICT, "Dit document heeft al een concept.")
			}
		}
		if err := slugFree(q, org.ID, doc.Slug, d.DocumentID, 0); err != nil {
			return err
		}
		if err := insertDraft(q, org, doc, d); err != nil {
			return err
		}
		return q.audit(draftEntry(org.ID, doc.Slug, change, koers.AuditDraftStart))
	})
}

// insertDraft writes a new draft d of org, whose document is doc, and
// gives it its ID and times.
func insertDraft(q q, org *koers.Organisation, doc *koers.Document, d *koers.Draft) error {
	body, err := koers.EncodeDraft(d)
	if err != nil {
		return err
	}
	d.Base = micro(d.Base)
	d.CreatedAt, d.UpdatedAt = q.now, q.now
	d.UpdatedBy = q.actorID().Int64
	d.ID, err = q.id(`INSERT INTO drafts (organisation_id, document_id, slug, kind, year, sequence, title, body,
			version, base, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		org.ID, nullID(d.DocumentID), doc.Slug, string(doc.Kind), doc.Year, doc.Sequence, doc.Title, body,
		d.Version, q.time(d.Base), q.time(q.now), q.time(q.now), q.actorID())
	if err != nil {
		return fmt.Errorf("start draft %s: %w", doc.Slug, err)
	}
	// Whoever starts a draft wrote its content (four eyes).
	d.Review = koers.Review{State: koers.Concept}
	d.Review.Edited(q.actorID().Int64)
	return putEditor(q, d.ID)
}

// draftEntry is the audit entry of a change of a draft; the action is
// the change's, or def.
func draftEntry(orgID int64, slug string, c koers.DraftChange, def koers.AuditAction) koers.AuditEntry {
	if c.Action == "" {
		c.Action = def
	}
	return koers.AuditEntry{Action: c.Action, OrganisationID: orgID, Document: slug, Page: c.Page, Block: c.Block,
		Before: c.Before, After: c.After}
}

// ChangeDraft changes a draft in one transaction; see koers.Drafts. An
// error of change is returned as it is, and nothing is written.
func (s *Store) ChangeDraft(ctx context.Context, id int64, change func(d *koers.Draft) (koers.DraftChange, error)) (*koers.Draft, error) {
	var out *koers.Draft
	var changeErr error
	err := s.tx(ctx, false, func(q q) error {
		d, err := loadDraft(q, id, true)
		if err != nil {
			return err
		}
		c, err := change(d)
		if err != nil {
			changeErr = err
			return err
		}
		d.Touch(c.Keys...)
		// What a beoordelaar saw is no longer what the draft holds.
		d.Review.Edited(q.actorID().Int64)
		org, doc, err := checkDraft(q, d)
		if err != nil {
			return err
		}
		if err := slugFree(q, org.ID, doc.Slug, d.DocumentID, d.ID); err != nil {
			return err
		}
		body, err := koers.EncodeDraft(d)
		if err != nil {
			return err
		}
		if _, err := q.exec(`UPDATE drafts SET slug = ?, kind = ?, year = ?, sequence = ?, title = ?, body = ?,
				version = ?, updated_at = ?, updated_by = ?
			WHERE id = ?`, doc.Slug, string(doc.Kind), doc.Year, doc.Sequence, doc.Title, body,
			d.Version, q.time(q.now), q.actorID(), d.ID); err != nil {
			return fmt.Errorf("change draft %d: %w", id, err)
		}
		if err := putReview(q, d); err != nil {
			return err
		}
		if err := putEditor(q, d.ID); err != nil {
			return err
		}
		d.UpdatedAt, d.UpdatedBy = q.now, q.actorID().Int64
		out = d
		return q.audit(draftEntry(org.ID, doc.Slug, c, koers.AuditDraftChange))
	})
	if changeErr != nil {
		return nil, changeErr
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DiscardDraft deletes a draft.
func (s *Store) DiscardDraft(ctx context.Context, id int64) error {
	return s.tx(ctx, false, func(q q) error {
		var orgID int64
		var slug string
		if err := q.queryRow("SELECT organisation_id, slug FROM drafts WHERE id = ?", id).Scan(&orgID, &slug); err != nil {
			return notFound(err, "Concept %d bestaat niet.", id)
		}
		if _, err := q.exec("DELETE FROM drafts WHERE id = ?", id); err != nil {
			return fmt.Errorf("discard draft %d: %w", id, err)
		}
		return q.audit(koers.AuditEntry{Action: koers.AuditDraftDiscard, OrganisationID: orgID, Document: slug})
	})
}

// Publish makes a draft the published document; see koers.Drafts.
func (s *Store) Publish(ctx context.Context, id int64, note string) (*koers.Document, error) {
	var out *koers.Document
	err := s.write(ctx, func(q q) (err error) {
		out, err = publishDraft(q, id, note)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("publish draft %d: %w", id, err)
	}
	return out, nil
}

// publishDraft publishes the draft with id in q, by q's actor, with note
// for its version: Publish now, PublishDue at its time.
func publishDraft(q q, id int64, note string) (*koers.Document, error) {
	d, err := loadDraft(q, id, true)
	if err != nil {
		return nil, err
	}
	org, doc, err := checkDraft(q, d)
	if err != nil {
		return nil, err
	}
	if q.actor != nil {
		if err := d.Review.Publishable(q.actor, org); err != nil {
			return nil, err
		}
	} else if d.Review.State != koers.Approved { // the command line: any role, but not what no one approved
		return nil, koers.Errorf(koers.ECONFLICT, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.")
	}
	if err := koers.ValidateNote(note); err != nil {
		return nil, err
	}
	// Also for a draft approved before roll-forward's placeholders were
	// refused at submitting.
	if err := koers.CheckFilled(doc); err != nil {
		return nil, err
	}
	// Before putDocument, which gives the pages their published IDs:
	// the draft knows them by key.
	moves := d.Redirects()
	if d.DocumentID != 0 {
		pub, err := scanDocument(q.queryRow("SELECT "+documentColumns+" FROM documents WHERE id = ?"+q.s.dialect.ForUpdate(), d.DocumentID))
		if err != nil {
			return nil, notFound(err, "Document %d bestaat niet.", d.DocumentID)
		}
		if !micro(pub.UpdatedAt).Equal(micro(d.Base)) {
			return nil, koers.Errorf(koers.ECONFLICT, "Het gepubliceerde document is gewijzigd sinds dit concept begon; begin een nieuw concept of neem de wijzigingen over.")
		}
		if err := keepCurrent(q, pub); err != nil {
			return nil, err
		}
		if pub.Slug != doc.Slug {
			// The draft renamed the document: the row, and its
			// versions, take the new slug, so that putDocument
			// replaces this document and no other.
			if err := slugFree(q, org.ID, doc.Slug, pub.ID, d.ID); err != nil {
				return nil, err
			}
			if _, err := q.exec("UPDATE documents SET slug = ? WHERE id = ?", doc.Slug, pub.ID); err != nil {
				return nil, err
			}
			if err := moveVersions(q, org.ID, pub.Slug, doc.Slug); err != nil {
				return nil, err
			}
		}
	} else if err := slugFree(q, org.ID, doc.Slug, 0, d.ID); err != nil {
		return nil, err
	}
	if err := replaceCurrent(q, org, doc, note); err != nil {
		return nil, err
	}
	if err := putRedirects(q, doc, moves); err != nil {
		return nil, err
	}
	if _, err := q.exec("DELETE FROM drafts WHERE id = ?", id); err != nil {
		return nil, err
	}
	return doc, q.audit(koers.AuditEntry{Action: koers.AuditPublish, OrganisationID: org.ID, Document: doc.Slug, After: doc.Title})
}

// replaceCurrent publishes doc in q: its slug's versions are no longer
// current, doc is written and kept as the current version, by q's actor.
func replaceCurrent(q q, org *koers.Organisation, doc *koers.Document, note string) error {
	if _, err := q.exec("UPDATE versions SET current = ? WHERE organisation_id = ? AND slug = ?", false, org.ID, doc.Slug); err != nil {
		return err
	}
	if err := putDocument(q, org, doc); err != nil {
		return err
	}
	return putVersion(q, doc, q.now, q.actorID(), true, note)
}

// keepCurrent makes sure the published document pub (without its tree)
// is kept as a version: it is when a current version was published at
// its updated_at; otherwise (an import wrote it) it is kept now.
func keepCurrent(q q, pub *koers.Document) error {
	var n int
	if err := q.queryRow("SELECT count(*) FROM versions WHERE organisation_id = ? AND slug = ? AND current = ? AND published_at = ?",
		pub.OrganisationID, pub.Slug, true, q.time(pub.UpdatedAt)).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if err := loadTree(q, pub, true); err != nil {
		return err
	}
	return putVersion(q, pub, pub.UpdatedAt, sql.NullInt64{}, false, "")
}

// putVersion keeps doc, with its content, as a version.
func putVersion(q q, doc *koers.Document, at time.Time, by sql.NullInt64, current bool, note string) error {
	body, err := koers.EncodeDraft(&koers.Draft{Document: doc})
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = q.now
	}
	// The number follows the slug's last: the write lock of the
	// transaction (and the unique index) keeps two from taking one.
	var number int
	if err := q.queryRow("SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE organisation_id = ? AND slug = ?", doc.OrganisationID, doc.Slug).Scan(&number); err != nil {
		return fmt.Errorf("number version of %s: %w", doc.Slug, err)
	}
	_, err = q.exec(`INSERT INTO versions (organisation_id, slug, title, body, published_at, published_by, current, number, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, doc.OrganisationID, doc.Slug, doc.Title, body, q.time(at), by, current, number, clean(note))
	if err != nil {
		return fmt.Errorf("keep version of %s: %w", doc.Slug, err)
	}
	return nil
}

// putRedirects records the moves of a publication (old path to new) for
// the document just written: redirects that led to a moved path lead to
// its new one, and none remains from a path that is a page again.
func putRedirects(q q, doc *koers.Document, moves map[string]string) error {
	all := map[string]string{}
	err := q.each("SELECT old_path, new_path FROM page_redirects WHERE document_id = ?", []any{doc.ID}, func(rows *sql.Rows) error {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return err
		}
		all[from] = to
		return nil
	})
	if err != nil {
		return err
	}
	for from, to := range all {
		if moved, ok := moves[to]; ok {
			all[from] = moved
		}
	}
	maps.Copy(all, moves)
	live := map[string]bool{}
	_ = doc.Walk(func(p *koers.Page) error {
		live[p.Path] = true
		return nil
	})
	if _, err := q.exec("DELETE FROM page_redirects WHERE document_id = ?", doc.ID); err != nil {
		return err
	}
	for _, from := range slices.Sorted(maps.Keys(all)) {
		if to := all[from]; !live[from] && from != to {
			if _, err := q.exec("INSERT INTO page_redirects (document_id, old_path, new_path) VALUES (?, ?, ?)", doc.ID, from, to); err != nil {
				return fmt.Errorf("redirect %s: %w", from, err)
			}
		}
	}
	return nil
}

// Withdraw takes a published document off the public site, keeping it as
// a version.
func (s *Store) Withdraw(ctx context.Context, documentID int64) error {
	return s.write(ctx, func(q q) error {
		pub, err := scanDocument(q.queryRow("SELECT "+documentColumns+" FROM documents WHERE id = ?", documentID))
		if err != nil {
			return notFound(err, "Document %d bestaat niet.", documentID)
		}
		if err := keepCurrent(q, pub); err != nil {
			return err
		}
		if _, err := q.exec("UPDATE versions SET current = ? WHERE organisation_id = ? AND slug = ?", false, pub.OrganisationID, pub.Slug); err != nil {
			return err
		}
		if err := deleteDocument(q, documentID); err != nil {
			return err
		}
		return q.audit(koers.AuditEntry{Action: koers.AuditWithdraw, OrganisationID: pub.OrganisationID, Document: pub.Slug, Before: pub.Title})
	})
}

// Versions lists the kept versions of a document by slug, newest first.
func (s *Store) Versions(ctx context.Context, orgID int64, slug string) ([]koers.Version, error) {
	var out []koers.Version
	err := s.read(ctx, func(q q) error {
		return q.each(`SELECT v.id, v.organisation_id, v.slug, v.title, v.published_at, COALESCE(u.email, ''), COALESCE(u.name, ''),
				v.current, v.number, v.note
			FROM versions v LEFT JOIN users u ON u.id = v.published_by
			WHERE v.organisation_id = ? AND v.slug = ? ORDER BY v.number DESC`, []any{orgID, slug}, func(rows *sql.Rows) error {
			var v koers.Version
			if err := rows.Scan(&v.ID, &v.OrganisationID, &v.Slug, &v.Title, timeScan{&v.PublishedAt}, &v.PublishedBy, &v.PublisherName,
				&v.Current, &v.Number, &v.Note); err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("versions of %s: %w", slug, err)
	}
	return out, nil
}

// RestoreDraft starts a draft with a kept version's content; see
// koers.Drafts. Nothing is published: the draft is reviewed and published
// like any other, and then kept as a version of its own.
func (s *Store) RestoreDraft(ctx context.Context, versionID int64) (*koers.Draft, error) {
	var out *koers.Draft
	err := s.tx(ctx, false, func(q q) error {
		var orgID int64
		var slug string
		var number int
		var body []byte
		if err := q.queryRow("SELECT organisation_id, slug, number, body FROM versions WHERE id = ?", versionID).Scan(&orgID, &slug, &number, &body); err != nil {
			return notFound(err, "Versie %d bestaat niet.", versionID)
		}
		var kept koers.Draft
		if err := koers.DecodeDraft(body, &kept); err != nil {
			return fmt.Errorf("version %d: %w", versionID, err)
		}
		kept.Document.Slug = slug
		d := koers.NewDraft(orgID, kept.Document, false)
		var pubID int64
		var pubAt time.Time
		err := q.queryRow("SELECT id, updated_at FROM documents WHERE organisation_id = ? AND slug = ?", orgID, slug).Scan(&pubID, timeScan{&pubAt})
		switch {
		case err == nil:
			d.DocumentID, d.Base = pubID, micro(pubAt)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		var n int
		if err := q.queryRow("SELECT count(*) FROM drafts WHERE organisation_id = ? AND (slug = ? OR document_id = ?)",
			orgID, slug, pubID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return koers.Errorf(koers.ECONFLICT, "Er is al een concept van dit document. Publiceer of verwijder dat concept eerst; dan kunt u deze versie herstellen.")
		}
		org, doc, err := checkDraft(q, d)
		if err != nil {
			return err
		}
		if err := insertDraft(q, org, doc, d); err != nil {
			return err
		}
		out = d
		return q.audit(koers.AuditEntry{Action: koers.AuditRestore, OrganisationID: org.ID, Document: slug,
			Before: "versie " + strconv.Itoa(number), After: doc.Title})
	})
	if err != nil {
		return nil, fmt.Errorf("restore version %d as a draft: %w", versionID, err)
	}
	return out, nil
}

// moveVersions gives the versions of a renamed document its new slug.
// The new slug may have versions already, of a document withdrawn from
// it: the moved ones are numbered after those, in their order, so that
// every number stays one version's (an old address of the renamed
// document's versions then moves; the withdrawn one's stay).
func moveVersions(q q, orgID int64, from, to string) error {
	var last int
	if err := q.queryRow("SELECT COALESCE(MAX(number), 0) FROM versions WHERE organisation_id = ? AND slug = ?", orgID, to).Scan(&last); err != nil {
		return err
	}
	if _, err := q.exec("UPDATE versions SET slug = ?, number = number + ? WHERE organisation_id = ? AND slug = ?", to, last, orgID, from); err != nil {
		return fmt.Errorf("move versions of %s to %s: %w", from, to, err)
	}
	return nil
}

// Redirect returns where a moved page of a document is now, or "".
func (s *Store) Redirect(ctx context.Context, documentID int64, path string) (string, error) {
	var to string
	err := s.db.QueryRowContext(ctx, s.dialect.Rebind("SELECT new_path FROM page_redirects WHERE document_id = ? AND old_path = ?"),
		documentID, path).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("redirect %s: %w", path, err)
	}
	return to, nil
}

// checkDraft reads the draft's organisation and holds its document to the
// domain's rules, as that organisation's.
func checkDraft(q q, d *koers.Draft) (*koers.Organisation, *koers.Document, error) {
	org, err := loadOrganisation(q, d.OrganisationID)
	if err != nil {
		return nil, nil, err
	}
	doc := d.Document
	doc.OrganisationID = org.ID
	if err := koers.ValidateDocument(org, doc); err != nil {
		return nil, nil, err
	}
	return org, doc, nil
}
