package chart

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

func num(f float64) *float64 { return &f }

// TestIndicator: the lines leave unknown and suppressed values out; the
// description names every value as the table does, suppressed ones too.
func TestIndicator(t *testing.T) {
	in := &koers.Indicator{Number: "1.2", Name: "Aantal meldingen", Unit: koers.Count, Threshold: 5, Values: []koers.Value{
		{Year: 2021, Kind: koers.Realised, Number: num(1992)},
		{Year: 2022, Kind: koers.Realised, Number: num(3)}, // under the threshold
		{Year: 2022, Kind: koers.Budgeted, Number: num(1350)},
		{Year: 2023, Kind: koers.Budgeted},
	}}
	want := []Series{
		{Name: "Werkelijk", Class: "realised", Points: map[int]float64{2021: 1992}},
		{Name: "Begroot (streefwaarde)", Class: "budgeted", Points: map[int]float64{2022: 1350}},
	}
	if got := IndicatorSeries(in); !reflect.DeepEqual(got, want) {
		t.Errorf("series %+v, want %+v", got, want)
	}
	if got, want := IndicatorTitle(in), "Verloop van 1.2 Aantal meldingen"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := IndicatorTitle(&koers.Indicator{Name: "Zonder nummer"}), "Verloop van Zonder nummer"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	desc := "Waarden per jaar: 2021 werkelijk 1.992; 2022 werkelijk <5; 2022 begroot 1.350; 2023 begroot " + in.Display(in.Values[3]) +
		". De cijfers staan ook in de tabel onder de grafiek."
	if got := IndicatorDesc(in); got != desc {
		t.Errorf("desc %q, want %q", got, desc)
	}
}
