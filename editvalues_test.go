package koers_test

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

func TestUpdateValues(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	m := func(x koers.Money) *koers.Money { return &x }
	doc := func() *koers.Document {
		return &koers.Document{Pages: []*koers.Page{
			{ID: 1, Indicators: []*koers.Indicator{{Key: "telling", Unit: koers.Count, Values: []koers.Value{{Year: 2020, Kind: koers.Realised, Number: f(5)}}}}},
			{ID: 2, Indicators: []*koers.Indicator{{Key: "kosten", Unit: koers.Amount}}},
			{ID: 3},
		}}
	}
	tests := []struct {
		name     string
		updates  []koers.ValueUpdate
		keys     []int64
		problems string
		telling  []koers.Value
		kosten   []koers.Value
	}{
		{"replace, add and an amount", []koers.ValueUpdate{
			{Key: "telling", Year: 2020, Kind: koers.Realised, Number: f(7)},
			{Key: "kosten", Year: 2021, Kind: koers.Budgeted, Number: f(1234.5), Amount: m(123450)},
		}, []int64{1, 2}, "",
			[]koers.Value{{Year: 2020, Kind: koers.Realised, Number: f(7)}},
			[]koers.Value{{Year: 2021, Kind: koers.Budgeted, Amount: m(123450)}}},
		{"remove and nnb", []koers.ValueUpdate{
			{Key: "telling", Year: 2020, Kind: koers.Realised, Remove: true},
			{Key: "telling", Year: 2021, Kind: koers.Realised},
		}, []int64{1}, "",
			[]koers.Value{{Year: 2021, Kind: koers.Realised}}, nil},
		{"refused", []koers.ValueUpdate{
			{Key: "onbekend", Year: 2020, Kind: koers.Realised, Number: f(1)},
			{Key: "kosten", Year: 2020, Kind: koers.Realised, Number: f(0.001)},
			{Key: "telling", Year: 1800, Kind: "gepland", Number: f(1)},
		}, nil, "invalid values (4 problems):\n  /0/key: Dit document heeft geen indicator \"onbekend\".\n" +
			"  /1/value: Deze indicator is een bedrag in euro's; geef het in hele centen, zoals 60000 of 1234.5.\n" +
			"  /2/year: Kies een jaar van 1900 tot en met 2200.\n  /2/kind: Kies realised (gerealiseerd) of budgeted (begroot).",
			[]koers.Value{{Year: 2020, Kind: koers.Realised, Number: f(5)}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc()
			keys, ps := koers.UpdateValues(d, tt.updates)
			got := ""
			if len(ps) > 0 {
				got = ps.Err("values").Error()
			}
			if got != tt.problems || !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("problems %q keys %v, want %q %v", got, keys, tt.problems, tt.keys)
			}
			if a, b := d.Pages[0].Indicators[0].Values, d.Pages[1].Indicators[0].Values; !reflect.DeepEqual(a, tt.telling) || !reflect.DeepEqual(b, tt.kosten) {
				t.Errorf("values %+v %+v, want %+v %+v", a, b, tt.telling, tt.kosten)
			}
		})
	}
}
