package koers

import (
	"math"
	"slices"
	"strconv"
	"time"
)

// What leaves the register: a computed value per indicator and year, with
// the rule that made it, and small numbers suppressed. A count from 1 to
// the threshold minus one is never published: it reads "<threshold". Where
// a count is broken down, a suppressed part could be found back as the
// total minus the visible parts, so a second part is suppressed with it
// (secondary suppression): the smallest other part that is not zero.

// DefaultThreshold is the threshold of an indicator that sets none: CBS's
// rule for counts of people.
const DefaultThreshold = 5

// ComputedValue is a value the register computed for an indicator's year.
type ComputedValue struct {
	Indicator string
	Year      int
	// Number is the count or percentage; nil when suppressed.
	Number *float64
	// Below is set when the value is suppressed: it is under this.
	Below int
	Parts []ComputedPart
	// The rule it was computed by, in words, and its version.
	Rule        string
	RuleVersion int
	ComputedAt  time.Time
}

// ComputedPart is one part of a computed value's breakdown.
type ComputedPart struct {
	Name   string
	Number *float64 // nil when suppressed
	Below  int
}

// Suppressed reports whether the value is a small number that may not be
// shown.
func (c ComputedValue) Suppressed() bool { return c.Number == nil && c.Below > 0 }

// Display is the value as a reader sees it: "<5" when suppressed, "nnb"
// when it could not be computed (a percentage of a population not known).
func (c ComputedValue) Display(unit Unit) string {
	switch {
	case c.Number == nil && c.Below > 0:
		return "<" + strconv.Itoa(c.Below)
	case c.Number == nil:
		return "nnb"
	}
	return FormatValue(*c.Number, unit)
}

// Display is the part as a reader sees it: "<5" for a small count, "×"
// (CBS's sign for a secret figure) for one hidden for another's sake.
func (p ComputedPart) Display() string {
	switch {
	case p.Number != nil:
		return FormatValue(*p.Number, Count)
	case p.Below > 0:
		return "<" + strconv.Itoa(p.Below)
	}
	return "×"
}

// Compute turns a tally into what may leave the register, under
// threshold (0 or 1: DefaultThreshold). A percentage is rounded to one
// decimal and suppressed when its numerator or its denominator is small,
// and left out (nil, Below 0) when there is no denominator.
func Compute(rule *CountRule, t Tally, threshold int, at time.Time) ComputedValue {
	if threshold <= 1 {
		threshold = DefaultThreshold
	}
	small := func(n int64) bool { return n >= 1 && n < int64(threshold) }
	v := ComputedValue{Indicator: rule.Indicator, Year: t.Year, Rule: rule.Sentence(), RuleVersion: rule.Version, ComputedAt: at}
	switch {
	case rule.Percentage() && t.Denominator <= 0:
		// Nothing to divide by: unknown, not zero.
	case rule.Percentage() && (small(t.Numerator) || small(t.Denominator)):
		v.Below = threshold
	case rule.Percentage():
		p := math.Round(float64(t.Numerator)*1000/float64(t.Denominator)) / 10
		v.Number = &p
	case small(t.Numerator):
		v.Below = threshold
	default:
		n := float64(t.Numerator)
		v.Number = &n
	}
	if !rule.Percentage() {
		v.Parts = suppressParts(t.Parts, v.Number == nil, threshold)
	}
	return v
}

// suppressParts publishes the parts of a count: small ones suppressed,
// and where exactly one is and the total is shown, the smallest other
// non-zero part too. A suppressed total suppresses every non-zero part.
func suppressParts(parts []TallyPart, totalHidden bool, threshold int) []ComputedPart {
	if len(parts) == 0 {
		return nil
	}
	hidden := make([]bool, len(parts))
	n := 0
	for i, p := range parts {
		if (p.Count >= 1 && p.Count < int64(threshold)) || (totalHidden && p.Count > 0) {
			hidden[i] = true
			n++
		}
	}
	if n == 1 && !totalHidden {
		second := -1
		for i, p := range parts {
			if !hidden[i] && p.Count > 0 && (second < 0 || p.Count < parts[second].Count) {
				second = i
			}
		}
		if second >= 0 {
			hidden[second] = true
		}
	}
	out := make([]ComputedPart, len(parts))
	for i, p := range parts {
		out[i].Name = p.Name
		if hidden[i] {
			out[i].Below = threshold
			if p.Count >= int64(threshold) {
				out[i].Below = 0 // hidden for another's sake: no bound to give
			}
			continue
		}
		c := float64(p.Count)
		out[i].Number = &c
	}
	return out
}

// Revealed reports whether a suppressed part of parts can be found back
// from total and the parts shown: the test of secondary suppression.
func Revealed(total *float64, parts []ComputedPart) bool {
	if total == nil {
		return false
	}
	hidden := slices.IndexFunc(parts, func(p ComputedPart) bool { return p.Number == nil })
	if hidden < 0 {
		return false
	}
	for i, p := range parts {
		if i != hidden && p.Number == nil {
			return false
		}
	}
	return true
}
