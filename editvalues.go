package koers

import (
	"fmt"
	"math"
)

// ValueUpdate sets one value of an indicator in a document: the write
// API's way of delivering realised (or budgeted) figures without sending
// the whole document.
type ValueUpdate struct {
	Key  string
	Year int
	Kind ValueKind
	// Remove drops the value of the year and kind; otherwise the value is
	// Number for counts and percentages and Amount for amounts, or
	// neither: not yet known (nnb). A caller that does not know the unit
	// sets both (Amount when the number is in whole cents).
	Remove bool
	Number *float64
	Amount *Money
}

// UpdateValues applies updates, in order, to every indicator with the key
// on the document's pages, and returns the keys of the pages it changed.
// Problems are located at the update's index and field, in Dutch: a key no
// page reports, a year out of bounds, an unknown kind, a value that does
// not fit the indicator's unit. With problems nothing is changed.
func UpdateValues(doc *Document, updates []ValueUpdate) ([]int64, Problems) {
	found := map[string][]*Indicator{}
	pageOf := map[*Indicator]int64{}
	_ = doc.Walk(func(p *Page) error {
		for _, in := range p.Indicators {
			found[in.Key] = append(found[in.Key], in)
			pageOf[in] = p.ID
		}
		return nil
	})
	var ps Problems
	at := func(i int, field, msg string) { ps = append(ps, Problem{Path: []any{i, field}, Message: msg}) }
	for i, u := range updates {
		ins := found[u.Key]
		if len(ins) == 0 {
			at(i, "key", fmt.Sprintf("Dit document heeft geen indicator %q.", u.Key))
		}
		if u.Year < MinYear || u.Year > MaxYear {
			at(i, "year", fmt.Sprintf("Kies een jaar van %d tot en met %d.", MinYear, MaxYear))
		}
		if !u.Kind.Valid() {
			at(i, "kind", "Kies realised (gerealiseerd) of budgeted (begroot).")
		}
		if u.Number != nil && (math.IsNaN(*u.Number) || math.IsInf(*u.Number, 0)) {
			at(i, "value", "Een waarde is een eindig getal.")
			continue
		}
		if len(ins) == 0 || u.Remove {
			continue
		}
		if ins[0].Unit == Amount && u.Number != nil && u.Amount == nil {
			at(i, "value", "Deze indicator is een bedrag in euro's; geef het in hele centen, zoals 60000 of 1234.5.")
		}
		if ins[0].Unit != Amount && u.Amount != nil && u.Number == nil {
			at(i, "value", "Deze indicator is geen bedrag; geef een getal.")
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	var keys []int64
	for _, u := range updates {
		for _, in := range found[u.Key] {
			in.Values = setValue(in.Values, u, in.Unit)
			keys = appendOnce(keys, pageOf[in])
		}
	}
	return keys, nil
}

// setValue replaces, adds or removes the value of u's year and kind, in
// the indicator's unit.
func setValue(values []Value, u ValueUpdate, unit Unit) []Value {
	v := Value{Year: u.Year, Kind: u.Kind, Number: u.Number}
	if unit == Amount {
		v.Number, v.Amount = nil, u.Amount
	}
	for i, old := range values {
		if old.Year == u.Year && old.Kind == u.Kind {
			if u.Remove {
				return append(values[:i:i], values[i+1:]...)
			}
			v.DocumentID = old.DocumentID
			values[i] = v
			return values
		}
	}
	if u.Remove {
		return values
	}
	return append(values, v)
}

func appendOnce(keys []int64, id int64) []int64 {
	for _, k := range keys {
		if k == id {
			return keys
		}
	}
	return append(keys, id)
}

// TakeComputed sets the realised value of an indicator's year in a
// document to what the register computed: the author's choice to let the
// register's count be the document's. A suppressed value ("<5") cannot be
// taken: the document would publish what the register keeps back. It
// returns the keys of the pages it changed.
func TakeComputed(doc *Document, c ComputedValue) ([]int64, Problems) {
	if c.Number == nil {
		return nil, Problems{{Path: []any{"value"}, Message: fmt.Sprintf(
			"De registerwaarde van %d is kleiner dan %d en wordt niet gepubliceerd; neem haar niet over.", c.Year, c.Below)}}
	}
	n := *c.Number
	return UpdateValues(doc, []ValueUpdate{{Key: c.Indicator, Year: c.Year, Kind: Realised, Number: &n}})
}
