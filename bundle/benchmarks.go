package bundle

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// BenchmarkColumns are the columns of a benchmark CSV, in order.
var BenchmarkColumns = []string{"indicator", "area", "period", "value", "unit", "source", "reference_date"}

var (
	areaCode   = regexp.MustCompile(`^[A-Z]{2}[0-9]{2,4}$`)
	periodForm = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
	dateForm   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// DecodeBenchmarks reads comparison figures from CSV (see "Benchmarks" in
// doc/open-data.md): UTF-8, a header row with BenchmarkColumns, separated
// by ";" with decimal commas or by "," with decimal points. Every problem is
// reported with its line; on any problem nothing is returned.
func DecodeBenchmarks(name string, data []byte) ([]koers.Benchmark, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a BOM from spreadsheets
	ps := &problems{pos: positions{src: data}}
	fail := func(line int, format string, args ...any) {
		ps.list = append(ps.list, Problem{Line: line, Column: 1, Message: fmt.Sprintf(format, args...)})
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	sep := ','
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		sep = ';'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		line := 1
		if pe, ok := err.(*csv.ParseError); ok {
			line = pe.Line
		}
		fail(line, "malformed CSV: %v", err)
		return nil, ps.err(name)
	}
	if len(records) == 0 {
		fail(1, "the file is empty; the first line must be the header %s", strings.Join(BenchmarkColumns, string(sep)))
		return nil, ps.err(name)
	}
	for i, want := range BenchmarkColumns {
		if i >= len(records[0]) || strings.TrimSpace(strings.ToLower(records[0][i])) != want {
			fail(1, "the header must be %s", strings.Join(BenchmarkColumns, string(sep)))
			return nil, ps.err(name)
		}
	}
	var out []koers.Benchmark
	seen := map[[3]string]int{}
	for n, rec := range records[1:] {
		line := n + 2
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(BenchmarkColumns) {
			fail(line, "%d columns, want %d", len(rec), len(BenchmarkColumns))
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		b := koers.Benchmark{Indicator: rec[0], Area: rec[1], Period: rec[2], Unit: koers.Unit(rec[4]), Source: rec[5], ReferenceDate: rec[6]}
		if !koers.ValidSlug(b.Indicator) {
			fail(line, "indicator %q is not an indicator key (lower case, digits and hyphens)", b.Indicator)
		}
		if !areaCode.MatchString(b.Area) {
			fail(line, "area %q is not an area code such as NL01 or GM0547", b.Area)
		}
		if !periodForm.MatchString(b.Period) {
			fail(line, "period %q is not YYYY, YYYY-MM or YYYY-MM-DD", b.Period)
		}
		if !b.Unit.Valid() {
			fail(line, "unit %q is not count, percentage or amount", rec[4])
		}
		if b.ReferenceDate != "" && !dateForm.MatchString(b.ReferenceDate) {
			fail(line, "reference_date %q is not YYYY-MM-DD", b.ReferenceDate)
		}
		raw := rec[3]
		if sep == ';' {
			raw = strings.Replace(raw, ",", ".", 1)
		}
		v, err := strconv.ParseFloat(raw, 64)
		switch {
		case err != nil || (sep == ';' && strings.Contains(rec[3], ".")):
			fail(line, "value %q is not a number (no thousands separators; decimal %s)", rec[3], map[rune]string{';': "comma", ',': "point"}[sep])
		case b.Unit == koers.Percentage && (v < 0 || v > 100):
			fail(line, "percentage %v is outside 0 to 100", v)
		}
		b.Value = v
		key := [3]string{b.Indicator, b.Area, b.Period}
		if first, ok := seen[key]; ok {
			fail(line, "%s %s %s is already on line %d", b.Indicator, b.Area, b.Period, first)
		}
		seen[key] = line
		out = append(out, b)
	}
	if err := ps.err(name); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		fail(2, "the file has a header but no figures")
		return nil, ps.err(name)
	}
	return out, nil
}

// EncodeBenchmarks writes figures in the same CSV form, with ";" and
// decimal commas.
func EncodeBenchmarks(list []koers.Benchmark) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	_ = w.Write(BenchmarkColumns)
	for _, b := range list {
		_ = w.Write([]string{b.Indicator, b.Area, b.Period, koers.CSVNumber(&b.Value), string(b.Unit), b.Source, b.ReferenceDate})
	}
	w.Flush()
	return buf.Bytes()
}
