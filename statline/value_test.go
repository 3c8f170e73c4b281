package statline

import "testing"

func TestParseCell(t *testing.T) {
	tests := []struct {
		in   string
		want Value
		text bool
	}{
		{"27000", Value{Decimal: "27000"}, false},
		{"   27000", Value{Decimal: "27000"}, false},
		{"12,3", Value{Decimal: "12.3"}, false},
		{"12.30", Value{Decimal: "12.30"}, false},
		{"-0,5", Value{Decimal: "-0.5"}, false},
		{"+007", Value{Decimal: "7"}, false},
		{"0,0", Value{Decimal: "0.0"}, false},
		{"-0.00", Value{Decimal: "0.00"}, false},
		{"     .", Value{Missing: Unknown, Note: "."}, false},
		{"x", Value{Missing: Secret, Note: "x"}, false},
		{"-", Value{Missing: Nil, Note: "-"}, false},
		{"", Value{Missing: Impossible}, false},
		{"Leiderdorp", Value{}, true},
	}
	for _, tt := range tests {
		v, text, err := parseCell(tt.in)
		if err != nil || v != tt.want || text != tt.text {
			t.Errorf("%q: got %+v %v %v, want %+v %v", tt.in, v, text, err, tt.want, tt.text)
		}
	}
	for _, bad := range []string{"1.", ".5", "1,2,3", "1.234,5", "1 234", "--1", "1e3", "12 %", "½", "*"} {
		if _, text, err := parseCell(bad); err == nil || text {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestJSONDecimal(t *testing.T) {
	tests := map[string]string{
		"0": "0", "-0": "0", "17282163": "17282163", "29.4": "29.4", "17282163.0": "17282163.0",
		"1.5E3": "1500", "1.50e1": "15.0", "25E-3": "0.025", "-2.5E-1": "-0.25", "1E+2": "100", "0.0": "0.0",
	}
	for in, want := range tests {
		if got, ok := jsonDecimal(in); !ok || got != want {
			t.Errorf("%s: got %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestScaled(t *testing.T) {
	tests := []struct {
		d     string
		units int64
		scale int
		ok    bool
	}{
		{"12.30", 1230, 2, true},
		{"-4", -4, 0, true},
		{"0.025", 25, 3, true},
		{"99999999999999999999", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		u, s, ok := Value{Decimal: tt.d}.Scaled()
		if u != tt.units || s != tt.scale || ok != tt.ok {
			t.Errorf("%q: got %d %d %v", tt.d, u, s, ok)
		}
	}
}

func TestNotation(t *testing.T) {
	for n, want := range map[Notation][2]string{
		Unknown:    {".", "gegevens ontbreken: onbekend, onvoldoende betrouwbaar of geheim"},
		Secret:     {"x", "geheim"},
		Nil:        {"-", "nihil"},
		Impossible: {"", "een cijfer kan op logische gronden niet voorkomen"},
	} {
		if n.Mark() != want[0] || n.Meaning() != want[1] {
			t.Errorf("%v: %q %q", n, n.Mark(), n.Meaning())
		}
	}
}

func TestRegionKind(t *testing.T) {
	for code, want := range map[string]string{"NL01": "NL", "GM0547": "GM", "PV28": "PV", "LD03": "LD", "CR17": "CR", "WK054701": "WK", "BU05470101": "BU", "": ""} {
		if got := RegionKind(code); got != want {
			t.Errorf("%q: %q", code, got)
		}
	}
}
