package write

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// ValuesBody is the body of PATCH .../concept/indicatoren.
type ValuesBody struct {
	Values []ValueItem `json:"values"`
}

// ValueItem is one value to set: value is a number, "nnb" (not yet
// known) or null (remove the value of that year and kind).
type ValueItem struct {
	Key   string          `json:"key"`
	Year  int             `json:"year"`
	Kind  string          `json:"kind"`
	Value json.RawMessage `json:"value"`
}

// MaxValues bounds the values of one call.
const MaxValues = 1000

// DecodeValues reads a ValuesBody into the domain's updates; each problem
// is located by the JSON pointer of its place in the body, in Dutch. What
// the document decides (is there such an indicator, does the value fit its
// unit) is koers.UpdateValues's.
func DecodeValues(data []byte) ([]koers.ValueUpdate, []Problem) {
	var raw struct {
		Values []json.RawMessage `json:"values"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, []Problem{{Pointer: "", Message: "Het verzoek is geen JSON-object met een lijst values: " + jsonError(err)}}
	}
	if dec.More() {
		return nil, []Problem{{Pointer: "", Message: "Na het JSON-object staat nog iets."}}
	}
	switch {
	case len(raw.Values) == 0:
		return nil, []Problem{{Pointer: "/values", Message: "Geef minstens één waarde."}}
	case len(raw.Values) > MaxValues:
		return nil, []Problem{{Pointer: "/values", Message: fmt.Sprintf("Geef hoogstens %d waarden per aanroep.", MaxValues)}}
	}
	var out []koers.ValueUpdate
	var ps []Problem
	for i, item := range raw.Values {
		at := func(field, msg string) {
			ptr := "/values/" + strconv.Itoa(i)
			if field != "" {
				ptr += "/" + field
			}
			ps = append(ps, Problem{Pointer: ptr, Message: msg})
		}
		var v ValueItem
		d := json.NewDecoder(bytes.NewReader(item))
		d.DisallowUnknownFields()
		if err := d.Decode(&v); err != nil {
			at("", "Een waarde is een object met key, year, kind en value: "+jsonError(err))
			continue
		}
		u := koers.ValueUpdate{Key: v.Key, Year: v.Year, Kind: koers.ValueKind(v.Kind)}
		if strings.TrimSpace(v.Key) == "" {
			at("key", "Geef de sleutel (key) van de indicator.")
		}
		if v.Year < koers.MinYear || v.Year > koers.MaxYear {
			at("year", fmt.Sprintf("Kies een jaar van %d tot en met %d.", koers.MinYear, koers.MaxYear))
		}
		if !u.Kind.Valid() {
			at("kind", "Kies realised (gerealiseerd) of budgeted (begroot).")
		}
		switch text := strings.TrimSpace(string(v.Value)); {
		case text == "" || text == "null":
			u.Remove = true
		case text == `"nnb"`:
		case strings.HasPrefix(text, `"`):
			at("value", "Een waarde is een getal, \"nnb\" (nog niet bekend) of null (weghalen).")
		default:
			f, err := strconv.ParseFloat(text, 64)
			if err != nil {
				at("value", "Een waarde is een eindig getal.")
				break
			}
			u.Number = &f
			var m koers.Money
			if m.UnmarshalJSON([]byte(text)) == nil {
				u.Amount = &m
			}
		}
		out = append(out, u)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return out, nil
}

// jsonError says in Dutch where the JSON went wrong.
func jsonError(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case asError(err, &syntax):
		return fmt.Sprintf("ongeldige JSON bij teken %d", syntax.Offset)
	case asError(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("%s heeft het verkeerde type (%s)", typ.Field, typ.Value)
		}
		return fmt.Sprintf("verkeerd type (%s)", typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return "onbekend veld " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	}
	return "ongeldige JSON"
}

func asError[T error](err error, target *T) bool { return errors.As(err, target) }
