package koers

import (
	"fmt"
	"strconv"
)

// PrintedTable lays an indicator_table block out as the municipality
// prints it: its own column labels and order (with an optional second,
// grouping header row), value kinds beyond realised and budgeted, a unit
// label and decimals per indicator, distinct missing-value notations, rows
// numbered by a code or not at all, notes per row with a legend, and
// definition cards on request. A block without one keeps the usual table.
type PrintedTable struct {
	RowHeader string          `json:"row_header,omitempty"` // the first column's label; "Omschrijving" when empty
	Numbering Numbering       `json:"numbering,omitempty"`
	Columns   []PrintedColumn `json:"columns"`
	Rows      []PrintedRow    `json:"rows,omitempty"` // per indicator, in any order; rows follow the block's indicators
	Legend    []LegendEntry   `json:"legend,omitempty"`
	Cards     bool            `json:"cards,omitempty"` // show each indicator's definition as a card below the table
}

// Numbering says what a printed row shows before the indicator's name.
type Numbering string

// The numberings of a printed table's rows.
const (
	NumberByGoal Numbering = ""     // the SMART goal number, as the usual table
	NumberByCode Numbering = "code" // the row's code: a programme or taakveld code
	NumberNone   Numbering = "none" // the name alone
)

// Valid reports whether n is a known numbering.
func (n Numbering) Valid() bool { return n == NumberByGoal || n == NumberByCode || n == NumberNone }

// PrintedKind is what a printed column's values are.
type PrintedKind string

// The kinds of a printed column. Realised and budgeted columns of a whole
// year take the indicator's stored values; the others take the values the
// rows give.
const (
	PrintedRealised  PrintedKind = "realised"
	PrintedBudgeted  PrintedKind = "budgeted"
	PrintedPrimitive PrintedKind = "primitive_budget" // the budget as adopted
	PrintedAmended   PrintedKind = "amended_budget"   // the budget after the n-th amendment
	PrintedTarget    PrintedKind = "target"           // a target (streefwaarde), with or without a year
)

// PrintedKinds lists every printed column kind.
var PrintedKinds = []PrintedKind{PrintedRealised, PrintedBudgeted, PrintedPrimitive, PrintedAmended, PrintedTarget}

// Valid reports whether k is a known printed column kind.
func (k PrintedKind) Valid() bool {
	for _, v := range PrintedKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Periods are the sub-year periods a printed column may hold: quarters,
// halves and tertials (four-month reports).
var Periods = []string{"Q1", "Q2", "Q3", "Q4", "H1", "H2", "T1", "T2", "T3"}

// PrintedColumn is one value column of a printed table.
type PrintedColumn struct {
	Key       string      `json:"key"`             // what rows' values refer to
	Label     string      `json:"label"`           // as printed: "Werkelijk 2017", "2020", "Streefwaarde"
	Group     string      `json:"group,omitempty"` // the label above, in a second header row: "Begroting"
	Kind      PrintedKind `json:"kind"`
	Year      int         `json:"year,omitempty"`      // none for a target without a year
	Period    string      `json:"period,omitempty"`    // a part of the year, one of Periods
	Amendment int         `json:"amendment,omitempty"` // amended_budget: "na 3e wijziging"
}

// Stored reports whether the column shows the indicator's stored values:
// realised or budgeted for a whole year.
func (c PrintedColumn) Stored() bool {
	return (c.Kind == PrintedRealised || c.Kind == PrintedBudgeted) && c.Year != 0 && c.Period == ""
}

// PrintedRow is how one indicator is printed.
type PrintedRow struct {
	Indicator string         `json:"indicator"`
	Code      string         `json:"code,omitempty"`     // shown before the name when the numbering is "code"
	Unit      string         `json:"unit,omitempty"`     // the unit as printed: "aantal", "%", "per 1.000 inwoners"
	Decimals  *int           `json:"decimals,omitempty"` // the decimals every value shows: 1 prints 689 as "689,0"
	Note      string         `json:"note,omitempty"`     // toelichting per regel
	Values    []PrintedValue `json:"values,omitempty"`
}

// MaxDecimals is the most decimals a printed row may show.
const MaxDecimals = 4

// PrintedValue is a value a row gives for one column: a number or a
// missing-value notation. For a stored column only a notation may be
// given: it stands where the stored value is missing or not yet known.
type PrintedValue struct {
	Column  string   `json:"column"`
	Number  *float64 `json:"number,omitempty"`
	Missing Notation `json:"missing,omitempty"`
}

// LegendEntry explains a sign used in a printed table.
type LegendEntry struct {
	Sign string `json:"sign"`
	Text string `json:"text"`
}

// Row returns the printed row of an indicator, or nil.
func (t *PrintedTable) Row(key string) *PrintedRow {
	for i := range t.Rows {
		if t.Rows[i].Indicator == key {
			return &t.Rows[i]
		}
	}
	return nil
}

// Value returns the row's value for a column, if it gives one.
func (r *PrintedRow) Value(column string) (PrintedValue, bool) {
	if r == nil {
		return PrintedValue{}, false
	}
	for _, v := range r.Values {
		if v.Column == column {
			return v, true
		}
	}
	return PrintedValue{}, false
}

// FormatDecimals writes n in Dutch notation with exactly d decimals:
// FormatDecimals(689, 1) is "689,0".
func FormatDecimals(n float64, d int) string {
	return FormatNumberString(strconv.FormatFloat(n, 'f', d, 64))
}

// Cell is what a printed table shows for an indicator in a column: the
// stored value (with the row's decimals), or the row's own value, or the
// row's notation for a missing one; "" when there is nothing.
func (t *PrintedTable) Cell(in *Indicator, c PrintedColumn) string {
	row := t.Row(in.Key)
	given, hasGiven := row.Value(c.Key)
	format := func(n float64) string {
		if row != nil && row.Decimals != nil {
			s := FormatDecimals(n, *row.Decimals)
			if in.Unit == Percentage {
				s += "%"
			}
			return s
		}
		return FormatValue(n, in.Unit)
	}
	if c.Stored() {
		v, ok := in.Value(c.Year, ValueKind(c.Kind))
		switch {
		case ok && v.Known():
			if in.Suppressed(v) || v.Amount != nil || v.Number == nil {
				return in.Display(v)
			}
			return format(*v.Number)
		case hasGiven && given.Missing != "":
			return string(given.Missing)
		case ok:
			return in.Display(v) // "nnb", as the usual table
		}
		return ""
	}
	switch {
	case !hasGiven:
		return ""
	case given.Number != nil:
		return format(*given.Number)
	}
	return string(given.Missing)
}

// Prefix is what a printed row shows before the indicator's name.
func (t *PrintedTable) Prefix(in *Indicator) string {
	switch t.Numbering {
	case NumberByCode:
		if r := t.Row(in.Key); r != nil {
			return r.Code
		}
		return ""
	case NumberNone:
		return ""
	}
	return in.Number
}

// Limits of a printed table, so that a bundle cannot ask for a table no
// page can show.
const (
	MaxPrintedColumns = 30
	MaxLegend         = 20
)

func (c *checker) printed(bp []any, t *PrintedTable, indicators []string) {
	if !t.Numbering.Valid() {
		c.at(join(bp, "numbering"), "numbering %q is not code or none", t.Numbering)
	}
	c.text(bp, "row_header", "row_header", t.RowHeader, false)
	switch n := len(t.Columns); {
	case n == 0:
		c.at(bp, "a printed table needs its \"columns\"")
		return
	case n > MaxPrintedColumns:
		c.at(join(bp, "columns"), "%d columns; a printed table has at most %d", n, MaxPrintedColumns)
		return
	}
	cols := map[string]PrintedColumn{}
	for i, col := range t.Columns {
		cp := join(bp, "columns", i)
		c.text(cp, "key", "key", col.Key, true)
		c.text(cp, "label", "label", col.Label, true)
		c.text(cp, "group", "group", col.Group, false)
		if _, dup := cols[col.Key]; dup && col.Key != "" {
			c.at(join(cp, "key"), "column key %q appears twice", col.Key)
		}
		cols[col.Key] = col
		switch {
		case !col.Kind.Valid():
			c.at(join(cp, "kind"), "kind %q is not realised, budgeted, primitive_budget, amended_budget or target", col.Kind)
		case col.Year == 0 && col.Kind != PrintedTarget:
			c.at(join(cp, "year"), "a %s column needs its year", col.Kind)
		case col.Year != 0 && (col.Year < MinYear || col.Year > MaxYear):
			c.at(join(cp, "year"), "year %d is not between %d and %d", col.Year, MinYear, MaxYear)
		}
		if col.Period != "" {
			if !contains(Periods, col.Period) {
				c.at(join(cp, "period"), "period %q is not one of Q1-Q4, H1-H2 or T1-T3", col.Period)
			} else if col.Year == 0 {
				c.at(join(cp, "period"), "period %q needs a year", col.Period)
			}
		}
		switch {
		case col.Kind == PrintedAmended && (col.Amendment < 1 || col.Amendment > 99):
			c.at(join(cp, "amendment"), "an amended_budget column needs its amendment, from 1 to 99")
		case col.Kind != PrintedAmended && col.Amendment != 0:
			c.at(join(cp, "amendment"), "only an amended_budget column has an amendment")
		}
	}
	onBlock := map[string]bool{}
	for _, k := range indicators {
		onBlock[k] = true
	}
	seen := map[string]bool{}
	for i, r := range t.Rows {
		rp := join(bp, "rows", i)
		switch {
		case !onBlock[r.Indicator]:
			c.at(join(rp, "indicator"), "indicator %q is not in this block's \"indicators\"", r.Indicator)
		case seen[r.Indicator]:
			c.at(join(rp, "indicator"), "indicator %q has two rows", r.Indicator)
		}
		seen[r.Indicator] = true
		c.text(rp, "code", "code", r.Code, false)
		c.text(rp, "unit", "unit", r.Unit, false)
		c.text(rp, "note", "note", r.Note, false)
		if r.Code != "" && t.Numbering != NumberByCode {
			c.at(join(rp, "code"), "a code is shown only when the numbering is \"code\"")
		}
		if r.Decimals != nil && (*r.Decimals < 0 || *r.Decimals > MaxDecimals) {
			c.at(join(rp, "decimals"), "decimals %d is not from 0 to %d", *r.Decimals, MaxDecimals)
		}
		given := map[string]bool{}
		for j, v := range r.Values {
			vp := join(rp, "values", j)
			col, ok := cols[v.Column]
			switch {
			case !ok:
				c.at(join(vp, "column"), "column %q is not a column of this table", v.Column)
				continue
			case given[v.Column]:
				c.at(join(vp, "column"), "column %q has two values in this row", v.Column)
			}
			given[v.Column] = true
			switch {
			case (v.Number == nil) == (v.Missing == ""):
				c.at(vp, "a value has either a number or a missing notation")
			case v.Missing != "" && !v.Missing.Valid():
				c.at(join(vp, "missing"), "missing %q is not \"-\", \".\", \"n.n.b.\" or \"n.v.t.\"", v.Missing)
			case v.Number != nil && col.Stored():
				c.at(join(vp, "number"), "column %q shows the indicator's stored %s values; only a missing notation may be given", v.Column, col.Kind)
			case v.Number != nil:
				// The bounds of every stored figure; the unit is the
				// indicator's, whose own values are checked with it.
				if m := valueProblem(*v.Number, Count); m != nil {
					c.add(join(vp, "number"), m)
				}
			}
		}
	}
	if len(t.Legend) > MaxLegend {
		c.at(join(bp, "legend"), "%d legend entries; at most %d", len(t.Legend), MaxLegend)
		return
	}
	for i, l := range t.Legend {
		lp := join(bp, "legend", i)
		c.text(lp, "sign", "sign", l.Sign, true)
		c.text(lp, "text", "text", l.Text, true)
	}
}

// Header is a column's label with its group, for a single header row:
// "Begroting 2020".
func (c PrintedColumn) Header() string {
	if c.Group == "" {
		return c.Label
	}
	return fmt.Sprintf("%s %s", c.Group, c.Label)
}

// Clone is a deep copy of t, nil for nil: bundles and stores hand the
// layout on without sharing it.
func (t *PrintedTable) Clone() *PrintedTable {
	if t == nil {
		return nil
	}
	c := *t
	c.Columns = append([]PrintedColumn(nil), t.Columns...)
	c.Legend = append([]LegendEntry(nil), t.Legend...)
	c.Rows = nil
	for _, r := range t.Rows {
		if r.Decimals != nil {
			d := *r.Decimals
			r.Decimals = &d
		}
		vs := r.Values
		r.Values = nil
		for _, v := range vs {
			if v.Number != nil {
				n := *v.Number
				v.Number = &n
			}
			r.Values = append(r.Values, v)
		}
		c.Rows = append(c.Rows, r)
	}
	return &c
}
