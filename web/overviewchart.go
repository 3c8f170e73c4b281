package web

import (
	"html/template"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/chart"
	"github.com/koers-nl/koers/present"
)

// The overview's charts: per taakveld, its lasten and baten through the
// years of the columns, drawn as the indicator charts are (svgChart). The
// table above them holds every figure, so the charts add a picture and
// hide nothing; lasten and baten differ in line style as well as colour.

type overviewChart struct {
	Title string
	SVG   template.HTML
}

// overviewYears picks one column per year for the charts: the latest
// figures of that year (realisation, else the amended budget, else the
// budget), a multi-year estimate only for a year that has nothing else.
// The overview's columns come by year, then in that order.
func overviewYears(cols []koers.FinanceColumn) map[int]int {
	pick := map[int]int{}
	for i, c := range cols {
		if j, ok := pick[c.Year]; ok && c.Version == koers.MultiYearEstimate && cols[j].Version != koers.MultiYearEstimate {
			continue
		}
		pick[c.Year] = i
	}
	return pick
}

// overviewCharts draws a chart per row of o, in the table's order; none
// when the columns span a single year, where a line says nothing a table
// does not.
func overviewCharts(o *koers.TaakveldOverview, year int) []overviewChart {
	pick := overviewYears(o.Columns)
	if len(pick) < 2 {
		return nil
	}
	scale := o.Scale
	unit := koers.ScaleLabel(scale)
	rows := o.Rows
	if o.Unassigned != nil {
		rows = append(rows[:len(rows):len(rows)], *o.Unassigned)
	}
	points := func(amounts []*koers.Money) map[int]float64 {
		out := map[int]float64{}
		for y, i := range pick {
			if m := amounts[i]; m != nil {
				// Only for drawing: the figures themselves stay exact in the table.
				out[y] = float64(*m) / 100 / float64(scale)
			}
		}
		return out
	}
	var out []overviewChart
	for _, r := range rows {
		title := present.Unassigned
		if r.Taakveld != "" {
			title = present.LineLabel(koers.FinanceLine{Taakveld: r.Taakveld}, year)
		}
		var series []chartSeries
		if p := points(r.Expenses); len(p) > 0 {
			series = append(series, chartSeries{Name: "Lasten", Points: p, Class: "realised"})
		}
		if p := points(r.Income); len(p) > 0 {
			series = append(series, chartSeries{Name: "Baten", Points: p, Class: "budgeted"})
		}
		svg := svgChart(chartSpec{
			Title: chart.OverviewTitle(title, unit), Desc: chart.OverviewDesc,
			Unit: koers.Count, Series: series, Width: 360, Height: 220,
		})
		if svg != "" {
			out = append(out, overviewChart{Title: title, SVG: svg})
		}
	}
	return out
}

// overviewChartNote says which column the charts draw for each year.
func overviewChartNote(o *koers.TaakveldOverview) string {
	pick := overviewYears(o.Columns)
	var titles []string
	for i, c := range o.Columns {
		if pick[c.Year] == i {
			titles = append(titles, c.Title())
		}
	}
	return "De grafieken tonen per jaar één kolom van de tabel: " + strings.Join(titles, ", ") +
		". Lasten en baten staan er allebei positief in; de tabel hierboven geeft alle bedragen."
}
