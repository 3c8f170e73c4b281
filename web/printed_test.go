package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/storetest"
)

func printedNum(f float64) *float64 { return &f }

// printedDoc is a begroting whose indicator table is printed the way the
// municipality prints it: its own labels, a group over two budget columns,
// a target without a year, decimals, notations, codes, a note, a legend
// and definition cards.
func printedDoc() *koers.Document {
	doc := storetest.Bare(koers.Begroting, 2020, 0)
	one := 1
	p := doc.Pages[0]
	p.Kind, p.Number, p.Title, p.Slug = koers.Programme, "6", "Programma 6 Sociaal domein", "programma-6"
	p.Indicators = []*koers.Indicator{
		{Key: "bijstand", Number: "1", Name: "Personen met bijstand", Unit: koers.Count,
			Definition: "Per 1.000 inwoners van 18 jaar en ouder.", Source: "CBS",
			Values: []koers.Value{{Year: 2017, Kind: koers.Realised, Number: printedNum(689)}, {Year: 2018, Kind: koers.Realised}}},
		{Key: "jeugdhulp", Number: "2", Name: "Jongeren met jeugdhulp", Unit: koers.Percentage,
			Values: []koers.Value{{Year: 2017, Kind: koers.Realised, Number: printedNum(11.6)}}},
	}
	p.Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Heading: "Beleidsindicatoren", Indicators: []string{"bijstand", "jeugdhulp"},
		Printed: &koers.PrintedTable{RowHeader: "Indicator", Numbering: koers.NumberByCode, Cards: true,
			Columns: []koers.PrintedColumn{
				{Key: "w17", Label: "Werkelijk 2017", Kind: koers.PrintedRealised, Year: 2017},
				{Key: "w18", Label: "Werkelijk 2018", Kind: koers.PrintedRealised, Year: 2018},
				{Key: "prim", Label: "Primitief", Group: "Begroting 2020", Kind: koers.PrintedPrimitive, Year: 2020},
				{Key: "na3", Label: "Na 3e wijziging", Group: "Begroting 2020", Kind: koers.PrintedAmended, Year: 2020, Amendment: 3},
				{Key: "doel", Label: "Streefwaarde", Kind: koers.PrintedTarget},
			},
			Rows: []koers.PrintedRow{
				{Indicator: "bijstand", Code: "6.3", Unit: "per 1.000", Decimals: &one, Note: "Inclusief statushouders.",
					Values: []koers.PrintedValue{{Column: "w18", Missing: koers.NotationNotYetKnown}, {Column: "prim", Number: printedNum(700)},
						{Column: "na3", Number: printedNum(710.5)}, {Column: "doel", Missing: koers.NotationNotApplicable}}},
				{Indicator: "jeugdhulp", Values: []koers.PrintedValue{{Column: "prim", Missing: koers.NotationUnknown}, {Column: "doel", Number: printedNum(10)}}},
			},
			Legend: []koers.LegendEntry{{Sign: "n.v.t.", Text: "niet van toepassing"}, {Sign: ".", Text: "niet beschikbaar"}},
		}}}
	doc.SetPaths()
	return doc
}

func rowCells(s *goquery.Selection) string {
	var cells []string
	s.Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, strings.Join(strings.Fields(c.Text()), " ")) })
	return strings.Join(cells, " | ")
}

// TestPrintedIndicatorTable: a table with a printed layout shows the
// municipality's columns in two header rows, its codes, decimals and
// notations, the note per row, the legend and the cards; the PDF sets the
// same.
func TestPrintedIndicatorTable(t *testing.T) {
	site := mustSite(t)
	site.mustPut(t, storetest.Leiderdorp(), printedDoc())
	page := site.mustDoc(t, "/leiderdorp/begroting-2020/programma-6", http.StatusOK)
	table := page.Find("table.printed-table")
	if table.Length() != 1 {
		h, _ := page.Find("main").Html()
		t.Fatalf("no printed table on the page:\n%s", h)
	}
	var got []string
	table.Find("thead tr, tbody tr").Each(func(_ int, tr *goquery.Selection) { got = append(got, rowCells(tr)) })
	want := []string{
		"Indicator | Eenheid | Werkelijk 2017 | Werkelijk 2018 | Begroting 2020 | Streefwaarde",
		"Primitief | Na 3e wijziging",
		"6.3 Personen met bijstanda (toelichting) | per 1.000 | 689,0 | n.n.b. | 700,0 | 710,5 | n.v.t.",
		"Jongeren met jeugdhulp |  | 11,6% |  | . |  | 10%",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var attrs []string
	table.Find("thead th").Each(func(_ int, th *goquery.Selection) {
		attrs = append(attrs, fmt.Sprintf("%s/%s/%s", th.AttrOr("scope", ""), th.AttrOr("rowspan", "1"), th.AttrOr("colspan", "1")))
	})
	if got, want := strings.Join(attrs, " "), "col/2/1 col/2/1 col/2/1 col/2/1 colgroup/1/2 col/2/1 col/1/1 col/1/1"; got != want {
		t.Errorf("header scopes and spans %q, want %q", got, want)
	}
	if got := table.Find("tbody td").Eq(3).AttrOr("data-label", ""); got != "Begroting 2020 Primitief" {
		t.Errorf("data-label %q", got)
	}
	if got := table.Find("tbody th a.footnote-ref").AttrOr("href", ""); got != "#toelichting-0-bijstand" {
		t.Errorf("note link %q", got)
	}
	for sel, want := range map[string]string{
		".row-notes":       "Toelichting per regel / a 6.3 Personen met bijstand: Inclusief statushouders.",
		".table-legend":    "Legenda / n.v.t.: niet van toepassing / .: niet beschikbaar",
		".definition-card": "Indicator: Personen met bijstand / Toelichting: Per 1.000 inwoners van 18 jaar en ouder. / Bron: CBS",
	} {
		var parts []string
		page.Find(sel).Find("p, dt, dd").Each(func(_ int, s *goquery.Selection) {
			text := strings.Join(strings.Fields(s.Text()), " ")
			if goquery.NodeName(s) == "dd" && len(parts) > 0 {
				parts[len(parts)-1] += ": " + text
				return
			}
			parts = append(parts, text)
		})
		if got := strings.Join(parts, " / "); got != want {
			t.Errorf("%s: %q, want %q", sel, got, want)
		}
	}
	if n := page.Find(".definition-card").Length(); n != 1 {
		t.Errorf("%d cards, want 1 (the other indicator has no definition)", n)
	}
	if page.Find("#toelichting-0-bijstand").Length() != 1 {
		t.Error("the note's anchor is missing")
	}

	site.mustPDFText(t, "/leiderdorp/begroting-2020/programma-6.pdf",
		"6.3 Personen met bijstand (per 1.000)",
		"689,0 n.n.b. 700,0 710,5 n.v.t.",
		"11,6% . 10%",
		"Toelichting per regel a 6.3 Personen met bijstand: Inclusief statushouders.",
		"Legenda n.v.t.: niet van toepassing .: niet beschikbaar",
		"Indicator: Personen met bijstand Toelichting: Per 1.000 inwoners van 18 jaar en ouder. Bron: CBS",
	)
}

// TestWidePrintedTableInThePDF: a printed table of twelve value columns
// fits the PDF page, smaller, with every value whole in one row; where
// the values are too wide for that, the columns split over two tables,
// each repeating the names, and still no value is broken.
func TestWidePrintedTableInThePDF(t *testing.T) {
	for _, tt := range []struct {
		base  float64
		parts int
	}{{600, 1}, {100000, 2}} {
		t.Run(fmt.Sprint(tt.base), func(t *testing.T) {
			site := mustSite(t)
			doc := printedDoc()
			pt := doc.Pages[0].Blocks[0].Printed
			in := doc.Pages[0].Indicators[0]
			in.Values, pt.Columns = nil, nil
			var values []string
			for y := 2010; y < 2022; y++ {
				in.Values = append(in.Values, koers.Value{Year: y, Kind: koers.Realised, Number: printedNum(tt.base + float64(y-2000))})
				pt.Columns = append(pt.Columns, koers.PrintedColumn{Key: fmt.Sprint(y), Label: fmt.Sprint(y), Group: "Werkelijk", Kind: koers.PrintedRealised, Year: y})
				values = append(values, koers.FormatDecimals(tt.base+float64(y-2000), 1))
			}
			for i := range pt.Rows {
				pt.Rows[i].Values = nil
			}
			site.mustPut(t, storetest.Leiderdorp(), doc)
			page := site.mustDoc(t, "/leiderdorp/begroting-2020/programma-6", http.StatusOK)
			if !page.Find("table.printed-table").HasClass("table--wide") {
				t.Error("a table of twelve value columns is not marked wide")
			}
			res, body := site.get(t, "/leiderdorp/begroting-2020/programma-6.pdf")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("PDF: %d", res.StatusCode)
			}
			text := strings.Join(strings.Fields(pdftest.Body(t, []byte(body))), " ")
			per := len(values) / tt.parts
			for from := 0; from < len(values); from += per {
				row := "6.3 Personen met bijstand (per 1.000)a " + strings.Join(values[from:from+per], " ") + " Jongeren met jeugdhulp"
				if !strings.Contains(text, row) {
					t.Errorf("PDF lacks the row %q whole:\n%s", row, text)
				}
			}
			if n := strings.Count(text, "Indicator Werkelijk 2010"); n != 1 {
				t.Errorf("%d tables start with the group's label, want 1", n)
			}
			if n := strings.Count(text, "Indicator "); n != tt.parts {
				t.Errorf("%d tables, want %d", n, tt.parts)
			}
		})
	}
}
