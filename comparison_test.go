package koers

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// waarStaat is a "Waar staat je gemeente?" table as Leiderdorp prints one.
func waarStaat() *ComparisonTable {
	return &ComparisonTable{
		Reference:    "2023-05-01",
		Municipality: "Leiderdorp",
		Areas:        []ComparisonArea{{Name: "Nederland", Code: "NL01"}, {Name: "Holland Rijnland"}},
		Rows: []ComparisonRow{
			{Name: "Banen", Unit: "per 1.000 inwoners 15-64 jaar", Period: "2020", Value: Number("712.4"),
				Areas: []Figure{Number("774.0"), Missing(NotationNotYetKnown)}, Source: "LISA", Target: "Minimaal gelijk of toename", Indicator: "banen"},
			{Name: "Jongeren met jeugdhulp", Unit: "% van alle jongeren tot 18 jaar", Period: "2017-H2", Value: Missing(NotationUnknown),
				Areas: []Figure{Number("10.7"), Missing(NotationNotApplicable)}, Source: "CBS", Target: "Afname"},
			{Name: "Fijn huishoudelijk restafval", Unit: "kg per inwoner", Period: "2021-12", Value: Missing(NotationNil),
				Areas: []Figure{Number("-1992"), Number("0")}, Source: "CBS", Target: "Geen; aantal is geen doel"},
		},
	}
}

func TestComparisonJSON(t *testing.T) {
	in := waarStaat()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	// Decimals keep their printed decimals; notations are strings.
	for _, want := range []string{`"value":712.4`, `"areas":[774.0,"n.n.b."]`, `"value":"."`, `"areas":[-1992,0]`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b)
		}
	}
	var out ComparisonTable
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&out, in) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", out, *in)
	}
	in.Rows[1].StatLine = &StatLineSource{Measure: "A_1", Dims: map[string]string{"Geslacht": "T001038"}}
	c := in.Clone()
	c.Rows[1].StatLine.Dims["Geslacht"] = "x"
	if in.Rows[1].StatLine.Dims["Geslacht"] != "T001038" {
		t.Error("Clone shares the StatLine dimensions")
	}
	c.Rows[0].Areas[0] = Number("1")
	c.Areas[0].Name = "NL"
	if in.Rows[0].Areas[0].Decimal != "774.0" || in.Areas[0].Name != "Nederland" {
		t.Error("Clone shares slices")
	}
	if _, err := json.Marshal(Figure{Decimal: "1e3"}); err == nil {
		t.Error("an exponent marshalled")
	}
}

func TestFigureString(t *testing.T) {
	for in, want := range map[Figure]string{
		Number("1992"): "1.992", Number("11.60"): "11,60", Number("-400670.5"): "-400.670,5", Number("0"): "0",
		Missing(NotationNil): "-", Missing(NotationNotYetKnown): "n.n.b.",
	} {
		if got := in.String(); got != want {
			t.Errorf("%+v: %q, want %q", in, got, want)
		}
	}
}

func TestComparisonPeriods(t *testing.T) {
	tests := []struct{ in, key, label, err string }{
		{"2020", "2020", "2020", ""},
		{"2017-H2", "2017-H2", "tweede halfjaar 2017", ""},
		{"2017-H1", "2017-H1", "eerste halfjaar 2017", ""},
		{"2020-Q2", "2020-Q2", "2e kwartaal 2020", ""},
		{"2021-12", "2021-12", "december 2021", ""},
		{"2021-01", "2021-01", "januari 2021", ""},
		{"2021-1", "", "", `period "2021-1" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"2021-13", "", "", `period "2021-13" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"2000-H01", "", "", `period "2000-H01" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"2020-Q02", "", "", `period "2020-Q02" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"2020-Q5", "", "", `period "2020-Q5" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"2017-H3", "", "", `period "2017-H3" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"2019JJ00", "", "", `period "2019JJ00" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
		{"1700", "", "", `period "1700": year 1700 is out of range`},
		{"", "", "", `period "" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`},
	}
	for _, tt := range tests {
		p, err := ParseComparisonPeriod(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%q: error %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || p.String() != tt.key || p.Label() != tt.label || ComparisonPeriodLabel(tt.in) != tt.label {
			t.Errorf("%q: %v %q %q, want %q %q", tt.in, err, p.String(), p.Label(), tt.key, tt.label)
		}
	}
	if got := ReferenceLabel("2023-05-01"); got != "1 mei 2023" {
		t.Errorf("reference label %q", got)
	}
}

func TestComparisonNotations(t *testing.T) {
	got := waarStaat().UsedNotations()
	want := []Notation{NotationNil, NotationUnknown, NotationNotYetKnown, NotationNotApplicable}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("used %v, want %v", got, want)
	}
	tbl := waarStaat()
	tbl.Rows = tbl.Rows[:1]
	if got := tbl.UsedNotations(); !reflect.DeepEqual(got, []Notation{NotationNotYetKnown}) {
		t.Errorf("used %v", got)
	}
	for _, n := range Notations {
		if n.Meaning() == "" {
			t.Errorf("%q has no meaning", n)
		}
	}
}

// TestComparisonProblems: every rule of a comparison table, with where and
// what.
func TestComparisonProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *ComparisonTable)
		want   []string
	}{
		{"valid", func(t *ComparisonTable) {}, nil},
		{"reference", func(t *ComparisonTable) { t.Reference = "1 mei 2023" },
			[]string{`/reference: reference date "1 mei 2023" is not a date as YYYY-MM-DD`}},
		{"areas", func(t *ComparisonTable) {
			t.Areas = append(t.Areas, ComparisonArea{Name: "Nederland", Code: " NL01"}, ComparisonArea{})
			for i := range t.Rows {
				t.Rows[i].Areas = append(t.Rows[i].Areas, Number("1"), Number("2"))
			}
		}, []string{
			`/areas/2/name: area "Nederland" appears twice`,
			`/areas/2/code: area code " NL01" has spaces around it`,
			"/areas/3/name: area name is required",
		}},
		{"no rows", func(t *ComparisonTable) { t.Rows = nil }, []string{"/rows: a comparison table needs at least one row"}},
		{"row texts and period", func(t *ComparisonTable) {
			t.Rows[0].Name, t.Rows[0].Unit, t.Rows[0].Period = "", " ", "2019JJ00"
		}, []string{
			"/rows/0/name: name is required",
			"/rows/0/unit: unit is blank",
			`/rows/0/period: period "2019JJ00" is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)`,
		}},
		{"figures", func(t *ComparisonTable) {
			t.Rows[1].Value = Figure{}
			t.Rows[1].Areas = []Figure{Number("1e3"), Missing("nnb")}
			t.Rows[2].Areas = []Figure{Number("007"), {Decimal: "1", Notation: "-"}}
		}, []string{
			`/rows/1/value: a figure is required: a number or one of "-", ".", "n.n.b.", "n.v.t."`,
			"/rows/1/areas/0: figure 1e3 is not a plain decimal number (digits, a decimal point, no exponent)",
			`/rows/1/areas/1: "nnb" is not a notation; use "-" (nihil), "." (onbekend of geheim), "n.n.b." (nog niet bekend) or "n.v.t." (niet van toepassing)`,
			"/rows/2/areas/0: figure 007 is not a plain decimal number (digits, a decimal point, no exponent)",
			"/rows/2/areas/1: a figure is a number or a notation, not both",
		}},
		{"statline", func(t *ComparisonTable) {
			t.Rows[0].StatLine = &StatLineSource{Table: "70072ned", Measure: "", Dims: map[string]string{"Geslacht": " "}}
		}, []string{"/rows/0/statline/measure: measure is required", "/rows/0/statline/dims/Geslacht: code is blank"}},
		{"area count", func(t *ComparisonTable) { t.Rows[0].Areas = t.Rows[0].Areas[:1] }, []string{"/rows/0/areas: 1 figures for 2 areas"}},
		{"indicator", func(t *ComparisonTable) {
			t.Rows[1].Indicator = "onbekend"
			t.Rows[2].Indicator, t.Rows[2].Period = "banen", "2020"
		}, []string{
			`/rows/1/indicator: indicator "onbekend" is not on this page`,
			`/rows/2/indicator: indicator "banen" has period 2020 already in row 0`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl := waarStaat()
			tt.change(tbl)
			c := &checker{}
			c.comparison(nil, tbl, map[string]bool{"banen": true})
			var got []string
			for _, p := range c.ps {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// FuzzComparisonPeriod: a period that parses prints back as its key, with
// a label; anything else is an error.
func FuzzComparisonPeriod(f *testing.F) {
	for _, s := range []string{"2020", "2017-H2", "2020-Q2", "2021-12", "2021-1", "", "9999-Q9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseComparisonPeriod(s)
		if err != nil {
			return
		}
		if p.String() != s || p.Label() == "" {
			t.Fatalf("%q parsed as %+v, prints %q", s, p, p.String())
		}
	})
}

// FuzzFigureJSON: whatever a figure decodes from, a valid one encodes to
// JSON that decodes to the same figure.
func FuzzFigureJSON(f *testing.F) {
	for _, s := range []string{`12.50`, `"n.n.b."`, `-0.5`, `1e3`, `null`, `"x"`, `007`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var fig Figure
		if err := json.Unmarshal(in, &fig); err != nil {
			return
		}
		c := &checker{}
		c.figure(nil, fig)
		if len(c.ps) > 0 {
			return
		}
		out, err := json.Marshal(fig)
		if err != nil {
			t.Fatalf("%+v: %v", fig, err)
		}
		var again Figure
		if err := json.Unmarshal(out, &again); err != nil || again != fig {
			t.Fatalf("%s -> %+v -> %s -> %+v, %v", in, fig, out, again, err)
		}
	})
}
