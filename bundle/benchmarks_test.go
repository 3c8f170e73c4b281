package bundle_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

func TestDecodeBenchmarks(t *testing.T) {
	semi := "\ufeffindicator;area;period;value;unit;source;reference_date\n" +
		"participatiewet-uitkeringen;NL01;2020-01;400670;count;CBS;2020-06-30\n" +
		"\n" +
		"jongeren-met-jeugdhulp;NL01;2020;9,7;percentage;CBS;\r\n" +
		"saldo;GM0547;2021;-1234,5;amount;\"Jaarrekening \"\"2021\"\"; pagina 3\";\n" +
		"saldo;GM0547;2022;+0012;amount; Begroting ;"
	list, err := bundle.DecodeBenchmarks("b.csv", []byte(semi))
	if err != nil {
		t.Fatal(err)
	}
	want := []koers.Benchmark{
		{Indicator: "participatiewet-uitkeringen", Area: "NL01", Period: "2020-01", Value: 400670, Unit: koers.Count, Source: "CBS", ReferenceDate: "2020-06-30"},
		{Indicator: "jongeren-met-jeugdhulp", Area: "NL01", Period: "2020", Value: 9.7, Unit: koers.Percentage, Source: "CBS"},
		{Indicator: "saldo", Area: "GM0547", Period: "2021", Amount: -123450, Unit: koers.Amount, Source: `Jaarrekening "2021"; pagina 3`},
		{Indicator: "saldo", Area: "GM0547", Period: "2022", Amount: 1200, Unit: koers.Amount, Source: "Begroting"},
	}
	if fmt.Sprint(list) != fmt.Sprint(want) {
		t.Errorf("decoded\n%+v\nwant\n%+v", list, want)
	}
	comma := "indicator,area,period,value,unit,source,reference_date\nx,GM0547,2021,11.5,percentage,\"CBS, voorlopig\",\n"
	list, err = bundle.DecodeBenchmarks("c.csv", []byte(comma))
	if err != nil || len(list) != 1 || list[0].Value != 11.5 || list[0].Source != "CBS, voorlopig" {
		t.Errorf("comma form: %+v, %v", list, err)
	}
	// Encode and decode again.
	again, err := bundle.DecodeBenchmarks("again.csv", bundle.EncodeBenchmarks(want))
	if err != nil || fmt.Sprint(again) != fmt.Sprint(want) {
		t.Errorf("round trip: %+v, %v", again, err)
	}
}

// problems writes the error text expected for file with these problems,
// each "line:column: message".
func problems(file string, list ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: invalid benchmark file (%d %s)", file, len(list), map[bool]string{true: "problem", false: "problems"}[len(list) == 1])
	for _, p := range list {
		fmt.Fprintf(&b, "\n%s:%s", file, p)
	}
	return b.String()
}

func TestBadBenchmarks(t *testing.T) {
	head := "indicator;area;period;value;unit;source;reference_date\n"
	good := "x;NL01;2020;1;count;;\n"
	notNumber := "is not a number: digits with an optional sign and decimal comma; no thousands separators, exponents or spaces"
	tests := []struct {
		name, csv string
		want      []string // "line:column: message"
	}{
		{"empty", "", []string{"1:1: the file is empty; the first line must be the header indicator;area;period;value;unit;source;reference_date"}},
		{"wrong header", "indicator;area;jaar;value;unit;source;reference_date\n" + good,
			[]string{"1:1: the header must be indicator;area;period;value;unit;source;reference_date"}},
		{"comma header", "indicator,area\n", []string{"1:1: the header must be indicator,area,period,value,unit,source,reference_date"}},
		{"too few columns", head + good + "x;NL01;2021;1;count\n", []string{"3:1: 5 columns, want 7"}},
		{"too many columns", head + "x;NL01;2021;1;count;;;\n", []string{"2:1: 8 columns, want 7"}},
		{"bad area", head + "x;Leiderdorp;2020;1;count;;\n", []string{`2:3: area "Leiderdorp" is not an area code such as NL01 or GM0547`}},
		{"bad period", head + good + "x;NL01;mei 2020;1;count;;\n", []string{`3:8: period "mei 2020" is not YYYY, YYYY-MM or YYYY-MM-DD`}},
		{"bad indicator", head + "Jeugd Hulp;NL01;2020;1;count;;\n", []string{`2:1: indicator "Jeugd Hulp" is not an indicator key (lower case, digits and hyphens)`}},
		{"thousands separator", head + "x;NL01;2020;400.670;count;;\n", []string{`2:13: value "400.670" ` + notNumber}},
		{"text value", head + "x;NL01;2020;veel;count;;\n", []string{`2:13: value "veel" ` + notNumber}},
		{"empty value", head + "x;NL01;2020;;count;;\n", []string{`2:13: value "" ` + notNumber}},
		{"Inf", head + "x;NL01;2020;Inf;count;;\n", []string{`2:13: value "Inf" ` + notNumber}},
		{"infinity", head + "x;NL01;2020;-infinity;count;;\n", []string{`2:13: value "-infinity" ` + notNumber}},
		{"NaN", head + "x;NL01;2020;NaN;count;;\n", []string{`2:13: value "NaN" ` + notNumber}},
		{"hex float", head + "x;NL01;2020;0x1p-2;count;;\n", []string{`2:13: value "0x1p-2" ` + notNumber}},
		{"underscores", head + "x;NL01;2020;1_000;count;;\n", []string{`2:13: value "1_000" ` + notNumber}},
		{"exponent", head + "x;NL01;2020;1e-400;count;;\n", []string{`2:13: value "1e-400" ` + notNumber}},
		{"decimal comma exponent", head + "x;NL01;2020;1,5E3;count;;\n", []string{`2:13: value "1,5E3" ` + notNumber}},
		{"two signs", head + "x;NL01;2020;--1;count;;\n", []string{`2:13: value "--1" ` + notNumber}},
		{"no digits before comma", head + "x;NL01;2020;,5;count;;\n", []string{`2:13: value ",5" ` + notNumber}},
		{"no digits after comma", head + "x;NL01;2020;5,;count;;\n", []string{`2:13: value "5," ` + notNumber}},
		{"space inside", head + "x;NL01;2020;1 000;count;;\n", []string{`2:13: value "1 000" ` + notNumber}},
		{"decimal point in semicolon form", head + "x;NL01;2020;1.5;count;;\n", []string{`2:13: value "1.5" ` + notNumber}},
		{"decimal comma in comma form", "indicator,area,period,value,unit,source,reference_date\nx,NL01,2020,\"1,5\",count,,\n",
			[]string{`2:13: value "1,5" is not a number: digits with an optional sign and decimal point; no thousands separators, exponents or spaces`}},
		{"subnormal", head + "x;NL01;2020;0," + strings.Repeat("0", 320) + "1;count;;\n", []string{`2:13: value "0,00000000000000000000000000000000000000…" has more than 6 decimals`}},
		{"seven decimals", head + "x;NL01;2020;0,0000001;count;;\n", []string{`2:13: value "0,0000001" has more than 6 decimals`}},
		{"sixteen digits", head + "x;NL01;2020;-3999999999999999,5;amount;;\n", []string{`2:13: value "-3999999999999999,5" has more than 15 digits`}},
		{"huge", head + "x;NL01;2020;1" + strings.Repeat("0", 400) + ";amount;;\n", []string{`2:13: value "1000000000000000000000000000000000000000…" has more than 15 digits`}},
		{"bad unit", head + "x;NL01;2020;1;stuks;;\n", []string{`2:15: unit "stuks" is not count, percentage or amount`}},
		{"percentage out of range", head + "x;NL01;2020;100,5;percentage;;\n", []string{"2:13: percentage 100.5 is outside 0 to 100"}},
		{"amount finer than cents", head + "x;NL01;2020;1,005;amount;;\n", []string{"2:13: amount 1.005 is not in whole cents"}},
		{"count beyond the bounds", head + "x;NL01;2020;10000000000000;count;;\n", []string{"2:13: value 1e+13 is beyond the largest koers stores, 10^12 (a million million) either way"}},
		{"negative percentage", head + "x;NL01;2020;-1;percentage;;\n", []string{"2:13: percentage -1 is outside 0 to 100"}},
		{"duplicate", head + good + good, []string{"3:1: x NL01 2020 is already on line 2"}},
		{"bad date", head + "x;NL01;2020;1;count;;30-06-2020\n", []string{`2:22: reference_date "30-06-2020" is not YYYY-MM-DD`}},
		{"unclosed quote", head + "x;NL01;2020;1;count;\"open;\n", []string{"2:21: malformed CSV: the quoted field is not closed on this line"}},
		{"line break in quotes", head + "x;NL01;2020;1;count;\"CBS\nvoorlopig\";\n", []string{
			"2:21: malformed CSV: the quoted field is not closed on this line",
			"3:10: malformed CSV: a quote in an unquoted field; quote the whole field and double the quote"}},
		{"text after quote", head + "x;NL01;2020;1;count;\"CBS\" 2020;\n", []string{"2:26: malformed CSV: text after the closing quote of a field; double a quote inside a quoted field"}},
		{"bare quote", head + "x;NL01;2020;1;count;CBS \"2020\";\n", []string{"2:25: malformed CSV: a quote in an unquoted field; quote the whole field and double the quote"}},
		{"NUL", head + "x;NL01;2020;1;count;CBS\x00;\n", []string{`2:21: source "CBS\x00" holds a control character (U+0000)`}},
		{"tab", head + "x;NL01;2020;1;count;CBS\t2020;\n", []string{`2:21: source "CBS\t2020" holds a control character (U+0009)`}},
		{"carriage return", head + "x;NL01;2020;1;count;CBS\r2020;\n", []string{`2:21: source "CBS\r2020" holds a control character (U+000D)`}},
		{"DEL", head + "x;NL01;2020;1;count;CBS\x7f;\n", []string{`2:21: source "CBS\x7f" holds a control character (U+007F)`}},
		{"C1 control", head + "x;NL01;2020;1;count;CBS\u0085;\n", []string{`2:21: source "CBS\u0085" holds a control character (U+0085)`}},
		{"Latin-1", head + "x;NL01;2020;1;count;Caf\xe9;\n", []string{`2:21: source "Caf\xe9" is not valid UTF-8 (byte 0xe9); save the file as UTF-8`}},
		{"Latin-1 in a key", head + "x\xe9;NL01;2020;1;count;;\n", []string{`2:1: indicator "x\xe9" is not valid UTF-8 (byte 0xe9); save the file as UTF-8`}},
		{"control in an extra field", head + "x;NL01;2020;1;count;;;\x01\n", []string{
			`2:23: field 8 "\x01" holds a control character (U+0001)`}},
		{"column in characters", head + "x;NL01;2020;1;count;Één café;\x01\n", []string{
			`2:30: reference_date "\x01" holds a control character (U+0001)`}},
		{"no figures", head, []string{"2:1: the file has a header but no figures"}},
		{"only blank lines", head + "\n  \n", []string{"2:1: the file has a header but no figures"}},
		{"several problems", head + good + "y;NL1;2020;x;count;;\n" + good, []string{
			`3:3: area "NL1" is not an area code such as NL01 or GM0547`,
			`3:12: value "x" ` + notNumber,
			"4:1: x NL01 2020 is already on line 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := bundle.DecodeBenchmarks("bench.csv", []byte(tt.csv))
			var be *bundle.Error
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want *bundle.Error", err)
			}
			if list != nil {
				t.Errorf("returned %d figures with the error", len(list))
			}
			if koers.ErrorCode(err) != koers.EINVALID {
				t.Errorf("code = %q", koers.ErrorCode(err))
			}
			if want := problems("bench.csv", tt.want...); err.Error() != want {
				t.Errorf("error\n%s\nwant\n%s", err, want)
			}
		})
	}
}

func TestBenchmarkLimits(t *testing.T) {
	head := "indicator;area;period;value;unit;source;reference_date\n"
	rows := func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		for i := range n {
			fmt.Fprintf(&b, "x;NL01;%d;1;count;;\n", 2000+i)
		}
		return b.String()
	}
	limits := bundle.BenchmarkLimits{Bytes: 1000, Rows: 10, Field: 20}
	tests := []struct {
		name, csv string
		want      []string // nil for none
	}{
		{"within", rows(10), nil},
		{"too many rows", rows(11), []string{"12:1: the file has more than 10 figures; split it"}},
		{"field too long", head + "x;NL01;2020;1;count;" + strings.Repeat("a", 21) + ";\n", []string{"2:21: source is 21 bytes long; a field holds at most 20"}},
		{"field at the limit", head + "x;NL01;2020;1;count;" + strings.Repeat("a", 20) + ";\n", nil},
		// 7 fields of 20 bytes, quoted with every quote doubled: 303 bytes.
		{"line too long", head + strings.Repeat(";", 400) + "\n", []string{"2:1: the line is longer than 303 bytes; a field holds at most 20 bytes"}},
		// The header is 55 bytes, the figure 22, every blank line 1: byte
		// 1001 is on line 926.
		{"file too large", head + "x;NL01;2020;1;count;;\n" + strings.Repeat("\n", 2000), []string{"926:1: the file is larger than 1000 bytes"}},
		{"file at the limit", head + "x;NL01;2020;1;count;;\n" + strings.Repeat("\n", 1000-55-22), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			err := limits.Read("big.csv", strings.NewReader(tt.csv), func(koers.Benchmark) { n++ })
			if tt.want == nil {
				if err != nil || n == 0 {
					t.Errorf("%d figures, err = %v", n, err)
				}
				return
			}
			if err == nil || err.Error() != problems("big.csv", tt.want...) {
				t.Errorf("error\n%v\nwant\n%s", err, problems("big.csv", tt.want...))
			}
		})
	}
	// A file wrong in every row: a problem a row up to the bound, then the
	// reader stops and says so.
	err := bundle.ReadBenchmarks("bad.csv", strings.NewReader(head+strings.Repeat("x;NL01;2020;1;stuks;;\n", 2000)), func(koers.Benchmark) {})
	var be *bundle.Error
	if !errors.As(err, &be) || len(be.Problems) != 1001 {
		t.Fatalf("err = %.200v", err)
	}
	first, last := be.Problems[0], be.Problems[1000]
	if first != (bundle.Problem{Line: 2, Column: 15, Message: `unit "stuks" is not count, percentage or amount`}) ||
		last != (bundle.Problem{Line: 1001, Column: 1, Message: "stopped reading after 1000 problems"}) {
		t.Errorf("first %+v, last %+v", first, last)
	}
}

// TestReadBenchmarksStreams: a figure reaches the callback as soon as its
// line is read, before the input ends.
func TestReadBenchmarksStreams(t *testing.T) {
	pr, pw := io.Pipe()
	got := make(chan koers.Benchmark, 2)
	done := make(chan error)
	go func() {
		done <- bundle.ReadBenchmarks("pipe.csv", pr, func(b koers.Benchmark) { got <- b })
	}()
	fmt.Fprint(pw, "indicator;area;period;value;unit;source;reference_date\nx;NL01;2020;1;count;;\n")
	select {
	case b := <-got:
		if b.Period != "2020" {
			t.Errorf("first figure %+v", b)
		}
	case err := <-done:
		t.Fatalf("returned before the input ended: %v", err)
	case <-time.After(10 * time.Second): // a deadlock guard, not a measurement
		t.Fatal("no figure before the input ended")
	}
	fmt.Fprint(pw, "x;NL01;2021;2;count;;\n")
	pw.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if b := <-got; b.Period != "2021" {
		t.Errorf("second figure %+v", b)
	}
}

// FuzzReadBenchmarks: the reader never panics, and whatever it accepts is
// valid and comes back the same after encoding and reading again.
func FuzzReadBenchmarks(f *testing.F) {
	f.Add([]byte("indicator;area;period;value;unit;source;reference_date\nx;NL01;2020-01;400670;count;CBS;2020-06-30\n"))
	f.Add([]byte("indicator,area,period,value,unit,source,reference_date\nx,GM0547,2021,11.5,percentage,\"CBS, \"\"voorlopig\"\"\",\n"))
	f.Add([]byte("\ufeffindicator;area;period;value;unit;source;reference_date\r\nx;NL01;2020;-0,5;amount;;\r\n\r\ny;NL01;2020;+7;count; a ;\n"))
	f.Add([]byte("indicator;area;period;value;unit;source;reference_date\nx;NL01;2020;1e-400;count;\x00;\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		limits := bundle.BenchmarkLimits{Bytes: 4096, Rows: 50, Field: 100}
		var list []koers.Benchmark
		if err := limits.Read("fuzz.csv", bytes.NewReader(data), func(b koers.Benchmark) { list = append(list, b) }); err != nil {
			var be *bundle.Error
			if !errors.As(err, &be) || len(be.Problems) == 0 {
				t.Fatalf("err = %#v", err)
			}
			for _, p := range be.Problems {
				if p.Line < 1 || p.Column < 1 || p.Message == "" {
					t.Fatalf("problem %+v", p)
				}
			}
			return
		}
		if len(list) == 0 {
			t.Fatal("accepted a file without figures")
		}
		for _, b := range list {
			if b.Unit == koers.Percentage && (b.Value < 0 || b.Value > 100) || !b.Unit.Valid() || !koers.ValidSlug(b.Indicator) {
				t.Fatalf("accepted %+v", b)
			}
			for _, s := range []string{b.Indicator, b.Area, b.Period, b.Source, b.ReferenceDate} {
				if !utf8Clean(s) {
					t.Fatalf("accepted text %q", s)
				}
			}
		}
		again, err := bundle.DecodeBenchmarks("again.csv", bundle.EncodeBenchmarks(list))
		if err != nil {
			t.Fatalf("encoded figures do not read back: %v", err)
		}
		if fmt.Sprint(again) != fmt.Sprint(list) {
			t.Fatalf("round trip\n%+v\n%+v", list, again)
		}
	})
}

// utf8Clean reports whether s is valid UTF-8 without control characters
// or surrounding space.
func utf8Clean(s string) bool {
	if !utf8.ValidString(s) || strings.TrimSpace(s) != s {
		return false
	}
	return !strings.ContainsFunc(s, unicode.IsControl)
}

// BenchmarkReadBenchmarks reads a CSV of 1,000,000 figures, each with its
// own key, as `koers check` does: figures are counted, not kept. Besides
// time and allocations it reports the heap the reader holds live at the
// last row (after a collection; the duplicate check's keys) and the heap in
// use at its highest, garbage included (sampled every 10,000 rows). See
// scripts/csv-memory.sh for the peak RSS of the whole command.
func BenchmarkReadBenchmarks(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("indicator;area;period;value;unit;source;reference_date\n")
	const rows = 1_000_000
	for i := range rows {
		fmt.Fprintf(&buf, "indicator-%d;GM%04d;%d;%d,%d;count;CBS Statline;2021-06-30\n", i%500, i/500%400, 1900+i/200000, i%100000, i%10)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var peak, live uint64
	for b.Loop() {
		runtime.GC()
		base := heap().HeapAlloc
		n := 0
		err := bundle.ReadBenchmarks("big.csv", bytes.NewReader(data), func(koers.Benchmark) {
			switch n++; {
			case n == rows:
				runtime.GC()
				live = heap().HeapAlloc - base
			case n%10000 == 0:
				peak = max(peak, heap().HeapInuse-base)
			}
		})
		if err != nil || n != rows {
			b.Fatalf("%d figures, %v", n, err)
		}
	}
	b.ReportMetric(float64(live)/(1<<20), "live-MB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

func heap() runtime.MemStats {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m
}
