package bundle

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/koers-nl/koers"
)

// BenchmarkColumns are the columns of a benchmark CSV, in order.
var BenchmarkColumns = []string{"indicator", "area", "period", "value", "unit", "source", "reference_date"}

var (
	areaCode   = regexp.MustCompile(`^[A-Z]{2}[0-9]{2,4}$`)
	periodForm = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
	dateForm   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// A benchmark value is a plain decimal: an optional sign, digits, and
// optionally the decimal separator and more digits. Bounding the digits
// keeps every accepted value exact to its last digit as a float64 (15
// significant digits always are), far from overflow and from underflow to
// zero or a subnormal.
const (
	MaxValueDigits   = 15 // in all
	MaxValueDecimals = 6  // after the decimal separator
)

// BenchmarkLimits bound what one benchmark CSV may hold, so that a
// mistaken or hostile file is refused early and checking takes bounded
// memory.
type BenchmarkLimits struct {
	Bytes int64 // the whole file
	Rows  int   // figures, not counting the header and blank lines
	Field int   // bytes in one field
}

// DefaultBenchmarkLimits are the limits ReadBenchmarks and DecodeBenchmarks
// apply.
var DefaultBenchmarkLimits = BenchmarkLimits{Bytes: 256 << 20, Rows: 2_000_000, Field: 1000}

// maxKept bounds the problems kept from one file: past it the reader stops,
// saying so, rather than collect a problem for every row of a file that is
// wrong throughout.
const maxKept = 1000

// DecodeBenchmarks reads comparison figures from CSV (see
// doc/open-data.md) held in memory. Every problem is reported with its
// line and column; on any problem nothing is returned.
func DecodeBenchmarks(name string, data []byte) ([]koers.Benchmark, error) {
	var out []koers.Benchmark
	if err := ReadBenchmarks(name, bytes.NewReader(data), func(b koers.Benchmark) { out = append(out, b) }); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadBenchmarks reads comparison figures from CSV (see doc/open-data.md)
// within DefaultBenchmarkLimits: UTF-8, a header row with BenchmarkColumns,
// separated by ";" with decimal commas or by "," with decimal points.
func ReadBenchmarks(name string, r io.Reader, each func(koers.Benchmark)) error {
	return DefaultBenchmarkLimits.Read(name, r, each)
}

// Read reads comparison figures from r one line at a time, so that memory
// does not grow with the rows beyond what the duplicate check keeps. It
// calls each with every figure of a valid row as it goes, and returns every
// problem found, each with its line and column, as an *Error. When it
// returns an error, what each was given must not be used.
func (l BenchmarkLimits) Read(name string, r io.Reader, each func(koers.Benchmark)) error {
	cr := &csvReader{limits: l, src: &countReader{r: r, max: l.Bytes}}
	// A quoted field may double its quotes: a line holds at most this much.
	cr.maxLine = len(BenchmarkColumns)*(2*l.Field+3) + 2
	cr.in = bufio.NewReaderSize(cr.src, min(cr.maxLine, 64<<10))
	cr.read(each)
	if len(cr.list) == 0 {
		return nil
	}
	return &Error{File: name, Problems: cr.list, CSV: true}
}

// csvReader is the state of one benchmark CSV being read.
type csvReader struct {
	limits  BenchmarkLimits
	src     *countReader
	in      *bufio.Reader
	maxLine int
	line    int    // 1-based number of the current line
	text    []byte // the current line, without its line ending
	buf     []byte // the current line when it spans the reader's buffer
	sep     byte
	decimal string // "," or "."
	list    []Problem
	fields  []field  // of the current line, reused
	rec     []string // the current row's trimmed fields, reused

	// The duplicate check keeps every (indicator, area, period) it saw as
	// three small numbers, each text once.
	ids  [3]map[string]uint32
	seen map[[3]uint32]int32
}

// problem records what is wrong at a column (1-based, in characters) of
// the current line.
func (cr *csvReader) problem(col int, format string, args ...any) {
	cr.list = append(cr.list, Problem{Line: cr.line, Column: col, Message: fmt.Sprintf(format, args...)})
}

// full reports whether enough problems were found to stop.
func (cr *csvReader) full() bool {
	if len(cr.list) < maxKept {
		return false
	}
	cr.problem(1, "stopped reading after %d problems", len(cr.list))
	return true
}

// column is the 1-based character column of byte offset off in the line.
func (cr *csvReader) column(off int) int {
	return utf8.RuneCount(cr.text[:min(off, len(cr.text))]) + 1
}

// next reads the next line into cr.text. It returns false at the end of the
// input and on a problem reading it (recorded).
func (cr *csvReader) next() bool {
	cr.buf = cr.buf[:0]
	cr.line++
	for {
		part, err := cr.in.ReadSlice('\n')
		cr.buf = append(cr.buf, part...)
		if len(cr.buf) > cr.maxLine {
			cr.text = cr.buf[:0]
			cr.problem(1, "the line is longer than %d bytes; a field holds at most %d bytes", cr.maxLine, cr.limits.Field)
			return false
		}
		cr.text = bytes.TrimSuffix(bytes.TrimSuffix(cr.buf, []byte("\n")), []byte("\r"))
		switch {
		case err == nil:
			return true
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			return len(cr.buf) > 0
		case errors.Is(err, errTooLarge):
			cr.text = cr.buf[:0]
			cr.problem(1, "the file is larger than %d bytes", cr.limits.Bytes)
			return false
		default:
			cr.text = cr.buf[:0]
			cr.problem(1, "cannot read the file: %v", err)
			return false
		}
	}
}

func (cr *csvReader) read(each func(koers.Benchmark)) {
	if !cr.next() {
		if len(cr.list) == 0 {
			cr.problem(1, "the file is empty; the first line must be the header %s", strings.Join(BenchmarkColumns, ";"))
		}
		return
	}
	cr.text = bytes.TrimPrefix(cr.text, []byte("\xef\xbb\xbf")) // a BOM from spreadsheets
	cr.sep, cr.decimal = ',', "."
	if bytes.Count(cr.text, []byte(";")) > bytes.Count(cr.text, []byte(",")) {
		cr.sep, cr.decimal = ';', ","
	}
	header, ok := cr.split()
	if !ok {
		return
	}
	for i, want := range BenchmarkColumns {
		if i >= len(header) || strings.ToLower(strings.TrimSpace(header[i].text)) != want {
			cr.problem(1, "the header must be %s", strings.Join(BenchmarkColumns, string(cr.sep)))
			return
		}
	}
	for i := range cr.ids {
		cr.ids[i] = map[string]uint32{}
	}
	cr.seen = map[[3]uint32]int32{}
	rows := 0
	for !cr.full() && cr.next() {
		if len(bytes.TrimSpace(cr.text)) == 0 {
			continue // a blank line
		}
		if rows++; rows > cr.limits.Rows {
			cr.problem(1, "the file has more than %d figures; split it", cr.limits.Rows)
			return
		}
		fields, ok := cr.split()
		if !ok {
			continue
		}
		if b, ok := cr.row(fields); ok {
			each(b)
		}
	}
	if len(cr.list) == 0 && rows == 0 {
		cr.line = 2 // where the first figure belongs
		cr.problem(1, "the file has a header but no figures")
	}
}

// field is one field of a line: its text, unquoted, and where it starts
// (the byte offset of its first character or opening quote).
type field struct {
	text  string
	start int
}

// split splits the current line into fields, as RFC 4180 has them but
// within one line: a line break in a field is not a character a benchmark
// may hold. It checks each field's size and characters.
func (cr *csvReader) split() ([]field, bool) {
	fields := cr.fields[:0]
	defer func() { cr.fields = fields[:0] }()
	s := cr.text
	ok := true
	for i := 0; ; {
		f := field{start: i}
		if i < len(s) && s[i] == '"' {
			var b []byte
			j := i + 1
			for {
				k := bytes.IndexByte(s[j:], '"')
				if k < 0 {
					cr.problem(cr.column(i), "malformed CSV: the quoted field is not closed on this line")
					return nil, false
				}
				b = append(b, s[j:j+k]...)
				j += k + 1
				if j < len(s) && s[j] == '"' { // a doubled quote
					b = append(b, '"')
					j++
					continue
				}
				break
			}
			if j < len(s) && s[j] != cr.sep {
				cr.problem(cr.column(j), "malformed CSV: text after the closing quote of a field; double a quote inside a quoted field")
				return nil, false
			}
			f.text, i = string(b), j
		} else {
			j := bytes.IndexByte(s[i:], cr.sep)
			if j < 0 {
				j = len(s) - i
			}
			if q := bytes.IndexByte(s[i:i+j], '"'); q >= 0 {
				cr.problem(cr.column(i+q), "malformed CSV: a quote in an unquoted field; quote the whole field and double the quote")
				return nil, false
			}
			f.text, i = string(s[i:i+j]), i+j
		}
		ok = cr.checkText(len(fields), f) && ok
		fields = append(fields, f)
		if i >= len(s) {
			return fields, ok
		}
		i++ // past the separator
	}
}

// columnName is the name of field i for messages.
func columnName(i int) string {
	if i < len(BenchmarkColumns) {
		return BenchmarkColumns[i]
	}
	return "field " + strconv.Itoa(i+1)
}

// checkText checks a field's size and characters: valid UTF-8 without
// control characters (NUL, tab, line breaks, DEL and the like).
func (cr *csvReader) checkText(i int, f field) bool {
	if len(f.text) > cr.limits.Field {
		cr.problem(cr.column(f.start), "%s is %d bytes long; a field holds at most %d", columnName(i), len(f.text), cr.limits.Field)
		return false
	}
	for k, r := range f.text {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(f.text[k:], "\uFFFD"):
			cr.problem(cr.column(f.start), "%s %s is not valid UTF-8 (byte %#x); save the file as UTF-8", columnName(i), quote(f.text), f.text[k])
			return false
		case unicode.IsControl(r):
			cr.problem(cr.column(f.start), "%s %s holds a control character (%U)", columnName(i), quote(f.text), r)
			return false
		}
	}
	return true
}

// quote quotes a field's text for a message, shortened when long.
func quote(s string) string {
	const most = 40
	if utf8.RuneCountInString(s) <= most {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:most]) + "…")
}

// row checks the fields of one figure's row and returns the figure.
func (cr *csvReader) row(fields []field) (koers.Benchmark, bool) {
	if len(fields) != len(BenchmarkColumns) {
		cr.problem(1, "%d columns, want %d", len(fields), len(BenchmarkColumns))
		return koers.Benchmark{}, false
	}
	rec := cr.rec[:0]
	for _, f := range fields {
		rec = append(rec, strings.TrimSpace(f.text))
	}
	cr.rec = rec
	col := func(i int) int { return cr.column(fields[i].start) }
	before := len(cr.list)
	b := koers.Benchmark{Indicator: rec[0], Area: rec[1], Period: rec[2], Unit: koers.Unit(rec[4]), Source: rec[5], ReferenceDate: rec[6]}
	if !koers.ValidSlug(b.Indicator) {
		cr.problem(col(0), "indicator %s is not an indicator key (lower case, digits and hyphens)", quote(b.Indicator))
	}
	if !areaCode.MatchString(b.Area) {
		cr.problem(col(1), "area %s is not an area code such as NL01 or GM0547", quote(b.Area))
	}
	if !periodForm.MatchString(b.Period) {
		cr.problem(col(2), "period %s is not YYYY, YYYY-MM or YYYY-MM-DD", quote(b.Period))
	}
	if v, msg := cr.number(rec[3]); msg != "" {
		cr.problem(col(3), "value %s %s", quote(rec[3]), msg)
	} else {
		// The domain's bounds, as for an indicator's values.
		if msg := koers.ValueProblem(v, b.Unit); b.Unit.Valid() && msg != "" {
			cr.problem(col(3), "%s", msg)
		} else if b.Unit == koers.Amount {
			b.Amount, _ = koers.MoneyFromFloat(v) // whole cents, checked above
		} else {
			b.Value = v
		}
	}
	if !b.Unit.Valid() {
		cr.problem(col(4), "unit %s is not count, percentage or amount", quote(rec[4]))
	}
	if b.ReferenceDate != "" && !dateForm.MatchString(b.ReferenceDate) {
		cr.problem(col(6), "reference_date %s is not YYYY-MM-DD", quote(b.ReferenceDate))
	}
	if len(cr.list) > before {
		return b, false
	}
	key := [3]uint32{cr.id(0, b.Indicator), cr.id(1, b.Area), cr.id(2, b.Period)}
	if first, ok := cr.seen[key]; ok {
		cr.problem(col(0), "%s %s %s is already on line %d", b.Indicator, b.Area, b.Period, first)
		return b, false
	}
	cr.seen[key] = int32(cr.line)
	return b, true
}

// id numbers the distinct texts of a key column.
func (cr *csvReader) id(col int, s string) uint32 {
	if id, ok := cr.ids[col][s]; ok {
		return id
	}
	id := uint32(len(cr.ids[col]))
	cr.ids[col][s] = id
	return id
}

// number parses a plain decimal in the file's notation; msg says what is
// wrong with it otherwise.
func (cr *csvReader) number(s string) (v float64, msg string) {
	sign := 0
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign = 1
	}
	whole, frac, hasFrac := strings.Cut(s[sign:], cr.decimal)
	plain := func(d string) bool {
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				return false
			}
		}
		return d != ""
	}
	if !plain(whole) || (hasFrac && !plain(frac)) {
		other := map[string]string{",": "comma", ".": "point"}[cr.decimal]
		return 0, fmt.Sprintf("is not a number: digits with an optional sign and decimal %s; no thousands separators, exponents or spaces", other)
	}
	digits := len(strings.TrimLeft(whole, "0")) + len(frac)
	switch {
	case len(frac) > MaxValueDecimals:
		return 0, fmt.Sprintf("has more than %d decimals", MaxValueDecimals)
	case digits > MaxValueDigits:
		return 0, fmt.Sprintf("has more than %d digits", MaxValueDigits)
	}
	v, err := strconv.ParseFloat(strings.Replace(s, cr.decimal, ".", 1), 64)
	if err != nil { // cannot happen for what passed above
		return 0, "is not a number"
	}
	return v, ""
}

// errTooLarge is what countReader returns past its limit.
var errTooLarge = errors.New("input too large")

// countReader passes on at most max bytes; past them, if there are more,
// it fails with errTooLarge.
type countReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (c *countReader) Read(p []byte) (int, error) {
	if c.n >= c.max {
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.max-c.n {
		p = p[:c.max-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// csvFigure writes a figure with a decimal comma: an amount exactly in
// euros and cents.
func csvFigure(b koers.Benchmark) string {
	if b.Unit == koers.Amount {
		return strings.Replace(b.Amount.Decimal(), ".", ",", 1)
	}
	return koers.CSVNumber(&b.Value)
}

// EncodeBenchmarks writes figures in the same CSV form, with ";" and
// decimal commas.
func EncodeBenchmarks(list []koers.Benchmark) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	_ = w.Write(BenchmarkColumns)
	for _, b := range list {
		_ = w.Write([]string{b.Indicator, b.Area, b.Period, csvFigure(b), string(b.Unit), b.Source, b.ReferenceDate})
	}
	w.Flush()
	return buf.Bytes()
}
