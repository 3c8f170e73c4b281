package koers

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPlanNumber bounds the number of a SMART goal or an activity.
const MaxPlanNumber = 40

// PlanNumberProblem says what is wrong with the number of a SMART goal or an
// activity, or "". Municipalities number freely: "2", "2.2", "I.a",
// "I.d.1", or with their own codes, "I.d.1 (MD10, IBK BE28)". The number
// is text a reader reads and the key references use, so it only has to be
// one line, without spaces around it.
func PlanNumberProblem(n string) string {
	if m := planNumberProblem(n); m != nil {
		return m.String()
	}
	return ""
}

// planNumberProblem is PlanNumberProblem as a message, or nil.
func planNumberProblem(n string) *message {
	switch {
	case n == "":
		return newMessage("number is required")
	case !utf8.ValidString(n):
		return newMessage("number is not valid UTF-8")
	case utf8.RuneCountInString(n) > MaxPlanNumber:
		return newMessage("number %q is longer than %d characters", n, MaxPlanNumber)
	case strings.TrimSpace(n) != n:
		return newMessage("number %q has spaces around it", n)
	case strings.IndexFunc(n, unicode.IsControl) >= 0:
		return newMessage("number %q holds a control character", n)
	}
	return nil
}

// Goal is the number of the SMART goal the activity belongs to: the
// activity's number up to its last full stop, its own codes left out
// ("2" for "2.2", "I.d" for "I.d.1 (MD10, IBK BE28)"), or "" when the
// number names no goal.
func (a Activity) Goal() string {
	number, _, _ := strings.Cut(a.Number, " ")
	if i := strings.LastIndexByte(number, '.'); i > 0 {
		return number[:i]
	}
	return ""
}

// Ordinal is the goal's number when it is a plain count ("2"), which an
// ordered list can show as it is; "" for other numbering ("I.a").
func (g SmartGoal) Ordinal() string {
	if digits(g.Number) && len(g.Number) < 10 {
		return g.Number
	}
	return ""
}

// Label is the goal as lists and tables name it: "1. Meer inwoners ..."
// for a count, "I.a Inwoners ..." for other numbering, which ends in no
// full stop of its own.
func (g SmartGoal) Label() string {
	if g.Ordinal() != "" {
		return g.Number + ". " + g.Title
	}
	return g.Number + " " + g.Title
}
