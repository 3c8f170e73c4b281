package koers

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"
)

// The comparison table form: a comparison_table block as a tab-separated
// table, as a spreadsheet copies it. An optional line "peildatum" comes
// first, then the header, then one line per row:
//
//	peildatum	2024-05-01
//	indicator	eenheid	periode	bron	streven	Gemeente	Nederland (NL01)	Regio
//	Banen	per 1.000 inwoners	2023	LISA	Toename	684,0	774,0	n.n.b.
//
// The header's first three columns are fixed; "bron" and "streven" are
// optional, in that order; the next column is the municipality's, headed
// by its heading, and every column after it is a comparison area, with
// its region code in brackets. doc/editing.md describes the whole.

// comparisonField is the block field the form's problems are at.
const comparisonField = "comparison"

// The named columns of the comparison table form.
const (
	cmpName      = "indicator"
	cmpUnit      = "eenheid"
	cmpPeriod    = "periode"
	cmpSource    = "bron"
	cmpTarget    = "streven"
	cmpReference = "peildatum"
)

// defaultMunicipality is the heading the form writes for a table without
// one, and reads as none: the public table shows it the same.
const defaultMunicipality = "Gemeente"

// cmpColumnName is a header cell as a named column: lower case, single
// spaces.
func cmpColumnName(cell string) string {
	return strings.ToLower(strings.Join(strings.Fields(cell), " "))
}

// FormatComparisonTable writes t as the table form. The columns "bron"
// and "streven" appear when a row uses them, or when the municipality's
// heading would otherwise be read as one of them.
func FormatComparisonTable(t *ComparisonTable) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	if t.Reference != "" {
		b.WriteString(cmpReference + "\t" + t.Reference + "\n")
	}
	municipality := t.Municipality
	if municipality == "" {
		municipality = defaultMunicipality
	}
	withSource := cmpColumnName(municipality) == cmpSource
	withTarget := cmpColumnName(municipality) == cmpTarget
	for _, r := range t.Rows {
		withSource = withSource || r.Source != ""
		withTarget = withTarget || r.Target != ""
	}
	header := []string{cmpName, cmpUnit, cmpPeriod}
	if withSource {
		header = append(header, cmpSource)
	}
	if withTarget {
		header = append(header, cmpTarget)
	}
	header = append(header, municipality)
	for _, a := range t.Areas {
		header = append(header, formatArea(a))
	}
	b.WriteString(strings.Join(header, "\t") + "\n")
	for _, r := range t.Rows {
		cells := []string{r.Name, r.Unit, r.Period}
		if withSource {
			cells = append(cells, r.Source)
		}
		if withTarget {
			cells = append(cells, r.Target)
		}
		cells = append(cells, r.Value.String())
		for _, f := range r.Areas {
			cells = append(cells, f.String())
		}
		b.WriteString(strings.Join(cells, "\t") + "\n")
	}
	return b.String()
}

// formatArea writes an area's header cell: "Nederland (NL01)". A name
// that would be read as having a code gets an empty pair of brackets.
func formatArea(a ComparisonArea) string {
	if a.Code != "" {
		return a.Name + " (" + a.Code + ")"
	}
	if name, code := parseArea(a.Name); name != a.Name || code != "" {
		return a.Name + " ()"
	}
	return a.Name
}

// parseArea reads an area's header cell: a name, and a region code in
// brackets at its end. A code is capitals and digits ("NL01", "PV28");
// anything else in brackets belongs to the name, and "()" is no code.
func parseArea(cell string) (name, code string) {
	k := strings.LastIndex(cell, " (")
	if k < 0 || !strings.HasSuffix(cell, ")") {
		return cell, ""
	}
	inner := cell[k+2 : len(cell)-1]
	if inner != "" && !regionCode(inner) {
		return cell, ""
	}
	return strings.TrimSpace(cell[:k]), inner
}

// regionCode reports whether s is capitals and digits.
func regionCode(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < 'A' || s[i] > 'Z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// figureWords are the notations the form reads, lower case; Format
// writes the notation itself.
var figureWords = map[string]Notation{"-": NotationNil, ".": NotationUnknown,
	"n.n.b.": NotationNotYetKnown, "nnb": NotationNotYetKnown, "n.n.b": NotationNotYetKnown,
	"n.v.t.": NotationNotApplicable, "nvt": NotationNotApplicable, "n.v.t": NotationNotApplicable}

// parseFigure reads a figure written the Dutch way ("1.992", "-0,5") or
// a notation; msg says in Dutch what is wrong, or is "".
func parseFigure(s string) (f Figure, msg string) {
	if s == "" {
		return Figure{}, "het cijfer ontbreekt; schrijf een getal, of - (nihil), . (onbekend of geheim), n.n.b. (nog niet bekend) of n.v.t. (niet van toepassing)"
	}
	if n, ok := figureWords[strings.ToLower(s)]; ok {
		return Missing(n), ""
	}
	dec, ok := dutchDecimal(s)
	switch {
	case !ok:
		return Figure{}, fmt.Sprintf("%q is geen getal; schrijf het zoals 1.992 of 11,6, of - (nihil), . (onbekend of geheim), n.n.b. of n.v.t.", s)
	case len(dec) > maxFigureDigits:
		return Figure{}, fmt.Sprintf("%q heeft meer dan %d tekens", s, maxFigureDigits)
	}
	return Number(dec), ""
}

// parseReference reads a reference date as YYYY-MM-DD or the Dutch way,
// D-M-YYYY, into YYYY-MM-DD.
func parseReference(s string) (string, bool) {
	for _, layout := range []string{time.DateOnly, "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// cmpColumn is a column of the form's header.
type cmpColumn struct {
	name  string // as the header gives it, for problems
	field string // cmpName ... cmpTarget, "gemeente" or "" for an area
	area  int    // the area's index
}

// ParseComparisonTable reads the table form of a comparison table whose
// content was old (nil for none). Rows keep what the form does not show
// (the indicator they feed, their StatLine source) by name and period,
// or else by name. Whether a row's figures suit the indicator it feeds
// depends on the page; ValidateDocument judges that.
func ParseComparisonTable(old *ComparisonTable, text string) (*ComparisonTable, Problems) {
	all := formLines(text)
	lines := all
	n := 0 // the line number of lines[0], less one
	next := func() {
		lines = lines[1:]
		n++
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		next()
	}
	t := &ComparisonTable{Areas: []ComparisonArea{}} // JSON: "areas": [], as bundles have it
	var ps Problems
	if len(lines) > 0 {
		if cells := splitCells(lines[0]); cmpColumnName(cells[0]) == cmpReference {
			switch date := strings.Join(cells[1:], " "); {
			case len(cells) > 2:
				ps = append(ps, lineProblem(comparisonField, n+1, "de peildatum is één cel, zoals 2024-01-01 of 1-1-2024"))
			case date == "":
			default:
				d, ok := parseReference(date)
				if !ok {
					ps = append(ps, lineProblem(comparisonField, n+1, "de peildatum %q is geen datum zoals 2024-01-01 of 1-1-2024", date))
				}
				t.Reference = d
			}
			next()
			for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
				next()
			}
		}
	}
	if len(lines) == 0 {
		return nil, append(ps, Problem{Path: []any{comparisonField}, Message: "De tabel is leeg; een vergelijkingstabel heeft een kopregel en ten minste één rij."})
	}
	header, hps := comparisonHeader(t, splitCells(lines[0]), n+1)
	ps = append(ps, hps...)
	if len(hps) > 0 {
		return nil, ps
	}
	rowLine := map[int]int{} // row index -> line number
	for j, line := range lines[1:] {
		ln := n + j + 2
		if strings.TrimSpace(line) == "" {
			continue
		}
		cells := splitCells(line)
		if len(cells) > len(header) {
			ps = append(ps, lineProblem(comparisonField, ln, "deze regel heeft %d kolommen en de kopregel %d", len(cells), len(header)))
			continue
		}
		r, rps := comparisonRow(header, len(t.Areas), cells, ln)
		if len(rps) > 0 {
			ps = append(ps, rps...)
			continue
		}
		rowLine[len(t.Rows)] = ln
		t.Rows = append(t.Rows, r)
	}
	if len(ps) == 0 && len(t.Rows) == 0 {
		ps = append(ps, Problem{Path: []any{comparisonField}, Message: "De tabel heeft geen rijen; een vergelijkingstabel heeft er ten minste één."})
	}
	if len(ps) > 0 {
		return nil, ps
	}
	keepHidden(old, t)
	// What the rows kept must still hold within the table.
	seen := map[string]int{}
	for i, r := range t.Rows {
		if r.Indicator == "" {
			continue
		}
		ln := rowLine[i]
		if p, _ := ParseComparisonPeriod(r.Period); p.Half+p.Q+p.M > 0 {
			ps = append(ps, cellProblem(comparisonField, ln, header[2].name, "deze rij vult indicator %q, die waarden per jaar heeft; geef een jaar als periode", r.Indicator))
			continue
		}
		key := r.Indicator + "\x00" + r.Period
		if first, dup := seen[key]; dup {
			ps = append(ps, lineProblem(comparisonField, ln, "deze rij en die op regel %d vullen allebei indicator %q voor %s", first, r.Indicator, r.Period))
			continue
		}
		seen[key] = ln
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return t, nil
}

// comparisonHeader reads the header on line n into t's municipality and
// areas.
func comparisonHeader(t *ComparisonTable, cells []string, n int) ([]cmpColumn, Problems) {
	var ps Problems
	var cols []cmpColumn
	for k, want := range []string{cmpName, cmpUnit, cmpPeriod} {
		if k >= len(cells) || cmpColumnName(cells[k]) != want {
			return nil, Problems{lineProblem(comparisonField, n, "de kopregel begint met de kolommen %s, %s en %s, en dan de kolom van de gemeente en die van de gebieden", cmpName, cmpUnit, cmpPeriod)}
		}
		cols = append(cols, cmpColumn{name: cells[k], field: want})
	}
	k := 3
	for _, opt := range []string{cmpSource, cmpTarget} {
		if k < len(cells) && cmpColumnName(cells[k]) == opt {
			cols = append(cols, cmpColumn{name: cells[k], field: opt})
			k++
		}
	}
	if k >= len(cells) {
		return nil, Problems{lineProblem(comparisonField, n, "de kopregel mist de kolom van de gemeente (na %s)", cols[len(cols)-1].field)}
	}
	if msg := textProblem(cells[k], "de kop"); msg != "" {
		return nil, Problems{cellProblem(comparisonField, n, strconv.Itoa(k+1), "%s", msg)}
	}
	if cells[k] != defaultMunicipality {
		t.Municipality = cells[k]
	}
	cols = append(cols, cmpColumn{name: cells[k], field: "gemeente"})
	if t.Municipality == "" {
		cols[len(cols)-1].name = defaultMunicipality
	}
	seen := map[string]bool{}
	for j, cell := range cells[k+1:] {
		label := cell
		if label == "" {
			label = strconv.Itoa(k + j + 2)
		}
		name, code := parseArea(cell)
		switch {
		case textProblem(cell, "de kop") != "":
			ps = append(ps, cellProblem(comparisonField, n, label, "%s", textProblem(cell, "de kop")))
			continue
		case name == "":
			ps = append(ps, cellProblem(comparisonField, n, label, "de naam van het gebied ontbreekt"))
			continue
		case seen[name]:
			ps = append(ps, cellProblem(comparisonField, n, label, "het gebied %q staat twee keer in de kopregel", name))
			continue
		}
		seen[name] = true
		cols = append(cols, cmpColumn{name: cell, area: len(t.Areas)})
		t.Areas = append(t.Areas, ComparisonArea{Name: name, Code: code})
	}
	return cols, ps
}

// comparisonRow reads the row on line n.
func comparisonRow(header []cmpColumn, areas int, cells []string, n int) (ComparisonRow, Problems) {
	r := ComparisonRow{Areas: make([]Figure, areas)}
	var ps Problems
	for k, c := range header {
		s := ""
		if k < len(cells) {
			s = cells[k]
		}
		if msg := textProblem(s, "de cel"); msg != "" {
			ps = append(ps, cellProblem(comparisonField, n, c.name, "%s", msg))
			continue
		}
		switch c.field {
		case cmpName:
			if s == "" {
				ps = append(ps, cellProblem(comparisonField, n, c.name, "de naam van de indicator ontbreekt"))
			}
			r.Name = s
		case cmpUnit:
			r.Unit = s
		case cmpPeriod:
			if _, err := ParseComparisonPeriod(s); err != nil {
				ps = append(ps, cellProblem(comparisonField, n, c.name, "de periode %q is geen jaar (2020), halfjaar (2017-H2), kwartaal (2020-Q2) of maand (2021-12) van 1800 tot en met %d", s, maxComparisonYear))
			}
			r.Period = s
		case cmpSource:
			r.Source = s
		case cmpTarget:
			r.Target = s
		default:
			f, msg := parseFigure(s)
			if msg != "" {
				ps = append(ps, cellProblem(comparisonField, n, c.name, "%s", msg))
				continue
			}
			if c.field == "gemeente" {
				r.Value = f
			} else {
				r.Areas[c.area] = f
			}
		}
	}
	return r, ps
}

// keepHidden gives the rows of t what the form does not show, from the
// rows of old: first a row of the same name and period, then one of the
// same name; each old row once.
func keepHidden(old *ComparisonTable, t *ComparisonTable) {
	if old == nil {
		return
	}
	used := make([]bool, len(old.Rows))
	matched := make([]bool, len(t.Rows))
	match := func(same func(o, r ComparisonRow) bool) {
		for i, r := range t.Rows {
			if matched[i] {
				continue
			}
			for j, o := range old.Rows {
				if !used[j] && same(o, r) {
					t.Rows[i].Indicator = o.Indicator
					if o.StatLine != nil {
						s := *o.StatLine
						s.Dims = maps.Clone(s.Dims)
						t.Rows[i].StatLine = &s
					}
					used[j], matched[i] = true, true
					break
				}
			}
		}
	}
	match(func(o, r ComparisonRow) bool { return o.Name == r.Name && o.Period == r.Period })
	match(func(o, r ComparisonRow) bool { return o.Name == r.Name })
}
