package sqlreg_test

import (
	"context"
	"fmt"
	"math/rand/v2"
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
