package e2e

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/web/admin"
)

// leak finds what of the social-domain register a public answer must never
// hold: a register page's address, a pseudonym (64 hex characters), the
// register role, or the words of its back office.
var leak = regexp.MustCompile(`(?i)/register(/|"|'|\?|$)|\b[0-9a-f]{64}\b|registerbeheerder|pseudoniem|budgetplafonds `)

// TestRegisterNotPublic walks every public route of the demo: the
// patterns the server serves, every page a reader reaches by links with
// its open data, the sitemaps, the search of the site and of the API, and
// PDFs. None is a register page and none holds register data; what the
// site shows of the register are the aggregates of the indicator pages
// (computed values, with their rules). The architecture test keeps web,
// web/api and pdf from importing the register's packages at all.
func TestRegisterNotPublic(t *testing.T) {
	o := mustOffice(t)
	for _, p := range o.mux.Patterns() {
		_, path, _ := strings.Cut(p, " ")
		if strings.HasPrefix(path, "/beheer/") {
			continue
		}
		if strings.Contains(strings.ToLower(path), "register") {
			t.Errorf("the public site serves %s", p)
		}
	}
	get := func(p string) (int, string, string) {
		t.Helper()
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Get(o.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	check := func(p, body string) {
		t.Helper()
		if m := leak.FindString(body); m != "" {
			t.Errorf("%s holds %q", p, m)
		}
	}
	// Addresses a guess might try: none exists, and the back office's
	// asks to sign in.
	for _, p := range []string{"/register", "/leiderdorp/register", "/leiderdorp/register/plafonds", "/api/v1/register",
		"/leiderdorp/indicatoren/wmo-maatwerkvoorzieningen/register"} {
		if status, _, _ := get(p); status != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, status)
		}
	}
	if status, _, _ := get("/beheer/leiderdorp/register/plafonds?jaar=2020"); status != http.StatusSeeOther {
		t.Errorf("the register's back office answers someone signed out with %d, want 303 to the sign-in", status)
	}

	// Every page a reader reaches, with the open data and PDFs it links.
	queue, seen := []string{"/"}, map[string]bool{"/": true}
	skip := regexp.MustCompile(`^/(static|beheer)(/|$)|/cyclus/[^/]+/(doelen|activiteiten)/`)
	var pdfs []string
	pages := 0
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if strings.HasSuffix(p, ".pdf") {
			pdfs = append(pdfs, p)
			continue
		}
		status, ctype, body := get(p)
		if status != http.StatusOK {
			continue
		}
		pages++
		check(p, body)
		if !strings.HasPrefix(ctype, "text/html") {
			continue
		}
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("a[href], link[href]").Each(func(_ int, a *goquery.Selection) {
			u, err := url.Parse(a.AttrOr("href", ""))
			if err != nil || u.Host != "" || !strings.HasPrefix(u.Path, "/") || u.RawQuery != "" {
				return
			}
			next := u.EscapedPath()
			if !seen[next] && !skip.MatchString(next) {
				seen[next] = true
				queue = append(queue, next)
			}
		})
	}
	if pages < 50 {
		t.Fatalf("reached only %d answers: the walk did not walk", pages)
	}
	if !seen[computedIndicator] {
		t.Errorf("the walk did not reach %s, the page with computed values", computedIndicator)
	}

	// The sitemaps and the searches.
	for _, p := range []string{"/sitemap.xml", "/sitemap-organisaties.xml", "/leiderdorp/sitemap.xml", "/robots.txt",
		"/zoeken?q=register", "/zoeken?q=bsn", "/zoeken?q=plafond", "/api/v1/search?q=register", "/api/v1/search?q=toewijzing",
		"/api/v1/documents", "/api/v1/openapi.json"} {
		status, _, body := get(p)
		if status != http.StatusOK {
			t.Errorf("GET %s: %d", p, status)
		}
		check(p, body)
	}

	// PDFs: the text of a few, as a reader gets it.
	if len(pdfs) == 0 {
		t.Fatal("the walk found no PDF")
	}
	for i, p := range pdfs {
		if i == 3 {
			break
		}
		status, _, body := get(p)
		if status != http.StatusOK {
			t.Errorf("GET %s: %d", p, status)
			continue
		}
		check(p, pdftest.Text(t, []byte(body), 0, 0))
	}
}

// e2eRegister stands in for the register's services in the suite's back
// office: ceilings in each state, a rule, and an import refused with
// located problems for a file named fout.xml.
type e2eRegister struct{}

func (e2eRegister) Import(_ context.Context, _ int64, files []admin.UploadedFile) (koers.ImportResult, error) {
	for _, f := range files {
		if f.Name == "fout.xml" {
			return koers.ImportResult{}, koers.Problems{
				{Path: []any{"fout.xml", 12, 5, "/Bericht/Client/Bsn"}, Message: "Het BSN klopt niet (elfproef)."},
			}.Err("import")
		}
	}
	return koers.ImportResult{Added: len(files), Known: 0}, nil
}

func (e2eRegister) Compute(_ context.Context, _ int64, years []int) ([]koers.ComputedValue, error) {
	n := func(x float64) *float64 { return &x }
	var out []koers.ComputedValue
	for _, y := range years {
		out = append(out, koers.ComputedValue{Indicator: "jbt-meldingen", Year: y, Number: n(7), Rule: "Aantal meldingen bij de Jeugdbeschermingstafel gestart in het jaar",
			RuleVersion: 1, ComputedAt: time.Now().UTC()})
	}
	return out, nil
}

func (e2eRegister) Status(context.Context, int64) (admin.RegisterStatus, error) {
	return admin.RegisterStatus{Facts: []admin.FactCount{{Label: "Toewijzingen", Count: 12034}}}, nil
}

func (e2eRegister) CeilingUse(_ context.Context, _ int64, year int) ([]koers.CeilingUse, error) {
	use := func(agb, name string, assigned koers.Money) koers.CeilingUse {
		return koers.CeilingUse{Provider: koers.Provider{AGB: agb, Name: name}, Year: year, Ceiling: 100000_00, Assigned: assigned, WarnAt: 80, Assignments: 40, Clients: 31}
	}
	return []koers.CeilingUse{use("98100001", "Zorg De Linde", 50000_00), use("98100002", "Zorg Het Anker", 85000_00), use("98100003", "Thuiszorg Plus", 101000_00)}, nil
}

func (e2eRegister) Rules(context.Context, int64) ([]koers.CountRule, error) {
	return []koers.CountRule{{Indicator: "jbt-meldingen", Version: 1, Source: koers.SourceJBT, Unit: koers.Records, Window: koers.StartedInYear}}, nil
}

// registerUpload sends files in the register's import form.
func (h *httpClient) registerUpload(path string, names ...string) (int, string) {
	h.tb.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, name := range names {
		f, _ := w.CreateFormFile("bestanden", name)
		io.WriteString(f, "<Bericht/>")
	}
	w.Close()
	req, _ := http.NewRequest("POST", h.base+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := h.c.Do(req)
	if err != nil {
		h.tb.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
