package pdf

import (
	"slices"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/chart"
	"github.com/koers-nl/koers/present"
)

// Charts are drawn as vector figures under an indicator table, small
// multiples side by side, from the same layout (package chart) as the
// site's SVG: the same scale, gridlines and labels, and the site's
// description as the figure's alternate text. Realised values are a solid
// line with filled dots, targets a dashed line with open dots, so colour
// is never the only cue; a legend in words says which is which.

const (
	chartCols    = 2    // charts per row
	chartGap     = 8.0  // between the charts of a row, in mm
	chartH       = 46.0 // a chart under its title: plot, years and legend
	chartTitlePt = 8.0
	chartTitleH  = 3.8 // a title's line
	chartLabelPt = 6.5 // axis labels and legend
	chartLabelH  = 4.5 // the row of years, and the legend's
	chartLine    = 0.45
	chartDot     = 0.75 // radius
)

// chartStyle is how a series' class is drawn, after the site's CSS
// (.chart__line--*, .chart__dot--*).
type chartStyle struct {
	r, g, b int
	dash    []float64 // nil for solid
	open    bool      // dots filled white
}

var chartStyles = map[string]chartStyle{
	"realised":  {26, 90, 150, nil, false},
	"budgeted":  {179, 71, 0, []float64{1.8, 1.2}, true},
	"benchmark": {84, 84, 84, []float64{0.6, 0.9}, false},
}

// chartItem is one chart to draw: its title, its alternate text and what
// it shows.
type chartItem struct {
	title, alt string
	spec       chart.Spec
}

// indicatorCharts draws a chart of each indicator of list whose values
// (realised and targets) span at least two years: a line needs two.
func (w *writer) indicatorCharts(list []*koers.Indicator) {
	var charts []chartItem
	for _, in := range list {
		series := chart.IndicatorSeries(in)
		years := map[int]bool{}
		for _, s := range series {
			for y := range s.Points {
				years[y] = true
			}
		}
		if len(years) < 2 {
			continue
		}
		charts = append(charts, chartItem{title: chart.IndicatorTitle(in), alt: chart.IndicatorDesc(in),
			spec: chart.Spec{Unit: in.Unit, Series: series}})
	}
	w.charts(charts)
}

// overviewCharts draws the charts of the overview per taakveld as the site
// does: a heading, the note on the columns drawn, and a chart of lasten
// and baten per taakveld, under the taakveld's name.
func (w *writer) overviewCharts(o *present.TaakveldOverview) {
	if o.Source == nil {
		return
	}
	scale := koers.ScaleLabel(o.Source.Scale)
	var charts []chartItem
	for _, c := range chart.Overview(o.Source) {
		label := present.Unassigned
		if c.Taakveld != "" {
			label = present.LineLabel(koers.FinanceLine{Taakveld: c.Taakveld}, o.Year)
		}
		charts = append(charts, chartItem{title: label, alt: chart.OverviewTitle(label, scale) + ". " + chart.OverviewDesc,
			spec: chart.Spec{Unit: koers.Count, Series: c.Series}})
	}
	charts = slices.DeleteFunc(charts, func(c chartItem) bool {
		_, ok := chart.Layout(c.spec, chart.Box{W: 1, H: 1})
		return !ok // as on the site: a row with nothing to draw has no chart
	})
	if len(charts) == 0 {
		return
	}
	w.heading("Lasten en baten per taakveld door de jaren", 1, sizeHeading, 6.5)
	w.paragraph(chart.OverviewNote(o.Source))
	w.charts(charts)
}

// charts draws charts in rows of chartCols, each row whole on a page.
func (w *writer) charts(charts []chartItem) {
	f := w.f
	wd := (textW - chartGap*(chartCols-1)) / chartCols
	for i := 0; i < len(charts); i += chartCols {
		row := charts[i:min(i+chartCols, len(charts))]
		// The titles of a row may wrap; the plots below them stay level.
		w.font("B", chartTitlePt)
		lines := 1
		for _, c := range row {
			lines = max(lines, len(w.lines(c.title, wd)))
		}
		titleH := float64(lines) * chartTitleH
		w.ensure(titleH + 1 + chartH)
		y := f.GetY()
		for j, c := range row {
			x := marginX + float64(j)*(wd+chartGap)
			w.chartTitle(c.title, x, y, wd)
			top := y + titleH + 1
			if p, ok := w.chartPlot(c.spec, x, top, wd, chartH); ok {
				w.figure(c.alt, x, top, wd, chartH, func() { w.drawChart(p, x, top, wd, chartH) })
			}
		}
		f.SetXY(marginX, y+titleH+1+chartH+4)
	}
}

// chartTitle sets a chart's title over its column: a short paragraph (P)
// of small bold text, read before the figure under it.
func (w *writer) chartTitle(text string, x, y, wd float64) {
	f := w.f
	w.font("B", chartTitlePt)
	f.SetTextColor(15, 61, 104)
	f.SetXY(x, y)
	w.leaf("P", func() { f.MultiCell(wd, chartTitleH, text, "", "L", false) })
	f.SetTextColor(0, 0, 0)
}

// chartPlot lays spec out in the box x, y, wd, ht: the value labels left
// of the plot, as wide as the widest, the years and the legend under it.
func (w *writer) chartPlot(spec chart.Spec, x, y, wd, ht float64) (*chart.Plot, bool) {
	// The labels do not depend on the box: lay out once to measure them.
	p, ok := chart.Layout(spec, chart.Box{W: 1, H: 1})
	if !ok {
		return nil, false
	}
	w.font("", chartLabelPt)
	labelW := 0.0
	for _, g := range p.Gridlines {
		labelW = max(labelW, w.f.GetStringWidth(g.Label))
	}
	// Room for half a year's label either side, and half a label's
	// height above the top gridline.
	half := w.f.GetStringWidth("2000") / 2
	left := labelW + 1.5
	box := chart.Box{X: x + max(left, half), Y: y + 1.5}
	box.W = x + wd - half - box.X
	box.H = ht - 1.5 - 2*chartLabelH
	return chart.Layout(spec, box)
}

// drawChart draws p, laid out by chartPlot in the box x, y, wd, ht:
// gridlines and their labels, the years, the lines with their dots, and
// a legend at the foot.
func (w *writer) drawChart(p *chart.Plot, x, y, wd, ht float64) {
	f := w.f
	b := p.Box
	w.font("", chartLabelPt)
	// The fill colour as the text's: fpdf then wraps no label in a colour
	// change of its own.
	f.SetTextColor(84, 84, 84)
	f.SetFillColor(84, 84, 84)
	rise := 0.35 * chartLabelPt * ptMM // from a label's baseline to its middle
	f.SetDrawColor(208, 212, 218)
	f.SetLineWidth(0.15)
	for _, g := range p.Gridlines {
		f.Line(b.X, g.Y, b.X+b.W, g.Y)
		f.Text(b.X-1.5-f.GetStringWidth(g.Label), g.Y+rise, g.Label)
	}
	// Years from the left, each where it does not touch the one before.
	right := x - 1.0
	for _, t := range p.Ticks {
		tw := f.GetStringWidth(t.Label)
		if t.X-tw/2 < right+1 {
			continue
		}
		f.Text(t.X-tw/2, b.Y+b.H+chartLabelH-0.8, t.Label)
		right = t.X + tw/2
	}
	f.SetLineCapStyle("round")
	f.SetLineJoinStyle("round")
	for _, l := range p.Lines {
		st := chartStyles[l.Class]
		f.SetDrawColor(st.r, st.g, st.b)
		if len(l.Points) > 1 {
			f.SetLineWidth(chartLine)
			f.SetDashPattern(st.dash, 0)
			f.MoveTo(l.Points[0].X, l.Points[0].Y)
			for _, pt := range l.Points[1:] {
				f.LineTo(pt.X, pt.Y)
			}
			f.DrawPath("D")
			f.SetDashPattern(nil, 0)
		}
		w.chartDots(l, st)
	}
	w.chartLegend(p, x, y+ht-chartLabelH, wd)
	// fpdf keeps these from page to page: back to its defaults.
	f.SetLineCapStyle("butt")
	f.SetLineJoinStyle("miter")
	f.SetTextColor(0, 0, 0)
}

// chartDots draws l's dots, open or filled, as round caps of lines of no
// length: a path of a few bytes per dot where a circle takes four curves.
func (w *writer) chartDots(l chart.Line, st chartStyle) {
	f := w.f
	dots := func(width float64) {
		f.SetLineWidth(width)
		for _, pt := range l.Points {
			f.MoveTo(pt.X, pt.Y)
			f.LineTo(pt.X, pt.Y)
		}
		f.DrawPath("D")
	}
	f.SetDrawColor(st.r, st.g, st.b)
	dots(2 * chartDot)
	if st.open {
		f.SetDrawColor(255, 255, 255)
		dots(2*chartDot - 0.6)
	}
}

// chartLegend names the lines that have points, each after a sample of
// its line and dot, on one line at y.
func (w *writer) chartLegend(p *chart.Plot, x, y, wd float64) {
	f := w.f
	// Three dashes long: the dot sits on the middle one, a dash and a gap
	// show either side.
	const sample = 7.8
	end, mid := x+wd, y+chartLabelH/2
	for _, l := range p.Lines {
		if len(l.Points) == 0 {
			continue
		}
		st := chartStyles[l.Class]
		if x+sample+1+f.GetStringWidth(l.Name) > end {
			break // never past the chart; its alternate text has every value
		}
		f.SetDrawColor(st.r, st.g, st.b)
		f.SetLineWidth(chartLine)
		f.SetDashPattern(st.dash, 0)
		f.Line(x, mid, x+sample, mid)
		f.SetDashPattern(nil, 0)
		w.chartDots(chart.Line{Points: []chart.Point{{X: x + sample/2, Y: mid}}}, st)
		f.Text(x+sample+1, mid+0.35*chartLabelPt*ptMM, l.Name)
		x += sample + 1 + f.GetStringWidth(l.Name) + 4
	}
}
