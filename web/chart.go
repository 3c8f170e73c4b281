package web

import (
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// A chart is drawn on the server as SVG: no JavaScript, and the numbers are
// always in a table beside it.
type chartSeries struct {
	Name   string
	Points map[int]float64 // by year
	Class  string          // realised, budgeted, benchmark
}

type chartSpec struct {
	Title, Desc string
	Unit        koers.Unit
	Series      []chartSeries
	Width       float64
	Height      float64
	Small       bool // a sparkline: no axes, no labels
}

// indicatorSeries returns the realised and target series of an indicator,
// leaving out unknown and suppressed values.
func indicatorSeries(in *koers.Indicator) []chartSeries {
	realised := chartSeries{Name: "Werkelijk", Points: map[int]float64{}, Class: "realised"}
	budgeted := chartSeries{Name: "Begroot (streefwaarde)", Points: map[int]float64{}, Class: "budgeted"}
	for _, v := range in.Values {
		n := in.Public(v)
		if n == nil {
			continue
		}
		if v.Kind == koers.Realised {
			realised.Points[v.Year] = *n
		} else {
			budgeted.Points[v.Year] = *n
		}
	}
	return []chartSeries{realised, budgeted}
}

// svgChart draws spec as an accessible SVG image.
func svgChart(spec chartSpec) template.HTML {
	var years []int
	seen := map[int]bool{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range spec.Series {
		for y, v := range s.Points {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return "" // cannot be drawn; the table beside it shows it
			}
			if !seen[y] {
				seen[y] = true
				years = append(years, y)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if len(years) == 0 {
		return ""
	}
	sort.Ints(years)
	// The axis starts at zero, above or below: the scale is then at least
	// as large as the largest value, never a sliver far from zero that
	// floating point cannot step through.
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if spec.Unit == koers.Percentage && hi <= 100 && !spec.Small {
		hi = math.Max(hi, 10)
	}
	if hi == lo {
		hi = lo + 1
	}
	lo, top, step := niceScale(lo, hi)
	if math.IsNaN(top) || math.IsNaN(lo) || math.IsInf(top-lo, 0) || !(step > 0) || math.IsInf(step, 0) {
		return "" // beyond what float64 can scale
	}
	left, right, upper, lower := 56.0, 24.0, 12.0, 28.0
	if spec.Small {
		left, right, upper, lower = 3, 3, 3, 3
	}
	w, h := spec.Width-left-right, spec.Height-upper-lower
	x := func(y int) float64 {
		if len(years) == 1 {
			return left + w/2
		}
		return left + w*float64(y-years[0])/float64(years[len(years)-1]-years[0])
	}
	yv := func(v float64) float64 { return upper + h*(1-(v-lo)/(top-lo)) }

	var b strings.Builder
	id := fmt.Sprintf("grafiek-%x", hash(spec.Title+spec.Desc))
	if spec.Small {
		fmt.Fprintf(&b, `<svg class="chart chart--small" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" aria-hidden="true" focusable="false">`,
			spec.Width, spec.Height, spec.Width, spec.Height)
	} else {
		fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d">`, spec.Width, spec.Height, id, id)
		fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, template.HTMLEscapeString(spec.Title), id, template.HTMLEscapeString(spec.Desc))
		// A counted loop: however large the numbers, it ends.
		lines := min(int(math.Round((top-lo)/step)), maxGridlines)
		for i := 0; i <= lines; i++ {
			v := lo + float64(i)*step
			fmt.Fprintf(&b, `<line class="chart__grid" x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f"/>`, left, left+w, yv(v), yv(v))
			fmt.Fprintf(&b, `<text class="chart__label" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, left-6, yv(v)+4, template.HTMLEscapeString(axisLabel(v, step, spec.Unit)))
		}
		for _, y := range years {
			fmt.Fprintf(&b, `<text class="chart__label" x="%.1f" y="%.1f" text-anchor="middle">%d</text>`, x(y), upper+h+18, y)
		}
	}
	for _, s := range spec.Series {
		var pts []string
		var ys []int
		for y := range s.Points {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		for _, y := range ys {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(y), yv(s.Points[y])))
		}
		if len(pts) > 1 {
			fmt.Fprintf(&b, `<polyline class="chart__line chart__line--%s" points="%s"/>`, s.Class, strings.Join(pts, " "))
		}
		if !spec.Small || len(pts) == 1 {
			for _, p := range pts {
				xy := strings.Split(p, ",")
				fmt.Fprintf(&b, `<circle class="chart__dot chart__dot--%s" cx="%s" cy="%s" r="%d"/>`, s.Class, xy[0], xy[1], map[bool]int{true: 2, false: 4}[spec.Small])
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// maxGridlines bounds the gridlines of a chart; niceScale gives four to
// eight.
const maxGridlines = 10

// niceScale picks a round step that gives four to six gridlines between lo
// and hi (lo <= 0 <= hi), and rounds both ends out to multiples of it, so
// that every gridline, zero among them, is a round number.
func niceScale(lo, hi float64) (bottom, top, step float64) {
	raw := (hi - lo) / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if step = m * mag; step >= raw {
			break
		}
	}
	return step * math.Floor(lo/step), step * math.Ceil(hi/step), step
}

// axisLabel writes a gridline's value with the decimals its step needs
// (0,25 apart: two), in Dutch notation, never "-0".
func axisLabel(v, step float64, u koers.Unit) string {
	decimals := max(0, min(8, 2-int(math.Ceil(math.Log10(step)))))
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if strings.Trim(s, "-0") == "" {
		s = "0"
	}
	n := koers.FormatNumberString(s)
	switch u {
	case koers.Percentage:
		return n + "%"
	case koers.Amount:
		return "€ " + n
	}
	return n
}

func hash(s string) uint32 {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}
