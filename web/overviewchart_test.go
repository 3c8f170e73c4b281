package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
)

// TestOverviewCharts: the demo begroting's overview draws a chart per
// taakveld, named in its figure, an image with a title and a description,
// lasten and baten as two line styles; a document of one year draws none.
func TestOverviewCharts(t *testing.T) {
	site := mustSite(t)
	page := site.mustDoc(t, "/voorbeeldgemeente/begroting-2024/overzicht-per-taakveld", http.StatusOK)
	section := page.Find(`main section[aria-labelledby="grafieken"]`)
	if got := section.Find("p").First().Text(); got != "De grafieken tonen per jaar één kolom van de tabel: Realisatie 2022, Begroting 2023 na wijziging, "+
		"Begroting 2024, Raming 2025, Raming 2026, Raming 2027. Lasten en baten staan er allebei positief in; de tabel hierboven geeft alle bedragen." {
		t.Errorf("note %q", got)
	}
	var captions []string
	section.Find("figure").Each(func(_ int, f *goquery.Selection) {
		captions = append(captions, f.Find("figcaption").Text())
		svg := f.Find("svg")
		if svg.AttrOr("role", "") != "img" || !strings.HasPrefix(svg.Find("title").Text(), "Lasten en baten van "+f.Find("figcaption").Text()+" per jaar (bedragen x € 1.000)") ||
			svg.Find("desc").Text() == "" {
			t.Errorf("chart of %s is not an image with a title and a description", f.Find("figcaption").Text())
		}
	})
	want := []string{"5.7 Openbaar groen en (openlucht) recreatie", "6.1 Samenkracht en burgerparticipatie", "6.2 Toegang en eerstelijnsvoorzieningen",
		"6.3 Inkomensregelingen", "6.4 WSW en beschut werk", "6.5 Arbeidsparticipatie", "6.71a Hulp bij het huishouden (WMO)", "6.71b Begeleiding (WMO)",
		"6.72a Jeugdhulp begeleiding", "6.73a Pleegzorg", "6.74c Gesloten plaatsing", "7.3 Afval", "8.3 Wonen en bouwen", "Niet aan een taakveld toegerekend"}
	if !reflect.DeepEqual(captions, want) {
		t.Errorf("charts %q, want %q", captions, want)
	}
	// 6.3 has lasten and baten in all six years; 5.7 only lasten.
	for i, want := range map[int][]string{3: {"chart__line chart__line--realised", "chart__line chart__line--budgeted"}, 0: {"chart__line chart__line--realised"}} {
		var got []string
		section.Find("figure").Eq(i).Find("polyline").Each(func(_ int, p *goquery.Selection) {
			if n := len(strings.Fields(p.AttrOr("points", ""))); n != 6 {
				t.Errorf("chart %d: a line of %d points", i, n)
			}
			got = append(got, p.AttrOr("class", ""))
		})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("chart %d: lines %q, want %q", i, got, want)
		}
	}

	one := &koers.TaakveldOverview{Scale: 1, Columns: []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}, {Year: 2024, Version: koers.Realisation}},
		Rows: []koers.TaakveldSum{{Taakveld: "0.1", Expenses: []*koers.Money{euros(1), euros(2)}, Income: []*koers.Money{nil, nil}}}}
	if got := overviewCharts(one, 2024); got != nil {
		t.Errorf("one year drew %d charts", len(got))
	}
}
