package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/storetest"
)

// overviewRows are a finance table's rows as "class: cell | cell".
func overviewRows(table *goquery.Selection) []string {
	var rows []string
	table.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, c *goquery.Selection) {
			cells = append(cells, c.Text())
			if c.Is("th") && tr.Parent().Is("tbody") && c.AttrOr("scope", "") == "" {
				cells[len(cells)-1] += " (no scope)"
			}
		})
		rows = append(rows, tr.AttrOr("class", "head")+": "+strings.Join(cells, " | "))
	})
	return rows
}

// TestOverviewPerTaakveld: the demo begroting of Voorbeeldgemeente sums
// its two programmes' finance tables per taakveld, in the organisation's
// sign convention (baten positive, lasten negative), to the same totals
// the programmes print; the contents and the whole document link to it,
// its PDF sets the same rows.
func TestOverviewPerTaakveld(t *testing.T) {
	site := mustSite(t)
	const path = "/voorbeeldgemeente/begroting-2024/overzicht-per-taakveld"
	page := site.mustDoc(t, path, http.StatusOK)
	if got := page.Find("h1").Text(); got != "Overzicht baten en lasten per taakveld" {
		t.Errorf("h1 %q", got)
	}
	table := page.Find("main table.finance-table")
	if table.Length() != 1 {
		t.Fatalf("%d finance tables", table.Length())
	}
	if got := strings.Join(strings.Fields(table.Find("caption").Text()), " "); got != "Overzicht baten en lasten per taakveld (bedragen x € 1.000)" {
		t.Errorf("caption %q", got)
	}
	want := []string{
		"head: Omschrijving | Realisatie 2022 | Begroting 2023 na wijziging | Begroting 2024 | Raming 2025 | Raming 2026 | Raming 2027",
		"finance-section: Lasten",
		"finance-line: 5.7 Openbaar groen en (openlucht) recreatie | -2.491 | -2.597 | -2.650 | -2.703 | -2.730 | -2.756",
		"finance-line: 6.1 Samenkracht en burgerparticipatie | -2.021 | -2.107 | -2.150 | -2.193 | -2.215 | -2.236",
		"finance-line: 6.2 Toegang en eerstelijnsvoorzieningen | -1.730 | -1.803 | -1.840 | -1.877 | -1.895 | -1.914",
		"finance-line: 6.3 Inkomensregelingen | -9.024 | -9.408 | -9.600 | -9.792 | -9.888 | -9.984",
		"finance-line: 6.4 WSW en beschut werk | -2.914 | -3.038 | -3.100 | -3.162 | -3.193 | -3.224",
		"finance-line: 6.5 Arbeidsparticipatie | -1.175 | -1.225 | -1.250 | -1.275 | -1.288 | -1.300",
		"finance-line: 6.71a Hulp bij het huishouden (WMO) | -1.861 | -1.940 | -1.980 | -2.020 | -2.039 | -2.059",
		"finance-line: 6.71b Begeleiding (WMO) | -2.284 | -2.381 | -2.430 | -2.479 | -2.503 | -2.527",
		"finance-line: 6.72a Jeugdhulp begeleiding | -3.638 | -3.793 | -3.870 | -3.947 | -3.986 | -4.025",
		"finance-line: 6.73a Pleegzorg | -1.372 | -1.431 | -1.460 | -1.489 | -1.504 | -1.518",
		"finance-line: 6.74c Gesloten plaatsing | -291 | -304 | -310 | -316 | -319 | -322",
		"finance-line: 7.3 Afval | -3.243 | -3.381 | -3.450 | -3.519 | -3.554 | -3.588",
		"finance-line: 8.3 Wonen en bouwen | -1.053 | -1.098 | -1.120 | -1.142 | -1.154 | -1.165",
		"finance-total: Totaal lasten | -33.097 | -34.506 | -35.210 | -35.914 | -36.266 | -36.618",
		"finance-section: Baten",
		"finance-line: 6.1 Samenkracht en burgerparticipatie | 113 | 118 | 120 | 122 | 124 | 125",
		"finance-line: 6.3 Inkomensregelingen | 8.366 | 8.722 | 8.900 | 9.078 | 9.167 | 9.256",
		"finance-line: 6.71a Hulp bij het huishouden (WMO) | 226 | 235 | 240 | 245 | 247 | 250",
		"finance-line: 7.3 Afval | 3.741 | 3.900 | 3.980 | 4.060 | 4.099 | 4.139",
		"finance-line: 8.3 Wonen en bouwen | 602 | 627 | 640 | 653 | 659 | 666",
		"finance-line: Niet aan een taakveld toegerekend | 400 | 350 | 300 | 200 | - | -",
		"finance-total: Totaal baten | 13.447 | 13.952 | 14.180 | 14.358 | 14.296 | 14.435",
		"finance-section: Saldo",
		"finance-line: 5.7 Openbaar groen en (openlucht) recreatie | -2.491 | -2.597 | -2.650 | -2.703 | -2.730 | -2.756",
		"finance-line: 6.1 Samenkracht en burgerparticipatie | -1.908 | -1.989 | -2.030 | -2.071 | -2.091 | -2.111",
		"finance-line: 6.2 Toegang en eerstelijnsvoorzieningen | -1.730 | -1.803 | -1.840 | -1.877 | -1.895 | -1.914",
		"finance-line: 6.3 Inkomensregelingen | -658 | -686 | -700 | -714 | -721 | -728",
		"finance-line: 6.4 WSW en beschut werk | -2.914 | -3.038 | -3.100 | -3.162 | -3.193 | -3.224",
		"finance-line: 6.5 Arbeidsparticipatie | -1.175 | -1.225 | -1.250 | -1.275 | -1.288 | -1.300",
		"finance-line: 6.71a Hulp bij het huishouden (WMO) | -1.636 | -1.705 | -1.740 | -1.775 | -1.792 | -1.810",
		"finance-line: 6.71b Begeleiding (WMO) | -2.284 | -2.381 | -2.430 | -2.479 | -2.503 | -2.527",
		"finance-line: 6.72a Jeugdhulp begeleiding | -3.638 | -3.793 | -3.870 | -3.947 | -3.986 | -4.025",
		"finance-line: 6.73a Pleegzorg | -1.372 | -1.431 | -1.460 | -1.489 | -1.504 | -1.518",
		"finance-line: 6.74c Gesloten plaatsing | -291 | -304 | -310 | -316 | -319 | -322",
		"finance-line: 7.3 Afval | 498 | 519 | 530 | 541 | 546 | 551",
		"finance-line: 8.3 Wonen en bouwen | -451 | -470 | -480 | -490 | -494 | -499",
		"finance-line: Niet aan een taakveld toegerekend | 400 | 350 | 300 | 200 | - | -",
		"finance-saldo: Saldo van baten en lasten | -19.650 | -20.553 | -21.030 | -21.557 | -21.970 | -22.183",
	}
	if got := overviewRows(table); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var notes []string
	page.Find("main p.footnote").Each(func(_ int, p *goquery.Selection) { notes = append(notes, p.Text()) })
	if want := "Opgeteld uit de 2 financiële tabellen van dit document. Toevoegingen aan reserves tellen als lasten, onttrekkingen als baten.|" +
		"Regels zonder taakveld staan samen onder ‘Niet aan een taakveld toegerekend’."; strings.Join(notes, "|") != want {
		t.Errorf("notes %q", notes)
	}
	if got := page.Find(`nav a[aria-current="page"]`).AttrOr("href", ""); got != path {
		t.Errorf("the navigation marks %q as current", got)
	}

	// The contents and the whole document link to it.
	for _, from := range []string{"/voorbeeldgemeente/begroting-2024", "/voorbeeldgemeente/begroting-2024.html"} {
		if site.mustDoc(t, from, http.StatusOK).Find(`main a[href="`+path+`"]`).Length() != 1 {
			t.Errorf("%s does not link to the overview", from)
		}
	}

	// The PDF sets the same rows.
	res, body := site.get(t, path+".pdf")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("PDF: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	text := strings.Join(strings.Fields(pdftest.Body(t, []byte(body))), " ")
	for _, line := range []string{
		"Overzicht baten en lasten per taakveld",
		"6.74c Gesloten plaatsing -291 -304 -310 -316 -319 -322",
		"Totaal lasten -33.097 -34.506 -35.210 -35.914 -36.266 -36.618",
		"Saldo van baten en lasten -19.650 -20.553 -21.030 -21.557 -21.970 -22.183",
		"Regels zonder taakveld staan samen onder",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("PDF lacks %q:\n%s", line, text)
		}
	}
}

// TestOverviewWithoutMoney: a document without finance tables has no
// overview: its address and its PDF answer 404, its contents do not link
// to one, and its organisation's sitemap lists none; a document with
// money is listed.
func TestOverviewWithoutMoney(t *testing.T) {
	site := mustSite(t)
	for _, p := range []string{"/leiderdorp/begroting-2022/overzicht-per-taakveld", "/leiderdorp/begroting-2022/overzicht-per-taakveld.pdf",
		"/leiderdorp/begroting-2022/overzicht-per-taakveld.csv", "/leiderdorp/begroting-2022/overzicht-per-taakveld.json",
		"/leiderdorp/bestaat-niet/overzicht-per-taakveld"} {
		if res, _ := site.get(t, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}
	if n := site.mustDoc(t, "/leiderdorp/begroting-2022", http.StatusOK).Find(`a[href$="/overzicht-per-taakveld"]`).Length(); n != 0 {
		t.Errorf("the contents of a document without money link to an overview")
	}
	_, leiderdorp := site.get(t, "/leiderdorp/sitemap.xml")
	if strings.Contains(leiderdorp, "overzicht-per-taakveld") || !strings.Contains(leiderdorp, "/leiderdorp/begroting-2022</loc>") {
		t.Errorf("Leiderdorp's sitemap:\n%s", leiderdorp)
	}
	_, vg := site.get(t, "/voorbeeldgemeente/sitemap.xml")
	for _, doc := range []string{"begroting-2024", "bestuursrapportage-2024-1", "jaarstukken-2024"} {
		if !strings.Contains(vg, "/voorbeeldgemeente/"+doc+"/overzicht-per-taakveld</loc>") {
			t.Errorf("Voorbeeldgemeente's sitemap lacks the overview of %s:\n%s", doc, vg)
		}
	}
}

// TestOverviewShadowed: a document whose top-level page is called
// overzicht-per-taakveld keeps that page at its address, and shows, links
// and lists no overview of its own.
func TestOverviewShadowed(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Bare(koers.Begroting, 2024, 0)
	p := doc.Pages[0]
	p.Title, p.Slug = "Overzicht per taakveld (eigen pagina)", "overzicht-per-taakveld"
	p.Blocks = []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{Scale: 1,
		Columns: []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}},
		Lines:   []koers.FinanceLine{{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{euros(100)}}}}}}
	doc.SetPaths()
	site.mustPut(t, storetest.Leiderdorp(), doc)
	const path = "/leiderdorp/begroting-2024/overzicht-per-taakveld"
	if got := site.mustDoc(t, path, http.StatusOK).Find("h1").Text(); got != p.Title {
		t.Errorf("h1 %q, want the page's", got)
	}
	if res, _ := site.get(t, path+".pdf"); res.StatusCode != http.StatusOK {
		t.Errorf("the page's PDF: %d", res.StatusCode)
	}
	for _, from := range []string{"/leiderdorp/begroting-2024", "/leiderdorp/begroting-2024.html"} {
		if n := site.mustDoc(t, from, http.StatusOK).Find(`main a[href="` + path + `"]:not(nav a)`).FilterFunction(func(_ int, a *goquery.Selection) bool {
			return a.Text() == "Overzicht baten en lasten per taakveld"
		}).Length(); n != 0 {
			t.Errorf("%s links to an overview", from)
		}
	}
	_, sitemap := site.get(t, "/leiderdorp/sitemap.xml")
	if n := strings.Count(sitemap, path+"</loc>"); n != 1 {
		t.Errorf("the sitemap lists %s %d times", path, n)
	}
}

// TestOverviewAsOpenData: the overview's table is linked as CSV and JSON,
// one row per taakveld, kind and column, in the canonical sign and exact
// to the cent; the rows add up to what the programmes' tables hold.
func TestOverviewAsOpenData(t *testing.T) {
	site := mustSite(t)
	const path = "/voorbeeldgemeente/begroting-2024/overzicht-per-taakveld"
	links := site.mustDoc(t, path, http.StatusOK).Find(".data-links a")
	if got := links.Eq(0).AttrOr("href", "") + " " + links.Eq(1).AttrOr("href", ""); got != path+".csv "+path+".json" {
		t.Errorf("links %q", got)
	}
	res, body := site.get(t, path+".csv")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("CSV: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	// 13 lasten taakvelden and 5 baten lines of taakvelden, 6 columns each;
	// the reserve's line names no taakveld (4 columns with an amount).
	if len(lines) != 1+(13+5)*6+4 {
		t.Errorf("%d lines", len(lines))
	}
	for _, want := range []string{
		"taakveld;name;kind;year;version;column;amount",
		"6.3;Inkomensregelingen;lasten;2024;begroting;Begroting 2024;9600000",
		"6.3;Inkomensregelingen;baten;2022;realisatie;Realisatie 2022;8366000",
		";Niet aan een taakveld toegerekend;baten;2025;raming;Raming 2025;200000",
	} {
		if !slices.Contains(lines, strings.TrimSpace(want)) {
			t.Errorf("CSV lacks %q:\n%s", want, body)
		}
	}
	var records []overviewRecord
	if _, body := site.get(t, path+".json"); json.Unmarshal([]byte(body), &records) != nil {
		t.Fatalf("JSON: %s", body)
	}
	var lasten koers.Money
	for _, r := range records {
		if r.Kind == "lasten" && r.Year == 2024 {
			lasten += r.Amount
		}
	}
	if want := koers.Money(27990000+7220000) * 100; lasten != want { // both programmes' Totaal lasten 2024
		t.Errorf("lasten 2024 add up to %v, want %v", lasten, want)
	}
}
