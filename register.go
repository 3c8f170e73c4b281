package koers

import (
	"context"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"time"
)

// The social-domain register: the support the municipality gives (Wmo,
// Jeugdwet, Participatiewet) as the facts its indicators are counted from.
// It is kept apart from the publication: its own tables, reached only
// through a Register, which no part of the public site holds. Clients are
// pseudonyms: the BSN is replaced on import by a keyed hash, and nothing
// else that names a person is kept. Only aggregates leave the register
// (ComputedValue), with small numbers suppressed.

// Law is the law support is given under.
type Law string

const (
	Wmo             Law = "wmo"
	Jeugdwet        Law = "jeugdwet"
	Participatiewet Law = "participatiewet"
)

// Pseudonym stands for a client: a keyed hash of the BSN (hex), the same
// for the same BSN and key, and useless without the key.
type Pseudonym string

var pseudonymPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// Valid reports whether p has the form of a pseudonym (never a BSN).
func (p Pseudonym) Valid() bool { return pseudonymPattern.MatchString(string(p)) }

// Client is what the register keeps of a person: what counting needs.
type Client struct {
	Pseudonym Pseudonym
	BirthYear int    // 0 when unknown
	Sex       string // iStandaard code: 0 unknown, 1 man, 2 vrouw, 9 not stated
	Area      string // the municipality's wijk, or the four digits of the postcode
}

// Delivery is how a maatwerkvoorziening is provided.
type Delivery string

const (
	InKind Delivery = "natura" // in natura: by a contracted provider
	PGB    Delivery = "pgb"    // persoonsgebonden budget
)

// Assignment is a toewijzing (iWmo/iJw 301): one product assigned to a
// client and a provider for a period.
type Assignment struct {
	Law          Law
	Number       string // ToewijzingNummer, unique per law and organisation
	Client       Pseudonym
	Category     string // productcategorie (WMO020 / JZ020)
	Product      string // productcode, may be empty (a category-wide assignment)
	Delivery     Delivery
	Provider     string    // AGB code
	Start        time.Time // Ingangsdatum
	End          time.Time // Einddatum; zero while open
	Volume       int64     // Omvang: volume per frequency
	Unit         string    // WJ756 eenheid
	Frequency    string    // WMO757 frequentie
	Budget       Money     // the assignment's budget, zero when not given
	ChangeReason string    // RedenWijziging (JZ002 / WMO002), empty for none
	Message      string    // the message it came in: sender, identification, date
}

// CareKind is what a provider reports about the care of an assignment.
type CareKind string

const (
	CareStart CareKind = "start" // 305
	CareStop  CareKind = "stop"  // 307
)

// CareEvent is a start (305) or stop (307) of care under an assignment.
// A stop may arrive before its start; counting does not mind.
//
// A withdrawn event (StatusAanlevering 3, "verwijderen") takes back a
// report of the start or stop of the same assignment, kind and date. A
// provider corrects a report by withdrawing it and reporting again, often
// with the same date and another reason or product; the files come in any
// order. So a start or stop counts when more messages report it than
// withdraw it, each message once (Message names it): reported, withdrawn
// and reported again, it counts; withdrawn before the report arrives, it
// does not.
type CareEvent struct {
	Law        Law
	Assignment string // ToewijzingNummer
	Kind       CareKind
	Date       time.Time
	Reason     string // RedenBeeindiging (stop), empty otherwise
	Message    string
	Withdrawn  bool
}

// RegistrationKind names a registration no message carries, kept locally.
type RegistrationKind string

const (
	Melding           RegistrationKind = "melding"            // Wmo: a request for support
	Onderzoek         RegistrationKind = "onderzoek"          // Wmo: the investigation, six weeks by law
	JeugdteamAanmeld  RegistrationKind = "jeugdteam"          // Jeugdteam registration
	JBTMelding        RegistrationKind = "jbt"                // a case raised at the Jeugdbeschermingstafel
	GeslotenPlaatsing RegistrationKind = "gesloten_plaatsing" // closed youth placement (JZ020 37, from 2023 taakveld 6.74c)
	Clientervaring    RegistrationKind = "clientervaring"     // an answer to the Wmo client experience survey
)

// RegistrationKinds lists the kinds in the order the CSV format names them.
var RegistrationKinds = []RegistrationKind{Melding, Onderzoek, JeugdteamAanmeld, JBTMelding, GeslotenPlaatsing, Clientervaring}

// Registration is one local registration: a melding, an onderzoek, a
// Jeugdteam registration, a JBT case, a closed placement or a survey
// answer.
type Registration struct {
	Kind    RegistrationKind
	ID      string // the source system's identifier, unique per kind
	Client  Pseudonym
	Date    time.Time // registered, started
	End     time.Time // onderzoek: finished; placement: ended; zero when open
	Outcome string    // clientervaring: "goed" or another judgement; free otherwise
}

// SixWeeks is the legal term of a Wmo onderzoek, from melding to outcome.
const SixWeeks = 42 * 24 * time.Hour

// InTerm reports whether an onderzoek finished within the legal term.
func (r Registration) InTerm() bool {
	return !r.End.IsZero() && !r.End.After(r.Date.Add(SixWeeks))
}

// Benefit is a Participatiewet benefit (bijstandsuitkering).
type Benefit struct {
	ID     string
	Client Pseudonym
	Start  time.Time
	End    time.Time // zero while running
}

// Placement is how a Wsw worker works, or a beschut werk place.
type Placement string

const (
	BeschutBinnen  Placement = "beschut_binnen"  // Wsw: sheltered, inside the company
	Detachering    Placement = "detachering"     // Wsw: seconded to an employer
	BegeleidWerken Placement = "begeleid_werken" // Wsw: with an ordinary employer, supported
	NieuwBeschut   Placement = "beschut_werk"    // Participatiewet: a new beschut werk place (since 2015)
)

// Placements lists every placement, in the order the CSV format names them.
var Placements = []Placement{BeschutBinnen, Detachering, BegeleidWerken, NieuwBeschut}

// Outside reports whether a Wsw placement counts as "buiten geplaatst".
func (p Placement) Outside() bool { return p == Detachering || p == BegeleidWerken }

// Work is a Wsw worker's placement or a beschut werk place, for a period.
type Work struct {
	ID        string
	Client    Pseudonym
	Placement Placement
	Start     time.Time
	End       time.Time // zero while running
}

// Provider is a care provider, known by its AGB code.
type Provider struct {
	AGB  string
	Name string
}

// Ceiling is a provider's budget ceiling (budgetplafond) for a year: what
// the municipality contracted at most.
type Ceiling struct {
	Provider string // AGB code
	Year     int
	Amount   Money
	WarnAt   int // percentage of the ceiling at which the back office warns
}

// Population is an imported figure of inhabitants (CBS), the denominator of
// a percentage: e.g. "inwoners-0-17" on 1 January of a year.
type Population struct {
	Key   string
	Year  int
	Count int64
}

// RegisterBatch is what one import adds: everything in it is written, or
// nothing.
type RegisterBatch struct {
	Clients       []Client
	Assignments   []Assignment
	Care          []CareEvent
	Registrations []Registration
	Benefits      []Benefit
	Work          []Work
	Providers     []Provider
	Ceilings      []Ceiling
	Populations   []Population
}

// Len is the number of facts in b.
func (b *RegisterBatch) Len() int {
	return len(b.Clients) + len(b.Assignments) + len(b.Care) + len(b.Registrations) + len(b.Benefits) +
		len(b.Work) + len(b.Providers) + len(b.Ceilings) + len(b.Populations)
}

// Add appends o's facts to b, in order: imported together, later facts
// of a client or a key win. A message names its provider by the AGB code
// alone, the providers' CSV file also by name: a nameless mention keeps
// a name b has.
func (b *RegisterBatch) Add(o *RegisterBatch) {
	b.Clients = append(b.Clients, o.Clients...)
	b.Assignments = append(b.Assignments, o.Assignments...)
	b.Care = append(b.Care, o.Care...)
	b.Registrations = append(b.Registrations, o.Registrations...)
	b.Benefits = append(b.Benefits, o.Benefits...)
	b.Work = append(b.Work, o.Work...)
	for _, p := range o.Providers {
		i := slices.IndexFunc(b.Providers, func(q Provider) bool { return q.AGB == p.AGB })
		switch {
		case i < 0:
			b.Providers = append(b.Providers, p)
		case p.Name != "":
			b.Providers[i] = p
		}
	}
	b.Ceilings = append(b.Ceilings, o.Ceilings...)
	b.Populations = append(b.Populations, o.Populations...)
}

// ImportResult says what an import did: facts new to the register, and
// facts it already held (the same message twice counts once).
type ImportResult struct {
	Added, Known int
}

// Register is the register's store. Every method works in one transaction
// or one snapshot; client-level reads are audited by the caller through
// the actor in ctx.
type Register interface {
	// Import writes a batch for an organisation: all of it or nothing.
	// Facts it holds already (by number, ID, or message) are skipped.
	Import(ctx context.Context, orgID int64, b *RegisterBatch) (ImportResult, error)
	// ImportAll writes the batches in one transaction, as they come: all
	// of them or nothing. An error from batches, or a problem in one of
	// them, leaves the register as it was.
	ImportAll(ctx context.Context, orgID int64, batches iter.Seq2[*RegisterBatch, error]) (ImportResult, error)
	// Count evaluates rule for each year in years, in the order of years.
	// Only aggregates leave.
	Count(ctx context.Context, orgID int64, rule *CountRule, years []int) ([]Tally, error)
	// CountAll counts every rule as Count does, all in one snapshot, so
	// that the figures of one computation agree; out[i] is rules[i]'s.
	CountAll(ctx context.Context, orgID int64, rules []CountRule, years []int) ([][]Tally, error)
	// Ceilings reports per provider and year what was assigned against
	// the ceiling.
	CeilingUse(ctx context.Context, orgID int64, year int) ([]CeilingUse, error)
	// Forget deletes client-level data that ended before cutoff: the
	// retention period has passed.
	Forget(ctx context.Context, orgID int64, cutoff time.Time) (int, error)
}

// ComputedValues keeps, on the publication side, what the register
// computed: aggregates only, suppressed where small. Saving a year again
// replaces that year's value.
type ComputedValues interface {
	SaveComputed(ctx context.Context, orgID int64, values []ComputedValue) error
}

// Tally is the result of a rule for one year, before suppression: the
// numerator, and the denominator of a percentage (0 for a count).
type Tally struct {
	Year        int
	Numerator   int64
	Denominator int64
	// Parts breaks the numerator down, when the rule asks for it (by wijk
	// or product category), in the order of their names.
	Parts []TallyPart
}

// TallyPart is one part of a tally's breakdown.
type TallyPart struct {
	Name  string
	Count int64
}

// CeilingUse is what a provider was assigned in a year against its
// ceiling: the assignments' budgets that fall in the year.
type CeilingUse struct {
	Provider    Provider
	Year        int
	Ceiling     Money // zero when none is set
	WarnAt      int
	Assigned    Money
	Assignments int
	Clients     int
}

// Percent is the part of the ceiling assigned, in whole percents (0 when
// there is no ceiling).
func (c CeilingUse) Percent() int {
	if c.Ceiling <= 0 {
		return 0
	}
	return int(int64(c.Assigned) * 100 / int64(c.Ceiling))
}

// Warn reports whether the assigned amount reached the warning level.
func (c CeilingUse) Warn() bool {
	return c.Ceiling > 0 && c.WarnAt > 0 && c.Percent() >= c.WarnAt
}

// Over reports whether the assigned amount passed the ceiling.
func (c CeilingUse) Over() bool { return c.Ceiling > 0 && c.Assigned > c.Ceiling }

// agbPattern: an AGB code is eight digits.
var agbPattern = regexp.MustCompile(`^[0-9]{8}$`)

// Validate checks an assignment before it is stored.
func (a *Assignment) Validate() error {
	var ps Problems
	at := func(field, format string, args ...any) {
		ps = append(ps, Problem{Path: []any{field}, Message: fmt.Sprintf(format, args...)})
	}
	if a.Law != Wmo && a.Law != Jeugdwet {
		at("law", "Onbekende wet %q: een toewijzing valt onder de Wmo of de Jeugdwet.", a.Law)
	}
	if a.Number == "" {
		at("number", "Het toewijzingnummer ontbreekt.")
	}
	if !a.Client.Valid() {
		at("client", "De cliënt is geen pseudoniem.")
	}
	if !validCategory(a.Law, a.Category) {
		at("category", "Onbekende productcategorie %q.", a.Category)
	}
	if a.Delivery != InKind && a.Delivery != PGB {
		at("delivery", "Onbekende leveringsvorm %q.", a.Delivery)
	}
	if a.Provider != "" && !agbPattern.MatchString(a.Provider) {
		at("provider", "De AGB-code %q heeft geen acht cijfers.", a.Provider)
	}
	if a.Start.IsZero() {
		at("start", "De ingangsdatum ontbreekt.")
	}
	if !a.End.IsZero() && a.End.Before(a.Start) {
		at("end", "De einddatum %s ligt voor de ingangsdatum %s.", a.End.Format(time.DateOnly), a.Start.Format(time.DateOnly))
	}
	if a.Volume < 0 || a.Budget < 0 {
		at("volume", "Omvang en budget zijn niet negatief.")
	}
	return ps.Err("assignment")
}

// Product categories the register knows: WMO020 for the Wmo, JZ020 for
// the Jeugdwet, from the code lists of iStandaarden release 3.2.
var (
	wmoCategories = []string{"01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
		"11", "12", "13", "14", "15", "16", "17", "18"}
	jeugdCategories = []string{"31", "32", "33", "34", "35", "36", "37", "38",
		"40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55"}
)

// Categories lists the product categories of law, in code order.
func Categories(law Law) []string {
	switch law {
	case Wmo:
		return slices.Clone(wmoCategories)
	case Jeugdwet:
		return slices.Clone(jeugdCategories)
	}
	return nil
}

func validCategory(law Law, c string) bool {
	switch law {
	case Wmo:
		return slices.Contains(wmoCategories, c)
	case Jeugdwet:
		return slices.Contains(jeugdCategories, c)
	}
	return false
}
