package koers_test

import (
	"testing"

	"github.com/koers-nl/koers"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		n    float64
		unit koers.Unit
		want string
	}{
		{1992, koers.Count, "1.992"},
		{1350, koers.Count, "1.350"},
		{0, koers.Count, "0"},
		{346, koers.Count, "346"},
		{400670, koers.Count, "400.670"},
		{1234567, koers.Count, "1.234.567"},
		{-2500, koers.Count, "-2.500"},
		{11.6, koers.Percentage, "11,6%"},
		{12, koers.Percentage, "12%"},
		{31.3, koers.Percentage, "31,3%"},
		{2.25, koers.Percentage, "2,25%"},
		{60000, koers.Amount, "€ 60.000"},
		{1500.5, koers.Amount, "€ 1.500,50"},
		{1234.1 * 10, koers.Amount, "€ 12.341"},
	}
	for _, tt := range tests {
		if got := koers.FormatValue(tt.n, tt.unit); got != tt.want {
			t.Errorf("FormatValue(%v, %s) = %q, want %q", tt.n, tt.unit, got, tt.want)
		}
	}
}

func TestValueDisplayKnownMissing(t *testing.T) {
	if got := (koers.Value{Year: 2018, Kind: koers.Realised}).Display(koers.Count); got != "nnb" {
		t.Errorf("missing value shows %q, want nnb", got)
	}
	zero := 0.0
	if got := (koers.Value{Number: &zero}).Display(koers.Count); got != "0" {
		t.Errorf("zero shows %q, want 0", got)
	}
}

func TestSlugify(t *testing.T) {
	tests := map[string]string{
		"1C: Ondersteunde inwoners":           "1c-ondersteunde-inwoners",
		"Programma 1: Meedoen in Leiderdorp":  "programma-1-meedoen-in-leiderdorp",
		"Programma 1 : Meedoen in Leiderdorp": "programma-1-meedoen-in-leiderdorp",
		"Programma's":                         "programmas",
		"Financiële begroting – één":          "financiele-begroting-een",
		"  --  ":                              "",
	}
	for in, want := range tests {
		if got := koers.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnsOrder(t *testing.T) {
	n := 1.0
	ins := []*koers.Indicator{
		{Values: []koers.Value{{Year: 2021, Kind: koers.Budgeted, Number: &n}, {Year: 2018, Kind: koers.Realised, Number: &n}}},
		{Values: []koers.Value{{Year: 2021, Kind: koers.Realised, Number: &n}, {Year: 2019, Kind: koers.Realised}}},
	}
	var got []string
	for _, c := range koers.Columns(ins) {
		got = append(got, c.Label())
	}
	want := []string{"2018 (w)", "2019 (w)", "2021 (w)", "2021 (b)"}
	if len(got) != len(want) {
		t.Fatalf("Columns = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Columns = %v, want %v", got, want)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	nf := koers.Errorf(koers.ENOTFOUND, "Pagina %d bestaat niet.", 7)
	if koers.ErrorCode(nf) != koers.ENOTFOUND || koers.ErrorMessage(nf) != "Pagina 7 bestaat niet." {
		t.Errorf("got %q %q", koers.ErrorCode(nf), koers.ErrorMessage(nf))
	}
	internal := &koers.Error{Code: koers.EINTERNAL, Message: "disk on fire"}
	if msg := koers.ErrorMessage(internal); msg == "disk on fire" {
		t.Error("internal message leaked")
	}
	if koers.ErrorCode(nil) != "" {
		t.Error("nil has a code")
	}
}
