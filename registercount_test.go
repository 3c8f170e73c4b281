package koers_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// pseudo is a pseudonym for test client n.
func pseudo(n int) koers.Pseudonym { return koers.Pseudonym(fmt.Sprintf("%064x", n)) }

// registerFixture: five clients, Wmo and Jeugdwet assignments with care
// reported in either order, registrations, benefits and work.
func registerFixture() *koers.RegisterBatch {
	b := &koers.RegisterBatch{}
	for i, c := range []struct {
		born int
		area string
	}{{1950, "Noord"}, {1980, "Zuid"}, {2010, "Noord"}, {2015, "Zuid"}, {1990, "Noord"}} {
		b.Clients = append(b.Clients, koers.Client{Pseudonym: pseudo(i + 1), BirthYear: c.born, Sex: "1", Area: c.area})
	}
	wmo := func(n string, client int, cat, start, end string) koers.Assignment {
		a := koers.Assignment{Law: koers.Wmo, Number: n, Client: pseudo(client), Category: cat, Delivery: koers.InKind, Start: day(start)}
		if end != "" {
			a.End = day(end)
		}
		return a
	}
	b.Assignments = []koers.Assignment{
		wmo("W1", 1, "02", "2019-03-01", ""),           // runs on
		wmo("W2", 1, "01", "2020-01-01", "2020-06-30"), // same client, another category
		wmo("W3", 2, "11", "2020-05-01", "2020-12-31"), // a wheelchair: category 11
		wmo("W4", 5, "07", "2021-02-01", "2021-03-01"), // next year only
		{Law: koers.Jeugdwet, Number: "J1", Client: pseudo(3), Category: "45", Delivery: koers.InKind, Start: day("2020-09-01")},
		{Law: koers.Jeugdwet, Number: "J2", Client: pseudo(4), Category: "37", Delivery: koers.InKind, Start: day("2019-01-01"), End: day("2019-12-31")},
	}
	b.Care = []koers.CareEvent{
		// W1's care stopped in 2019 although its assignment runs on; the
		// stop came before the start.
		{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStop, Date: day("2019-11-30")},
		{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStart, Date: day("2019-03-15")},
		// J2's care started a year late.
		{Law: koers.Jeugdwet, Assignment: "J2", Kind: koers.CareStart, Date: day("2020-01-10")},
		{Law: koers.Jeugdwet, Assignment: "J2", Kind: koers.CareStop, Date: day("2020-02-01")},
	}
	b.Registrations = []koers.Registration{
		{Kind: koers.Onderzoek, ID: "O1", Client: pseudo(1), Date: day("2020-01-01"), End: day("2020-02-12")}, // 42 days: in term
		{Kind: koers.Onderzoek, ID: "O2", Client: pseudo(2), Date: day("2020-01-01"), End: day("2020-02-13")}, // 43 days: late
		{Kind: koers.Onderzoek, ID: "O3", Client: pseudo(5), Date: day("2020-12-01")},                         // still open
		{Kind: koers.JeugdteamAanmeld, ID: "T1", Client: pseudo(3), Date: day("2020-03-03")},
		{Kind: koers.JeugdteamAanmeld, ID: "T2", Client: pseudo(3), Date: day("2020-10-03")},
		{Kind: koers.Clientervaring, ID: "E1", Client: pseudo(1), Date: day("2020-04-01"), Outcome: "goed"},
		{Kind: koers.Clientervaring, ID: "E2", Client: pseudo(2), Date: day("2020-04-01"), Outcome: "matig"},
	}
	b.Benefits = []koers.Benefit{
		{ID: "B1", Client: pseudo(2), Start: day("2018-01-01"), End: day("2020-12-30")},
		{ID: "B2", Client: pseudo(5), Start: day("2020-12-31")},
	}
	b.Work = []koers.Work{
		{ID: "S1", Client: pseudo(2), Placement: koers.Detachering, Start: day("2010-01-01")},
		{ID: "S2", Client: pseudo(5), Placement: koers.BeschutBinnen, Start: day("2010-01-01")},
		{ID: "S3", Client: pseudo(1), Placement: koers.NieuwBeschut, Start: day("2016-05-01")},
		{ID: "S4", Client: pseudo(2), Placement: koers.NieuwBeschut, Start: day("2020-05-01")},
	}
	b.Populations = []koers.Population{{Key: "inwoners-0-17", Year: 2020, Count: 40}}
	return b
}

// TestEvaluate pins what each kind of rule counts in the fixture.
func TestEvaluate(t *testing.T) {
	facts := koers.Facts(registerFixture(), registerFixture()) // imported twice: counted once
	tests := []struct {
		name string
		rule koers.CountRule
		year int
		want koers.Tally
	}{
		{"Wmo clients during the year, categories 01-10", koers.CountRule{Source: koers.SourceWmo, Unit: koers.UniqueClients, Window: koers.DuringYear,
			Categories: []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10"}}, 2020,
			koers.Tally{Year: 2020, Numerator: 1}}, // W1's care stopped in 2019; W3 is category 11
		{"Wmo records during 2019", koers.CountRule{Source: koers.SourceWmo, Unit: koers.Records, Window: koers.DuringYear}, 2019,
			koers.Tally{Year: 2019, Numerator: 1}},
		{"Wmo clients by area", koers.CountRule{Source: koers.SourceWmo, Unit: koers.UniqueClients, Window: koers.DuringYear, Breakdown: koers.ByArea}, 2020,
			koers.Tally{Year: 2020, Numerator: 2, Parts: []koers.TallyPart{{Name: "Noord", Count: 1}, {Name: "Zuid", Count: 1}}}},
		{"Wmo by category", koers.CountRule{Source: koers.SourceWmo, Unit: koers.Records, Window: koers.DuringYear, Breakdown: koers.ByCategory}, 2020,
			koers.Tally{Year: 2020, Numerator: 2, Parts: []koers.TallyPart{{Name: "01", Count: 1}, {Name: "11", Count: 1}}}},
		{"jeugdhulp as care ran, under 18, of the population", koers.CountRule{Source: koers.SourceJeugd, Unit: koers.UniqueClients, Window: koers.DuringYear,
			MaxAge: 17, Denominator: &koers.Denominator{Population: "inwoners-0-17"}}, 2020,
			koers.Tally{Year: 2020, Numerator: 2, Denominator: 40}},
		{"jeugdhulp 2019: J2 assigned but its care began in 2020", koers.CountRule{Source: koers.SourceJeugd, Unit: koers.UniqueClients, Window: koers.DuringYear}, 2019,
			koers.Tally{Year: 2019}},
		{"no population figure for the year", koers.CountRule{Source: koers.SourceJeugd, Unit: koers.UniqueClients, Window: koers.DuringYear,
			Denominator: &koers.Denominator{Population: "inwoners-0-17"}}, 2019, koers.Tally{Year: 2019}},
		{"onderzoeken within six weeks", koers.CountRule{Source: koers.SourceOnderzoek, Unit: koers.Records, Window: koers.StartedInYear, InTerm: true,
			Denominator: &koers.Denominator{Rule: &koers.CountRule{Source: koers.SourceOnderzoek, Unit: koers.Records, Window: koers.StartedInYear}}}, 2020,
			koers.Tally{Year: 2020, Numerator: 1, Denominator: 3}},
		{"Jeugdteam registrations and clients", koers.CountRule{Source: koers.SourceJeugdteam, Unit: koers.Records, Window: koers.StartedInYear,
			Denominator: &koers.Denominator{Rule: &koers.CountRule{Source: koers.SourceJeugdteam, Unit: koers.UniqueClients, Window: koers.StartedInYear}}}, 2020,
			koers.Tally{Year: 2020, Numerator: 2, Denominator: 1}},
		{"survey: judged good", koers.CountRule{Source: koers.SourceErvaring, Unit: koers.Records, Window: koers.StartedInYear, Outcome: "goed"}, 2020,
			koers.Tally{Year: 2020, Numerator: 1}},
		{"benefits on 31-12: one ended the day before, one began that day", koers.CountRule{Source: koers.SourceBenefits, Unit: koers.Records,
			Window: koers.Peildatum, RefDate: "12-31"}, 2020, koers.Tally{Year: 2020, Numerator: 1}},
		{"Wsw placed outside, of all Wsw", koers.CountRule{Source: koers.SourceWork, Unit: koers.UniqueClients, Window: koers.Peildatum, RefDate: "12-31",
			Placements: []koers.Placement{koers.Detachering, koers.BegeleidWerken},
			Denominator: &koers.Denominator{Rule: &koers.CountRule{Source: koers.SourceWork, Unit: koers.UniqueClients, Window: koers.Peildatum, RefDate: "12-31",
				Placements: []koers.Placement{koers.BeschutBinnen, koers.Detachering, koers.BegeleidWerken}}}}, 2020,
			koers.Tally{Year: 2020, Numerator: 1, Denominator: 2}},
		{"beschut werk cumulative since 2015", koers.CountRule{Source: koers.SourceWork, Unit: koers.UniqueClients, Window: koers.Cumulatief, Since: 2015,
			Placements: []koers.Placement{koers.NieuwBeschut}}, 2019, koers.Tally{Year: 2019, Numerator: 1}},
		{"beschut werk cumulative grows", koers.CountRule{Source: koers.SourceWork, Unit: koers.UniqueClients, Window: koers.Cumulatief, Since: 2015,
			Placements: []koers.Placement{koers.NieuwBeschut}}, 2020, koers.Tally{Year: 2020, Numerator: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.rule.Version = 1
			if err := tt.rule.Validate(); err != nil {
				t.Fatalf("the rule is not valid: %v", err)
			}
			got := tt.rule.Evaluate(facts, tt.year)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Evaluate = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFactsKeepTheFirst(t *testing.T) {
	a, b := registerFixture(), registerFixture()
	b.Assignments[0].Category = "03" // the same number again: the first counts
	f := koers.Facts(a, b)
	if len(f.Assignments) != len(a.Assignments) || f.Assignments[0].Category != "02" || len(f.Care) != len(a.Care) || len(f.Clients) != 5 {
		t.Errorf("facts: %d assignments (first %q), %d care events, %d clients", len(f.Assignments), f.Assignments[0].Category, len(f.Care), len(f.Clients))
	}
}

// TestFactsWithdrawn: each message's report or withdrawal of a start is
// kept once, in whatever order they come, and the start counts when more
// messages report it than withdraw it.
func TestFactsWithdrawn(t *testing.T) {
	a := koers.Assignment{Law: koers.Wmo, Number: "W1", Start: day("2020-01-01")}
	report := func(d, msg string) koers.CareEvent {
		return koers.CareEvent{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStart, Date: day(d), Message: msg}
	}
	withdraw := func(d, msg string) koers.CareEvent {
		e := report(d, msg)
		e.Withdrawn = true
		return e
	}
	tests := []struct {
		name    string
		batches [][]koers.CareEvent
		kept    int
		start   string
	}{
		{"reported", [][]koers.CareEvent{{report("2020-02-01", "m1"), report("2020-03-01", "m1")}}, 2, "2020-02-01"},
		{"withdrawn after", [][]koers.CareEvent{{report("2020-02-01", "m1"), report("2020-03-01", "m1")}, {withdraw("2020-02-01", "m2")}}, 3, "2020-03-01"},
		{"withdrawn before", [][]koers.CareEvent{{withdraw("2020-02-01", "m2")}, {report("2020-03-01", "m1"), report("2020-02-01", "m1")}}, 3, "2020-03-01"},
		{"withdrawn in its batch", [][]koers.CareEvent{{report("2020-02-01", "m1"), withdraw("2020-02-01", "m2")}}, 2, "2020-01-01"},
		{"corrected: reported again", [][]koers.CareEvent{{report("2020-02-01", "m1")}, {withdraw("2020-02-01", "m2")}, {report("2020-02-01", "m3")}}, 3, "2020-02-01"},
		{"corrected, out of order", [][]koers.CareEvent{{report("2020-02-01", "m3")}, {withdraw("2020-02-01", "m2")}, {report("2020-02-01", "m1")}}, 3, "2020-02-01"},
		{"the same messages twice", [][]koers.CareEvent{{report("2020-02-01", "m1"), withdraw("2020-02-01", "m2")}, {report("2020-02-01", "m1")},
			{withdraw("2020-02-01", "m2")}}, 2, "2020-01-01"},
	}
	for _, tt := range tests {
		var batches []*koers.RegisterBatch
		for _, care := range tt.batches {
			batches = append(batches, &koers.RegisterBatch{Care: care})
		}
		f := koers.Facts(batches...)
		start, _ := koers.CarePeriod(a, f.Care)
		if len(f.Care) != tt.kept || start.Format(time.DateOnly) != tt.start {
			t.Errorf("%s: %d kept, care from %s; want %d, from %s", tt.name, len(f.Care), start.Format(time.DateOnly), tt.kept, tt.start)
		}
	}
}

// TestCarePeriod: the reported start and stop count in either order; an
// assignment without reports runs its own period; withdrawn ones do not
// count.
func TestCarePeriod(t *testing.T) {
	a := koers.Assignment{Law: koers.Wmo, Number: "W1", Start: day("2020-01-01"), End: day("2020-12-31")}
	tests := []struct {
		events     []koers.CareEvent
		start, end string
	}{
		{nil, "2020-01-01", "2020-12-31"},
		{[]koers.CareEvent{{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStop, Date: day("2020-06-01")},
			{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStart, Date: day("2020-02-01")}}, "2020-02-01", "2020-06-01"},
		{[]koers.CareEvent{{Law: koers.Jeugdwet, Assignment: "W1", Kind: koers.CareStart, Date: day("2020-03-01")}}, "2020-01-01", "2020-12-31"},
		{[]koers.CareEvent{{Law: koers.Wmo, Assignment: "W2", Kind: koers.CareStart, Date: day("2020-03-01")}}, "2020-01-01", "2020-12-31"},
		// Withdrawn starts and stops do not count; the others do.
		{[]koers.CareEvent{{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStart, Date: day("2020-02-01"), Withdrawn: true},
			{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStart, Date: day("2020-03-01")},
			{Law: koers.Wmo, Assignment: "W1", Kind: koers.CareStop, Date: day("2020-09-01"), Withdrawn: true}}, "2020-03-01", "2020-12-31"},
	}
	for i, tt := range tests {
		s, e := koers.CarePeriod(a, tt.events)
		if s.Format(time.DateOnly) != tt.start || e.Format(time.DateOnly) != tt.end {
			t.Errorf("%d: period %s–%s, want %s–%s", i, s.Format(time.DateOnly), e.Format(time.DateOnly), tt.start, tt.end)
		}
	}
}

func TestCountRuleValidate(t *testing.T) {
	good := koers.CountRule{Indicator: "wmo", Version: 1, Source: koers.SourceWmo, Unit: koers.UniqueClients, Window: koers.DuringYear}
	tests := []struct {
		name string
		edit func(*koers.CountRule)
		want string
	}{
		{"version", func(r *koers.CountRule) { r.Version = 0 }, "/version: Een regel heeft versie 1 of hoger."},
		{"source", func(r *koers.CountRule) { r.Source = "zorg" }, `/source: Onbekende bron "zorg".`},
		{"unit", func(r *koers.CountRule) { r.Unit = "mensen" }, `/unit: Tel unieke cliënten (clients) of records (records), niet "mensen".`},
		{"window", func(r *koers.CountRule) { r.Window = "week" }, `/window: Onbekend telvenster "week".`},
		{"reference date", func(r *koers.CountRule) { r.Window, r.RefDate = koers.Peildatum, "02-30" },
			`/ref_date: De peildatum "02-30" is geen dag van het jaar (MM-DD).`},
		{"reference date without its window", func(r *koers.CountRule) { r.RefDate = "12-31" },
			"/ref_date: Alleen een telling op peildatum heeft een peildatum."},
		{"cumulative without a start", func(r *koers.CountRule) { r.Window = koers.Cumulatief },
			"/since: Een cumulatieve telling begint in een jaar (since), niet 0."},
		{"category of the other law", func(r *koers.CountRule) { r.Categories = []string{"45"} },
			`/categories: Productcategorie "45" hoort niet bij de bron "wmo".`},
		{"placement of assignments", func(r *koers.CountRule) { r.Placements = []koers.Placement{koers.Detachering} },
			`/placements: Plaatsing "detachering" hoort niet bij de bron "wmo".`},
		{"outcome", func(r *koers.CountRule) { r.Outcome = "goed" }, "/outcome: Alleen registraties hebben een uitkomst."},
		{"ages", func(r *koers.CountRule) { r.MinAge, r.MaxAge = 18, 17 }, "/max_age: De leeftijdsgrenzen 18–17 kloppen niet."},
		{"breakdown", func(r *koers.CountRule) { r.Source, r.Breakdown = koers.SourceBenefits, koers.ByCategory },
			"/breakdown: Alleen toewijzingen zijn uit te splitsen naar productcategorie."},
		{"both denominators", func(r *koers.CountRule) {
			r.Denominator = &koers.Denominator{Population: "inwoners", Rule: &koers.CountRule{}}
		}, "/denominator: Een percentage is van een bevolkingsaantal (population) of van een andere telling (rule), van één van beide."},
		{"a bad sub-rule", func(r *koers.CountRule) {
			r.Denominator = &koers.Denominator{Rule: &koers.CountRule{Source: koers.SourceWmo, Unit: koers.Records, Window: "ooit"}}
		}, `/denominator/rule/window: Onbekend telvenster "ooit".`},
	}
	if err := good.Validate(); err != nil {
		t.Fatalf("good rule: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good
			tt.edit(&r)
			err := r.Validate()
			if koers.ErrorCode(err) != koers.EINVALID {
				t.Fatalf("err = %v, want EINVALID", err)
			}
			var e *koers.Error
			if !errors.As(err, &e) || len(e.Problems) != 1 || e.Problems[0].String() != tt.want {
				t.Errorf("err = %v, want the one problem %s", err, tt.want)
			}
		})
	}
}

// TestDemoRules: the demo's nine 1C rules are valid, and say in words what
// they count.
func TestDemoRules(t *testing.T) {
	data, err := os.ReadFile("demo/register/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var rules []koers.CountRule
	if err := json.Unmarshal(data, &rules); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"wmo-maatwerkvoorzieningen":   "Aantal unieke inwoners met ten minste één lopende Wmo-maatwerkvoorziening (categorieën 01–10, 15–18) op enig moment in het jaar",
		"jeugdteam-aanmeldingen":      "Aantal aanmeldingen bij het Jeugdteam gestart in het jaar",
		"participatiewet-uitkeringen": "Aantal uitkeringen Participatiewet op 31-12 van het jaar",
		"beschut-werk-cumulatief":     "Aantal unieke inwoners met een Wsw- of beschut-werkplek (nieuw beschut werk) gestart van 1 januari 2015 tot en met het einde van het jaar (cumulatief)",
		"jongeren-met-jeugdhulp":      "Percentage: Aantal unieke jongeren met ten minste één jeugdhulpvoorziening, jonger dan 18 jaar op enig moment in het jaar, van het aantal inwoners van 0 tot en met 17 jaar op 1 januari (CBS)",
	}
	if len(rules) != 9 {
		t.Errorf("%d rules, want the nine of 1C", len(rules))
	}
	checked := 0
	for _, r := range rules {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", r.Indicator, err)
		}
		if w, ok := want[r.Indicator]; ok {
			checked++
			if got := r.Sentence(); got != w {
				t.Errorf("%s:\n got %s\nwant %s", r.Indicator, got, w)
			}
		}
	}
	if checked != len(want) {
		t.Errorf("%d of %d sentences checked", checked, len(want))
	}
}

func TestCompute(t *testing.T) {
	count := &koers.CountRule{Indicator: "a", Version: 2, Source: koers.SourceWmo, Unit: koers.UniqueClients, Window: koers.DuringYear, Breakdown: koers.ByArea}
	pct := &koers.CountRule{Indicator: "b", Version: 1, Source: koers.SourceJeugd, Unit: koers.UniqueClients, Window: koers.DuringYear,
		Denominator: &koers.Denominator{Population: "inwoners-0-17"}}
	parts := func(counts ...int64) []koers.TallyPart {
		var out []koers.TallyPart
		for i, c := range counts {
			out = append(out, koers.TallyPart{Name: string(rune('A' + i)), Count: c})
		}
		return out
	}
	show := func(v koers.ComputedValue, u koers.Unit) string {
		s := v.Display(u)
		var ps []string
		for _, p := range v.Parts {
			ps = append(ps, p.Name+"="+p.Display())
		}
		if len(ps) > 0 {
			s += " [" + strings.Join(ps, " ") + "]"
		}
		return s
	}
	tests := []struct {
		name      string
		rule      *koers.CountRule
		tally     koers.Tally
		threshold int
		want      string
	}{
		{"a count", count, koers.Tally{Numerator: 1340}, 0, "1.340"},
		{"zero is shown", count, koers.Tally{Numerator: 0}, 0, "0"},
		{"a small count", count, koers.Tally{Numerator: 4}, 0, "<5"},
		{"the indicator's own threshold", count, koers.Tally{Numerator: 7}, 10, "<10"},
		{"at the threshold", count, koers.Tally{Numerator: 5}, 5, "5"},
		{"one small part hides a second", count, koers.Tally{Numerator: 60, Parts: parts(3, 40, 17)}, 0, "60 [A=<5 B=40 C=×]"},
		{"two small parts protect each other", count, koers.Tally{Numerator: 47, Parts: parts(3, 40, 4)}, 0, "47 [A=<5 B=40 C=<5]"},
		{"a zero part stays", count, koers.Tally{Numerator: 40, Parts: parts(0, 40)}, 0, "40 [A=0 B=40]"},
		{"a hidden total hides its parts", count, koers.Tally{Numerator: 4, Parts: parts(1, 3, 0)}, 0, "<5 [A=<5 B=<5 C=0]"},
		{"a percentage", pct, koers.Tally{Numerator: 415, Denominator: 3347}, 0, "12,4%"},
		{"a percentage of few", pct, koers.Tally{Numerator: 2, Denominator: 300}, 0, "<5"},
		{"a percentage of a small group", pct, koers.Tally{Numerator: 0, Denominator: 3}, 0, "<5"},
		{"no denominator", pct, koers.Tally{Numerator: 12}, 0, "nnb"},
	}
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := koers.Compute(tt.rule, tt.tally, tt.threshold, at)
			u := koers.Count
			if tt.rule.Percentage() {
				u = koers.Percentage
			}
			if got := show(v, u); got != tt.want {
				t.Errorf("Compute = %s, want %s", got, tt.want)
			}
			if koers.Revealed(v.Number, v.Parts) {
				t.Errorf("a suppressed part can be found back: %s", show(v, u))
			}
			if v.Rule != tt.rule.Sentence() || v.RuleVersion != tt.rule.Version || !v.ComputedAt.Equal(at) {
				t.Errorf("rule %q v%d at %v", v.Rule, v.RuleVersion, v.ComputedAt)
			}
		})
	}
}
