package api

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/sqlite"
	"github.com/koers-nl/koers/storetest"
)

// publishAgain publishes the demo's begroting 2022 of Leiderdorp once more,
// as Jan de Vries, and returns its ID: versions 1 (the import) and 2.
func publishAgain(t *testing.T, store *sqlite.Store) int64 {
	t.Helper()
	ctx := context.Background()
	pub := store.Published()
	org, err := pub.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		t.Fatal(err)
	}
	jan := &koers.User{Email: "jan@leiderdorp.nl", Name: "Jan de Vries", Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Publicist}}}
	if err := store.CreateUser(ctx, jan, "hash"); err != nil {
		t.Fatal(err)
	}
	doc, err := pub.DocumentBySlug(ctx, org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	full, err := pub.Document(ctx, doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	as := koers.WithActor(ctx, jan)
	d := koers.NewDraft(org.ID, full, true)
	if err := store.StartDraft(as, d, koers.DraftChange{}); err != nil {
		t.Fatal(err)
	}
	storetest.Approve(t, store, d.ID)
	if _, err := store.Publish(as, d.ID, ""); err != nil {
		t.Fatal(err)
	}
	return doc.ID
}

// TestVersions: a document's versions, newest first, with the
// publisher's name (never the e-mail address) and the site's addresses.
func TestVersions(t *testing.T) {
	site := mustAPI(t)
	id := publishAgain(t, site.store)
	res, body := site.get(t, "/api/v1/documents/"+itoa(int(id))+"/versions")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var got DocumentVersions
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	base := site.http.URL + "/leiderdorp/begroting-2022"
	jan, changes := "Jan de Vries", base+"/versies/2/wijzigingen"
	want := DocumentVersions{DocumentID: id, Versions: []Version{
		{Number: 2, Publisher: &jan, Current: true, URL: base, ChangesURL: &changes},
		{Number: 1, URL: base + "/versies/1"},
	}}
	if len(got.Versions) != 2 {
		t.Fatalf("versions: %s", body)
	}
	for i := range want.Versions {
		want.Versions[i].PublishedAt = got.Versions[i].PublishedAt
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) || got.Versions[0].PublishedAt == "" {
		t.Errorf("GET versions:\n%s\nwant\n%s", g, w)
	}
	if res, _ := site.get(t, "/api/v1/documents/99999/versions"); res.StatusCode != http.StatusNotFound {
		t.Errorf("versions of no document: %d", res.StatusCode)
	}
}
