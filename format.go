package koers

import (
	"strconv"
	"strings"
)

// FormatNumber writes n in Dutch notation: a point between thousands and a
// comma before decimals ("1.992", "11,6", "-400.670"). It keeps the decimals
// the number has and adds none.
func FormatNumber(n float64) string {
	return FormatNumberString(strconv.FormatFloat(n, 'f', -1, 64))
}

// FormatNumberString writes a plain decimal ("-1234.5") in Dutch notation
// ("-1.234,5").
func FormatNumberString(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatValue writes n in Dutch notation for its unit: "1.992", "11,6%",
// "€ 60.000".
func FormatValue(n float64, u Unit) string {
	switch u {
	case Percentage:
		return FormatNumber(n) + "%"
	case Amount:
		// As money: "€ 1.500,50", not "€ 1.500,5".
		if m, ok := MoneyFromFloat(n); ok {
			return m.String()
		}
		return "€ " + FormatNumber(n)
	}
	return FormatNumber(n)
}

// CSVNumber writes a number for koers's CSV files: a decimal comma, no
// thousands separator, and empty for no number.
func CSVNumber(n *float64) string {
	if n == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*n, 'f', -1, 64), ".", ",", 1)
}
