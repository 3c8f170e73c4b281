package statline

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// DecodeCSV reads a CSV export with a header row of keys: the CBS open data
// CSV of a data set (its columns are those of OData v3, one per topic: ID;
// RegioS; Perioden; Bevolking_1) or of v4 Observations (Id, Measure,
// ValueAttribute, Value and the dimensions). The separator is ";" as CBS
// writes it, or "," or a tab when the header row has more of those; fields
// may be quoted; a UTF-8 BOM is dropped. Columns have the roles they have
// in JSON (see DecodeJSON), and the region column may also carry
// StatLine's title "Regio's". Cells are numbers with a decimal point or
// comma, or a notation: "." (unknown), "x" (secret), "-" (nil), blank
// (impossible).
//
// StatLine's table downloads with titles in place of keys (a topic column
// headed "Bevolking op 1 januari (aantal)", regions by name) are refused
// with an error saying so: their names cannot be matched to codes without
// the table's code lists.
func DecodeCSV(r io.Reader) ([]Observation, error) {
	br := newInput(r)
	defer release(br)
	return decodeCSV(br)
}

type csvReader struct {
	cr    *csv.Reader
	b     *builder
	names []string
	roles []role
	v4    bool
	col   map[string]int
}

func decodeCSV(br *bufio.Reader) ([]Observation, error) {
	c := &csvReader{b: newBuilder()}
	c.cr = csv.NewReader(br)
	c.cr.Comma = sniffComma(br)
	c.cr.ReuseRecord = true
	if err := c.header(); err != nil {
		return nil, err
	}
	for {
		rec, err := c.cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, c.readErr(err, rec)
		}
		if err := c.record(rec); err != nil {
			return nil, err
		}
	}
	if c.b.obs == nil {
		return []Observation{}, nil
	}
	return c.b.obs, nil
}

// sniffComma picks the separator that occurs most in the first line,
// outside quotes; ";" when there is none.
func sniffComma(br *bufio.Reader) rune {
	b, _ := br.Peek(64 << 10) // a short file gives what it has
	counts := map[byte]int{}
	quoted := false
	for _, c := range b {
		if c == '"' {
			quoted = !quoted
		} else if !quoted && (c == '\n' || c == '\r') {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := byte(';')
	for _, c := range []byte{',', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return rune(best)
}

func (c *csvReader) readErr(err error, rec []string) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errTooLarge):
		line, _ := c.cr.FieldPos(0)
		return tooLarge(Location{Line: line})
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
		return &Error{Code: EShape, At: Location{Line: pe.Line}, Msg: fmt.Sprintf("%d fields where the header has %d", len(rec), len(c.names))}
	case errors.As(err, &pe):
		return &Error{Code: ESyntax, At: Location{Line: pe.Line}, Msg: fmt.Sprintf("invalid CSV in column %d: %v", pe.Column, pe.Err)}
	}
	return readError(err, Location{})
}

func (c *csvReader) header() error {
	rec, err := c.cr.Read()
	if err == io.EOF {
		return &Error{Code: EShape, Msg: "the input is empty"}
	}
	if err != nil {
		return c.readErr(err, rec)
	}
	if len(rec) > MaxColumns {
		return &Error{Code: ELimit, At: Location{Line: 1}, Msg: fmt.Sprintf("more than %d columns", MaxColumns)}
	}
	line, _ := c.cr.FieldPos(0)
	c.col = make(map[string]int, len(rec))
	for i, raw := range rec {
		at := Location{Line: line, Column: raw}
		if err := checkField(raw, at); err != nil {
			return err
		}
		name := strings.TrimSpace(raw)
		if name == "" {
			return &Error{Code: EShape, At: Location{Line: line}, Msg: fmt.Sprintf("column %d has no name", i+1)}
		}
		if _, dup := c.col[name]; dup {
			return &Error{Code: EShape, At: Location{Line: line, Column: name}, Msg: "the column appears twice in the header"}
		}
		c.col[name] = i
		c.names = append(c.names, c.b.str(name))
		c.roles = append(c.roles, columnRole(name))
	}
	_, hasMeasure := c.col[fMeasure]
	_, hasValue := c.col[fValue]
	c.v4 = hasMeasure && hasValue
	if c.v4 {
		return nil
	}
	for _, r := range c.roles {
		if r == roleMeasure {
			return nil
		}
	}
	_, id := c.col["Identifier"]
	_, title := c.col["Title"]
	if !(id && title) && titled(c.names) {
		return &Error{Code: EShape, At: Location{Line: line}, Msg: "no topic key in the header: this looks like a StatLine table download with titles; " +
			"download the data set's CSV from the CBS open data portal, whose header has keys (Bevolking_1)"}
	}
	return noTopics(Location{Line: line}, id && title)
}

// titled reports whether a header looks like StatLine's titles rather
// than keys: keys have no spaces, parentheses or apostrophes.
func titled(names []string) bool {
	for _, n := range names {
		if strings.ContainsAny(n, " ()'%") {
			return true
		}
	}
	return false
}

// checkField refuses a field that is too long or not UTF-8.
func checkField(s string, at Location) error {
	if len(s) > MaxField {
		at.Column = clip(at.Column, 40)
		return fieldTooLong(at, s)
	}
	if !utf8.ValidString(s) {
		return &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%q is not UTF-8 text; save the file as UTF-8", clip(s, 40))}
	}
	return nil
}

func (c *csvReader) record(rec []string) error {
	line, _ := c.cr.FieldPos(0)
	var region string
	var period Period
	var dims []Dim
	for i, s := range rec {
		at := Location{Line: line, Column: c.names[i]}
		if err := checkField(s, at); err != nil {
			return err
		}
		r := c.roles[i]
		if c.v4 {
			switch c.names[i] {
			case fMeasure, fValue, fAttribute, fString:
				continue
			}
			if r == roleMeasure {
				r = roleDim
			}
		}
		switch r {
		case rolePeriod:
			p, err := ParsePeriod(strings.TrimSpace(s))
			if err != nil {
				err.(*Error).At = at
				return err
			}
			period = p
		case roleRegion, roleDim:
			code, e := code(s)
			if e != nil {
				e.At = at
				return e
			}
			if r == roleRegion {
				region = c.b.str(code)
			} else {
				if len(dims) >= MaxDims {
					return tooManyDims(at)
				}
				dims = append(dims, Dim{Name: c.names[i], Code: c.b.str(code)})
			}
		}
	}
	if c.v4 {
		return c.observation(rec, line, region, period, dims)
	}
	for i, s := range rec {
		if c.roles[i] != roleMeasure {
			continue
		}
		at := Location{Line: line, Column: c.names[i]}
		v, text, err := parseCell(s)
		if err != nil {
			err.(*Error).At = at
			return err
		}
		if text {
			continue
		}
		if err := c.b.add(Observation{Region: region, Period: period, Measure: c.names[i], Dims: dims, Value: v, At: at}); err != nil {
			return err
		}
	}
	return nil
}

// observation makes the one observation of a v4 Observations line.
func (c *csvReader) observation(rec []string, line int, region string, period Period, dims []Dim) error {
	get := func(name string) string {
		if i, ok := c.col[name]; ok {
			return rec[i]
		}
		return ""
	}
	at := Location{Line: line, Column: fMeasure}
	measure, e := code(get(fMeasure))
	if e != nil {
		e.At = at
		return e
	}
	at.Column = fValue
	var v Value
	if raw := strings.TrimSpace(get(fValue)); raw != "" {
		var text bool
		var err error
		v, text, err = parseCell(raw)
		if err == nil && text {
			err = &Error{Code: EValue, Msg: fmt.Sprintf("%q is not a figure", raw)}
		}
		if err != nil {
			err.(*Error).At = at
			return err
		}
	} else {
		// An empty Value is a missing figure whose reason, if any, is
		// in ValueAttribute, as in JSON's null.
		v = Value{Missing: Null}
	}
	attr := strings.TrimSpace(get(fAttribute))
	v, text := v4Value(v, c.b.str(attr), strings.TrimSpace(get(fString)) != "")
	if text {
		return nil
	}
	return c.b.add(Observation{Region: region, Period: period, Measure: c.b.str(measure), Dims: dims, Value: v, At: at})
}
