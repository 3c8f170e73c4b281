package chart

import (
	"strings"

	"github.com/koers-nl/koers"
)

// OverviewChart is the chart of one row of the overview per taakveld: its
// lasten (solid) and baten (dashed) through the years, in the overview's
// scale.
type OverviewChart struct {
	Taakveld string // the row's code; empty for the lines without one
	Series   []Series
}

// OverviewYears picks one column per year for the charts: the latest
// figures of that year (realisation, else the amended budget, else the
// budget), a multi-year estimate only for a year that has nothing else.
// The overview's columns come by year, then in that order.
func OverviewYears(cols []koers.FinanceColumn) map[int]int {
	pick := map[int]int{}
	for i, c := range cols {
		if j, ok := pick[c.Year]; ok && c.Version == koers.MultiYearEstimate && cols[j].Version != koers.MultiYearEstimate {
			continue
		}
		pick[c.Year] = i
	}
	return pick
}

// Overview returns a chart per row of o, in the table's order, the row of
// lines without a taakveld last; none when the columns span a single year,
// where a line says nothing a table does not.
func Overview(o *koers.TaakveldOverview) []OverviewChart {
	pick := OverviewYears(o.Columns)
	if len(pick) < 2 {
		return nil
	}
	rows := o.Rows
	if o.Unassigned != nil {
		rows = append(rows[:len(rows):len(rows)], *o.Unassigned)
	}
	points := func(amounts []*koers.Money) map[int]float64 {
		out := map[int]float64{}
		for y, i := range pick {
			if m := koers.AmountAt(amounts, i); m != nil {
				// Only for drawing: the figures themselves stay exact in the table.
				out[y] = float64(*m) / 100 / float64(o.Scale)
			}
		}
		return out
	}
	var out []OverviewChart
	for _, r := range rows {
		c := OverviewChart{Taakveld: r.Taakveld}
		if p := points(r.Expenses); len(p) > 0 {
			c.Series = append(c.Series, Series{Name: "Lasten", Points: p, Class: "realised"})
		}
		if p := points(r.Income); len(p) > 0 {
			c.Series = append(c.Series, Series{Name: "Baten", Points: p, Class: "budgeted"})
		}
		out = append(out, c)
	}
	return out
}

// OverviewTitle is the title of the chart of one taakveld (named by label)
// in the overview per taakveld, whose amounts are in scale (a
// koers.ScaleLabel).
func OverviewTitle(label, scale string) string {
	return "Lasten en baten van " + label + " per jaar (" + scale + ")"
}

// OverviewDesc describes every chart of the overview per taakveld.
const OverviewDesc = "Lasten (doorgetrokken lijn) en baten (gestreepte lijn) als bedragen, beide positief, per jaar de laatste stand: " +
	"realisatie, anders de (gewijzigde) begroting, anders de raming. De bedragen staan in de tabel hierboven."

// OverviewNote says which column the charts of o draw for each year.
func OverviewNote(o *koers.TaakveldOverview) string {
	pick := OverviewYears(o.Columns)
	var titles []string
	for i, c := range o.Columns {
		if pick[c.Year] == i {
			titles = append(titles, c.Title())
		}
	}
	return "De grafieken tonen per jaar één kolom van de tabel: " + strings.Join(titles, ", ") +
		". Lasten en baten staan er allebei positief in; de tabel hierboven geeft alle bedragen."
}
