package koers

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Money is an amount in whole euro cents. Money is never a float: sums and
// comparisons are exact, and "€ 1.234,10" ten times is "€ 12.341,00".
type Money int64

// MaxMoney bounds amounts to what a municipality can report (a thousand
// billion euros), far from int64's edge so that sums of many amounts stay
// exact.
const MaxMoney Money = 1e12 * 100

// ParseMoney reads an amount written as a plain decimal in euros, with a
// decimal point and at most two decimals: "1234.1", "-60000", "0.05". It
// is how JSON and koers's own files write amounts; it refuses exponents,
// thousands separators and anything else.
func ParseMoney(s string) (Money, error) {
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(digits, ".")
	if whole == "" || !allDigits(whole) || (hasFrac && (frac == "" || !allDigits(frac))) {
		return 0, fmt.Errorf("%q is not an amount in euros (digits, a decimal point, at most two decimals)", s)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than two decimals; amounts are in whole cents", s)
	}
	if len(whole) > 13 {
		return 0, fmt.Errorf("%q is larger than %s", s, MaxMoney)
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	cents := w * 100
	if frac != "" {
		f, _ := strconv.ParseInt((frac + "0")[:2], 10, 64)
		cents += f
	}
	m := Money(cents)
	if neg {
		m = -m
	}
	if m > MaxMoney || m < -MaxMoney {
		return 0, fmt.Errorf("%q is larger than %s", s, MaxMoney)
	}
	return m, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// MoneyFromFloat converts a float amount in euros to cents, rounding half
// away from zero; ok is false for NaN, infinities and amounts out of range.
// It is for the edges where a float is all there is (a chart's axis).
func MoneyFromFloat(f float64) (m Money, ok bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > float64(MaxMoney/100) {
		return 0, false
	}
	return Money(math.Round(f * 100)), true
}

// Float is the amount in euros as a float, for drawing only.
func (m Money) Float() float64 { return float64(m) / 100 }

// Decimal writes the amount as a plain decimal in euros with a point, the
// way JSON and CSV files of other tools read it: "1234.10", "-60000".
// Whole euros get no decimals.
func (m Money) Decimal() string {
	sign := ""
	c := uint64(m)
	if m < 0 {
		sign, c = "-", uint64(-(m+1))+1 // safe for the most negative int64
	}
	if c%100 == 0 {
		return fmt.Sprintf("%s%d", sign, c/100)
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// Number writes the amount in Dutch notation without the euro sign:
// "1.234,10", "60.000", "-14,50". Whole euros get no decimals, other
// amounts two.
func (m Money) Number() string {
	d := m.Decimal()
	return FormatNumberString(d)
}

// String writes the amount as a reader sees it: "€ 1.234,10", "€ 60.000",
// "€ -14,50".
func (m Money) String() string { return "€ " + m.Number() }

// Scaled writes the amount in units of scale euros (1.000 for a table
// headed "x € 1.000"), rounded half away from zero: a presentation of the
// amount, which itself stays exact.
func (m Money) Scaled(scale int64) string {
	if scale <= 1 {
		return m.Number()
	}
	unit := scale * 100
	c := int64(m)
	q := c / unit
	if r := c % unit; 2*absInt64(r) >= unit {
		if c < 0 {
			q--
		} else {
			q++
		}
	}
	return FormatNumberString(strconv.FormatInt(q, 10))
}

func absInt64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// MarshalJSON writes the amount as a JSON number in euros, exact:
// 1234.10, -60000.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(m.Decimal()), nil }

// UnmarshalJSON reads an amount in euros from a JSON number (or a string
// holding one) without passing through a float: 1234.1 is 123410 cents,
// 6e4 is 6000000. A number finer than cents or out of bounds is refused.
func (m *Money) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || s == "" || strings.ContainsAny(s, "/_ ") || strings.HasPrefix(s, "+") || strings.HasPrefix(s, ".") {
		return fmt.Errorf("%q is not an amount in euros", s)
	}
	r.Mul(r, big.NewRat(100, 1))
	if !r.IsInt() {
		return fmt.Errorf("%q is finer than whole cents", s)
	}
	if r.Num().CmpAbs(big.NewInt(int64(MaxMoney))) > 0 {
		return fmt.Errorf("%q is larger than %s", s, MaxMoney)
	}
	*m = Money(r.Num().Int64())
	return nil
}

// Abs is the amount without its sign.
func (m Money) Abs() Money {
	if m < 0 {
		return -m
	}
	return m
}
