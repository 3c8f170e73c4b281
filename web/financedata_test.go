package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// TestFinanceDownloadsAndSigns: an organisation that prints lasten
// positive and baten negative sees its table so on the page; the data
// under each table is in the canonical sign and exact to the cent, as CSV
// and JSON; a table that is not there is not found.
func TestFinanceDownloadsAndSigns(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Bare(koers.Begroting, 2024, 0)
	p := doc.Pages[0]
	p.Kind, p.Number, p.Title, p.Slug = koers.Programme, "2", "Programma 2 Verkeer", "programma-2"
	cents := func(c koers.Money) *koers.Money { return &c }
	table := func(amount koers.Money) *koers.FinanceTable {
		return &koers.FinanceTable{Scale: 1,
			Columns: []koers.FinanceColumn{{Year: 2022, Version: koers.Realisation}, {Year: 2024, Version: koers.PrimitiveBudget}},
			Lines: []koers.FinanceLine{
				{Kind: koers.Expenses, Taakveld: "2.1", Amounts: []*koers.Money{cents(amount), cents(200_000_00)}},
				{Kind: koers.Income, Taakveld: "2.1", Amounts: []*koers.Money{nil, cents(-1_50)}},
			}}
	}
	p.Blocks = []koers.Block{
		{Type: koers.FinanceTableBlock, Heading: "Wat mag het kosten?", Finance: table(123_456_78)},
		{Type: koers.FinanceTableBlock, Heading: "Investeringen", Finance: table(1)},
	}
	doc.SetPaths()
	org := storetest.Leiderdorp()
	org.Finance.Signs = koers.ExpensesPositive
	site.mustPut(t, org, doc)

	base := "/leiderdorp/begroting-2024/programma-2"
	page := site.mustDoc(t, base, http.StatusOK)
	var rows []string
	page.Find("table.finance-table").First().Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
		rows = append(rows, strings.Join(cells, " | "))
	})
	want := []string{
		// A negative baten amount (income repaid) prints positive here.
		"Lasten", "2.1 Verkeer en vervoer | 123.456,78 | 200.000", "Totaal lasten | 123.456,78 | 200.000",
		"Baten", "2.1 Verkeer en vervoer | - | 1,50", "Totaal baten | - | 1,50",
		"Saldo van baten en lasten | 123.456,78 | 200.001,50",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	var links []string
	page.Find("p.data-links a").Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
	wantLinks := []string{base + "/financien.csv", base + "/financien.json", base + "/financien-2.csv", base + "/financien-2.json"}
	if strings.Join(links, " ") != strings.Join(wantLinks, " ") {
		t.Errorf("links %q, want %q", links, wantLinks)
	}

	res, body := site.get(t, base+"/financien.csv")
	wantCSV := "kind;taakveld;programme;line;year;version;column;amount\n" +
		"lasten;2.1;;2.1 Verkeer en vervoer;2022;realisatie;Realisatie 2022;123456,78\n" +
		"lasten;2.1;;2.1 Verkeer en vervoer;2024;begroting;Begroting 2024;200000\n" +
		"baten;2.1;;2.1 Verkeer en vervoer;2024;begroting;Begroting 2024;-1,50\n"
	if res.StatusCode != http.StatusOK || body != wantCSV || res.Header.Get("Content-Disposition") != `attachment; filename="programma-2-financien.csv"` {
		t.Errorf("financien.csv: %d %q\n%s", res.StatusCode, res.Header.Get("Content-Disposition"), body)
	}
	res, body = site.get(t, base+"/financien-2.json")
	wantJSON := `[
  {
    "kind": "lasten",
    "taakveld": "2.1",
    "line": "2.1 Verkeer en vervoer",
    "year": 2022,
    "version": "realisatie",
    "column": "Realisatie 2022",
    "amount": 0.01
  },`
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, wantJSON) || strings.Count(body, `"kind"`) != 3 || !strings.Contains(body, `"amount": -1.50`) {
		t.Errorf("financien-2.json: %d\n%s", res.StatusCode, body)
	}
	for _, path := range []string{base + "/financien-3.csv", base + "/financien-1.csv", base + "/financien-02.json"} {
		if res, _ := site.get(t, path); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, res.StatusCode)
		}
	}
}
