package koers

import (
	"reflect"
	"testing"
)

func ledgerDoc() *Document {
	return &Document{Kind: Begroting, Year: 2022, Slug: "begroting-2022", Pages: []*Page{{Kind: Programme, Number: "1", Slug: "programma-1",
		Children: []*Page{
			{Kind: SubProgramme, Number: "1C", Slug: "1c-ondersteunde-inwoners", Blocks: []Block{{Type: FinanceTableBlock, Heading: "Wat mag het kosten?", Finance: &FinanceTable{
				Scale:        1000,
				Columns:      []FinanceColumn{{Year: 2020, Version: Realisation}, {Year: 2022, Version: PrimitiveBudget}},
				Differences:  []FinanceDifference{{From: 0, To: 1, Label: "Verschil"}},
				Lines:        []FinanceLine{{Kind: Income, Taakveld: "6.1", Amounts: []*Money{euros(1), euros(2)}}, {Kind: Expenses, Taakveld: "6.71", Amounts: []*Money{euros(1), nil}}},
				Given:        []FinanceTotal{{Kind: TotalIncome, Amounts: []*Money{euros(1), euros(2)}}},
				Explanations: []FinanceExplanation{{Line: 1, Paragraphs: []string{"Meer cliënten."}}, {Line: 0, Paragraphs: []string{"Weg."}}},
			}}}},
			{Kind: SubProgramme, Number: "1D", Slug: "1d-werk"},
		}}}}
}

// TestApplyLedger fills an existing table (keeping its scale, heading,
// difference and the explanation of a line that remains) and makes a new
// one, with columns and lines in order and amounts to the cent.
func TestApplyLedger(t *testing.T) {
	m := func(c Money) *Money { return &c }
	rows := []LedgerRow{
		{Line: 2, Programme: "1C", Taakveld: "6.71", Kind: Expenses, Year: 2022, Version: PrimitiveBudget, Amount: 360000050},
		{Line: 3, Programme: "1C", Taakveld: "6.1", Kind: Expenses, Year: 2020, Version: Realisation, Amount: 123456789},
		{Line: 4, Programme: "1C", Taakveld: "6.71", Kind: Expenses, Year: 2020, Version: Realisation, Amount: 345678901},
		{Line: 5, Programme: "1C", Taakveld: "0.10", Kind: FromReserve, Year: 2022, Version: PrimitiveBudget, Amount: -250000},
		{Line: 6, Programme: "1d-werk", Taakveld: "0.10", Kind: ToReserve, Year: 2023, Version: MultiYearEstimate, Amount: 1},
		{Line: 7, Programme: "1d-werk", Taakveld: "0.2", Kind: Expenses, Year: 2022, Version: AmendedBudget, Amount: 2},
	}
	doc := ledgerDoc()
	if ps := ApplyLedger(doc, rows); ps != nil {
		t.Fatal(ps)
	}
	c, d := doc.Pages[0].Children[0], doc.Pages[0].Children[1]
	want := &FinanceTable{
		Scale:       1000,
		Columns:     []FinanceColumn{{Year: 2020, Version: Realisation}, {Year: 2022, Version: PrimitiveBudget}},
		Differences: []FinanceDifference{{From: 0, To: 1, Label: "Verschil"}},
		Lines: []FinanceLine{
			{Kind: Expenses, Taakveld: "6.1", Amounts: []*Money{m(123456789), nil}},
			{Kind: Expenses, Taakveld: "6.71", Amounts: []*Money{m(345678901), m(360000050)}},
			{Kind: FromReserve, Taakveld: "0.10", Amounts: []*Money{nil, m(-250000)}},
		},
		Explanations: []FinanceExplanation{{Line: 1, Paragraphs: []string{"Meer cliënten."}}},
	}
	if len(c.Blocks) != 1 || c.Blocks[0].Heading != "Wat mag het kosten?" || !reflect.DeepEqual(c.Blocks[0].Finance, want) {
		t.Errorf("1C: %+v\nwant %+v", c.Blocks[0].Finance, want)
	}
	wantD := []Block{{Type: FinanceTableBlock, Heading: "Wat mag het kosten?", Finance: &FinanceTable{
		Scale:   1,
		Columns: []FinanceColumn{{Year: 2022, Version: AmendedBudget}, {Year: 2023, Version: MultiYearEstimate}},
		Lines: []FinanceLine{
			{Kind: Expenses, Taakveld: "0.2", Amounts: []*Money{m(2), nil}},
			{Kind: ToReserve, Taakveld: "0.10", Amounts: []*Money{nil, m(1)}},
		},
	}}}
	if !reflect.DeepEqual(d.Blocks, wantD) {
		t.Errorf("1D: %+v", d.Blocks[0].Finance)
	}
}

// TestApplyLedgerProblems: each problem at its row and field; the document
// is left as it was.
func TestApplyLedgerProblems(t *testing.T) {
	rows := []LedgerRow{
		{Line: 2, Programme: "1C", Taakveld: "6.1", Kind: Expenses, Year: 2022, Version: PrimitiveBudget, Amount: 1},
		{Line: 3, Programme: "9", Taakveld: "6.1", Kind: Expenses, Year: 2022, Version: PrimitiveBudget, Amount: 1},
		{Line: 4, Programme: "1C", Taakveld: "6.71a", Kind: Expenses, Year: 2022, Version: PrimitiveBudget, Amount: 1},
		{Line: 5, Programme: "1c-ondersteunde-inwoners", Taakveld: "6.1", Kind: Expenses, Year: 2022, Version: PrimitiveBudget, Amount: 2},
	}
	doc := ledgerDoc()
	got := ApplyLedger(doc, rows)
	want := []LedgerProblem{
		{Line: 3, Field: LedgerProgramme, Message: `programme "9" is not a programme of begroting-2022 (by its number or slug)`},
		{Line: 4, Field: LedgerTaakveld, Message: `taakveld "6.71a" does not exist in 2022 (valid in 2023–2024)`},
		{Line: 5, Field: LedgerAmount, Message: "lasten of programme 1c-ondersteunde-inwoners, taakveld 6.1, begroting 2022 is already on line 2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if !reflect.DeepEqual(doc, ledgerDoc()) {
		t.Error("the document was changed")
	}
}
