package main

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		err  string
	}{
		{"67108864", 64 << 20, ""},
		{"0", 0, ""},
		{"64MiB", 64 << 20, ""},
		{"64 MiB", 64 << 20, ""},
		{" 64mib ", 64 << 20, ""},
		{"1GiB", 1 << 30, ""},
		{"512KiB", 512 << 10, ""},
		{"500MB", 500e6, ""},
		{"2kB", 2000, ""},
		{"3GB", 3e9, ""},
		{"100B", 100, ""},
		{"", 0, `"" is not a size: write a whole number of bytes, or one with a unit: KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB`},
		{"MiB", 0, `"MiB" is not a size: write a whole number of bytes, or one with a unit: KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB`},
		{"-1", 0, `"-1" is not a size: write a whole number of bytes, or one with a unit: KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB`},
		{"1.5GiB", 0, `"1.5GiB": write a whole number (1536MiB, not 1.5GiB)`},
		{"1,5GB", 0, `"1,5GB": write a whole number (1536MiB, not 1.5GiB)`},
		{"64M", 0, `"64M": say 64MiB (powers of 1024) or 64MB (powers of 1000)`},
		{"64k", 0, `"64k": say 64KiB (powers of 1024) or 64KB (powers of 1000)`},
		{"64TB", 0, `"64TB": unknown unit "TB"; use KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB`},
		{"9223372036854775807", 1<<63 - 1, ""},
		{"9223372036854775808", 0, `"9223372036854775808" is too large`},
		{"9000000000GiB", 0, `"9000000000GiB" is too large`},
	} {
		got, err := parseSize(tt.in)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if got != tt.want || msg != tt.err {
			t.Errorf("parseSize(%q) = %d, %q; want %d, %q", tt.in, got, msg, tt.want, tt.err)
		}
	}
}

// FuzzParseSize: any input is a size or an error, never a panic or a
// negative size, and a size written back in bytes reads the same.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"64MiB", "0", "500 MB", "64M", "1.5GiB", "9223372036854775807", "9000000000GiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err != nil {
			return
		}
		if n < 0 {
			t.Fatalf("parseSize(%q) = %d", s, n)
		}
		if again, err := parseSize(strconv.FormatInt(n, 10)); err != nil || again != n {
			t.Fatalf("parseSize(%q) = %d, but %d reads as %d, %v", s, n, n, again, err)
		}
	})
}

// TestServeCacheSizes: a bad budget, by flag or environment, stops koers
// serve before it opens anything, naming the flag, its variable and the
// value.
func TestServeCacheSizes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		env  map[string]string
		err  string
	}{
		{[]string{"--cache-size", "64M"}, nil, `serve: --cache-size (or KOERS_CACHE_SIZE): "64M": say 64MiB (powers of 1024) or 64MB (powers of 1000)`},
		{nil, map[string]string{"KOERS_PDF_CACHE_SIZE": "veel"}, `serve: --pdf-cache-size (or KOERS_PDF_CACHE_SIZE): "veel" is not a size: write a whole number of bytes, or one with a unit: KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB`},
		{[]string{"--pdf-cache-size", "1TB"}, map[string]string{"KOERS_CACHE_SIZE": "1GiB"}, `serve: --pdf-cache-size (or KOERS_PDF_CACHE_SIZE): "1TB": unknown unit "TB"; use KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB`},
		{[]string{"--pdf-renders", "-1"}, nil, `serve: --pdf-renders (or KOERS_PDF_RENDERS): "-1" is not a number from 0 to 1000`},
		{nil, map[string]string{"KOERS_PDF_RENDERS": "twee"}, `serve: --pdf-renders (or KOERS_PDF_RENDERS): "twee" is not a number from 0 to 1000`},
	} {
		m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return tt.env[k] }}
		args := append([]string{"serve", "--db", "mysql://not-opened"}, tt.args...)
		if err := m.Run(context.Background(), args); err == nil || err.Error() != tt.err {
			t.Errorf("koers %v with %v: %v\nwant %s", args, tt.env, err, tt.err)
		}
	}
}
