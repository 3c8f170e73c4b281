package koers_test

import (
	"math"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#ffffff", 1},
		{"#1a5a96", "#ffffff", 7.13},
		{"#767676", "#ffffff", 4.54},
	}
	for _, tt := range tests {
		if got := koers.Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestThemeCheck(t *testing.T) {
	tests := []struct {
		theme koers.Theme
		field string // "" for none
		says  string
	}{
		{koers.Theme{}, "", ""},
		{koers.Theme{Colour: "#1a5a96", Logo: `<svg xmlns="http://www.w3.org/2000/svg"/>`}, "", ""},
		{koers.Theme{Colour: "blue"}, "colour", "#rrggbb"},
		{koers.Theme{Colour: "#ffdd00"}, "colour", "contrast"},
		{koers.Theme{Logo: "<png/>"}, "logo", "not an SVG"},
		{koers.Theme{Logo: `<svg><script>alert(1)</script></svg>`}, "logo", "scripts"},
		{koers.Theme{Logo: `<svg onload="x()"/>`}, "logo", "event handlers"},
	}
	for _, tt := range tests {
		got := tt.theme.Check()
		if tt.field == "" {
			if len(got) != 0 {
				t.Errorf("%+v: %v", tt.theme, got)
			}
			continue
		}
		if !strings.Contains(got[tt.field], tt.says) {
			t.Errorf("%+v: %v, want %s to say %q", tt.theme, got, tt.field, tt.says)
		}
	}
	if d := koers.Darker("#1a5a96", 0.5); d != "#0d2d4b" {
		t.Errorf("Darker = %s", d)
	}
}
