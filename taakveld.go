package koers

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Taakveld is a task field of the Iv3 classification (BBV, "Informatie voor
// derden") by which a municipality books every euro of lasten and baten:
// "6.1 Samenkracht en burgerparticipatie", "6.71a Hulp bij het huishouden
// (WMO)". The set changes over the years; catalogue/iv3-taakvelden.csv holds
// every period and doc/iv3.md tells where it comes from.
type Taakveld struct {
	Code string // e.g. "6.71a"
	Name string // e.g. "Hulp bij het huishouden (WMO)"
}

// firstTaakveldYear is the first year with taakvelden: the BBV brought them
// in with the begroting 2017 (before, Iv3 used functies).
const firstTaakveldYear = 2017

//go:embed catalogue/iv3-taakvelden.csv
var taakveldenCSV []byte

// taakveldRow is one taakveld with one name over one period.
type taakveldRow struct {
	Taakveld
	from, to   int      // years, both included; to 0: still valid
	successors []string // the codes that took it over in to+1
}

func (r taakveldRow) validIn(year int) bool {
	return year >= r.from && (r.to == 0 || year <= r.to)
}

// taakveldCatalogue parses the embedded file once, on first use, so that a
// broken file fails TestTaakveldCatalogueLoads rather than the program's
// start.
var taakveldCatalogue = sync.OnceValues(func() ([]taakveldRow, error) {
	return parseTaakvelden(taakveldenCSV)
})

// TaakveldIn returns the taakveld with code that is valid in year, the year
// of the document (a begroting 2024 uses the 2024 set). Years before 2017 have
// none; years after the last change use the newest set.
func TaakveldIn(year int, code string) (Taakveld, bool) {
	rows, err := taakveldCatalogue()
	if err != nil {
		return Taakveld{}, false
	}
	code = normTaakveldCode(code)
	for _, r := range rows {
		if r.Code == code && r.validIn(year) {
			return r.Taakveld, true
		}
	}
	return Taakveld{}, false
}

// Taakvelden returns every taakveld valid in year, in the order of the BBV
// (see CompareTaakveldCodes).
func Taakvelden(year int) []Taakveld {
	rows, err := taakveldCatalogue()
	if err != nil {
		return nil
	}
	var set []Taakveld
	for _, r := range rows {
		if r.validIn(year) {
			set = append(set, r.Taakveld)
		}
	}
	return set
}

// ValidateTaakveld returns nil when code is a taakveld in year, and else an
// EINVALID error that says what is wrong: in which years the code is valid,
// and which codes took it over when it was split or renumbered. It reads as
// the other problems of a bundle or ledger do, in English.
func ValidateTaakveld(year int, code string) error {
	rows, err := taakveldCatalogue()
	if err != nil {
		return fmt.Errorf("iv3 taakvelden catalogue: %w", err)
	}
	c := normTaakveldCode(code)
	if !isTaakveldCode(c) {
		return Errorf(EINVALID, "%q is not a taakveld code (such as 6.1 or 6.71a)", code)
	}
	var own []taakveldRow
	for _, r := range rows {
		if r.Code == c {
			if r.validIn(year) {
				return nil
			}
			own = append(own, r)
		}
	}
	var notes []string
	switch {
	case year < firstTaakveldYear:
		notes = append(notes, fmt.Sprintf("taakvelden exist from %d", firstTaakveldYear))
	case len(own) > 0:
		notes = append(notes, "valid "+periods(own))
		last := own[len(own)-1]
		if last.to != 0 && year > last.to {
			if succ := successorsIn(rows, c, year); len(succ) == 1 {
				notes = append(notes, "now "+succ[0])
			} else if len(succ) > 1 {
				notes = append(notes, "split into "+codeRuns(succ))
			}
		}
	}
	msg := fmt.Sprintf("taakveld %q does not exist in %d", c, year)
	if len(notes) > 0 {
		msg += " (" + strings.Join(notes, "; ") + ")"
	}
	return Errorf(EINVALID, "%s", msg)
}

// periods writes the years of rows (one code, in order) as "in 2017–2022",
// "from 2025" or "in 2017–2020 and from 2023", joining adjacent rows.
func periods(rows []taakveldRow) string {
	var spans [][2]int
	for _, r := range rows {
		if n := len(spans); n > 0 && spans[n-1][1] != 0 && spans[n-1][1]+1 == r.from {
			spans[n-1][1] = r.to
		} else {
			spans = append(spans, [2]int{r.from, r.to})
		}
	}
	parts := make([]string, len(spans))
	for i, s := range spans {
		switch {
		case s[1] == 0:
			parts[i] = fmt.Sprintf("from %d", s[0])
		case s[0] == s[1]:
			parts[i] = strconv.Itoa(s[0])
		default:
			parts[i] = fmt.Sprintf("%d–%d", s[0], s[1])
		}
	}
	if strings.HasPrefix(parts[0], "from") {
		return joinAnd(parts)
	}
	return "in " + joinAnd(parts)
}

// successorsIn follows the successors of code, over as many changes as it
// takes, to the codes valid in year: 6.71 in 2025 is 6.711–6.714 by way of
// 6.71a–6.71d.
func successorsIn(rows []taakveldRow, code string, year int) []string {
	var found []string
	seen := map[string]bool{code: true}
	queue := []string{code}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, r := range rows {
			if r.Code != c || r.to == 0 || r.to >= year {
				continue
			}
			for _, s := range r.successors {
				if seen[s] {
					continue
				}
				seen[s] = true
				if slices.ContainsFunc(rows, func(x taakveldRow) bool { return x.Code == s && x.validIn(year) }) {
					found = append(found, s)
				} else {
					queue = append(queue, s)
				}
			}
		}
	}
	slices.SortFunc(found, CompareTaakveldCodes)
	return found
}

// codeRuns writes sorted codes with runs of three or more shortened:
// "6.72a–6.72d, 6.73a–6.73c en 6.74a–6.74c", "6.81a en 6.81b".
func codeRuns(codes []string) string {
	var parts []string
	for i := 0; i < len(codes); {
		j := i
		for j+1 < len(codes) && nextInRun(codes[j], codes[j+1]) {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, codes[i]+"–"+codes[j])
		} else {
			parts = append(parts, codes[i:j+1]...)
		}
		i = j + 1
	}
	return joinAnd(parts)
}

// nextInRun reports whether b follows a in its last character: 6.71a, 6.71b;
// 6.751, 6.752.
func nextInRun(a, b string) bool {
	return len(a) == len(b) && a[:len(a)-1] == b[:len(b)-1] && a[len(a)-1]+1 == b[len(b)-1]
}

func joinAnd(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// CompareTaakveldCodes orders taakveld codes as the BBV lists them: by the
// number before the dot, then the part after it read digit by digit (0.61
// and 0.64 come between 0.5 and 0.7, 6.711 under 6.7), except that a part of
// two or more digits starting with 1 is one number (0.10 and 0.11 follow
// 0.9); a letter suffix follows its parent (6.71, 6.71a, 6.71b, 6.72). Codes
// of another form sort after all taakvelden, as plain strings.
func CompareTaakveldCodes(a, b string) int {
	ka, oka := taakveldKey(a)
	kb, okb := taakveldKey(b)
	switch {
	case oka && okb:
		return slices.Compare(ka, kb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}

func taakveldKey(code string) ([]int, bool) {
	if !isTaakveldCode(code) {
		return nil, false
	}
	head, sub, _ := strings.Cut(code, ".")
	var letter byte
	if c := sub[len(sub)-1]; c >= 'a' && c <= 'z' {
		letter, sub = c, sub[:len(sub)-1]
	}
	h, err := strconv.Atoi(head)
	if err != nil {
		return nil, false
	}
	key := []int{h}
	if len(sub) > 1 && sub[0] == '1' {
		n, err := strconv.Atoi(sub)
		if err != nil {
			return nil, false
		}
		key = append(key, n)
	} else {
		for i := 0; i < len(sub); i++ {
			key = append(key, int(sub[i]-'0'))
		}
	}
	if letter != 0 {
		// After its parent, before a deeper digit: 6.71, 6.71a, 6.711 (the
		// two never share a year; this keeps the periods in file order).
		key = append(key, int(letter)-1000)
	}
	return key, true
}

// isTaakveldCode reports whether code has the form of a taakveld code:
// digits, a dot, digits, at most one lowercase letter ("6.71a").
func isTaakveldCode(code string) bool {
	head, sub, ok := strings.Cut(code, ".")
	if !ok || len(head) == 0 || len(head) > 2 || !allDigits(head) {
		return false
	}
	if n := len(sub); n > 0 && sub[n-1] >= 'a' && sub[n-1] <= 'z' {
		sub = sub[:n-1]
	}
	return len(sub) > 0 && len(sub) <= 4 && allDigits(sub)
}

// normTaakveldCode forgives the spacing and capital letters of codes typed
// or copied by people: " 6.71A" is 6.71a.
func normTaakveldCode(code string) string {
	return strings.ToLower(strings.TrimSpace(code))
}

// parseTaakvelden reads the catalogue file and checks it: every code well
// formed, no code valid twice in a year, every successor valid the year
// after its predecessor ends. The rows come back in BBV order.
func parseTaakvelden(data []byte) ([]taakveldRow, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = 5
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if want := []string{"code", "name", "from_year", "to_year", "successors"}; !slices.Equal(header, want) {
		return nil, fmt.Errorf("header is %q, want %q", header, want)
	}
	var rows []taakveldRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		r, err := parseTaakveldRow(rec)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		return nil, errors.New("no taakvelden")
	}
	slices.SortStableFunc(rows, func(a, b taakveldRow) int {
		if c := CompareTaakveldCodes(a.Code, b.Code); c != 0 {
			return c
		}
		return a.from - b.from
	})
	for i := 1; i < len(rows); i++ {
		p, r := rows[i-1], rows[i]
		if p.Code == r.Code && (p.to == 0 || p.to >= r.from) {
			return nil, fmt.Errorf("taakveld %s: periods from %d and from %d overlap", r.Code, p.from, r.from)
		}
	}
	for _, r := range rows {
		for _, s := range r.successors {
			ok := slices.ContainsFunc(rows, func(x taakveldRow) bool { return x.Code == s && x.validIn(r.to+1) })
			if !ok {
				return nil, fmt.Errorf("taakveld %s: successor %s is no taakveld in %d", r.Code, s, r.to+1)
			}
		}
	}
	return rows, nil
}

func parseTaakveldRow(rec []string) (taakveldRow, error) {
	r := taakveldRow{Taakveld: Taakveld{Code: rec[0], Name: strings.TrimSpace(rec[1])}}
	if !isTaakveldCode(r.Code) {
		return r, fmt.Errorf("%q is no taakveld code", r.Code)
	}
	if r.Name == "" {
		return r, fmt.Errorf("taakveld %s has no name", r.Code)
	}
	var err error
	if r.from, err = strconv.Atoi(rec[2]); err != nil || r.from < firstTaakveldYear {
		return r, fmt.Errorf("taakveld %s: from_year %q is not a year from %d on", r.Code, rec[2], firstTaakveldYear)
	}
	if rec[3] != "" {
		if r.to, err = strconv.Atoi(rec[3]); err != nil || r.to < r.from {
			return r, fmt.Errorf("taakveld %s: to_year %q is not a year from %d on", r.Code, rec[3], r.from)
		}
	}
	r.successors = strings.Fields(rec[4])
	for _, s := range r.successors {
		if !isTaakveldCode(s) {
			return r, fmt.Errorf("taakveld %s: successor %q is no taakveld code", r.Code, s)
		}
	}
	if r.to == 0 && len(r.successors) > 0 {
		return r, fmt.Errorf("taakveld %s is still valid and has successors", r.Code)
	}
	return r, nil
}
