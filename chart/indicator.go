package chart

import (
	"fmt"
	"strings"

	"github.com/koers-nl/koers"
)

// The names of an indicator's two lines, also the words of a chart's
// legend.
const (
	Realised = "Werkelijk"
	Budgeted = "Begroot (streefwaarde)"
)

// IndicatorSeries returns the realised and target series of an indicator,
// leaving out unknown and suppressed values.
func IndicatorSeries(in *koers.Indicator) []Series {
	realised := Series{Name: Realised, Points: map[int]float64{}, Class: "realised"}
	budgeted := Series{Name: Budgeted, Points: map[int]float64{}, Class: "budgeted"}
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
	return []Series{realised, budgeted}
}

// IndicatorTitle is the title of an indicator's chart.
func IndicatorTitle(in *koers.Indicator) string {
	return "Verloop van " + strings.TrimSpace(in.Number+" "+in.Name)
}

// IndicatorDesc says in words what an indicator's chart shows: on the site
// the SVG's description, in a PDF the figure's alternate text.
func IndicatorDesc(in *koers.Indicator) string {
	var parts []string
	for _, v := range in.Values {
		kind := "werkelijk"
		if v.Kind == koers.Budgeted {
			kind = "begroot"
		}
		parts = append(parts, fmt.Sprintf("%d %s %s", v.Year, kind, in.Display(v)))
	}
	return "Waarden per jaar: " + strings.Join(parts, "; ") + ". De cijfers staan ook in de tabel onder de grafiek."
}
