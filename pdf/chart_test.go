package pdf_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/chart"
	"github.com/koers-nl/koers/pdf"
	"github.com/koers-nl/koers/pdf/pdftest"
	"github.com/koers-nl/koers/present"
)

// chartText is the text of an indicator's chart as pdftotext reads it in
// drawing order: its title, the value labels from the bottom up, the
// years, and the legend of the lines that have values. "" when the
// indicator gets no chart (fewer than two years).
func chartText(in *koers.Indicator) string {
	spec := chart.Spec{Unit: in.Unit, Series: chart.IndicatorSeries(in)}
	if p, ok := chart.Layout(spec, chart.Box{W: 1, H: 1}); !ok || len(p.Ticks) < 2 {
		return ""
	}
	return plotText(chart.IndicatorTitle(in), spec)
}

// plotText is the text of a chart of spec under title; "" when spec
// cannot be drawn.
func plotText(title string, spec chart.Spec) string {
	p, ok := chart.Layout(spec, chart.Box{W: 1, H: 1})
	if !ok {
		return ""
	}
	words := []string{title}
	for _, g := range p.Gridlines {
		words = append(words, g.Label)
	}
	for _, t := range p.Ticks {
		words = append(words, t.Label)
	}
	for _, l := range p.Lines {
		if len(l.Points) > 0 {
			words = append(words, l.Name)
		}
	}
	return strings.Join(strings.Fields(strings.Join(words, " ")), " ")
}

// pageTexts is the text of each page, its words joined by single spaces.
func pageTexts(t *testing.T, data []byte) []string {
	t.Helper()
	// pdftotext ends every page with a form feed.
	pages := strings.Split(pdftest.Text(t, data, 0, 0), "\f")
	if n := pdftest.Pages(data); len(pages) != n+1 {
		t.Fatalf("%d pages of text for %d pages", len(pages)-1, n)
	}
	var out []string
	for _, p := range pages[:len(pages)-1] {
		out = append(out, strings.Join(strings.Fields(p), " "))
	}
	return out
}

// TestIndicatorChartsDemo: under every indicator table of the demo
// documents, each indicator with values in two years or more has its
// chart, whole on one page: the title "Verloop van …", the value labels
// in Dutch notation, the years and the legend.
func TestIndicatorChartsDemo(t *testing.T) {
	org, docs := mustDemo(t)
	charts := 0
	for _, doc := range docs {
		data := mustRender(t, wholeDocument(org, doc))
		pages := pageTexts(t, data)
		var alts []string
		var walk func([]*koers.Page)
		walk = func(list []*koers.Page) {
			for _, p := range list {
				for _, b := range p.Blocks {
					if b.Type != koers.IndicatorTableBlock {
						continue
					}
					for _, key := range b.Indicators {
						in := p.Indicator(key)
						want := chartText(in)
						if in == nil || want == "" {
							continue
						}
						charts++
						alts = append(alts, chart.IndicatorDesc(in))
						on := 0
						for _, text := range pages {
							on += strings.Count(text, want)
						}
						if on != 1 {
							t.Errorf("%s: chart %q is %d times whole on a page, want once", doc.Title, want, on)
						}
					}
				}
				walk(p.Children)
			}
		}
		walk(doc.Pages)
		// Each chart is a Figure whose alternate text is the site's
		// description of it; there are no other figures.
		got := figureAlts(t, data)
		slices.Sort(got)
		slices.Sort(alts)
		if !slices.Equal(got, alts) {
			t.Errorf("%s: figures with alternate texts\n%q\nwant\n%q", doc.Title, got, alts)
		}
	}
	if charts != 16 {
		t.Errorf("%d charts checked in the demo, want 16", charts)
	}
	// One pinned in full: the scale, the notation and the years.
	data := mustRender(t, wholeDocument(org, docs[0]))
	want := "Verloop van 1.1 Aantal inwoners met een maatwerkvoorziening Wmo 0 500 1.000 1.500 2.000 " +
		"2018 2019 2020 2021 2022 2023 2024 2025 Werkelijk Begroot (streefwaarde)"
	if body := strings.Join(strings.Fields(pdftest.Body(t, data)), " "); !strings.Contains(body, want) {
		t.Errorf("the demo's first chart is not %q", want)
	}
}

// TestIndicatorChartsWhich: a chart only for values in two years or more
// (a suppressed value is not drawn), and the legend only for lines with
// values.
func TestIndicatorChartsWhich(t *testing.T) {
	n := func(f float64) *float64 { return &f }
	tests := []struct {
		name   string
		unit   koers.Unit
		values []koers.Value
		want   string
	}{
		{"none", koers.Count, nil, ""},
		{"one year", koers.Count, []koers.Value{{Year: 2020, Kind: koers.Realised, Number: n(4)}, {Year: 2020, Kind: koers.Budgeted, Number: n(5)}}, ""},
		{"the second suppressed", koers.Count, []koers.Value{{Year: 2020, Kind: koers.Realised, Number: n(40)}, {Year: 2021, Kind: koers.Realised, Number: n(3)}}, ""},
		{"unknown", koers.Count, []koers.Value{{Year: 2020, Kind: koers.Realised, Number: n(40)}, {Year: 2021, Kind: koers.Budgeted}}, ""},
		{"realised only", koers.Count, []koers.Value{{Year: 2020, Kind: koers.Realised, Number: n(40)}, {Year: 2021, Kind: koers.Realised, Number: n(30)}},
			"Verloop van 1.1 Meldingen 0 10 20 30 40 2020 2021 Werkelijk"},
		{"targets only", koers.Percentage, []koers.Value{{Year: 2024, Kind: koers.Budgeted, Number: n(11.6)}, {Year: 2026, Kind: koers.Budgeted, Number: n(9.7)}},
			"Verloop van 1.1 Meldingen 0% 5% 10% 15% 2024 2026 Begroot (streefwaarde)"},
		{"both, amounts", koers.Amount, []koers.Value{{Year: 2020, Kind: koers.Realised, Number: n(-14650)}, {Year: 2021, Kind: koers.Budgeted, Number: n(-2100)}},
			"Verloop van 1.1 Meldingen € -15.000 € -10.000 € -5.000 € 0 2020 2021 Werkelijk Begroot (streefwaarde)"},
	}
	for _, tt := range tests {
		in := &koers.Indicator{Key: "m", Number: "1.1", Name: "Meldingen", Unit: tt.unit, Threshold: 5, Values: tt.values}
		if got := chartText(in); got != tt.want {
			t.Errorf("%s: expected chart %q, want %q", tt.name, got, tt.want)
		}
		p := &koers.Page{Title: "Grafieken", Indicators: []*koers.Indicator{in},
			Blocks: []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"m"}}}}
		data := mustRender(t, pdf.Spec{Title: "Grafieken", Sections: []pdf.Section{{Page: p}}})
		text := strings.Join(strings.Fields(pdftest.Text(t, data, 0, 0)), " ")
		if tt.want == "" {
			if strings.Contains(text, "Verloop van") {
				t.Errorf("%s: a chart\n%s", tt.name, text)
			}
			continue
		}
		if !strings.Contains(text, tt.want) {
			t.Errorf("%s: no chart %q in\n%s", tt.name, tt.want, text)
		}
	}
}

// TestIndicatorChartsKeptWhole: many charts flow over pages in rows of
// two, and no chart is split over a page break.
func TestIndicatorChartsKeptWhole(t *testing.T) {
	p := &koers.Page{Title: "Veel grafieken", Blocks: []koers.Block{{Type: koers.IndicatorTableBlock}}}
	var wants []string
	for i := range 25 {
		in := &koers.Indicator{Key: "k" + strconv.Itoa(i), Number: strconv.Itoa(i + 1), Name: "Indicator nummer " + strconv.Itoa(i+1), Unit: koers.Count}
		for y := range 3 {
			v := float64(100*i + 10*y + 5)
			in.Values = append(in.Values, koers.Value{Year: 2020 + y, Kind: koers.Realised, Number: &v})
		}
		p.Indicators = append(p.Indicators, in)
		p.Blocks[0].Indicators = append(p.Blocks[0].Indicators, in.Key)
		wants = append(wants, chartText(in))
	}
	data := mustRender(t, pdf.Spec{Title: "Veel", Sections: []pdf.Section{{Page: p}}})
	pages := pageTexts(t, data)
	if len(pages) < 3 {
		t.Fatalf("%d pages for 25 charts", len(pages))
	}
	// Above the bottom margin: the footer alone is below it.
	footer := (297 - 20) / 25.4 * 72
	for _, w := range pdftest.Words(t, data) {
		if w.YMax > footer+1 && w.YMin < footer+4 {
			t.Errorf("%q on page %d ends at %.1f pt, in the bottom margin", w.Text, w.Page, w.YMax)
		}
	}
	for _, want := range wants {
		on := 0
		for _, text := range pages {
			on += strings.Count(text, want)
		}
		if on != 1 {
			t.Errorf("chart %q is %d times whole on a page, want once", want, on)
		}
	}
}

// TestOverviewChartsPDF: the demo begroting's overview per taakveld draws,
// after its table and notes, the site's heading and note and a chart per
// taakveld that has amounts, under its name, each whole on a page.
func TestOverviewChartsPDF(t *testing.T) {
	org, docs := mustDemo(t)
	var doc *koers.Document
	for _, d := range docs {
		if d.Slug == "begroting-2024" {
			doc = d
		}
	}
	if doc == nil {
		t.Fatal("no begroting-2024 in the demo")
	}
	o := koers.OverviewByTaakveld(doc)
	sec := pdf.Section{Page: &koers.Page{Title: "Overzicht baten en lasten per taakveld"}, Overview: present.OverviewByTaakveld(o, doc.Year, org.Finance.Signs)}
	data := mustRender(t, pdf.Spec{Title: "Overzicht", Sections: []pdf.Section{sec}})
	pages := pageTexts(t, data)
	all := strings.Join(pages, " ")
	head := "Lasten en baten per taakveld door de jaren " + chart.OverviewNote(o)
	if strings.Count(all, head) != 1 || strings.Index(all, head) < strings.Index(all, "Regels zonder taakveld") {
		t.Errorf("no heading and note %q after the table's notes", head)
	}
	var want, alts []string
	for _, c := range chart.Overview(o) {
		label := present.Unassigned
		if c.Taakveld != "" {
			label = present.LineLabel(koers.FinanceLine{Taakveld: c.Taakveld}, doc.Year)
		}
		if text := plotText(label, chart.Spec{Unit: koers.Count, Series: c.Series}); text != "" {
			want = append(want, text)
			alts = append(alts, chart.OverviewTitle(label, koers.ScaleLabel(o.Scale))+". "+chart.OverviewDesc)
		}
	}
	got := figureAlts(t, data)
	slices.Sort(got)
	slices.Sort(alts)
	if !slices.Equal(got, alts) {
		t.Errorf("figures with alternate texts\n%q\nwant\n%q", got, alts)
	}
	if len(want) != 14 {
		t.Errorf("%d charts, want 14 as on the site", len(want))
	}
	last := 0
	for _, w := range want {
		on := 0
		for _, text := range pages {
			on += strings.Count(text, w)
		}
		at := strings.Index(all, w)
		if on != 1 || at < last {
			t.Errorf("chart %q is %d times whole on a page (at %d, the one before at %d)", w, on, at, last)
		}
		last = at
	}
}

// figureAlts returns the alternate text of every Figure element of the
// PDF, read with qpdf (skipping where it is missing).
func figureAlts(t *testing.T, data []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf is not installed, and CI must check the PDFs' figures")
		}
		t.Skip("qpdf is not installed")
	}
	file := filepath.Join(t.TempDir(), "figures.pdf")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--json", "--json-key=qpdf", file).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	// The second element of "qpdf" holds the objects by number.
	var doc struct{ QPDF []json.RawMessage }
	var objects map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	if err := json.Unmarshal(doc.QPDF[1], &objects); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var alts []string
	for _, o := range objects {
		if o.Value["/S"] != "/Figure" {
			continue
		}
		alt, _ := o.Value["/Alt"].(string)
		alts = append(alts, strings.TrimPrefix(alt, "u:"))
	}
	return alts
}
