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

// Label is the unit in Dutch.
func (u Unit) Label() string {
	switch u {
	case Percentage:
		return "percentage"
	case Amount:
		return "bedrag in euro"
	}
	return "aantal"
}

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
// are this document's wording. Direction, Definition, Source and Threshold
// belong to the indicator itself, whatever document shows it.
type Indicator struct {
	ID         int64
	Key        string
	Number     string // the SMART goal or activity it measures, e.g. "2.2"
	Name       string
	Unit       Unit
	Direction  Direction
	Definition string // the counting rule, when known
	Source     string // where the figures come from, when known
	// Threshold marks personal-data sensitive counts: realised counts from
	// 1 to Threshold-1 are published as "<Threshold". 0 publishes all.
	Threshold int
	Footnote  *Footnote
	PageID    int64
	Values    []Value // sorted by year, realised before budgeted
}

// Direction says which way an indicator should go.
type Direction string

// The directions of an indicator. Empty is unknown: no status is given.
const (
	HigherIsBetter Direction = "higher_is_better"
	LowerIsBetter  Direction = "lower_is_better"
	AtLeast        Direction = "at_least" // the target is a minimum
	AtMost         Direction = "at_most"  // the target is a maximum
)

// Valid reports whether d is a known direction or empty.
func (d Direction) Valid() bool {
	switch d {
	case "", HigherIsBetter, LowerIsBetter, AtLeast, AtMost:
		return true
	}
	return false
}

// Label is the direction in Dutch.
func (d Direction) Label() string {
	switch d {
	case HigherIsBetter:
		return "hoger is beter"
	case LowerIsBetter:
		return "lager is beter"
	case AtLeast:
		return "ten minste de streefwaarde"
	case AtMost:
		return "ten hoogste de streefwaarde"
	}
	return ""
}

// Suppressed reports whether a value is a small count that may not be
// published as it is.
func (in *Indicator) Suppressed(v Value) bool {
	return in.Threshold > 1 && in.Unit == Count && v.Kind == Realised && v.Number != nil &&
		*v.Number >= 1 && *v.Number < float64(in.Threshold)
}

// Display is a value as the public sees it: in Dutch notation, "nnb" when
// not yet known, and "<N" for a small count under the threshold.
func (in *Indicator) Display(v Value) string {
	if in.Suppressed(v) {
		return fmt.Sprintf("<%d", in.Threshold)
	}
	return v.Display(in.Unit)
}

// Public returns the value as it may be published, as a float for charts
// and JSON: a suppressed count has no number. Amounts are exact in
// v.Amount; their float is the shortest decimal that reads back the same.
func (in *Indicator) Public(v Value) *float64 {
	if in.Suppressed(v) {
		return nil
	}
	if f, ok := v.Float(); ok {
		return &f
	}
	return nil
}

// Status is how a year's realised value compares with its target.
type Status string

// The statuses of a year.
const (
	Met    Status = "met"
	Missed Status = "missed"
)

// Label is the status in Dutch.
func (s Status) Label() string {
	if s == Met {
		return "gehaald"
	}
	return "niet gehaald"
}

// Status compares the realised value of a year with its target, following
// the indicator's direction. It reports false when the direction, either
// value, or a publishable realised value is missing.
func (in *Indicator) Status(year int) (Status, bool) {
	r, ok1 := in.Value(year, Realised)
	b, ok2 := in.Value(year, Budgeted)
	if !ok1 || !ok2 || in.Suppressed(r) {
		return "", false
	}
	cmp, ok := r.Compare(b)
	if !ok {
		return "", false
	}
	better := false
	switch in.Direction {
	case HigherIsBetter, AtLeast:
		better = cmp >= 0
	case LowerIsBetter, AtMost:
		better = cmp <= 0
	default:
		return "", false
	}
	if better {
		return Met, true
	}
	return Missed, true
}

// Value is one yearly figure of an indicator: a count or a percentage in
// Number, an amount of money in Amount, exact. A value with neither is a
// known missing value ("nnb", nog niet bekend), which is not zero.
type Value struct {
	Year       int
	Kind       ValueKind
	Number     *float64 // counts and percentages
	Amount     *Money   // amounts (unit Amount)
	DocumentID int64    // the document that reported it
}

// Known reports whether the value is known (not "nnb").
func (v Value) Known() bool { return v.Number != nil || v.Amount != nil }

// Float is the value as a float, for drawing and comparing; ok is false
// for "nnb".
func (v Value) Float() (f float64, ok bool) {
	switch {
	case v.Amount != nil:
		return v.Amount.Float(), true
	case v.Number != nil:
		return *v.Number, true
	}
	return 0, false
}

// Compare compares two known values: exactly for amounts, as floats
// otherwise. ok is false when either is "nnb".
func (v Value) Compare(o Value) (cmp int, ok bool) {
	if v.Amount != nil && o.Amount != nil {
		return cmpOrdered(*v.Amount, *o.Amount), true
	}
	a, ok1 := v.Float()
	b, ok2 := o.Float()
	if !ok1 || !ok2 {
		return 0, false
	}
	return cmpOrdered(a, b), true
}

func cmpOrdered[T int64 | float64 | Money](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Display is the value as a reader sees it, in Dutch notation.
func (v Value) Display(u Unit) string {
	switch {
	case v.Amount != nil:
		return v.Amount.String()
	case v.Number != nil:
		return FormatValue(*v.Number, u)
	}
	return "nnb"
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
