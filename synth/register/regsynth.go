// Package regsynth makes a synthetic social-domain register: the iWmo and
// iJw 3.2 messages (301 toewijzing, 305 start, 307 stop) a municipality
// exchanges with its providers, and the CSV files of what no message
// carries (doc/register-csv.md), at the rates of a real municipality:
// for 27,000 inhabitants about Leiderdorp's figures (issue 15).
//
// Generate builds the register as a model in memory, the same for the same
// options; WriteDir writes it as files, Batch gives it as one
// koers.RegisterBatch for tests and benchmarks that need no XML.
//
// Every BSN is a synthetic one that passes the elfproef, counted down from
// 999999999: the 9999xxxxx range of the iStandaarden's examples first,
// below it only when a run needs more than its 9,091 numbers.
package regsynth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/koers-nl/koers"
)

// Options say what to generate.
type Options struct {
	Inhabitants  int    // the municipality's (or region's) inhabitants
	From, To     int    // the years, inclusive
	Municipality string // CBS gemeentecode, four digits: the sender of 301, receiver of 305/307
	Seed         uint64 // the same seed gives the same register
}

// DefaultMunicipality is Leiderdorp's gemeentecode, the demo's municipality.
const DefaultMunicipality = "0547"

// Bounds of what Generate accepts.
const (
	MinInhabitants = 100
	MaxInhabitants = 20_000_000
	MaxYears       = 30
)

func (o *Options) check() error {
	if o.Municipality == "" {
		o.Municipality = DefaultMunicipality
	}
	switch {
	case o.Inhabitants < MinInhabitants || o.Inhabitants > MaxInhabitants:
		return koers.Errorf(koers.EINVALID, "Het aantal inwoners ligt tussen %d en %d, niet %d.", MinInhabitants, MaxInhabitants, o.Inhabitants)
	case o.From < 2015 || o.To > 2100 || o.From > o.To || o.To-o.From >= MaxYears:
		return koers.Errorf(koers.EINVALID, "De jaren %d–%d: van 2015 tot 2100, hoogstens %d jaar.", o.From, o.To, MaxYears)
	case len(o.Municipality) != 4 || !digits(o.Municipality):
		return koers.Errorf(koers.EINVALID, "De gemeentecode %q heeft geen vier cijfers.", o.Municipality)
	}
	return nil
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// Person is a synthetic inhabitant who appears in the register.
type Person struct {
	BSN      string
	Birth    time.Time
	Sex      string // 1 man, 2 vrouw
	Postcode string // six characters, e.g. 2351AB; its digits are the wijk
}

// Area is the person's wijk as the register keeps it: the postcode's digits.
func (p Person) Area() string { return p.Postcode[:4] }

// Assignment is one toewijzing (301) for one calendar year at most, with
// what the provider reports of it: the start of care (305) and, when the
// care ended in it, the stop (307).
type Assignment struct {
	Law        koers.Law
	Number     int // ToewijzingNummer
	Person     int // index in Output.Persons
	Category   string
	Product    string
	Provider   int       // index in Output.Providers
	Assigned   time.Time // Dagtekening and Toewijzingsdatum of the 301
	Start, End time.Time // Ingangsdatum, Einddatum
	Volume     int64
	Unit, Freq string
	Budget     koers.Money
	CareStart  time.Time // Begindatum of the 305
	WrongStart time.Time // a Begindatum reported first and withdrawn (StatusAanlevering 3); zero for most
	Stop       time.Time // Einddatum of the 307; zero when care goes on
	StopReason string
}

// Registration is a local registration, of a person.
type Registration struct {
	Kind    koers.RegistrationKind
	ID      string
	Person  int
	Date    time.Time
	End     time.Time
	Outcome string
}

// Benefit is a Participatiewet benefit of a person.
type Benefit struct {
	ID         string
	Person     int
	Start, End time.Time
}

// Work is a Wsw placement or a beschut werk place of a person.
type Work struct {
	ID         string
	Person     int
	Placement  koers.Placement
	Start, End time.Time
}

// Output is a generated register.
type Output struct {
	Options       Options
	Persons       []Person
	Providers     []koers.Provider
	Assignments   []Assignment
	Registrations []Registration
	Benefits      []Benefit
	Work          []Work
	Ceilings      []koers.Ceiling
	Populations   []koers.Population
}

// Messages is the number of messages WriteDir writes: a 301 for every
// assignment, a 305 for every start (and two more for a start reported
// wrongly and withdrawn) and a 307 for every stop.
func (o *Output) Messages() int {
	n := 0
	for _, a := range o.Assignments {
		n++
		if !a.CareStart.IsZero() {
			n++
		}
		if !a.WrongStart.IsZero() {
			n += 2
		}
		if !a.Stop.IsZero() {
			n++
		}
	}
	return n
}

// Rates, per 27,000 inhabitants a year unless said otherwise: Leiderdorp's
// magnitudes. A stock is kept by inflow and mean duration: what runs at
// some moment in a year is about inflow × (duration + 1).
const (
	base           = 27000.0
	wmoInflow      = 475.0 // new Wmo clients (about 1,340 with a counted maatwerkvoorziening in a year)
	wmoDuration    = 2.0   // years
	jeugdInflow    = 395.0 // new jeugdhulp clients (about 12,4% of the young)
	jeugdDuration  = 1.2
	extraMeldingen = 0.15  // meldingen that lead to no maatwerkvoorziening, per one that does
	jeugdteamRate  = 322.0 // Jeugdteam registrations
	jbtRate        = 7.0
	geslotenRate   = 0.5
	surveyShare    = 0.25 // of the year's Wmo clients answer the client experience survey
	benefitStock   = 315.0
	benefitYears   = 3.0
	wswStock       = 58.0 // Wsw workers at the start
	beschutRate    = 1.2  // new beschut werk places a year
	youngShare     = 0.22 // inhabitants 0-17
	correctedEvery = 40   // one assignment in so many has its start reported wrongly, withdrawn and reported again
)

// The 1st of the product categories the register counts as a
// maatwerkvoorziening (demo/register/rules.json); 11-14 are hulpmiddelen.
type product struct {
	category, code string
	weight         float64
	yearly         float64 // euros a year
	unit, freq     string
	volume         [2]int64
}

var wmoProducts = []product{
	{"01", "01A01", 33, 3200, "04", "2", [2]int64{2, 5}},
	{"02", "02A03", 18, 9000, "04", "2", [2]int64{2, 8}},
	{"03", "03A01", 5, 6000, "04", "2", [2]int64{1, 6}},
	{"04", "04A01", 1, 12000, "14", "4", [2]int64{2, 8}},
	{"05", "05A01", 1, 8000, "82", "4", [2]int64{1, 2}},
	{"06", "06A02", 6, 4000, "04", "4", [2]int64{2, 12}},
	{"07", "07A01", 9, 7500, "16", "2", [2]int64{1, 4}},
	{"08", "08A01", 10, 1500, "82", "2", [2]int64{2, 10}},
	{"09", "09A01", 1, 3000, "16", "2", [2]int64{1, 2}},
	{"10", "10A01", 1, 5000, "83", "6", [2]int64{500, 5000}},
	{"11", "11A01", 4, 2500, "82", "6", [2]int64{1, 1}},
	{"12", "12A01", 2, 4000, "82", "6", [2]int64{1, 1}},
	{"13", "13A01", 3, 6000, "82", "6", [2]int64{1, 1}},
	{"14", "14A01", 2, 1500, "82", "6", [2]int64{1, 2}},
	{"15", "15A01", 2, 45000, "14", "2", [2]int64{7, 7}},
	{"16", "16A01", 1, 25000, "14", "2", [2]int64{7, 7}},
	{"17", "17A01", 0.3, 10000, "14", "2", [2]int64{1, 7}},
	{"18", "18A01", 0.5, 20000, "14", "2", [2]int64{3, 7}},
}

var jeugdProducts = []product{
	{"45", "45A53", 35, 6000, "04", "4", [2]int64{2, 12}},
	{"54", "54001", 20, 7500, "01", "4", [2]int64{120, 600}},
	{"41", "41A05", 8, 15000, "16", "2", [2]int64{1, 5}},
	{"43", "43A03", 5, 60000, "14", "2", [2]int64{7, 7}},
	{"44", "44A02", 4, 45000, "14", "2", [2]int64{7, 7}},
	{"48", "48A01", 6, 9000, "84", "4", [2]int64{1, 1}},
	{"47", "47A01", 3, 8000, "84", "4", [2]int64{1, 1}},
	{"42", "42A01", 5, 2500, "82", "2", [2]int64{2, 10}},
	{"40", "40A01", 4, 5000, "04", "2", [2]int64{1, 5}},
	{"46", "46A01", 2, 8000, "14", "6", [2]int64{3, 14}},
	{"50", "50A01", 4, 12000, "83", "6", [2]int64{2000, 20000}},
	{"51", "51A01", 4, 1200, "82", "6", [2]int64{1, 1}},
}

// gen is one generation's state.
type gen struct {
	o       *Output
	r       *rand.Rand
	scale   float64
	nextBSN int
	numbers map[koers.Law]int
	ids     map[string]int
	areas   []string
	wmoProv []int // provider indexes by law, weighted by position
	jProv   []int
}

// Generate builds a register for opts.
func Generate(opts Options) (*Output, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	g := &gen{
		o:       &Output{Options: opts},
		r:       rand.New(rand.NewPCG(opts.Seed, 0x6b6f657273)),
		scale:   float64(opts.Inhabitants) / base,
		nextBSN: 999999999,
		numbers: map[koers.Law]int{},
		ids:     map[string]int{},
	}
	// Leiderdorp has three postcode areas; a region has one for about
	// every 9,000 inhabitants.
	for i := range max(3, opts.Inhabitants/9000) {
		g.areas = append(g.areas, fmt.Sprint(2351+i%7000))
	}
	g.providers()
	g.wmo()
	g.jeugd()
	g.benefits()
	g.work()
	g.ceilings()
	g.populations()
	return g.o, nil
}

// Dates.
func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
func jan1(y int) time.Time                      { return date(y, 1, 1) }
func dec31(y int) time.Time                     { return date(y, 12, 31) }
func days(n int) time.Duration                  { return time.Duration(n) * 24 * time.Hour }

func (g *gen) first() time.Time { return jan1(g.o.Options.From) }
func (g *gen) last() time.Time  { return dec31(g.o.Options.To) }

// dayIn is a random day in year y.
func (g *gen) dayIn(y int) time.Time { return jan1(y).Add(days(g.r.IntN(365))) }

// between is a random day in [a, b].
func (g *gen) between(a, b time.Time) time.Time {
	n := int(b.Sub(a).Hours() / 24)
	if n <= 0 {
		return a
	}
	return a.Add(days(g.r.IntN(n + 1)))
}

// duration is an exponential duration with the mean in years, at least a month.
func (g *gen) duration(mean float64) time.Duration {
	return days(30 + int(g.r.ExpFloat64()*mean*365))
}

// poisson draws a count with mean m (a normal approximation for large m).
func (g *gen) poisson(m float64) int {
	if m <= 0 {
		return 0
	}
	if m > 50 {
		return max(0, int(math.Round(m+g.r.NormFloat64()*math.Sqrt(m))))
	}
	l, k, p := math.Exp(-m), 0, 1.0
	for {
		p *= g.r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// bsn is the next synthetic BSN: counted down, elfproef passed.
func (g *gen) bsn() string {
	for {
		n := g.nextBSN
		g.nextBSN--
		s := fmt.Sprintf("%09d", n)
		sum := 0
		for i := 0; i < 8; i++ {
			sum += int(s[i]-'0') * (9 - i)
		}
		if (sum-int(s[8]-'0'))%11 == 0 {
			return s
		}
	}
}

// person adds a person aged between minAge and maxAge on day at.
func (g *gen) person(at time.Time, minAge, maxAge int, female float64) int {
	age := minAge + g.r.IntN(maxAge-minAge+1)
	birth := at.AddDate(-age, 0, -g.r.IntN(365))
	sex := "1"
	if g.r.Float64() < female {
		sex = "2"
	}
	pc := g.areas[g.r.IntN(len(g.areas))] + string(rune('A'+g.r.IntN(26))) + string(rune('A'+g.r.IntN(26)))
	g.o.Persons = append(g.o.Persons, Person{BSN: g.bsn(), Birth: birth, Sex: sex, Postcode: pc})
	return len(g.o.Persons) - 1
}

// id is the next identifier of a source system, e.g. "MEL-000123".
func (g *gen) id(prefix string) string {
	g.ids[prefix]++
	return fmt.Sprintf("%s-%06d", prefix, g.ids[prefix])
}

var providerNames = []string{"De Linde", "Het Anker", "Rijnzicht", "De Horizon", "Zonnehof", "Het Baken", "De Vaart", "Groenoord",
	"De Bron", "Leythenrode", "Het Kompas", "De Boog", "Morskwartier", "De Houtkamp", "Oude Dijk", "Het Palet"}

func (g *gen) providers() {
	n := func(basis, per int) int { return basis + g.o.Options.Inhabitants/per }
	add := func(prefix string, law koers.Law, count int) []int {
		var idx []int
		for i := range count {
			agb := fmt.Sprintf("%s%04d", prefix, i+1)
			name := providerNames[i%len(providerNames)]
			if i >= len(providerNames) {
				name += fmt.Sprintf(" %d", i/len(providerNames)+1)
			}
			kind := "Zorg"
			if law == koers.Jeugdwet {
				kind = "Jeugdhulp"
			}
			g.o.Providers = append(g.o.Providers, koers.Provider{AGB: agb, Name: kind + " " + name})
			idx = append(idx, len(g.o.Providers)-1)
		}
		return idx
	}
	g.wmoProv = add("9810", koers.Wmo, min(n(6, 25000), 9999))
	g.jProv = add("9820", koers.Jeugdwet, min(n(9, 20000), 9999))
}

// pick chooses an index with weights w.
func (g *gen) pick(w func(int) float64, n int) int {
	total := 0.0
	for i := range n {
		total += w(i)
	}
	x := g.r.Float64() * total
	for i := range n {
		x -= w(i)
		if x < 0 {
			return i
		}
	}
	return n - 1
}

// provider chooses a provider: a few large ones, many small.
func (g *gen) provider(list []int) int {
	return list[g.pick(func(i int) float64 { return 1 / float64(i+1) }, len(list))]
}

// spell is a period of support of one person under a law.
type spell struct {
	person     int
	start, end time.Time // end after the last year: still running
}

// spells makes the spells of a stock kept by inflow and mean duration:
// those running on 1 January of the first year, and those starting after.
func (g *gen) spells(inflow, duration float64, newPerson func(at time.Time) int) []spell {
	var out []spell
	stock := g.poisson(inflow * duration * g.scale)
	for range stock {
		// Begun before the first year, at most fifteen years before: the
		// tail of the draw otherwise reached back to clients of 97 born
		// before 1900 (koers.MinYear) at a million inhabitants. From 2015
		// on, the oldest are born in 1902.
		start := g.first().Add(-min(g.duration(duration*1.5), days(15*365)))
		out = append(out, spell{person: newPerson(start), start: start, end: g.first().Add(g.duration(duration))})
	}
	for y := g.o.Options.From; y <= g.o.Options.To; y++ {
		for range g.poisson(inflow * g.scale) {
			start := g.dayIn(y)
			out = append(out, spell{person: newPerson(start), start: start, end: start.Add(g.duration(duration))})
		}
	}
	return out
}

// assign turns a spell into yearly assignments of products.
func (g *gen) assign(law koers.Law, s spell, products []product, providers []int, reasons func() string) {
	n := 1
	if g.r.Float64() < 0.25 {
		n = 2
	}
	seen := map[string]bool{}
	for range n {
		p := products[g.pick(func(i int) float64 { return products[i].weight }, len(products))]
		if seen[p.category] {
			continue
		}
		seen[p.category] = true
		prov := g.provider(providers)
		volume := p.volume[0] + g.r.Int64N(p.volume[1]-p.volume[0]+1)
		yearly := p.yearly * (0.6 + 0.8*g.r.Float64())
		from, careStart := s.start, s.start.Add(days(g.r.IntN(10)))
		if from.Before(g.first()) {
			from, careStart = g.first(), g.first() // running already: the year's assignment starts it again
		}
		for y := from.Year(); y <= g.o.Options.To && !from.After(s.end); y++ {
			end := dec31(y)
			a := Assignment{Law: law, Person: s.person, Category: p.category, Product: p.code, Provider: prov,
				Start: from, End: end, Volume: volume, Unit: p.unit, Freq: p.freq}
			g.numbers[law]++
			a.Number = g.numbers[law]
			if from.Equal(s.start) {
				a.Assigned = from.Add(-days(1 + g.r.IntN(14)))
			} else {
				a.Assigned = date(y-1, 12, 10+g.r.IntN(10))
			}
			a.CareStart = careStart
			if a.CareStart.After(end) {
				a.CareStart = end
			}
			if a.Number%correctedEvery == 0 {
				// The provider reported the start one to five weeks too
				// early (not before the Ingangsdatum), or else too late,
				// then withdrew it; from the assignment's number, so
				// that the random stream stays as it was.
				weeks := 1 + (a.Number/correctedEvery)%5
				a.WrongStart = a.CareStart.AddDate(0, 0, -7*weeks)
				if a.WrongStart.Before(a.Start) {
					a.WrongStart = a.CareStart.AddDate(0, 0, 7*weeks)
				}
				if a.WrongStart.After(end) {
					a.WrongStart = time.Time{}
				}
			}
			if !s.end.After(end) {
				a.Stop, a.StopReason = s.end, reasons()
				if a.Stop.Before(a.CareStart) {
					a.Stop = a.CareStart
				}
			}
			span := a.End.Sub(a.Start).Hours()/24 + 1
			a.Budget = koers.Money(math.Round(yearly * span / 365 * 100))
			g.o.Assignments = append(g.o.Assignments, a)
			from, careStart = jan1(y+1), jan1(y+1)
		}
	}
}

func (g *gen) wmo() {
	spells := g.spells(wmoInflow, wmoDuration, func(at time.Time) int {
		if g.r.Float64() < 0.8 {
			return g.person(at, 67, 97, 0.62)
		}
		return g.person(at, 20, 66, 0.5)
	})
	for _, s := range spells {
		elderly := s.start.Year()-g.o.Persons[s.person].Birth.Year() >= 67
		g.assign(koers.Wmo, s, wmoProducts, g.wmoProv, func() string {
			if elderly && g.r.Float64() < 0.35 {
				return "02" // overlijden
			}
			return []string{"19", "19", "23", "21", "31", "38"}[g.r.IntN(6)]
		})
		// A maatwerkvoorziening starts with a melding and an onderzoek.
		if s.start.Year() >= g.o.Options.From {
			g.melding(s.person, s.start)
		}
	}
	// Meldingen that lead to no maatwerkvoorziening.
	for y := g.o.Options.From; y <= g.o.Options.To; y++ {
		for range g.poisson(wmoInflow * extraMeldingen * g.scale) {
			at := g.dayIn(y)
			g.melding(g.person(at, 30, 95, 0.6), at.Add(days(60)))
		}
	}
	// The client experience survey: a quarter of the year's clients
	// answer, about 85% "goed".
	for y := g.o.Options.From; y <= g.o.Options.To; y++ {
		good := 0.82 + 0.06*g.r.Float64()
		from, to := jan1(y), dec31(y)
		var clients []int
		seen := map[int]bool{}
		for _, s := range spells {
			if !s.start.After(to) && !s.end.Before(from) && !seen[s.person] {
				seen[s.person] = true
				clients = append(clients, s.person)
			}
		}
		for _, p := range clients {
			if g.r.Float64() >= surveyShare {
				continue
			}
			outcome := "goed"
			if x := g.r.Float64(); x >= good {
				outcome = "neutraal"
				if x >= good+(1-good)/2 {
					outcome = "niet_goed"
				}
			}
			g.o.Registrations = append(g.o.Registrations, Registration{Kind: koers.Clientervaring, ID: g.id("CEO"), Person: p,
				Date: date(y, 10, 1).Add(days(g.r.IntN(60))), Outcome: outcome})
		}
	}
}

// melding registers a melding and its onderzoek before a start.
func (g *gen) melding(person int, start time.Time) {
	m := start.Add(-days(35 + g.r.IntN(45)))
	if m.Year() < g.o.Options.From {
		m = g.first()
	}
	g.o.Registrations = append(g.o.Registrations, Registration{Kind: koers.Melding, ID: g.id("MEL"), Person: person, Date: m})
	o := m.Add(days(g.r.IntN(7)))
	took := 14 + g.r.IntN(29) // within the six weeks
	if g.r.Float64() < 0.2 {
		took = 43 + g.r.IntN(40)
	}
	end := o.Add(days(took))
	if end.After(g.last()) {
		end = time.Time{} // still open at the end of the data
	}
	g.o.Registrations = append(g.o.Registrations, Registration{Kind: koers.Onderzoek, ID: g.id("OND"), Person: person, Date: o, End: end})
}

func (g *gen) jeugd() {
	spells := g.spells(jeugdInflow, jeugdDuration, func(at time.Time) int {
		if g.r.Float64() < 0.9 {
			return g.person(at, 0, 17, 0.45)
		}
		return g.person(at, 18, 22, 0.5)
	})
	byYear := map[int][]int{}
	for _, s := range spells {
		g.assign(koers.Jeugdwet, s, jeugdProducts, g.jProv, func() string {
			return []string{"31", "31", "31", "32", "33", "34", "38", "39"}[g.r.IntN(8)]
		})
		for y := max(s.start.Year(), g.o.Options.From); y <= min(s.end.Year(), g.o.Options.To); y++ {
			byYear[y] = append(byYear[y], s.person)
		}
	}
	for y := g.o.Options.From; y <= g.o.Options.To; y++ {
		young := func() int {
			if list := byYear[y]; len(list) > 0 && g.r.Float64() < 0.6 {
				return list[g.r.IntN(len(list))]
			}
			return g.person(jan1(y), 0, 17, 0.45)
		}
		for range g.poisson(jeugdteamRate * (0.9 + 0.2*g.r.Float64()) * g.scale) {
			g.o.Registrations = append(g.o.Registrations, Registration{Kind: koers.JeugdteamAanmeld, ID: g.id("JT"), Person: young(), Date: g.dayIn(y)})
		}
		for range g.poisson(jbtRate * g.scale) {
			g.o.Registrations = append(g.o.Registrations, Registration{Kind: koers.JBTMelding, ID: g.id("JBT"), Person: young(), Date: g.dayIn(y)})
		}
		for range g.poisson(geslotenRate * g.scale) {
			at := g.dayIn(y)
			end := at.Add(days(60 + g.r.IntN(240)))
			if end.After(g.last()) {
				end = time.Time{}
			}
			g.o.Registrations = append(g.o.Registrations, Registration{Kind: koers.GeslotenPlaatsing, ID: g.id("GP"),
				Person: g.person(at, 12, 17, 0.4), Date: at, End: end})
		}
	}
}

func (g *gen) benefits() {
	for _, s := range g.spells(benefitStock/benefitYears, benefitYears, func(at time.Time) int { return g.person(at, 18, 64, 0.52) }) {
		b := Benefit{ID: g.id("PW"), Person: s.person, Start: s.start}
		if !s.end.After(g.last()) {
			b.End = s.end
		}
		g.o.Benefits = append(g.o.Benefits, b)
	}
}

func (g *gen) work() {
	// Wsw: no new workers since 2015; the stock shrinks as they retire
	// or leave. About 30% are placed outside.
	for range g.poisson(wswStock * g.scale) {
		start := date(1985+g.r.IntN(30), time.Month(1+g.r.IntN(12)), 1)
		p := g.person(start, 18, 45, 0.35)
		retire := g.o.Persons[p].Birth.AddDate(67, 0, 0)
		leave := g.first().Add(g.duration(25))
		end := retire
		if leave.Before(end) {
			end = leave
		}
		if end.Before(g.first()) {
			end = g.first().Add(days(g.r.IntN(365)))
		}
		pl := koers.BeschutBinnen
		switch x := g.r.Float64(); {
		case x < 0.2:
			pl = koers.Detachering
		case x < 0.3:
			pl = koers.BegeleidWerken
		}
		w := Work{ID: g.id("WSW"), Person: p, Placement: pl, Start: start}
		if !end.After(g.last()) {
			w.End = end
		}
		g.o.Work = append(g.o.Work, w)
	}
	// Beschut werk: a few new places a year since 2015, counted
	// cumulatively.
	for y := min(2015, g.o.Options.From); y <= g.o.Options.To; y++ {
		for range g.poisson(beschutRate * g.scale) {
			at := g.dayIn(y)
			w := Work{ID: g.id("BW"), Person: g.person(at, 18, 55, 0.4), Placement: koers.NieuwBeschut, Start: at}
			if end := at.Add(g.duration(6)); !end.After(g.last()) {
				w.End = end
			}
			g.o.Work = append(g.o.Work, w)
		}
	}
}

// ceilings sets a budget ceiling per provider and year over what it was
// assigned: mostly with room, for about one in five near or over it.
func (g *gen) ceilings() {
	used := map[[2]int]koers.Money{}
	for _, a := range g.o.Assignments {
		used[[2]int{a.Provider, a.Start.Year()}] += a.Budget
	}
	for p := range g.o.Providers {
		for y := g.o.Options.From; y <= g.o.Options.To; y++ {
			u := used[[2]int{p, y}]
			f := 1.05 + 0.3*g.r.Float64()
			if g.r.Float64() < 0.2 {
				f = 0.9 + 0.12*g.r.Float64()
			}
			amount := koers.Money(math.Ceil(float64(u)*f/100_000)) * 100_000 // whole thousands of euros
			if amount == 0 {
				amount = 1000_00 * 10
			}
			warn := 90
			if g.r.Float64() < 0.3 {
				warn = 85
			}
			g.o.Ceilings = append(g.o.Ceilings, koers.Ceiling{Provider: g.o.Providers[p].AGB, Year: y, Amount: amount, WarnAt: warn})
		}
	}
}

func (g *gen) populations() {
	o := g.o.Options
	for y := o.From; y <= o.To; y++ {
		n := math.Round(float64(o.Inhabitants) * (1 + 0.004*float64(y-o.To)))
		young := math.Round(n * (youngShare + 0.002*float64(o.To-y)))
		g.o.Populations = append(g.o.Populations, koers.Population{Key: "inwoners", Year: y, Count: int64(n)},
			koers.Population{Key: "inwoners-0-17", Year: y, Count: int64(young)})
	}
}

// Pseudonymiser turns a BSN into a pseudonym (register.Keyer is one).
type Pseudonymiser interface {
	Pseudonym(bsn string) (koers.Pseudonym, error)
}

// Batch gives the register as one batch, pseudonymised with p, as an
// import of all of WriteDir's files would.
func (o *Output) Batch(p Pseudonymiser) (*koers.RegisterBatch, error) {
	b := &koers.RegisterBatch{Providers: slices.Clone(o.Providers), Ceilings: slices.Clone(o.Ceilings), Populations: slices.Clone(o.Populations)}
	b.Clients = make([]koers.Client, 0, len(o.Persons))
	b.Assignments = make([]koers.Assignment, 0, len(o.Assignments))
	b.Care = make([]koers.CareEvent, 0, o.Messages()-len(o.Assignments))
	b.Registrations = make([]koers.Registration, 0, len(o.Registrations))
	pseudonyms := make([]koers.Pseudonym, len(o.Persons))
	client := func(i int) (koers.Pseudonym, error) {
		if pseudonyms[i] != "" {
			return pseudonyms[i], nil
		}
		ps, err := p.Pseudonym(o.Persons[i].BSN)
		if err != nil {
			return "", err
		}
		pseudonyms[i] = ps
		per := o.Persons[i]
		b.Clients = append(b.Clients, koers.Client{Pseudonym: ps, BirthYear: per.Birth.Year(), Sex: per.Sex, Area: per.Area()})
		return ps, nil
	}
	for _, a := range o.Assignments {
		c, err := client(a.Person)
		if err != nil {
			return nil, err
		}
		msg := fmt.Sprintf("%s/%d", o.Options.Municipality, a.Number)
		b.Assignments = append(b.Assignments, koers.Assignment{Law: a.Law, Number: fmt.Sprint(a.Number), Client: c, Category: a.Category,
			Product: a.Product, Delivery: koers.InKind, Provider: o.Providers[a.Provider].AGB, Start: a.Start, End: a.End,
			Volume: a.Volume, Unit: a.Unit, Frequency: a.Freq, Budget: a.Budget, Message: msg})
		if !a.WrongStart.IsZero() {
			wrong := koers.CareEvent{Law: a.Law, Assignment: fmt.Sprint(a.Number), Kind: koers.CareStart, Date: a.WrongStart, Message: msg}
			withdrawn := wrong
			withdrawn.Withdrawn = true
			b.Care = append(b.Care, wrong, withdrawn)
		}
		if !a.CareStart.IsZero() {
			b.Care = append(b.Care, koers.CareEvent{Law: a.Law, Assignment: fmt.Sprint(a.Number), Kind: koers.CareStart, Date: a.CareStart, Message: msg})
		}
		if !a.Stop.IsZero() {
			b.Care = append(b.Care, koers.CareEvent{Law: a.Law, Assignment: fmt.Sprint(a.Number), Kind: koers.CareStop, Date: a.Stop, Reason: a.StopReason, Message: msg})
		}
	}
	for _, r := range o.Registrations {
		c, err := client(r.Person)
		if err != nil {
			return nil, err
		}
		b.Registrations = append(b.Registrations, koers.Registration{Kind: r.Kind, ID: r.ID, Client: c, Date: r.Date, End: r.End, Outcome: r.Outcome})
	}
	for _, x := range o.Benefits {
		c, err := client(x.Person)
		if err != nil {
			return nil, err
		}
		b.Benefits = append(b.Benefits, koers.Benefit{ID: x.ID, Client: c, Start: x.Start, End: x.End})
	}
	for _, w := range o.Work {
		c, err := client(w.Person)
		if err != nil {
			return nil, err
		}
		b.Work = append(b.Work, koers.Work{ID: w.ID, Client: c, Placement: w.Placement, Start: w.Start, End: w.End})
	}
	return b, nil
}

// GenerateBatch generates a register for opts and gives it as one batch,
// pseudonymised with p, without writing a file: for tests and benchmarks.
func GenerateBatch(opts Options, p Pseudonymiser) (*koers.RegisterBatch, error) {
	out, err := Generate(opts)
	if err != nil {
		return nil, err
	}
	return out.Batch(p)
}
