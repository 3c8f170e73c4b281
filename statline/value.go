package statline

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Notation says why a cell holds no number, after the CBS legend
// ("verklaring van tekens").
type Notation uint8

const (
	// Number: the cell holds a number. "0" and "0,0" are numbers; in
	// StatLine they can also mean "less than half the unit shown".
	Number Notation = iota
	// Unknown is ".": the figure is unknown, not reliable enough, or
	// secret ("gegevens ontbreken").
	Unknown
	// Secret is "x": secret ("geheim"), in older tables.
	Secret
	// Nil is "-": nil, nothing ("nihil"). The quantity is zero, but CBS
	// wrote no number, so neither do we.
	Nil
	// Impossible is a blank cell: a figure cannot occur on logical
	// grounds ("een cijfer kan op logische gronden niet voorkomen").
	Impossible
	// Null is a JSON null in OData: no figure, and the source does not
	// say why (StatLine shows such a cell as "." or blank).
	Null
)

var notations = [...]struct{ mark, meaning string }{
	Number:     {"", "getal"},
	Unknown:    {".", "gegevens ontbreken: onbekend, onvoldoende betrouwbaar of geheim"},
	Secret:     {"x", "geheim"},
	Nil:        {"-", "nihil"},
	Impossible: {"", "een cijfer kan op logische gronden niet voorkomen"},
	Null:       {"", "geen cijfer; de bron zegt niet waarom"},
}

// Mark is the sign StatLine prints for n: ".", "x", "-", or "" (blank,
// and for Number and Null).
func (n Notation) Mark() string {
	if int(n) < len(notations) {
		return notations[n].mark
	}
	return ""
}

// Meaning is what n means, in Dutch, as the CBS legend says it.
func (n Notation) Meaning() string {
	if int(n) < len(notations) {
		return notations[n].meaning
	}
	return ""
}

func (n Notation) String() string {
	switch n {
	case Number:
		return "number"
	case Unknown:
		return "unknown"
	case Secret:
		return "secret"
	case Nil:
		return "nil"
	case Impossible:
		return "impossible"
	case Null:
		return "null"
	}
	return "Notation(" + strconv.Itoa(int(n)) + ")"
}

// Value is one cell. Numbers are kept exactly as decimals: never a float,
// so 0.1 stays 0.1 and 12.30 keeps its precision.
type Value struct {
	// Decimal is the number in canonical form: an optional "-", digits
	// without leading zeros, and the decimals as the source wrote them
	// after a point ("27000", "12.30", "-0.5", "0.0"). Empty when the
	// cell holds no number.
	Decimal string
	// Missing says why Decimal is empty; Number when it is not.
	Missing Notation
	// Note is the source's own mark for the cell as written: the
	// notation of a CSV cell or OData string ("." "x" "-", "" for
	// blank), "null" for a JSON null, or an OData v4 ValueAttribute
	// other than "None" (such as "Impossible"), which is kept even when
	// the cell has a number. Empty for plain numbers.
	Note string
}

// IsMissing reports whether the cell holds no number.
func (v Value) IsMissing() bool { return v.Decimal == "" }

// Scaled returns the number as units of 10^-scale: "12.30" is 1230, 2;
// "-4" is -4, 0. ok is false when the cell holds no number or the number
// does not fit an int64; Decimal has it exactly regardless.
func (v Value) Scaled() (units int64, scale int, ok bool) {
	if v.Decimal == "" {
		return 0, 0, false
	}
	whole, frac, _ := strings.Cut(v.Decimal, ".")
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	return n, len(frac), true
}

// parseCell reads the text of a measure cell as StatLine writes it in CSV
// and in OData's UntypedDataSet (right-aligned with spaces): a number with
// a decimal point or comma, or a notation. text is true when the cell is
// words (a text topic such as Gemeentenaam_1 in Kerncijfers wijken en
// buurten, which starts with a letter): such a cell is no figure and
// yields no observation. Anything else is an error, so that a garbled number is never mistaken for text.
func parseCell(s string) (v Value, text bool, err error) {
	t := strings.TrimSpace(s)
	switch t {
	case ".":
		return Value{Missing: Unknown, Note: t}, false, nil
	case "x":
		return Value{Missing: Secret, Note: t}, false, nil
	case "-":
		return Value{Missing: Nil, Note: t}, false, nil
	case "":
		return Value{Missing: Impossible}, false, nil
	}
	if d, ok := parseDecimal(t); ok {
		return Value{Decimal: d}, false, nil
	}
	// Words start with a letter; a cell that starts like a number ("1e3",
	// "12 %") is a garbled figure, not text.
	if first := []rune(t)[0]; unicode.IsLetter(first) {
		return Value{}, true, nil
	}
	return Value{}, false, &Error{Code: EValue, Msg: fmt.Sprintf(
		"%q is not a number (digits with a decimal point or comma) or a StatLine notation (. x - or blank)", t)}
}

// parseDecimal reads "[+-]digits[(.|,)digits]": no thousands separators,
// no exponent, so "1.234" and "1,234" both mean one and a bit; StatLine
// writes no thousands separators in its exports.
func parseDecimal(s string) (string, bool) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	i := strings.IndexAny(s, ".,")
	whole, frac := s, ""
	if i >= 0 {
		whole, frac = s[:i], s[i+1:]
		if frac == "" || !digits(frac) {
			return "", false
		}
	}
	if !digits(whole) {
		return "", false
	}
	return canonical(neg, whole, frac), true
}

// canonical joins the parts of a decimal in canonical form.
func canonical(neg bool, whole, frac string) string {
	whole = strings.TrimLeft(whole, "0")
	if whole == "" {
		whole = "0"
	}
	d := whole
	if frac != "" {
		d += "." + frac
	}
	// A zero has no sign: "-0.0" and "0.0" are the same figure.
	if neg && strings.Trim(whole+frac, "0") != "" {
		d = "-" + d
	}
	return d
}

// jsonDecimal turns a JSON number's text into a canonical decimal, exactly:
// an exponent moves the decimal point ("1.5E3" is "1500", "25E-3" is
// "0.025"), it never goes through a float.
func jsonDecimal(num string) (string, bool) {
	neg := strings.HasPrefix(num, "-")
	s := strings.TrimPrefix(num, "-")
	mant, exps, hasExp := strings.Cut(strings.ToLower(s), "e")
	whole, frac, _ := strings.Cut(mant, ".")
	if !digits(whole) || (strings.Contains(mant, ".") && !digits(frac)) {
		return "", false
	}
	if !hasExp {
		return canonical(neg, whole, frac), true
	}
	exp, err := strconv.Atoi(exps)
	if err != nil || exp > MaxField || exp < -MaxField {
		return "", false
	}
	all := whole + frac
	point := len(whole) + exp // position of the point within all
	switch {
	case point <= 0:
		whole, frac = "0", strings.Repeat("0", -point)+all
	case point >= len(all):
		whole, frac = all+strings.Repeat("0", point-len(all)), ""
	default:
		whole, frac = all[:point], all[point:]
	}
	d := canonical(neg, whole, frac)
	if len(d) > MaxField {
		return "", false
	}
	return d, true
}
