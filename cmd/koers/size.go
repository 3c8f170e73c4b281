package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits are the units parseSize reads, case-insensitively: powers of
// 1024 with "i", powers of 1000 without. A bare K, M or G is refused: it is
// read both ways in the wild.
var sizeUnits = map[string]int64{
	"":    1,
	"b":   1,
	"kib": 1 << 10,
	"mib": 1 << 20,
	"gib": 1 << 30,
	"kb":  1e3,
	"mb":  1e6,
	"gb":  1e9,
}

// parseSize reads a number of bytes: "67108864", "64MiB", "64 MiB", "500MB".
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("%q is not a size: write a whole number of bytes, or one with a unit: KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB", s)
	}
	if i < len(t) && (t[i] == '.' || t[i] == ',') {
		return 0, fmt.Errorf("%q: write a whole number (1536MiB, not 1.5GiB)", s)
	}
	unit := strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := sizeUnits[unit]
	if !ok {
		switch unit {
		case "k", "m", "g":
			return 0, fmt.Errorf("%q: say %s%siB (powers of 1024) or %s%sB (powers of 1000)", s, t[:i], strings.ToUpper(unit), t[:i], strings.ToUpper(unit))
		}
		return 0, fmt.Errorf("%q: unknown unit %q; use KiB, MiB, GiB (1024) or kB, MB, GB (1000), e.g. 64MiB", s, t[i:])
	}
	n, err := strconv.ParseInt(t[:i], 10, 64)
	if err != nil || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n * mult, nil
}
