package bundle

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
)

// LedgerColumns are the columns of a ledger CSV, in order (see
// doc/ledger.md).
var LedgerColumns = []string{"organisation", "document", "programme", "taakveld", "kind", "year", "version", "amount"}

// Limits of one ledger CSV: a year's administration of a large
// municipality fits many times over.
const (
	MaxLedgerBytes = 64 << 20
	MaxLedgerRows  = 1_000_000
	maxLedgerField = 200
)

// IsLedger reports whether data starts with a ledger CSV's header: how
// koers import tells a ledger from benchmark figures.
func IsLedger(data []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\n"))
	line = bytes.ToLower(bytes.TrimSpace(line))
	for _, sep := range []string{";", ","} {
		if string(line) == strings.Join(LedgerColumns, sep) {
			return true
		}
	}
	return false
}

// ledgerLocation is where the problems of a ledger row are: its line and
// the column (1-based, in bytes) of each field.
type ledgerLocation struct {
	line    int
	columns [8]int
}

// DecodeLedger reads a ledger CSV: UTF-8, the header LedgerColumns, then
// one amount per row. Separated by ";", amounts are Dutch ("-1.234,56":
// "." groups thousands, "," starts the cents); separated by ",", they are
// plain ("-1234.56"). Every problem is located by line and column; on any
// problem no rows are returned.
func DecodeLedger(name string, data []byte) (*Ledger, error) {
	rows, where, err := decodeLedger(name, data)
	if err != nil {
		return nil, err
	}
	return &Ledger{Name: name, Rows: rows, where: where}, nil
}

func decodeLedger(name string, data []byte) ([]koers.LedgerRow, map[int]ledgerLocation, error) {
	fail := func(ps []Problem) error { return &Error{File: name, Problems: ps, CSV: true, What: "ledger file"} }
	if len(data) > MaxLedgerBytes {
		return nil, nil, fail([]Problem{{Line: 1, Column: 1, Message: fmt.Sprintf("the file is larger than %d bytes; split it", MaxLedgerBytes)}})
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !IsLedger(data) {
		return nil, nil, fail([]Problem{{Line: 1, Column: 1, Message: "the header must be " + strings.Join(LedgerColumns, ";")}})
	}
	header, _, _ := bytes.Cut(data, []byte("\n"))
	sep := ','
	if bytes.Contains(header, []byte(";")) {
		sep = ';'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = sep, len(LedgerColumns), true
	if _, err := r.Read(); err != nil { // the header, checked above
		return nil, nil, fail([]Problem{{Line: 1, Column: 1, Message: err.Error()}})
	}
	var out []koers.LedgerRow
	var ps []Problem
	where := map[int]ledgerLocation{}
	for len(ps) < maxKept {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			msg := "malformed CSV: " + pe.Err.Error()
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				msg = fmt.Sprintf("%d columns, want %d (%s)", len(rec), len(LedgerColumns), strings.Join(LedgerColumns, string(sep)))
			}
			ps = append(ps, Problem{Line: pe.StartLine, Column: max(pe.Column, 1), Message: msg})
			if !errors.Is(pe.Err, csv.ErrFieldCount) {
				break // the reader cannot find the next row reliably
			}
			continue
		} else if err != nil {
			ps = append(ps, Problem{Line: 1, Column: 1, Message: err.Error()})
			break
		}
		if len(out)+len(ps) >= MaxLedgerRows {
			line, _ := r.FieldPos(0)
			ps = append(ps, Problem{Line: line, Column: 1, Message: fmt.Sprintf("the file has more than %d rows; split it", MaxLedgerRows)})
			break
		}
		var loc ledgerLocation
		loc.line, _ = r.FieldPos(0)
		for i := range rec {
			_, loc.columns[i] = r.FieldPos(i)
		}
		row, rps := ledgerRow(rec, sep, loc)
		if len(rps) > 0 {
			ps = append(ps, rps...)
			continue
		}
		where[loc.line] = loc
		out = append(out, row)
	}
	if len(ps) == 0 && len(out) == 0 {
		ps = append(ps, Problem{Line: 2, Column: 1, Message: "the file has a header but no amounts"})
	}
	if len(ps) > 0 {
		return nil, nil, fail(ps)
	}
	return out, where, nil
}

// ledgerRow checks one row's fields and makes its LedgerRow.
func ledgerRow(rec []string, sep rune, loc ledgerLocation) (koers.LedgerRow, []Problem) {
	var ps []Problem
	bad := func(i int, format string, args ...any) {
		ps = append(ps, Problem{Line: loc.line, Column: loc.columns[i], Message: LedgerColumns[i] + " " + fmt.Sprintf(format, args...)})
	}
	f := make([]string, len(rec))
	broken := make([]bool, len(rec)) // checked no further
	for i, s := range rec {
		f[i] = strings.TrimSpace(s)
		switch {
		case len(f[i]) > maxLedgerField:
			bad(i, "is %d bytes long; a field holds at most %d", len(f[i]), maxLedgerField)
		case !utf8.ValidString(f[i]):
			bad(i, "is not valid UTF-8; save the file as UTF-8")
		case f[i] == "":
			bad(i, "is empty")
		default:
			continue
		}
		broken[i] = true
	}
	row := koers.LedgerRow{Line: loc.line, Organisation: f[0], Document: f[1], Programme: f[2], Taakveld: f[3],
		Kind: koers.LineKind(f[4]), Version: koers.BudgetVersion(f[6])}
	check := func(i int, ok bool, format string, args ...any) {
		if !broken[i] && !ok {
			bad(i, format, args...)
		}
	}
	check(koers.LedgerOrganisation, koers.ValidSlug(row.Organisation), "%s is not an organisation's slug", quote(f[0]))
	check(koers.LedgerDocument, koers.ValidSlug(row.Document), "%s is not a document's slug", quote(f[1]))
	check(koers.LedgerKind, row.Kind.Valid(), "%s is not lasten, baten, toevoeging or onttrekking", quote(f[4]))
	year, err := strconv.Atoi(f[5])
	check(koers.LedgerYear, err == nil && year >= koers.MinYear && year <= koers.MaxYear, "%s is not a year from %d to %d", quote(f[5]), koers.MinYear, koers.MaxYear)
	row.Year = year
	check(koers.LedgerVersion, row.Version.Valid(), "%s is not realisatie, begroting, begroting_gewijzigd or raming", quote(f[6]))
	if !broken[koers.LedgerAmount] {
		amount, msg := ledgerAmount(f[7], sep)
		if msg != "" {
			bad(koers.LedgerAmount, "%s %s", quote(f[7]), msg)
		}
		row.Amount = amount
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Column - b.Column })
	return row, ps
}

// ledgerAmount reads an amount in euros in the file's notation.
func ledgerAmount(s string, sep rune) (koers.Money, string) {
	if sep == ',' {
		m, err := koers.ParseMoney(s)
		if err != nil {
			return 0, "is not a plain amount such as -1234.56 (a decimal point, at most two decimals, no thousands separators)"
		}
		return m, ""
	}
	whole, cents, hasCents := strings.Cut(s, ",")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	if strings.Contains(whole, ".") {
		groups := strings.Split(whole, ".")
		for i, g := range groups {
			if i > 0 && len(g) != 3 || i == 0 && (len(g) == 0 || len(g) > 3) {
				return 0, "has a misplaced thousands separator; write 1.234.567,89"
			}
		}
		whole = strings.Join(groups, "")
	}
	plain := whole
	if hasCents {
		plain += "." + cents
	}
	if neg {
		plain = "-" + plain
	}
	m, err := koers.ParseMoney(plain)
	if err != nil {
		return 0, "is not a Dutch amount such as -1.234,56 (\".\" between thousands, \",\" before at most two decimals)"
	}
	return m, ""
}

// Ledger is a decoded ledger file: its rows, and where each is.
type Ledger struct {
	Name  string
	Rows  []koers.LedgerRow
	where map[int]ledgerLocation
}

// DocumentKey names one document a ledger fills.
type DocumentKey struct{ Organisation, Document string }

// Documents lists the documents the ledger fills, in the order of their
// first rows.
func (l *Ledger) Documents() []DocumentKey {
	var out []DocumentKey
	seen := map[DocumentKey]bool{}
	for _, r := range l.Rows {
		k := DocumentKey{r.Organisation, r.Document}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// Apply fills the finance tables of doc, of the organisation org, with the
// ledger's rows for it (see koers.ApplyLedger). Every problem is located
// at its row's line and field; on a problem doc is unchanged.
func (l *Ledger) Apply(org string, doc *koers.Document) error {
	var rows []koers.LedgerRow
	for _, r := range l.Rows {
		if r.Organisation == org && r.Document == doc.Slug {
			rows = append(rows, r)
		}
	}
	lps := koers.ApplyLedger(doc, rows)
	if len(lps) == 0 {
		return nil
	}
	ps := make([]Problem, len(lps))
	for i, p := range lps {
		ps[i] = Problem{Line: p.Line, Column: l.where[p.Line].columns[p.Field], Message: p.Message}
	}
	return &Error{File: l.Name, Problems: ps, CSV: true, What: "ledger file"}
}

// Unknown is the error for a document the ledger names that is neither
// stored nor in the same run, located at its first row.
func (l *Ledger) Unknown(k DocumentKey, message string) error {
	for _, r := range l.Rows {
		if r.Organisation == k.Organisation && r.Document == k.Document {
			field := koers.LedgerDocument
			if strings.HasPrefix(message, "organisation") {
				field = koers.LedgerOrganisation
			}
			loc := l.where[r.Line]
			return &Error{File: l.Name, Problems: []Problem{{Line: r.Line, Column: loc.columns[field], Message: message}}, CSV: true, What: "ledger file"}
		}
	}
	return &Error{File: l.Name, Problems: []Problem{{Line: 1, Column: 1, Message: message}}, CSV: true, What: "ledger file"}
}
