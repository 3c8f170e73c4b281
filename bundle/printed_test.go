package bundle_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

// printedOld is minimal.json's indicator table; printedBlock gives it a
// printed layout on the same line, with extra text spliced into its rows.
const printedOld = `"indicators": ["jeugdhulp"] }`

func printedBlock(columns, row string) string {
	return `"indicators": ["jeugdhulp"], "printed": {"row_header": "Indicator", "numbering": "code", ` +
		`"columns": [{"key": "w", "label": "Werkelijk 2019", "kind": "realised", "year": 2019}` + columns + `], ` +
		`"rows": [{"indicator": "jeugdhulp", "code": "6.72", "decimals": 1` + row + `}], "legend": [{"sign": "-", "text": "nihil"}], "cards": true} }`
}

// TestPrintedBundle: a printed layout is read into the domain as given.
func TestPrintedBundle(t *testing.T) {
	base := string(mustRead(t, "testdata/minimal.json"))
	data := strings.Replace(base, printedOld, printedBlock(`, {"key": "doel", "label": "Streefwaarde", "kind": "target"}`,
		`, "values": [{"column": "doel", "number": 12.5}, {"column": "w", "missing": "n.v.t."}]`), 1)
	b, err := bundle.Decode("printed.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	_, doc := b.Domain()
	one, n := 1, 12.5
	want := &koers.PrintedTable{RowHeader: "Indicator", Numbering: koers.NumberByCode, Cards: true,
		Columns: []koers.PrintedColumn{{Key: "w", Label: "Werkelijk 2019", Kind: koers.PrintedRealised, Year: 2019},
			{Key: "doel", Label: "Streefwaarde", Kind: koers.PrintedTarget}},
		Rows: []koers.PrintedRow{{Indicator: "jeugdhulp", Code: "6.72", Decimals: &one,
			Values: []koers.PrintedValue{{Column: "doel", Number: &n}, {Column: "w", Missing: koers.NotationNotApplicable}}}},
		Legend: []koers.LegendEntry{{Sign: "-", Text: "nihil"}}}
	var got *koers.PrintedTable
	for _, blk := range doc.Pages[0].Blocks {
		if blk.Printed != nil {
			got = blk.Printed
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("printed table %+v\nwant %+v", got, want)
	}
}

// TestBadPrintedBundles: a wrong printed layout is refused with the place
// of the problem, by the schema or by the domain's rules.
func TestBadPrintedBundles(t *testing.T) {
	base := string(mustRead(t, "testdata/minimal.json"))
	const at = "/document/pages/0/blocks/2/printed"
	tests := []struct {
		name, columns, row string
		pointer            string
		message            string
	}{
		{"unknown kind", `, {"key": "p", "label": "Prognose", "kind": "forecast", "year": 2020}`, "",
			at + "/columns/1/kind", "value must be one of"},
		{"unknown period", `, {"key": "p", "label": "Q5", "kind": "realised", "year": 2020, "period": "Q5"}`, "",
			at + "/columns/1/period", "value must be one of"},
		{"too many decimals", "", `, "decimals": 9`, at + "/rows/0/decimals", "maximum"},
		{"unknown notation", "", `, "values": [{"column": "w", "missing": "nnb"}]`, at + "/rows/0/values/0/missing", "value must be one of"},
		{"unknown field in a row", "", `, "colour": "red"`, at + "/rows/0/colour", `unknown field "colour"`},
		{"duplicate column key", `, {"key": "w", "label": "Begroot 2020", "kind": "budgeted", "year": 2020}`, "",
			at + "/columns/1/key", `column key "w" appears twice`},
		{"budget without year", `, {"key": "b", "label": "Begroting", "kind": "budgeted"}`, "",
			at + "/columns/1/year", "a budgeted column needs its year"},
		{"amended without amendment", `, {"key": "b", "label": "Na wijziging", "kind": "amended_budget", "year": 2020}`, "",
			at + "/columns/1/amendment", "an amended_budget column needs its amendment, from 1 to 99"},
		{"value for a missing column", "", `, "values": [{"column": "x", "number": 1}]`, at + "/rows/0/values/0/column", `column "x" is not a column of this table`},
		{"number for a stored column", "", `, "values": [{"column": "w", "number": 1}]`, at + "/rows/0/values/0/number",
			`column "w" shows the indicator's stored realised values; only a missing notation may be given`},
		{"number and notation", `, {"key": "doel", "label": "Streefwaarde", "kind": "target"}`, `, "values": [{"column": "doel", "number": 1, "missing": "-"}]`,
			at + "/rows/0/values/0", "a value has either a number or a missing notation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(base, printedOld) {
				t.Fatalf("minimal.json lacks %q", printedOld)
			}
			// The block is on one line of minimal.json.
			mustProblemAt(t, strings.Replace(base, printedOld, printedBlock(tt.columns, tt.row), 1), tt.pointer, tt.message, 48)
		})
	}
}
