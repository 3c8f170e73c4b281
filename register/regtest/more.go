package regtest

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

func testForget(t *testing.T, s Store) {
	b := &koers.RegisterBatch{
		Clients: []koers.Client{{Pseudonym: Pseudonym(1)}, {Pseudonym: Pseudonym(2)}, {Pseudonym: Pseudonym(3)}, {Pseudonym: Pseudonym(4)}, {Pseudonym: Pseudonym(5)}},
		Assignments: []koers.Assignment{
			oneAssignment(1, "A1", "2015-01-01", "2016-06-30"), // care stopped 2016-03-01: forgotten
			oneAssignment(2, "A2", "2015-01-01", ""),           // open: kept
		},
		Care: []koers.CareEvent{
			{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStart, Date: date("2015-02-01")},
			{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStop, Date: date("2016-03-01")},
			{Law: koers.Wmo, Assignment: "A2", Kind: koers.CareStart, Date: date("2015-01-05")},
			{Law: koers.Jeugdwet, Assignment: "X9", Kind: koers.CareStop, Date: date("2015-01-01")}, // of no assignment
		},
		Registrations: []koers.Registration{
			{Kind: koers.Melding, ID: "M1", Client: Pseudonym(4), Date: date("2015-05-01")},           // an event: ended on its day
			{Kind: koers.GeslotenPlaatsing, ID: "G1", Client: Pseudonym(4), Date: date("2015-05-01")}, // open: kept
			{Kind: koers.Onderzoek, ID: "O1", Client: Pseudonym(4), Date: date("2016-12-01"), End: date("2017-01-10")},
		},
		Benefits: []koers.Benefit{{ID: "B1", Client: Pseudonym(3), Start: date("2014-01-01"), End: date("2016-12-31")}},
		Work:     []koers.Work{{ID: "W1", Client: Pseudonym(3), Placement: koers.Detachering, Start: date("2014-01-01")}},
	}
	mustImport(t, s, 1, b)
	mustImport(t, s, 2, b)
	// 3 care events, 1 assignment, 1 registration, 1 benefit, clients 1
	// and 5.
	n, err := s.Forget(ctx, 1, date("2017-01-01"))
	if err != nil || n != 8 {
		t.Fatalf("forget: %d, %v; want 8", n, err)
	}
	if n, err := s.Forget(ctx, 1, date("2017-01-01")); err != nil || n != 0 {
		t.Errorf("forget again: %d, %v; want 0", n, err)
	}
	kept := &koers.RegisterBatch{Clients: b.Clients[1:4], Assignments: b.Assignments[1:], Care: b.Care[2:3],
		Registrations: b.Registrations[1:], Work: b.Work}
	for _, r := range append(DemoRules(t), wmoRule,
		koers.CountRule{Indicator: "m", Version: 1, Source: koers.SourceMelding, Unit: koers.Records, Window: koers.StartedInYear}) {
		sameAsDomain(t, s, 1, &r, koers.Facts(kept))
		sameAsDomain(t, s, 2, &r, koers.Facts(b)) // another organisation's facts stay
	}
	// Importing the forgotten facts again brings them back: forgetting
	// is no refusal.
	if res := mustImport(t, s, 1, b); res.Added != 8 {
		t.Errorf("import after forget: %+v", res)
	}
}

func testCeilingUse(t *testing.T, s Store) {
	a := func(n int, number, provider, start, end string, budget koers.Money) koers.Assignment {
		x := oneAssignment(n, number, start, end)
		x.Provider, x.Budget = provider, budget
		return x
	}
	b := &koers.RegisterBatch{
		Providers: []koers.Provider{{AGB: "12345678", Name: "Zorg A"}, {AGB: "87654321", Name: "Zorg B"}},
		Ceilings: []koers.Ceiling{{Provider: "12345678", Year: 2020, Amount: 1_000_000, WarnAt: 80},
			{Provider: "87654321", Year: 2020, Amount: 500_000, WarnAt: 90}, {Provider: "12345678", Year: 2021, Amount: 1}},
		Assignments: []koers.Assignment{
			a(1, "A1", "12345678", "2019-06-01", "2020-01-01", 300_000),
			a(1, "A2", "12345678", "2020-05-01", "", 600_000),
			a(2, "A3", "12345678", "2021-01-01", "", 999),
			a(3, "A4", "11112222", "2020-12-31", "2021-03-01", 0),
			a(2, "A5", "12345678", "2018-01-01", "2019-12-31", 5),
			a(4, "A6", "", "2020-01-01", "", 7),
		},
	}
	mustImport(t, s, 1, b)
	got, err := s.CeilingUse(ctx, 1, 2020)
	if err != nil {
		t.Fatal(err)
	}
	want := []koers.CeilingUse{
		{Provider: koers.Provider{AGB: "11112222"}, Year: 2020, Assignments: 1, Clients: 1},
		{Provider: koers.Provider{AGB: "12345678", Name: "Zorg A"}, Year: 2020, Ceiling: 1_000_000, WarnAt: 80, Assigned: 900_000, Assignments: 2, Clients: 1},
		{Provider: koers.Provider{AGB: "87654321", Name: "Zorg B"}, Year: 2020, Ceiling: 500_000, WarnAt: 90},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ceiling use 2020:\n got %+v\nwant %+v", got, want)
	}
	if !got[1].Warn() || got[1].Over() || got[1].Percent() != 90 {
		t.Errorf("Zorg A: %d%%, warn %v, over %v", got[1].Percent(), got[1].Warn(), got[1].Over())
	}
	if got, err := s.CeilingUse(ctx, 2, 2020); err != nil || len(got) != 0 {
		t.Errorf("another organisation: %+v, %v", got, err)
	}
	// A later message names Zorg A by its code alone: the name stays.
	mustImport(t, s, 1, &koers.RegisterBatch{Providers: []koers.Provider{{AGB: "12345678"}}})
	if got, err := s.CeilingUse(ctx, 1, 2020); err != nil || len(got) != 3 || got[1].Provider.Name != "Zorg A" {
		t.Errorf("after a provider without a name: %+v, %v", got, err)
	}
}

func testRules(t *testing.T, s Store) {
	rules := DemoRules(t)
	slices.SortFunc(rules, func(a, b koers.CountRule) int { return strings.Compare(a.Indicator, b.Indicator) })
	saved, err := s.SaveRules(ctx, 1, rules)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved, rules) {
		t.Errorf("saved:\n got %+v\nwant %+v", saved, rules)
	}
	// The same again, even with another version number: nothing new.
	again := slices.Clone(rules)
	again[0].Version = 7
	if saved, err := s.SaveRules(ctx, 1, again); err != nil || saved[0].Version != 1 {
		t.Errorf("unchanged rule saved again: version %d, %v", saved[0].Version, err)
	}
	changed := slices.Clone(rules)
	changed[2].MaxAge = 64
	saved, err = s.SaveRules(ctx, 1, changed[2:3])
	if err != nil || saved[0].Version != 2 {
		t.Fatalf("changed rule: %+v, %v", saved, err)
	}
	want := slices.Clone(rules)
	want[2] = changed[2]
	want[2].Version = 2
	got, err := s.Rules(ctx, 1)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("rules:\n got %+v\nwant %+v (%v)", got, want, err)
	}
	if got, err := s.Rules(ctx, 2); err != nil || len(got) != 0 {
		t.Errorf("another organisation's rules: %+v, %v", got, err)
	}
	bad := slices.Clone(rules[:1])
	bad[0].Window = "ooit"
	if _, err := s.SaveRules(ctx, 1, bad); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("invalid rule saved: %v", err)
	}
}

// testImportAll writes batches in one transaction: in any order across
// them (an assignment before its starts and stops, sent again with a new
// stop), and nothing at all when a later batch has a problem or the
// batches fail.
func testImportAll(t *testing.T, s Store) {
	seq := func(bs ...*koers.RegisterBatch) iter.Seq2[*koers.RegisterBatch, error] {
		return func(yield func(*koers.RegisterBatch, error) bool) {
			for _, b := range bs {
				if !yield(b, nil) {
					return
				}
			}
		}
	}
	good := &koers.RegisterBatch{Assignments: []koers.Assignment{oneAssignment(1, "A1", "2019-01-01", ""), oneAssignment(2, "A2", "2021-01-01", "")}}
	bad := &koers.RegisterBatch{Registrations: []koers.Registration{{Kind: koers.Melding, ID: "M1", Client: "123456782", Date: date("2020-01-01")}}}
	_, err := s.ImportAll(ctx, 1, seq(good, bad))
	var e *koers.Error
	if !errors.As(err, &e) || e.Code != koers.EINVALID || len(e.Problems) != 1 || e.Problems[0].Pointer() != "/registrations/0/client" {
		t.Fatalf("import whose second batch has a BSN as client: %v", err)
	}
	failed := errors.New("the third file cannot be read")
	_, err = s.ImportAll(ctx, 1, func(yield func(*koers.RegisterBatch, error) bool) {
		if yield(good, nil) {
			yield(nil, failed)
		}
	})
	if err != failed {
		t.Fatalf("import whose batches fail: %v, want %v", err, failed)
	}
	if got := mustCount(t, s, 1, &wmoRule, []int{2019, 2020, 2021}); got[0].Numerator+got[1].Numerator+got[2].Numerator != 0 {
		t.Fatalf("a refused import wrote: %+v", got)
	}

	batches := []*koers.RegisterBatch{
		good,
		{Care: []koers.CareEvent{{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStart, Date: date("2019-06-01")},
			{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStop, Date: date("2019-12-01")}}},
		{Assignments: []koers.Assignment{oneAssignment(1, "A1", "2019-01-01", "")},
			Care: []koers.CareEvent{{Law: koers.Wmo, Assignment: "A1", Kind: koers.CareStop, Date: date("2020-02-01")}}},
	}
	res, err := s.ImportAll(ctx, 1, seq(batches...))
	if err != nil {
		t.Fatal(err)
	}
	// Two assignments (their clients' rows of unknowns are not counted),
	// three starts and stops; A1 again.
	if want := (koers.ImportResult{Added: 5, Known: 1}); res != want {
		t.Errorf("import: %+v, want %+v", res, want)
	}
	f := koers.Facts(batches...)
	peil := wmoRule
	peil.Window, peil.RefDate = koers.Peildatum, "01-31"
	for _, r := range []*koers.CountRule{&wmoRule, &peil} {
		if !sameAsDomain(t, s, 1, r, f) {
			return
		}
	}
	if got := mustCount(t, s, 1, &peil, []int{2019, 2020}); got[0].Numerator != 0 || got[1].Numerator != 1 {
		t.Errorf("on 31 January: %+v, want 0 in 2019 (care from June) and 1 in 2020 (until February)", got)
	}

	// Random facts in many batches of one import count as the domain
	// counts them.
	more := RandomBatches(rand.New(rand.NewPCG(11, 3)), 5, 60)
	res, err = s.ImportAll(ctx, 2, seq(more...))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, b := range more {
		total += b.Len()
	}
	if res.Added == 0 || res.Added+res.Known != total {
		t.Errorf("random import: %+v of %d facts", res, total)
	}
	f = koers.Facts(more...)
	for _, r := range DemoRules(t) {
		if !sameAsDomain(t, s, 2, &r, f) {
			return
		}
	}
}

// testCountAll counts many rules at once as one by one, in their order;
// a bad rule or year among them is refused.
func testCountAll(t *testing.T, s Store) {
	rng := rand.New(rand.NewPCG(9, 2))
	batches := RandomBatches(rng, 2, 120)
	for _, b := range batches {
		mustImport(t, s, 1, b)
	}
	rules := DemoRules(t)
	for range 12 {
		rules = append(rules, RandomRule(rng, false))
	}
	all, err := s.CountAll(ctx, 1, rules, years)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(rules) {
		t.Fatalf("%d results for %d rules", len(all), len(rules))
	}
	counted := 0
	for i := range rules {
		one := mustCount(t, s, 1, &rules[i], years)
		if !reflect.DeepEqual(all[i], one) {
			t.Errorf("%s: %+v together, %+v alone", rules[i].Indicator, all[i], one)
		}
		for _, x := range one {
			if x.Numerator > 0 {
				counted++
			}
		}
	}
	if counted < len(rules) {
		t.Errorf("only %d nonzero tallies: the facts do not test it", counted)
	}
	bad := slices.Clone(rules)
	bad[3].Unit = "euros"
	if _, err := s.CountAll(ctx, 1, bad, years); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("a bad rule among them: %v", err)
	}
	if _, err := s.CountAll(ctx, 1, rules, []int{2020, 1800}); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("a bad year: %v", err)
	}
	if out, err := s.CountAll(ctx, 1, nil, years); err != nil || len(out) != 0 {
		t.Errorf("no rules: %v, %v", out, err)
	}

	// Every year the register takes, six times over in random order:
	// more than a query has columns; each tally is its year's, as the
	// domain counts it.
	var many []int
	for range 6 {
		for y := koers.MinYear; y <= koers.MaxYear; y++ {
			many = append(many, y)
		}
	}
	rng.Shuffle(len(many), func(i, j int) { many[i], many[j] = many[j], many[i] })
	f := koers.Facts(batches...)
	got := mustCount(t, s, 1, &rules[0], many)
	if len(got) != len(many) {
		t.Fatalf("%d tallies for %d years", len(got), len(many))
	}
	for i, x := range got {
		if want := rules[0].Evaluate(f, many[i]); fmt.Sprint(x) != fmt.Sprint(want) {
			t.Fatalf("year %d of many: %+v, want %+v", many[i], x, want)
		}
	}
}

// testWithdrawn: a start or stop counts when more messages report it
// than withdraw it (StatusAanlevering 3), whatever their order, each
// message once; what a message adds counts as Added, the same message
// again as Known.
func testWithdrawn(t *testing.T, s Store) {
	ev := func(number string, kind koers.CareKind, d string, withdrawn bool, msg string) koers.CareEvent {
		return koers.CareEvent{Law: koers.Wmo, Assignment: number, Kind: kind, Date: date(d), Withdrawn: withdrawn, Message: msg}
	}
	// A1's start on 1 February 2019 is withdrawn, its start on 1 March
	// counts; A2's stop at the end of 2019 is withdrawn before it comes,
	// so its care runs on; A3's start in 2021 is withdrawn in its own
	// batch, so its care starts at its Ingangsdatum in 2020; A4's stop in
	// 2020 is withdrawn and reported again (another reason), so it counts.
	batches := []*koers.RegisterBatch{
		{Assignments: []koers.Assignment{oneAssignment(1, "A1", "2019-01-01", ""), oneAssignment(2, "A2", "2019-01-01", ""),
			oneAssignment(3, "A3", "2020-06-01", ""), oneAssignment(4, "A4", "2019-01-01", "")},
			Care: []koers.CareEvent{ev("A1", koers.CareStart, "2019-02-01", false, "m1"), ev("A1", koers.CareStart, "2019-03-01", false, "m1"),
				ev("A2", koers.CareStop, "2019-12-31", true, "m2"), ev("A4", koers.CareStop, "2020-03-31", false, "m3")}},
		{Care: []koers.CareEvent{ev("A1", koers.CareStart, "2019-02-01", true, "m4"), ev("A2", koers.CareStop, "2019-12-31", false, "m5"),
			ev("A3", koers.CareStart, "2021-01-01", false, "m6"), ev("A3", koers.CareStart, "2021-01-01", true, "m7"),
			ev("A4", koers.CareStop, "2020-03-31", true, "m8")}},
		{Care: []koers.CareEvent{ev("A1", koers.CareStart, "2019-02-01", false, "m1"), ev("A4", koers.CareStop, "2020-03-31", false, "m9")}},
	}
	var res koers.ImportResult
	for _, b := range batches {
		r := mustImport(t, s, 1, b)
		res.Added += r.Added
		res.Known += r.Known
	}
	// Known: A1's first start in message m1 again.
	if want := (koers.ImportResult{Added: 14, Known: 1}); res != want {
		t.Errorf("imports: %+v, want %+v", res, want)
	}
	peil := func(ref string) *koers.CountRule {
		r := wmoRule
		r.Window, r.RefDate = koers.Peildatum, ref
		return &r
	}
	f := koers.Facts(batches...)
	for _, tt := range []struct {
		rule *koers.CountRule
		want []int64
	}{
		{peil("02-15"), []int64{2, 3, 3, 3}}, // A1 not yet in 2019; A2 runs on; A4 until March 2020
		{peil("03-01"), []int64{3, 3, 3, 3}},
		{peil("07-01"), []int64{3, 3, 3, 3}}, // A3 from its Ingangsdatum, 1 June 2020; A4 stopped
	} {
		got := mustCount(t, s, 1, tt.rule, []int{2019, 2020, 2021, 2022})
		var nums []int64
		for _, x := range got {
			nums = append(nums, x.Numerator)
		}
		if !slices.Equal(nums, tt.want) {
			t.Errorf("on %s: %v, want %v", tt.rule.RefDate, nums, tt.want)
		}
		sameAsDomain(t, s, 1, tt.rule, f)
	}
	// A withdrawn stop ends no care: Forget keeps A2; A4's care ended.
	if n, err := s.Forget(ctx, 1, date("2020-06-01")); err != nil || n != 5 {
		t.Errorf("Forget before mid-2020 deleted %d rows (%v), want 5: A4, its three rows of its stop and its client", n, err)
	}
}
