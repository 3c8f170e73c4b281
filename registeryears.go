package koers

import (
	"slices"
	"strconv"
	"strings"
)

// MaxComputeYears bounds the years one computation of the register asks
// for: a decade and a half is what a series shows.
const MaxComputeYears = 30

// ParseYears reads the years to compute: one year ("2020"), a range
// ("2016-2025", also with an en dash), or a list of both separated by
// commas ("2016-2018,2020"). The years come back in ascending order, each
// once.
func ParseYears(s string) ([]int, error) {
	bad := func() error {
		return Errorf(EINVALID, "Geef jaren als 2020, 2016-2025 of 2016-2018,2020, tussen %d en %d.", MinYear, MaxYear)
	}
	seen := map[int]bool{}
	var out []int
	for part := range strings.SplitSeq(strings.ReplaceAll(s, "–", "-"), ",") {
		part = strings.TrimSpace(part)
		from, to, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(from))
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(to))
		}
		if err1 != nil || err2 != nil || a < MinYear || b > MaxYear || b < a {
			return nil, bad()
		}
		if b-a >= MaxComputeYears {
			return nil, Errorf(EINVALID, "Bereken hoogstens %d jaren tegelijk.", MaxComputeYears)
		}
		for y := a; y <= b; y++ {
			if !seen[y] {
				seen[y] = true
				out = append(out, y)
			}
		}
		if len(out) > MaxComputeYears {
			return nil, Errorf(EINVALID, "Bereken hoogstens %d jaren tegelijk.", MaxComputeYears)
		}
	}
	slices.Sort(out)
	return out, nil
}
