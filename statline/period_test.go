package statline

import (
	"errors"
	"testing"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		key   string
		want  Period
		label string
	}{
		{"2019JJ00", Period{Year: 2019, Kind: Year}, "2019"},
		{"2020KW02", Period{Year: 2020, Kind: Quarter, N: 2}, "2e kwartaal 2020"},
		{"2021MM12", Period{Year: 2021, Kind: Month, N: 12}, "december 2021"},
		{"1995MM01", Period{Year: 1995, Kind: Month, N: 1}, "januari 1995"},
		{"2020W101", Period{Year: 2020, Kind: Week, N: 1}, "week 1 2020"},
		{"2020W153", Period{Year: 2020, Kind: Week, N: 53}, "week 53 2020"},
		{"2000X000", Period{Year: 2000, Kind: WeekPart, N: 0}, "deel van week 0 2000"},
		{"20200315", Period{Year: 2020, Kind: Day, M: 3, N: 15}, "15 maart 2020"},
		{"20200229", Period{Year: 2020, Kind: Day, M: 2, N: 29}, "29 februari 2020"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.key)
		if err != nil {
			t.Errorf("%s: %v", tt.key, err)
			continue
		}
		if p != tt.want || p.String() != tt.key || p.Label() != tt.label {
			t.Errorf("%s: got %+v %q %q, want %+v %q", tt.key, p, p.String(), p.Label(), tt.want, tt.label)
		}
	}
	if (Period{}).String() != "" || (Period{}).Label() != "" {
		t.Error("the zero Period is not empty")
	}
}

func TestBadPeriod(t *testing.T) {
	tests := map[string]string{
		"2019XX00":  `"2019XX00" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`,
		"2019JJ01":  `"2019JJ01" is not a StatLine period: a year ends in JJ00`,
		"2020KW00":  `"2020KW00" is not a StatLine period: a quarter is KW01 to KW04`,
		"2020KW05":  `"2020KW05" is not a StatLine period: a quarter is KW01 to KW04`,
		"2021MM00":  `"2021MM00" is not a StatLine period: a month is MM01 to MM12`,
		"2020W100":  `"2020W100" is not a StatLine period: a week is W101 to W153`,
		"2020X054":  `"2020X054" is not a StatLine period: a part of a week is X000 to X053`,
		"20190229":  `"20190229" is not a StatLine period: no such day`,
		"20201301":  `"20201301" is not a StatLine period: no such day`,
		"2019HJ01":  `"2019HJ01" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`,
		"0999JJ00":  `"0999JJ00" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`,
		"2019JJ00 ": `"2019JJ00 " is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`,
		"2019":      `"2019" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`,
		"":          `"" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`,
	}
	for key, want := range tests {
		_, err := ParsePeriod(key)
		var e *Error
		if !errors.As(err, &e) || e.Code != EValue || err.Error() != want {
			t.Errorf("%q: got %v, want %s", key, err, want)
		}
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2019JJ00", "2020KW02", "2021MM12", "2020W101", "2000X000", "20200229", "2019XX00", "9999MM12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		p, err := ParsePeriod(key)
		if err != nil {
			if p != (Period{}) {
				t.Errorf("%q: %+v with an error", key, p)
			}
			return
		}
		// What parses is its own canonical form, and has a label.
		if p.String() != key {
			t.Errorf("%q: String() is %q", key, p.String())
		}
		if p.Label() == "" {
			t.Errorf("%q: no label", key)
		}
	})
}
