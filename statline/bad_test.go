package statline

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// manyDims is a header and a row with n dimensions and a topic, as CSV
// (with sep and nl) or, with nl empty, as the fields of a JSON row.
func manyDims(n int, sep, nl string) string {
	var head, row []string
	for i := 0; i < n; i++ {
		if nl == "" {
			row = append(row, fmt.Sprintf(`"D%d":"c"`, i))
		} else {
			head, row = append(head, fmt.Sprintf("D%d", i)), append(row, "c")
		}
	}
	if nl == "" {
		return strings.Join(append(row, `"A_1":1`), sep)
	}
	return strings.Join(append(head, "A_1"), sep) + nl + strings.Join(append(row, "1"), sep) + nl
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, in string
		code     string
		msg      string
	}{
		{"empty", "", EShape, "the input is empty"},
		{"blank", " \n\t", EShape, "the input is empty"},
		{"csv bad period", "RegioS;Perioden;A_1\nNL01;2019JJ00;1\n" + strings.Repeat("NL01;2019JJ00;1\n", 11) + "NL01;2019XX00;1\n",
			EValue, `line 14, column "Perioden": "2019XX00" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`},
		{"json bad period", `{"value":[{"RegioS":"NL01","Perioden":"2019JJ00","A_1":1},{"RegioS":"NL01","Perioden":"2020KW05","A_1":1}]}`,
			EValue, `/value/1/Perioden: "2020KW05" is not a StatLine period: a quarter is KW01 to KW04`},
		{"json month 13", `{"value":[{"Perioden":"2021MM13","A_1":1}]}`, EValue, `/value/0/Perioden: "2021MM13" is not a StatLine period: a month is MM01 to MM12`},
		{"json padded period is fine, lowercase is not", `{"value":[{"Perioden":"2019jj00","A_1":1}]}`, EValue, `/value/0/Perioden: "2019jj00" is not a StatLine period (2019JJ00, 2020KW02, 2021MM12)`},
		{"json garbled number", `{"value":[{"A_1":"12,3.4"}]}`, EValue, `/value/0/A_1: "12,3.4" is not a number (digits with a decimal point or comma) or a StatLine notation (. x - or blank)`},
		{"csv garbled number", "A_1\n1 234\n", EValue, `line 2, column "A_1": "1 234" is not a number (digits with a decimal point or comma) or a StatLine notation (. x - or blank)`},
		{"csv thousands", "A_1\n\"1.234,5\"\n", EValue, `line 2, column "A_1": "1.234,5" is not a number (digits with a decimal point or comma) or a StatLine notation (. x - or blank)`},
		{"json region number", `{"value":[{"RegioS":547,"A_1":1}]}`, EValue, `/value/0/RegioS: the number 547 is not a code: a dimension holds text`},
		{"json empty region", `{"value":[{"RegioS":"   ","A_1":1}]}`, EValue, `/value/0/RegioS: the code is empty`},
		{"csv empty dimension", "Geslacht;A_1\n;1\n", EValue, `line 2, column "Geslacht": the code is empty`},
		{"json bool", `{"value":[{"A_1":true}]}`, EValue, `/value/0/A_1: true is not a code or a figure`},
		{"json nested", `{"value":[{"A_1":[1]}]}`, EShape, `/value/0/A_1: a nested object or array where a code or a figure belongs`},
		{"json array", `[{"A_1":1}]`, EShape, `the JSON is not an OData response: an object with a "value" array`},
		{"json no value", `{"odata.metadata":"x"}`, EShape, `the JSON is not an OData response: an object with a "value" array`},
		{"json value twice", `{"value":[],"value":[]}`, EShape, `/value: "value" appears twice`},
		{"json value not array", `{"value":{}}`, EShape, `/value: "value" is not an array`},
		{"json row not object", `{"value":[1]}`, EShape, `/value/0: a row is not an object`},
		{"json dup field", `{"value":[{"A_1":1,"A_1":2}]}`, EShape, `/value/0/A_1: the field appears twice in the row`},
		{"json no topic", `{"value":[{"RegioS":"NL01","Perioden":"2019JJ00"}]}`, EShape, `/value/0: no topic: a topic's key ends in "_" and a number (Bevolking_1), or a row has a Measure and a Value`},
		{"json code list", `{"value":[{"Key":"GM0547","Identifier":"GM0547","Title":"Leiderdorp"}]}`, EShape, `/value/0: this is a code list (Identifier, Title), not figures`},
		{"json mixed forms", `{"value":[{"A_1":1},{"Measure":"M1","Value":1}]}`, EShape, `/value/1: the rows mix the OData v3 form (a column per topic) and the v4 form (a Measure and a Value per row)`},
		{"json v4 text value", `{"value":[{"Measure":"M1","Value":"veel"}]}`, EValue, `/value/0/Value: "veel" is not a figure`},
		{"json v4 measure number", `{"value":[{"Measure":1,"Value":1}]}`, EValue, `/value/0/Measure: the number 1 is not a measure code`},
		{"json exponent out of range", `{"value":[{"A_1":1E999999}]}`, EValue, `/value/0/A_1: 1E999999 is out of range`},
		{"json syntax", `{"value":[{"A_1":1,}]}`, ESyntax, `/value/0: invalid JSON at byte 19: invalid character '}' looking for beginning of object key string`},
		{"json truncated", `{"value":[{"A_1":1}`, ESyntax, `/value: the JSON ends too early`},
		{"json trailing", `{"value":[]} {}`, ESyntax, `there is more after the JSON object`},
		{"json deep annotation", `{"x":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `,"value":[]}`, EShape, `/x: nested deeper than 32 levels`},
		{"json long field", `{"value":[{"A_1":"` + strings.Repeat("9", 1001) + `"}]}`, ELimit, `/value/0/A_1: "99999999999999999999"… is longer than 1000 bytes`},
		{"csv field count", "RegioS;A_1\nNL01;1\nBron: CBS\n", EShape, `line 3: 1 fields where the header has 2`},
		{"csv bare quote", "RegioS;A_1\nNL\"01;1\n", ESyntax, `line 2: invalid CSV in column 3: bare " in non-quoted-field`},
		{"csv no name", "RegioS;;A_1\n", EShape, `line 1: column 2 has no name`},
		{"csv dup column", "A_1;A_1\n", EShape, `line 1, column "A_1": the column appears twice in the header`},
		{"csv titled", "\"Regio's\";\"Perioden\";\"Bevolking op 1 januari (aantal)\"\n\"Leiderdorp\";\"2019\";\"27197\"\n", EShape,
			`line 1: no topic key in the header: this looks like a StatLine table download with titles; download the data set's CSV from the CBS open data portal, whose header has keys (Bevolking_1)`},
		{"csv code list", "Identifier;Title\nGM0547;Leiderdorp\n", EShape, `line 1: this is a code list (Identifier, Title), not figures`},
		{"csv latin-1", "RegioS;A_1\nFrysl\xe2n;1\n", EValue, `line 2, column "RegioS": "Frysl\xe2n" is not UTF-8 text; save the file as UTF-8`},
		// A row of thousands of dimensions made FuzzDecodeCSV's round trip
		// quadratic (every observation carries all of them) and stalled CI.
		{"csv too many dimensions", manyDims(33, ";", "\n"), ELimit, `line 2, column "D32": more than 32 dimensions besides region and period`},
		{"json too many dimensions", `{"value":[{` + manyDims(33, ",", "") + `}]}`, ELimit, `/value/0/D32: more than 32 dimensions besides region and period`},
		{"csv v4 empty measure", "Measure,Value\n,1\n", EValue, `line 2, column "Measure": the code is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obs, err := Decode(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error; %d observations", len(obs))
			}
			if obs != nil {
				t.Errorf("%d observations returned with the error", len(obs))
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%T %v, want *Error", err, err)
			}
			if e.Code != tt.code || e.Error() != tt.msg {
				t.Errorf("got  %s %s\nwant %s %s", e.Code, e.Error(), tt.code, tt.msg)
			}
		})
	}
}

func TestBadLimits(t *testing.T) {
	t.Run("input", func(t *testing.T) {
		// A stream that never ends is refused at MaxInput, not read whole.
		// Its rows are a text topic: no observations, so only the input
		// limit can stop it.
		r := &endless{head: "RegioS;Naam_1\n", row: "NL01;" + strings.Repeat("a", 900) + "\n"}
		_, err := DecodeCSV(r)
		var e *Error
		if !errors.As(err, &e) || e.Code != ELimit || !strings.HasSuffix(e.Error(), "the input is larger than 256 MiB") {
			t.Fatalf("got %v", err)
		}
		if r.n > MaxInput+1<<20 {
			t.Errorf("read %d bytes", r.n)
		}
	})
	t.Run("observations, lowered", func(t *testing.T) {
		defer func(n int) { maxObservations = n }(maxObservations)
		maxObservations = 10
		in := `{"value":[{"A_1":1,"B_2":2,"C_3":3},{"A_1":1,"B_2":2,"C_3":3},{"A_1":1,"B_2":2,"C_3":3},{"A_1":1,"B_2":2,"C_3":3}]}`
		obs, err := DecodeJSON(strings.NewReader(in))
		var e *Error
		if want := "/value/3/B_2: more than 10 observations"; obs != nil || !errors.As(err, &e) || e.Code != ELimit || e.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
	})
	t.Run("observations", func(t *testing.T) {
		if testing.Short() {
			t.Skip("decodes two million observations")
		}
		var b strings.Builder
		b.WriteString("A_1;B_2\n")
		b.WriteString(strings.Repeat("1;2\n", MaxObservations/2))
		b.WriteString("3;4\n")
		_, err := DecodeCSV(strings.NewReader(b.String()))
		var e *Error
		want := `line 1000002, column "A_1": more than 2000000 observations`
		if !errors.As(err, &e) || e.Code != ELimit || e.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
	})
}

// endless is a CSV file that never ends: a header, then row forever.
type endless struct {
	head, row string
	n         int // bytes read
	off       int // offset in the current row
}

func (e *endless) Read(p []byte) (int, error) {
	if e.n < len(e.head) {
		k := copy(p, e.head[e.n:])
		e.n += k
		return k, nil
	}
	k := copy(p, e.row[e.off:])
	e.off = (e.off + k) % len(e.row)
	e.n += k
	return k, nil
}

// TestDimsAtTheLimit: MaxDims dimensions decode, each observation with all
// of them.
func TestDimsAtTheLimit(t *testing.T) {
	for _, in := range []string{manyDims(MaxDims, ";", "\n"), `{"value":[{` + manyDims(MaxDims, ",", "") + `}]}`} {
		obs, err := Decode(strings.NewReader(in))
		if err != nil || len(obs) != 1 || len(obs[0].Dims) != MaxDims || obs[0].Dims[MaxDims-1] != (Dim{Name: "D31", Code: "c"}) {
			t.Errorf("%.30s…: %v, %+v", in, err, obs)
		}
	}
}
