package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/koers-nl/koers"
)

// saveComputed stores computed values for the demo's Leiderdorp, as
// `koers register compute --write` would.
func (s *testSite) saveComputed(tb testing.TB, values ...koers.ComputedValue) {
	tb.Helper()
	ctx := context.Background()
	org, err := s.store.OrganisationBySlug(ctx, "leiderdorp")
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.store.SaveComputed(ctx, org.ID, values); err != nil {
		tb.Fatal(err)
	}
}

func rowTexts(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, row *goquery.Selection) {
		var cells []string
		row.Find("th, td").Each(func(_ int, c *goquery.Selection) {
			cells = append(cells, strings.Join(strings.Fields(c.Text()), " "))
		})
		out = append(out, strings.Join(cells, " | "))
	})
	return out
}

// TestIndicatorComputed shows what the register computed on the indicator
// page: per year the value (suppressed as "<5"), the document's value
// beside it with the difference, the rule with its version and date, and
// the breakdown with its suppressed parts.
func TestIndicatorComputed(t *testing.T) {
	site := mustSite(t)
	const path = "/leiderdorp/indicatoren/wmo-maatwerkvoorzieningen"
	if doc := site.mustDoc(t, path, http.StatusOK); doc.Find(`section[aria-labelledby="register"]`).Length() != 0 {
		t.Fatal("a section of computed values without any")
	}
	f := func(x float64) *float64 { return &x }
	at := time.Date(2026, 11, 23, 22, 30, 0, 0, time.UTC) // 23:30 in Amsterdam
	rule := "Aantal unieke inwoners met ten minste één lopende Wmo-maatwerkvoorziening op enig moment in het jaar."
	site.saveComputed(t,
		koers.ComputedValue{Indicator: "wmo-maatwerkvoorzieningen", Year: 2020, Number: f(1972), Rule: rule, RuleVersion: 2, ComputedAt: at,
			Parts: []koers.ComputedPart{{Name: "Centrum", Number: f(1200)}, {Name: "Noord", Below: 5}, {Name: "Zuid"}, {Name: "Oost", Number: f(0)}}},
		koers.ComputedValue{Indicator: "wmo-maatwerkvoorzieningen", Year: 2019, Number: f(1350), Rule: rule, RuleVersion: 2, ComputedAt: at},
		koers.ComputedValue{Indicator: "wmo-maatwerkvoorzieningen", Year: 2017, Below: 5, Rule: rule, RuleVersion: 1, ComputedAt: at},
	)
	doc := site.mustDoc(t, path, http.StatusOK)
	sec := doc.Find(`section[aria-labelledby="register"]`)
	if h := sec.Find("h2#register").Text(); h != "Berekend uit het register" {
		t.Fatalf("heading %q", h)
	}
	tables := sec.Find("table")
	if tables.Length() != 2 {
		t.Fatalf("%d tables, want the values and one breakdown", tables.Length())
	}
	words := rule + " (versie %d, berekend op 23 november 2026)"
	v := func(n string) string { return strings.Replace(words, "%d", n, 1) }
	want := []string{
		"Jaar | Register | Document | Verschil | Telregel",
		"2017 | <5 | — | — | " + v("1"),
		"2019 | 1.350 | 1.350 uit Beleidsbegroting 2022 | — | " + v("2"),
		"2020 | 1.972 | 1.340 uit Beleidsbegroting 2022 | 632 | " + v("2"),
	}
	if got := rowTexts(tables.First().Find("tr")); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("values table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := tables.First().Find("caption").Text(); c == "" {
		t.Error("the values table has no caption")
	}
	if tables.First().Find(`th[scope="row"]`).Length() != 3 || tables.First().Find(`th[scope="col"]`).Length() != 5 {
		t.Error("the values table's headers have no scope")
	}
	if got := strings.Join(strings.Fields(sec.Find("ul li").Text()), " "); got !=
		"Het register telt 1.972 voor 2020; Beleidsbegroting 2022 noemt 1.340 (verschil 632). De waarde uit het document geldt." {
		t.Errorf("difference: %q", got)
	}
	want = []string{"Deel | Aantal", "Centrum | 1.200", "Noord | <5", "Zuid | ×", "Oost | 0"}
	if got := rowTexts(tables.Eq(1).Find("tr")); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("breakdown:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c := tables.Eq(1).Find("caption").Text(); c != "Uitsplitsing 2020 uit het register" {
		t.Errorf("breakdown caption %q", c)
	}
	// The series counts the document's value: the council adopted it.
	if got := strings.Join(rowTexts(doc.Find(`section[aria-labelledby="verloop"] tbody tr`).Eq(2)), ""); !strings.HasPrefix(got, "2020 | 1.340") {
		t.Errorf("the series shows %q for 2020, want the document's 1.340", got)
	}
}
