package admin_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
)

// amsterdam is the time zone the back office shows times in.
var amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

// record appends entries to the log as the person did them.
func (b *backOffice) record(t *testing.T, who *koers.User, entries ...koers.AuditEntry) {
	t.Helper()
	ctx := koers.WithActor(context.Background(), who)
	for _, e := range entries {
		if e.OrganisationID == 0 {
			e.OrganisationID = b.org.ID
		}
		if err := b.store.RecordAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
}

// logRows are the rows of the log's table, each as its cells' text.
func logRows(doc *goquery.Document) [][]string {
	var rows [][]string
	doc.Find("table.audit tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, texts(tr.Children())[1:]) // without the time
	})
	return rows
}

// What the beheerder does to people is in the log with who did it.
func TestAuditLogRecordsUserChanges(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	res, body := c.post(t, "/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {"nieuw@leiderdorp.nl"},
		"naam": {"Nina Nieuw"}, "rollen": {"redacteur"}, "wachtwoord": {"groene fiets rijdt snel"}})
	c.flash(t, res, body)
	res, body = c.post(t, "/beheer/leiderdorp/gebruikers/"+itoa(p.writer.ID), url.Values{"actie": {"gegevens"},
		"naam": {"Rik Redacteur"}, "rollen": {"beoordelaar"}, "status": {"actief"}})
	c.flash(t, res, body)

	doc := c.page(t, "/beheer/leiderdorp/logboek?persoon="+itoa(p.admin.ID), http.StatusOK)
	var got [][]string
	for _, row := range logRows(doc) {
		got = append(got, row[:2]) // who and what
	}
	want := [][]string{
		{"beheerder@leiderdorp.nl", "Gebruiker gewijzigd"},
		{"beheerder@leiderdorp.nl", "Gebruiker toegevoegd"},
		{"beheerder@leiderdorp.nl", "Aangemeld"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
}

func TestAuditLogTable(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	long := strings.Repeat("lang ", 30)
	b.record(t, p.writer,
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Page: "programma-1", Block: "doelen",
			Before: "Oud <b>vet</b>", After: long},
		koers.AuditEntry{Action: koers.AuditPublish, Document: "begroting-2026"},
		koers.AuditEntry{OrganisationID: b.other.ID, Action: koers.AuditPublish, Document: "elders"},
	)
	c := b.signIn(t, p.admin.Email)
	doc := c.page(t, "/beheer/leiderdorp/logboek?actie=draft_change", http.StatusOK)
	want := [][]string{{"redacteur@example.nl", "Concept gewijzigd", "begroting-2026", "programma-1", "doelen",
		"Was: Oud <b>vet</b> →, werd: " + strings.Repeat("lang ", 19) + "lang…", ""}}
	if got := logRows(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	at := text(doc.Find("table.audit tbody td").First())
	if _, err := time.ParseInLocation("2-1-2006 15:04", at, amsterdam); err != nil {
		t.Errorf("time %q: %v", at, err)
	}
	// The filter keeps to this organisation.
	doc = c.page(t, "/beheer/leiderdorp/logboek?actie=publish", http.StatusOK)
	want = [][]string{{"redacteur@example.nl", "Gepubliceerd", "begroting-2026", "", "", "", ""}}
	if got := logRows(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
}

func TestAuditLogFilters(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	day := func(t time.Time) string { return t.In(amsterdam).Format("2006-01-02") }
	start := time.Now()
	b.record(t, p.writer, koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Block: "a"},
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "jaarstukken-2025", Block: "b"})
	b.record(t, p.admin, koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Block: "c"})
	end := time.Now()
	c := b.signIn(t, p.admin.Email)
	blocks := func(doc *goquery.Document) []string {
		var out []string
		for _, row := range logRows(doc) {
			out = append(out, row[4])
		}
		return out
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"actie=draft_change", []string{"c", "b", "a"}},
		{"actie=draft_change&persoon=" + itoa(p.writer.ID), []string{"b", "a"}},
		{"actie=draft_change&document=begroting-2026", []string{"c", "a"}},
		{"actie=draft_change&document=+begroting-2026+&persoon=" + itoa(p.admin.ID), []string{"c"}},
		{"actie=draft_change&van=" + day(start.AddDate(0, 0, -1)) + "&tot=" + day(end), []string{"c", "b", "a"}},
		{"actie=draft_change&tot=" + day(start.AddDate(0, 0, -1)), nil},
		{"actie=draft_change&van=" + day(end.AddDate(0, 0, 1)), nil},
		{"actie=upload", nil},
	} {
		doc := c.page(t, "/beheer/leiderdorp/logboek?"+tc.query, http.StatusOK)
		if got := blocks(doc); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: blocks %q, want %q", tc.query, got, tc.want)
		}
		if tc.want == nil {
			if got, want := text(doc.Find("main > p").Last()), "Er zijn geen regels die bij dit filter passen."; got != want {
				t.Errorf("%s: %q, want %q", tc.query, got, want)
			}
		}
	}
}

func TestAuditLogFilterProblems(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	c := b.signIn(t, p.admin.Email)
	for _, tc := range []struct {
		query   string
		summary []string
		fields  map[string]string
	}{
		{"actie=alles", []string{"#actie Kies een handeling uit de lijst."}, map[string]string{"actie": "Fout: Kies een handeling uit de lijst."}},
		{"persoon=" + itoa(p.stranger.ID), []string{"#persoon Kies een persoon uit de lijst."},
			map[string]string{"persoon": "Fout: Kies een persoon uit de lijst."}},
		{"persoon=iemand", []string{"#persoon Kies een persoon uit de lijst."},
			map[string]string{"persoon": "Fout: Kies een persoon uit de lijst."}},
		{"van=31-01-2026&tot=2026-02-30", []string{
			"#van Vul bij ‘Vanaf’ een datum in als jjjj-mm-dd, zoals 2026-01-31.",
			"#tot Vul bij ‘Tot en met’ een datum in als jjjj-mm-dd, zoals 2026-01-31."},
			map[string]string{"van": "Fout: Vul bij ‘Vanaf’ een datum in als jjjj-mm-dd, zoals 2026-01-31.",
				"tot": "Fout: Vul bij ‘Tot en met’ een datum in als jjjj-mm-dd, zoals 2026-01-31."}},
		{"van=2026-02-01&tot=2026-01-31", []string{"#tot De datum bij ‘Tot en met’ ligt vóór de datum bij ‘Vanaf’."},
			map[string]string{"tot": "Fout: De datum bij ‘Tot en met’ ligt vóór de datum bij ‘Vanaf’."}},
		{"document=" + strings.Repeat("x", 201), []string{"#document Vul bij document de korte naam in uit het webadres, zoals begroting-2026, van hoogstens 200 tekens."},
			map[string]string{"document": "Fout: Vul bij document de korte naam in uit het webadres, zoals begroting-2026, van hoogstens 200 tekens."}},
		{"voor=-3", []string{" De link naar oudere regels klopt niet. Begin opnieuw bij de nieuwste regels."}, map[string]string{}},
	} {
		for _, path := range []string{"/beheer/leiderdorp/logboek?", "/beheer/leiderdorp/logboek.csv?"} {
			res, body := c.get(t, path+tc.query)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s%s: status %d, want 422", path, tc.query, res.StatusCode)
				continue
			}
			doc := parse(t, body)
			if got := summary(doc); !reflect.DeepEqual(got, tc.summary) {
				t.Errorf("%s%s: summary\n got %q\nwant %q", path, tc.query, got, tc.summary)
			}
			if got := fieldErrors(doc); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("%s%s: field errors\n got %q\nwant %q", path, tc.query, got, tc.fields)
			}
			if doc.Find("table.audit").Length() != 0 {
				t.Errorf("%s%s: entries shown with a wrong filter", path, tc.query)
			}
		}
	}
}

// The log pages backwards by ID: each entry once.
func TestAuditLogPages(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	var entries []koers.AuditEntry
	for i := 1; i <= 120; i++ {
		entries = append(entries, koers.AuditEntry{Action: koers.AuditDraftChange, Block: fmt.Sprintf("blok %d", i)})
	}
	b.record(t, p.writer, entries...)
	c := b.signIn(t, p.admin.Email)
	var got []string
	path := "/beheer/leiderdorp/logboek?actie=draft_change"
	pages := 0
	for path != "" {
		doc := c.page(t, path, http.StatusOK)
		pages++
		for _, row := range logRows(doc) {
			got = append(got, row[4])
		}
		path = ""
		doc.Find(".actions a").Each(func(_ int, a *goquery.Selection) {
			if text(a) == "Oudere regels" {
				path = a.AttrOr("href", "")
			}
		})
		if pages > 1 && !strings.Contains(path+"&", "actie=draft_change&") && path != "" {
			t.Errorf("the next page %s forgets the filter", path)
		}
	}
	var want []string
	for i := 120; i >= 1; i-- {
		want = append(want, fmt.Sprintf("blok %d", i))
	}
	if pages != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d pages with\n%q\nwant 3 with\n%q", pages, got, want)
	}
}

// The download holds every entry of the filter, past a page of the store,
// with text that a spreadsheet would run as a formula made harmless.
func TestAuditLogCSV(t *testing.T) {
	b := newBackOffice(t)
	p := b.people(t)
	b.record(t, p.writer,
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "@SUM(A1)", Page: "=1+1", Block: "+31 71 123",
			Before: "-2+3", After: "=HYPERLINK(\"http://x\";\"klik\")"},
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Page: "programma-1", Block: "tabel; één",
			Before: "regel 1\nregel 2", After: "\tverborgen"},
	)
	var many []koers.AuditEntry
	for i := range koers.MaxAuditPage + 1 {
		many = append(many, koers.AuditEntry{Action: koers.AuditUpload, Document: fmt.Sprintf("bundel-%d", i)})
	}
	b.record(t, p.admin, many...)
	c := b.signIn(t, p.admin.Email)

	res, body := c.get(t, "/beheer/leiderdorp/logboek.csv?actie=draft_change")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d\n%s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	if got := res.Header.Get("Content-Disposition"); !strings.HasPrefix(got, `attachment; filename="logboek-leiderdorp-`) || !strings.HasSuffix(got, `.csv"`) {
		t.Errorf("Content-Disposition %q", got)
	}
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Errorf("no byte order mark: %q", body[:min(len(body), 20)])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	stored, err := b.store.AuditLog(context.Background(), koers.AuditFilter{OrganisationID: b.org.ID, Action: koers.AuditDraftChange})
	if err != nil || len(stored) != 2 {
		t.Fatalf("stored %v, %v", stored, err)
	}
	at := func(e koers.AuditEntry) string { return e.At.In(amsterdam).Format("2006-01-02 15:04:05") }
	want := [][]string{
		{"Nummer", "Tijdstip", "Persoon", "Handeling", "Document", "Pagina", "Blok", "Voor", "Na", "Adres"},
		{itoa(stored[0].ID), at(stored[0]), "redacteur@example.nl", "Concept gewijzigd", "begroting-2026", "programma-1", "tabel; één",
			"regel 1\nregel 2", "'\tverborgen", ""},
		{itoa(stored[1].ID), at(stored[1]), "redacteur@example.nl", "Concept gewijzigd", "'@SUM(A1)", "'=1+1", "'+31 71 123",
			"'-2+3", "'=HYPERLINK(\"http://x\";\"klik\")", ""},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows:\n got %q\nwant %q", rows, want)
	}

	// More than one page of the store.
	res, body = c.get(t, "/beheer/leiderdorp/logboek.csv?actie=upload")
	r = csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	if rows, err = r.ReadAll(); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("status %d, %v", res.StatusCode, err)
	}
	if len(rows) != 1+koers.MaxAuditPage+1 {
		t.Fatalf("%d rows, want a header and %d", len(rows), koers.MaxAuditPage+1)
	}
	for i, row := range rows[1:] {
		if want := fmt.Sprintf("bundel-%d", koers.MaxAuditPage-i); row[4] != want {
			t.Fatalf("row %d: document %q, want %q", i+1, row[4], want)
		}
	}
}
