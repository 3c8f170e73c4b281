package koers

import (
	"reflect"
	"testing"
)

// TestSignConvention pins the factor of every line kind and total under
// every convention, and that a table adds up as printed.
func TestSignConvention(t *testing.T) {
	type signs struct{ lines, totals []Money }
	tests := []struct {
		s    SignConvention
		want signs
	}{
		// lasten, baten, toevoeging, onttrekking; lasten, baten, saldo,
		// toevoegingen, onttrekkingen, resultaat
		{BothPositive, signs{[]Money{1, 1, 1, 1}, []Money{1, 1, 1, 1, 1, 1}}},
		{ExpensesPositive, signs{[]Money{1, -1, 1, -1}, []Money{1, -1, -1, 1, -1, -1}}},
		{IncomePositive, signs{[]Money{-1, 1, -1, 1}, []Money{-1, 1, 1, -1, 1, 1}}},
	}
	for _, tt := range tests {
		var got signs
		for _, k := range LineKinds {
			got.lines = append(got.lines, tt.s.LineSign(k))
		}
		for _, k := range FinanceTotalKinds {
			got.totals = append(got.totals, tt.s.TotalSign(k))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: signs %v, want %v", tt.s, got, tt.want)
		}
		if !tt.s.Valid() {
			t.Errorf("%q is not valid", tt.s)
		}
		// Printed, the saldo is the sum of the printed lasten and baten
		// under a one-signed convention.
		if tt.s != BothPositive {
			f := jaarstukkenTable().Figures()
			for c := range 3 {
				lasten := tt.s.TotalSign(TotalExpenses) * *f.Totals[TotalExpenses][c]
				baten := tt.s.TotalSign(TotalIncome) * valueOr0(f.Totals[TotalIncome][c])
				if saldo := tt.s.TotalSign(TotalBalance) * *f.Totals[TotalBalance][c]; saldo != lasten+baten {
					t.Errorf("%q column %d: printed saldo %s, lasten %s + baten %s", tt.s, c, saldo, lasten, baten)
				}
			}
		}
	}
	if SignConvention("negatief").Valid() {
		t.Error(`"negatief" is valid`)
	}
}

func valueOr0(m *Money) Money {
	if m == nil {
		return 0
	}
	return *m
}

// TestOrganisationFinanceProblems: bad settings are located under
// "finance"; a threshold reports each unexplained line of every finance
// table, at the line.
func TestOrganisationFinanceProblems(t *testing.T) {
	org := &Organisation{Slug: "leiderdorp", Name: "Gemeente Leiderdorp"}
	org.Finance = FinanceSettings{Signs: "negatief", Threshold: -1}
	err := org.Validate()
	want := "invalid organisation \"leiderdorp\" (2 problems):\n" +
		"  /finance/signs: sign convention \"negatief\" is not lasten_positief or baten_positief (or left out for both positive)\n" +
		"  /finance/threshold: threshold € -0,01 is not from € 0 to € 1.000.000.000.000"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}

	doc := &Document{Kind: Jaarstukken, Year: 2022, Title: "Jaarstukken 2022", Slug: "jaarstukken-2022", Pages: []*Page{{
		Kind: Programme, Slug: "sociaal-domein", Title: "Sociaal domein",
		Blocks: []Block{{Type: FinanceTableBlock, Finance: jaarstukkenTable()}},
	}}}
	tests := []struct {
		threshold Money
		want      string
	}{
		{0, ""},
		{200_000 * 100, ""}, // line 2 (120.000) is explained, the others differ less
		{50_000 * 100, "invalid document jaarstukken/jaarstukken-2022 (2 problems):\n" +
			"  /document/pages/0/blocks/0/finance/lines/0: line 1 (taakveld 6.1) (lasten) differs by € 50.000 or more and has no toelichting (explanations)\n" +
			"  /document/pages/0/blocks/0/finance/lines/4: line 5 (Reserve sociaal domein) (onttrekking) differs by € 50.000 or more and has no toelichting (explanations)"},
	}
	org = &Organisation{Slug: "jaarstukken", Name: "Gemeente"}
	for _, tt := range tests {
		org.Finance.Threshold = tt.threshold
		got := ""
		if err := ValidateDocument(org, doc); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("threshold %s: got\n%s\nwant\n%s", tt.threshold, got, tt.want)
		}
	}
}
