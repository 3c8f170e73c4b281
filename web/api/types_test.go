package api

import (
	"encoding/json"
	"testing"

	"github.com/koers-nl/koers"
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
	}
	if len(tests) != len(koers.BlockTypes) {
		t.Errorf("%d block types pinned, the domain has %d", len(tests), len(koers.BlockTypes))
	}
	for _, tt := range tests {
		got, err := json.Marshal(blocks([]koers.Block{tt.in})[0])
		if err != nil || string(got) != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in.Type, got, tt.want)
		}
	}
	if b := blocks(nil); b == nil || len(b) != 0 {
		t.Errorf("no blocks = %#v, want []", b)
	}
}
