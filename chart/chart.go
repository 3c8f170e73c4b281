// Package chart lays out koers's line charts: the scale of the values with
// round gridlines and their Dutch labels, a tick per year, and the points
// of each series in a drawing area. The site draws the layout as SVG and
// the PDF as vector figures, from the same numbers and the same words: the
// title and the description that stands for the chart for readers who do
// not see it.
package chart

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// Series is one line of a chart.
type Series struct {
	Name   string
	Points map[int]float64 // by year
	Class  string          // its style: realised, budgeted, benchmark
}

// Spec is what a chart shows.
type Spec struct {
	Unit   koers.Unit
	Series []Series
	// Small is a sparkline: no gridlines or ticks, and a percentage's
	// scale is not widened to 10%.
	Small bool
}

// Box is a drawing area: X and Y its top left corner, y growing down as
// in SVG and in fpdf.
type Box struct{ X, Y, W, H float64 }

// Plot is a chart laid out in a box.
type Plot struct {
	Box       Box
	Bottom    float64 // the value at the foot of the box
	Top       float64 // the value at its head
	Step      float64 // between gridlines
	Gridlines []Gridline
	Ticks     []Tick // one per year, ascending
	Lines     []Line // in the order of the spec's series
}

// Gridline is a round value across the box, bottom to top.
type Gridline struct {
	Value float64
	Label string  // in Dutch notation, with its unit
	Y     float64 // its position
}

// Tick is a year on the horizontal axis.
type Tick struct {
	Year  int
	Label string
	X     float64
}

// Line is a series placed in the box, its points by year.
type Line struct {
	Name, Class string
	Points      []Point
}

// Point is a series' value in a year and where it is drawn.
type Point struct {
	Year  int
	Value float64
	X, Y  float64
}

// MaxGridlines bounds the gridlines of a chart; niceScale gives four to
// eight.
const MaxGridlines = 10

// Layout places spec in box. It reports false when there is nothing to
// draw: no values, a value that is not a finite number, or a range that
// float64 cannot scale. The table beside a chart shows such values.
func Layout(spec Spec, box Box) (*Plot, bool) {
	var years []int
	seen := map[int]bool{}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range spec.Series {
		for y, v := range s.Points {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, false
			}
			if !seen[y] {
				seen[y] = true
				years = append(years, y)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if len(years) == 0 {
		return nil, false
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
		return nil, false
	}
	p := &Plot{Box: box, Bottom: lo, Top: top, Step: step}
	// The same expressions as the site has always used, so that its SVG
	// stays the same to the byte.
	x := func(y int) float64 {
		if len(years) == 1 {
			return box.X + box.W/2
		}
		return box.X + box.W*float64(y-years[0])/float64(years[len(years)-1]-years[0])
	}
	yv := func(v float64) float64 { return box.Y + box.H*(1-(v-lo)/(top-lo)) }
	if !spec.Small {
		// A counted loop: however large the numbers, it ends.
		lines := min(int(math.Round((top-lo)/step)), MaxGridlines)
		for i := 0; i <= lines; i++ {
			v := lo + float64(i)*step
			p.Gridlines = append(p.Gridlines, Gridline{Value: v, Label: axisLabel(v, step, spec.Unit), Y: yv(v)})
		}
		for _, y := range years {
			p.Ticks = append(p.Ticks, Tick{Year: y, Label: strconv.Itoa(y), X: x(y)})
		}
	}
	for _, s := range spec.Series {
		l := Line{Name: s.Name, Class: s.Class}
		ys := make([]int, 0, len(s.Points))
		for y := range s.Points {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		for _, y := range ys {
			v := s.Points[y]
			l.Points = append(l.Points, Point{Year: y, Value: v, X: x(y), Y: yv(v)})
		}
		p.Lines = append(p.Lines, l)
	}
	return p, true
}

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
