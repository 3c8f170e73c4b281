package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/chart"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

type indicatorPage struct {
	layout
	In         *koers.Indicator
	Label      string
	Direction  string
	Chart      template.HTML
	HasTarget  bool
	Compared   bool // the chart has comparison lines
	Years      []indicatorYear
	Reports    []reportRow
	Changes    []changeRow
	Mentions   []link
	Benchmarks *benchmarkTable
	Data       dataLinks
	Trace      *traceTable // the indicator per document of the cycle
	// Computed is what the register computed, beside the documents' values.
	Computed *computedTable
}

type indicatorYear struct {
	Year               int
	Realised, Budgeted string
	Status             string
	StatusClass        string
}

type reportRow struct {
	Year      int
	Kind      string
	Value     string
	Document  string
	URL       string
	Current   bool
	OtherUnit bool // reported in a unit the series no longer uses
}

// changeRow is a document that changed what the indicator is.
type changeRow struct {
	Document string
	URL      string
	Sentence string
}

type benchmarkTable struct {
	Caption string
	Periods []string
	Rows    []benchmarkRow
	Source  string
	Data    dataLinks
}

type benchmarkRow struct {
	Area   string
	Values []string
	Change string
}

// dataLinks offer a table as open data.
type dataLinks struct{ CSV, JSON string }

type indicatorIndex struct {
	layout
	Indicators []indicatorLink
}

type indicatorLink struct {
	Title, URL, Document string
}

// indicator serves /{org}/indicatoren/{key}, and as open data
// {key}.csv and {key}.json.
func (s *Server) indicator(r *http.Request) (*httpcache.Response, bool, error) {
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	key, format := splitFormat(r.PathValue("key"))
	if format != "" {
		httpx.SetRoute(r, "GET /{org}/indicatoren/{key}.{format}")
	}
	series, err := s.pub.Series(r.Context(), org.ID, key)
	if err != nil {
		return nil, false, err
	}
	if format != "" {
		return seriesData(series, format)
	}
	return s.indicatorPage(r.Context(), org, series)
}

// comparison serves /{org}/indicatoren/{key}/vergelijking.csv and .json:
// the benchmarks beside an indicator.
func (s *Server) comparison(r *http.Request) (*httpcache.Response, bool, error) {
	name, format := splitFormat(r.PathValue("file"))
	if name != "vergelijking" || format == "" {
		return nil, false, koers.Errorf(koers.ENOTFOUND, "")
	}
	httpx.SetRoute(r, "GET /{org}/indicatoren/{key}/vergelijking.{format}")
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	series, err := s.pub.Series(r.Context(), org.ID, r.PathValue("key"))
	if err != nil {
		return nil, false, err
	}
	return benchmarkData(series, format)
}

func (s *Server) indicatorIndex(r *http.Request) (*httpcache.Response, bool, error) {
	ctx := r.Context()
	org, err := s.org(r)
	if err != nil {
		return nil, false, err
	}
	list, err := s.pub.IndicatorIndex(ctx, org.ID)
	if err != nil {
		return nil, false, err
	}
	data := indicatorIndex{layout: s.orgLayout(org)}
	data.Title = "Indicatoren"
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: urls.Organisation(org)}, {Label: "Indicatoren", Full: "Indicatoren", Current: true}}
	for _, w := range list {
		data.Indicators = append(data.Indicators, indicatorLink{Title: strings.TrimSpace(w.Number + " " + w.Name),
			URL: urls.Indicator(org, w.Key), Document: w.Document.Title})
	}
	sort.SliceStable(data.Indicators, func(i, j int) bool { return data.Indicators[i].Title < data.Indicators[j].Title })
	res, err := s.tmpl.html(http.StatusOK, "indicators", data)
	return res, true, err
}

func (s *Server) indicatorPage(ctx context.Context, org *koers.Organisation, series *koers.Series) (*httpcache.Response, bool, error) {
	in := series.Indicator
	label := strings.TrimSpace(in.Number + " " + in.Name)
	data := indicatorPage{layout: s.orgLayout(org), In: in, Label: label, Direction: in.Direction.Label()}
	data.Title = label
	base := urls.Indicator(org, in.Key)
	data.Crumbs = []crumb{{Label: "Home", Full: "Home", URL: urls.Organisation(org)}, {Label: "Indicatoren", Full: "Indicatoren", URL: urls.Organisation(org) + "/indicatoren"},
		{Label: label, Full: label, Current: true}}
	data.Data = dataLinks{CSV: base + ".csv", JSON: base + ".json"}

	lines := chart.IndicatorSeries(in)
	data.HasTarget = len(lines[1].Points) > 0
	orgs, err := s.pub.Organisations(ctx)
	if err != nil {
		return nil, false, err
	}
	if len(series.Benchmarks) > 0 {
		data.Benchmarks = benchmarkView(series.Benchmarks, orgs)
		data.Benchmarks.Data = dataLinks{CSV: base + "/vergelijking.csv", JSON: base + "/vergelijking.json"}
		more := benchmarkLines(in, series.Benchmarks, orgs)
		data.Compared = len(more) > 0
		lines = append(lines, more...)
	}
	data.Chart = svgChart(chartSpec{
		Title: chart.IndicatorTitle(in), Desc: chart.IndicatorDesc(in), Unit: in.Unit, Series: lines, Width: 640, Height: 280,
	})
	years := map[int]*indicatorYear{}
	var order []int
	for _, v := range in.Values {
		y := years[v.Year]
		if y == nil {
			y = &indicatorYear{Year: v.Year}
			years[v.Year] = y
			order = append(order, v.Year)
		}
		if v.Kind == koers.Realised {
			y.Realised = in.Display(v)
		} else {
			y.Budgeted = in.Display(v)
		}
	}
	sort.Ints(order)
	for _, yr := range order {
		y := years[yr]
		if st, ok := in.Status(yr); ok {
			y.Status, y.StatusClass = st.Label(), string(st)
		}
		data.Years = append(data.Years, *y)
	}
	for _, r := range series.Reports {
		kind := "werkelijk"
		if r.Value.Kind == koers.Budgeted {
			kind = "begroot"
		}
		data.Reports = append(data.Reports, reportRow{Year: r.Value.Year, Kind: kind, Value: r.Display(in),
			Document: r.Document.Title, URL: urls.Document(org, r.Document), Current: r.Current, OtherUnit: r.Unit != in.Unit})
	}
	for _, c := range series.Changes {
		data.Changes = append(data.Changes, changeRow{Document: c.Document.Title, URL: urls.Document(org, c.Document), Sentence: c.Sentence()})
	}
	for _, m := range series.Mentions {
		data.Mentions = append(data.Mentions, link{Title: m.Document.Title + ": " + m.Page.Title, URL: urls.Page(org, m.Document, m.Page)})
	}
	data.Trace = seriesTraceTable(org, series.Trace())
	data.Computed = computedView(org, series)
	res, err := s.tmpl.html(http.StatusOK, "indicator", data)
	return res, true, err
}

// benchmarkView lays comparison figures out with a row per area and a
// column per period, and the change from the first to the last period.
func benchmarkView(list []koers.Benchmark, orgs []*koers.Organisation) *benchmarkTable {
	t := &benchmarkTable{Caption: "Vergelijking"}
	periods := map[string]bool{}
	areas := map[string]map[string]koers.Benchmark{}
	var areaOrder []string
	sources := map[string]bool{}
	var srcs []string
	for _, b := range list {
		if !periods[b.Period] {
			periods[b.Period] = true
			t.Periods = append(t.Periods, b.Period)
		}
		if areas[b.Area] == nil {
			areas[b.Area] = map[string]koers.Benchmark{}
			areaOrder = append(areaOrder, b.Area)
		}
		areas[b.Area][b.Period] = b
		if b.Source != "" && !sources[b.Source] {
			sources[b.Source] = true
			srcs = append(srcs, b.Source)
		}
	}
	sort.Strings(t.Periods)
	// The country first, then the others by name.
	sort.SliceStable(areaOrder, func(i, j int) bool { return areaOrder[i] == "NL01" && areaOrder[j] != "NL01" })
	for _, a := range areaOrder {
		row := benchmarkRow{Area: koers.AreaName(a, orgs)}
		var first, last *koers.Benchmark
		for _, p := range t.Periods {
			b, ok := areas[a][p]
			if !ok {
				row.Values = append(row.Values, "")
				continue
			}
			row.Values = append(row.Values, b.Display())
			if first == nil {
				first = &b
			}
			last = &b
		}
		// A change only between counts: figures in another unit are not
		// compared with them.
		if first != nil && last != nil && first != last && first.Value != 0 && first.Unit == koers.Count && last.Unit == koers.Count {
			change := (last.Value - first.Value) / first.Value * 100
			row.Change = fmt.Sprintf("%+.1f%%", change)
			row.Change = strings.Replace(row.Change, ".", ",", 1)
		}
		t.Rows = append(t.Rows, row)
	}
	t.Source = strings.Join(srcs, "; ")
	return t
}

// benchmarkLines are the comparison series that fit in the indicator's
// chart: yearly figures in the same unit, where the scales compare
// (percentages).
func benchmarkLines(in *koers.Indicator, list []koers.Benchmark, orgs []*koers.Organisation) []chartSeries {
	if in.Unit != koers.Percentage {
		return nil
	}
	byArea := map[string]*chartSeries{}
	var out []chartSeries
	var order []string
	for _, b := range list {
		if b.Unit != in.Unit || len(b.Period) != 4 {
			continue
		}
		s := byArea[b.Area]
		if s == nil {
			s = &chartSeries{Name: koers.AreaName(b.Area, orgs), Points: map[int]float64{}, Class: "benchmark"}
			byArea[b.Area] = s
			order = append(order, b.Area)
		}
		s.Points[b.Year()] = b.Float()
	}
	for _, a := range order {
		out = append(out, *byArea[a])
	}
	return out
}

// sparkline is the small chart in an indicator table's row.
func sparkline(in *koers.Indicator) template.HTML {
	return svgChart(chartSpec{Unit: in.Unit, Series: chart.IndicatorSeries(in), Width: 90, Height: 26, Small: true})
}
