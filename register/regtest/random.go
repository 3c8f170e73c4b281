package regtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/koers-nl/koers"
)

// Pseudonym is a pseudonym for test client n.
func Pseudonym(n int) koers.Pseudonym {
	h := sha256.Sum256(fmt.Appendf(nil, "client %d", n))
	return koers.Pseudonym(hex.EncodeToString(h[:]))
}

// Day is a date.
func Day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// RandomBatches makes n batches of random facts around 2014–2025 for
// clients clients: everything a rule can count, with the edges counting
// meets (ends on the first of a year, stops before starts, stops of no
// assignment, unknown birth years and clients, facts repeated in later
// batches with other content, clients whose area changes).
func RandomBatches(rng *rand.Rand, n, clients int) []*koers.RegisterBatch {
	day := func() time.Time {
		d := Day(2013, 1, 1).AddDate(0, 0, rng.IntN(13*365))
		if rng.IntN(10) == 0 { // the edges of a year
			d = Day(2014+rng.IntN(12), []time.Month{1, 12}[rng.IntN(2)], []int{1, 31}[rng.IntN(2)])
		}
		return d
	}
	end := func(start time.Time) time.Time {
		if rng.IntN(3) == 0 {
			return time.Time{}
		}
		return start.AddDate(0, 0, rng.IntN(900))
	}
	client := func() koers.Pseudonym { return Pseudonym(rng.IntN(clients + clients/10)) } // some never described
	areas := []string{"", "Noord", "Zuid", "centrum", "2351"}
	providers := []string{"", "12345678", "87654321", "11112222"}
	var out []*koers.RegisterBatch
	var numbers []string
	var ids []string
	var care []koers.CareEvent
	for range n {
		b := &koers.RegisterBatch{}
		for range clients / n * 2 {
			by := 1930 + rng.IntN(95)
			if rng.IntN(8) == 0 {
				by = 0
			}
			b.Clients = append(b.Clients, koers.Client{Pseudonym: Pseudonym(rng.IntN(clients)), BirthYear: by,
				Sex: []string{"0", "1", "2", "9"}[rng.IntN(4)], Area: areas[rng.IntN(len(areas))]})
		}
		for range 3 * clients / n {
			law := []koers.Law{koers.Wmo, koers.Jeugdwet}[rng.IntN(2)]
			cats := koers.Categories(law)
			start := day()
			num := fmt.Sprintf("T%d", rng.IntN(4*clients))
			if len(numbers) > 0 && rng.IntN(10) == 0 {
				num = numbers[rng.IntN(len(numbers))] // again, other content: the first counts
			}
			numbers = append(numbers, num)
			b.Assignments = append(b.Assignments, koers.Assignment{Law: law, Number: num, Client: client(),
				Category: cats[rng.IntN(min(len(cats), 6))], Product: "P1", Delivery: []koers.Delivery{koers.InKind, koers.PGB}[rng.IntN(2)],
				Provider: providers[rng.IntN(len(providers))], Start: start, End: end(start),
				Volume: int64(rng.IntN(10)), Unit: "14", Frequency: "2", Budget: koers.Money(rng.IntN(3) * 100_000 * rng.IntN(20))})
		}
		for range 3 * clients / n {
			num := fmt.Sprintf("T%d", rng.IntN(4*clients))
			if len(numbers) > 0 && rng.IntN(4) != 0 {
				num = numbers[rng.IntN(len(numbers))]
			}
			e := koers.CareEvent{Law: []koers.Law{koers.Wmo, koers.Jeugdwet}[rng.IntN(2)], Assignment: num,
				Kind: []koers.CareKind{koers.CareStart, koers.CareStop}[rng.IntN(2)], Date: day(), Withdrawn: rng.IntN(8) == 0}
			if len(care) > 0 && rng.IntN(5) == 0 {
				// An earlier start or stop again: withdrawn, or sent
				// again (after its withdrawal, perhaps).
				e = care[rng.IntN(len(care))]
				e.Withdrawn = rng.IntN(2) == 0
			}
			care = append(care, e)
			b.Care = append(b.Care, e)
		}
		for range 4 * clients / n {
			kind := koers.RegistrationKinds[rng.IntN(len(koers.RegistrationKinds))]
			d := day()
			var e time.Time
			if rng.IntN(2) == 0 {
				e = d.AddDate(0, 0, rng.IntN(90)) // around the six weeks of an onderzoek
			}
			id := fmt.Sprintf("R%d", rng.IntN(4*clients))
			if len(ids) > 0 && rng.IntN(10) == 0 {
				id = ids[rng.IntN(len(ids))]
			}
			ids = append(ids, id)
			b.Registrations = append(b.Registrations, koers.Registration{Kind: kind, ID: id, Client: client(), Date: d, End: e,
				Outcome: []string{"", "goed", "matig"}[rng.IntN(3)]})
		}
		for range clients / n {
			s := day()
			b.Benefits = append(b.Benefits, koers.Benefit{ID: fmt.Sprintf("B%d", rng.IntN(2*clients)), Client: client(), Start: s, End: end(s)})
		}
		for range clients / n {
			s := day()
			b.Work = append(b.Work, koers.Work{ID: fmt.Sprintf("W%d", rng.IntN(2*clients)), Client: client(),
				Placement: koers.Placements[rng.IntN(len(koers.Placements))], Start: s, End: end(s)})
		}
		for y := 2013; y <= 2026; y++ {
			if rng.IntN(3) != 0 {
				b.Populations = append(b.Populations, koers.Population{Key: "inwoners-0-17", Year: y, Count: int64(rng.IntN(5000))})
			}
		}
		out = append(out, b)
	}
	return out
}

// RandomRule makes a random valid counting rule.
func RandomRule(rng *rand.Rand, sub bool) koers.CountRule {
	sources := []koers.RuleSource{koers.SourceWmo, koers.SourceJeugd, koers.SourceBenefits, koers.SourceWork, koers.SourceMelding,
		koers.SourceOnderzoek, koers.SourceJeugdteam, koers.SourceJBT, koers.SourceGesloten, koers.SourceErvaring}
	r := koers.CountRule{Indicator: fmt.Sprintf("regel-%d", rng.IntN(1000)), Version: 1, Source: sources[rng.IntN(len(sources))],
		Unit: []koers.RuleUnit{koers.UniqueClients, koers.Records}[rng.IntN(2)]}
	switch rng.IntN(4) {
	case 0:
		r.Window, r.RefDate = koers.Peildatum, []string{"12-31", "01-01", "06-30", "02-28"}[rng.IntN(4)]
	case 1:
		r.Window = koers.DuringYear
	case 2:
		r.Window = koers.StartedInYear
	default:
		r.Window, r.Since = koers.Cumulatief, 2013+rng.IntN(8)
	}
	if law := r.Source.Law(); law != "" && rng.IntN(2) == 0 {
		cats := koers.Categories(law)
		for _, c := range cats[:6] {
			if rng.IntN(2) == 0 {
				r.Categories = append(r.Categories, c)
			}
		}
	}
	if r.Source == koers.SourceWork && rng.IntN(2) == 0 {
		for _, p := range koers.Placements {
			if rng.IntN(2) == 0 {
				r.Placements = append(r.Placements, p)
			}
		}
	}
	if _, reg := r.Source.Registration(); reg && rng.IntN(3) == 0 {
		r.Outcome = "goed"
	}
	r.InTerm = r.Source == koers.SourceOnderzoek && rng.IntN(2) == 0
	switch rng.IntN(4) {
	case 0:
		r.MinAge = rng.IntN(70)
	case 1:
		r.MaxAge = rng.IntN(40) + 1
	case 2:
		r.MinAge = rng.IntN(20)
		r.MaxAge = r.MinAge + rng.IntN(30)
	}
	switch rng.IntN(3) {
	case 0:
		r.Breakdown = koers.ByArea
	case 1:
		if r.Source.Law() != "" {
			r.Breakdown = koers.ByCategory
		}
	}
	if !sub {
		switch rng.IntN(3) {
		case 0:
			r.Denominator = &koers.Denominator{Population: "inwoners-0-17"}
		case 1:
			d := RandomRule(rng, true)
			d.Indicator, d.Version = "", 0
			r.Denominator = &koers.Denominator{Rule: &d}
		}
	}
	slices.Sort(r.Categories)
	return r
}
