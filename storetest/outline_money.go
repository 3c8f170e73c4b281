package storetest

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// testOutlineMoney: Outline names the documents with a finance table, and
// only those, so that the sitemap lists their overviews per taakveld.
func testOutlineMoney(t *testing.T, s koers.Store) {
	m := func(c koers.Money) *koers.Money { return &c }
	org := Leiderdorp()
	MustPut(t, s, org, Burap2020())
	money := Bare(koers.Begroting, 2024, 0)
	money.Pages[0].Blocks = []koers.Block{{Type: koers.FinanceTableBlock, Finance: &koers.FinanceTable{Scale: 1,
		Columns: []koers.FinanceColumn{{Year: 2024, Version: koers.PrimitiveBudget}},
		Lines:   []koers.FinanceLine{{Kind: koers.Expenses, Taakveld: "0.1", Amounts: []*koers.Money{m(100)}}}}}}
	MustPut(t, s, org, money)
	MustPut(t, s, &koers.Organisation{Slug: "alphen", Name: "Gemeente Alphen"}, Bare(koers.Begroting, 2024, 0))
	o, err := s.Published().Outline(ctx(), org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{money.ID}; !reflect.DeepEqual(o.Money, want) {
		t.Errorf("documents with money %v, want %v", o.Money, want)
	}
}
