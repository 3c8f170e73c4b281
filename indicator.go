package koers

import (
	"fmt"
	"sort"
)

// Unit is what an indicator's values count.
type Unit string

// The units of an indicator.
const (
	Count      Unit = "count"
	Percentage Unit = "percentage"
	Amount     Unit = "amount" // euros
)

// Units lists every unit.
var Units = []Unit{Count, Percentage, Amount}

// Valid reports whether u is a known unit.
func (u Unit) Valid() bool { return u == Count || u == Percentage || u == Amount }

// ValueKind says whether a value was realised or budgeted.
type ValueKind string

// The kinds of value: werkelijk (w) and begroot (b).
const (
	Realised ValueKind = "realised"
	Budgeted ValueKind = "budgeted"
)

// Valid reports whether k is a known value kind.
func (k ValueKind) Valid() bool { return k == Realised || k == Budgeted }

// Abbrev is the letter a column header shows: "w" for werkelijk, "b" for
// begroot.
func (k ValueKind) Abbrev() string {
	if k == Realised {
		return "w"
	}
	return "b"
}

// Indicator is a performance indicator (prestatie-indicator) as one page
// shows it. Key is its identity across documents and years; Number and Name
// are this document's wording.
type Indicator struct {
	ID       int64
	Key      string
	Number   string // the SMART goal or activity it measures, e.g. "2.2"
	Name     string
	Unit     Unit
	Footnote *Footnote
	PageID   int64
	Values   []Value // sorted by year, realised before budgeted
}

// Value is one yearly figure of an indicator. A nil Number is a known
// missing value ("nnb", nog niet bekend), which is not zero.
type Value struct {
	Year       int
	Kind       ValueKind
	Number     *float64
	DocumentID int64 // the document that reported it
}

// Display is the value as a reader sees it, in Dutch notation.
func (v Value) Display(u Unit) string {
	if v.Number == nil {
		return "nnb"
	}
	return FormatValue(*v.Number, u)
}

// Value returns the indicator's value for a year and kind.
func (in *Indicator) Value(year int, kind ValueKind) (Value, bool) {
	for _, v := range in.Values {
		if v.Year == year && v.Kind == kind {
			return v, true
		}
	}
	return Value{}, false
}

// SortValues puts the values in year order, realised before budgeted.
func (in *Indicator) SortValues() {
	sort.SliceStable(in.Values, func(i, j int) bool {
		a, b := in.Values[i], in.Values[j]
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Kind == Realised && b.Kind == Budgeted
	})
}

// Column is one year-and-kind column of an indicator table.
type Column struct {
	Year int
	Kind ValueKind
}

// Label is the column header, e.g. "2018 (w)".
func (c Column) Label() string { return fmt.Sprintf("%d (%s)", c.Year, c.Kind.Abbrev()) }

// Columns returns the year-and-kind columns that the indicators have values
// for, in year order.
func Columns(indicators []*Indicator) []Column {
	seen := map[Column]bool{}
	var cols []Column
	for _, in := range indicators {
		for _, v := range in.Values {
			c := Column{v.Year, v.Kind}
			if !seen[c] {
				seen[c] = true
				cols = append(cols, c)
			}
		}
	}
	sort.Slice(cols, func(i, j int) bool {
		if cols[i].Year != cols[j].Year {
			return cols[i].Year < cols[j].Year
		}
		return cols[i].Kind == Realised && cols[j].Kind == Budgeted
	})
	return cols
}
