package koers

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// A draft is reviewed before it is published: a redacteur submits it, a
// beoordelaar returns it with comments or approves it, a publicist
// publishes it, at once or at a set time. The domain decides every step
// (Draft.Step); the store records it.

// ReviewState is where a draft is in its review.
type ReviewState string

// The review states, in the order of the work.
const (
	Concept  ReviewState = "concept"
	InReview ReviewState = "ter_beoordeling"
	Returned ReviewState = "teruggestuurd"
	Approved ReviewState = "goedgekeurd"
)

// ReviewStates lists every state.
var ReviewStates = []ReviewState{Concept, InReview, Returned, Approved}

// Label is the state as the back office names it.
func (s ReviewState) Label() string {
	switch s {
	case InReview:
		return "Ter beoordeling"
	case Returned:
		return "Teruggestuurd"
	case Approved:
		return "Goedgekeurd"
	}
	return "Concept"
}

// Valid reports whether s is a known state.
func (s ReviewState) Valid() bool {
	for _, r := range ReviewStates {
		if r == s {
			return true
		}
	}
	return false
}

// ReviewStep is one step of a review.
type ReviewStep string

// The steps.
const (
	Submit  ReviewStep = "submit"  // concept or teruggestuurd → ter beoordeling
	Return  ReviewStep = "return"  // ter beoordeling → teruggestuurd, with comments
	Approve ReviewStep = "approve" // ter beoordeling → goedgekeurd
	Reopen  ReviewStep = "reopen"  // goedgekeurd or ter beoordeling → concept
)

// Review is a draft's review: its state, who moved it there and when, and
// who changed its content (for four eyes).
type Review struct {
	State ReviewState
	// StateBy and StateAt are who took the step to State, and when.
	StateBy int64
	StateAt time.Time
	// Editors are the users who changed the draft's content since it was
	// started: none of them may approve it, unless the organisation allows
	// it (Organisation.SelfReview).
	Editors []int64
	// PublishAt is when an approved draft is to be published; zero when
	// it is not scheduled. PublishBy scheduled it.
	PublishAt time.Time
	PublishBy int64
	// Note is what the publication will say of itself on the Versies page.
	Note string
}

// EditedBy reports whether the user changed the draft.
func (r *Review) EditedBy(userID int64) bool {
	for _, id := range r.Editors {
		if id == userID {
			return true
		}
	}
	return false
}

// Edited records a change of the draft's content by the user: an approved
// or submitted draft goes back to concept (what was approved is no longer
// what it holds) and loses its scheduled time.
func (r *Review) Edited(userID int64) {
	if userID != 0 && !r.EditedBy(userID) {
		r.Editors = append(r.Editors, userID)
	}
	if r.State == InReview || r.State == Approved {
		r.State, r.PublishAt, r.PublishBy = Concept, time.Time{}, 0
	}
}

// Step decides whether u may take step on the draft of org with the given
// number of comments made with it, and takes it at now. A refused step is
// an EFORBIDDEN error (the role) or an ECONFLICT error (the state, four
// eyes), in Dutch.
func (r *Review) Step(u *User, org *Organisation, step ReviewStep, comments int, now time.Time) error {
	if u == nil {
		return Errorf(EFORBIDDEN, "Meld u aan.")
	}
	switch step {
	case Submit:
		if !Can(u, EditDrafts, org.ID) {
			return Errorf(EFORBIDDEN, "Alleen een redacteur kan een concept ter beoordeling aanbieden.")
		}
		if r.State != Concept && r.State != Returned {
			return Errorf(ECONFLICT, "Dit concept is al %s.", strings.ToLower(r.State.Label()))
		}
		r.State = InReview
	case Return:
		if !Can(u, ReviewDrafts, org.ID) {
			return Errorf(EFORBIDDEN, "Alleen een beoordelaar kan een concept terugsturen.")
		}
		if r.State != InReview {
			return Errorf(ECONFLICT, "Alleen een concept dat ter beoordeling ligt, kan worden teruggestuurd.")
		}
		if comments == 0 {
			return Errorf(EINVALID, "Schrijf bij het terugsturen minstens één opmerking.")
		}
		r.State = Returned
	case Approve:
		if !Can(u, ReviewDrafts, org.ID) {
			return Errorf(EFORBIDDEN, "Alleen een beoordelaar kan een concept goedkeuren.")
		}
		if r.State != InReview {
			return Errorf(ECONFLICT, "Alleen een concept dat ter beoordeling ligt, kan worden goedgekeurd.")
		}
		if r.EditedBy(u.ID) && !org.SelfReview {
			return Errorf(ECONFLICT, "U hebt dit concept zelf gewijzigd; een andere beoordelaar moet het goedkeuren (vier ogen).")
		}
		r.State = Approved
	case Reopen:
		if !Can(u, EditDrafts, org.ID) && !Can(u, ReviewDrafts, org.ID) {
			return Errorf(EFORBIDDEN, "Alleen een redacteur of beoordelaar kan een concept heropenen.")
		}
		if r.State != InReview && r.State != Approved {
			return Errorf(ECONFLICT, "Dit concept is al open voor wijzigingen.")
		}
		r.State = Concept
	default:
		return Errorf(EINVALID, "Onbekende stap %q.", string(step))
	}
	r.StateBy, r.StateAt = u.ID, now
	r.PublishAt, r.PublishBy = time.Time{}, 0
	return nil
}

// Schedule sets when an approved draft is published (now or earlier: at
// the next check) by u, a publicist.
func (r *Review) Schedule(u *User, org *Organisation, at time.Time, note string) error {
	if err := r.Publishable(u, org); err != nil {
		return err
	}
	if err := ValidateNote(note); err != nil {
		return err
	}
	r.PublishAt, r.PublishBy, r.Note = at, u.ID, note
	return nil
}

// Publishable decides whether u may publish the draft now: a publicist,
// and the draft approved.
func (r *Review) Publishable(u *User, org *Organisation) error {
	if !Can(u, PublishDocuments, org.ID) {
		return Errorf(EFORBIDDEN, "Alleen een publicist kan een document publiceren.")
	}
	if r.State != Approved {
		return Errorf(ECONFLICT, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.")
	}
	return nil
}

// MaxNoteLength bounds a publication's note and a review comment, in
// characters.
const MaxNoteLength = 2000

// ValidateNote checks the note of a publication.
func ValidateNote(note string) error {
	if !utf8.ValidString(note) || utf8.RuneCountInString(note) > MaxNoteLength {
		return Errorf(EINVALID, "Een toelichting heeft hoogstens %d tekens.", MaxNoteLength)
	}
	return nil
}

// ReviewComment is a beoordelaar's remark on a draft, a page or a block of
// it. It stays with the draft version it was made on: the page may have
// changed since (Draft.Stale tells).
type ReviewComment struct {
	ID      int64
	DraftID int64
	// Version is the draft's Version when the comment was made.
	Version int64
	// PageKey is the page's key in the draft, 0 for the whole document;
	// Block is the block's number on the page (1-based), 0 for the page.
	PageKey int64
	Block   int
	Text    string
	// Resolved is set by the redacteur when the remark was dealt with.
	Resolved  bool
	AuthorID  int64
	Author    string // e-mail address
	CreatedAt time.Time
}

// Validate checks a comment before it is stored.
func (c *ReviewComment) Validate() error {
	text := strings.TrimSpace(c.Text)
	switch {
	case text == "":
		return Errorf(EINVALID, "Schrijf een opmerking.")
	case !utf8.ValidString(text) || utf8.RuneCountInString(text) > MaxNoteLength:
		return Errorf(EINVALID, "Een opmerking heeft hoogstens %d tekens.", MaxNoteLength)
	case c.Block < 0 || c.PageKey < 0:
		return Errorf(EINVALID, "Een opmerking hoort bij het document, een pagina of een blok.")
	}
	c.Text = text
	return nil
}

// Waiting is what waits for a person in an organisation ("Wat wacht op
// mij"): drafts to review, returned drafts to fix, approved drafts to
// publish.
type Waiting struct {
	Draft  DraftSummary
	Reason string // in Dutch: "Beoordelen", "Verwerken", "Publiceren"
}

// WaitingFor decides which of an organisation's drafts wait for u: a
// beoordelaar the drafts in review they did not edit (or all, with
// SelfReview), a redacteur the returned drafts, a publicist the approved
// drafts not yet scheduled.
func WaitingFor(u *User, org *Organisation, drafts []DraftSummary) []Waiting {
	var out []Waiting
	for _, d := range drafts {
		switch {
		case d.Review.State == InReview && Can(u, ReviewDrafts, org.ID) && (org.SelfReview || !d.Review.EditedBy(u.ID)):
			out = append(out, Waiting{d, "Beoordelen"})
		case d.Review.State == Returned && Can(u, EditDrafts, org.ID):
			out = append(out, Waiting{d, "Opmerkingen verwerken"})
		case d.Review.State == Approved && d.Review.PublishAt.IsZero() && Can(u, PublishDocuments, org.ID):
			out = append(out, Waiting{d, "Publiceren"})
		}
	}
	return out
}

// Audit is the audit log's action of the step.
func (s ReviewStep) Audit() AuditAction {
	switch s {
	case Submit:
		return AuditSubmit
	case Return:
		return AuditReturn
	case Approve:
		return AuditApprove
	}
	return AuditReopen
}

// Reviews keeps the review of drafts. Each step is checked by
// Review.Step with the actor of the context and recorded in the audit log
// in the same transaction.
type Reviews interface {
	// StepDraft takes a review step on a draft; with Return, comments are
	// stored with it (at least one). ENOTFOUND for no draft.
	StepDraft(ctx context.Context, id int64, step ReviewStep, comments []ReviewComment) (*Draft, error)
	// Comment adds a comment to a draft in review without a step.
	Comment(ctx context.Context, c *ReviewComment) error
	// ResolveComment marks a comment dealt with.
	ResolveComment(ctx context.Context, draftID, commentID int64) error
	// Comments lists a draft's comments, oldest first.
	Comments(ctx context.Context, draftID int64) ([]ReviewComment, error)
	// Schedule sets (or, with a zero time, clears) when an approved draft
	// is published, with the publication's note.
	Schedule(ctx context.Context, id int64, at time.Time, note string) error
	// PublishDue publishes every scheduled draft whose time has come, each
	// in its own transaction, as the person who scheduled it. Several
	// instances may call it at once: each draft is published by exactly
	// one. It returns the documents it published; a draft that cannot be
	// published (the published document changed since) loses its time and
	// goes back to goedgekeurd, with the reason in the audit log. A draft
	// that fails otherwise (a failure of ours) stays scheduled and keeps
	// none of the others from their time: they are published, and the
	// failures returned together.
	PublishDue(ctx context.Context, now time.Time) ([]*Document, error)
}
