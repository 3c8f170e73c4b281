package statline

import (
	"fmt"
	"strconv"
	"time"
)

// PeriodKind is the frequency of a StatLine period.
type PeriodKind uint8

// The kinds of period StatLine keys encode (YYYY, two letters or digits,
// two digits). NoPeriod is the zero value: the observation comes from a
// table without a Perioden dimension (Kerncijfers wijken en buurten has
// the year in the table's title instead).
const (
	NoPeriod PeriodKind = iota
	Year                // 2019JJ00
	Quarter             // 2020KW02
	Month               // 2021MM12
	Week                // 2020W101: week 01
	WeekPart            // 2000X000: the part of a week at a year's edge
	Day                 // 20200315
)

var kindNames = [...]string{"none", "year", "quarter", "month", "week", "week part", "day"}

func (k PeriodKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "PeriodKind(" + strconv.Itoa(int(k)) + ")"
}

// Period is a decoded StatLine period key. N is the number within the year:
// the quarter (1–4), month (1–12), week (1–53; 0–53 for a week part); for
// a Day it is the day of the year's month M.
type Period struct {
	Year int
	Kind PeriodKind
	N    int
	// M is the month of a Day (1–12); zero for every other kind.
	M int
}

// periodExamples ends every "not a period" message, so that whoever reads
// it sees what a period key looks like.
const periodExamples = "(2019JJ00, 2020KW02, 2021MM12)"

// ParsePeriod reads a StatLine period key: a four-digit year, a two-letter
// frequency and a two-digit number. It knows the kinds StatLine uses:
// JJ00 (year), KW01–KW04 (quarter), MM01–MM12 (month), W101–W153 (week
// 01–53), X000–X053 (part of a week at the turn of a year) and MMDD for a
// day (20200315). The key must be exact: no spaces, capitals as StatLine
// writes them. StatLine has no half-year key that we know of.
func ParsePeriod(key string) (Period, error) {
	bad := func(why string) (Period, error) {
		msg := fmt.Sprintf("%q is not a StatLine period %s", key, periodExamples)
		if why != "" {
			msg = fmt.Sprintf("%q is not a StatLine period: %s", key, why)
		}
		return Period{}, &Error{Code: EValue, Msg: msg}
	}
	if len(key) != 8 || !digits(key[0:4]) || key[0] == '0' || !digits(key[6:8]) {
		return bad("")
	}
	year, _ := strconv.Atoi(key[0:4])
	n, _ := strconv.Atoi(key[6:8])
	switch typ := key[4:6]; {
	case typ == "JJ":
		if n != 0 {
			return bad("a year ends in JJ00")
		}
		return Period{Year: year, Kind: Year}, nil
	case typ == "KW":
		if n < 1 || n > 4 {
			return bad("a quarter is KW01 to KW04")
		}
		return Period{Year: year, Kind: Quarter, N: n}, nil
	case typ == "MM":
		if n < 1 || n > 12 {
			return bad("a month is MM01 to MM12")
		}
		return Period{Year: year, Kind: Month, N: n}, nil
	case typ == "W1":
		if n < 1 || n > 53 {
			return bad("a week is W101 to W153")
		}
		return Period{Year: year, Kind: Week, N: n}, nil
	case typ == "X0":
		if n > 53 {
			return bad("a part of a week is X000 to X053")
		}
		return Period{Year: year, Kind: WeekPart, N: n}, nil
	case digits(typ):
		m, _ := strconv.Atoi(typ)
		// time.Date normalises 31 April to 1 May: a day that does not
		// come back unchanged does not exist.
		t := time.Date(year, time.Month(m), n, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || n < 1 || t.Month() != time.Month(m) || t.Day() != n {
			return bad("no such day")
		}
		return Period{Year: year, Kind: Day, N: n, M: m}, nil
	}
	return bad("")
}

// String returns the canonical form of p, which is its StatLine key
// ("2020KW02"): it is unambiguous, sorts within a kind, and ParsePeriod
// reads it back to p. The zero Period is "".
func (p Period) String() string {
	switch p.Kind {
	case Year:
		return fmt.Sprintf("%04dJJ00", p.Year)
	case Quarter:
		return fmt.Sprintf("%04dKW%02d", p.Year, p.N)
	case Month:
		return fmt.Sprintf("%04dMM%02d", p.Year, p.N)
	case Week:
		return fmt.Sprintf("%04dW1%02d", p.Year, p.N)
	case WeekPart:
		return fmt.Sprintf("%04dX0%02d", p.Year, p.N)
	case Day:
		return fmt.Sprintf("%04d%02d%02d", p.Year, p.M, p.N)
	}
	return ""
}

var maanden = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december"}

// Label returns p in Dutch as a reader writes it: "2019", "2e kwartaal
// 2020", "december 2021", "week 1 2020", "deel van week 0 2000", "15 maart
// 2020". The zero Period is "".
func (p Period) Label() string {
	switch p.Kind {
	case Year:
		return strconv.Itoa(p.Year)
	case Quarter:
		return fmt.Sprintf("%de kwartaal %d", p.N, p.Year)
	case Month:
		if p.N >= 1 && p.N <= 12 {
			return fmt.Sprintf("%s %d", maanden[p.N-1], p.Year)
		}
	case Week:
		return fmt.Sprintf("week %d %d", p.N, p.Year)
	case WeekPart:
		return fmt.Sprintf("deel van week %d %d", p.N, p.Year)
	case Day:
		if p.M >= 1 && p.M <= 12 {
			return fmt.Sprintf("%d %s %d", p.N, maanden[p.M-1], p.Year)
		}
	}
	return ""
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
