package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

func euros(e int64) *koers.Money { m := koers.Money(e * 100); return &m }

// TestFinanceTableOnThePage: a programme's money is shown as the BBV
// prints it: in thousands, lasten and baten with their totals, the saldo,
// the reserves and the result, the difference with V or N, taakvelden
// named from the catalogue of the document's year, and the toelichting.
func TestFinanceTableOnThePage(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Bare(koers.Jaarstukken, 2023, 0)
	structural := true
	p := doc.Pages[0]
	p.Kind, p.Number, p.Title, p.Slug = koers.Programme, "6", "Programma 6 Sociaal domein", "programma-6"
	p.Blocks = []koers.Block{{Type: koers.FinanceTableBlock, Heading: "Wat heeft het gekost?", Finance: &koers.FinanceTable{
		Scale: 1000,
		Columns: []koers.FinanceColumn{{Year: 2023, Version: koers.PrimitiveBudget}, {Year: 2023, Version: koers.AmendedBudget, Amendment: 2},
			{Year: 2023, Version: koers.Realisation}},
		Differences: []koers.FinanceDifference{{From: 1, To: 2}},
		Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "6.1", Amounts: []*koers.Money{euros(1_200_000), euros(1_250_000), euros(1_190_400)}},
			{Kind: koers.Expenses, Taakveld: "6.71a", Amounts: []*koers.Money{euros(3_000_000), euros(3_400_000), euros(3_520_000)}},
			{Kind: koers.Income, Taakveld: "6.1", Amounts: []*koers.Money{euros(100_000), nil, euros(20_000)}},
			{Kind: koers.FromReserve, Label: "Reserve sociaal domein", Amounts: []*koers.Money{euros(200_000), euros(200_000), euros(150_000)}},
		},
		Explanations: []koers.FinanceExplanation{{Line: 1, Structural: &structural, Paragraphs: []string{"Meer cliënten."}}},
	}}}
	doc.SetPaths()
	site.mustPut(t, storetest.Leiderdorp(), doc)

	page := site.mustDoc(t, "/leiderdorp/jaarstukken-2023/programma-6", http.StatusOK)
	table := page.Find("table.finance-table")
	if table.Length() != 1 {
		h, _ := page.Find("main").Html()
		t.Fatalf("no finance table on the page:\n%s", h)
	}
	if got := strings.Join(strings.Fields(table.Find("caption").Text()), " "); got != "Wat heeft het gekost? (bedragen x € 1.000)" {
		t.Errorf("caption %q", got)
	}
	var head []string
	table.Find("thead th").Each(func(_ int, s *goquery.Selection) { head = append(head, s.Text()) })
	if got := strings.Join(head, " | "); got != "Omschrijving | Begroting 2023 | Begroting 2023 na 2e wijziging | Realisatie 2023 | Verschil" {
		t.Errorf("head %q", got)
	}
	var rows []string
	table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, c.Text()) })
		rows = append(rows, tr.AttrOr("class", "")+": "+strings.Join(cells, " | "))
	})
	want := []string{
		"finance-section: Lasten",
		"finance-line: 6.1 Samenkracht en burgerparticipatie | 1.200 | 1.250 | 1.190 | 60 V",
		"finance-line: 6.71a Hulp bij het huishouden (WMO) | 3.000 | 3.400 | 3.520 | 120 N",
		"finance-total: Totaal lasten | 4.200 | 4.650 | 4.710 | 60 N",
		"finance-section: Baten",
		"finance-line: 6.1 Samenkracht en burgerparticipatie | 100 | - | 20 | 20 V",
		"finance-total: Totaal baten | 100 | - | 20 | 20 V",
		"finance-saldo: Saldo van baten en lasten | -4.100 | -4.650 | -4.690 | 40 N",
		"finance-section: Onttrekkingen aan reserves",
		"finance-line: Reserve sociaal domein | 200 | 200 | 150 | 50 N",
		"finance-total: Onttrekkingen aan reserves | 200 | 200 | 150 | 50 N",
		"finance-saldo: Resultaat | -3.900 | -4.450 | -4.540 | 90 N",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if got := strings.Join(strings.Fields(page.Find(".finance-explanations dt").Text()), " "); got != "6.71a Hulp bij het huishouden (WMO) (lasten): € 120.000 N (structureel)" {
		t.Errorf("explanation %q", got)
	}

	// The PDF sets the same rows, every amount whole on its line.
	site.mustPDFText(t, "/leiderdorp/jaarstukken-2023/programma-6.pdf",
		"Omschrijving (bedragen x € 1.000)",
		"6.71a Hulp bij het huishouden (WMO) 3.000 3.400 3.520 120 N",
		"Saldo van baten en lasten -4.100 -4.650 -4.690 40 N",
		"Resultaat -3.900 -4.450 -4.540 90 N",
		"6.71a Hulp bij het huishouden (WMO) (lasten): € 120.000 N (structureel)",
		"Meer cliënten.",
	)
}
