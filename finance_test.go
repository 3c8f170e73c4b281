package koers

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func euros(e int64) *Money { m := Money(e * 100); return &m }

// jaarstukkenTable is a programme's "Wat heeft het gekost?" in the
// jaarstukken 2022: the amended budget against the realisation.
func jaarstukkenTable() *FinanceTable {
	return &FinanceTable{
		Scale: 1000,
		Columns: []FinanceColumn{
			{Year: 2022, Version: PrimitiveBudget},
			{Year: 2022, Version: AmendedBudget},
			{Year: 2022, Version: Realisation},
		},
		Differences: []FinanceDifference{{From: 1, To: 2}},
		Lines: []FinanceLine{
			{Kind: Expenses, Taakveld: "6.1", Amounts: []*Money{euros(1_200_000), euros(1_250_000), euros(1_190_000)}},
			{Kind: Expenses, Taakveld: "6.71", Amounts: []*Money{euros(3_000_000), euros(3_400_000), euros(3_520_000)}},
			{Kind: Income, Taakveld: "6.1", Amounts: []*Money{euros(100_000), nil, euros(20_000)}},
			{Kind: ToReserve, Label: "Reserve sociaal domein", Amounts: []*Money{nil, euros(50_000), euros(50_000)}},
			{Kind: FromReserve, Label: "Reserve sociaal domein", Amounts: []*Money{euros(200_000), euros(200_000), euros(150_000)}},
		},
		Explanations: []FinanceExplanation{{Line: 1, Paragraphs: []string{"Meer cliënten in de maatwerkvoorzieningen."}}},
	}
}

func TestFinanceFigures(t *testing.T) {
	f := jaarstukkenTable().Figures()
	want := map[FinanceTotalKind][]*Money{
		TotalExpenses:    {euros(4_200_000), euros(4_650_000), euros(4_710_000)},
		TotalIncome:      {euros(100_000), nil, euros(20_000)},
		TotalBalance:     {euros(-4_100_000), euros(-4_650_000), euros(-4_690_000)},
		TotalToReserve:   {nil, euros(50_000), euros(50_000)},
		TotalFromReserve: {euros(200_000), euros(200_000), euros(150_000)},
		TotalResult:      {euros(-3_900_000), euros(-4_500_000), euros(-4_590_000)},
	}
	if !reflect.DeepEqual(f.Totals, want) {
		t.Errorf("totals:\n%v\nwant\n%v", show(f.Totals), show(want))
	}
	wantDiffs := []*Money{euros(-60_000), euros(120_000), euros(20_000), euros(0), euros(-50_000)}
	if !reflect.DeepEqual(f.LineDiffs[0], wantDiffs) {
		t.Errorf("line differences %v, want %v", f.LineDiffs[0], wantDiffs)
	}
	if d := f.TotalDiffs[0][TotalResult]; d == nil || *d != -90_000*100 {
		t.Errorf("difference of the result %v, want -90000", d)
	}
}

func show(m map[FinanceTotalKind][]*Money) string {
	var b strings.Builder
	for _, k := range FinanceTotalKinds {
		b.WriteString(string(k) + ":")
		for _, a := range m[k] {
			b.WriteString(" " + moneyOrNil(a))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestJudge: spending less and receiving more is voordelig, for the
// reserves as for lasten and baten.
func TestJudge(t *testing.T) {
	tests := []struct {
		kind LineKind
		diff int64
		want Judgement
	}{
		{Expenses, -60_000, Favourable},
		{Expenses, 120_000, Unfavourable},
		{Income, 20_000, Favourable},
		{Income, -5, Unfavourable},
		{ToReserve, 10, Unfavourable},
		{FromReserve, -10, Unfavourable},
		{FromReserve, 10, Favourable},
		{Expenses, 0, ""},
	}
	for _, tt := range tests {
		if got := Judge(tt.kind, Money(tt.diff)); got != tt.want {
			t.Errorf("Judge(%s, %d) = %q, want %q", tt.kind, tt.diff, got, tt.want)
		}
	}
}

func TestFinanceColumnTitle(t *testing.T) {
	for _, tt := range []struct {
		col  FinanceColumn
		want string
	}{
		{FinanceColumn{Year: 2017, Version: Realisation}, "Realisatie 2017"},
		{FinanceColumn{Year: 2018, Version: PrimitiveBudget}, "Begroting 2018"},
		{FinanceColumn{Year: 2020, Version: AmendedBudget, Amendment: 3}, "Begroting 2020 na 3e wijziging"},
		{FinanceColumn{Year: 2020, Version: AmendedBudget}, "Begroting 2020 na wijziging"},
		{FinanceColumn{Year: 2024, Version: MultiYearEstimate}, "Raming 2024"},
		{FinanceColumn{Year: 2017, Version: Realisation, Label: "Rekening 2017"}, "Rekening 2017"},
	} {
		if got := tt.col.Title(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.col, got, tt.want)
		}
	}
}

// TestUnexplained: lines whose difference reaches the council's threshold
// need a toelichting.
func TestUnexplained(t *testing.T) {
	tbl := jaarstukkenTable()
	for _, tt := range []struct {
		threshold int64
		want      []int
	}{
		{0, nil},
		{25_000, []int{0, 4}}, // line 1 is explained; line 2 differs by 20.000
		{50_000, []int{0, 4}},
		{60_001, nil},
	} {
		if got := tbl.Unexplained(Money(tt.threshold * 100)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("threshold %d: %v, want %v", tt.threshold, got, tt.want)
		}
	}
}

// TestMoneyJSON: amounts travel as exact decimal euros.
func TestMoneyJSON(t *testing.T) {
	b, err := json.Marshal([]*Money{euros(60_000), nil, func() *Money { m := Money(-1410); return &m }()})
	if err != nil || string(b) != "[60000,null,-14.10]" {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var back []*Money
	if err := json.Unmarshal([]byte(`[1234.1, null, "0.05", -60000, 6e4, 0.07]`), &back); err != nil {
		t.Fatal(err)
	}
	if *back[0] != 123410 || back[1] != nil || *back[2] != 5 || *back[3] != -6_000_000 || *back[4] != 6_000_000 || *back[5] != 7 {
		t.Errorf("unmarshal: %v", back)
	}
	for _, bad := range []string{`1e-3`, `1.234`, `"12,5"`, `true`, `"1/2"`, `1e13`, `""`} {
		var m Money
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("%s read as %v", bad, m)
		}
	}
}

// TestFinanceProblems: every rule of a finance table, with where and what.
func TestFinanceProblems(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *FinanceTable)
		want   []string
	}{
		{"valid", func(t *FinanceTable) {}, nil},
		{"scale", func(t *FinanceTable) { t.Scale = 100 }, []string{"/scale: scale 100 is not 1, 1000 or 1000000 (euros per shown unit)"}},
		{"no columns", func(t *FinanceTable) {
			t.Columns, t.Differences = nil, nil
			for i := range t.Lines {
				t.Lines[i].Amounts = nil
			}
			t.Explanations = nil
		}, []string{`/columns: a finance table needs its "columns"`}},
		{"column", func(t *FinanceTable) {
			t.Columns[0] = FinanceColumn{Year: 1800, Version: "rekening", Amendment: 2}
		}, []string{
			"/columns/0/year: year 1800 is outside 1900 to 2200",
			`/columns/0/version: version "rekening" is not realisatie, begroting, begroting_gewijzigd or raming`,
			"/columns/0/amendment: only a begroting_gewijzigd column has an amendment number",
		}},
		{"difference", func(t *FinanceTable) { t.Differences = []FinanceDifference{{From: 2, To: 3}, {From: 1, To: 1}} },
			[]string{"/differences/0/to: column 3 does not exist (the table has 3)", "/differences/1: a difference needs two different columns"}},
		{"line", func(t *FinanceTable) {
			t.Lines[0].Kind = "kosten"
			t.Lines[1].Programme = "1C"
			t.Lines[2] = FinanceLine{Kind: Income, Amounts: t.Lines[2].Amounts}
			t.Lines[3].Amounts = t.Lines[3].Amounts[:2]
		}, []string{
			`/lines/0/kind: kind "kosten" is not lasten, baten, toevoeging or onttrekking`,
			"/lines/1: a line is a taakveld or a programme, not both",
			`/lines/2: a line needs a "taakveld", a "programme" or a "label"`,
			"/lines/3/amounts: 2 amounts for 3 columns",
		}},
		{"taakveld of another period", func(t *FinanceTable) { t.Lines[1].Taakveld = "6.71a" },
			[]string{`/lines/1/taakveld: taakveld "6.71a" does not exist in 2022 (valid in 2023–2024)`}},
		{"same line twice", func(t *FinanceTable) { t.Lines[1].Taakveld = "6.1" },
			[]string{"/lines/1: line 2 (taakveld 6.1) is line 1 already"}},
		{"amount out of bounds", func(t *FinanceTable) { m := MaxMoney + 1; t.Lines[0].Amounts[1] = &m },
			[]string{"/lines/0/amounts/1: amount is larger than € 1.000.000.000.000"}},
		{"given totals that add up", func(t *FinanceTable) {
			t.Given = []FinanceTotal{
				{Kind: TotalExpenses, Amounts: []*Money{euros(4_200_000), euros(4_650_000), euros(4_710_000)}},
				{Kind: TotalIncome, Amounts: []*Money{euros(100_000), euros(0), euros(20_000)}}, // 0 for "-"
			}
		}, nil},
		{"a given total that does not", func(t *FinanceTable) {
			t.Given = []FinanceTotal{
				{Kind: TotalResult, Amounts: []*Money{euros(-3_900_000), euros(-4_500_000), euros(-4_590_001)}},
				{Kind: "totaal", Amounts: nil},
				{Kind: TotalResult, Amounts: []*Money{nil, nil}},
			}
		}, []string{
			`/given/0/amounts/2: Resultaat in column "Realisatie 2022" is € -4.590.001, but the lines add up to € -4.590.000`,
			`/given/1/kind: kind "totaal" is not lasten, baten, saldo, toevoegingen, onttrekkingen or resultaat`,
			`/given/2/kind: total "resultaat" is given twice`,
			"/given/2/amounts: 2 amounts for 3 columns",
		}},
		{"explanation", func(t *FinanceTable) {
			t.Explanations = append(t.Explanations, FinanceExplanation{Line: 1, Paragraphs: []string{"Nog eens."}},
				FinanceExplanation{Line: 9}, FinanceExplanation{Line: 0, Paragraphs: []string{" "}})
		}, []string{
			"/explanations/1/line: line 2 (taakveld 6.71) is explained already",
			"/explanations/2/line: line 9 does not exist (the table has 5)",
			"/explanations/2/paragraphs: paragraphs are required",
			"/explanations/3/paragraphs/0: paragraph is blank",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tbl := jaarstukkenTable()
			tt.change(tbl)
			c := &checker{year: 2022}
			c.finance(nil, tbl)
			var got []string
			for _, p := range c.ps {
				got = append(got, p.String())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
