package regtest

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

var ctx = context.Background()

// years are the years the property tests count: a year before the facts
// start and one after they end too.
var years = []int{2025, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2026}

func mustImport(t *testing.T, s Store, org int64, b *koers.RegisterBatch) koers.ImportResult {
	t.Helper()
	res, err := s.Import(ctx, org, b)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustCount(t *testing.T, s Store, org int64, r *koers.CountRule, years []int) []koers.Tally {
	t.Helper()
	got, err := s.Count(ctx, org, r, years)
	if err != nil {
		t.Fatalf("%s: %v", r.Indicator, err)
	}
	return got
}

// sameAsDomain checks the store's count of r against Evaluate's.
func sameAsDomain(t *testing.T, s Store, org int64, r *koers.CountRule, f *koers.RegisterFacts) bool {
	t.Helper()
	got := mustCount(t, s, org, r, years)
	want := make([]koers.Tally, len(years))
	for i, y := range years {
		want[i] = r.Evaluate(f, y)
	}
	if !reflect.DeepEqual(got, want) {
		text, _ := json.Marshal(r)
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("rule %s, year %d:\n got %+v\nwant %+v", text, years[i], got[i], want[i])
				break
			}
		}
		return false
	}
	return true
}

var wmoRule = koers.CountRule{Indicator: "wmo", Version: 1, Source: koers.SourceWmo, Unit: koers.Records, Window: koers.DuringYear}

func oneAssignment(n int, number string, start, end string) koers.Assignment {
	return koers.Assignment{Law: koers.Wmo, Number: number, Client: Pseudonym(n), Category: "01", Delivery: koers.InKind,
		Provider: "12345678", Start: date(start), End: date(end), Budget: 100_000}
}

// date is a day written 2006-01-02, zero for "".
func date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func testAllOrNothing(t *testing.T, s Store) {
	good := &koers.RegisterBatch{
		Clients:     []koers.Client{{Pseudonym: Pseudonym(1), BirthYear: 1950, Sex: "1", Area: "Noord"}},
		Assignments: []koers.Assignment{oneAssignment(1, "A1", "2020-03-01", "")},
		Populations: []koers.Population{{Key: "inwoners", Year: 2020, Count: 27000}},
	}
	bad := *good
	bad.Registrations = []koers.Registration{{Kind: koers.Melding, ID: "M1", Client: "123456782", Date: date("2020-01-01")}} // a BSN, not a pseudonym
	_, err := s.Import(ctx, 1, &bad)
	var e *koers.Error
	if !errors.As(err, &e) || e.Code != koers.EINVALID || len(e.Problems) != 1 || e.Problems[0].Pointer() != "/registrations/0/client" {
		t.Fatalf("import with a BSN as client: %v", err)
	}
	if got := mustCount(t, s, 1, &wmoRule, []int{2020}); got[0].Numerator != 0 {
		t.Errorf("a refused batch wrote: %+v", got)
	}
	// A problem the database finds (a second import of a bad assignment
	// checks nothing twice): nothing of the batch stays either.
	if res := mustImport(t, s, 1, good); res != (koers.ImportResult{Added: 3}) {
		t.Errorf("import: %+v", res)
	}
	if got := mustCount(t, s, 1, &wmoRule, []int{2020}); got[0].Numerator != 1 {
		t.Errorf("count after import: %+v", got)
	}
}

func testIdempotent(t *testing.T, s Store) {
	batches := RandomBatches(rand.New(rand.NewPCG(7, 7)), 2, 40)
	first := mustImport(t, s, 1, batches[0])
	if first.Added == 0 || first.Added+first.Known != batches[0].Len() {
		t.Errorf("first import: %+v of %d facts", first, batches[0].Len())
	}
	f := koers.Facts(batches[0])
	rules := DemoRules(t)
	before := make([][]koers.Tally, len(rules))
	for i := range rules {
		before[i] = mustCount(t, s, 1, &rules[i], years)
	}
	again := mustImport(t, s, 1, batches[0])
	if again.Added != 0 || again.Known != batches[0].Len() {
		t.Errorf("the same batch again: %+v, want Added 0, Known %d", again, batches[0].Len())
	}
	for i := range rules {
		if after := mustCount(t, s, 1, &rules[i], years); !reflect.DeepEqual(after, before[i]) {
			t.Errorf("%s changed by importing the same batch again", rules[i].Indicator)
		}
		sameAsDomain(t, s, 1, &rules[i], f)
	}
}

func testOrderTolerant(t *testing.T, s Store) {
	// The stop (307) first, then the start (305), then the assignment
	// (301): the care ran from 2019-06-01 to 2020-02-01, not from the
	// Ingangsdatum 2019-01-01 on.
	batches := []*koers.RegisterBatch{
		{Care: []koers.CareEvent{{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStop, Date: date("2020-02-01")}}},
		{Care: []koers.CareEvent{{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStart, Date: date("2019-06-01")},
			{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStop, Date: date("2019-12-01")}}},
		{Assignments: []koers.Assignment{oneAssignment(1, "A1", "2019-01-01", "")}},
	}
	for _, b := range batches {
		mustImport(t, s, 1, b)
	}
	f := koers.Facts(batches...)
	peil := func(ref string) *koers.CountRule {
		r := wmoRule
		r.Window, r.RefDate = koers.Peildatum, ref
		return &r
	}
	for _, tt := range []struct {
		rule *koers.CountRule
		want []int64
	}{
		{&wmoRule, []int64{0, 1, 1, 0}},
		{peil("03-01"), []int64{0, 0, 0, 0}},
		{peil("06-01"), []int64{0, 1, 0, 0}},
		{peil("01-31"), []int64{0, 0, 1, 0}},
	} {
		got := mustCount(t, s, 1, tt.rule, []int{2018, 2019, 2020, 2021})
		var nums []int64
		for _, x := range got {
			nums = append(nums, x.Numerator)
		}
		if !slices.Equal(nums, tt.want) {
			t.Errorf("%s %s: %v, want %v", tt.rule.Window, tt.rule.RefDate, nums, tt.want)
		}
		sameAsDomain(t, s, 1, tt.rule, f)
	}
}

func testClients(t *testing.T, s Store) {
	// A client's later facts replace the earlier ones: the age and area
	// counted are the latest.
	b1 := &koers.RegisterBatch{Clients: []koers.Client{{Pseudonym: Pseudonym(1), BirthYear: 2010, Area: "Noord"}},
		Assignments: []koers.Assignment{oneAssignment(1, "A1", "2020-01-01", "")}}
	b2 := &koers.RegisterBatch{Clients: []koers.Client{{Pseudonym: Pseudonym(1), BirthYear: 1990, Area: "Zuid"}}}
	if res := mustImport(t, s, 1, b1); res != (koers.ImportResult{Added: 2}) {
		t.Errorf("first: %+v", res)
	}
	if res := mustImport(t, s, 1, b2); res != (koers.ImportResult{Added: 1}) {
		t.Errorf("a changed client: %+v", res)
	}
	if res := mustImport(t, s, 1, b2); res != (koers.ImportResult{Known: 1}) {
		t.Errorf("the same client again: %+v", res)
	}
	r := wmoRule
	r.MaxAge, r.Breakdown = 17, koers.ByArea
	if got := mustCount(t, s, 1, &r, []int{2020}); got[0].Numerator != 0 {
		t.Errorf("young: %+v", got)
	}
	r.MaxAge = 0
	want := []koers.Tally{{Year: 2020, Numerator: 1, Parts: []koers.TallyPart{{Name: "Zuid", Count: 1}}}}
	if got := mustCount(t, s, 1, &r, []int{2020}); !reflect.DeepEqual(got, want) {
		t.Errorf("by area: %+v, want %+v", got, want)
	}
	sameAsDomain(t, s, 1, &r, koers.Facts(b1, b2))
}

func testOrganisations(t *testing.T, s Store) {
	b := RandomBatches(rand.New(rand.NewPCG(3, 3)), 1, 30)[0]
	first := mustImport(t, s, 1, b)
	// The same facts for another organisation are new to it.
	if res := mustImport(t, s, 2, b); res != first {
		t.Errorf("another organisation's import: %+v", res)
	}
	if got := mustCount(t, s, 3, &wmoRule, []int{2020}); got[0].Numerator != 0 {
		t.Errorf("an organisation without facts counts %+v", got)
	}
	if n, err := s.Forget(ctx, 2, date("2100-01-01")); err != nil || n == 0 {
		t.Fatalf("forget: %d, %v", n, err)
	}
	for _, r := range DemoRules(t) {
		sameAsDomain(t, s, 1, &r, koers.Facts(b))
	}
}

func testDemoRules(t *testing.T, s Store) {
	batches := RandomBatches(rand.New(rand.NewPCG(1, 2)), 4, 300)
	for _, b := range batches {
		mustImport(t, s, 1, b)
	}
	f := koers.Facts(batches...)
	for _, r := range DemoRules(t) {
		got := mustCount(t, s, 1, &r, years)
		if sameAsDomain(t, s, 1, &r, f) && got[1].Numerator+got[5].Numerator == 0 {
			t.Errorf("%s counts nothing in 2013 and 2017: the facts do not test it", r.Indicator)
		}
	}
}

func testRandomRules(t *testing.T, s Store) {
	rng := rand.New(rand.NewPCG(5, 8))
	batches := RandomBatches(rng, 3, 200)
	for _, b := range batches {
		mustImport(t, s, 1, b)
	}
	f := koers.Facts(batches...)
	nonzero := 0
	for range 300 {
		r := RandomRule(rng, false)
		if err := r.Validate(); err != nil {
			t.Fatalf("random rule: %v", err)
		}
		if !sameAsDomain(t, s, 1, &r, f) {
			return
		}
		if r.Evaluate(f, 2020).Numerator > 0 {
			nonzero++
		}
	}
	if nonzero < 100 {
		t.Errorf("only %d of 300 random rules count something in 2020", nonzero)
	}
}
