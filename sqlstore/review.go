package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/koers-nl/koers"
)

// A draft's review lives in its row (state, who took the last step and
// when, the scheduled publication and its note), who edited it in
// draft_editors and the beoordelaars' comments in review_comments. The
// domain decides every step (koers.Review); these methods load, decide
// and write in one transaction, and audit each step.

// reviewColumns are a draft's review columns, with the table's alias.
func reviewColumns(alias string) string {
	return alias + "state, COALESCE(" + alias + "state_by, 0), " + alias + "state_at, " + alias + "publish_at, COALESCE(" +
		alias + "publish_by, 0), " + alias + "note"
}

// reviewDest are where scanDraft reads reviewColumns.
func reviewDest(r *koers.Review) []any {
	return []any{(*string)(&r.State), &r.StateBy, nullTime{&r.StateAt}, nullTime{&r.PublishAt}, &r.PublishBy, &r.Note}
}

// nullTime reads a time column that may be NULL: the zero time.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(v any) error {
	if v == nil {
		*n.t = time.Time{}
		return nil
	}
	return timeScan(n).Scan(v)
}

// nullTime is t for a nullable column: NULL for the zero time.
func (q q) nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return q.time(t)
}

// loadEditors fills the editors of the reviews by draft ID, of the drafts
// that where selects, in one query.
func loadEditors(q q, byID map[int64]*koers.Review, where string, args ...any) error {
	return q.each("SELECT draft_id, user_id FROM draft_editors WHERE "+where+" ORDER BY draft_id, user_id", args, func(rows *sql.Rows) error {
		var draft, user int64
		if err := rows.Scan(&draft, &user); err != nil {
			return err
		}
		if r := byID[draft]; r != nil {
			r.Editors = append(r.Editors, user)
		}
		return nil
	})
}

// putReview writes the review of d in q.
func putReview(q q, d *koers.Draft) error {
	r := &d.Review
	_, err := q.exec("UPDATE drafts SET state = ?, state_by = ?, state_at = ?, publish_at = ?, publish_by = ?, note = ? WHERE id = ?",
		string(r.State), nullID(r.StateBy), q.nullTime(r.StateAt), q.nullTime(r.PublishAt), nullID(r.PublishBy), clean(r.Note), d.ID)
	if err != nil {
		return fmt.Errorf("review of draft %d: %w", d.ID, err)
	}
	return nil
}

// putEditor records q's actor as an editor of the draft. An actor
// without an account (an API token, koers.APIToken.Actor) is no one's
// edit: it counts against no beoordelaar's four eyes.
func putEditor(q q, draftID int64) error {
	if q.actor == nil || q.actor.ID == 0 {
		return nil
	}
	_, err := q.exec("INSERT INTO draft_editors (draft_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING", draftID, q.actor.ID)
	if err != nil {
		return fmt.Errorf("editor of draft %d: %w", draftID, err)
	}
	return nil
}

// lockDraftOf reads and locks the draft with id in q, with its
// organisation: what a review step decides on.
func lockDraftOf(q q, id int64) (*koers.Draft, *koers.Organisation, error) {
	d, err := loadDraft(q, id, true)
	if err != nil {
		return nil, nil, err
	}
	org, err := loadOrganisation(q, d.OrganisationID)
	return d, org, err
}

// StepDraft takes a review step; see koers.Reviews.
func (s *Store) StepDraft(ctx context.Context, id int64, step koers.ReviewStep, comments []koers.ReviewComment) (*koers.Draft, error) {
	var out *koers.Draft
	err := s.tx(ctx, false, func(q q) error {
		d, org, err := lockDraftOf(q, id)
		if err != nil {
			return err
		}
		if step == koers.Return {
			for i := range comments {
				if err := comments[i].Validate(); err != nil {
					return err
				}
			}
		} else {
			comments = nil // only a return carries comments
		}
		if err := d.Review.Step(q.actor, org, step, len(comments), q.now); err != nil {
			return err
		}
		if step == koers.Submit {
			// What roll-forward left to fill in is not for review.
			if err := koers.CheckFilled(d.Document); err != nil {
				return err
			}
		}
		for i := range comments {
			if err := putComment(q, d, &comments[i]); err != nil {
				return err
			}
		}
		if err := putReview(q, d); err != nil {
			return err
		}
		out = d
		return q.audit(koers.AuditEntry{Action: step.Audit(), OrganisationID: org.ID, Document: d.Document.Slug,
			After: d.Review.State.Label()})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// putComment checks c against the draft d and stores it with d's version
// and q's actor.
func putComment(q q, d *koers.Draft, c *koers.ReviewComment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.PageKey != 0 {
		p := d.Page(c.PageKey)
		if p == nil {
			return koers.Errorf(koers.EINVALID, "Deze pagina staat niet in het concept.")
		}
		if c.Block > len(p.Blocks) {
			return koers.Errorf(koers.EINVALID, "Deze pagina heeft geen blok %d.", c.Block)
		}
	} else if c.Block != 0 {
		return koers.Errorf(koers.EINVALID, "Een opmerking bij een blok hoort bij een pagina.")
	}
	c.DraftID, c.Version, c.Resolved, c.CreatedAt = d.ID, d.Version, false, q.now
	c.AuthorID, c.Author = q.actorID().Int64, ""
	if q.actor != nil {
		c.Author = q.actor.Email
	}
	var err error
	c.ID, err = q.id(`INSERT INTO review_comments (draft_id, version, page_key, block, text, resolved, author_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.ID, d.Version, c.PageKey, c.Block, clean(c.Text), false, q.actorID(), q.time(q.now))
	if err != nil {
		return fmt.Errorf("comment on draft %d: %w", d.ID, err)
	}
	return nil
}

// commentPlace is where a comment is, for the audit log.
func commentPlace(d *koers.Draft, c *koers.ReviewComment) (page, block string) {
	if p := d.Page(c.PageKey); p != nil {
		page = p.Path
	}
	if c.Block > 0 {
		block = fmt.Sprint(c.Block)
	}
	return page, block
}

// Comment adds a comment to a draft in review; see koers.Reviews.
func (s *Store) Comment(ctx context.Context, c *koers.ReviewComment) error {
	return s.tx(ctx, false, func(q q) error {
		d, err := loadDraft(q, c.DraftID, true)
		if err != nil {
			return err
		}
		if !koers.Can(q.actor, koers.ReviewDrafts, d.OrganisationID) {
			return koers.Errorf(koers.EFORBIDDEN, "Alleen een beoordelaar kan een opmerking plaatsen.")
		}
		if d.Review.State != koers.InReview {
			return koers.Errorf(koers.ECONFLICT, "Opmerkingen plaatst u bij een concept dat ter beoordeling ligt.")
		}
		if err := putComment(q, d, c); err != nil {
			return err
		}
		page, block := commentPlace(d, c)
		return q.audit(koers.AuditEntry{Action: koers.AuditComment, OrganisationID: d.OrganisationID, Document: d.Document.Slug,
			Page: page, Block: block, After: c.Text})
	})
}

// ResolveComment marks a comment dealt with; see koers.Reviews.
func (s *Store) ResolveComment(ctx context.Context, draftID, commentID int64) error {
	return s.tx(ctx, false, func(q q) error {
		d, err := loadDraft(q, draftID, true)
		if err != nil {
			return err
		}
		if !koers.Can(q.actor, koers.EditDrafts, d.OrganisationID) && !koers.Can(q.actor, koers.ReviewDrafts, d.OrganisationID) {
			return koers.Errorf(koers.EFORBIDDEN, "Alleen een redacteur of beoordelaar kan een opmerking afhandelen.")
		}
		var c koers.ReviewComment
		if err := q.queryRow("SELECT page_key, block, text FROM review_comments WHERE id = ? AND draft_id = ?", commentID, draftID).
			Scan(&c.PageKey, &c.Block, &c.Text); err != nil {
			return notFound(err, "Opmerking %d bestaat niet.", commentID)
		}
		if _, err := q.exec("UPDATE review_comments SET resolved = ? WHERE id = ?", true, commentID); err != nil {
			return err
		}
		page, block := commentPlace(d, &c)
		return q.audit(koers.AuditEntry{Action: koers.AuditResolve, OrganisationID: d.OrganisationID, Document: d.Document.Slug,
			Page: page, Block: block, Before: c.Text})
	})
}

// Comments lists a draft's comments, oldest first.
func (s *Store) Comments(ctx context.Context, draftID int64) ([]koers.ReviewComment, error) {
	var out []koers.ReviewComment
	err := s.read(ctx, func(q q) error {
		return q.each(`SELECT c.id, c.draft_id, c.version, c.page_key, c.block, c.text, c.resolved, COALESCE(c.author_id, 0),
				COALESCE(u.email, ''), c.created_at
			FROM review_comments c LEFT JOIN users u ON u.id = c.author_id
			WHERE c.draft_id = ? ORDER BY c.id`, []any{draftID}, func(rows *sql.Rows) error {
			var c koers.ReviewComment
			if err := rows.Scan(&c.ID, &c.DraftID, &c.Version, &c.PageKey, &c.Block, &c.Text, &c.Resolved, &c.AuthorID,
				&c.Author, timeScan{&c.CreatedAt}); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("comments of draft %d: %w", draftID, err)
	}
	return out, nil
}

// Schedule sets or clears when an approved draft is published; see
// koers.Reviews.
func (s *Store) Schedule(ctx context.Context, id int64, at time.Time, note string) error {
	return s.tx(ctx, false, func(q q) error {
		d, org, err := lockDraftOf(q, id)
		if err != nil {
			return err
		}
		after := "geen"
		if at.IsZero() {
			if !koers.Can(q.actor, koers.PublishDocuments, org.ID) {
				return koers.Errorf(koers.EFORBIDDEN, "Alleen een publicist kan een document publiceren.")
			}
			d.Review.PublishAt, d.Review.PublishBy = time.Time{}, 0
		} else {
			if err := d.Review.Schedule(q.actor, org, micro(at), note); err != nil {
				return err
			}
			after = d.Review.PublishAt.Format(time.RFC3339)
		}
		if err := putReview(q, d); err != nil {
			return err
		}
		return q.audit(koers.AuditEntry{Action: koers.AuditSchedule, OrganisationID: org.ID, Document: d.Document.Slug, After: after})
	})
}

// PublishDue publishes the drafts whose time has come; see koers.Reviews.
// Each is claimed and published in one write transaction: the claim
// clears its time only where it is still set, so that of several
// instances checking at once exactly one changes the row and goes on.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]*koers.Document, error) {
	var due []int64
	err := s.read(ctx, func(q q) error {
		return q.each("SELECT id FROM drafts WHERE publish_at IS NOT NULL AND publish_at <= ? ORDER BY publish_at, id",
			[]any{q.time(now)}, func(rows *sql.Rows) error {
				var id int64
				if err := rows.Scan(&id); err != nil {
					return err
				}
				due = append(due, id)
				return nil
			})
	})
	if err != nil {
		return nil, fmt.Errorf("due drafts: %w", err)
	}
	var out []*koers.Document
	var failed []error // a draft that fails keeps none after it from its time
	for _, id := range due {
		var doc *koers.Document
		var publishErr error
		err := s.write(ctx, func(q q) error {
			var by int64
			var note string
			if err := q.queryRow("SELECT COALESCE(publish_by, 0), note FROM drafts WHERE id = ?", id).Scan(&by, &note); err != nil {
				return notFound(err, "Concept %d bestaat niet.", id)
			}
			res, err := q.exec("UPDATE drafts SET publish_at = NULL WHERE id = ? AND publish_at IS NOT NULL AND publish_at <= ?", id, q.time(now))
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return err // another instance took it, or a publicist cleared it
			}
			// As the publicist who scheduled it: they are named in the
			// log, and their right to publish is checked now.
			q.actor, err = scanUser(q.queryRow("SELECT "+userColumns+" FROM users u WHERE u.id = ?", by))
			if err != nil {
				q.actor = &koers.User{} // gone: nobody may publish
			} else if err := loadGrants(q, []*koers.User{q.actor}, "?", by); err != nil {
				return err
			}
			doc, publishErr = publishDraft(q, id, note)
			return publishErr
		})
		if publishErr != nil && koers.ErrorCode(publishErr) != koers.EINTERNAL {
			if err := s.unschedule(ctx, id, now, publishErr); err != nil {
				failed = append(failed, err)
			}
			continue
		}
		if err != nil {
			if koers.ErrorCode(err) == koers.ENOTFOUND {
				continue // discarded or published since the list was read
			}
			if ctx.Err() != nil {
				return out, err
			}
			failed = append(failed, fmt.Errorf("publish draft %d at its time: %w", id, err))
			continue
		}
		if doc != nil {
			out = append(out, doc)
		}
	}
	return out, errors.Join(failed...)
}

// unschedule clears the time of a draft that could not be published at
// it, and records why; only the instance whose claim changes the row
// records it.
func (s *Store) unschedule(ctx context.Context, id int64, now time.Time, why error) error {
	return s.tx(ctx, false, func(q q) error {
		var orgID int64
		var slug string
		if err := q.queryRow("SELECT organisation_id, slug FROM drafts WHERE id = ?", id).Scan(&orgID, &slug); err != nil {
			return notFound(err, "Concept %d bestaat niet.", id)
		}
		res, err := q.exec("UPDATE drafts SET publish_at = NULL, publish_by = NULL WHERE id = ? AND publish_at IS NOT NULL AND publish_at <= ?",
			id, q.time(now))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return err
		}
		return q.audit(koers.AuditEntry{Action: koers.AuditScheduleFailed, OrganisationID: orgID, Document: slug,
			After: koers.ErrorMessage(why)})
	})
}
