package koers

import (
	"slices"
	"strconv"
)

// The block operations of the editor change one page's blocks in place
// and return an *Error with a Dutch message when they cannot.

// StarterBlock is a new block of type t with placeholder content that
// holds to the rules by itself where it can: a text block with one
// paragraph, a goal with a placeholder text, a finance table with one
// column and line, a comparison table with one area (Nederland) and one
// row whose figures are not yet known. Blocks about the page's plan (SMART goals,
// activities, explanations, deviations, indicators) are empty: the editor
// adds them with StarterBlockFor, which fills them from the page.
func StarterBlock(t BlockType, year int) (Block, error) {
	if !t.Valid() {
		return Block{}, Errorf(EINVALID, "%q is geen soort blok.", t)
	}
	b := Block{Type: t}
	switch t {
	case TextBlock:
		b.Content = []TextElement{{Type: Paragraph, Text: "Nieuwe tekst."}}
	case GoalBlock:
		b.Text = "Nieuw doel."
	case DeviationsBlock:
		b.Scope = ScopeSmartGoals
	case FinanceTableBlock:
		zero := Money(0)
		b.Finance = &FinanceTable{Scale: 1, Columns: []FinanceColumn{{Year: year, Version: PrimitiveBudget}},
			Lines: []FinanceLine{{Kind: Expenses, Label: "Lasten", Amounts: []*Money{&zero}}}}
	case ComparisonTableBlock:
		b.Comparison = &ComparisonTable{Areas: []ComparisonArea{{Name: "Nederland", Code: "NL01"}},
			Rows: []ComparisonRow{{Name: "Nieuwe indicator", Period: strconv.Itoa(year),
				Value: Missing(NotationNotYetKnown), Areas: []Figure{Missing(NotationNotYetKnown)}}}}
	}
	return b, nil
}

// AddBlock inserts b at position among the page's blocks (clamped to the
// ends).
func AddBlock(p *Page, b Block, position int) error {
	if !b.Type.Valid() {
		return Errorf(EINVALID, "%q is geen soort blok.", b.Type)
	}
	p.Blocks = slices.Insert(p.Blocks, clamp(position, 0, len(p.Blocks)), b)
	return nil
}

// ReplaceBlock puts b in the place of block i; it keeps its type.
func ReplaceBlock(p *Page, i int, b Block) error {
	if i < 0 || i >= len(p.Blocks) {
		return blockNotFound(i)
	}
	if b.Type != p.Blocks[i].Type {
		return Errorf(EINVALID, "Blok %d is een %s-blok, geen %s-blok.", i+1, p.Blocks[i].Type, b.Type)
	}
	p.Blocks[i] = b
	return nil
}

// DeleteBlock deletes block i.
func DeleteBlock(p *Page, i int) error {
	if i < 0 || i >= len(p.Blocks) {
		return blockNotFound(i)
	}
	p.Blocks = slices.Delete(p.Blocks, i, i+1)
	return nil
}

// MoveBlock moves block i one place up (delta -1) or down (delta 1).
func MoveBlock(p *Page, i, delta int) error {
	if i < 0 || i >= len(p.Blocks) {
		return blockNotFound(i)
	}
	j := i + delta
	if delta != -1 && delta != 1 || j < 0 || j >= len(p.Blocks) {
		return Errorf(EINVALID, "Blok %d kan niet verder naar %s.", i+1, direction(delta))
	}
	p.Blocks[i], p.Blocks[j] = p.Blocks[j], p.Blocks[i]
	return nil
}

func blockNotFound(i int) error {
	return Errorf(ENOTFOUND, "Blok %d bestaat niet (meer) op deze pagina.", i+1)
}

// Placeholders of the plan a new block needs to hold to the rules; the
// author replaces them in the block's form.
const (
	placeholderGoal        = "Nieuw SMART-doel."
	placeholderActivity    = "Nieuwe activiteit."
	placeholderExplanation = "Toelichting volgt."
	placeholderDeviation   = "Nog in te vullen."
	placeholderIndicator   = "Nieuwe indicator"
)

// StarterBlockFor is a new block of type t for page p of doc that holds to
// the rules as it is added. Blocks about the page's plan start from what
// the page has: explanations for each of its SMART goals or activities, a
// deviation for its first goal, an indicator table of the indicators no
// table shows yet. Where the page lacks what such a block needs, a
// placeholder is added to the page (a first SMART goal, activity or
// indicator), or, when that cannot be (a page without a number has no
// plan), a Dutch EINVALID error says what to do first.
func StarterBlockFor(doc *Document, p *Page, t BlockType) (Block, error) {
	b, err := StarterBlock(t, doc.Year)
	if err != nil {
		return b, err
	}
	plan := t == SmartGoalsBlock || t == ActivitiesBlock || t == GoalExplanationsBlock ||
		t == ActivityExplanationsBlock || t == DeviationsBlock
	if plan && p.Number == "" {
		return Block{}, Errorf(EINVALID, "Geef de pagina eerst een nummer (zoals 1C): doelen en activiteiten horen bij een genummerd programma.")
	}
	needGoal := func() {
		if len(p.SmartGoals) == 0 {
			p.SmartGoals = []SmartGoal{{Number: "1", Title: placeholderGoal}}
		}
	}
	needActivity := func() {
		needGoal()
		if len(p.Activities) == 0 {
			p.Activities = []Activity{{Number: p.SmartGoals[0].Number + ".1", Title: placeholderActivity}}
		}
	}
	switch t {
	case SmartGoalsBlock:
		needGoal()
	case ActivitiesBlock:
		needActivity()
	case GoalExplanationsBlock:
		needGoal()
		for _, g := range p.SmartGoals {
			b.Explanations = append(b.Explanations, Explanation{Ref: g.Number, Paragraphs: []string{placeholderExplanation}})
		}
	case ActivityExplanationsBlock:
		needActivity()
		for _, a := range p.Activities {
			b.Explanations = append(b.Explanations, Explanation{Ref: a.Number, Paragraphs: []string{placeholderExplanation}})
		}
	case DeviationsBlock:
		needGoal()
		b.Deviations = []Deviation{{Ref: p.SmartGoals[0].Number, Paragraphs: []string{placeholderDeviation}}}
	case IndicatorTableBlock:
		shown := map[string]bool{}
		for _, other := range p.Blocks {
			for _, key := range other.Indicators {
				shown[key] = true
			}
		}
		for _, in := range p.Indicators {
			if !shown[in.Key] {
				b.Indicators = append(b.Indicators, in.Key)
			}
		}
		if len(b.Indicators) == 0 {
			key := freeIndicatorKey(doc, Slugify(placeholderIndicator))
			p.Indicators = append(p.Indicators, &Indicator{Key: key, Number: strconv.Itoa(len(p.Indicators) + 1), Name: placeholderIndicator, Unit: Count})
			b.Indicators = []string{key}
		}
	}
	return b, nil
}

// freeIndicatorKey is base, or base-2, base-3 ..., whichever no page of
// doc uses.
func freeIndicatorKey(doc *Document, base string) string {
	used := map[string]bool{}
	_ = doc.Walk(func(p *Page) error {
		for _, in := range p.Indicators {
			used[in.Key] = true
		}
		return nil
	})
	key := base
	for n := 2; used[key]; n++ {
		key = base + "-" + strconv.Itoa(n)
	}
	return key
}
