package web

import (
	"html/template"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/chart"
	"github.com/koers-nl/koers/present"
)

// The overview's charts: per taakveld, its lasten and baten through the
// years of the columns, drawn as the indicator charts are (svgChart). The
// table above them holds every figure, so the charts add a picture and
// hide nothing; lasten and baten differ in line style as well as colour.
// Package chart picks the years and words them; the PDF draws the same.

type overviewChart struct {
	Title string
	SVG   template.HTML
}

// overviewCharts draws a chart per row of o, in the table's order; none
// when the columns span a single year, where a line says nothing a table
// does not.
func overviewCharts(o *koers.TaakveldOverview, year int) []overviewChart {
	unit := koers.ScaleLabel(o.Scale)
	var out []overviewChart
	for _, c := range chart.Overview(o) {
		title := present.Unassigned
		if c.Taakveld != "" {
			title = present.LineLabel(koers.FinanceLine{Taakveld: c.Taakveld}, year)
		}
		svg := svgChart(chartSpec{
			Title: chart.OverviewTitle(title, unit), Desc: chart.OverviewDesc,
			Unit: koers.Count, Series: c.Series, Width: 360, Height: 220,
		})
		if svg != "" {
			out = append(out, overviewChart{Title: title, SVG: svg})
		}
	}
	return out
}

// overviewChartNote says which column the charts draw for each year.
func overviewChartNote(o *koers.TaakveldOverview) string { return chart.OverviewNote(o) }
