package koers_test

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

func decimals(d int) *int { return &d }

// validPrinted is a printed layout for validDoc's indicator table that
// passes every rule; each case of TestValidatePrinted breaks one.
func validPrinted() *koers.PrintedTable {
	return &koers.PrintedTable{
		RowHeader: "Indicator", Numbering: koers.NumberByCode,
		Columns: []koers.PrintedColumn{
			{Key: "w2019", Label: "Werkelijk 2019", Kind: koers.PrintedRealised, Year: 2019},
			{Key: "b2020", Label: "2020", Group: "Begroting", Kind: koers.PrintedAmended, Year: 2020, Amendment: 3},
			{Key: "q1", Label: "Q1 2020", Kind: koers.PrintedRealised, Year: 2020, Period: "Q1"},
			{Key: "streef", Label: "Streefwaarde", Kind: koers.PrintedTarget},
		},
		Rows: []koers.PrintedRow{{Indicator: "jeugdhulp", Code: "6.72", Unit: "%", Decimals: decimals(1), Note: "Peildatum 1 januari.",
			Values: []koers.PrintedValue{{Column: "b2020", Number: num(12)}, {Column: "streef", Missing: koers.NotationNotApplicable}}}},
		Legend: []koers.LegendEntry{{Sign: "n.v.t.", Text: "niet van toepassing"}},
		Cards:  true,
	}
}

func TestValidatePrinted(t *testing.T) {
	o, d := validOrg(), validDoc()
	sub(d).Blocks[6].Printed = validPrinted()
	if err := koers.ValidateDocument(o, d); err != nil {
		t.Fatalf("the valid printed table: %v", err)
	}
	const at = "/document/pages/0/children/0/blocks/6/printed"
	tests := []struct {
		name   string
		change func(pt *koers.PrintedTable)
		want   []string
	}{
		{"no columns", func(pt *koers.PrintedTable) { pt.Columns = nil },
			[]string{at + `: a printed table needs its "columns"`}},
		{"bad numbering", func(pt *koers.PrintedTable) { pt.Numbering = "roman" },
			[]string{at + `/numbering: numbering "roman" is not code or none`, at + `/rows/0/code: a code is shown only when the numbering is "code"`}},
		{"duplicate key", func(pt *koers.PrintedTable) { pt.Columns[1].Key = "w2019" },
			[]string{at + `/columns/1/key: column key "w2019" appears twice`, at + `/rows/0/values/0/column: column "b2020" is not a column of this table`}},
		{"blank label", func(pt *koers.PrintedTable) { pt.Columns[0].Label = "" },
			[]string{at + `/columns/0/label: label is required`}},
		{"bad kind", func(pt *koers.PrintedTable) { pt.Columns[0].Kind = "forecast" },
			[]string{at + `/columns/0/kind: kind "forecast" is not realised, budgeted, primitive_budget, amended_budget or target`}},
		{"budget without year", func(pt *koers.PrintedTable) { pt.Columns[1].Year = 0 },
			[]string{at + `/columns/1/year: a amended_budget column needs its year`}},
		{"year out of range", func(pt *koers.PrintedTable) { pt.Columns[3].Year = 1066 },
			[]string{at + `/columns/3/year: year 1066 is not between 1900 and 2200`}},
		{"bad period", func(pt *koers.PrintedTable) { pt.Columns[2].Period = "Q5" },
			[]string{at + `/columns/2/period: period "Q5" is not one of Q1-Q4, H1-H2 or T1-T3`}},
		{"period without year", func(pt *koers.PrintedTable) { pt.Columns[3].Period = "H1" },
			[]string{at + `/columns/3/period: period "H1" needs a year`}},
		{"amendment missing", func(pt *koers.PrintedTable) { pt.Columns[1].Amendment = 0 },
			[]string{at + `/columns/1/amendment: an amended_budget column needs its amendment, from 1 to 99`}},
		{"amendment on realised", func(pt *koers.PrintedTable) { pt.Columns[0].Amendment = 1 },
			[]string{at + `/columns/0/amendment: only an amended_budget column has an amendment`}},
		{"row not in block", func(pt *koers.PrintedTable) { pt.Rows[0].Indicator = "onbekend" },
			[]string{at + `/rows/0/indicator: indicator "onbekend" is not in this block's "indicators"`}},
		{"two rows", func(pt *koers.PrintedTable) { pt.Rows = append(pt.Rows, koers.PrintedRow{Indicator: "jeugdhulp"}) },
			[]string{at + `/rows/1/indicator: indicator "jeugdhulp" has two rows`}},
		{"code without code numbering", func(pt *koers.PrintedTable) { pt.Numbering = koers.NumberNone },
			[]string{at + `/rows/0/code: a code is shown only when the numbering is "code"`}},
		{"too many decimals", func(pt *koers.PrintedTable) { pt.Rows[0].Decimals = decimals(7) },
			[]string{at + `/rows/0/decimals: decimals 7 is not from 0 to 4`}},
		{"value for unknown column", func(pt *koers.PrintedTable) { pt.Rows[0].Values[0].Column = "x" },
			[]string{at + `/rows/0/values/0/column: column "x" is not a column of this table`}},
		{"value twice", func(pt *koers.PrintedTable) { pt.Rows[0].Values[1].Column = "b2020" },
			[]string{at + `/rows/0/values/1/column: column "b2020" has two values in this row`}},
		{"number and missing", func(pt *koers.PrintedTable) { pt.Rows[0].Values[0].Missing = koers.NotationNil },
			[]string{at + `/rows/0/values/0: a value has either a number or a missing notation`}},
		{"unknown notation", func(pt *koers.PrintedTable) { pt.Rows[0].Values[1].Missing = "nnb" },
			[]string{at + `/rows/0/values/1/missing: missing "nnb" is not "-", ".", "n.n.b." or "n.v.t."`}},
		{"number for a stored column", func(pt *koers.PrintedTable) { pt.Rows[0].Values[0].Column = "w2019" },
			[]string{at + `/rows/0/values/0/number: column "w2019" shows the indicator's stored realised values; only a missing notation may be given`}},
		{"number out of bounds", func(pt *koers.PrintedTable) { pt.Rows[0].Values[0].Number = num(2e12) },
			[]string{at + `/rows/0/values/0/number: value 2e+12 is beyond the largest koers stores, 10^12 (a million million) either way`}},
		{"blank legend", func(pt *koers.PrintedTable) { pt.Legend[0].Text = " " },
			[]string{at + `/legend/0/text: text is blank`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, d := validOrg(), validDoc()
			pt := validPrinted()
			tt.change(pt)
			sub(d).Blocks[6].Printed = pt
			got := problems(t, koers.ValidateDocument(o, d))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestPrintedCells(t *testing.T) {
	in := &koers.Indicator{Key: "k", Number: "2.1", Name: "Aantal", Unit: koers.Count, Threshold: 10, Values: []koers.Value{
		{Year: 2019, Kind: koers.Realised, Number: num(689)},
		{Year: 2020, Kind: koers.Realised, Number: num(4)},
		{Year: 2021, Kind: koers.Budgeted},
	}}
	pct := &koers.Indicator{Key: "p", Number: "2.2", Name: "Deel", Unit: koers.Percentage, Values: []koers.Value{
		{Year: 2019, Kind: koers.Realised, Number: num(11.6)}}}
	pt := &koers.PrintedTable{Numbering: koers.NumberByCode,
		Columns: []koers.PrintedColumn{
			{Key: "w19", Label: "2019", Kind: koers.PrintedRealised, Year: 2019},
			{Key: "w20", Label: "2020", Kind: koers.PrintedRealised, Year: 2020},
			{Key: "b21", Label: "2021", Kind: koers.PrintedBudgeted, Year: 2021},
			{Key: "b22", Label: "2022", Kind: koers.PrintedBudgeted, Year: 2022},
			{Key: "prim", Label: "Primitief", Kind: koers.PrintedPrimitive, Year: 2022},
			{Key: "doel", Label: "Streefwaarde", Kind: koers.PrintedTarget},
		},
		Rows: []koers.PrintedRow{
			{Indicator: "k", Code: "6.1", Decimals: decimals(1), Values: []koers.PrintedValue{
				{Column: "b21", Missing: koers.NotationNotYetKnown}, {Column: "b22", Missing: koers.NotationUnknown},
				{Column: "prim", Number: num(1992.25)}, {Column: "doel", Missing: koers.NotationNil}}},
			{Indicator: "p", Values: []koers.PrintedValue{{Column: "doel", Number: num(12)}}},
		}}
	tests := []struct {
		in     *koers.Indicator
		prefix string
		want   []string
	}{
		// Stored values take the row's decimals; a suppressed count stays
		// "<10"; notations fill what is missing; given values print too.
		{in, "6.1", []string{"689,0", "<10", "n.n.b.", ".", "1.992,2", "-"}},
		// Without decimals a value prints as stored; a column without a
		// value stays empty; a percentage keeps its sign.
		{pct, "", []string{"11,6%", "", "", "", "", "12%"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range pt.Columns {
			got = append(got, pt.Cell(tt.in, c))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: cells %q, want %q", tt.in.Key, got, tt.want)
		}
		if p := pt.Prefix(tt.in); p != tt.prefix {
			t.Errorf("%s: prefix %q, want %q", tt.in.Key, p, tt.prefix)
		}
	}
	pt.Numbering = koers.NumberByGoal
	if p := pt.Prefix(in); p != "2.1" {
		t.Errorf("goal numbering: prefix %q", p)
	}
	pt.Numbering = koers.NumberNone
	if p := pt.Prefix(in); p != "" {
		t.Errorf("no numbering: prefix %q", p)
	}
}
