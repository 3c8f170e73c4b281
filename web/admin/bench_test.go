package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/synth"
)

// draftOf starts a draft of a published document of the fixture, as the
// redacteur of its organisation, and returns it.
func (o *office) draftOf(orgSlug, docSlug string) *koers.Draft {
	o.t.Helper()
	ctx := context.Background()
	org, err := o.store.OrganisationBySlug(ctx, orgSlug)
	if err != nil {
		o.t.Fatal(err)
	}
	doc, err := o.store.DocumentBySlug(ctx, org.ID, docSlug)
	if err != nil {
		o.t.Fatal(err)
	}
	full, err := o.store.Document(ctx, doc.ID, true)
	if err != nil {
		o.t.Fatal(err)
	}
	d := koers.NewDraft(org.ID, full, true)
	ctx = koers.WithActor(ctx, o.users[orgSlug+"/redacteur"])
	if err := o.store.StartDraft(ctx, d, koers.DraftChange{Action: koers.AuditDraftStart}); err != nil {
		o.t.Fatal(err)
	}
	return d
}

// pageKeyOf is the key of the draft's page with the path.
func pageKeyOf(tb testing.TB, d *koers.Draft, path string) int64 {
	tb.Helper()
	p := d.Document.FindPage(path)
	if p == nil {
		tb.Fatalf("the draft has no page %s", path)
	}
	return p.ID
}

const page1C = "beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteunde-inwoners"

// BenchmarkEditorPage renders the editor of the 1C page of the demo
// begroting: every block's form (goal: 20 ms).
func BenchmarkEditorPage(b *testing.B) {
	o := newOffice(b)
	d := o.draftOf("leiderdorp", "begroting-2022")
	target := "/beheer/leiderdorp/concepten/" + itoa(d.ID) + "/paginas/" + itoa(pageKeyOf(b, d, page1C))
	c := o.signIn("leiderdorp/redacteur")
	for b.Loop() {
		if rec := c.do("GET", target, nil); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkSaveBlock saves the goal block of the 1C page: read, check the
// whole document, store (goal: 50 ms).
func BenchmarkSaveBlock(b *testing.B) {
	o := newOffice(b)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(b, d, page1C)
	p := d.Page(key)
	n := -1
	for i, bl := range p.Blocks {
		if bl.Type == koers.GoalBlock {
			n = i + 1
		}
	}
	if n < 0 {
		b.Fatal("1C has no goal block")
	}
	target := "/beheer/leiderdorp/concepten/" + itoa(d.ID) + "/paginas/" + itoa(key) + "/blokken/" + strconv.Itoa(n)
	c := o.signIn("leiderdorp/redacteur")
	i := 0
	for b.Loop() {
		i++
		form := url.Values{"versie": {"1000000"}, "actie": {"opslaan"}, "kop": {"Doel"},
			"inhoud": {"Inwoners doen mee, versie " + strconv.Itoa(i) + "."}}
		if rec := c.do("POST", target, form); rec.Code != http.StatusSeeOther {
			b.Fatalf("status %d\n%s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkPublish publishes a draft of a begroting of 60 programmes
// (goal: 1 s): keep the replaced version, write the document, redirects,
// the audit row.
func BenchmarkPublish(b *testing.B) {
	o := newOffice(b)
	ctx := context.Background()
	org, doc := synth.Organisation(), synth.Document(60)
	if err := o.store.PutDocument(ctx, org, doc); err != nil {
		b.Fatal(err)
	}
	if err := o.store.CreateUser(ctx, &koers.User{Email: "publicist@synth.nl", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Redacteur},
		{OrganisationID: org.ID, Role: koers.Publicist}}}, "x"); err != nil {
		b.Fatal(err)
	}
	reviewer := &koers.User{Email: "beoordelaar@synth.nl", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Beoordelaar}}}
	if err := o.store.CreateUser(ctx, reviewer, "x"); err != nil {
		b.Fatal(err)
	}
	actor, _, err := o.store.UserByEmail(ctx, "publicist@synth.nl")
	if err != nil {
		b.Fatal(err)
	}
	asReviewer := koers.WithActor(ctx, reviewer)
	ctx = koers.WithActor(ctx, actor)
	for b.Loop() {
		b.StopTimer()
		full, err := o.store.Document(ctx, doc.ID, true)
		if err != nil {
			b.Fatal(err)
		}
		full.Title = "Begroting " + strconv.Itoa(b.N)
		d := koers.NewDraft(org.ID, full, true)
		if err := o.store.StartDraft(ctx, d, koers.DraftChange{Action: koers.AuditDraftStart}); err != nil {
			b.Fatal(err)
		}
		if _, err := o.store.StepDraft(ctx, d.ID, koers.Submit, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := o.store.StepDraft(asReviewer, d.ID, koers.Approve, nil); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := o.store.Publish(ctx, d.ID, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveBlockLarge saves a text block of a programme page in a
// draft of a begroting of 60 programmes: the whole draft is read, checked
// and written with every save.
func BenchmarkSaveBlockLarge(b *testing.B) {
	o := newOffice(b)
	ctx := context.Background()
	org, doc, red := o.largeBegroting(b)
	full, err := o.store.Document(ctx, doc.ID, true)
	if err != nil {
		b.Fatal(err)
	}
	d := koers.NewDraft(org.ID, full, true)
	if err := o.store.StartDraft(koers.WithActor(ctx, red), d, koers.DraftChange{Action: koers.AuditDraftStart}); err != nil {
		b.Fatal(err)
	}
	var key int64
	n := -1
	_ = d.Document.Walk(func(p *koers.Page) error {
		for i, bl := range p.Blocks {
			if bl.Type == koers.TextBlock && n < 0 {
				key, n = p.ID, i+1
			}
		}
		return nil
	})
	if n < 0 {
		b.Fatal("no text block")
	}
	target := "/beheer/" + org.Slug + "/concepten/" + itoa(d.ID) + "/paginas/" + itoa(key) + "/blokken/" + strconv.Itoa(n)
	c := o.signIn("synth/redacteur")
	i := 0
	for b.Loop() {
		i++
		form := url.Values{"versie": {"1000000"}, "actie": {"opslaan"}, "inhoud": {"Een alinea, versie " + strconv.Itoa(i) + "."}}
		if rec := c.do("POST", target, form); rec.Code != http.StatusSeeOther {
			b.Fatalf("status %d\n%s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkRollForwardLarge makes the next begroting of a begroting of 60
// programmes through the form, as a redacteur does: read the document,
// roll it forward, check and store the draft (goal: 1 s). Each iteration
// discards the draft it made, untimed.
func BenchmarkRollForwardLarge(b *testing.B) {
	o := newOffice(b)
	ctx := context.Background()
	org, doc, red := o.largeBegroting(b)
	c := o.signIn("synth/redacteur")
	target := "/beheer/" + org.Slug + "/documenten/" + doc.Slug + "/volgend"
	for b.Loop() {
		if rec := c.do("POST", target, url.Values{"soort": {string(koers.RollNextBegroting)}}); rec.Code != http.StatusSeeOther {
			b.Fatalf("status %d\n%s", rec.Code, rec.Body)
		}
		b.StopTimer()
		drafts, err := o.store.Drafts(ctx, org.ID)
		if err != nil || len(drafts) != 1 {
			b.Fatalf("drafts %v, %v", drafts, err)
		}
		if err := o.store.DiscardDraft(koers.WithActor(ctx, red), drafts[0].ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// largeBegroting publishes synth's begroting of 60 programmes in its own
// organisation, with a redacteur ("synth/redacteur") who may sign in.
func (o *office) largeBegroting(b *testing.B) (*koers.Organisation, *koers.Document, *koers.User) {
	b.Helper()
	ctx := context.Background()
	org, doc := synth.Organisation(), synth.Document(60)
	if err := o.store.PutDocument(ctx, org, doc); err != nil {
		b.Fatal(err)
	}
	red := &koers.User{Email: "redacteur@synth.nl", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Redacteur}}}
	hash, _ := hashFor(testPassword)
	if err := o.store.CreateUser(ctx, red, hash); err != nil {
		b.Fatal(err)
	}
	o.users["synth/redacteur"] = red
	return org, doc, red
}
