package statline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DecodeJSON reads an OData response of the CBS open data services: an
// object whose "value" array holds the rows.
//
// OData v3 (opendata.cbs.nl, TypedDataSet and UntypedDataSet) has a row per
// combination of dimension codes and a column per topic:
//
//	{"odata.metadata": "…", "value": [
//	  {"ID": 0, "RegioS": "GM0547    ", "Perioden": "2019JJ00", "Bevolking_1": 27000}]}
//
// A column whose key ends in "_" and a number is a topic and gives one
// observation per row; ID is skipped; RegioS (also Regions,
// WijkenEnBuurten) and Perioden (Periods) are the region and period; any
// other column is a dimension whose value is a code. Topic cells are JSON
// numbers or null (TypedDataSet) or StatLine's text ("   27000", "     .")
// (UntypedDataSet); a text topic's words (Gemeentenaam_1) give no
// observation.
//
// OData v4 (odata4.cbs.nl, Observations) has a row per figure:
//
//	{"value": [{"Id": 0, "Measure": "M000352", "ValueAttribute": "None",
//	  "Value": 12.3, "Perioden": "2019JJ00", "RegioS": "GM0547"}]}
//
// A row with a Measure and a Value field is of this form; every field
// other than Id, Measure, Value, ValueAttribute and StringValue is a
// dimension. All rows of a file must be of one form. Annotations
// ("odata.*", "@odata.*") are skipped, so are unknown top-level fields
// such as "odata.nextLink": a paged response decodes page by page.
func DecodeJSON(r io.Reader) ([]Observation, error) {
	br := newInput(r)
	defer release(br)
	return decodeJSON(br)
}

type field struct {
	name string
	kind byte // 's' string, 'n' number, '0' null
	text string
}

type jsonReader struct {
	dec   *json.Decoder
	b     *builder
	form  int // 0 until the first row, then 3 or 4
	roles map[string]role
	row   []field
	seen  map[string]bool
}

func decodeJSON(r io.Reader) ([]Observation, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber() // numbers stay text, to be read exactly
	j := &jsonReader{dec: dec, b: newBuilder(), roles: map[string]role{}, seen: map[string]bool{}}
	if err := j.top(); err != nil {
		return nil, err
	}
	if j.b.obs == nil {
		return []Observation{}, nil
	}
	return j.b.obs, nil
}

func top(p string) Location { return Location{JSON: true, Row: -1, Pointer: p} }

func cell(row int, name string) Location { return Location{JSON: true, Row: row, Column: name} }

// token reads the next token, turning the decoder's errors into ours.
func (j *jsonReader) token(at Location) (json.Token, error) {
	t, err := j.dec.Token()
	if err == nil {
		return t, nil
	}
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, errTooLarge):
		return nil, tooLarge(at)
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, &Error{Code: ESyntax, At: at, Msg: "the JSON ends too early"}
	case errors.As(err, &syn):
		return nil, &Error{Code: ESyntax, At: at, Msg: fmt.Sprintf("invalid JSON at byte %d: %v", syn.Offset, err)}
	}
	return nil, readError(err, at)
}

func (j *jsonReader) top() error {
	notOData := &Error{Code: EShape, At: top(""), Msg: `the JSON is not an OData response: an object with a "value" array`}
	t, err := j.token(top(""))
	if err != nil {
		return err
	}
	if t != json.Delim('{') {
		return notOData
	}
	seen := false
	for j.dec.More() {
		t, err := j.token(top(""))
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if len(key) > MaxField {
			return fieldTooLong(top(""), key)
		}
		if key != "value" {
			if err := j.skip(top("/"+pointerEscape(key)), 0); err != nil {
				return err
			}
			continue
		}
		if seen {
			return &Error{Code: EShape, At: top("/value"), Msg: `"value" appears twice`}
		}
		seen = true
		if err := j.values(); err != nil {
			return err
		}
	}
	if _, err := j.token(top("")); err != nil { // the closing brace
		return err
	}
	if !seen {
		return notOData
	}
	if _, err := j.dec.Token(); err != io.EOF {
		if errors.Is(err, errTooLarge) {
			return tooLarge(top(""))
		}
		return &Error{Code: ESyntax, Msg: "there is more after the JSON object"}
	}
	return nil
}

// skip reads and drops the next value, however nested (up to a depth).
func (j *jsonReader) skip(at Location, depth int) error {
	t, err := j.token(at)
	if err != nil {
		return err
	}
	if s, ok := t.(string); ok && len(s) > MaxField {
		return fieldTooLong(at, s)
	}
	if d, ok := t.(json.Delim); ok && (d == '{' || d == '[') {
		if depth >= 32 {
			return &Error{Code: EShape, At: at, Msg: "nested deeper than 32 levels"}
		}
		for j.dec.More() {
			if d == '{' {
				if _, err := j.token(at); err != nil { // the key
					return err
				}
			}
			if err := j.skip(at, depth+1); err != nil {
				return err
			}
		}
		_, err := j.token(at)
		return err
	}
	return nil
}

func (j *jsonReader) values() error {
	t, err := j.token(top("/value"))
	if err != nil {
		return err
	}
	if t != json.Delim('[') {
		return &Error{Code: EShape, At: top("/value"), Msg: `"value" is not an array`}
	}
	for i := 0; j.dec.More(); i++ {
		if err := j.readRow(i); err != nil {
			return err
		}
		if err := j.emit(i); err != nil {
			return err
		}
	}
	_, err = j.token(top("/value"))
	return err
}

// readRow reads row i into j.row: its fields as text, in order.
func (j *jsonReader) readRow(i int) error {
	at := cell(i, "")
	t, err := j.token(at)
	if err != nil {
		return err
	}
	if t != json.Delim('{') {
		return &Error{Code: EShape, At: at, Msg: "a row is not an object"}
	}
	j.row = j.row[:0]
	clear(j.seen)
	for j.dec.More() {
		t, err := j.token(at)
		if err != nil {
			return err
		}
		name, _ := t.(string)
		if len(name) > MaxField {
			return fieldTooLong(at, name)
		}
		at := cell(i, name)
		if j.seen[name] {
			return &Error{Code: EShape, At: at, Msg: "the field appears twice in the row"}
		}
		j.seen[name] = true
		if len(j.row) >= MaxColumns {
			return &Error{Code: ELimit, At: at, Msg: fmt.Sprintf("a row has more than %d fields", MaxColumns)}
		}
		if j.role(name) == roleSkip {
			if err := j.skip(at, 0); err != nil {
				return err
			}
			continue
		}
		t, err = j.token(at)
		if err != nil {
			return err
		}
		f := field{name: name}
		switch v := t.(type) {
		case json.Number:
			f.kind, f.text = 'n', string(v)
		case string:
			f.kind, f.text = 's', v
		case nil:
			f.kind = '0'
		case bool:
			return &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%v is not a code or a figure", v)}
		default:
			return &Error{Code: EShape, At: at, Msg: "a nested object or array where a code or a figure belongs"}
		}
		if len(f.text) > MaxField {
			return fieldTooLong(at, f.text)
		}
		j.row = append(j.row, f)
	}
	_, err = j.token(at)
	return err
}

func (j *jsonReader) role(name string) role {
	r, ok := j.roles[name]
	if !ok {
		r = columnRole(name)
		j.roles[j.b.str(name)] = r
	}
	return r
}

// emit turns row i into observations.
func (j *jsonReader) emit(i int) error {
	form := 3
	if j.seen[fMeasure] && j.seen[fValue] {
		form = 4
	}
	if j.form == 0 {
		j.form = form
	} else if form != j.form {
		return &Error{Code: EShape, At: cell(i, ""), Msg: "the rows mix the OData v3 form (a column per topic) and the v4 form (a Measure and a Value per row)"}
	}
	if form == 4 {
		return j.emitV4(i)
	}
	return j.emitV3(i)
}

// dims reads the region, period and other dimensions of row i; v4 says
// which fields are the v4 observation's own.
func (j *jsonReader) dims(i int, v4 bool) (region string, period Period, dims []Dim, err error) {
	for _, f := range j.row {
		r := j.role(f.name)
		if v4 {
			switch f.name {
			case fMeasure, fValue, fAttribute, fString:
				continue
			}
			if r == roleMeasure {
				r = roleDim
			}
		}
		if r == roleID || r == roleMeasure || r == roleSkip {
			continue
		}
		at := cell(i, f.name)
		if f.kind != 's' {
			return "", Period{}, nil, &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%s is not a code: a dimension holds text", shown(f))}
		}
		switch r {
		case rolePeriod:
			p, err := ParsePeriod(strings.TrimSpace(f.text))
			if err != nil {
				err.(*Error).At = at
				return "", Period{}, nil, err
			}
			period = p
		case roleRegion, roleDim:
			c, e := code(f.text)
			if e != nil {
				e.At = at
				return "", Period{}, nil, e
			}
			if r == roleRegion {
				region = j.b.str(c)
			} else {
				if len(dims) >= MaxDims {
					return "", Period{}, nil, tooManyDims(at)
				}
				dims = append(dims, Dim{Name: j.b.str(f.name), Code: j.b.str(c)})
			}
		}
	}
	return region, period, dims, nil
}

func shown(f field) string {
	switch f.kind {
	case 'n':
		return "the number " + f.text
	case '0':
		return "null"
	}
	return fmt.Sprintf("%q", f.text)
}

func (j *jsonReader) emitV3(i int) error {
	region, period, dims, err := j.dims(i, false)
	if err != nil {
		return err
	}
	topics := 0
	for _, f := range j.row {
		if j.role(f.name) != roleMeasure {
			continue
		}
		topics++
		at := cell(i, f.name)
		v, text, err := f.value(at)
		if err != nil {
			return err
		}
		if text {
			continue
		}
		o := Observation{Region: region, Period: period, Measure: j.b.str(f.name), Dims: dims, Value: v, At: at}
		if err := j.b.add(o); err != nil {
			return err
		}
	}
	if topics == 0 && i == 0 {
		return noTopics(cell(0, ""), j.seen["Identifier"] && j.seen["Title"])
	}
	return nil
}

// value reads a figure cell: a JSON number, null, or a string as a cell
// of the CSV form reads it; text reports a string that is no figure and
// no missing-value sign (a text topic, not an error in v3).
func (f field) value(at Location) (v Value, text bool, err error) {
	switch f.kind {
	case 'n':
		d, ok := jsonDecimal(f.text)
		if !ok {
			return v, false, &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%s is out of range", f.text)}
		}
		v.Decimal = d
	case '0':
		v = Value{Missing: Null, Note: "null"}
	case 's':
		v, text, err = parseCell(f.text)
		if err != nil {
			err.(*Error).At = at
			return v, false, err
		}
	}
	return v, text, nil
}

// noTopics explains a first row without a topic, the usual sign of a
// file that holds something else than figures.
func noTopics(at Location, codeList bool) *Error {
	if codeList {
		return &Error{Code: EShape, At: at, Msg: "this is a code list (Identifier, Title), not figures"}
	}
	return &Error{Code: EShape, At: at, Msg: `no topic: a topic's key ends in "_" and a number (Bevolking_1), or a row has a Measure and a Value`}
}

func (j *jsonReader) emitV4(i int) error {
	region, period, dims, err := j.dims(i, true)
	if err != nil {
		return err
	}
	var measure, attr string
	var v Value
	hasString := false
	for _, f := range j.row {
		at := cell(i, f.name)
		switch f.name {
		case fMeasure:
			if f.kind != 's' {
				return &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%s is not a measure code", shown(f))}
			}
			c, e := code(f.text)
			if e != nil {
				e.At = at
				return e
			}
			measure = j.b.str(c)
		case fValue:
			var text bool
			var err error
			if v, text, err = f.value(at); err != nil {
				return err
			}
			if text {
				return &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%q is not a figure", f.text)}
			}
		case fAttribute:
			if f.kind == 'n' {
				return &Error{Code: EValue, At: at, Msg: fmt.Sprintf("%s is not a value attribute", shown(f))}
			}
			attr = strings.TrimSpace(f.text)
		case fString:
			hasString = f.kind == 's' && strings.TrimSpace(f.text) != ""
		}
	}
	v, text := v4Value(v, j.b.str(attr), hasString)
	if text {
		return nil
	}
	return j.b.add(Observation{Region: region, Period: period, Measure: measure, Dims: dims, Value: v, At: cell(i, fValue)})
}
