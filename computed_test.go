package koers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

func TestTakeComputed(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	at := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		value    koers.ComputedValue
		keys     []int64
		problems string
		values   string
	}{
		{"replaces the document's value", koers.ComputedValue{Indicator: "wmo", Year: 2020, Number: f(1972), ComputedAt: at},
			[]int64{1}, "", "2020 realised 1972; 2021 budgeted 1400"},
		{"adds a year", koers.ComputedValue{Indicator: "wmo", Year: 2019, Number: f(1800), ComputedAt: at},
			[]int64{1}, "", "2020 realised 1340; 2021 budgeted 1400; 2019 realised 1800"},
		{"suppressed: refused", koers.ComputedValue{Indicator: "wmo", Year: 2020, Below: 5, ComputedAt: at},
			nil, "value: De registerwaarde van 2020 is kleiner dan 5 en wordt niet gepubliceerd; neem haar niet over.",
			"2020 realised 1340; 2021 budgeted 1400"},
		{"unknown indicator: refused", koers.ComputedValue{Indicator: "elders", Year: 2020, Number: f(3), ComputedAt: at},
			nil, `0/key: Dit document heeft geen indicator "elders".`, "2020 realised 1340; 2021 budgeted 1400"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &koers.Indicator{Key: "wmo", Unit: koers.Count, Values: []koers.Value{
				{Year: 2020, Kind: koers.Realised, Number: f(1340)}, {Year: 2021, Kind: koers.Budgeted, Number: f(1400)}}}
			doc := &koers.Document{Pages: []*koers.Page{{ID: 1, Indicators: []*koers.Indicator{in}}}}
			keys, ps := koers.TakeComputed(doc, tt.value)
			var msgs []string
			for _, p := range ps {
				var path []string
				for _, x := range p.Path {
					path = append(path, fmt.Sprint(x))
				}
				msgs = append(msgs, strings.Join(path, "/")+": "+p.Message)
			}
			if got := strings.Join(msgs, "\n"); got != tt.problems {
				t.Errorf("problems = %q, want %q", got, tt.problems)
			}
			if fmt.Sprint(keys) != fmt.Sprint(tt.keys) {
				t.Errorf("keys = %v, want %v", keys, tt.keys)
			}
			var vs []string
			for _, v := range in.Values {
				vs = append(vs, fmt.Sprintf("%d %s %v", v.Year, v.Kind, *v.Number))
			}
			if got := strings.Join(vs, "; "); got != tt.values {
				t.Errorf("values = %q, want %q", got, tt.values)
			}
		})
	}
}

// TestReckonings pairs computed values with the documents' realised
// values: the document's counts, the difference is the register's minus
// the document's, and a suppressed value or a missing one differs in
// nothing.
func TestReckonings(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	doc := &koers.Document{ID: 1, Kind: koers.Jaarstukken, Year: 2020, Slug: "jaarstukken-2020"}
	in := &koers.Indicator{Key: "wmo", Unit: koers.Count, Threshold: 5}
	s := &koers.Series{
		Indicator: in,
		Mentions:  []koers.Mention{{Document: doc, Page: &koers.Page{ID: 1}, Indicator: in}},
		Reports: []koers.Report{
			{Value: koers.Value{DocumentID: 1, Year: 2020, Kind: koers.Realised, Number: f(1340)}, Document: doc},
			{Value: koers.Value{DocumentID: 1, Year: 2019, Kind: koers.Realised, Number: f(1500)}, Document: doc},
			{Value: koers.Value{DocumentID: 1, Year: 2018, Kind: koers.Realised, Number: f(3)}, Document: doc},
			{Value: koers.Value{DocumentID: 1, Year: 2021, Kind: koers.Budgeted, Number: f(1400)}, Document: doc},
		},
		Computed: []koers.ComputedValue{
			{Indicator: "wmo", Year: 2021, Number: f(1600)},
			{Indicator: "wmo", Year: 2020, Number: f(1972)},
			{Indicator: "wmo", Year: 2019, Number: f(1500)},
			{Indicator: "wmo", Year: 2018, Below: 5},
			{Indicator: "wmo", Year: 2017, Number: f(9)},
		},
	}
	s.Resolve()
	var got []string
	for _, r := range s.Reckonings() {
		doc := "-"
		if r.Report != nil {
			doc = r.Report.Display(s.Indicator)
		}
		got = append(got, fmt.Sprintf("%d %s doc=%s differs=%v %v", r.Computed.Year, r.Computed.Display(koers.Count), doc, r.Differs, r.Difference))
	}
	want := []string{
		"2017 9 doc=- differs=false 0",
		"2018 <5 doc=<5 differs=false 0",
		"2019 1.500 doc=1.500 differs=false 0",
		"2020 1.972 doc=1.340 differs=true 632",
		"2021 1.600 doc=- differs=false 0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reckonings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v, _ := s.Indicator.Value(2020, koers.Realised); v.Number == nil || *v.Number != 1340 {
		t.Errorf("the series counts %+v for 2020, want the document's 1340", v)
	}
}

func TestParseYears(t *testing.T) {
	bad := "Geef jaren als 2020, 2016-2025 of 2016-2018,2020, tussen 1900 en 2200."
	tests := []struct{ in, want, err string }{
		{"2020", "[2020]", ""},
		{"2016-2019", "[2016 2017 2018 2019]", ""},
		{" 2016 – 2017 ", "[2016 2017]", ""},
		{"2020,2016-2017,2017", "[2016 2017 2020]", ""},
		{"", "[]", bad},
		{"2020-2016", "[]", bad},
		{"twintig", "[]", bad},
		{"1899", "[]", bad},
		{"2020-", "[]", bad},
		{"1950-2000", "[]", "Bereken hoogstens 30 jaren tegelijk."},
		{"1950-1969,1980-1999", "[]", "Bereken hoogstens 30 jaren tegelijk."},
	}
	for _, tt := range tests {
		got, err := koers.ParseYears(tt.in)
		if fmt.Sprint(got) != tt.want && !(tt.want == "[]" && got == nil) || koers.ErrorMessage(err) != tt.err && !(err == nil && tt.err == "") {
			t.Errorf("ParseYears(%q) = %v, %v; want %s, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// FuzzParseYears: any input is refused or gives ascending distinct years
// within bounds, at most MaxComputeYears of them.
func FuzzParseYears(f *testing.F) {
	for _, s := range []string{"2020", "2016-2025", "2016–2018,2020", "", "-", "1900-2200", "2020,2020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		years, err := koers.ParseYears(s)
		if err != nil {
			if koers.ErrorCode(err) != koers.EINVALID || years != nil {
				t.Fatalf("%q: %v %v", s, years, err)
			}
			return
		}
		if len(years) == 0 || len(years) > koers.MaxComputeYears {
			t.Fatalf("%q: %d years", s, len(years))
		}
		for i, y := range years {
			if y < koers.MinYear || y > koers.MaxYear || (i > 0 && y <= years[i-1]) {
				t.Fatalf("%q: %v", s, years)
			}
		}
	})
}
