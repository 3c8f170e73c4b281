package storetest

import (
	"testing"

	"github.com/koers-nl/koers"
)

// The public side of kept versions: Published.PublishedVersions and
// Published.VersionDocument, and the numbers a renamed document's
// versions take.

func testPublishedVersions(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	pub := s.Published()
	// An imported document has no versions yet.
	if vs, err := pub.PublishedVersions(ctx(), a.org.ID, "begroting-2022"); err != nil || len(vs) != 0 {
		t.Fatalf("versions of an imported document: %+v %v", vs, err)
	}
	d := a.startFromPublished(t, s)
	edit(t, s, a.ctx, d.ID, "Begroting 2022, herzien")
	if _, err := a.publish(t, s, d.ID); err != nil {
		t.Fatal(err)
	}
	vs, err := pub.PublishedVersions(ctx(), a.org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	// The publisher by name, never by e-mail address; the import by nobody.
	want := []koers.Version{
		{OrganisationID: a.org.ID, Slug: "begroting-2022", Title: "Begroting 2022, herzien", PublisherName: "Naam redactie@leiderdorp.nl", Number: 2, Current: true},
		{OrganisationID: a.org.ID, Slug: "begroting-2022", Title: "Beleidsbegroting 2022", Number: 1},
	}
	if len(vs) != len(want) {
		t.Fatalf("PublishedVersions = %+v, want %d", vs, len(want))
	}
	for i := range want {
		got := vs[i]
		if got.ID == 0 || got.PublishedAt.IsZero() {
			t.Errorf("version %d: no ID or time: %+v", i, got)
		}
		want[i].ID, want[i].PublishedAt = got.ID, got.PublishedAt
		if got != want[i] {
			t.Errorf("version %d = %+v\nwant %+v", i, got, want[i])
		}
	}
	if !vs[1].PublishedAt.Equal(a.doc.UpdatedAt) {
		t.Errorf("the imported version is of %v, want the import's %v", vs[1].PublishedAt, a.doc.UpdatedAt)
	}

	// An old version reads whole, pages with content, keyed from 1.
	v, doc, err := pub.VersionDocument(ctx(), a.org.ID, "begroting-2022", 1)
	if err != nil {
		t.Fatal(err)
	}
	if *v != vs[1] {
		t.Errorf("VersionDocument's version = %+v, want %+v", *v, vs[1])
	}
	wantDoc := Begroting2022()
	wantDoc.SetPaths()
	if diff := compareDocuments(doc, wantDoc); diff != "" {
		t.Errorf("version 1 differs from what was imported: %s", diff)
	}
	var keys []int64
	_ = doc.Walk(func(p *koers.Page) error {
		keys = append(keys, p.ID)
		return nil
	})
	for i, k := range keys {
		if k != int64(i+1) {
			t.Fatalf("page keys %v, want 1, 2, ...", keys)
		}
	}
	if doc.ID != 0 || doc.OrganisationID != a.org.ID || doc.Slug != "begroting-2022" {
		t.Errorf("version's document: ID %d, organisation %d, slug %q", doc.ID, doc.OrganisationID, doc.Slug)
	}
	for _, n := range []int{0, -1, 3, 1 << 30} {
		_, _, err := pub.VersionDocument(ctx(), a.org.ID, "begroting-2022", n)
		wantCode(t, "unknown version", err, koers.ENOTFOUND, "Versie "+itoa(int64(n))+" van dit document bestaat niet.")
	}
	_, _, err = pub.VersionDocument(ctx(), a.org.ID+1, "begroting-2022", 1)
	wantCode(t, "another organisation's", err, koers.ENOTFOUND, "Versie 1 van dit document bestaat niet.")

	// A withdrawn document's versions are not public.
	if err := s.Withdraw(a.ctx, a.doc.ID); err != nil {
		t.Fatal(err)
	}
	if vs, err := pub.PublishedVersions(ctx(), a.org.ID, "begroting-2022"); err != nil || len(vs) != 0 {
		t.Errorf("versions of a withdrawn document: %+v %v", vs, err)
	}
	_, _, err = pub.VersionDocument(ctx(), a.org.ID, "begroting-2022", 1)
	wantCode(t, "version of a withdrawn document", err, koers.ENOTFOUND, "Versie 1 van dit document bestaat niet.")
}

// A document renamed onto the slug of a withdrawn one: its versions are
// numbered after the withdrawn one's, which keep theirs.
func testRenameOntoVersions(t *testing.T, s koers.Store) {
	a := newAuthoring(t, s)
	d := a.startFromPublished(t, s)
	if _, err := a.publish(t, s, d.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Withdraw(a.ctx, a.doc.ID); err != nil {
		t.Fatal(err)
	}
	// begroting-2022 now has versions 1 (the import) and 2.
	other := Bare(koers.Kadernota, 2022, 0)
	other.Slug = "begroting-2022-b"
	nd := koers.NewDraft(a.org.ID, other, false)
	if err := s.StartDraft(a.ctx, nd, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	created, err := a.publish(t, s, nd.ID)
	if err != nil {
		t.Fatal(err)
	}
	full, err := s.Published().Document(ctx(), created.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	rd := koers.NewDraft(a.org.ID, full, true)
	rd.Document.Slug = "begroting-2022"
	if err := s.StartDraft(a.ctx, rd, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.publish(t, s, rd.ID); err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(ctx(), a.org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		number  int
		title   string
		current bool
	}
	var got []row
	for _, v := range vs {
		got = append(got, row{v.Number, v.Title, v.Current})
	}
	want := []row{{4, "Kadernota 2022", true}, {3, "Kadernota 2022", false}, {2, "Beleidsbegroting 2022", false}, {1, "Beleidsbegroting 2022", false}}
	if len(got) != len(want) {
		t.Fatalf("versions after the rename: %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("versions after the rename: %+v, want %+v", got, want)
			break
		}
	}
	if vs, err := s.Versions(ctx(), a.org.ID, "begroting-2022-b"); err != nil || len(vs) != 0 {
		t.Errorf("versions left at the old slug: %+v %v", vs, err)
	}
}
