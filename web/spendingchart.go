package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// The chart "begroot tegenover gerealiseerd per programma" on the overview
// page: per programme two horizontal bars, the budgeted and the realised
// lasten of one year. Each bar carries its name and amount as text, and the
// budget bar is open where the realised one is filled, so colour is never
// the only cue; a table below holds the same figures.

type spendingChart struct {
	Title   string // also the table's caption
	SVG     template.HTML
	Rows    []spendingRow
	Heading string // of the section
}

type spendingRow struct {
	Label, Budget, Budgeted, Realised string
}

// spendingChartOf draws doc's (with its content) programmes' lasten; nil
// when no programme has both a budget and a realisation of one year.
func spendingChartOf(doc *koers.Document) *spendingChart {
	year, ps := koers.SpendingByProgramme(doc)
	if len(ps) == 0 {
		return nil
	}
	scale := ps[0].Scale
	var hi koers.Money
	for _, p := range ps {
		scale = min(scale, p.Scale)
		hi = max(hi, p.Budgeted, p.Realised)
	}
	amount := func(m koers.Money) string {
		if scale <= 1 {
			return m.String()
		}
		return m.Scaled(scale)
	}
	c := &spendingChart{
		Heading: "Begroot tegenover gerealiseerd per programma",
		Title:   "Lasten per programma in " + strconv.Itoa(year) + ": begroot en gerealiseerd (" + koers.ScaleLabel(scale) + ")",
	}
	for _, p := range ps {
		label := p.Title
		if p.Number != "" {
			label = p.Number + " " + p.Title
		}
		budget := p.Budget
		budget.Label = "" // the column's own name, with its year, not the table's heading
		c.Rows = append(c.Rows, spendingRow{Label: label, Budget: budget.Title(), Budgeted: amount(p.Budgeted), Realised: amount(p.Realised)})
	}

	const width, left, barMax, bar, gap, labelH = 640.0, 8.0, 440.0, 16.0, 4.0, 20.0
	group := labelH + 2*bar + gap + 16
	height := group*float64(len(ps)) + 4
	length := func(m koers.Money) float64 {
		if hi <= 0 || m <= 0 {
			return 0 // a bar has no negative length; its text still says the amount
		}
		// Only for drawing: the amounts in the text and the table are exact.
		return barMax * float64(m) / float64(hi)
	}
	var b strings.Builder
	id := fmt.Sprintf("grafiek-%x", hash(c.Title))
	fmt.Fprintf(&b, `<svg class="chart chart--bars" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d">`, width, height, id, id)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, template.HTMLEscapeString(c.Title), id,
		template.HTMLEscapeString("Per programma twee staven: de begrote lasten (open staaf) en de gerealiseerde lasten (gevulde staaf), elk met het bedrag erbij. De tabel hieronder geeft dezelfde bedragen."))
	for i, p := range ps {
		y := group * float64(i)
		fmt.Fprintf(&b, `<text class="chart__label chart__label--group" x="%.1f" y="%.1f">%s</text>`, left, y+14, template.HTMLEscapeString(c.Rows[i].Label))
		for j, s := range []struct {
			class, name string
			m           koers.Money
		}{{"budgeted", "Begroot", p.Budgeted}, {"realised", "Gerealiseerd", p.Realised}} {
			top := y + labelH + float64(j)*(bar+gap)
			l := length(s.m)
			fmt.Fprintf(&b, `<rect class="chart__bar chart__bar--%s" x="%.1f" y="%.1f" width="%.1f" height="%.0f"/>`, s.class, left, top, l, bar)
			fmt.Fprintf(&b, `<text class="chart__label" x="%.1f" y="%.1f">%s: %s</text>`, left+l+6, top+12, s.name, template.HTMLEscapeString(amount(s.m)))
		}
	}
	b.WriteString(`</svg>`)
	c.SVG = template.HTML(b.String())
	return c
}
