package web

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/storetest"
)

// TestComparisonTableOnThePage: "Waar staat je gemeente?" shows the
// reference date, a row per indicator with its unit, own period, the
// municipality's figure and the areas', the source and the target, each
// notation explained in a legend; the PDF sets the same.
func TestComparisonTableOnThePage(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Bare(koers.Begroting, 2024, 0)
	p := doc.Pages[0]
	p.Kind, p.Number, p.Title, p.Slug = koers.Programme, "6", "Programma 6 Sociaal domein", "programma-6"
	p.Blocks = []koers.Block{{Type: koers.ComparisonTableBlock, Heading: "Waar staat je gemeente?", Comparison: &koers.ComparisonTable{
		Reference: "2023-05-01",
		Areas:     []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}, {Name: "Holland Rijnland"}},
		Rows: []koers.ComparisonRow{
			{Name: "Banen", Unit: "per 1.000 inwoners 15-64 jaar", Period: "2020", Value: koers.Number("712.40"),
				Areas: []koers.Figure{koers.Number("1774.0"), koers.Missing(koers.NotationNotYetKnown)}, Source: "LISA", Target: "Minimaal gelijk of toename"},
			{Name: "Jongeren met jeugdhulp", Unit: "% van alle jongeren tot 18 jaar", Period: "2017-H2", Value: koers.Missing(koers.NotationUnknown),
				Areas: []koers.Figure{koers.Number("10.7"), koers.Missing(koers.NotationNotApplicable)}, Source: "CBS"},
		},
	}}}
	doc.SetPaths()
	site.mustPut(t, storetest.Leiderdorp(), doc)

	page := site.mustDoc(t, "/leiderdorp/begroting-2024/programma-6", http.StatusOK)
	table := page.Find("table.comparison-table")
	if table.Length() != 1 {
		h, _ := page.Find("main").Html()
		t.Fatalf("no comparison table on the page:\n%s", h)
	}
	if got := page.Find(".comparison-reference").Text(); got != "Peildatum: 1 mei 2023" {
		t.Errorf("reference %q", got)
	}
	if got := table.Find("caption").Text(); got != "Waar staat je gemeente?" {
		t.Errorf("caption %q", got)
	}
	var head []string
	table.Find("thead th[scope=col]").Each(func(_ int, s *goquery.Selection) { head = append(head, s.Text()) })
	if got := strings.Join(head, " | "); got != "Indicator | Eenheid | Periode | Leiderdorp | Nederland | Holland Rijnland | Bron | Streven" {
		t.Errorf("head %q", got)
	}
	var rows []string
	table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, c *goquery.Selection) {
			s := c.Text()
			if a := c.Find("abbr"); a.Length() > 0 {
				s += " [" + a.AttrOr("title", "") + "]"
			}
			cells = append(cells, s)
		})
		rows = append(rows, strings.Join(cells, " | "))
	})
	want := []string{
		"Banen | per 1.000 inwoners 15-64 jaar | 2020 | 712,40 | 1.774,0 | n.n.b. [nog niet bekend] | LISA | Minimaal gelijk of toename",
		"Jongeren met jeugdhulp | % van alle jongeren tot 18 jaar | tweede halfjaar 2017 | . [cijfer onbekend, onvoldoende betrouwbaar of geheim] | 10,7 | n.v.t. [niet van toepassing] | CBS | ",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if n := table.Find("tbody th[scope=row]").Length(); n != 2 {
		t.Errorf("%d row headers", n)
	}
	var legend []string
	page.Find(".comparison-legend dt").Each(func(_ int, dt *goquery.Selection) { legend = append(legend, dt.Text()+" = "+dt.Next().Text()) })
	if got := strings.Join(legend, "; "); got != ". = cijfer onbekend, onvoldoende betrouwbaar of geheim; n.n.b. = nog niet bekend; n.v.t. = niet van toepassing" {
		t.Errorf("legend %q", got)
	}

	res, body := site.get(t, "/leiderdorp/begroting-2024/programma-6.pdf")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("PDF: %d", res.StatusCode)
	}
	text := strings.Join(strings.Fields(pdftest.Body(t, []byte(body))), " ")
	for _, line := range []string{
		"Peildatum: 1 mei 2023",
		"712,40", "1.774,0", "tweede halfjaar 2017", "Minimaal gelijk of toename",
		". = cijfer onbekend, onvoldoende betrouwbaar of geheim; n.n.b. = nog niet bekend; n.v.t. = niet van toepassing",
	} {
		if !strings.Contains(text, line) {
			t.Errorf("PDF lacks %q:\n%s", line, text)
		}
	}
}

// TestDemoComparisonFeedsTheSeries: the demo's comparison table gives
// its indicator the realised value of 2022, typed only in the table, as
// koers import does; the indicator page shows it.
func TestDemoComparisonFeedsTheSeries(t *testing.T) {
	site := mustSite(t)
	doc := site.mustDoc(t, "/voorbeeldgemeente/indicatoren/jongeren-met-jeugdhulp", http.StatusOK)
	var rows []string
	doc.Find("table tbody tr").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, strings.Join(strings.Fields(tr.Text()), " "))
	})
	if !slices.ContainsFunc(rows, func(r string) bool { return strings.Contains(r, "2022") && strings.Contains(r, "11,4%") }) {
		t.Errorf("no 2022 row with 11,4%% in %q", rows)
	}
}
