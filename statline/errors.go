package statline

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The codes of a decoding *Error, so that a caller can tell a broken file
// from one that is merely too big without reading messages.
const (
	ESyntax = "syntax" // not well-formed JSON or CSV
	EShape  = "shape"  // well-formed, but not a StatLine export of a form we read
	EValue  = "value"  // a cell: a period, a number, a code
	ELimit  = "limit"  // larger than the limits below
)

// The limits of one decode. They bound what a hostile or mistaken file can
// make us hold: the input is read as a stream and refused past MaxInput.
// Peak memory is the observations returned plus at most one oversized
// token or CSV record, which MaxInput bounds too.
const (
	MaxInput        = 256 << 20 // bytes read from the reader
	MaxObservations = 2_000_000
	MaxField        = 1000 // bytes in one key, code, number or cell
	MaxColumns      = 10_000
	// MaxDims bounds the dimensions besides region and period: CBS tables
	// have a handful, and every observation of a row carries them all, so
	// a row of thousands would make its consumers' work quadratic.
	MaxDims = 32
)

// Location says where in the input something is. For JSON it is a row of
// the "value" array and a field of it, shown as a JSON pointer
// (/value/12/Perioden); for CSV a line and a column, shown as
// `line 14, column "Perioden"`.
type Location struct {
	JSON   bool   // JSON: Row and Column; else CSV: Line and Column
	Row    int    // index in "value"; -1 for a place outside it
	Line   int    // 1-based line in a CSV file (BOM not counted)
	Column string // field or column name; "" for the row or line itself
	// Pointer is a JSON pointer used as is when Row is -1 (for errors
	// outside "value", such as "/odata.metadata").
	Pointer string
}

func (l Location) String() string {
	if l.JSON {
		if l.Row < 0 {
			return l.Pointer
		}
		p := "/value/" + strconv.Itoa(l.Row)
		if l.Column != "" {
			p += "/" + pointerEscape(l.Column)
		}
		return p
	}
	if l.Line == 0 {
		return ""
	}
	s := "line " + strconv.Itoa(l.Line)
	if l.Column != "" {
		s += ", column " + strconv.Quote(l.Column)
	}
	return s
}

// pointerEscape escapes a key for a JSON pointer (RFC 6901).
func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Error is what the decoders return: a code, where, and a message that
// quotes the bad value, e.g.
//
//	line 14, column "Perioden": "2019XX00" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)
type Error struct {
	Code string
	At   Location
	Msg  string
}

func (e *Error) Error() string {
	if at := e.At.String(); at != "" {
		return at + ": " + e.Msg
	}
	return e.Msg
}

// errTooLarge is what the limited reader returns past MaxInput.
var errTooLarge = errors.New("statline: input too large")

// limitReader reads at most max bytes and then fails with errTooLarge,
// rather than ending quietly as io.LimitReader does: a truncated file
// must not decode as a shorter one.
type limitReader struct {
	r   io.Reader
	n   int64 // bytes left
	err error
}

func newLimitReader(r io.Reader, max int64) *limitReader { return &limitReader{r: r, n: max} }

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if l.n <= 0 {
		// One byte more tells a file of exactly max bytes from a longer one.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n > 0 {
			l.err = errTooLarge
			return 0, l.err
		}
		return 0, err
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func tooLarge(at Location) *Error {
	return &Error{Code: ELimit, At: at, Msg: fmt.Sprintf("the input is larger than %d MiB", MaxInput>>20)}
}

func tooManyDims(at Location) *Error {
	return &Error{Code: ELimit, At: at, Msg: fmt.Sprintf("more than %d dimensions besides region and period", MaxDims)}
}

func fieldTooLong(at Location, s string) *Error {
	return &Error{Code: ELimit, At: at, Msg: fmt.Sprintf("%q… is longer than %d bytes", clip(s, 20), MaxField)}
}

// clip shortens s to at most n bytes without splitting a UTF-8 sequence.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
