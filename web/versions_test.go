package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

const (
	versionsDoc  = "/leiderdorp/begroting-2022"
	versionsList = versionsDoc + "/versies"
)

// publishVersions publishes the demo's begroting 2022 twice as Jan de
// Vries: version 2 renames the page of 1C, version 3 the document. The
// import is version 1. It returns the versions, newest first.
func publishVersions(t *testing.T, site *testSite) []koers.Version {
	t.Helper()
	ctx := context.Background()
	pub := site.store.Published()
	org, err := pub.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		t.Fatal(err)
	}
	jan := &koers.User{Email: "jan@leiderdorp.nl", Name: "Jan de Vries",
		Grants: []koers.Grant{{OrganisationID: org.ID, Role: koers.Redacteur}, {OrganisationID: org.ID, Role: koers.Publicist}}}
	if err := site.store.CreateUser(ctx, jan, "hash"); err != nil {
		t.Fatal(err)
	}
	as := koers.WithActor(ctx, jan)
	for _, change := range []func(d *koers.Draft){
		func(d *koers.Draft) {
			d.Document.FindPage(strings.TrimPrefix(begrotingPath, versionsDoc+"/")).Title = "1C Ondersteuning van inwoners"
		},
		func(d *koers.Draft) { d.Document.Title = "Programmabegroting 2022" },
	} {
		doc, err := pub.DocumentBySlug(ctx, org.ID, "begroting-2022")
		if err != nil {
			t.Fatal(err)
		}
		full, err := pub.Document(ctx, doc.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		d := koers.NewDraft(org.ID, full, true)
		if err := site.store.StartDraft(as, d, koers.DraftChange{}); err != nil {
			t.Fatal(err)
		}
		if _, err := site.store.ChangeDraft(as, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
			change(d)
			return koers.DraftChange{}, nil
		}); err != nil {
			t.Fatal(err)
		}
		storetest.Approve(t, site.store, d.ID)
		if _, err := site.store.Publish(as, d.ID, ""); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := pub.PublishedVersions(ctx, org.ID, "begroting-2022")
	if err != nil || len(vs) != 3 {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	return vs
}

// TestVersionsList: the list has a row per version, newest first, with
// its date, its publisher by name, its note and its links; the document
// and its pages link to it.
func TestVersionsList(t *testing.T) {
	site := mustSite(t)
	vs := publishVersions(t, site)
	doc := site.mustDoc(t, versionsList, http.StatusOK)
	type row struct {
		cells []string
		links []string
	}
	var got []row
	doc.Find("table.versions tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var r row
		tr.Find("th, td").Each(func(_ int, c *goquery.Selection) {
			r.cells = append(r.cells, strings.TrimSpace(c.Text()))
		})
		tr.Find("a").Each(func(_ int, a *goquery.Selection) { r.links = append(r.links, a.AttrOr("href", "")) })
		got = append(got, r)
	})
	changes := "Wijzigingen ten opzichte van de vorige versie"
	want := []row{
		{[]string{"Versie 3 (huidige versie)", dateTime(vs[0].PublishedAt), "Jan de Vries", "", "Lees versie 3" + changes + " (versie 3)"},
			[]string{versionsDoc, versionsList + "/3/wijzigingen"}},
		{[]string{"Versie 2", dateTime(vs[1].PublishedAt), "Jan de Vries", "", "Lees versie 2" + changes + " (versie 2)"},
			[]string{versionsList + "/2", versionsList + "/2/wijzigingen"}},
		{[]string{"Versie 1", dateTime(vs[2].PublishedAt), "de redactie", "", "Lees versie 1"},
			[]string{versionsList + "/1"}},
	}
	if len(got) != len(want) {
		t.Fatalf("rows %+v, want %+v", got, want)
	}
	for i := range want {
		if strings.Join(got[i].cells, "|") != strings.Join(want[i].cells, "|") || strings.Join(got[i].links, " ") != strings.Join(want[i].links, " ") {
			t.Errorf("row %d = %q %q\nwant %q %q", i, got[i].cells, got[i].links, want[i].cells, want[i].links)
		}
	}
	if doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
		t.Error("the list is not kept out of search engines")
	}
	if strings.Contains(doc.Text(), "@") {
		t.Error("the list shows an e-mail address")
	}
	// The document and its pages lead to the list.
	index := site.mustDoc(t, versionsDoc, http.StatusOK)
	if got := index.Find("main a:contains('Versies en wijzigingen')").AttrOr("href", ""); got != versionsList {
		t.Errorf("the document's link to its versions: %q", got)
	}
	page := site.mustDoc(t, begrotingPath, http.StatusOK)
	if got := page.Find("footer a:contains('Versies en wijzigingen van dit document')").AttrOr("href", ""); got != versionsList {
		t.Errorf("a page's link to the versions: %q", got)
	}
	// A document only imported has no versions yet.
	other := site.mustDoc(t, "/leiderdorp/bestuursrapportage-2020-1/versies", http.StatusOK)
	if other.Find("table").Length() != 0 || !strings.Contains(other.Find("main").Text(), "er zijn nog geen versies om te tonen") {
		t.Errorf("versions of an imported document:\n%s", other.Find("main").Text())
	}
}

// TestOldVersion: an old version's pages render as the site's, with a
// banner, never indexed, canonical to the page as it is now, and their
// links to the document stay in the version.
func TestOldVersion(t *testing.T) {
	site := mustSite(t)
	vs := publishVersions(t, site)
	pagePath := strings.TrimPrefix(begrotingPath, versionsDoc)
	for _, tt := range []struct {
		path, current, heading string
	}{
		{versionsList + "/1" + pagePath, begrotingPath, "1C: Ondersteunde inwoners"},
		{versionsList + "/2" + pagePath, begrotingPath, "1C Ondersteuning van inwoners"},
		{versionsList + "/2", versionsDoc, "Beleidsbegroting 2022"},
	} {
		doc := site.mustDoc(t, tt.path, http.StatusOK)
		n := tt.path[len(versionsList)+1 : len(versionsList)+2]
		v := vs[3-int(n[0]-'0')]
		banner := doc.Find(`.version-banner[role="note"]`)
		if got, want := strings.Join(strings.Fields(banner.Text()), " "),
			"U leest versie "+n+" van "+dateTime(v.PublishedAt)+". Dit is niet de huidige versie. Naar de huidige versie"; got != want {
			t.Errorf("%s: banner %q, want %q", tt.path, got, want)
		}
		if got := banner.Find("a").AttrOr("href", ""); got != tt.current {
			t.Errorf("%s: banner leads to %q, want %q", tt.path, got, tt.current)
		}
		if got := doc.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != tt.current {
			t.Errorf("%s: canonical %q, want %q", tt.path, got, tt.current)
		}
		if doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
			t.Errorf("%s: not kept out of search engines", tt.path)
		}
		if got := strings.TrimSpace(doc.Find("h1").First().Text()); got != tt.heading {
			t.Errorf("%s: heading %q, want %q", tt.path, got, tt.heading)
		}
		inside := 0
		doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			href := a.AttrOr("href", "")
			if !strings.HasPrefix(href, versionsDoc) || strings.HasPrefix(href, versionsDoc+"-") {
				return
			}
			switch {
			case strings.HasPrefix(href, versionsList+"/"+n+"/") || strings.HasPrefix(href, versionsList+"/"+n+"#") || href == versionsList+"/"+n:
				inside++
			case href == versionsList || href == tt.current && a.Closest(".version-banner").Length() == 1:
			default:
				t.Errorf("%s: a link leaves the version: %q", tt.path, href)
			}
		})
		if inside < 3 {
			t.Errorf("%s: %d links within the version", tt.path, inside)
		}
		if doc.Find(".data-links").Length() != 0 || doc.Find(".pdf-controls, form[action='/selectie']").Length() != 0 {
			t.Errorf("%s: an old version offers data or PDF controls", tt.path)
		}
	}
	// The current version's number leads to the document as it is.
	res, _ := site.get(t, versionsList+"/3"+pagePath)
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != begrotingPath {
		t.Errorf("the current version: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	// What no version has.
	for _, p := range []string{"/abc", "/0", "/-1", "/01", "/4", "/99999999999999999999", "/1000000", "/1/geen-pagina",
		"/abc/wijzigingen", "/0/wijzigingen", "/1/wijzigingen", "/4/wijzigingen", "/3/wijzigingen?met=abc", "/3/wijzigingen?met=0",
		"/3/wijzigingen?met=4", "/3/wijzigingen?met=1&met=2", "/3/wijzigingen?met=3", "/2/wijzigingen?met=2", "/1" + pagePath + ".pdf"} {
		if res, _ := site.get(t, versionsList+p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", versionsList+p, res.StatusCode)
		}
	}
	// No sitemap lists them.
	_, sitemap := site.get(t, "/leiderdorp/sitemap.xml")
	if !strings.Contains(sitemap, "begroting-2022") || strings.Contains(sitemap, "/versies") {
		t.Errorf("the sitemap lists versions, or nothing:\n%s", sitemap)
	}
}

// TestVersionChanges: a version's changes from the one before, or from
// the one ?met= names, each its own page.
func TestVersionChanges(t *testing.T) {
	site := mustSite(t)
	publishVersions(t, site)
	doc := site.mustDoc(t, versionsList+"/2/wijzigingen", http.StatusOK)
	if got := doc.Find("h1").Text(); got != "Wijzigingen in versie 2 ten opzichte van versie 1" {
		t.Errorf("heading %q", got)
	}
	diff := doc.Find(".diff")
	if diff.Find("del").Text() == "" || !strings.Contains(diff.Find("ins").Text(), "Ondersteuning") {
		t.Errorf("the change of the page's title is not marked:\n%s", diff.Text())
	}
	if doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
		t.Error("the comparison is not kept out of search engines")
	}
	// The first request fills the cache under its path; ?met= is another page.
	site.mustDoc(t, versionsList+"/3/wijzigingen", http.StatusOK)
	for met, want := range map[string]string{"": "versie 3 ten opzichte van versie 2", "?met=1": "versie 3 ten opzichte van versie 1"} {
		doc := site.mustDoc(t, versionsList+"/3/wijzigingen"+met, http.StatusOK)
		if got := doc.Find("h1").Text(); got != "Wijzigingen in "+want {
			t.Errorf("%s: heading %q", met, got)
		}
	}
	// Twice the parameter is no comparison, even once ?met=1 is cached.
	if res, _ := site.get(t, versionsList+"/3/wijzigingen?met=1&met=2"); res.StatusCode != http.StatusNotFound {
		t.Errorf("?met=1&met=2: %d, want 404", res.StatusCode)
	}
	doc = site.mustDoc(t, versionsList+"/3/wijzigingen?met=1", http.StatusOK)
	if !strings.Contains(doc.Find(".diff").Text(), "Programmabegroting") || doc.Find(`select[name="met"] option[selected]`).AttrOr("value", "") != "1" {
		t.Errorf("comparison of 3 with 1:\n%s", doc.Find("main").Text())
	}
}

func TestDateTime(t *testing.T) {
	for in, want := range map[time.Time]string{
		time.Date(2026, 11, 23, 13, 5, 0, 0, time.UTC): "23 november 2026 om 14:05",
		time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC):  "2 juli 2026 om 00:30",
	} {
		if got := dateTime(in); got != want {
			t.Errorf("dateTime(%v) = %q, want %q", in, got, want)
		}
	}
}

func FuzzVersionNumber(f *testing.F) {
	for _, s := range []string{"1", "12", "0", "01", "-1", "abc", "1000000", "1000001", "", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := versionNumber(s)
		if n == 0 {
			return
		}
		if n < 1 || n > maxVersion || strconv.Itoa(n) != s {
			t.Errorf("versionNumber(%q) = %d", s, n)
		}
	})
}
