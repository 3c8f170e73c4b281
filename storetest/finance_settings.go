package storetest

import (
	"testing"

	"github.com/koers-nl/koers"
)

// testFinanceSettings: an organisation's sign convention and toelichting
// threshold are stored with it, read back by every lookup, replaced by the
// next import; a document with a difference the threshold asks a
// toelichting for is refused and writes nothing.
func testFinanceSettings(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	org.Finance = koers.FinanceSettings{Signs: koers.IncomePositive, Threshold: koers.MaxMoney}
	MustPut(t, s, org, Begroting2022())
	check := func(want koers.FinanceSettings) {
		t.Helper()
		bySlug, err := s.OrganisationBySlug(ctx(), "leiderdorp")
		if err != nil || bySlug.Finance != want {
			t.Errorf("OrganisationBySlug: finance %+v, %v; want %+v", bySlug, err, want)
		}
		byID, err := s.Organisation(ctx(), org.ID)
		if err != nil || byID.Finance != want {
			t.Errorf("Organisation: finance %+v, %v; want %+v", byID, err, want)
		}
		all, err := s.Organisations(ctx())
		if err != nil || len(all) != 1 || all[0].Finance != want {
			t.Errorf("Organisations = %+v, %v; want finance %+v", all, err, want)
		}
	}
	check(org.Finance)

	org = Leiderdorp()
	org.Finance = koers.FinanceSettings{Signs: koers.ExpensesPositive, Threshold: 50_000_00}
	MustPut(t, s, org, Begroting2022())
	check(org.Finance)

	m := func(c koers.Money) *koers.Money { return &c }
	doc := Bare(koers.Jaarstukken, 2024, 0)
	doc.Pages[0].Blocks = []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{Scale: 1,
		Columns:     []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}, {Year: 2024, Version: koers.Realisation}},
		Differences: []koers.FinanceDifference{{From: 0, To: 1}},
		Lines:       []koers.FinanceLine{{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{m(100_000_00), m(150_000_00)}}},
	}}}
	refused := Leiderdorp() // the settings of a refused import are not written either
	refused.Finance.Threshold = 50_000_00
	if err := s.PutDocument(ctx(), refused, doc); koers.ErrorCode(err) != koers.EINVALID {
		t.Fatalf("PutDocument with an unexplained difference: %v, want EINVALID", err)
	}
	check(org.Finance)
	if docs, err := s.Documents(ctx(), koers.DocumentFilter{OrganisationID: org.ID}); err != nil || len(docs) != 1 {
		t.Errorf("Documents after a refused put = %v, %v; want the begroting only", docs, err)
	}

	org = Leiderdorp() // no settings: back to the defaults
	MustPut(t, s, org, Begroting2022())
	check(koers.FinanceSettings{})
}
