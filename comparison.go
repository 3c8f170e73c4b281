package koers

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ComparisonTable is a table such as "Waar staat je gemeente?", the
// "Wettelijk voorgeschreven indicatoren" or the BBV beleidsindicatoren:
// per indicator the municipality's figure next to those of comparison
// areas (Nederland, a region), each row with its own unit, period and
// source. Figures are kept as printed: exact decimals with their number
// of decimals, or a notation saying why there is none.
type ComparisonTable struct {
	// Reference is the reference date (peildatum) shown above the table,
	// as YYYY-MM-DD; empty when the source gives none.
	Reference string `json:"reference,omitempty"`
	// Municipality heads the municipality's column; empty is "Gemeente".
	Municipality string `json:"municipality,omitempty"`
	// Areas are the comparison columns after the municipality's.
	Areas []ComparisonArea `json:"areas"`
	Rows  []ComparisonRow  `json:"rows"`
}

// ComparisonArea is a comparison column: Nederland, a province, a region.
type ComparisonArea struct {
	Name string `json:"name"`
	// Code is the area's StatLine region code ("NL01", "PV28"), for
	// imports; optional.
	Code string `json:"code,omitempty"`
}

// ComparisonRow is one indicator of a comparison table.
type ComparisonRow struct {
	Name string `json:"name"`
	// Unit is the unit as the source words it: "per 1.000 inwoners 15-64
	// jaar", "% van alle jongeren tot 18 jaar", "kg per inwoner".
	Unit string `json:"unit,omitempty"`
	// Period is the row's own period (see ParseComparisonPeriod).
	Period string `json:"period"`
	// Value is the municipality's figure.
	Value Figure `json:"value"`
	// Areas are the comparison areas' figures, one per table area.
	Areas []Figure `json:"areas"`
	// Source names where the figures come from: "CBS", "LISA".
	Source string `json:"source,omitempty"`
	// Target is the municipality's aim in words: "Afname",
	// "Minimaal gelijk of toename", "Geen; aantal is geen doel".
	Target string `json:"target,omitempty"`
	// Indicator is the key of one of the page's indicators that this row
	// reports on; optional.
	Indicator string `json:"indicator,omitempty"`
	// StatLine names the figure of a CBS StatLine export that fills the
	// row on import; optional. See doc/statline.md.
	StatLine *StatLineSource `json:"statline,omitempty"`
}

// StatLineSource says which figure of a StatLine table a row shows: its
// measure, and the codes of the table's other dimensions when it has any.
// The regions are the organisation's CBS code and the areas' codes; the
// period is the row's.
type StatLineSource struct {
	Table   string            `json:"table,omitempty"` // "70072ned": for whoever updates the table
	Measure string            `json:"measure"`         // "Bevolking_1" (OData v3, CSV), "M000352" (v4)
	Dims    map[string]string `json:"dims,omitempty"`  // {"Geslacht": "T001038"}
}

// Clone returns a deep copy of t; nil for nil.
func (t *ComparisonTable) Clone() *ComparisonTable {
	if t == nil {
		return nil
	}
	c := *t
	c.Areas = slices.Clone(t.Areas)
	if t.Rows != nil {
		c.Rows = make([]ComparisonRow, len(t.Rows))
		for i, r := range t.Rows {
			r.Areas = slices.Clone(r.Areas)
			if r.StatLine != nil {
				s := *r.StatLine
				s.Dims = maps.Clone(s.Dims)
				r.StatLine = &s
			}
			c.Rows[i] = r
		}
	}
	return &c
}

// Notation is how a table shows a figure that is not there. Each says
// something else, so they are kept apart; see doc/bundle.md.
type Notation string

// The notations of a missing figure, as CBS and municipalities print them.
const (
	// NotationNil is "-": nihil, the figure is zero (or rounds to it).
	NotationNil Notation = "-"
	// NotationUnknown is ".": CBS's "cijfer onbekend, onvoldoende
	// betrouwbaar of geheim", the figure exists but is not published.
	NotationUnknown Notation = "."
	// NotationNotYetKnown is "n.n.b.": nog niet bekend, the figure will
	// come later.
	NotationNotYetKnown Notation = "n.n.b."
	// NotationNotApplicable is "n.v.t.": niet van toepassing, the
	// indicator has no figure for this area or period.
	NotationNotApplicable Notation = "n.v.t."
)

// Notations lists every notation, in the order a legend shows them.
var Notations = []Notation{NotationNil, NotationUnknown, NotationNotYetKnown, NotationNotApplicable}

// Meaning is the notation's explanation for a table's legend, in Dutch.
func (n Notation) Meaning() string {
	switch n {
	case NotationNil:
		return "nihil"
	case NotationUnknown:
		return "cijfer onbekend, onvoldoende betrouwbaar of geheim"
	case NotationNotYetKnown:
		return "nog niet bekend"
	case NotationNotApplicable:
		return "niet van toepassing"
	}
	return ""
}

// Valid reports whether n is a known notation.
func (n Notation) Valid() bool { return slices.Contains(Notations, n) }

// Figure is one cell of a comparison table: an exact decimal with the
// decimals it is printed with ("11.60" stays "11,60"), or a notation. In
// JSON it is a number (no exponent) or one of the notation strings.
type Figure struct {
	Decimal  string   `json:"-"`
	Notation Notation `json:"-"`
}

// Number returns a figure of the decimal d ("-12.5").
func Number(d string) Figure { return Figure{Decimal: d} }

// Missing returns a figure shown as n.
func Missing(n Notation) Figure { return Figure{Notation: n} }

// MarshalJSON writes the decimal as a JSON number, or the notation as a
// string.
func (f Figure) MarshalJSON() ([]byte, error) {
	if f.Decimal != "" {
		if !plainDecimal(f.Decimal) {
			return nil, fmt.Errorf("koers: figure %q is not a plain decimal", f.Decimal)
		}
		return []byte(f.Decimal), nil
	}
	return []byte(strconv.Quote(string(f.Notation))), nil
}

// UnmarshalJSON reads a number's text as it is, or a string as a
// notation; Validate says what is wrong with either, with its place.
func (f *Figure) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*f = Figure{}
	switch {
	case len(b) > 0 && b[0] == '"':
		s, err := strconv.Unquote(string(b))
		if err != nil {
			return fmt.Errorf("koers: figure %s is not a JSON string", b)
		}
		f.Notation = Notation(s)
	case string(b) == "null":
	default:
		f.Decimal = string(b)
	}
	return nil
}

// String is the figure in Dutch notation ("1.992", "11,6"), or its
// notation.
func (f Figure) String() string {
	if f.Decimal != "" {
		return FormatNumberString(f.Decimal)
	}
	return string(f.Notation)
}

// plainDecimal reports whether s is "[-]digits[.digits]" without
// needless leading zeros.
func plainDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	if !someDigits(whole) || (dot && !someDigits(frac)) {
		return false
	}
	return len(whole) == 1 || whole[0] != '0'
}

func someDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ComparisonPeriod is a row's period: a year, a half-year, a quarter or a
// month.
type ComparisonPeriod struct {
	Year int
	Half int // 1 or 2; 0 when not a half-year
	Q    int // 1–4; 0 when not a quarter
	M    int // 1–12; 0 when not a month
}

const maxComparisonYear = 2200

// ParseComparisonPeriod reads "2020" (a year), "2017-H2" (a half-year),
// "2020-Q2" (a quarter) or "2021-12" (a month).
func ParseComparisonPeriod(s string) (ComparisonPeriod, error) {
	p, m := parseComparisonPeriod(s)
	if m != nil {
		return p, errors.New(m.String())
	}
	return p, nil
}

// parseComparisonPeriod is ParseComparisonPeriod with what is wrong as a
// message.
func parseComparisonPeriod(s string) (ComparisonPeriod, *message) {
	bad := newMessage("period %q is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)", s)
	ys, rest, more := strings.Cut(s, "-")
	if len(ys) != 4 || !someDigits(ys) {
		return ComparisonPeriod{}, bad
	}
	y, _ := strconv.Atoi(ys)
	if y < 1800 || y > maxComparisonYear {
		return ComparisonPeriod{}, newMessage("period %q: year %d is out of range", s, y)
	}
	p := ComparisonPeriod{Year: y}
	if !more {
		return p, nil
	}
	num := func(t string, lo, hi int) (int, bool) {
		if len(t) < 1 || len(t) > 2 || !someDigits(t) {
			return 0, false
		}
		n, _ := strconv.Atoi(t)
		return n, n >= lo && n <= hi
	}
	var ok bool
	switch {
	case strings.HasPrefix(rest, "H") && len(rest) == 2:
		p.Half, ok = num(rest[1:], 1, 2)
	case strings.HasPrefix(rest, "Q") && len(rest) == 2:
		p.Q, ok = num(rest[1:], 1, 4)
	default:
		ok = len(rest) == 2
		if ok {
			p.M, ok = num(rest, 1, 12)
		}
	}
	if !ok {
		return ComparisonPeriod{}, bad
	}
	return p, nil
}

// String is the period's key, as ParseComparisonPeriod reads it.
func (p ComparisonPeriod) String() string {
	y := strconv.Itoa(p.Year)
	switch {
	case p.Half > 0:
		return y + "-H" + strconv.Itoa(p.Half)
	case p.Q > 0:
		return y + "-Q" + strconv.Itoa(p.Q)
	case p.M > 0:
		return fmt.Sprintf("%s-%02d", y, p.M)
	}
	return y
}

var monthNames = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// Label is the period in Dutch: "2020", "tweede halfjaar 2017",
// "2e kwartaal 2020", "december 2021".
func (p ComparisonPeriod) Label() string {
	y := strconv.Itoa(p.Year)
	switch {
	case p.Half == 1:
		return "eerste halfjaar " + y
	case p.Half == 2:
		return "tweede halfjaar " + y
	case p.Q > 0:
		return strconv.Itoa(p.Q) + "e kwartaal " + y
	case p.M > 0:
		return monthNames[p.M-1] + " " + y
	}
	return y
}

// ComparisonPeriodLabel is the Dutch label of a row's period key; the key
// itself when it does not parse (Validate refuses such a key).
func ComparisonPeriodLabel(key string) string {
	p, err := ParseComparisonPeriod(key)
	if err != nil {
		return key
	}
	return p.Label()
}

// ReferenceLabel is a reference date in Dutch ("1 januari 2023"); the text
// itself when it is not a YYYY-MM-DD date.
func ReferenceLabel(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// UsedNotations returns the notations the table uses, in legend order.
func (t *ComparisonTable) UsedNotations() []Notation {
	used := map[Notation]bool{}
	for _, r := range t.Rows {
		used[r.Value.Notation] = true
		for _, a := range r.Areas {
			used[a.Notation] = true
		}
	}
	var out []Notation
	for _, n := range Notations {
		if used[n] {
			out = append(out, n)
		}
	}
	return out
}

// comparison checks a comparison table at base; indicators are the keys
// of the page's indicators.
func (c *checker) comparison(base []any, t *ComparisonTable, indicators map[string]bool) {
	if t.Reference != "" {
		if _, err := time.Parse(time.DateOnly, t.Reference); err != nil {
			c.at(join(base, "reference"), "reference date %q is not a date as YYYY-MM-DD", t.Reference)
		}
	}
	c.text(base, "municipality", "municipality", t.Municipality, false)
	names := map[string]bool{}
	for i, a := range t.Areas {
		ap := join(base, "areas", i)
		c.text(ap, "name", "area name", a.Name, true)
		if names[a.Name] {
			c.at(join(ap, "name"), "area %q appears twice", a.Name)
		}
		names[a.Name] = true
		c.text(ap, "code", "area code", a.Code, false)
		if strings.TrimSpace(a.Code) != a.Code {
			c.at(join(ap, "code"), "area code %q has spaces around it", a.Code)
		}
	}
	if len(t.Rows) == 0 {
		c.at(join(base, "rows"), "a comparison table needs at least one row")
	}
	seen := map[string]int{}
	for i, r := range t.Rows {
		rp := join(base, "rows", i)
		c.text(rp, "name", "name", r.Name, true)
		c.text(rp, "unit", "unit", r.Unit, false)
		c.text(rp, "source", "source", r.Source, false)
		c.text(rp, "target", "target", r.Target, false)
		if _, m := parseComparisonPeriod(r.Period); m != nil {
			c.add(join(rp, "period"), m)
		}
		c.figure(join(rp, "value"), r.Value)
		if len(r.Areas) != len(t.Areas) {
			c.at(join(rp, "areas"), "%d figures for %d areas", len(r.Areas), len(t.Areas))
		}
		for k, f := range r.Areas {
			c.figure(join(rp, "areas", k), f)
		}
		if r.Indicator != "" {
			if !indicators[r.Indicator] {
				c.at(join(rp, "indicator"), "indicator %q is not on this page", r.Indicator)
			} else {
				c.feedProblems(rp, r, indicatorOn(c.keys[r.Indicator], r.Indicator), t.Areas)
			}
			key := r.Indicator + "\x00" + r.Period
			if j, dup := seen[key]; dup {
				c.at(join(rp, "indicator"), "indicator %q has period %s already in row %d", r.Indicator, r.Period, j)
			}
			seen[key] = i
		}
		if s := r.StatLine; s != nil {
			sp := join(rp, "statline")
			c.text(sp, "measure", "measure", s.Measure, true)
			c.text(sp, "table", "table", s.Table, false)
			for _, k := range slices.Sorted(maps.Keys(s.Dims)) {
				c.text(sp, "dims", "dimension", k, true)
				c.text(join(sp, "dims"), k, "code", s.Dims[k], true)
			}
		}
	}
}

// maxFigureDigits bounds a figure's text: no printed indicator needs more.
const maxFigureDigits = 40

func (c *checker) figure(p []any, f Figure) {
	switch {
	case f.Decimal != "" && f.Notation != "":
		c.at(p, "a figure is a number or a notation, not both")
	case f.Decimal != "":
		if len(f.Decimal) > maxFigureDigits || !plainDecimal(f.Decimal) {
			c.at(p, "figure %.50s is not a plain decimal number (digits, a decimal point, no exponent)", f.Decimal)
		}
	case f.Notation == "":
		c.at(p, "a figure is required: a number or one of \"-\", \".\", \"n.n.b.\", \"n.v.t.\"")
	case !f.Notation.Valid():
		c.at(p, "%q is not a notation; use \"-\" (nihil), \".\" (onbekend of geheim), \"n.n.b.\" (nog niet bekend) or \"n.v.t.\" (niet van toepassing)", f.Notation)
	}
}
