package koers

import (
	"math"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
		err  string
	}{
		{"1234.1", 123410, ""},
		{"1234.10", 123410, ""},
		{"-60000", -6000000, ""},
		{"0.05", 5, ""},
		{"1000000000000", MaxMoney, ""},
		{"1000000000000.01", 0, `"1000000000000.01" is larger than € 1.000.000.000.000`},
		{"0.001", 0, `"0.001" has more than two decimals; amounts are in whole cents`},
		{"1e3", 0, `"1e3" is not an amount in euros (digits, a decimal point, at most two decimals)`},
		{"1.234,10", 0, `"1.234,10" is not an amount in euros (digits, a decimal point, at most two decimals)`},
		{"", 0, `"" is not an amount in euros (digits, a decimal point, at most two decimals)`},
		{"5.", 0, `"5." is not an amount in euros (digits, a decimal point, at most two decimals)`},
		{"NaN", 0, `"NaN" is not an amount in euros (digits, a decimal point, at most two decimals)`},
		{"99999999999999999999", 0, `"99999999999999999999" is larger than € 1.000.000.000.000`},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("ParseMoney(%q) = %d, %q; want %d, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

func TestMoneyFormats(t *testing.T) {
	tests := []struct {
		m                       Money
		str, decimal, thousands string
	}{
		{123410, "€ 1.234,10", "1234.10", "1"},
		{6000000, "€ 60.000", "60000", "60"},
		{-1450, "€ -14,50", "-14.50", "0"},
		{-1465432100, "€ -14.654.321", "-14654321", "-14.654"},
		{50000, "€ 500", "500", "1"}, // half a thousand rounds away from zero
		{-50000, "€ -500", "-500", "-1"},
		{0, "€ 0", "0", "0"},
		{math.MinInt64, "€ -92.233.720.368.547.758,08", "-92233720368547758.08", "-92.233.720.368.548"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.str {
			t.Errorf("%d.String() = %q, want %q", tt.m, got, tt.str)
		}
		if got := tt.m.Decimal(); got != tt.decimal {
			t.Errorf("%d.Decimal() = %q, want %q", tt.m, got, tt.decimal)
		}
		if got := tt.m.Scaled(1000); got != tt.thousands {
			t.Errorf("%d.Scaled(1000) = %q, want %q", tt.m, got, tt.thousands)
		}
		if tt.m < -MaxMoney {
			continue // writable, not storable
		}
		if back, err := ParseMoney(tt.m.Decimal()); err != nil || back != tt.m {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.m.Decimal(), back, err, tt.m)
		}
	}
	// The defects that made money a type of its own.
	var sum Money
	for i := 0; i < 10; i++ {
		sum += 123410
	}
	if sum.String() != "€ 12.341" {
		t.Errorf("ten times € 1.234,10 = %s", sum)
	}
	if got := (Money(10) + Money(20)).String(); got != "€ 0,30" {
		t.Errorf("0,10 + 0,20 = %s", got)
	}
}

func TestMoneyFromFloat(t *testing.T) {
	for _, tt := range []struct {
		f    float64
		want Money
		ok   bool
	}{{1234.1, 123410, true}, {0.1 + 0.2, 30, true}, {-0.005, -1, true}, {1e13, 0, false}} {
		got, ok := MoneyFromFloat(tt.f)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MoneyFromFloat(%v) = %d, %v; want %d, %v", tt.f, got, ok, tt.want, tt.ok)
		}
	}
}
