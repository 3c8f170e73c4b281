package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// editorURL is the address of the editor of the draft's page.
func editorURL(d *koers.Draft, key int64) string {
	return "/beheer/leiderdorp/concepten/" + itoa(d.ID) + "/paginas/" + itoa(key)
}

// blockOf finds the 1-based number of the page's first block of type t.
func blockOf(tb testing.TB, p *koers.Page, t koers.BlockType) int {
	tb.Helper()
	for i, b := range p.Blocks {
		if b.Type == t {
			return i + 1
		}
	}
	tb.Fatalf("page %s has no %s block", p.Path, t)
	return 0
}

// textarea returns the text of the text area with id in a page.
func textarea(tb testing.TB, body, id string) string {
	tb.Helper()
	m := regexp.MustCompile(`(?s)<textarea id="` + regexp.QuoteMeta(id) + `"[^>]*>(.*?)</textarea>`).FindStringSubmatch(body)
	if m == nil {
		tb.Fatalf("no text area %s", id)
	}
	return htmlUnescape(m[1])
}

var htmlUnescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace

// setCell changes, in a tab-separated form, the cell of the row whose
// column key is value, in the column named col.
func setCell(tb testing.TB, form, key, value, col, cell string) string {
	tb.Helper()
	lines := strings.Split(form, "\n")
	header := strings.Split(lines[0], "\t")
	ki, ci := -1, -1
	for i, h := range header {
		switch h {
		case key:
			ki = i
		case col:
			ci = i
		}
	}
	if ki < 0 || ci < 0 {
		tb.Fatalf("no column %q or %q in %q", key, col, lines[0])
	}
	for n, line := range lines[1:] {
		cells := strings.Split(line, "\t")
		if len(cells) > ci && cells[ki] == value {
			cells[ci] = cell
			lines[n+1] = strings.Join(cells, "\t")
			return strings.Join(lines, "\n")
		}
	}
	tb.Fatalf("no row with %s %q", key, value)
	return ""
}

// TestEditAndPublish is the redacteur's and the publicist's work on the 1C
// page: an indicator's target and an activity's text changed in the
// draft, invisible to the public until published.
func TestEditAndPublish(t *testing.T) {
	o := newOffice(t)
	red := o.signIn("leiderdorp/redacteur")
	rec := red.do("POST", "/beheer/leiderdorp/documenten/begroting-2022/concept", url.Values{})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("start draft: %d\n%s", rec.Code, rec.Body)
	}
	draftAddr := rec.Header().Get("Location")
	id, _ := strconv.ParseInt(draftAddr[strings.LastIndexByte(draftAddr, '/')+1:], 10, 64)
	d, err := o.store.Draft(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	key := pageKeyOf(t, d, page1C)
	p := d.Page(key)
	editor := red.do("GET", editorURL(d, key), nil)
	if editor.Code != http.StatusOK {
		t.Fatalf("editor: %d\n%s", editor.Code, editor.Body)
	}
	body := editor.Body.String()

	// The 2022 target of indicator 2.2.
	n := blockOf(t, p, koers.IndicatorTableBlock)
	table := textarea(t, body, "b"+strconv.Itoa(n)+"-inhoud")
	table = setCell(t, table, "nummer", "2.2", "2022 streefwaarde", "12,5%")
	rec = red.do("POST", editorURL(d, key)+"/blokken/"+strconv.Itoa(n), url.Values{"versie": {itoa(d.Version)}, "actie": {"opslaan"},
		"kop": {"Prestatie-indicatoren"}, "inhoud": {table}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save the indicator table: %d\n%s", rec.Code, rec.Body)
	}
	// The text of activity 2.3.
	n = blockOf(t, p, koers.ActivitiesBlock)
	acts := textarea(t, body, "b"+strconv.Itoa(n)+"-inhoud")
	lines := strings.Split(acts, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "2.3\t") {
			cells := strings.Split(l, "\t")
			cells[1] = "We organiseren jeugdhulp in de wijk, dichtbij de inwoners."
			lines[i] = strings.Join(cells, "\t")
		}
	}
	// After the save, the editor the redacteur is sent back to is of the
	// next version.
	rec = red.do("POST", editorURL(d, key)+"/blokken/"+strconv.Itoa(n), url.Values{"versie": {itoa(d.Version + 1)}, "actie": {"opslaan"},
		"kop": {p.Blocks[n-1].Heading}, "inhoud": {strings.Join(lines, "\n")}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save the activities: %d\n%s", rec.Code, rec.Body)
	}

	public := "/leiderdorp/begroting-2022/" + page1C
	preview := red.do("GET", draftAddr+"/voorbeeld/"+page1C, nil)
	if preview.Code != http.StatusOK || !strings.Contains(preview.Body.String(), "in de wijk, dichtbij de inwoners") ||
		!strings.Contains(preview.Body.String(), "12,5%") || !strings.Contains(preview.Body.String(), `<meta name="robots" content="noindex, nofollow">`) ||
		!strings.Contains(preview.Body.String(), "Concept") || preview.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("preview: %d %v\n%s", preview.Code, preview.Header(), preview.Body)
	}
	if strings.Contains(preview.Body.String(), `href="/leiderdorp/begroting-2022/`) {
		t.Error("the preview links to the public pages of the document")
	}
	anon := o.browser()
	if rec := anon.do("GET", draftAddr+"/voorbeeld/"+page1C, nil); rec.Code != http.StatusSeeOther {
		t.Errorf("preview signed out: %d", rec.Code)
	}
	if rec := anon.do("GET", public, nil); strings.Contains(rec.Body.String(), "in de wijk, dichtbij") {
		t.Fatal("the public page shows the draft")
	}

	// Only a publicist publishes.
	if rec := red.do("POST", draftAddr+"/publiceren", url.Values{}); rec.Code != http.StatusForbidden {
		t.Fatalf("redacteur publishes: %d", rec.Code)
	}
	o.review("leiderdorp", id)
	pub := o.signIn("leiderdorp/publicist")
	if rec := pub.do("POST", draftAddr+"/publiceren", url.Values{"versie": {itoa(o.version(id))}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", rec.Code, rec.Body)
	}
	if rec := anon.do("GET", public, nil); !strings.Contains(rec.Body.String(), "in de wijk, dichtbij de inwoners") || !strings.Contains(rec.Body.String(), "12,5%") {
		t.Fatalf("after publishing, the public page: %d\n%s", rec.Code, rec.Body)
	}
	if _, err := o.store.Draft(context.Background(), id); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("the draft outlived its publication: %v", err)
	}
	entries, err := o.store.AuditLog(context.Background(), koers.AuditFilter{OrganisationID: o.orgs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, string(e.Action)+" "+e.Actor+" "+e.Block)
	}
	want := []string{
		"publish publicist@leiderdorp.nl ",
		"sign_in publicist@leiderdorp.nl ",
		"review_approve beoordelaar@leiderdorp.nl ",
		"sign_in beoordelaar@leiderdorp.nl ",
		"review_submit redacteur@leiderdorp.nl ",
		"sign_in redacteur@leiderdorp.nl ",
		"draft_change redacteur@leiderdorp.nl " + strconv.Itoa(n) + ": activities",
		"draft_change redacteur@leiderdorp.nl " + strconv.Itoa(blockOf(t, p, koers.IndicatorTableBlock)) + ": indicator_table",
		"draft_start redacteur@leiderdorp.nl ",
		"sign_in redacteur@leiderdorp.nl ",
		"user_create  ", "user_create  ", "user_create  ", "user_create  ", "user_create  ", // the fixture's, by the command line
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBlockProblems: a block with a problem is not saved; the problem
// stands next to its field and in the summary, and the input is kept.
func TestBlockProblems(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	p := d.Page(key)
	red := o.signIn("leiderdorp/redacteur")
	n := blockOf(t, p, koers.SmartGoalsBlock)
	input := "1\tEen doel\n1\tNog een doel met hetzelfde nummer"
	rec := red.do("POST", editorURL(d, key)+"/blokken/"+strconv.Itoa(n), url.Values{"versie": {itoa(d.Version)}, "actie": {"opslaan"},
		"inhoud": {input}})
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d\n%s", rec.Code, body)
	}
	id := "b" + strconv.Itoa(n) + "-inhoud"
	if !strings.Contains(body, `<a href="#`+id+`">Regel 2:`) || !strings.Contains(body, `id="`+id+`-fout"`) ||
		!strings.Contains(body, `aria-describedby="`+id+`-hint `+id+`-fout"`) {
		t.Errorf("the problem is not tied to its field:\n%s", body)
	}
	if got := textarea(t, body, id); got != input {
		t.Errorf("the input was not kept: %q", got)
	}
	after, err := o.store.Draft(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Version != d.Version {
		t.Errorf("a refused save changed the draft: version %d -> %d", d.Version, after.Version)
	}
}

// TestStaleSave: two people on one page; the second save, based on the
// page before the first, is refused with what changed, and keeps its input.
func TestStaleSave(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	p := d.Page(key)
	n := blockOf(t, p, koers.GoalBlock)
	target := editorURL(d, key) + "/blokken/" + strconv.Itoa(n)
	seen := itoa(d.Version)
	first := o.signIn("leiderdorp/redacteur")
	if rec := first.do("POST", target, url.Values{"versie": {seen}, "actie": {"opslaan"}, "inhoud": {"Het doel van de eerste."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d\n%s", rec.Code, rec.Body)
	}
	second := o.signIn("leiderdorp/redacteur")
	rec := second.do("POST", target, url.Values{"versie": {seen}, "actie": {"opslaan"}, "inhoud": {"Het doel van de tweede."}})
	body := rec.Body.String()
	if rec.Code != http.StatusConflict || !strings.Contains(body, "Iemand anders heeft deze pagina gewijzigd nadat u haar opende.") ||
		!strings.Contains(body, "Het doel van de eerste.") || !strings.Contains(body, "Het doel van de tweede.") ||
		!strings.Contains(body, "redacteur@leiderdorp.nl") {
		t.Fatalf("stale save: %d\n%s", rec.Code, body)
	}
	after, _ := o.store.Draft(context.Background(), d.ID)
	if got := after.Page(key).Blocks[n-1].Text; got != "Het doel van de eerste." {
		t.Errorf("the stale save overwrote: %q", got)
	}
	// A save on another page is not stale.
	other := pageKeyOf(t, d, "beleidsbegroting/programma-1-meedoen-in-leiderdorp")
	if d.Page(other) != nil && len(d.Page(other).Blocks) > 0 {
		t.Logf("other page %d has blocks", other)
	}
}

// TestRenameKeepsOldAddress: a page whose slug a published draft changed
// redirects from its old address.
func TestRenameKeepsOldAddress(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	red := o.signIn("leiderdorp/redacteur")
	rec := red.do("POST", editorURL(d, key)+"/eigenschappen", url.Values{"versie": {itoa(d.Version)}, "kind": {"subprogramme"},
		"number": {"1C"}, "title": {"1C: Ondersteunde inwoners"}, "slug": {"1c-ondersteuning"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("rename: %d\n%s", rec.Code, rec.Body)
	}
	o.review("leiderdorp", d.ID)
	pub := o.signIn("leiderdorp/publicist")
	if rec := pub.do("POST", "/beheer/leiderdorp/concepten/"+itoa(d.ID)+"/publiceren", url.Values{"versie": {itoa(o.version(d.ID))}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("publish: %d\n%s", rec.Code, rec.Body)
	}
	anon := o.browser()
	old := "/leiderdorp/begroting-2022/" + page1C
	moved := "/leiderdorp/begroting-2022/beleidsbegroting/programma-1-meedoen-in-leiderdorp/1c-ondersteuning"
	for _, tt := range []struct{ from, to string }{{old, moved}, {old + ".pdf", moved + ".pdf"}} {
		rec := anon.do("GET", tt.from, nil)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != tt.to {
			t.Errorf("GET %s: %d to %q, want 301 to %s", tt.from, rec.Code, rec.Header().Get("Location"), tt.to)
		}
	}
	if rec := anon.do("GET", moved, nil); rec.Code != http.StatusOK {
		t.Errorf("GET %s: %d", moved, rec.Code)
	}
}

// TestWithdrawAndRestore: a withdrawn document leaves the site; a kept
// version comes back as a draft, and on the site once that is published.
func TestWithdrawAndRestore(t *testing.T) {
	o := newOffice(t)
	pub := o.signIn("leiderdorp/publicist")
	red := o.signIn("leiderdorp/redacteur")
	anon := o.browser()
	public := "/leiderdorp/begroting-2022"
	rec := pub.do("POST", "/beheer/leiderdorp/documenten/begroting-2022/intrekken", url.Values{})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("withdraw: %d\n%s", rec.Code, rec.Body)
	}
	if rec := anon.do("GET", public, nil); rec.Code != http.StatusNotFound {
		t.Fatalf("withdrawn, public: %d", rec.Code)
	}
	list := red.do("GET", "/beheer/leiderdorp/versies/begroting-2022", nil)
	m := regexp.MustCompile(`action="(/beheer/leiderdorp/versies/begroting-2022/\d+/herstellen)"><button type="submit" class="button-secondary">Herstellen als concept<span class="visually-hidden">: versie 1 van `).FindStringSubmatch(list.Body.String())
	if list.Code != http.StatusOK || m == nil {
		t.Fatalf("versions: %d\n%s", list.Code, list.Body)
	}
	if strings.Contains(list.Body.String(), "De versies op de publieke site") {
		t.Error("a withdrawn document's versions link to the public site")
	}
	// The redacteur restores: a draft, nothing published yet.
	rec = red.do("POST", m[1], url.Values{})
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !regexp.MustCompile(`^/beheer/leiderdorp/concepten/\d+$`).MatchString(loc) {
		t.Fatalf("restore: %d %q\n%s", rec.Code, loc, rec.Body)
	}
	if page := red.do("GET", loc, nil); !strings.Contains(page.Body.String(), "Versie 1 is hersteld als concept. Bied het ter beoordeling aan; na goedkeuring kan het worden gepubliceerd.") {
		t.Errorf("draft after restoring: no notice\n%s", page.Body)
	}
	if rec := anon.do("GET", public, nil); rec.Code != http.StatusNotFound {
		t.Fatalf("restored as a draft, public: %d", rec.Code)
	}
	// A second restore is refused while the draft exists.
	rec = red.do("POST", m[1], url.Values{})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Er is al een concept van dit document. Publiceer of verwijder dat concept eerst; dan kunt u deze versie herstellen.") {
		t.Errorf("second restore: %d\n%s", rec.Code, rec.Body)
	}
	restored, err := strconv.ParseInt(loc[strings.LastIndex(loc, "/")+1:], 10, 64)
	if err != nil {
		t.Fatalf("restored draft at %q", loc)
	}
	o.review("leiderdorp", restored)
	if rec := pub.do("POST", loc+"/publiceren", url.Values{}); rec.Code != http.StatusSeeOther {
		t.Fatalf("publish the restored draft: %d\n%s", rec.Code, rec.Body)
	}
	if rec := anon.do("GET", public+"/"+page1C, nil); rec.Code != http.StatusOK {
		t.Fatalf("restored, public: %d", rec.Code)
	}
}

// TestOtherOrganisationsObjects: a person with every role in one
// organisation cannot reach another's drafts or versions through their
// own organisation's addresses.
func TestOtherOrganisationsObjects(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	all := o.users["leiderdorp/beheerder"]
	for _, r := range koers.Roles {
		if !all.Has(o.orgs[0].ID, r) {
			all.Grants = append(all.Grants, koers.Grant{OrganisationID: o.orgs[0].ID, Role: r})
		}
	}
	if err := o.store.UpdateUser(ctx, all); err != nil {
		t.Fatal(err)
	}
	theirs := o.draftOf("voorbeeldgemeente", "begroting-2024")
	c := o.signIn("leiderdorp/beheerder")
	base := "/beheer/leiderdorp/concepten/" + itoa(theirs.ID)
	for _, tt := range []struct{ method, path string }{
		{"GET", base},
		{"GET", base + "/voorbeeld"},
		{"GET", base + "/paginas/1"},
		{"POST", base + "/eigenschappen"},
		{"POST", base + "/publiceren"},
		{"POST", base + "/verwijderen"},
		{"POST", base + "/paginas"},
		{"POST", base + "/paginas/1/blokken/1"},
		{"POST", "/beheer/leiderdorp/documenten/begroting-2024/intrekken"},
		{"POST", "/beheer/leiderdorp/documenten/begroting-2024/concept"},
		{"GET", "/beheer/leiderdorp/versies/begroting-2024"},
	} {
		var form url.Values
		if tt.method == "POST" {
			form = url.Values{"title": {"x"}, "actie": {"verwijderen"}}
		}
		if rec := c.do(tt.method, tt.path, form); rec.Code != http.StatusNotFound {
			t.Errorf("%s %s: %d, want 404", tt.method, tt.path, rec.Code)
		}
	}
	if _, err := o.store.Draft(ctx, theirs.ID); err != nil {
		t.Errorf("their draft: %v", err)
	}
}

// TestAddEveryBlockType adds a block of every type the editor offers to
// a page of the draft: each is saved, valid as it is.
func TestAddEveryBlockType(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	red := o.signIn("leiderdorp/redacteur")
	version := d.Version
	for _, bt := range koers.BlockTypes {
		rec := red.do("POST", editorURL(d, key)+"/blokken", url.Values{"versie": {itoa(version)}, "type": {string(bt)}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("add %s: %d\n%s", bt, rec.Code, rec.Body)
		}
		version++
	}
	after, err := o.store.Draft(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(after.Page(key).Blocks), len(d.Page(key).Blocks)+len(koers.BlockTypes); got != want {
		t.Errorf("%d blocks, want %d", got, want)
	}
}

// version is a draft's version as stored now.
func (o *office) version(id int64) int64 {
	o.t.Helper()
	d, err := o.store.Draft(context.Background(), id)
	if err != nil {
		o.t.Fatal(err)
	}
	return d.Version
}

// TestWholeDraftActionsAreNotStale: publishing or discarding a draft that
// changed since the page that asks for it was made is refused, and so is
// a change of the document's properties; nothing is published or lost.
func TestWholeDraftActionsAreNotStale(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	n := blockOf(t, d.Page(key), koers.GoalBlock)
	seen := itoa(d.Version)
	red := o.signIn("leiderdorp/redacteur")
	if rec := red.do("POST", editorURL(d, key)+"/blokken/"+strconv.Itoa(n), url.Values{"versie": {seen}, "actie": {"opslaan"},
		"inhoud": {"Een doel dat de publicist nog niet zag."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d", rec.Code)
	}
	draft := "/beheer/leiderdorp/concepten/" + itoa(d.ID)
	pub := o.signIn("leiderdorp/publicist")
	for _, tt := range []struct {
		who    *client
		action string
		form   url.Values
	}{
		{pub, "/publiceren", url.Values{"versie": {seen}}},
		{red, "/verwijderen", url.Values{"versie": {seen}}},
	} {
		rec := tt.who.do("POST", draft+tt.action, tt.form)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Iemand anders heeft het concept gewijzigd nadat u deze pagina opende.") {
			t.Errorf("%s on a stale page: %d\n%s", tt.action, rec.Code, rec.Body)
		}
	}
	if after := o.version(d.ID); after != d.Version+1 {
		t.Errorf("version %d after refused actions, want %d", after, d.Version+1)
	}
	// The document's properties are their own part: a page change does
	// not make their form stale, another change of them does.
	props := func(c *client, title string) *httptest.ResponseRecorder {
		return c.do("POST", draft+"/eigenschappen", url.Values{"versie": {seen}, "kind": {"begroting"}, "year": {"2022"}, "title": {title}})
	}
	if rec := props(red, "Titel van de eerste"); rec.Code != http.StatusSeeOther {
		t.Fatalf("properties after a page change: %d\n%s", rec.Code, rec.Body)
	}
	rec := props(o.signIn("leiderdorp/redacteur"), "Titel van de tweede")
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Iemand anders heeft het concept gewijzigd nadat u deze pagina opende.") {
		t.Errorf("a second properties save from the same page: %d\n%s", rec.Code, rec.Body)
	}
	if after, _ := o.store.Draft(context.Background(), d.ID); after.Document.Title != "Titel van de eerste" {
		t.Errorf("title %q", after.Document.Title)
	}
}

// TestStaleSaveOfRemovedBlock: saving a block someone deleted since the
// form was made is a conflict with the input kept, not "not found".
func TestStaleSaveOfRemovedBlock(t *testing.T) {
	o := newOffice(t)
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	last := len(d.Page(key).Blocks)
	seen := itoa(d.Version)
	a, b := o.signIn("leiderdorp/redacteur"), o.signIn("leiderdorp/redacteur")
	if rec := a.do("POST", editorURL(d, key)+"/blokken/"+strconv.Itoa(last), url.Values{"versie": {seen}, "actie": {"verwijderen"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("delete: %d", rec.Code)
	}
	rec := b.do("POST", editorURL(d, key)+"/blokken/"+strconv.Itoa(last), url.Values{"versie": {seen}, "actie": {"opslaan"}, "inhoud": {"Mijn tekst."}})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "Iemand anders heeft deze pagina gewijzigd nadat u haar opende.") {
		t.Fatalf("stale save of a deleted block: %d\n%s", rec.Code, rec.Body)
	}
}
