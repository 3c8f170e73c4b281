package storetest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// The review of drafts (koers.Reviews): steps with their roles and four
// eyes, comments that keep their version, what waits for whom, and
// publication at a set time, once, by whichever instance comes first.

// reviewing is an authoring fixture with a beoordelaar who also edits
// (for four eyes) and one who only reads.
type reviewing struct {
	*authoring
	editor   *koers.User // redacteur and beoordelaar
	reader   *koers.User // a beheerder: sees, neither edits nor reviews
	asEditor context.Context
	asRev    context.Context
}

func newReviewing(t *testing.T, s koers.Store) *reviewing {
	a := newAuthoring(t, s)
	r := &reviewing{authoring: a}
	r.editor = mustUser(t, s, ctx(), "redactie-beoordeling@leiderdorp.nl",
		koers.Grant{OrganisationID: a.org.ID, Role: koers.Redacteur}, koers.Grant{OrganisationID: a.org.ID, Role: koers.Beoordelaar})
	r.reader = mustUser(t, s, ctx(), "beheer@leiderdorp.nl", koers.Grant{OrganisationID: a.org.ID, Role: koers.Beheerder})
	r.asEditor = koers.WithActor(ctx(), r.editor)
	r.asRev = koers.WithActor(ctx(), a.reviewer)
	return r
}

// edit changes the draft's title as the actor of c.
func edit(t *testing.T, s koers.Store, c context.Context, id int64, title string) *koers.Draft {
	t.Helper()
	d, err := s.ChangeDraft(c, id, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Document.Title = title
		return koers.DraftChange{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func testReviewSteps(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s)
	got, err := s.Draft(ctx(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Review.State != koers.Concept || len(got.Review.Editors) != 1 || got.Review.Editors[0] != r.redacteur.ID {
		t.Fatalf("a new draft's review: %+v", got.Review)
	}
	edit(t, s, r.asEditor, d.ID, "Begroting 2022, herzien")
	asReader := koers.WithActor(ctx(), r.reader)
	steps := []struct {
		name  string
		ctx   context.Context
		step  koers.ReviewStep
		notes []koers.ReviewComment
		code  string
		msg   string
		state koers.ReviewState
	}{
		{"approve a concept", r.asRev, koers.Approve, nil, koers.ECONFLICT, "Alleen een concept dat ter beoordeling ligt, kan worden goedgekeurd.", koers.Concept},
		{"a beheerder submits", asReader, koers.Submit, nil, koers.EFORBIDDEN, "Alleen een redacteur kan een concept ter beoordeling aanbieden.", koers.Concept},
		{"nobody submits", ctx(), koers.Submit, nil, koers.EFORBIDDEN, "Meld u aan.", koers.Concept},
		{"submit", r.asCtx(), koers.Submit, nil, "", "", koers.InReview},
		{"submit twice", r.asCtx(), koers.Submit, nil, koers.ECONFLICT, "Dit concept is al ter beoordeling.", koers.InReview},
		{"a redacteur approves", r.asCtx(), koers.Approve, nil, koers.EFORBIDDEN, "Alleen een beoordelaar kan een concept goedkeuren.", koers.InReview},
		{"an editor approves", r.asEditor, koers.Approve, nil, koers.ECONFLICT, "U hebt dit concept zelf gewijzigd; een andere beoordelaar moet het goedkeuren (vier ogen).", koers.InReview},
		{"return without comment", r.asRev, koers.Return, nil, koers.EINVALID, "Schrijf bij het terugsturen minstens één opmerking.", koers.InReview},
		{"return with an empty comment", r.asRev, koers.Return, []koers.ReviewComment{{Text: " "}}, koers.EINVALID, "Schrijf een opmerking.", koers.InReview},
		{"return", r.asRev, koers.Return, []koers.ReviewComment{{Text: "De titel klopt niet."}}, "", "", koers.Returned},
		{"reopen a returned draft", r.asCtx(), koers.Reopen, nil, koers.ECONFLICT, "Dit concept is al open voor wijzigingen.", koers.Returned},
		{"submit again", r.asCtx(), koers.Submit, nil, "", "", koers.InReview},
		{"approve", r.asRev, koers.Approve, nil, "", "", koers.Approved},
		{"reopen", r.asEditor, koers.Reopen, nil, "", "", koers.Concept},
		{"unknown step", r.asRev, koers.ReviewStep("x"), nil, koers.EINVALID, `Onbekende stap "x".`, koers.Concept},
	}
	for _, st := range steps {
		out, err := s.StepDraft(st.ctx, d.ID, st.step, st.notes)
		if st.code != "" {
			wantCode(t, st.name, err, st.code, st.msg)
		} else if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		} else if out.Review.State != st.state {
			t.Errorf("%s: returned state %s", st.name, out.Review.State)
		}
		got, err := s.Draft(ctx(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Review.State != st.state {
			t.Fatalf("%s: state %s, want %s", st.name, got.Review.State, st.state)
		}
		if st.code == "" {
			actor := koers.ActorFrom(st.ctx)
			if got.Review.StateBy != actor.ID || got.Review.StateAt.IsZero() {
				t.Errorf("%s: step by %d at %v, want %d", st.name, got.Review.StateBy, got.Review.StateAt, actor.ID)
			}
			pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: r.org.ID, UserID: actor.ID, Actor: actor.Email,
				Action: st.step.Audit(), Document: "begroting-2022", After: st.state.Label()})
		}
	}
	_, err = s.StepDraft(r.asRev, 9999, koers.Submit, nil)
	wantCode(t, "step of no draft", err, koers.ENOTFOUND, "Concept 9999 bestaat niet.")
	// The list carries the review too, with its editors.
	list, err := s.Drafts(ctx(), r.org.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("Drafts: %+v %v", list, err)
	}
	if rv := list[0].Review; rv.State != koers.Concept || rv.StateBy != r.editor.ID || len(rv.Editors) != 2 {
		t.Errorf("Drafts review: %+v", rv)
	}
	if of, err := s.DraftOf(ctx(), r.doc.ID); err != nil || len(of.Review.Editors) != 2 || of.Review.State != koers.Concept {
		t.Errorf("DraftOf review: %+v %v", of, err)
	}
}

// asCtx is the context of the redacteur (and publicist).
func (r *reviewing) asCtx() context.Context { return r.ctx }

func testSelfReview(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s)
	edit(t, s, r.asEditor, d.ID, "Begroting 2022, herzien")
	if _, err := s.StepDraft(r.asEditor, d.ID, koers.Submit, nil); err != nil {
		t.Fatal(err)
	}
	_, err := s.StepDraft(r.asEditor, d.ID, koers.Approve, nil)
	wantCode(t, "own changes", err, koers.ECONFLICT, "U hebt dit concept zelf gewijzigd; een andere beoordelaar moet het goedkeuren (vier ogen).")
	org, err := s.Organisation(ctx(), r.org.ID)
	if err != nil || org.SelfReview {
		t.Fatalf("a new organisation allows self review: %+v %v", org, err)
	}
	org.SelfReview = true
	if err := s.UpdateOrganisation(ctx(), org); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Organisation(ctx(), r.org.ID); !got.SelfReview {
		t.Fatal("SelfReview not stored")
	}
	// An import of the organisation's documents leaves the setting alone.
	MustPut(t, s, Leiderdorp(), Burap2020())
	if got, _ := s.Organisation(ctx(), r.org.ID); !got.SelfReview {
		t.Fatal("an import cleared SelfReview")
	}
	if _, err := s.StepDraft(r.asEditor, d.ID, koers.Approve, nil); err != nil {
		t.Fatalf("approve own changes with SelfReview: %v", err)
	}
}

func testEditResetsApproval(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s)
	r.approve(t, s, d.ID)
	at := time.Now().Add(time.Hour)
	if err := s.Schedule(r.ctx, d.ID, at, "Voor de raad"); err != nil {
		t.Fatal(err)
	}
	got := edit(t, s, r.asEditor, d.ID, "Begroting 2022, herzien")
	if got.Review.State != koers.Concept || !got.Review.PublishAt.IsZero() || !got.Review.EditedBy(r.editor.ID) {
		t.Errorf("ChangeDraft of an approved draft: %+v", got.Review)
	}
	stored, err := s.Draft(ctx(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Review.State != koers.Concept || !stored.Review.PublishAt.IsZero() || stored.Review.PublishBy != 0 {
		t.Errorf("stored after the change: %+v", stored.Review)
	}
	_, err = s.Publish(r.ctx, d.ID, "")
	wantCode(t, "publish what is no longer approved", err, koers.ECONFLICT, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.")
	_, err = s.Publish(ctx(), d.ID, "")
	wantCode(t, "publish unapproved from the command line", err, koers.ECONFLICT, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.")
	// The editor now may not approve it.
	if _, err := s.StepDraft(r.ctx, d.ID, koers.Submit, nil); err != nil {
		t.Fatal(err)
	}
	_, err = s.StepDraft(r.asEditor, d.ID, koers.Approve, nil)
	wantCode(t, "approve after own edit", err, koers.ECONFLICT, "")
	if _, err := s.StepDraft(r.asRev, d.ID, koers.Approve, nil); err != nil {
		t.Fatal(err)
	}
	// Only a publicist publishes; the note goes with the version.
	_, err = s.Publish(r.asRev, d.ID, "")
	wantCode(t, "a beoordelaar publishes", err, koers.EFORBIDDEN, "Alleen een publicist kan een document publiceren.")
	if _, err := s.Publish(r.ctx, d.ID, "Herziene titel"); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(ctx(), r.org.ID, "begroting-2022")
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	if vs[0].Number != 2 || vs[0].Note != "Herziene titel" || vs[1].Number != 1 || vs[1].Note != "" {
		t.Errorf("versions' numbers and notes: %+v", vs)
	}
}

func testReviewComments(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s)
	path := "beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	key := d.Document.FindPage(path).ID
	blocks := len(d.Page(key).Blocks)
	if blocks == 0 {
		t.Fatal("the fixture's page has no blocks")
	}
	err := s.Comment(r.asRev, &koers.ReviewComment{DraftID: d.ID, Text: "Te vroeg"})
	wantCode(t, "comment on a concept", err, koers.ECONFLICT, "Opmerkingen plaatst u bij een concept dat ter beoordeling ligt.")
	if _, err := s.StepDraft(r.ctx, d.ID, koers.Submit, nil); err != nil {
		t.Fatal(err)
	}
	version := d.Version
	for _, c := range []struct {
		name string
		ctx  context.Context
		c    koers.ReviewComment
		code string
		msg  string
	}{
		{"a redacteur comments", r.ctx, koers.ReviewComment{Text: "x"}, koers.EFORBIDDEN, "Alleen een beoordelaar kan een opmerking plaatsen."},
		{"empty", r.asRev, koers.ReviewComment{Text: " \n"}, koers.EINVALID, "Schrijf een opmerking."},
		{"no page", r.asRev, koers.ReviewComment{PageKey: 999, Text: "x"}, koers.EINVALID, "Deze pagina staat niet in het concept."},
		{"no block", r.asRev, koers.ReviewComment{PageKey: key, Block: blocks + 1, Text: "x"}, koers.EINVALID, fmt.Sprintf("Deze pagina heeft geen blok %d.", blocks+1)},
		{"block without page", r.asRev, koers.ReviewComment{Block: 1, Text: "x"}, koers.EINVALID, "Een opmerking bij een blok hoort bij een pagina."},
		{"document", r.asRev, koers.ReviewComment{Text: " Het geheel leest goed. "}, "", ""},
		{"page", r.asRev, koers.ReviewComment{PageKey: key, Text: "Deze pagina mist een inleiding."}, "", ""},
		{"block", r.asRev, koers.ReviewComment{PageKey: key, Block: 1, Text: "Dit doel is te vaag."}, "", ""},
	} {
		c.c.DraftID = d.ID
		err := s.Comment(c.ctx, &c.c)
		if c.code != "" {
			wantCode(t, c.name, err, c.code, c.msg)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		page, block := "", ""
		if c.c.PageKey != 0 {
			page = path
		}
		if c.c.Block != 0 {
			block = "1"
		}
		pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: r.org.ID, UserID: r.reviewer.ID, Actor: r.reviewer.Email,
			Action: koers.AuditComment, Document: "begroting-2022", Page: page, Block: block, After: c.c.Text})
	}
	// Returned with a comment of its own, then edited: the comments stay
	// with the version they were made on.
	if _, err := s.StepDraft(r.asRev, d.ID, koers.Return, []koers.ReviewComment{{PageKey: key, Text: "Zie de opmerkingen."}}); err != nil {
		t.Fatal(err)
	}
	changed, err := s.ChangeDraft(r.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		d.Page(key).Title = "1C: Ondersteuning"
		return koers.DraftChange{Keys: []int64{key}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Comments(ctx(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []koers.ReviewComment{
		{DraftID: d.ID, Version: version, Text: "Het geheel leest goed."},
		{DraftID: d.ID, Version: version, PageKey: key, Text: "Deze pagina mist een inleiding."},
		{DraftID: d.ID, Version: version, PageKey: key, Block: 1, Text: "Dit doel is te vaag."},
		{DraftID: d.ID, Version: version, PageKey: key, Text: "Zie de opmerkingen."},
	}
	if len(list) != len(want) {
		t.Fatalf("Comments: %+v", list)
	}
	for i, c := range list {
		if c.ID == 0 || c.CreatedAt.IsZero() || c.AuthorID != r.reviewer.ID || c.Author != r.reviewer.Email {
			t.Errorf("comment %d: %+v", i, c)
		}
		c.ID, c.CreatedAt, c.AuthorID, c.Author = 0, time.Time{}, 0, ""
		if c != want[i] {
			t.Errorf("comment %d\n got %+v\nwant %+v", i, c, want[i])
		}
	}
	if !changed.Stale(key, list[1].Version) {
		t.Error("the page changed since the comment, but Stale says no")
	}
	// The redacteur resolves one.
	if err := s.ResolveComment(koers.WithActor(ctx(), r.reader), d.ID, list[0].ID); koers.ErrorCode(err) != koers.EFORBIDDEN {
		t.Errorf("a beheerder resolves: %v", err)
	}
	if err := s.ResolveComment(r.ctx, d.ID, list[0].ID); err != nil {
		t.Fatal(err)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: r.org.ID, UserID: r.redacteur.ID, Actor: r.redacteur.Email,
		Action: koers.AuditResolve, Document: "begroting-2022", Before: "Het geheel leest goed."})
	wantCode(t, "resolve another draft's comment", s.ResolveComment(r.ctx, d.ID+1, list[0].ID), koers.ENOTFOUND, "")
	wantCode(t, "resolve no comment", s.ResolveComment(r.ctx, d.ID, 9999), koers.ENOTFOUND, "Opmerking 9999 bestaat niet.")
	if list, _ := s.Comments(ctx(), d.ID); !list[0].Resolved || list[1].Resolved {
		t.Errorf("resolved: %+v", list)
	}
	// Discarding the draft takes its comments.
	if err := s.DiscardDraft(r.ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if list, err := s.Comments(ctx(), d.ID); err != nil || len(list) != 0 {
		t.Errorf("comments of a discarded draft: %+v %v", list, err)
	}
}

func testWaiting(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s) // by the redacteur
	nd := koers.NewDraft(r.org.ID, Bare(koers.Kadernota, 2023, 0), false)
	if err := s.StartDraft(r.asEditor, nd, koers.DraftChange{}); err != nil { // by the editing beoordelaar
		t.Fatal(err)
	}
	for _, id := range []int64{d.ID, nd.ID} {
		if _, err := s.StepDraft(r.ctx, id, koers.Submit, nil); err != nil {
			t.Fatal(err)
		}
	}
	org, err := s.Organisation(ctx(), r.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	waiting := func(u *koers.User) string {
		list, err := s.Drafts(ctx(), r.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := ""
		for _, w := range koers.WaitingFor(u, org, list) {
			out += w.Draft.Slug + ": " + w.Reason + "; "
		}
		return out
	}
	if got, want := waiting(r.reviewer), "kadernota-2023: Beoordelen; begroting-2022: Beoordelen; "; got != want {
		t.Errorf("the beoordelaar waits for %q, want %q", got, want)
	}
	if got, want := waiting(r.editor), "begroting-2022: Beoordelen; "; got != want {
		t.Errorf("the editing beoordelaar waits for %q, want %q", got, want)
	}
	if _, err := s.StepDraft(r.asRev, d.ID, koers.Approve, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StepDraft(r.asRev, nd.ID, koers.Return, []koers.ReviewComment{{Text: "Nog niet."}}); err != nil {
		t.Fatal(err)
	}
	if got, want := waiting(r.redacteur), "kadernota-2023: Opmerkingen verwerken; begroting-2022: Publiceren; "; got != want {
		t.Errorf("the redacteur and publicist waits for %q, want %q", got, want)
	}
	if err := s.Schedule(r.ctx, d.ID, time.Now().Add(time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	if got, want := waiting(r.redacteur), "kadernota-2023: Opmerkingen verwerken; "; got != want {
		t.Errorf("after scheduling, the publicist waits for %q, want %q", got, want)
	}
	if got := waiting(r.reader); got != "" {
		t.Errorf("a beheerder waits for %q", got)
	}
}

func testSchedule(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s)
	at := time.Date(2030, 3, 1, 9, 30, 0, 0, time.UTC)
	wantCode(t, "schedule a concept", s.Schedule(r.ctx, d.ID, at, ""), koers.ECONFLICT, "Dit concept is nog niet goedgekeurd; publiceren kan pas na goedkeuring.")
	r.approve(t, s, d.ID)
	wantCode(t, "a beoordelaar schedules", s.Schedule(r.asRev, d.ID, at, ""), koers.EFORBIDDEN, "Alleen een publicist kan een document publiceren.")
	long := make([]rune, koers.MaxNoteLength+1)
	for i := range long {
		long[i] = 'a'
	}
	wantCode(t, "a long note", s.Schedule(r.ctx, d.ID, at, string(long)), koers.EINVALID, "Een toelichting heeft hoogstens 2000 tekens.")
	wantCode(t, "schedule no draft", s.Schedule(r.ctx, 9999, at, ""), koers.ENOTFOUND, "")
	if err := s.Schedule(r.ctx, d.ID, at, "Voor de raad van 1 maart"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Draft(ctx(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Review.PublishAt.Equal(at) || got.Review.PublishBy != r.redacteur.ID || got.Review.Note != "Voor de raad van 1 maart" || got.Review.State != koers.Approved {
		t.Errorf("scheduled: %+v", got.Review)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: r.org.ID, UserID: r.redacteur.ID, Actor: r.redacteur.Email,
		Action: koers.AuditSchedule, Document: "begroting-2022", After: "2030-03-01T09:30:00Z"})
	wantCode(t, "a beoordelaar cancels", s.Schedule(r.asRev, d.ID, time.Time{}, ""), koers.EFORBIDDEN, "")
	if err := s.Schedule(r.ctx, d.ID, time.Time{}, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Draft(ctx(), d.ID); !got.Review.PublishAt.IsZero() || got.Review.PublishBy != 0 || got.Review.State != koers.Approved {
		t.Errorf("cancelled: %+v", got.Review)
	}
}

func testPublishDue(t *testing.T, s koers.Store) {
	r := newReviewing(t, s)
	d := r.startFromPublished(t, s)
	edit(t, s, r.ctx, d.ID, "Begroting 2022, voor de raad")
	r.approve(t, s, d.ID)
	nd := koers.NewDraft(r.org.ID, Bare(koers.Kadernota, 2023, 0), false)
	if err := s.StartDraft(r.ctx, nd, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	r.approve(t, s, nd.ID)
	now := time.Now().UTC().Truncate(time.Microsecond)
	if err := s.Schedule(r.ctx, d.ID, now.Add(time.Minute), "Voor de raad"); err != nil {
		t.Fatal(err)
	}
	if err := s.Schedule(r.ctx, nd.ID, now.Add(time.Hour), ""); err != nil {
		t.Fatal(err)
	}
	rev := mustRevision(t, s)
	if got, err := s.PublishDue(ctx(), now); err != nil || len(got) != 0 {
		t.Fatalf("nothing due yet: %+v %v", got, err)
	}
	got, err := s.PublishDue(ctx(), now.Add(time.Minute))
	if err != nil || len(got) != 1 || got[0].Slug != "begroting-2022" {
		t.Fatalf("PublishDue at its time: %+v %v", got, err)
	}
	if mustRevision(t, s) == rev {
		t.Error("a publication at its time did not bump the revision")
	}
	if doc, err := s.Published().Document(ctx(), r.doc.ID, false); err != nil || doc.Title != "Begroting 2022, voor de raad" {
		t.Errorf("published at its time: %+v %v", doc, err)
	}
	vs, err := s.Versions(ctx(), r.org.ID, "begroting-2022")
	if err != nil || len(vs) != 2 || vs[0].Note != "Voor de raad" || vs[0].PublishedBy != r.redacteur.Email || vs[0].Number != 2 {
		t.Errorf("the version published at its time: %+v %v", vs, err)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: r.org.ID, UserID: r.redacteur.ID, Actor: r.redacteur.Email,
		Action: koers.AuditPublish, Document: "begroting-2022", After: "Begroting 2022, voor de raad"})
	if got, err := s.PublishDue(ctx(), now.Add(time.Minute)); err != nil || len(got) != 0 {
		t.Errorf("published twice: %+v %v", got, err)
	}
	if _, err := s.Draft(ctx(), nd.ID); err != nil {
		t.Errorf("the later draft went: %v", err)
	}

	// A draft that cannot be published at its time (the published
	// document was written since) loses its time, and the log says why.
	stale := r.startFromPublished(t, s)
	r.approve(t, s, stale.ID)
	if err := s.Schedule(r.ctx, stale.ID, now, ""); err != nil {
		t.Fatal(err)
	}
	MustPut(t, s, r.org, Begroting2022())
	if got, err := s.PublishDue(ctx(), now.Add(time.Second)); err != nil || len(got) != 0 {
		t.Fatalf("PublishDue of a stale draft: %+v %v", got, err)
	}
	if got, _ := s.Draft(ctx(), stale.ID); !got.Review.PublishAt.IsZero() || got.Review.State != koers.Approved {
		t.Errorf("the stale draft's review: %+v", got.Review)
	}
	pinAudit(t, lastAudit(t, s), koers.AuditEntry{OrganisationID: r.org.ID, Action: koers.AuditScheduleFailed, Document: "begroting-2022",
		After: "Het gepubliceerde document is gewijzigd sinds dit concept begon; begin een nieuw concept of neem de wijzigingen over."})
}

// PublishDueOnce checks that two stores on one database (two instances)
// that call PublishDue at once publish each due draft exactly once: a and
// b are two handles on the same, empty database.
func PublishDueOnce(t *testing.T, a, b koers.Store) {
	r := newReviewing(t, a)
	const drafts = 6
	now := time.Now().UTC()
	for i := range drafts {
		nd := koers.NewDraft(r.org.ID, Bare(koers.Kadernota, 2030+i, 0), false)
		if err := a.StartDraft(r.ctx, nd, koers.DraftChange{}); err != nil {
			t.Fatal(err)
		}
		r.approve(t, a, nd.ID)
		if err := a.Schedule(r.ctx, nd.ID, now, fmt.Sprint("nummer ", i)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	// One count per goroutine: two of them share each store.
	published := make([]int, 4)
	errs := make(chan error, 40)
	for i, s := range []koers.Store{a, b, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				got, err := s.PublishDue(ctx(), now.Add(time.Second))
				if err != nil {
					errs <- err
					return
				}
				published[i] += len(got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := published[0] + published[1] + published[2] + published[3]; n != drafts {
		t.Errorf("published %v, %d in all, want %d", published, n, drafts)
	}
	for i := range drafts {
		vs, err := b.Versions(ctx(), r.org.ID, fmt.Sprint("kadernota-", 2030+i))
		if err != nil || len(vs) != 1 || vs[0].Note != fmt.Sprint("nummer ", i) {
			t.Errorf("versions of draft %d: %+v %v", i, vs, err)
		}
	}
	if list, err := b.Drafts(ctx(), r.org.ID); err != nil || len(list) != 0 {
		t.Errorf("drafts left: %+v %v", list, err)
	}
}

// approvers numbers the people Approve makes: a store reuses the ID of a
// published draft.
var approvers atomic.Int64

// Approve takes a draft through its review for tests of what comes after
// (publishing): a new redacteur of the draft's organisation submits it and
// a new beoordelaar, who edited nothing, approves it.
func Approve(tb testing.TB, s koers.Store, id int64) {
	tb.Helper()
	d, err := s.Draft(ctx(), id)
	if err != nil {
		tb.Fatal(err)
	}
	var as [2]context.Context
	for i, role := range []koers.Role{koers.Redacteur, koers.Beoordelaar} {
		u := &koers.User{Email: fmt.Sprintf("%s-%d@review.test", role, approvers.Add(1)), Grants: []koers.Grant{{OrganisationID: d.OrganisationID, Role: role}}}
		if err := s.CreateUser(ctx(), u, "x"); err != nil {
			tb.Fatal(err)
		}
		as[i] = koers.WithActor(ctx(), u)
	}
	if _, err := s.StepDraft(as[0], id, koers.Submit, nil); err != nil {
		tb.Fatal(err)
	}
	if _, err := s.StepDraft(as[1], id, koers.Approve, nil); err != nil {
		tb.Fatal(err)
	}
}

// testSubmitUnfilled: a draft still holding a deviation roll-forward left
// to fill in is refused at submitting, with where; filled in, it is not.
func testSubmitUnfilled(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	pub, err := s.Document(ctx(), a.doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	report, err := koers.BestuursrapportageFrom(pub, 1)
	if err != nil {
		t.Fatal(err)
	}
	d := koers.NewDraft(a.org.ID, report, false)
	if err := s.StartDraft(a.ctx, d, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	want := koers.ErrorMessage(koers.CheckFilled(report))
	if !strings.Contains(want, "pagina “") {
		t.Fatalf("the rolled-forward report has nothing to fill in: %q", want)
	}
	_, err = s.StepDraft(a.ctx, d.ID, koers.Submit, nil)
	wantCode(t, "submit unfilled", err, koers.ECONFLICT, want)
	if got, err := s.Draft(ctx(), d.ID); err != nil || got.Review.State != koers.Concept {
		t.Fatalf("after a refused submit: %+v %v", got, err)
	}
	if _, err := s.ChangeDraft(a.ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		_ = d.Document.Walk(func(p *koers.Page) error {
			for i := range p.Blocks {
				for j := range p.Blocks[i].Deviations {
					p.Blocks[i].Deviations[j].Paragraphs = []string{"Geen afwijkingen."}
				}
			}
			return nil
		})
		return koers.DraftChange{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if out, err := s.StepDraft(a.ctx, d.ID, koers.Submit, nil); err != nil || out.Review.State != koers.InReview {
		t.Fatalf("submit filled in: %v", err)
	}
}

// PublishDueAfterFailure checks that a scheduled draft that fails to
// publish by a failure of the store's (breakBody spoils the stored body
// of the draft with the id) keeps no later draft from its time: that
// one is published, the failure returned, and the broken one stays
// scheduled.
func PublishDueAfterFailure(t *testing.T, s koers.Store, breakBody func(draftID int64) error) {
	r := newReviewing(t, s)
	broken := r.startFromPublished(t, s)
	r.approve(t, s, broken.ID)
	fine := koers.NewDraft(r.org.ID, Bare(koers.Kadernota, 2023, 0), false)
	if err := s.StartDraft(r.ctx, fine, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	r.approve(t, s, fine.ID)
	now := time.Now().UTC().Truncate(time.Microsecond)
	if err := s.Schedule(r.ctx, broken.ID, now, ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Schedule(r.ctx, fine.ID, now.Add(time.Second), ""); err != nil {
		t.Fatal(err)
	}
	if err := breakBody(broken.ID); err != nil {
		t.Fatal(err)
	}
	got, err := s.PublishDue(ctx(), now.Add(time.Minute))
	if err == nil || koers.ErrorCode(err) != koers.EINTERNAL {
		t.Errorf("PublishDue with a broken draft: err %v, want the failure", err)
	}
	if len(got) != 1 || got[0].Slug != "kadernota-2023" {
		t.Fatalf("PublishDue published %+v, want the draft after the broken one", got)
	}
	var due int
	for _, d := range mustDrafts(t, s, r.org.ID) {
		if d.ID == broken.ID && !d.Review.PublishAt.IsZero() {
			due++
		}
	}
	if due != 1 {
		t.Errorf("the broken draft lost its time")
	}
}

// mustDrafts lists an organisation's drafts.
func mustDrafts(t *testing.T, s koers.Store, orgID int64) []koers.DraftSummary {
	t.Helper()
	list, err := s.Drafts(ctx(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}
