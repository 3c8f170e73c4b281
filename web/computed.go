package web

import (
	"math"
	"strconv"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/web/urls"
)

// The values the social-domain register computed for an indicator, as the
// indicator page shows them: only aggregates reach the publication store
// (koers.Series.Computed), small numbers already suppressed. The site
// never reads the register itself.

// computedTable is the section "Berekend uit het register".
type computedTable struct {
	Rows        []computedRow
	HasParts    bool
	Differences []string // one sentence per year where a document says otherwise
}

type computedRow struct {
	Year       int
	Value      string // "1.972", "<5"
	Suppressed bool
	Document   string // the document's realised value for the year, "" when none states one
	DocTitle   string
	DocURL     string
	Difference string // "632", "" when they agree or cannot be compared
	Rule       string
	Version    int
	ComputedAt string // "23 november 2026"
	Parts      []computedPartView
}

type computedPartView struct{ Name, Value string }

// computedView lays out a series' computed values beside what its
// documents state; nil when the register computed nothing for it.
func computedView(org *koers.Organisation, series *koers.Series) *computedTable {
	if len(series.Computed) == 0 {
		return nil
	}
	in := series.Indicator
	t := &computedTable{}
	for _, r := range series.Reckonings() {
		c := r.Computed
		row := computedRow{Year: c.Year, Value: c.Display(in.Unit), Suppressed: c.Suppressed(), Rule: c.Rule,
			Version: c.RuleVersion, ComputedAt: dateOnly(c.ComputedAt)}
		for _, p := range c.Parts {
			row.Parts = append(row.Parts, computedPartView{Name: p.Name, Value: p.Display()})
		}
		t.HasParts = t.HasParts || len(row.Parts) > 0
		if r.Report != nil {
			row.Document = r.Report.Display(in)
			row.DocTitle, row.DocURL = r.Report.Document.Title, urls.Document(org, r.Report.Document)
		}
		if r.Differs {
			row.Difference = difference(r.Difference, in.Unit)
			t.Differences = append(t.Differences, "Het register telt "+row.Value+" voor "+strconv.Itoa(c.Year)+"; "+
				row.DocTitle+" noemt "+row.Document+" (verschil "+row.Difference+"). De waarde uit het document geldt.")
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// difference is the size of a difference in the indicator's unit: a
// count, or percentage points for a percentage.
func difference(d float64, u koers.Unit) string {
	d = math.Abs(d)
	if u == koers.Percentage {
		return koers.FormatNumber(math.Round(d*10)/10) + " procentpunt"
	}
	return koers.FormatValue(math.Round(d*10)/10, u)
}

// dateOnly is a day in Dutch, in Amsterdam: "23 november 2026".
func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(amsterdam)
	return strconv.Itoa(t.Day()) + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}
