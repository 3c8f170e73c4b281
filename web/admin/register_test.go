package admin

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
)

// fakeRegister stands in for the register's services: what the back
// office asks and what it is told.
type fakeRegister struct {
	imported [][]UploadedFile
	importFn func(files []UploadedFile) (koers.ImportResult, error)
	years    [][]int
	use      []koers.CeilingUse
	useYear  int
	noRules  bool
}

func (f *fakeRegister) Import(_ context.Context, _ int64, files []UploadedFile) (koers.ImportResult, error) {
	f.imported = append(f.imported, files)
	return f.importFn(files)
}

func (f *fakeRegister) Compute(_ context.Context, _ int64, years []int) ([]koers.ComputedValue, error) {
	f.years = append(f.years, years)
	if f.noRules {
		return nil, koers.Errorf(koers.EINVALID, "Er zijn nog geen telregels vastgelegd.")
	}
	n := func(x float64) *float64 { return &x }
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	var out []koers.ComputedValue
	for _, y := range years {
		out = append(out,
			koers.ComputedValue{Indicator: "wmo-maatwerkvoorzieningen", Year: y, Number: n(1972), Rule: "Aantal unieke inwoners", RuleVersion: 1, ComputedAt: at},
			koers.ComputedValue{Indicator: "jbt-meldingen", Year: y, Below: 5, Rule: "Aantal meldingen", RuleVersion: 2, ComputedAt: at},
			koers.ComputedValue{Indicator: "jongeren-met-jeugdhulp", Year: y, Number: n(12.4), Rule: "Percentage: Aantal unieke jongeren", RuleVersion: 1, ComputedAt: at})
	}
	return out, nil
}

func (f *fakeRegister) Status(context.Context, int64) (RegisterStatus, error) {
	return RegisterStatus{Facts: []FactCount{{"Cliënten", 2716}, {"Toewijzingen", 12034}},
		LastImport: time.Date(2026, 11, 23, 9, 15, 0, 0, time.UTC)}, nil
}

func (f *fakeRegister) CeilingUse(_ context.Context, _ int64, year int) ([]koers.CeilingUse, error) {
	f.useYear = year
	return f.use, nil
}

func (f *fakeRegister) Rules(context.Context, int64) ([]koers.CountRule, error) {
	return []koers.CountRule{{Indicator: "jbt-meldingen", Version: 2, Source: koers.SourceJBT, Unit: koers.Records, Window: koers.StartedInYear}}, nil
}

// withRegister is an office whose register is fake.
func withRegister(t *testing.T) (*office, *fakeRegister) {
	o := newOffice(t)
	f := &fakeRegister{importFn: func(files []UploadedFile) (koers.ImportResult, error) {
		return koers.ImportResult{Added: 1234, Known: 5}, nil
	}}
	o.server.register = &RegisterServices{Importer: f, Computer: f, Reader: f}
	return o, f
}

// files posts files in the field bestanden, as the import form does.
func (c *client) files(target string, files map[string]string) *httptest.ResponseRecorder {
	c.o.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for name, content := range files {
		part, err := w.CreateFormFile("bestanden", name)
		if err != nil {
			c.o.t.Fatal(err)
		}
		part.Write([]byte(content))
	}
	w.Close()
	req := httptest.NewRequest("POST", target, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.o.handler.ServeHTTP(rec, req)
	return rec
}

// rows are a table's rows, their cells' texts joined by " | ".
func rows(sel *goquery.Selection) string {
	var out []string
	sel.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		out = append(out, strings.Join(texts(tr.Find("th, td")), " | "))
	})
	return strings.Join(out, "\n")
}

// auditOf is the organisation's audit log of one action, oldest first:
// what was read or written.
func (o *office) auditOf(action koers.AuditAction) []string {
	o.t.Helper()
	log, err := o.store.AuditLog(context.Background(), koers.AuditFilter{OrganisationID: o.orgs[0].ID, Action: action})
	if err != nil {
		o.t.Fatal(err)
	}
	var out []string
	for i := len(log) - 1; i >= 0; i-- {
		out = append(out, log[i].Actor+" "+log[i].Page+log[i].After)
	}
	return out
}

// TestRegisterOnlyForItsRole: every register page answers the register
// role and refuses every other role with 403, and the navigation shows
// the register to that role alone.
func TestRegisterOnlyForItsRole(t *testing.T) {
	o, _ := withRegister(t)
	paths := []string{"/beheer/leiderdorp/register", "/beheer/leiderdorp/register/inlezen", "/beheer/leiderdorp/register/berekenen",
		"/beheer/leiderdorp/register/plafonds?jaar=2020", "/beheer/leiderdorp/register/telregels"}
	for _, role := range koers.Roles {
		c := o.signIn("leiderdorp/" + string(role))
		want := http.StatusForbidden
		if role == koers.Registerbeheerder {
			want = http.StatusOK
		}
		for _, p := range paths {
			if rec := c.do("GET", p, nil); rec.Code != want {
				t.Errorf("%s GET %s: %d, want %d", role, p, rec.Code, want)
			}
		}
		for _, p := range []string{"/beheer/leiderdorp/register/berekenen", "/beheer/leiderdorp/register/inlezen"} {
			if rec := c.do("POST", p, url.Values{"jaren": {"2020"}}); (rec.Code == http.StatusForbidden) != (role != koers.Registerbeheerder) {
				t.Errorf("%s POST %s: %d", role, p, rec.Code)
			}
		}
		nav := texts(c.page("/beheer/leiderdorp", http.StatusOK).Find(".org-nav a"))
		if shows := strings.Contains(strings.Join(nav, " "), "Register"); shows != (role == koers.Registerbeheerder) {
			t.Errorf("%s: navigation %v", role, nav)
		}
	}
}

func TestRegisterOverview(t *testing.T) {
	o, _ := withRegister(t)
	c := o.signIn("leiderdorp/register")
	doc := c.page("/beheer/leiderdorp/register", http.StatusOK)
	if got := rows(doc.Find("table")); got != "Soort | Aantal\nCliënten | 2.716\nToewijzingen | 12.034" {
		t.Errorf("overview table:\n%s", got)
	}
	if got := strings.Join(texts(doc.Find("dl dd")), " | "); got != "23-11-2026 10:15 | nooit" {
		t.Errorf("last import and computation: %q", got)
	}
	if got := o.auditOf(koers.AuditRegisterRead); strings.Join(got, "\n") != "register@leiderdorp.nl register/overzicht" {
		t.Errorf("audit of the overview: %q", got)
	}
}

// TestRegisterImport: files reach the importer, the result is shown and
// recorded; a refused import shows every located problem and records
// nothing.
func TestRegisterImport(t *testing.T) {
	o, f := withRegister(t)
	c := o.signIn("leiderdorp/register")
	rec := c.files("/beheer/leiderdorp/register/inlezen", map[string]string{"301.xml": "<Bericht/>"})
	if rec.Code != http.StatusOK {
		t.Fatalf("import: %d\n%s", rec.Code, rec.Body)
	}
	if got := text(parseHTML(t, rec.Body.String()).Find(".flash")); got != "1 bestand ingelezen: 1.234 nieuwe gegevens, 5 al bekend (een bericht dat twee keer komt, telt één keer)." {
		t.Errorf("result: %q", got)
	}
	if len(f.imported) != 1 || f.imported[0][0].Name != "301.xml" || string(f.imported[0][0].Data) != "<Bericht/>" {
		t.Errorf("the importer got %+v", f.imported)
	}
	if got := o.auditOf(koers.AuditRegisterImport); strings.Join(got, "\n") != "register@leiderdorp.nl 1 bestand (301.xml): 1234 nieuw, 5 al bekend" {
		t.Errorf("audit of the import: %q", got)
	}

	f.importFn = func([]UploadedFile) (koers.ImportResult, error) {
		return koers.ImportResult{}, koers.Problems{
			{Path: []any{"301.xml", 12, "Client/Bsn"}, Message: "Het BSN 123456789 klopt niet (elfproef)."},
			{Path: []any{"305.xml", 3, "Header/Gemeente"}, Message: "Dit bericht is voor gemeente 0599, niet voor 0547."},
		}.Err("import")
	}
	rec = c.files("/beheer/leiderdorp/register/inlezen", map[string]string{"301.xml": "x"})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("refused import: %d", rec.Code)
	}
	doc := parseHTML(t, rec.Body.String())
	want := "301.xml:12:Client/Bsn: Het BSN 123456789 klopt niet (elfproef).\n305.xml:3:Header/Gemeente: Dit bericht is voor gemeente 0599, niet voor 0547."
	if got := strings.Join(texts(doc.Find(".error-summary li")), "\n"); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
	if got := text(doc.Find("#bestanden-fout")); got != "Fout: Er is niets ingelezen: de bestanden hebben 2 problemen; de lijst bovenaan noemt elke plaats." {
		t.Errorf("field error: %q", got)
	}
	if n := len(o.auditOf(koers.AuditRegisterImport)); n != 1 {
		t.Errorf("a refused import is in the audit log (%d entries)", n)
	}

	rec = c.files("/beheer/leiderdorp/register/inlezen", nil)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Kies een of meer bestanden (XML of CSV) om in te lezen.") {
		t.Errorf("no files: %d", rec.Code)
	}
}

// TestRegisterCompute computes the chosen years, keeps the values on the
// publication side (the indicator page shows them) and records it.
func TestRegisterCompute(t *testing.T) {
	o, f := withRegister(t)
	c := o.signIn("leiderdorp/register")
	tests := []struct {
		years  string
		status int
		want   string
	}{
		{"2019-2020", http.StatusOK, ""},
		{"tien jaar", http.StatusUnprocessableEntity, "Geef jaren als 2020, 2016-2025 of 2016-2018,2020, tussen 1900 en 2200."},
		{"1900-2000", http.StatusUnprocessableEntity, "Bereken hoogstens 30 jaren tegelijk."},
	}
	for _, tt := range tests {
		res, body := c.post("/beheer/leiderdorp/register/berekenen", url.Values{"jaren": {tt.years}})
		if res.StatusCode != tt.status {
			t.Errorf("%q: %d, want %d", tt.years, res.StatusCode, tt.status)
		}
		if got := text(parseHTML(t, body).Find(".error-summary li")); got != tt.want {
			t.Errorf("%q: problem %q, want %q", tt.years, got, tt.want)
		}
	}
	f.noRules = true
	if res, body := c.post("/beheer/leiderdorp/register/berekenen", url.Values{"jaren": {"2020"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		text(parseHTML(t, body).Find(".error-summary li")) != "Er zijn nog geen telregels vastgelegd." {
		t.Errorf("without rules: %d", res.StatusCode)
	}
	f.noRules = false
	if len(f.years) != 2 || len(f.years[0]) != 2 || f.years[0][0] != 2019 {
		t.Fatalf("computed years %v", f.years)
	}
	_, body := c.post("/beheer/leiderdorp/register/berekenen", url.Values{"jaren": {"2020"}})
	want := "Indicator | Jaar | Waarde | Versie telregel\nwmo-maatwerkvoorzieningen | 2020 | 1.972 | 1\njbt-meldingen | 2020 | <5 | 2\njongeren-met-jeugdhulp | 2020 | 12,4% | 1"
	if got := rows(parseHTML(t, body).Find("table")); got != want {
		t.Errorf("computed:\n%s\nwant:\n%s", got, want)
	}
	series, err := o.store.Series(context.Background(), o.orgs[0].ID, "wmo-maatwerkvoorzieningen")
	if err != nil || len(series.Computed) != 2 {
		t.Fatalf("the series holds %d computed values, %v", len(series.Computed), err)
	}
	if got := o.auditOf(koers.AuditRegisterCompute); strings.Join(got, "\n") !=
		"register@leiderdorp.nl 6 waarden van 3 indicatoren, 2019–2020\nregister@leiderdorp.nl 3 waarden van 3 indicatoren, 2020–2020" {
		t.Errorf("audit of the computations: %q", got)
	}
}

// TestRegisterCeilings: per provider the ceiling, the amount assigned, the
// percentage, a warning from the ceiling's own percentage on, and
// "overschreden" past it.
func TestRegisterCeilings(t *testing.T) {
	o, f := withRegister(t)
	use := func(name string, ceiling, assigned koers.Money, warnAt int) koers.CeilingUse {
		return koers.CeilingUse{Provider: koers.Provider{AGB: "12345678", Name: name}, Year: 2020, Ceiling: ceiling * 100,
			Assigned: assigned * 100, WarnAt: warnAt, Assignments: 40, Clients: 31}
	}
	f.use = []koers.CeilingUse{
		use("Zorg Noord", 100000, 79999, 80),
		use("Zorg Zuid", 100000, 80000, 80),
		use("Thuis Plus", 100000, 95000, 0),
		use("Hulp Oost", 100000, 100001, 90),
		use("Zonder Plafond", 0, 5000, 0),
	}
	c := o.signIn("leiderdorp/register")
	doc := c.page("/beheer/leiderdorp/register/plafonds?jaar=2020", http.StatusOK)
	want := strings.Join([]string{
		"Aanbieder | Plafond | Toegewezen | Deel van plafond | Toewijzingen | Cliënten | Stand",
		"Zorg Noord (AGB 12345678) | € 100.000 | € 79.999 | 79% | 40 | 31 | binnen plafond",
		"Zorg Zuid (AGB 12345678) | € 100.000 | € 80.000 | 80% | 40 | 31 | waarschuwing: 80% bereikt",
		"Thuis Plus (AGB 12345678) | € 100.000 | € 95.000 | 95% | 40 | 31 | binnen plafond",
		"Hulp Oost (AGB 12345678) | € 100.000 | € 100.001 | 100% | 40 | 31 | overschreden",
		"Zonder Plafond (AGB 12345678) | geen plafond | € 5.000 | — | 40 | 31 | —",
	}, "\n")
	if got := rows(doc.Find("table")); got != want {
		t.Errorf("ceilings:\n%s\nwant:\n%s", got, want)
	}
	if f.useYear != 2020 || text(doc.Find("h1")) != "Budgetplafonds 2020" {
		t.Errorf("year %d, heading %q", f.useYear, text(doc.Find("h1")))
	}
	if got := o.auditOf(koers.AuditRegisterRead); strings.Join(got, "\n") != "register@leiderdorp.nl register/plafonds/2020" {
		t.Errorf("audit of the ceilings: %q", got)
	}
	if rec := c.do("GET", "/beheer/leiderdorp/register/plafonds?jaar=twintig", nil); rec.Code != http.StatusBadRequest {
		t.Errorf("a bad year: %d", rec.Code)
	}
}

func TestRegisterRules(t *testing.T) {
	o, _ := withRegister(t)
	doc := o.signIn("leiderdorp/register").page("/beheer/leiderdorp/register/telregels", http.StatusOK)
	want := "Indicator | Versie | Telregel\njbt-meldingen | 2 | " + (&koers.CountRule{Source: koers.SourceJBT, Unit: koers.Records, Window: koers.StartedInYear}).Sentence()
	if got := rows(doc.Find("table")); got != want {
		t.Errorf("rules:\n%s\nwant:\n%s", got, want)
	}
}

// TestRegisterNotSetUp: without the register's services the pages say so
// and the forms do nothing.
func TestRegisterNotSetUp(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/register")
	doc := c.page("/beheer/leiderdorp/register", http.StatusOK)
	if !strings.Contains(text(doc.Find("main")), "Het register is op deze installatie niet ingericht.") {
		t.Error("the overview does not say the register is not set up")
	}
	if rec := c.do("POST", "/beheer/leiderdorp/register/berekenen", url.Values{"jaren": {"2020"}}); rec.Code != http.StatusNotFound {
		t.Errorf("compute without a register: %d", rec.Code)
	}
}
