package api

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestPrintedTableShape pins the API's JSON of an indicator table with a
// printed layout, and checks it against openapi.json, closed.
func TestPrintedTableShape(t *testing.T) {
	one, n := 1, 12.5
	b := koers.Block{Type: koers.IndicatorTableBlock, Indicators: []string{"a"}, Printed: &koers.PrintedTable{
		Columns: []koers.PrintedColumn{{Key: "w", Label: "2019", Group: "Werkelijk", Kind: koers.PrintedRealised, Year: 2019},
			{Key: "na", Label: "Na 3e wijziging", Kind: koers.PrintedAmended, Year: 2020, Amendment: 3},
			{Key: "q", Label: "Q1", Kind: koers.PrintedRealised, Year: 2020, Period: "Q1"}},
		Rows: []koers.PrintedRow{{Indicator: "a", Unit: "%", Decimals: &one, Note: "Noot.",
			Values: []koers.PrintedValue{{Column: "na", Number: &n}, {Column: "q", Missing: koers.NotationUnknown}}}},
	}}
	want := `{"type":"indicator_table","indicators":["a"],"printed":{"row_header":"Omschrijving","numbering":"goal",` +
		`"columns":[{"key":"w","label":"2019","group":"Werkelijk","kind":"realised","year":2019,"stored":true},` +
		`{"key":"na","label":"Na 3e wijziging","kind":"amended_budget","year":2020,"amendment":3,"stored":false},` +
		`{"key":"q","label":"Q1","kind":"realised","year":2020,"period":"Q1","stored":false}],` +
		`"rows":[{"indicator":"a","unit":"%","decimals":1,"note":"Noot.","values":[{"column":"na","number":12.5},{"column":"q","missing":"."}]}],` +
		`"legend":[],"cards":false}}`
	got, err := json.Marshal(blocks([]koers.Block{b}, 2020, nil)[0])
	if err != nil || string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	block, err := strictSpec(t).Compile("openapi.json#/components/schemas/Block")
	if err != nil {
		t.Fatal(err)
	}
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(got))
	if err := block.Validate(v); err != nil {
		t.Errorf("does not match openapi.json: %v", err)
	}
}
