package web

import (
	"context"
	"encoding/csv"
	"html"
	"math"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// TestShorten pins the breadcrumbs' rule, as the published documents
// apply it: the first 22 characters, completed to the end of the word.
func TestShorten(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Programma 1: Meedoen in Leiderdorp", "Programma 1: Meedoen in..."},
		{"Programma 1 : Meedoen in Leiderdorp", "Programma 1 : Meedoen in..."},
		{"Programma 2: Aantrekkelijk Leiderdorp", "Programma 2: Aantrekkelijk..."},
		{"Beleidsbegroting", "Beleidsbegroting"},
		{"Programma 1: Meedoen in", "Programma 1: Meedoen in"},                      // nothing to cut
		{"Programma 1: Meedoen in ", "Programma 1: Meedoen in"},                     // only a space to cut
		{"Algemene dekkingsmiddelen en onvoorzien", "Algemene dekkingsmiddelen..."}, // the 22nd character is within a word
		{"Programma 10: Duurzaam en veilig", "Programma 10: Duurzaam..."},           // the 22 characters end a word
		{"Één twee drie vier vijf zes zeven", "Één twee drie vier vijf..."},         // characters, not bytes
		{"Ontwikkelingssamenwerkingsprogramma's", "Ontwikkelingssamenwerkingsprogramma's"},
	}
	for _, tt := range tests {
		if got := shorten(tt.title); got != tt.want {
			t.Errorf("shorten(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestChartScales: a chart of any finite values is drawn with a bounded
// number of gridlines; values that cannot be drawn give no chart.
func TestChartScales(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		drawn  bool
	}{
		{"counts", []float64{1992, 1350}, true},
		{"percentages", []float64{11.6, 9.7}, true},
		{"all negative", []float64{-5, -3}, true},
		// Far from zero and close together: the gridline loop once never advanced.
		{"a sliver far from zero", []float64{-4000000000000000, -3999999999999999.5}, true},
		{"a sliver far above zero", []float64{4e15, 4e15 + 0.5}, true},
		{"all zero", []float64{0, 0}, true},
		{"the float range", []float64{-math.MaxFloat64, math.MaxFloat64}, false},
		{"huge", []float64{1e300, 2e300}, true},
		{"tiny", []float64{1e-300, 2e-300}, true},
		{"not a number", []float64{1, math.NaN()}, false},
		{"infinite", []float64{1, math.Inf(1)}, false},
	}
	for _, tt := range tests {
		s := chartSeries{Name: "Werkelijk", Points: map[int]float64{}, Class: "realised"}
		for i, v := range tt.values {
			s.Points[2020+i] = v
		}
		svg := string(svgChart(chartSpec{Title: "t", Desc: "d", Unit: koers.Count, Series: []chartSeries{s}, Width: 640, Height: 280}))
		if (svg != "") != tt.drawn {
			t.Errorf("%s: drawn %v, want %v", tt.name, svg != "", tt.drawn)
			continue
		}
		if !tt.drawn {
			continue
		}
		lines := strings.Count(svg, `class="chart__grid"`)
		if lines < 2 || lines > maxGridlines+1 || strings.Contains(svg, "NaN") || strings.Contains(svg, "Inf") {
			t.Errorf("%s: %d gridlines\n%s", tt.name, lines, svg)
		}
	}
}

// TestChartAxis: gridlines at round numbers, zero among them, labelled
// with the decimals their step needs. Negative values once put the
// gridlines at -3, 2, 7, 12, and values a millionth apart had five
// gridlines all labelled "0" or "-0".
func TestChartAxis(t *testing.T) {
	tests := []struct {
		name   string
		unit   koers.Unit
		values []float64
		labels string
	}{
		{"counts", koers.Count, []float64{1992, 1350}, "0 500 1.000 1.500 2.000"},
		{"negative and positive", koers.Count, []float64{-3, 10}, "-5 0 5 10"},
		{"a deficit", koers.Amount, []float64{-14650, -2100}, "€ -15.000 € -10.000 € -5.000 € 0"},
		{"percentages", koers.Percentage, []float64{11.6, 9.7}, "0% 5% 10% 15%"},
		{"millionths", koers.Count, []float64{0.000001, 0.000002}, "0 0,0000005 0,000001 0,0000015 0,000002"},
		{"around zero", koers.Count, []float64{-0.000001, 0.000001}, "-0,000001 -0,0000005 0 0,0000005 0,000001"},
		{"a million million", koers.Count, []float64{999999999999.999, 999999999999.998}, "0 250.000.000.000 500.000.000.000 750.000.000.000 1.000.000.000.000"},
	}
	label := regexp.MustCompile(`<text class="chart__label" x="50.0" y="[0-9.]+" text-anchor="end">([^<]*)</text>`)
	for _, tt := range tests {
		s := chartSeries{Name: "Werkelijk", Points: map[int]float64{}, Class: "realised"}
		for i, v := range tt.values {
			s.Points[2020+i] = v
		}
		svg := string(svgChart(chartSpec{Title: "t", Desc: "d", Unit: tt.unit, Series: []chartSeries{s}, Width: 640, Height: 280}))
		var got []string
		for _, m := range label.FindAllStringSubmatch(svg, -1) {
			got = append(got, html.UnescapeString(m[1]))
		}
		if strings.Join(got, " ") != tt.labels {
			t.Errorf("%s: labels %q, want %q", tt.name, strings.Join(got, " "), tt.labels)
		}
	}
}

// TestIndicatorPageFarFromZero: the values of the hostile probe, which made
// an indicator page never answer, cannot be stored (the chart's own bounds
// are tested above with them).
func TestIndicatorPageFarFromZero(t *testing.T) {
	site := mustSite(t)
	doc := storetest.Begroting2022()
	jbt := doc.Pages[0].Children[0].Children[1].Indicators[1]
	a, b := -4000000000000000.0, -3999999999999999.5
	jbt.Values = []koers.Value{{Year: 2020, Kind: koers.Realised, Number: &a}, {Year: 2021, Kind: koers.Realised, Number: &b}}
	err := site.store.PutDocument(context.Background(), storetest.Leiderdorp(), doc)
	if koers.ErrorCode(err) != koers.EINVALID || !strings.Contains(err.Error(), "beyond the largest koers stores") {
		t.Fatalf("err = %v, want the values refused", err)
	}
}

// TestTrendColumn: the "Verloop" column only where a row has a course.
func TestTrendColumn(t *testing.T) {
	site := mustSite(t)
	// The demo's rows have eight years each: the column is there.
	demo := site.mustDoc(t, begrotingPath, http.StatusOK)
	if demo.Find(`table.indicator-table th:contains("Verloop")`).Length() != 1 || demo.Find("table.indicator-table td.sparkline").Length() != 9 {
		t.Error("rows with a course, yet no Verloop column")
	}
	doc := storetest.Begroting2022()
	sub := doc.Pages[0].Children[0].Children[1]
	one := 7.0
	for _, in := range sub.Indicators {
		in.Values = []koers.Value{{Year: 2022, Kind: koers.Budgeted, Number: &one}}
	}
	site.mustPut(t, storetest.Leiderdorp(), doc)
	path := "/leiderdorp/begroting-2022/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	page := site.mustDoc(t, path, http.StatusOK)
	table := page.Find("table.indicator-table")
	if table.Length() != 1 || table.Find(`th:contains("Verloop")`).Length() != 0 || table.Find("td.sparkline").Length() != 0 {
		t.Errorf("one value per row, yet a Verloop column: %d tables", table.Length())
	}
	// A jaarstukken row: the budget and the result of one year, two dots
	// on one vertical line, no course.
	real := 8.0
	for _, in := range sub.Indicators {
		in.Values = []koers.Value{{Year: 2022, Kind: koers.Realised, Number: &real}, {Year: 2022, Kind: koers.Budgeted, Number: &one}}
	}
	site.mustPut(t, storetest.Leiderdorp(), doc)
	table = site.mustDoc(t, path, http.StatusOK).Find("table.indicator-table")
	if table.Length() != 1 || table.Find(`th:contains("Verloop")`).Length() != 0 || table.Find("td.sparkline").Length() != 0 {
		t.Errorf("one year per row, yet a Verloop column: %d tables", table.Length())
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=HYPERLINK(\"https://evil.example\",\"klik\")", "'=HYPERLINK(\"https://evil.example\",\"klik\")"},
		{"+31 71 000", "'+31 71 000"},
		{"-cmd", "'-cmd"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-4,5", "-4,5"},
		{"-1.234", "-1.234"},
		{"-11,6%", "-11,6%"},
		{"+2,1%", "+2,1%"},
		{"CBS", "CBS"},
		{"", ""},
		{"<10", "<10"},
		{"€ -60.000", "€ -60.000"},
	}
	for _, tt := range tests {
		if got := csvCell(tt.in); got != tt.want {
			t.Errorf("csvCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVDownloadsNeutraliseFormulas: text from a bundle or a benchmark
// file reaches every CSV download as text.
func TestCSVDownloadsNeutraliseFormulas(t *testing.T) {
	site := mustSite(t)
	formula := `=HYPERLINK("https://evil.example","klik")`
	err := site.store.PutBenchmarks(context.Background(), []koers.Benchmark{
		{Indicator: "jbt-meldingen", Area: "NL01", Period: "2020", Value: -3, Unit: koers.Count, Source: formula},
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := storetest.Begroting2022()
	sub := doc.Pages[0].Children[0].Children[1]
	sub.Indicators[1].Name = "@" + formula
	sub.Blocks = append(sub.Blocks, koers.Block{Type: koers.DeviationsBlock, Scope: koers.ScopeSmartGoals,
		Deviations: []koers.Deviation{{Ref: "1", Paragraphs: []string{"-" + formula}}}})
	site.mustPut(t, storetest.Leiderdorp(), doc)
	page := "/leiderdorp/begroting-2022/beleidsbegroting/programma-1/1c-ondersteunde-inwoners"
	checked := 0
	for _, path := range []string{page + "/indicatoren.csv", page + "/afwijkingen.csv", "/leiderdorp/indicatoren/jbt-meldingen.csv",
		"/leiderdorp/indicatoren/jbt-meldingen/vergelijking.csv"} {
		res, body := site.get(t, path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		r := csv.NewReader(strings.NewReader(body))
		r.Comma = ';'
		records, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		found := false
		for _, rec := range records[1:] {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !plainNumber.MatchString(cell) {
					t.Errorf("%s: cell %q would be a formula", path, cell)
				}
				found = found || strings.Contains(cell, formula)
				checked++
			}
		}
		if !found {
			t.Errorf("%s: the text is not in the download at all", path)
		}
	}
	if checked == 0 {
		t.Error("no cell checked")
	}
}

// TestBenchmarkChangeOneUnit: the change in an area's row compares counts
// with counts only. A count in 2019 and an amount in 2020 for the same
// area once gave "+19900,0%".
func TestBenchmarkChangeOneUnit(t *testing.T) {
	list := []koers.Benchmark{
		{Indicator: "k", Area: "GM0547", Period: "2019", Value: 5, Unit: koers.Count},
		{Indicator: "k", Area: "GM0547", Period: "2020", Value: 1000, Unit: koers.Amount},
		{Indicator: "k", Area: "NL01", Period: "2019", Value: 400, Unit: koers.Count},
		{Indicator: "k", Area: "NL01", Period: "2020", Value: 500, Unit: koers.Count},
	}
	got := map[string]string{}
	for _, r := range benchmarkView(list, nil).Rows {
		got[r.Area] = r.Change
	}
	if want := map[string]string{"GM0547": "", "Nederland": "+25,0%"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changes = %q, want %q", got, want)
	}
}
