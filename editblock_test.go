package koers_test

import (
	"testing"

	"github.com/koers-nl/koers"
)

// TestStarterBlockFor adds every block type to a fresh programme page and
// to one that already has its plan: the document holds to the rules
// after each, or the refusal says what to do first.
func TestStarterBlockFor(t *testing.T) {
	org := &koers.Organisation{Slug: "leiderdorp", Name: "Gemeente Leiderdorp"}
	page := func(number string) (*koers.Document, *koers.Page) {
		p := &koers.Page{Kind: koers.SubProgramme, Number: number, Title: "1C: Ondersteunde inwoners", Slug: "1c"}
		doc := &koers.Document{Kind: koers.Bestuursrapportage, Year: 2024, Sequence: 1, Title: "Bestuursrapportage", Slug: "burap", Pages: []*koers.Page{p}}
		return doc, p
	}
	planned := func() (*koers.Document, *koers.Page) {
		doc, p := page("1C")
		p.SmartGoals = []koers.SmartGoal{{Number: "1", Title: "Inwoners doen mee."}, {Number: "2", Title: "Jongeren groeien gezond op."}}
		p.Activities = []koers.Activity{{Number: "2.1", Title: "Jeugdhulp dichtbij."}}
		p.Indicators = []*koers.Indicator{{Key: "jeugdhulp", Number: "2.1", Name: "Jongeren met jeugdhulp", Unit: koers.Percentage}}
		return doc, p
	}
	for _, bt := range koers.BlockTypes {
		for _, tt := range []struct {
			name  string
			setup func() (*koers.Document, *koers.Page)
		}{
			{"fresh", func() (*koers.Document, *koers.Page) { return page("1C") }},
			{"planned", planned},
		} {
			t.Run(string(bt)+"/"+tt.name, func(t *testing.T) {
				doc, p := tt.setup()
				b, err := koers.StarterBlockFor(doc, p, bt)
				if err != nil {
					t.Fatalf("StarterBlockFor: %v", err)
				}
				if err := koers.AddBlock(p, b, len(p.Blocks)); err != nil {
					t.Fatal(err)
				}
				if err := koers.ValidateDocument(org, doc); err != nil {
					t.Fatalf("the document breaks the rules after adding a %s block: %v", bt, err)
				}
				if tt.name == "planned" && len(p.SmartGoals) != 2 {
					t.Errorf("the page's own goals were replaced: %v", p.SmartGoals)
				}
			})
		}
	}
	// A second indicator table gets an indicator of its own.
	doc, p := planned()
	for range 2 {
		b, err := koers.StarterBlockFor(doc, p, koers.IndicatorTableBlock)
		if err != nil {
			t.Fatal(err)
		}
		koers.AddBlock(p, b, len(p.Blocks))
	}
	if got := p.Blocks[1].Indicators; len(got) != 1 || got[0] != "nieuwe-indicator" {
		t.Errorf("the second table shows %v, want a new indicator", got)
	}
	if err := koers.ValidateDocument(org, doc); err != nil {
		t.Fatal(err)
	}
	// A page without a number has no plan.
	doc, p = page("")
	_, err := koers.StarterBlockFor(doc, p, koers.SmartGoalsBlock)
	if koers.ErrorCode(err) != koers.EINVALID || koers.ErrorMessage(err) != "Geef de pagina eerst een nummer (zoals 1C): doelen en activiteiten horen bij een genummerd programma." {
		t.Errorf("SMART goals on a page without a number: %v", err)
	}
}
