package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
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
