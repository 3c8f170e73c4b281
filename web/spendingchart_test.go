package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
)

// TestSpendingChart: the demo jaarstukken's overview holds programme 1's
// budgeted against realised lasten as an image with a title, a description
// and its amounts as text, and as a table; the begroting, without a
// realisation of its year, shows none.
func TestSpendingChart(t *testing.T) {
	site := mustSite(t)
	page := site.mustDoc(t, "/voorbeeldgemeente/jaarstukken-2024/overzicht-per-taakveld", http.StatusOK)
	section := page.Find(`main section[aria-labelledby="begroot-gerealiseerd"]`)
	if got := section.Find("h2").Text(); got != "Begroot tegenover gerealiseerd per programma" {
		t.Errorf("heading %q", got)
	}
	svg := section.Find("figure svg")
	title := "Lasten per programma in 2024: begroot en gerealiseerd (bedragen x € 1.000)"
	if svg.AttrOr("role", "") != "img" || svg.Find("title").Text() != title ||
		svg.Find("desc").Text() != "Per programma twee staven: de begrote lasten (open staaf) en de gerealiseerde lasten (gevulde staaf), elk met het bedrag erbij. De tabel hieronder geeft dezelfde bedragen." {
		t.Errorf("chart: role %q, title %q, desc %q", svg.AttrOr("role", ""), svg.Find("title").Text(), svg.Find("desc").Text())
	}
	var texts []string
	svg.Find("text").Each(func(_ int, s *goquery.Selection) { texts = append(texts, s.Text()) })
	if want := []string{"1 Programma 1: Meedoen en ondersteuning", "Begroot: 28.275", "Gerealiseerd: 28.287"}; !reflect.DeepEqual(texts, want) {
		t.Errorf("chart texts %q, want %q", texts, want)
	}
	var bars []string
	svg.Find("rect").Each(func(_ int, s *goquery.Selection) {
		bars = append(bars, s.AttrOr("class", "")+" "+s.AttrOr("width", ""))
	})
	if want := []string{"chart__bar chart__bar--budgeted 439.8", "chart__bar chart__bar--realised 440.0"}; !reflect.DeepEqual(bars, want) {
		t.Errorf("bars %q, want %q", bars, want)
	}
	table := section.Find("table")
	if got := table.Find("caption").Text(); got != title {
		t.Errorf("caption %q", got)
	}
	var rows [][]string
	table.Find("tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, c *goquery.Selection) {
			cells = append(cells, strings.TrimSpace(c.AttrOr("scope", "")+" "+c.Text()))
		})
		rows = append(rows, cells)
	})
	want := [][]string{{"col Programma", "col Begroting", "col Begroot", "col Gerealiseerd"},
		{"row 1 Programma 1: Meedoen en ondersteuning", "Begroting 2024 na 3e wijziging", "28.275", "28.287"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("table %q, want %q", rows, want)
	}

	other := site.mustDoc(t, "/voorbeeldgemeente/begroting-2024/overzicht-per-taakveld", http.StatusOK)
	if n := other.Find(`section[aria-labelledby="begroot-gerealiseerd"]`).Length(); n != 0 {
		t.Errorf("the begroting shows %d budget-against-realisation charts", n)
	}
}

// TestSpendingChartOf: amounts in euros where a table is in euros, the
// smallest scale of the tables for all, no negative bar; nil without
// programmes that have both columns.
func TestSpendingChartOf(t *testing.T) {
	cols := []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}, {Year: 2024, Version: koers.Realisation}}
	prog := func(num string, scale int64, budget, real *koers.Money) *koers.Page {
		return &koers.Page{Number: num, Title: "P" + num, Blocks: []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{
			Scale: scale, Columns: cols, Lines: []koers.FinanceLine{{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{budget, real}}}}}}}
	}
	cents := func(c int64) *koers.Money { m := koers.Money(c); return &m }
	tests := []struct {
		name  string
		pages []*koers.Page
		title string
		texts []string
		bars  []string
	}{
		{"none", []*koers.Page{{Title: "Leeg"}}, "", nil, nil},
		{"euros", []*koers.Page{prog("1", 1000, euros(2000), euros(1000)), prog("2", 1, cents(123450), cents(-500))},
			"Lasten per programma in 2024: begroot en gerealiseerd (bedragen in €)",
			[]string{"1 P1", "Begroot: € 2.000", "Gerealiseerd: € 1.000", "2 P2", "Begroot: € 1.234,50", "Gerealiseerd: € -5"},
			[]string{"440.0", "220.0", "271.6", "0.0"}},
	}
	for _, tt := range tests {
		c := spendingChartOf(&koers.Document{Pages: tt.pages})
		if tt.title == "" {
			if c != nil {
				t.Errorf("%s: a chart %q", tt.name, c.Title)
			}
			continue
		}
		svg, err := goquery.NewDocumentFromReader(strings.NewReader(string(c.SVG)))
		if err != nil {
			t.Fatal(err)
		}
		var texts, bars []string
		svg.Find("text").Each(func(_ int, s *goquery.Selection) { texts = append(texts, s.Text()) })
		svg.Find("rect").Each(func(_ int, s *goquery.Selection) { bars = append(bars, s.AttrOr("width", "")) })
		if c.Title != tt.title || !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(bars, tt.bars) {
			t.Errorf("%s: got %q %q %q, want %q %q %q", tt.name, c.Title, texts, bars, tt.title, tt.texts, tt.bars)
		}
	}
}
