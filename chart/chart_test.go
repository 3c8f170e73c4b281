package chart

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func TestNiceScale(t *testing.T) {
	tests := []struct {
		lo, hi            float64
		bottom, top, step float64
	}{
		{0, 1992, 0, 2000, 500},
		{-3, 10, -5, 10, 5},
		{0, 10, 0, 10, 2.5},
		{0, 1, 0, 1, 0.25},
		{-14650, 0, -15000, 0, 5000},
		{0, 100, 0, 100, 25},
		{0, 7, 0, 8, 2},
		{0, 3, 0, 3, 1},
	}
	for _, tt := range tests {
		b, top, step := niceScale(tt.lo, tt.hi)
		if b != tt.bottom || top != tt.top || step != tt.step {
			t.Errorf("niceScale(%v, %v) = %v, %v, %v; want %v, %v, %v", tt.lo, tt.hi, b, top, step, tt.bottom, tt.top, tt.step)
		}
	}
}

func TestAxisLabel(t *testing.T) {
	tests := []struct {
		v, step float64
		unit    koers.Unit
		want    string
	}{
		{1500, 500, koers.Count, "1.500"},
		{-15000, 5000, koers.Amount, "€ -15.000"},
		{0, 5000, koers.Amount, "€ 0"},
		{12.5, 2.5, koers.Percentage, "12,5%"},
		{0.25, 0.25, koers.Count, "0,25"},
		{0.0000005, 0.0000005, koers.Count, "0,0000005"},
		{-0.0000000001, 0.5, koers.Count, "0"}, // never "-0"
		{1e12, 2.5e11, koers.Count, "1.000.000.000.000"},
	}
	for _, tt := range tests {
		if got := axisLabel(tt.v, tt.step, tt.unit); got != tt.want {
			t.Errorf("axisLabel(%v, %v, %s) = %q, want %q", tt.v, tt.step, tt.unit, got, tt.want)
		}
	}
}

func series(points map[int]float64) []Series {
	return []Series{{Name: Realised, Class: "realised", Points: points}}
}

// TestLayout pins a whole plot: gridlines from the foot of the box up,
// years spread over its width, points in year order.
func TestLayout(t *testing.T) {
	spec := Spec{Unit: koers.Count, Series: []Series{
		{Name: Realised, Class: "realised", Points: map[int]float64{2022: 20, 2020: 0, 2021: 10}},
		{Name: Budgeted, Class: "budgeted", Points: map[int]float64{2022: 40}},
	}}
	got, ok := Layout(spec, Box{X: 10, Y: 5, W: 100, H: 40})
	if !ok {
		t.Fatal("not drawn")
	}
	want := &Plot{Box: Box{X: 10, Y: 5, W: 100, H: 40}, Bottom: 0, Top: 40, Step: 10,
		Gridlines: []Gridline{{0, "0", 45}, {10, "10", 35}, {20, "20", 25}, {30, "30", 15}, {40, "40", 5}},
		Ticks:     []Tick{{2020, "2020", 10}, {2021, "2021", 60}, {2022, "2022", 110}},
		Lines: []Line{
			{Name: Realised, Class: "realised", Points: []Point{{2020, 0, 10, 45}, {2021, 10, 60, 35}, {2022, 20, 110, 25}}},
			{Name: Budgeted, Class: "budgeted", Points: []Point{{2022, 40, 110, 5}}},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// TestLayoutCases: the scale's ends and labels, one year in the middle,
// a small chart without axes, and the values that give no chart.
func TestLayoutCases(t *testing.T) {
	tests := []struct {
		name   string
		spec   Spec
		drawn  bool
		labels string // the gridlines', bottom to top
		ticks  []float64
	}{
		{"one year in the middle", Spec{Unit: koers.Count, Series: series(map[int]float64{2024: 3})}, true, "0 1 2 3", []float64{50}},
		{"percentages at least to 10%", Spec{Unit: koers.Percentage, Series: series(map[int]float64{2020: 1, 2021: 2})}, true, "0% 2,5% 5% 7,5% 10%", []float64{0, 100}},
		{"a sparkline is not widened", Spec{Unit: koers.Percentage, Small: true, Series: series(map[int]float64{2020: 1, 2021: 2})}, true, "", nil},
		{"negative", Spec{Unit: koers.Amount, Series: series(map[int]float64{2020: -14650, 2021: -2100})}, true, "€ -15.000 € -10.000 € -5.000 € 0", []float64{0, 100}},
		{"all zero", Spec{Unit: koers.Count, Series: series(map[int]float64{2020: 0, 2022: 0})}, true, "0 0,25 0,5 0,75 1", []float64{0, 100}},
		{"uneven years", Spec{Unit: koers.Count, Series: series(map[int]float64{2020: 1, 2021: 1, 2024: 1})}, true, "0 0,25 0,5 0,75 1", []float64{0, 25, 100}},
		{"no series", Spec{Unit: koers.Count}, false, "", nil},
		{"empty series", Spec{Unit: koers.Count, Series: series(map[int]float64{})}, false, "", nil},
		{"not a number", Spec{Unit: koers.Count, Series: series(map[int]float64{2020: 1, 2021: math.NaN()})}, false, "", nil},
		{"infinite", Spec{Unit: koers.Count, Series: series(map[int]float64{2020: math.Inf(-1)})}, false, "", nil},
		{"the float range", Spec{Unit: koers.Count, Series: series(map[int]float64{2020: -math.MaxFloat64, 2021: math.MaxFloat64})}, false, "", nil},
	}
	for _, tt := range tests {
		p, ok := Layout(tt.spec, Box{W: 100, H: 100})
		if ok != tt.drawn {
			t.Errorf("%s: drawn %v, want %v", tt.name, ok, tt.drawn)
			continue
		}
		if !ok {
			if p != nil {
				t.Errorf("%s: a plot with false", tt.name)
			}
			continue
		}
		var labels []string
		for _, g := range p.Gridlines {
			labels = append(labels, g.Label)
		}
		var ticks []float64
		for _, tk := range p.Ticks {
			ticks = append(ticks, tk.X)
		}
		if strings.Join(labels, " ") != tt.labels || !reflect.DeepEqual(ticks, tt.ticks) {
			t.Errorf("%s: labels %q ticks %v, want %q %v", tt.name, strings.Join(labels, " "), ticks, tt.labels, tt.ticks)
		}
	}
}

// TestLayoutBounded: for any finite values the gridlines are few and every
// position lies in the box.
func TestLayoutBounded(t *testing.T) {
	for _, v := range [][2]float64{{-4000000000000000, -3999999999999999.5}, {4e15, 4e15 + 0.5}, {1e300, 2e300}, {1e-300, 2e-300}, {-1e308, 1e307}} {
		checkPlot(t, Spec{Unit: koers.Count, Series: series(map[int]float64{2020: v[0], 2021: v[1]})})
	}
}

// checkPlot fails unless spec's plot, if any, has two to MaxGridlines+1
// gridlines and every position in its box.
func checkPlot(t *testing.T, spec Spec) {
	t.Helper()
	box := Box{X: 10, Y: 20, W: 100, H: 50}
	p, ok := Layout(spec, box)
	if !ok {
		return
	}
	in := func(v, from, size float64) bool { return v >= from-1e-9 && v <= from+size+1e-9 }
	if n := len(p.Gridlines); n < 2 || n > MaxGridlines+1 {
		t.Errorf("%v: %d gridlines", spec.Series, n)
	}
	for _, g := range p.Gridlines {
		if !in(g.Y, box.Y, box.H) || g.Label == "" || strings.Contains(g.Label, "NaN") || strings.Contains(g.Label, "Inf") {
			t.Errorf("%v: gridline %+v", spec.Series, g)
		}
	}
	for _, tk := range p.Ticks {
		if !in(tk.X, box.X, box.W) {
			t.Errorf("%v: tick %+v", spec.Series, tk)
		}
	}
	for _, l := range p.Lines {
		for _, pt := range l.Points {
			if !in(pt.X, box.X, box.W) || !in(pt.Y, box.Y, box.H) {
				t.Errorf("%v: point %+v outside %+v", spec.Series, pt, box)
			}
		}
	}
}

// FuzzLayout: any values, never a panic or an endless loop; a plot's
// positions stay in its box.
func FuzzLayout(f *testing.F) {
	f.Add(1992.0, 1350.0, -3.0, 2020, 2021, 2030, uint8(0))
	f.Add(-4000000000000000.0, -3999999999999999.5, 0.0, 2020, 2021, 2021, uint8(1))
	f.Add(math.MaxFloat64, -math.MaxFloat64, 1e-300, 0, -1, 1<<40, uint8(2))
	f.Fuzz(func(t *testing.T, a, b, c float64, ya, yb, yc int, unit uint8) {
		// Years as far apart as an int allows: the x positions are
		// fractions of the span, which must not overflow.
		if ya < -1e6 || ya > 1e6 || yb < -1e6 || yb > 1e6 || yc < -1e6 || yc > 1e6 {
			return
		}
		u := []koers.Unit{koers.Count, koers.Percentage, koers.Amount}[int(unit)%3]
		spec := Spec{Unit: u, Series: []Series{
			{Name: Realised, Class: "realised", Points: map[int]float64{ya: a, yb: b}},
			{Name: Budgeted, Class: "budgeted", Points: map[int]float64{yc: c}},
		}}
		p, ok := Layout(spec, Box{X: 10, Y: 20, W: 100, H: 50})
		finite := !math.IsNaN(a+b+c) && !math.IsInf(a, 0) && !math.IsInf(b, 0) && !math.IsInf(c, 0)
		if ok && !finite {
			t.Fatalf("drew %v, %v, %v", a, b, c)
		}
		if ok {
			if len(p.Lines) != 2 {
				t.Fatalf("%d lines", len(p.Lines))
			}
			checkPlot(t, spec)
		}
		spec.Small = true
		Layout(spec, Box{W: 1, H: 1})
	})
}
