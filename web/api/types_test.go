package api

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestBlocksKeepTheirShape pins the JSON of every block type in the API:
// the domain's Block may change; this may not within /api/v1.
func TestBlocksKeepTheirShape(t *testing.T) {
	tests := []struct {
		in   koers.Block
		want string
	}{
		{koers.Block{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{
			{Type: koers.Paragraph, Text: "Tekst."}, {Type: koers.List, Items: []string{"a", "b"}, Ordered: true}}},
			`{"type":"text","heading":"Inleiding","content":[{"type":"paragraph","text":"Tekst."},{"type":"list","items":["a","b"],"ordered":true}]}`},
		{koers.Block{Type: koers.GoalBlock, Heading: "Doel", Text: "Iedereen doet mee."},
			`{"type":"goal","heading":"Doel","text":"Iedereen doet mee."}`},
		{koers.Block{Type: koers.SmartGoalsBlock}, `{"type":"smart_goals"}`},
		{koers.Block{Type: koers.ActivitiesBlock, Heading: "Activiteiten"}, `{"type":"activities","heading":"Activiteiten"}`},
		{koers.Block{Type: koers.GoalExplanationsBlock, Explanations: []koers.Explanation{{Ref: "1"}}},
			`{"type":"goal_explanations","explanations":[{"ref":"1","paragraphs":[]}]}`},
		{koers.Block{Type: koers.ActivityExplanationsBlock, Explanations: []koers.Explanation{{Ref: "2.2", Heading: "Anders", Paragraphs: []string{"p"}}}},
			`{"type":"activity_explanations","explanations":[{"ref":"2.2","heading":"Anders","paragraphs":["p"]}]}`},
		{koers.Block{Type: koers.IndicatorTableBlock, Indicators: []string{"a", "b"}}, `{"type":"indicator_table","indicators":["a","b"]}`},
		{koers.Block{Type: koers.DeviationsBlock, Scope: koers.ScopeActivities, Deviations: []koers.Deviation{{Ref: "2.2", Paragraphs: []string{"Geen afwijkingen."}}}},
			`{"type":"deviations","scope":"activities","deviations":[{"ref":"2.2","paragraphs":["Geen afwijkingen."]}]}`},
		{koers.Block{Type: koers.FinanceTableBlock, Heading: "Wat heeft het gekost?", Finance: &koers.FinanceTable{Scale: 1000,
			Columns:     []koers.FinanceColumn{{Year: 2022, Version: koers.AmendedBudget, Amendment: 3}, {Year: 2022, Version: koers.Realisation}},
			Differences: []koers.FinanceDifference{{From: 0, To: 1}},
			Lines: []koers.FinanceLine{{Kind: koers.Expenses, Taakveld: "6.1", Amounts: []*koers.Money{money(1000), money(1234.5)}},
				{Kind: koers.Income, Label: "Rijksbijdrage", Amounts: []*koers.Money{nil, money(10)}}},
			Explanations: []koers.FinanceExplanation{{Line: 0, Paragraphs: []string{"Meer uitgaven."}}}}},
			`{"type":"finance_table","heading":"Wat heeft het gekost?","finance":{"scale":1000,"scale_label":"bedragen x € 1.000",` +
				`"columns":[{"year":2022,"version":"begroting_gewijzigd","amendment":3,"title":"Begroting 2022 na 3e wijziging"},{"year":2022,"version":"realisatie","title":"Realisatie 2022"}],` +
				`"differences":[{"from":0,"to":1,"title":"Verschil"}],` +
				`"lines":[{"kind":"lasten","taakveld":"6.1","label":"6.1 Samenkracht en burgerparticipatie","amounts":[1000,1234.50],"differences":[{"amount":234.50,"judgement":"N"}]},` +
				`{"kind":"baten","label":"Rijksbijdrage","amounts":[null,10],"differences":[{"amount":10,"judgement":"V"}]}],` +
				`"totals":[{"kind":"lasten","label":"Totaal lasten","amounts":[1000,1234.50],"differences":[{"amount":234.50,"judgement":"N"}]},` +
				`{"kind":"baten","label":"Totaal baten","amounts":[null,10],"differences":[{"amount":10,"judgement":"V"}]},` +
				`{"kind":"saldo","label":"Saldo van baten en lasten","amounts":[-1000,-1224.50],"differences":[{"amount":-224.50,"judgement":"N"}]}],` +
				`"explanations":[{"line":0,"paragraphs":["Meer uitgaven."]}]}}`},
		{koers.Block{Type: koers.ComparisonTableBlock, Heading: "Waar staat je gemeente?", Comparison: &koers.ComparisonTable{Reference: "2023-05-01",
			Areas: []koers.ComparisonArea{{Name: "Nederland", Code: "NL01"}},
			Rows: []koers.ComparisonRow{{Name: "Banen", Unit: "per 1.000 inwoners 15-64 jaar", Period: "2017-H2", Value: koers.Number("1712.40"),
				Areas: []koers.Figure{koers.Missing(koers.NotationNotYetKnown)}, Source: "LISA", Target: "Toename", Indicator: "banen"}}}},
			`{"type":"comparison_table","heading":"Waar staat je gemeente?","comparison":{"reference":"2023-05-01","areas":[{"name":"Nederland","code":"NL01"}],` +
				`"rows":[{"name":"Banen","unit":"per 1.000 inwoners 15-64 jaar","period":"2017-H2","period_label":"tweede halfjaar 2017",` +
				`"value":{"value":1712.40,"text":"1.712,40"},"areas":[{"value":null,"notation":"n.n.b.","text":"n.n.b."}],"source":"LISA","target":"Toename","indicator":"banen"}],` +
				`"notations":[{"notation":"n.n.b.","meaning":"nog niet bekend"}]}}`},
	}
	if len(tests) != len(koers.BlockTypes) {
		t.Errorf("%d block types pinned, the domain has %d", len(tests), len(koers.BlockTypes))
	}
	// Each shape is what openapi.json describes, closed.
	c := strictSpec(t)
	block, err := c.Compile("openapi.json#/components/schemas/Block")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		got, err := json.Marshal(blocks([]koers.Block{tt.in}, 2022, koers.DefaultStatusLegend)[0])
		if err != nil || string(got) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in.Type, got, tt.want)
		}
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(got))
		if err := block.Validate(v); err != nil {
			t.Errorf("%s does not match openapi.json: %v", tt.in.Type, err)
		}
	}
	if b := blocks(nil, 0, nil); b == nil || len(b) != 0 {
		t.Errorf("no blocks = %#v, want []", b)
	}
}

func money(euros float64) *koers.Money { m, _ := koers.MoneyFromFloat(euros); return &m }
