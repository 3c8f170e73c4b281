package diff

import (
	"strconv"

	"github.com/koers-nl/koers"
)

// keyed compares two lists of things with identities: it returns the
// added, removed, moved and changed ones in the new order (removed ones
// where they stood). text gives a thing's wording, note its footnote.
func keyed(oldKeys, newKeys []string, text, note func(old bool, i int) string) []Item {
	oldToNew := byKey(oldKeys, newKeys)
	mv := moved(oldToNew)
	var out []Item
	for _, pr := range interleave(oldToNew, len(newKeys)) {
		var ot, nt, on, nn string
		it := Item{}
		if pr.old >= 0 {
			it.Key, ot, on = oldKeys[pr.old], text(true, pr.old), note(true, pr.old)
		}
		if pr.new >= 0 {
			it.Key, nt, nn = newKeys[pr.new], text(false, pr.new), note(false, pr.new)
		}
		switch {
		case pr.old < 0:
			it.Status = Added
		case pr.new < 0:
			it.Status = Removed
		case mv[pr.old]:
			it.Status = Moved
			it.Position = Position{pr.old + 1, pr.new + 1}
		case ot != nt || on != nn:
			it.Status = Modified
		default:
			continue
		}
		it.Label = it.Key
		it.Text = Words(ot, nt)
		it.Note = Words(on, nn)
		out = append(out, it)
	}
	return out
}

func noNote(bool, int) string { return "" }

func footnote(f *koers.Footnote) string {
	if f == nil {
		return ""
	}
	return f.Marker + " " + f.Text
}

func compareGoals(old, new []koers.SmartGoal) []Item {
	keys := func(gs []koers.SmartGoal) []string {
		out := make([]string, len(gs))
		for i, g := range gs {
			out[i] = g.Number
		}
		return out
	}
	return keyed(keys(old), keys(new), func(o bool, i int) string {
		if o {
			return old[i].Title
		}
		return new[i].Title
	}, noNote)
}

func compareActivities(old, new []koers.Activity) []Item {
	keys := func(as []koers.Activity) []string {
		out := make([]string, len(as))
		for i, a := range as {
			out[i] = a.Number
		}
		return out
	}
	pick := func(o bool, i int) koers.Activity {
		if o {
			return old[i]
		}
		return new[i]
	}
	return keyed(keys(old), keys(new),
		func(o bool, i int) string { return pick(o, i).Title },
		func(o bool, i int) string { return footnote(pick(o, i).Footnote) })
}

// compareIndicators compares a page's indicators by key: their wording,
// their settings, and their values per column as readers see them.
func compareIndicators(old, new []*koers.Indicator) []Indicator {
	keys := func(ins []*koers.Indicator) []string {
		out := make([]string, len(ins))
		for i, in := range ins {
			out[i] = in.Key
		}
		return out
	}
	oldToNew := byKey(keys(old), keys(new))
	var out []Indicator
	for _, pr := range interleave(oldToNew, len(new)) {
		o, n := &koers.Indicator{}, &koers.Indicator{}
		st := Modified
		switch {
		case pr.old < 0:
			st, n = Added, new[pr.new]
		case pr.new < 0:
			st, o = Removed, old[pr.old]
		default:
			o, n = old[pr.old], new[pr.new]
		}
		d := Indicator{Status: st, Key: n.Key}
		if st == Removed {
			d.Key = o.Key
		}
		d.Number = Words(o.Number, n.Number)
		d.Name = Words(o.Name, n.Name)
		d.Definition = Words(o.Definition, n.Definition)
		d.Note = Words(footnote(o.Footnote), footnote(n.Footnote))
		if st == Modified {
			d.Properties = appendValue(d.Properties, "Eenheid", o.Unit.Label(), n.Unit.Label())
			d.Properties = appendValue(d.Properties, "Richting", o.Direction.Label(), n.Direction.Label())
			d.Properties = appendValue(d.Properties, "Bron", o.Source, n.Source)
			d.Properties = appendValue(d.Properties, "Drempel", threshold(o.Threshold), threshold(n.Threshold))
		}
		d.Values = compareValues(o, n)
		if st == Modified && !Changed(d.Number) && !Changed(d.Name) && !Changed(d.Definition) && !Changed(d.Note) &&
			len(d.Properties) == 0 && len(d.Values) == 0 {
			continue
		}
		out = append(out, d)
	}
	return out
}

func threshold(n int) string {
	if n <= 1 {
		return ""
	}
	return strconv.Itoa(n)
}

// compareValues lists the columns whose value reads otherwise: "2022 (b)",
// "12%" → "11,5%". A column one side lacks reads as Absent.
func compareValues(o, n *koers.Indicator) []Value {
	var out []Value
	shownAlike := o.Unit == n.Unit && o.Threshold == n.Threshold
	for _, c := range koers.Columns([]*koers.Indicator{o, n}) {
		ov, ook := o.Value(c.Year, c.Kind)
		nv, nok := n.Value(c.Year, c.Kind)
		if ook && nok && shownAlike && sameValue(ov, nv) {
			continue // formatting every unchanged value is most of the work
		}
		var os, ns string
		if ook {
			os = o.Display(ov)
		}
		if nok {
			ns = n.Display(nv)
		}
		if os != ns {
			out = append(out, Value{c.Label(), os, ns})
		}
	}
	return out
}

// sameValue reports whether two values are the same figure (or both
// "nnb").
func sameValue(a, b koers.Value) bool {
	switch {
	case a.Amount != nil || b.Amount != nil:
		return a.Amount != nil && b.Amount != nil && *a.Amount == *b.Amount
	case a.Number != nil || b.Number != nil:
		return a.Number != nil && b.Number != nil && *a.Number == *b.Number
	}
	return true
}
