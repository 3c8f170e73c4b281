package sqlreg_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register/regtest"
	"github.com/koers-nl/koers/register/sqlreg"
)

// messages makes n messages' worth of facts for a region: each message
// one client with one assignment (301) and its start (305), and for half
// of them its stop (307), the way a provider's messages come; ids from
// first on.
func messages(rng *rand.Rand, first, n int) *koers.RegisterBatch {
	b := &koers.RegisterBatch{}
	for i := first; i < first+n; i++ {
		p := regtest.Pseudonym(i)
		law := []koers.Law{koers.Wmo, koers.Jeugdwet}[rng.IntN(2)]
		cats := koers.Categories(law)
		start := regtest.Day(2016, 1, 1).AddDate(0, 0, rng.IntN(10*365))
		var end time.Time
		if rng.IntN(2) == 0 {
			end = start.AddDate(0, 0, 30+rng.IntN(700))
		}
		num := fmt.Sprintf("T%09d", i)
		b.Clients = append(b.Clients, koers.Client{Pseudonym: p, BirthYear: 1930 + rng.IntN(95), Sex: "1", Area: fmt.Sprintf("W%02d", rng.IntN(40))})
		b.Assignments = append(b.Assignments, koers.Assignment{Law: law, Number: num, Client: p, Category: cats[rng.IntN(len(cats))],
			Product: "12A01", Delivery: koers.InKind, Provider: fmt.Sprintf("%08d", 10000000+rng.IntN(200)), Start: start, End: end,
			Volume: 4, Unit: "04", Frequency: "2", Budget: koers.Money(rng.IntN(500_000)), Message: "301|BATCH"})
		b.Care = append(b.Care, koers.CareEvent{Law: law, Assignment: num, Kind: koers.CareStart, Date: start.AddDate(0, 0, rng.IntN(20)), Message: "305"})
		if !end.IsZero() {
			b.Care = append(b.Care, koers.CareEvent{Law: law, Assignment: num, Kind: koers.CareStop, Date: end, Reason: "01", Message: "307"})
		}
	}
	return b
}

// BenchmarkImportPostgres imports batches of 2,000 messages (a client,
// an assignment, a start, half of them a stop): messages/s is the figure
// of the issue (≥ 20,000 on the two-core machine).
func BenchmarkImportPostgres(b *testing.B) { benchImport(b, openPostgres(b)) }

func BenchmarkImportSQLite(b *testing.B) { benchImport(b, openSQLite(b)) }

func benchImport(b *testing.B, s *sqlreg.Store) {
	const per = 2000
	rng := rand.New(rand.NewPCG(1, 1))
	next := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		batch := messages(rng, next, per)
		next += per
		b.StartTimer()
		if _, err := s.Import(context.Background(), 1, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*per)/b.Elapsed().Seconds(), "msgs/s")
}

// region adds to messages what the other rules count: registrations of
// every kind, benefits and work, about one of each kind per ten clients,
// and the population figure.
func region(rng *rand.Rand, first, n int) *koers.RegisterBatch {
	b := messages(rng, first, n)
	for i := first; i < first+n; i++ {
		p := regtest.Pseudonym(i)
		d := regtest.Day(2016, 1, 1).AddDate(0, 0, rng.IntN(10*365))
		id := fmt.Sprintf("%09d", i)
		switch rng.IntN(10) {
		case 0, 1, 2:
			kind := koers.RegistrationKinds[rng.IntN(len(koers.RegistrationKinds))]
			b.Registrations = append(b.Registrations, koers.Registration{Kind: kind, ID: id, Client: p, Date: d,
				End: d.AddDate(0, 0, rng.IntN(80)), Outcome: []string{"goed", "matig"}[rng.IntN(2)]})
		case 3:
			b.Benefits = append(b.Benefits, koers.Benefit{ID: id, Client: p, Start: d})
		case 4:
			b.Work = append(b.Work, koers.Work{ID: id, Client: p, Start: d,
				Placement: []koers.Placement{koers.BeschutBinnen, koers.Detachering, koers.BegeleidWerken, koers.NieuwBeschut}[rng.IntN(4)]})
		}
	}
	return b
}

// BenchmarkCountPostgres counts the demo's nine rules for ten years over
// a region of KOERS_BENCH_MESSAGES messages (default 100,000; the issue's
// million inhabitants are about 4,000,000: a client, an assignment, its
// start and for half its stop, and a registration, benefit or place for
// half of them). One op is all nine rules, all ten years, counted as
// `koers register compute` counts them: CountAll.
func BenchmarkCountPostgres(b *testing.B) {
	s := openPostgres(b)
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("KOERS_BENCH_MESSAGES")); err == nil && v > 0 {
		n = v
	}
	rng := rand.New(rand.NewPCG(2, 2))
	ctx := context.Background()
	const per = 5000
	t0 := time.Now()
	rows := 0
	for first := 0; first < n; first += per {
		batch := region(rng, first, min(per, n-first))
		rows += batch.Len()
		if _, err := s.Import(ctx, 1, batch); err != nil {
			b.Fatal(err)
		}
	}
	pop := &koers.RegisterBatch{}
	for y := 2016; y <= 2025; y++ {
		pop.Populations = append(pop.Populations, koers.Population{Key: "inwoners-0-17", Year: y, Count: int64(n / 5)})
	}
	if _, err := s.Import(ctx, 1, pop); err != nil {
		b.Fatal(err)
	}
	if _, err := s.DB().ExecContext(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	b.Logf("imported %d messages (%d facts) in %s: %.0f messages/s", n, rows, time.Since(t0).Round(time.Millisecond), float64(n)/time.Since(t0).Seconds())
	rules := regtest.DemoRules(b)
	years := []int{2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.CountAll(ctx, 1, rules, years); err != nil {
			b.Fatal(err)
		}
	}
}
