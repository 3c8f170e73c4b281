package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/chart"
)

// A chart is drawn on the server as SVG: no JavaScript, and the numbers are
// always in a table beside it. Package chart lays it out; this draws it.
type chartSeries = chart.Series

type chartSpec struct {
	Title, Desc string
	Unit        koers.Unit
	Series      []chartSeries
	Width       float64
	Height      float64
	Small       bool // a sparkline: no axes, no labels
}

// maxGridlines bounds the gridlines of a chart.
const maxGridlines = chart.MaxGridlines

// svgChart draws spec as an accessible SVG image.
func svgChart(spec chartSpec) template.HTML {
	left, right, upper, lower := 56.0, 24.0, 12.0, 28.0
	if spec.Small {
		left, right, upper, lower = 3, 3, 3, 3
	}
	box := chart.Box{X: left, Y: upper, W: spec.Width - left - right, H: spec.Height - upper - lower}
	p, ok := chart.Layout(chart.Spec{Unit: spec.Unit, Series: spec.Series, Small: spec.Small}, box)
	if !ok {
		return "" // cannot be drawn; the table beside it shows it
	}

	var b strings.Builder
	id := fmt.Sprintf("grafiek-%x", hash(spec.Title+spec.Desc))
	if spec.Small {
		fmt.Fprintf(&b, `<svg class="chart chart--small" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" aria-hidden="true" focusable="false">`,
			spec.Width, spec.Height, spec.Width, spec.Height)
	} else {
		fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d">`, spec.Width, spec.Height, id, id)
		fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, template.HTMLEscapeString(spec.Title), id, template.HTMLEscapeString(spec.Desc))
		for _, g := range p.Gridlines {
			fmt.Fprintf(&b, `<line class="chart__grid" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, box.X, box.X+box.W, g.Y, g.Y)
			fmt.Fprintf(&b, `<text class="chart__label" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, box.X-6, g.Y+4, template.HTMLEscapeString(g.Label))
		}
		for _, t := range p.Ticks {
			fmt.Fprintf(&b, `<text class="chart__label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, t.X, box.Y+box.H+18, t.Label)
		}
	}
	r := 4
	if spec.Small {
		r = 2
	}
	for _, l := range p.Lines {
		pts := make([]string, len(l.Points))
		for i, pt := range l.Points {
			pts[i] = fmt.Sprintf("%.1f,%.1f", pt.X, pt.Y)
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline class="chart__line chart__line--%s" points="%s"/>`, l.Class, strings.Join(pts, " "))
		}
		if !spec.Small || len(pts) == 1 {
			for _, pt := range l.Points {
				fmt.Fprintf(&b, `<circle class="chart__dot chart__dot--%s" cx="%.1f" cy="%.1f" r="%d"/>`, l.Class, pt.X, pt.Y, r)
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func hash(s string) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}
