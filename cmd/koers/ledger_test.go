package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

// exportFinance exports a document and returns the finance tables of its
// pages with one, by page number.
func exportFinance(t *testing.T, db, doc string) map[string]*koers.FinanceTable {
	t.Helper()
	b, err := bundle.Decode("export.json", []byte(mustRun(t, "export", "--db", db, doc)))
	if err != nil {
		t.Fatal(err)
	}
	_, d := b.Domain()
	out := map[string]*koers.FinanceTable{}
	_ = d.Walk(func(p *koers.Page) error {
		for _, bl := range p.Blocks {
			if bl.Type == koers.FinanceTableBlock {
				out[p.Number] = bl.Finance
			}
		}
		return nil
	})
	return out
}

// TestImportLedger: the example ledger fills the stored begroting's
// programme 1C to the cent; a bad ledger is refused at its line and
// column, and nothing of the run is written.
func TestImportLedger(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "koers.db")
	ledger := filepath.Join("..", "..", "bundle", "testdata", "ledger.csv")
	mustRun(t, "import", "--db", db, demoFile("leiderdorp-begroting-2022.json"))
	if got := exportFinance(t, db, "leiderdorp/begroting-2022"); len(got) != 0 {
		t.Fatalf("the demo begroting has finance tables already: %v", got)
	}
	out := mustRun(t, "import", "--db", db, ledger)
	if want := "imported " + ledger + ": 7 ledger amounts for 1 document\n"; !strings.HasPrefix(out, want) {
		t.Errorf("import printed %q, want %q", out, want)
	}
	m := func(c koers.Money) *koers.Money { return &c }
	want := map[string]*koers.FinanceTable{"1C": {
		Scale:   1,
		Columns: []koers.FinanceColumn{{Year: 2020, Version: koers.Realisation}, {Year: 2022, Version: koers.PrimitiveBudget}},
		Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "6.1", Amounts: []*koers.Money{m(123456789), m(130000000)}},
			{Kind: koers.Expenses, Taakveld: "6.71", Amounts: []*koers.Money{m(345678901), m(360000050)}},
			{Kind: koers.Income, Taakveld: "6.1", Amounts: []*koers.Money{m(12000010), m(9500000)}},
			{Kind: koers.FromReserve, Taakveld: "0.10", Amounts: []*koers.Money{nil, m(-250000)}},
		},
	}}
	got := exportFinance(t, db, "leiderdorp/begroting-2022")
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		t.Errorf("finance tables after the ledger:\n%s", g)
	}
	f := got["1C"].Figures()
	if b := f.Totals[koers.TotalBalance]; *b[0] != 12000010-123456789-345678901 || *b[1] != 9500000-130000000-360000050 {
		t.Errorf("saldo %v %v", *b[0], *b[1])
	}

	tests := []struct{ name, data, want string }{
		{"unknown programme", strings.Replace(readFile(t, ledger), ";1C;6.71;lasten;2020", ";9;6.71;lasten;2020", 1),
			":4:27: programme \"9\" is not a programme of begroting-2022 (by its number or slug)"},
		{"unknown document", strings.Replace(readFile(t, ledger), "begroting-2022;1C;6.1;lasten;2020", "begroting-2023;1C;6.1;lasten;2020", 1),
			":2:12: document \"begroting-2023\" of leiderdorp is not in the database; import it first"},
		{"bad amount", strings.Replace(readFile(t, ledger), "95.000", "95.000,-", 1),
			":7:55: amount \"95.000,-\" is not a Dutch amount"},
	}
	for _, tt := range tests {
		bad := writeFile(t, dir, "bad.csv", strings.Replace(tt.data, "3.600.000,50", "1,00", 1))
		_, _, err := run(t, "import", "--db", db, bad)
		if err == nil || !strings.Contains(err.Error(), "nothing imported") || !strings.Contains(err.Error(), bad+tt.want) {
			t.Errorf("%s: err = %v, want it to say %q", tt.name, err, bad+tt.want)
		}
		if again := exportFinance(t, db, "leiderdorp/begroting-2022"); !reflect.DeepEqual(again, want) {
			t.Errorf("%s: the refused ledger changed the document", tt.name)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
