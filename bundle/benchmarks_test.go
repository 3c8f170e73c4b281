package bundle_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/koers-nl/koers/bundle"
)

func TestDecodeBenchmarks(t *testing.T) {
	semi := "\ufeffindicator;area;period;value;unit;source;reference_date\n" +
		"participatiewet-uitkeringen;NL01;2020-01;400670;count;CBS;2020-06-30\n" +
		"\n" +
		"jongeren-met-jeugdhulp;NL01;2020;9,7;percentage;CBS;\n"
	list, err := bundle.DecodeBenchmarks("b.csv", []byte(semi))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Value != 400670 || list[1].Value != 9.7 || list[1].Year() != 2020 {
		t.Errorf("decoded %+v", list)
	}
	comma := "indicator,area,period,value,unit,source,reference_date\nx,GM0547,2021,11.5,percentage,\"CBS, voorlopig\",\n"
	list, err = bundle.DecodeBenchmarks("c.csv", []byte(comma))
	if err != nil || list[0].Value != 11.5 || list[0].Source != "CBS, voorlopig" {
		t.Errorf("comma form: %+v, %v", list, err)
	}
	// Encode and decode again.
	again, err := bundle.DecodeBenchmarks("again.csv", bundle.EncodeBenchmarks(list))
	if err != nil || again[0] != list[0] {
		t.Errorf("round trip: %+v, %v", again, err)
	}
}

func TestBadBenchmarks(t *testing.T) {
	head := "indicator;area;period;value;unit;source;reference_date\n"
	good := "x;NL01;2020;1;count;;\n"
	tests := []struct {
		name, csv string
		line      int
		says      string
	}{
		{"empty", "", 1, "empty"},
		{"wrong header", "indicator;area;jaar;value;unit;source;reference_date\n" + good, 1, "header must be"},
		{"too few columns", head + good + "x;NL01;2021;1;count\n", 3, "5 columns"},
		{"bad area", head + "x;Leiderdorp;2020;1;count;;\n", 2, "area"},
		{"bad period", head + good + "x;NL01;mei 2020;1;count;;\n", 3, "period"},
		{"thousands separator", head + "x;NL01;2020;400.670;count;;\n", 2, "not a number"},
		{"text value", head + "x;NL01;2020;veel;count;;\n", 2, "not a number"},
		{"bad unit", head + "x;NL01;2020;1;stuks;;\n", 2, "unit"},
		{"percentage out of range", head + "x;NL01;2020;101;percentage;;\n", 2, "outside 0 to 100"},
		{"duplicate", head + good + good, 3, "already on line 2"},
		{"bad date", head + "x;NL01;2020;1;count;;30-06-2020\n", 2, "reference_date"},
		{"quote", head + "x;NL01;2020;1;count;\"open;\n", 2, "malformed CSV"},
		{"no figures", head, 2, "no figures"},
	}
	for _, tt := range tests {
		_, err := bundle.DecodeBenchmarks("bench.csv", []byte(tt.csv))
		var be *bundle.Error
		if !errors.As(err, &be) {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		if be.Problems[0].Line != tt.line || !strings.Contains(be.Problems[0].Message, tt.says) || !strings.Contains(err.Error(), "bench.csv:") {
			t.Errorf("%s: %v, want line %d saying %q", tt.name, err, tt.line, tt.says)
		}
	}
}
