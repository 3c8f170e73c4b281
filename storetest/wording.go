package storetest

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// testOwnWords: what a document says about an indicator is that
// document's. Importing a later document that words the same key
// differently (another unit, definition, source, direction, threshold)
// leaves the earlier one reading back exactly as it was put.
func testOwnWords(t *testing.T, s koers.Store) {
	org := Leiderdorp()
	first := Begroting2022()
	MustPut(t, s, org, first)
	before, err := s.Document(ctx(), first.ID, true)
	if err != nil {
		t.Fatal(err)
	}

	later := Bare(koers.Begroting, 2023, 0)
	later.Pages[0].Number = "1C"
	later.Pages[0].Kind = koers.SubProgramme
	later.Pages[0].Indicators = []*koers.Indicator{{Key: "wmo-maatwerk", Number: "1.1", Name: "Aandeel inwoners met maatwerk",
		Unit: koers.Percentage, Direction: koers.HigherIsBetter, Definition: "Aandeel van alle inwoners.", Source: "CBS",
		Values: []koers.Value{{Year: 2021, Kind: koers.Realised, Number: num(7.5)}}}}
	later.Pages[0].Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"wmo-maatwerk"}}}
	MustPut(t, s, org, later)

	after, err := s.Document(ctx(), first.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := compareDocuments(after, before); diff != "" {
		t.Errorf("the earlier document changed when a later one was put: %s", diff)
	}
	in := after.FindPage("beleidsbegroting/programma-1/1c-ondersteunde-inwoners").Indicator("wmo-maatwerk")
	if in == nil || in.Unit != koers.Count || in.Threshold != 10 || in.Source != "Gemeentelijke registratie" {
		t.Fatalf("earlier wording = %+v", in)
	}

	// The series speaks the latest words, draws only values in their unit,
	// and says where the unit and the definition changed.
	series, err := s.Series(ctx(), org.ID, "wmo-maatwerk")
	if err != nil {
		t.Fatal(err)
	}
	if series.Indicator.Unit != koers.Percentage || series.Indicator.Name != "Aandeel inwoners met maatwerk" {
		t.Errorf("series wording = %s %q, want the later document's", series.Indicator.Unit, series.Indicator.Name)
	}
	for _, v := range series.Indicator.Values {
		if v.Year != 2021 {
			t.Errorf("series draws %d %s, a value in another unit", v.Year, v.Kind)
		}
	}
	counted := 0
	for _, r := range series.Reports {
		if r.Unit == koers.Count {
			counted++
			if r.Current {
				t.Errorf("a count of %d is current in a percentage series", r.Value.Year)
			}
			if got := r.Display(series.Indicator); got != r.Value.Display(koers.Count) {
				t.Errorf("count report displays %q", got)
			}
		}
	}
	if counted != 3 {
		t.Errorf("reports in the earlier unit = %d, want 3 (kept, not current)", counted)
	}
	var fields []string
	for _, c := range series.Changes {
		if c.Document.ID != later.ID {
			t.Errorf("change %s attributed to document %d", c.Field, c.Document.ID)
		}
		fields = append(fields, c.Field+":"+c.From+"→"+c.To)
	}
	want := []string{"unit:count→percentage", "definition:Inwoners met ten minste één maatwerkvoorziening op 31-12.→Aandeel van alle inwoners."}
	if len(fields) != len(want) || fields[0] != want[0] || fields[1] != want[1] {
		t.Errorf("changes = %q, want %q", fields, want)
	}
}

// testMoney: amounts are exact cents through the store, and values keep the
// order their document gives them.
func testMoney(t *testing.T, s koers.Store) {
	m := func(c koers.Money) *koers.Money { return &c }
	doc := Bare(koers.Begroting, 2024, 0)
	p := doc.Pages[0]
	p.Kind, p.Number = koers.SubProgramme, "2A"
	p.Indicators = []*koers.Indicator{{Key: "lasten", Number: "1.1", Name: "Lasten per inwoner", Unit: koers.Amount,
		Values: []koers.Value{
			{Year: 2024, Kind: koers.Budgeted, Amount: m(123410)}, // budgeted first, as the document has it
			{Year: 2024, Kind: koers.Realised, Amount: m(-1)},
			{Year: 2023, Kind: koers.Realised}, // nnb
			{Year: 2025, Kind: koers.Budgeted, Amount: m(koers.MaxMoney)},
		}}}
	p.Blocks = []koers.Block{{Type: koers.IndicatorTableBlock, Indicators: []string{"lasten"}}}
	MustPut(t, s, Leiderdorp(), doc)
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	in := got.Pages[0].Indicator("lasten")
	if in == nil || len(in.Values) != 4 {
		t.Fatalf("indicator = %+v", in)
	}
	wantDisplay := []string{"€ 1.234,10", "€ -0,01", "nnb", "€ 1.000.000.000.000"}
	wantOrder := []koers.Column{{Year: 2024, Kind: koers.Budgeted}, {Year: 2024, Kind: koers.Realised}, {Year: 2023, Kind: koers.Realised}, {Year: 2025, Kind: koers.Budgeted}}
	for i, v := range in.Values {
		if v.Number != nil {
			t.Errorf("value %d came back as a float %v", i, *v.Number)
		}
		if got := in.Display(v); got != wantDisplay[i] {
			t.Errorf("value %d displays %q, want %q", i, got, wantDisplay[i])
		}
		if c := (koers.Column{Year: v.Year, Kind: v.Kind}); c != wantOrder[i] {
			t.Errorf("value %d is %v, want %v (the document's order)", i, c, wantOrder[i])
		}
	}
	var sum koers.Money
	for i := 0; i < 10; i++ {
		sum += *in.Values[0].Amount
	}
	if sum.String() != "€ 12.341" {
		t.Errorf("ten times € 1.234,10 = %s", sum)
	}
}

// testFinanceTable: a finance table comes back whole, its amounts exact to
// the cent, nothing ("-") apart from zero.
func testFinanceTable(t *testing.T, s koers.Store) {
	m := func(c koers.Money) *koers.Money { return &c }
	structural := false
	table := &koers.FinanceTable{Scale: 1000,
		Columns:     []koers.FinanceColumn{{Year: 2024, Version: koers.AmendedBudget, Amendment: 2, Label: "Begroting 2024 na 2e wijz."}, {Year: 2024, Version: koers.Realisation}},
		Differences: []koers.FinanceDifference{{From: 0, To: 1}},
		Lines: []koers.FinanceLine{
			{Kind: koers.Expenses, Taakveld: "6.71a", Amounts: []*koers.Money{m(123410), m(koers.MaxMoney)}},
			{Kind: koers.Income, Programme: "2A", Amounts: []*koers.Money{nil, m(0)}},
			{Kind: koers.FromReserve, Label: "Reserve", Amounts: []*koers.Money{m(-1), nil}},
		},
		Given:        []koers.FinanceTotal{{Kind: koers.TotalIncome, Amounts: []*koers.Money{nil, m(0)}}},
		Explanations: []koers.FinanceExplanation{{Line: 0, Amount: m(5), Structural: &structural, Paragraphs: []string{"Toelichting."}}},
	}
	doc := Bare(koers.Jaarstukken, 2024, 0)
	doc.Pages[0].Blocks = []koers.Block{{Type: koers.FinanceTableBlock, Heading: "Wat heeft het gekost?", Finance: table}}
	MustPut(t, s, Leiderdorp(), doc)
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Pages[0].Blocks; len(b) != 1 || !reflect.DeepEqual(b[0].Finance, table) {
		t.Errorf("finance table came back as %+v", b)
	}
}

// testTimes: a write's time is kept to the microsecond and read back as
// the same instant, in UTC.
func testTimes(t *testing.T, s koers.Store) {
	doc := Bare(koers.Jaarstukken, 2021, 0)
	before := time.Now()
	MustPut(t, s, Leiderdorp(), doc)
	got, err := s.Document(ctx(), doc.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if !got.UpdatedAt.Equal(doc.UpdatedAt) || got.UpdatedAt.Location() != time.UTC {
		t.Errorf("UpdatedAt read back %v, written %v", got.UpdatedAt, doc.UpdatedAt)
	}
	if d := got.UpdatedAt.Sub(before); d < -time.Millisecond || d > time.Minute {
		t.Errorf("UpdatedAt %v is not the time of the write (%v)", got.UpdatedAt, before)
	}
}

// testBenchmarkRules: a benchmark that breaks the domain's rules is refused
// with every problem named, and nothing of the write is kept. (Each engine
// tests its own mapping of database constraint errors to codes.)
func testBenchmarkRules(t *testing.T, s koers.Store) {
	good := koers.Benchmark{Indicator: "x", Area: "NL01", Period: "2020", Value: 1, Unit: koers.Count}
	float := koers.Benchmark{Indicator: "x", Area: "NL01", Period: "2021", Value: 10.005, Unit: koers.Amount}
	odd := koers.Benchmark{Indicator: "x", Area: "NL01", Period: "2022", Value: 1, Unit: "furlongs"}
	huge := koers.Benchmark{Indicator: "x", Area: "NL01", Period: "2023", Amount: koers.MaxMoney + 1, Unit: koers.Amount}
	for _, b := range []koers.Benchmark{float, odd, huge} {
		err := s.PutBenchmarks(ctx(), []koers.Benchmark{good, b})
		if code := koers.ErrorCode(err); code != koers.EINVALID {
			t.Fatalf("code = %q (%v), want %q", code, err, koers.EINVALID)
		}
		var e *koers.Error
		if !errors.As(err, &e) || len(e.Problems) != 1 {
			t.Fatalf("err = %#v, want one problem", err)
		}
		want := map[string]string{
			"2021": "/value: an amount is given in Amount (whole cents), not as a float",
			"2022": `/unit: unit "furlongs" is not count, percentage or amount`,
			"2023": "/value: amount 1000000000000.01 is beyond the largest koers stores, € 1.000.000.000.000 either way",
		}[b.Period]
		if got := e.Problems[0].String(); got != want {
			t.Errorf("problem = %q, want %q", got, want)
		}
	}
	if list, _ := s.Benchmarks(ctx(), ""); len(list) != 0 {
		t.Errorf("%d benchmarks written", len(list))
	}
}
