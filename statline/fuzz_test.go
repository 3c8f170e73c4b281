package statline

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func seed(f *testing.F, pattern string, more ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range more {
		f.Add([]byte(s))
	}
}

func FuzzDecodeJSON(f *testing.F) {
	seed(f, "*.json", `{"value":[]}`, `{"value":[{"A_1":"  12,5"}]}`, `{"value":[{"Measure":"M1","Value":1E2}]}`)
	f.Fuzz(func(t *testing.T, in []byte) {
		obs, err := DecodeJSON(bytes.NewReader(in))
		check(t, obs, err)
	})
}

func FuzzDecodeCSV(f *testing.F) {
	seed(f, "*.csv", "RegioS;Perioden;A_1\nNL01;2019JJ00;1,5\n", "Measure,Value\nM1,.\n")
	f.Fuzz(func(t *testing.T, in []byte) {
		obs, err := DecodeCSV(bytes.NewReader(in))
		check(t, obs, err)
		// Decode takes the same path for what does not start with "{".
		if t := bytes.TrimLeft(bytes.TrimPrefix(in, bom), " \t\r\n"); len(t) > 0 && t[0] != '{' && t[0] != '[' {
			obs2, err2 := Decode(bytes.NewReader(in))
			if (err == nil) != (err2 == nil) || len(obs) != len(obs2) {
				panic("Decode and DecodeCSV disagree")
			}
		}
	})
}

// check holds a decode's result to the package's promises, and re-encodes
// what decoded as v4 Observations JSON, which must decode to the same
// figures.
func check(t *testing.T, obs []Observation, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Code == "" || e.Msg == "" {
			t.Fatalf("not a located *Error: %T %v", err, err)
		}
		if obs != nil {
			t.Fatalf("%d observations with the error %v", len(obs), err)
		}
		return
	}
	for _, o := range obs {
		if o.Period.Kind != NoPeriod {
			if p, err := ParsePeriod(o.Period.String()); err != nil || p != o.Period {
				t.Fatalf("period %+v does not round-trip", o.Period)
			}
		}
		if o.Region != strings.TrimSpace(o.Region) || o.Measure == "" {
			t.Fatalf("untrimmed region or empty measure: %+v", o)
		}
		if (o.Value.Decimal == "") != (o.Value.Missing != Number) {
			t.Fatalf("value %+v is both or neither a number and missing", o.Value)
		}
		if d := o.Value.Decimal; d != "" {
			if again, ok := parseDecimal(d); !ok || again != d {
				t.Fatalf("decimal %q is not canonical (%q)", d, again)
			}
		}
	}
	again, ok := reencode(t, obs)
	if !ok {
		return
	}
	got, err := DecodeJSON(bytes.NewReader(again))
	if err != nil {
		t.Fatalf("re-encoded: %v\n%s", err, again)
	}
	if len(got) != len(obs) {
		t.Fatalf("re-encoded: %d observations, want %d", len(got), len(obs))
	}
	for i := range obs {
		a, b := obs[i], got[i]
		if a.Region != b.Region || a.Period != b.Period || a.Measure != b.Measure || a.Value.Decimal != b.Value.Decimal ||
			(a.Value.Missing == Impossible) != (b.Value.Missing == Impossible) || len(a.Dims) != len(b.Dims) {
			t.Fatalf("re-encoded observation %d: %+v, want %+v", i, b, a)
		}
		for k := range a.Dims {
			if a.Dims[k] != b.Dims[k] {
				t.Fatalf("re-encoded observation %d: dims %v, want %v", i, b.Dims, a.Dims)
			}
		}
	}
}

// reencode writes observations as v4 Observations; ok is false when their
// dimension names cannot be v4 fields.
func reencode(t *testing.T, obs []Observation) ([]byte, bool) {
	var b bytes.Buffer
	b.WriteString(`{"value":[`)
	str := func(s string) string {
		j, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return string(j)
	}
	for i, o := range obs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"Measure":` + str(o.Measure))
		switch {
		case o.Value.Decimal != "":
			b.WriteString(`,"Value":` + o.Value.Decimal + `,"ValueAttribute":"None"`)
		case o.Value.Missing == Impossible:
			b.WriteString(`,"Value":null,"ValueAttribute":"Impossible"`)
		default:
			b.WriteString(`,"Value":null,"ValueAttribute":"Missing"`)
		}
		if o.Region != "" {
			b.WriteString(`,"RegioS":` + str(o.Region))
		}
		if o.Period.Kind != NoPeriod {
			b.WriteString(`,"Perioden":` + str(o.Period.String()))
		}
		for _, d := range o.Dims {
			switch d.Name {
			case fMeasure, fValue, fAttribute, fString, "RegioS", "Perioden":
				return nil, false
			}
			if r := columnRole(d.Name); r != roleDim && r != roleMeasure {
				return nil, false
			}
			b.WriteString(`,` + str(d.Name) + `:` + str(d.Code))
		}
		b.WriteByte('}')
	}
	b.WriteString(`]}`)
	return b.Bytes(), true
}
