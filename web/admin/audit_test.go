package admin

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

// record appends entries to the log as the person did them, in
// Leiderdorp unless they say otherwise.
func (o *office) record(who *koers.User, entries ...koers.AuditEntry) {
	o.t.Helper()
	ctx := koers.WithActor(context.Background(), who)
	for _, e := range entries {
		if e.OrganisationID == 0 {
			e.OrganisationID = o.orgs[0].ID
		}
		if err := o.store.RecordAudit(ctx, e); err != nil {
			o.t.Fatal(err)
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
	o := newOffice(t)
	admin := o.users["leiderdorp/beheerder"]
	c := o.signIn("leiderdorp/beheerder")
	res, body := c.post("/beheer/leiderdorp/gebruikers/nieuw", url.Values{"email": {"nieuw@leiderdorp.nl"},
		"naam": {"Nina Nieuw"}, "rollen": {"redacteur"}, "wachtwoord": {"groene fiets rijdt snel"}})
	c.followed(res, body)
	res, body = c.post("/beheer/leiderdorp/gebruikers/"+itoa(o.users["leiderdorp/redacteur"].ID), url.Values{"actie": {"gegevens"},
		"naam": {"Redacteur Gemeente Leiderdorp"}, "rollen": {"beoordelaar"}, "status": {"actief"}})
	c.followed(res, body)

	doc := c.page("/beheer/leiderdorp/logboek?persoon="+itoa(admin.ID), http.StatusOK)
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
	o := newOffice(t)
	writer := o.users["leiderdorp/redacteur"]
	long := strings.Repeat("lang ", 30)
	o.record(writer,
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Page: "programma-1", Block: "doelen",
			Before: "Oud <b>vet</b>", After: long},
		koers.AuditEntry{Action: koers.AuditPublish, Document: "begroting-2026"},
		koers.AuditEntry{OrganisationID: o.orgs[1].ID, Action: koers.AuditPublish, Document: "elders"},
	)
	c := o.signIn("leiderdorp/beheerder")
	doc := c.page("/beheer/leiderdorp/logboek?actie=draft_change", http.StatusOK)
	want := [][]string{{"redacteur@leiderdorp.nl", "Concept gewijzigd", "begroting-2026", "programma-1", "doelen",
		"Was: Oud <b>vet</b> →, werd: " + strings.Repeat("lang ", 19) + "lang…", ""}}
	if got := logRows(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	at := text(doc.Find("table.audit tbody td").First())
	if _, err := time.ParseInLocation("2-1-2006 15:04", at, amsterdam); err != nil {
		t.Errorf("time %q: %v", at, err)
	}
	// The log keeps to this organisation.
	doc = c.page("/beheer/leiderdorp/logboek?actie=publish", http.StatusOK)
	want = [][]string{{"redacteur@leiderdorp.nl", "Gepubliceerd", "begroting-2026", "", "", "", ""}}
	if got := logRows(doc); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
}

func TestAuditLogFilters(t *testing.T) {
	o := newOffice(t)
	writer, admin := o.users["leiderdorp/redacteur"], o.users["leiderdorp/beheerder"]
	day := func(t time.Time) string { return t.In(amsterdam).Format("2006-01-02") }
	start := time.Now()
	o.record(writer, koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Block: "a"},
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "jaarstukken-2025", Block: "b"})
	o.record(admin, koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Block: "c"})
	end := time.Now()
	c := o.signIn("leiderdorp/beheerder")
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"actie=draft_change", []string{"c", "b", "a"}},
		{"actie=draft_change&persoon=" + itoa(writer.ID), []string{"b", "a"}},
		{"actie=draft_change&document=begroting-2026", []string{"c", "a"}},
		{"actie=draft_change&document=+begroting-2026+&persoon=" + itoa(admin.ID), []string{"c"}},
		{"actie=draft_change&van=" + day(start.AddDate(0, 0, -1)) + "&tot=" + day(end), []string{"c", "b", "a"}},
		{"actie=draft_change&tot=" + day(start.AddDate(0, 0, -1)), nil},
		{"actie=draft_change&van=" + day(end.AddDate(0, 0, 1)), nil},
		{"actie=upload", nil},
	} {
		doc := c.page("/beheer/leiderdorp/logboek?"+tc.query, http.StatusOK)
		var blocks []string
		for _, row := range logRows(doc) {
			blocks = append(blocks, row[4])
		}
		if !reflect.DeepEqual(blocks, tc.want) {
			t.Errorf("%s: blocks %q, want %q", tc.query, blocks, tc.want)
		}
		if tc.want == nil {
			if got, want := text(doc.Find("main > p").Last()), "Er zijn geen regels die bij dit filter passen."; got != want {
				t.Errorf("%s: %q, want %q", tc.query, got, want)
			}
		}
	}
}

func TestAuditLogFilterProblems(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	for _, tc := range []struct {
		query   string
		summary []string
		fields  map[string]string
	}{
		{"actie=alles", []string{"#actie Kies een handeling uit de lijst."}, map[string]string{"actie": "Fout: Kies een handeling uit de lijst."}},
		{"persoon=" + itoa(o.users["voorbeeldgemeente/beheerder"].ID), []string{"#persoon Kies een persoon uit de lijst."},
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
			rec := c.do("GET", path+tc.query, nil)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s%s: status %d, want 422", path, tc.query, rec.Code)
				continue
			}
			doc := parseHTML(t, rec.Body.String())
			if got := errorSummary(doc); !reflect.DeepEqual(got, tc.summary) {
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

// The log pages backwards by ID, keeping the filter: each entry once.
func TestAuditLogPages(t *testing.T) {
	o := newOffice(t)
	var entries []koers.AuditEntry
	for i := 1; i <= 120; i++ {
		entries = append(entries, koers.AuditEntry{Action: koers.AuditDraftChange, Block: fmt.Sprintf("blok %d", i)})
		if i == 30 { // on the last page, unless the filter is lost on the way
			entries = append(entries, koers.AuditEntry{Action: koers.AuditPublish, Block: "gepubliceerd"})
		}
	}
	o.record(o.users["leiderdorp/redacteur"], entries...)
	c := o.signIn("leiderdorp/beheerder")
	var got []string
	path := "/beheer/leiderdorp/logboek?actie=draft_change"
	pages := 0
	for path != "" {
		doc := c.page(path, http.StatusOK)
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
	}
	var want []string
	for i := 120; i >= 1; i-- {
		want = append(want, fmt.Sprintf("blok %d", i))
	}
	if pages != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("%d pages with\n%q\nwant 3 with\n%q", pages, got, want)
	}
}

// csvRows reads a download of the log.
func csvRows(t *testing.T, body string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// The download holds every entry of the filter, past a page of the store,
// with text that a spreadsheet would run as a formula made harmless.
func TestAuditLogCSV(t *testing.T) {
	o := newOffice(t)
	writer, admin := o.users["leiderdorp/redacteur"], o.users["leiderdorp/beheerder"]
	o.record(writer,
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "@SUM(A1)", Page: "=1+1", Block: "+31 71 123",
			Before: "-2+3", After: "=HYPERLINK(\"http://x\";\"klik\")"},
		koers.AuditEntry{Action: koers.AuditDraftChange, Document: "begroting-2026", Page: "programma-1", Block: "tabel; één",
			Before: "regel 1\nregel 2", After: "\tverborgen"},
	)
	var many []koers.AuditEntry
	for i := range koers.MaxAuditPage + 1 {
		many = append(many, koers.AuditEntry{Action: koers.AuditUpload, Document: fmt.Sprintf("bundel-%d", i)})
	}
	o.record(admin, many...)
	c := o.signIn("leiderdorp/beheerder")

	rec := c.do("GET", "/beheer/leiderdorp/logboek.csv?actie=draft_change", nil)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d\n%s", rec.Code, body)
	}
	if got := rec.Header().Get("Content-Type"); got != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	if got := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(got, `attachment; filename="logboek-leiderdorp-`) || !strings.HasSuffix(got, `.csv"`) {
		t.Errorf("Content-Disposition %q", got)
	}
	if !strings.HasPrefix(body, "\uFEFF") {
		t.Errorf("no byte order mark: %q", body[:min(len(body), 20)])
	}
	stored, err := o.store.AuditLog(context.Background(), koers.AuditFilter{OrganisationID: o.orgs[0].ID, Action: koers.AuditDraftChange})
	if err != nil || len(stored) != 2 {
		t.Fatalf("stored %v, %v", stored, err)
	}
	at := func(e koers.AuditEntry) string { return e.At.In(amsterdam).Format("2006-01-02 15:04:05") }
	want := [][]string{
		{"Nummer", "Tijdstip", "Persoon", "Handeling", "Document", "Pagina", "Blok", "Voor", "Na", "Adres"},
		{itoa(stored[0].ID), at(stored[0]), "redacteur@leiderdorp.nl", "Concept gewijzigd", "begroting-2026", "programma-1", "tabel; één",
			"regel 1\nregel 2", "'\tverborgen", ""},
		{itoa(stored[1].ID), at(stored[1]), "redacteur@leiderdorp.nl", "Concept gewijzigd", "'@SUM(A1)", "'=1+1", "'+31 71 123",
			"'-2+3", "'=HYPERLINK(\"http://x\";\"klik\")", ""},
	}
	if got := csvRows(t, body); !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}

	// More than one page of the store.
	rec = c.do("GET", "/beheer/leiderdorp/logboek.csv?actie=upload", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	rows := csvRows(t, rec.Body.String())
	if len(rows) != 1+koers.MaxAuditPage+1 {
		t.Fatalf("%d rows, want a header and %d", len(rows), koers.MaxAuditPage+1)
	}
	for i, row := range rows[1:] {
		if want := fmt.Sprintf("bundel-%d", koers.MaxAuditPage-i); row[4] != want {
			t.Fatalf("row %d: document %q, want %q", i+1, row[4], want)
		}
	}
}

// A download that would pass the bound stops there and says so.
func TestAuditLogCSVBound(t *testing.T) {
	defer func(n int) { maxCSVRows = n }(maxCSVRows)
	maxCSVRows = 3
	o := newOffice(t)
	var entries []koers.AuditEntry
	for i := range 5 {
		entries = append(entries, koers.AuditEntry{Action: koers.AuditUpload, Document: fmt.Sprintf("bundel-%d", i)})
	}
	o.record(o.users["leiderdorp/redacteur"], entries...)
	rec := o.signIn("leiderdorp/beheerder").do("GET", "/beheer/leiderdorp/logboek.csv?actie=upload", nil)
	var got [][]string
	for _, row := range csvRows(t, rec.Body.String()) {
		got = append(got, []string{row[0], row[4]})
	}
	want := [][]string{{"Nummer", "Document"}, {"", "bundel-4"}, {"", "bundel-3"}, {"", "bundel-2"},
		{"Afgebroken: meer dan 3 regels. Kies een kleiner filter, bijvoorbeeld een kortere periode.", ""}}
	for i := 1; i < min(len(got), 4); i++ {
		got[i][0] = "" // the IDs are the store's
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
}
