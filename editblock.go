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
// activities, explanations, deviations, indicators) are empty; the page
// needs its goals, activities or indicators before they are valid.
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
