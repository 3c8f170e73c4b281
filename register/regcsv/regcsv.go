// Package regcsv reads the register's CSV formats: what no iWmo or iJw
// message carries (local registrations, Participatiewet benefits, Wsw and
// beschut werk, providers, budget ceilings, population figures) into a
// koers.RegisterBatch. doc/register-csv.md describes the formats.
//
// A file is read whole and checked whole: every problem is reported with
// the file, the line and the column, and a file with a problem gives no
// batch at all. The BSN is turned into a pseudonym while reading and kept
// nowhere, not even in a problem's message.
package regcsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/koers-nl/koers"
)

// Pseudonymiser turns a BSN into the client's pseudonym (register.Keyer
// is one). It refuses what is not a BSN.
type Pseudonymiser interface {
	Pseudonym(bsn string) (koers.Pseudonym, error)
}

// Kind names one of the CSV formats; a file's name says which it is.
type Kind string

const (
	Registraties Kind = "registraties" // melding, onderzoek, jeugdteam, jbt, gesloten_plaatsing, clientervaring
	Uitkeringen  Kind = "uitkeringen"  // Participatiewet benefits
	Werk         Kind = "werk"         // Wsw placements and beschut werk
	Aanbieders   Kind = "aanbieders"   // providers by AGB code
	Plafonds     Kind = "plafonds"     // budget ceilings per provider and year
	Bevolking    Kind = "bevolking"    // population figures (CBS)
)

// Kinds lists the formats in the order doc/register-csv.md describes them.
var Kinds = []Kind{Registraties, Uitkeringen, Werk, Aanbieders, Plafonds, Bevolking}

// Separator is the column separator of every format: a semicolon, as
// Dutch spreadsheets write CSV (the comma is the decimal separator).
const Separator = ';'

// maxProblems bounds the problems one file reports: past it, the file is
// plainly of another kind and more lines say nothing new.
const maxProblems = 200

// KindOf tells the format of a file by its name: the name starts with the
// format's name, followed by ".csv" or by "-" or "_" and anything (e.g.
// "registraties-2024.csv").
func KindOf(name string) (Kind, bool) {
	base := strings.ToLower(filepath.Base(name))
	if !strings.HasSuffix(base, ".csv") {
		return "", false
	}
	stem := strings.TrimSuffix(base, ".csv")
	for _, k := range Kinds {
		if rest, ok := strings.CutPrefix(stem, string(k)); ok && (rest == "" || rest[0] == '-' || rest[0] == '_') {
			return k, true
		}
	}
	return "", false
}

// Decode reads file name from r, its format told by its name (KindOf).
func Decode(name string, r io.Reader, p Pseudonymiser) (*koers.RegisterBatch, error) {
	k, ok := KindOf(name)
	if !ok {
		return nil, koers.Errorf(koers.EINVALID, "%s: onbekend CSV-bestand; de naam begint met registraties, uitkeringen, werk, aanbieders, plafonds of bevolking en eindigt op .csv", filepath.Base(name))
	}
	return DecodeKind(k, name, r, p)
}

// DecodeKind reads r as a file of format k; name is the file's name in
// problems. The error is a *koers.Error (EINVALID) with the problems, each
// at the path [file, line, column].
func DecodeKind(k Kind, name string, r io.Reader, p Pseudonymiser) (*koers.RegisterBatch, error) {
	f, ok := formats[k]
	if !ok {
		return nil, koers.Errorf(koers.EINVALID, "onbekend CSV-formaat %q", k)
	}
	d := &decoder{file: filepath.Base(name), p: p, batch: &koers.RegisterBatch{}, clients: map[koers.Pseudonym]int{}, seen: map[string]int{}}
	d.read(f, r)
	if len(d.problems) > 0 {
		return nil, d.problems.Err("CSV file " + d.file)
	}
	return d.batch, nil
}

// column is one column of a format.
type column struct {
	name     string
	required bool // the column must be in the header and have a value
}

// format is one CSV format: its columns and what a line adds.
type format struct {
	columns []column
	line    func(d *decoder, l *line)
}

// decoder holds one file's reading.
type decoder struct {
	file     string
	p        Pseudonymiser
	batch    *koers.RegisterBatch
	clients  map[koers.Pseudonym]int // index in batch.Clients
	seen     map[string]int          // key of a record → the line it came on
	problems koers.Problems
}

func (d *decoder) fail(lineNo int, col, format string, args ...any) {
	if len(d.problems) >= maxProblems {
		return
	}
	path := []any{d.file, lineNo}
	if col != "" {
		path = append(path, col)
	}
	d.problems = append(d.problems, koers.Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

var bom = []byte{0xEF, 0xBB, 0xBF}

func (d *decoder) read(f format, r io.Reader) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, bom) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = Separator
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		d.fail(1, "", "Het bestand is leeg; de eerste regel noemt de kolommen.")
		return
	}
	if err != nil {
		d.csvError(err)
		return
	}
	index := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		known := false
		for _, c := range f.columns {
			known = known || c.name == h
		}
		switch {
		case h == "":
			d.fail(1, "", "Kolom %d heeft geen naam.", i+1)
		case !known:
			d.fail(1, h, "Onbekende kolom %q; dit bestand kent %s.", h, columnList(f.columns))
		case index[h] > 0:
			d.fail(1, h, "De kolom %q staat twee keer in de kopregel.", h)
		default:
			index[h] = i + 1
		}
	}
	for _, c := range f.columns {
		if c.required && index[c.name] == 0 {
			d.fail(1, c.name, "De kolom %q ontbreekt in de kopregel.", c.name)
		}
	}
	if len(d.problems) > 0 {
		return
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			d.csvError(err)
			return
		}
		n, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			d.fail(n, "", "De regel heeft %d velden, de kopregel %d.", len(rec), len(header))
			continue
		}
		f.line(d, &line{d: d, no: n, rec: rec, index: index})
		if len(d.problems) >= maxProblems {
			return
		}
	}
}

func (d *decoder) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		why := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			why = "een aanhalingsteken staat midden in een veld"
		case errors.Is(pe.Err, csv.ErrBareQuote):
			why = "een aanhalingsteken staat in een veld zonder aanhalingstekens"
		}
		d.fail(pe.Line, "", "Geen geldige CSV: %s.", why)
		return
	}
	d.fail(0, "", "Het bestand is niet te lezen: %v.", err)
}

func columnList(cs []column) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// line is one record being read.
type line struct {
	d     *decoder
	no    int
	rec   []string
	index map[string]int
	bad   bool // a problem was found on this line
}

func (l *line) fail(col, format string, args ...any) {
	l.bad = true
	l.d.fail(l.no, col, format, args...)
}

// text is a column's value, trimmed; "" when the column is absent. A
// required column without a value is a problem.
func (l *line) text(col string, required bool) string {
	i := l.index[col]
	v := ""
	if i > 0 {
		v = strings.TrimSpace(l.rec[i-1])
	}
	if v == "" && required {
		l.fail(col, "De kolom %q is leeg.", col)
	}
	if len(v) > 200 {
		l.fail(col, "De waarde is langer dan 200 tekens.")
		return ""
	}
	return v
}

var (
	isoDate   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	dutchDate = regexp.MustCompile(`^[0-9]{2}-[0-9]{2}-[0-9]{4}$`)
)

// date reads a date as YYYY-MM-DD or DD-MM-YYYY; zero when empty.
func (l *line) date(col string, required bool) time.Time {
	v := l.text(col, required)
	if v == "" {
		return time.Time{}
	}
	layout := ""
	switch {
	case isoDate.MatchString(v):
		layout = "2006-01-02"
	case dutchDate.MatchString(v):
		layout = "02-01-2006"
	default:
		l.fail(col, "%q is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.", v)
		return time.Time{}
	}
	t, err := time.Parse(layout, v)
	if err != nil {
		l.fail(col, "%q is geen bestaande datum.", v)
		return time.Time{}
	}
	if t.Year() < koers.MinYear || t.Year() > koers.MaxYear {
		l.fail(col, "De datum %q ligt buiten %d–%d.", v, koers.MinYear, koers.MaxYear)
		return time.Time{}
	}
	return t
}

// period reads a start and an end column; the end may be empty, and is
// not before the start.
func (l *line) period(startCol, endCol string) (start, end time.Time) {
	start = l.date(startCol, true)
	end = l.date(endCol, false)
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		l.fail(endCol, "De %s %s ligt voor de %s %s.", endCol, end.Format(time.DateOnly), startCol, start.Format(time.DateOnly))
	}
	return start, end
}

// number reads a whole number within [min, max]; 0 when empty.
func (l *line) number(col string, required bool, min, max int64) int64 {
	v := l.text(col, required)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || !allDigits(strings.TrimPrefix(v, "-")) {
		l.fail(col, "%q is geen geheel getal.", v)
		return 0
	}
	if n < min || n > max {
		l.fail(col, "%d ligt niet tussen %d en %d.", n, min, max)
		return 0
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ValidBSN reports whether s has the form of a BSN: nine digits that pass
// the elfproef.
func ValidBSN(s string) bool {
	if len(s) != 9 || !allDigits(s) {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(s[i]-'0') * (9 - i)
	}
	sum -= int(s[8] - '0')
	return sum%11 == 0
}

// client reads the client columns (bsn, geboortejaar, geslacht, wijk)
// and returns the pseudonym; the BSN itself goes no further.
func (l *line) client() koers.Pseudonym {
	bsn := l.text("bsn", true)
	year := l.number("geboortejaar", false, koers.MinYear, koers.MaxYear)
	sex := l.text("geslacht", false)
	switch sex {
	case "":
		sex = "0"
	case "0", "1", "2", "9":
	case "m", "M", "man":
		sex = "1"
	case "v", "V", "vrouw":
		sex = "2"
	default:
		l.fail("geslacht", "Onbekend geslacht %q; gebruik 0 (onbekend), 1 (man), 2 (vrouw) of 9 (niet gespecificeerd).", sex)
	}
	area := l.text("wijk", false)
	if len(area) > 40 {
		l.fail("wijk", "De wijk is langer dan 40 tekens.")
	}
	if bsn == "" {
		return ""
	}
	if !ValidBSN(bsn) {
		// The BSN is never repeated: a problem report may travel further
		// than the file.
		l.fail("bsn", "Dit is geen BSN: negen cijfers die de elfproef doorstaan.")
		return ""
	}
	ps, err := l.d.p.Pseudonym(bsn)
	if err != nil || !ps.Valid() {
		l.fail("bsn", "Het BSN is niet te pseudonimiseren.")
		return ""
	}
	if l.bad {
		return ps
	}
	c := koers.Client{Pseudonym: ps, BirthYear: int(year), Sex: sex, Area: area}
	if i, ok := l.d.clients[ps]; ok {
		// The same client again: what a later line knows fills gaps.
		old := &l.d.batch.Clients[i]
		if old.BirthYear == 0 {
			old.BirthYear = c.BirthYear
		}
		if old.Sex == "0" {
			old.Sex = c.Sex
		}
		if old.Area == "" {
			old.Area = c.Area
		}
	} else {
		l.d.clients[ps] = len(l.d.batch.Clients)
		l.d.batch.Clients = append(l.d.batch.Clients, c)
	}
	return ps
}

// unique records that key was read on this line, and reports a problem
// when an earlier line had it.
func (l *line) unique(col, key, what string) {
	if prev, ok := l.d.seen[key]; ok {
		l.fail(col, "%s staat al op regel %d.", what, prev)
		return
	}
	l.d.seen[key] = l.no
}

var (
	agbPattern = regexp.MustCompile(`^[0-9]{8}$`)
	keyPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

func (l *line) agb() string {
	v := l.text("agb", true)
	if v != "" && !agbPattern.MatchString(v) {
		l.fail("agb", "De AGB-code %q heeft geen acht cijfers.", v)
	}
	return v
}

// money reads an amount in euros: "1.234.567,89", "1234567,89" or
// "1234567", optionally after "€".
func (l *line) money(col string) koers.Money {
	v := l.text(col, true)
	if v == "" {
		return 0
	}
	m, ok := parseEuro(v)
	if !ok {
		l.fail(col, "%q is geen bedrag in euro's; schrijf bijvoorbeeld 1.234.567,89 of 1234567.", v)
		return 0
	}
	return m
}

func parseEuro(s string) (koers.Money, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(s, "€"))
	whole, frac, hasFrac := strings.Cut(s, ",")
	if hasFrac && (len(frac) < 1 || len(frac) > 2 || !allDigits(frac)) {
		return 0, false
	}
	if strings.Contains(whole, ".") {
		groups := strings.Split(whole, ".")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		whole = strings.Join(groups, "")
	}
	if !allDigits(whole) || len(whole) > 12 {
		return 0, false
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	cents := w * 100
	if frac != "" {
		f, _ := strconv.ParseInt((frac + "0")[:2], 10, 64)
		cents += f
	}
	return koers.Money(cents), koers.Money(cents) <= koers.MaxMoney
}

var clientColumns = []column{{"bsn", true}, {"geboortejaar", false}, {"geslacht", false}, {"wijk", false}}

func withClient(cols ...column) []column {
	out := append([]column{cols[0]}, clientColumns...)
	return append(out, cols[1:]...)
}

var formats = map[Kind]format{
	Registraties: {
		columns: append([]column{{"soort", true}}, withClient(column{"id", true}, column{"datum", true}, column{"einddatum", false}, column{"uitkomst", false})...),
		line: func(d *decoder, l *line) {
			kind := koers.RegistrationKind(l.text("soort", true))
			known := false
			for _, k := range koers.RegistrationKinds {
				known = known || k == kind
			}
			if kind != "" && !known {
				l.fail("soort", "Onbekende soort %q; kies melding, onderzoek, jeugdteam, jbt, gesloten_plaatsing of clientervaring.", kind)
			}
			id := l.text("id", true)
			client := l.client()
			start, end := l.period("datum", "einddatum")
			outcome := l.text("uitkomst", false)
			if kind == koers.Clientervaring && outcome == "" {
				l.fail("uitkomst", "Een antwoord op het cliëntervaringsonderzoek heeft een uitkomst (bijvoorbeeld goed).")
			}
			if id != "" && known {
				l.unique("id", string(kind)+"|"+id, fmt.Sprintf("De %s met id %q", kind, id))
			}
			if !l.bad {
				d.batch.Registrations = append(d.batch.Registrations, koers.Registration{Kind: kind, ID: id, Client: client, Date: start, End: end, Outcome: outcome})
			}
		},
	},
	Uitkeringen: {
		columns: withClient(column{"id", true}, column{"begindatum", true}, column{"einddatum", false}),
		line: func(d *decoder, l *line) {
			id := l.text("id", true)
			client := l.client()
			start, end := l.period("begindatum", "einddatum")
			if id != "" {
				l.unique("id", id, fmt.Sprintf("De uitkering met id %q", id))
			}
			if !l.bad {
				d.batch.Benefits = append(d.batch.Benefits, koers.Benefit{ID: id, Client: client, Start: start, End: end})
			}
		},
	},
	Werk: {
		columns: withClient(column{"id", true}, column{"plaatsing", true}, column{"begindatum", true}, column{"einddatum", false}),
		line: func(d *decoder, l *line) {
			id := l.text("id", true)
			client := l.client()
			pl := koers.Placement(l.text("plaatsing", true))
			switch pl {
			case "", koers.BeschutBinnen, koers.Detachering, koers.BegeleidWerken, koers.NieuwBeschut:
			default:
				l.fail("plaatsing", "Onbekende plaatsing %q; kies beschut_binnen, detachering, begeleid_werken of beschut_werk.", pl)
			}
			start, end := l.period("begindatum", "einddatum")
			if id != "" {
				l.unique("id", id, fmt.Sprintf("De plaatsing met id %q", id))
			}
			if !l.bad {
				d.batch.Work = append(d.batch.Work, koers.Work{ID: id, Client: client, Placement: pl, Start: start, End: end})
			}
		},
	},
	Aanbieders: {
		columns: []column{{"agb", true}, {"naam", true}},
		line: func(d *decoder, l *line) {
			agb := l.agb()
			name := l.text("naam", true)
			if agb != "" {
				l.unique("agb", agb, fmt.Sprintf("De aanbieder %s", agb))
			}
			if !l.bad {
				d.batch.Providers = append(d.batch.Providers, koers.Provider{AGB: agb, Name: name})
			}
		},
	},
	Plafonds: {
		columns: []column{{"agb", true}, {"jaar", true}, {"bedrag", true}, {"waarschuwing", false}},
		line: func(d *decoder, l *line) {
			agb := l.agb()
			year := l.number("jaar", true, koers.MinYear, koers.MaxYear)
			amount := l.money("bedrag")
			warn := l.text("waarschuwing", false)
			warnAt := int64(0)
			if warn != "" {
				w := strings.TrimSpace(strings.TrimSuffix(warn, "%"))
				n, err := strconv.Atoi(w)
				if err != nil || !allDigits(w) || n < 1 || n > 100 {
					l.fail("waarschuwing", "%q is geen percentage van 1 tot en met 100.", warn)
				}
				warnAt = int64(n)
			}
			if agb != "" && year != 0 {
				l.unique("jaar", fmt.Sprint(agb, "|", year), fmt.Sprintf("Het plafond van %s voor %d", agb, year))
			}
			if !l.bad {
				d.batch.Ceilings = append(d.batch.Ceilings, koers.Ceiling{Provider: agb, Year: int(year), Amount: amount, WarnAt: int(warnAt)})
			}
		},
	},
	Bevolking: {
		columns: []column{{"sleutel", true}, {"jaar", true}, {"aantal", true}},
		line: func(d *decoder, l *line) {
			key := l.text("sleutel", true)
			if key != "" && !keyPattern.MatchString(key) {
				l.fail("sleutel", "%q is geen sleutel: kleine letters en cijfers met streepjes, zoals inwoners-0-17.", key)
			}
			year := l.number("jaar", true, koers.MinYear, koers.MaxYear)
			count := l.number("aantal", true, 0, 1e9)
			if key != "" && year != 0 {
				l.unique("jaar", fmt.Sprint(key, "|", year), fmt.Sprintf("Het cijfer %s voor %d", key, year))
			}
			if !l.bad {
				d.batch.Populations = append(d.batch.Populations, koers.Population{Key: key, Year: int(year), Count: count})
			}
		},
	},
}
