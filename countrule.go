package koers

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A CountRule says how the register counts one indicator: what is counted
// (Source), whether distinct clients or records (Unit), when (Window), with
// which filters, and for a percentage over what (Denominator). Rules are
// data: declared, versioned (a changed rule is a new version, and every
// computed value names the version it came from), and shown to readers in
// words (Sentence).
type CountRule struct {
	Indicator  string        `json:"indicator"`
	Version    int           `json:"version"`
	Source     RuleSource    `json:"source"`
	Unit       RuleUnit      `json:"unit"`
	Window     RuleWindow    `json:"window"`
	RefDate    string        `json:"ref_date,omitempty"`   // Peildatum: "12-31"
	Since      int           `json:"since,omitempty"`      // Cumulatief: counted from 1 January of this year
	Categories []string      `json:"categories,omitempty"` // assignments: product categories, none for all
	Placements []Placement   `json:"placements,omitempty"` // work: these placements, none for all
	Outcome    string        `json:"outcome,omitempty"`    // registrations: only this outcome
	InTerm     bool          `json:"in_term,omitempty"`    // onderzoeken: only those finished within six weeks
	MinAge     int           `json:"min_age,omitempty"`    // clients at least this old at the end of the year
	MaxAge     int           `json:"max_age,omitempty"`    // clients at most this old at the end of the year; 0 for no bound
	Breakdown  RuleBreakdown `json:"breakdown,omitempty"`
	// Denominator makes the rule a percentage: of a population figure, or
	// of the same count without some of its filters.
	Denominator *Denominator `json:"denominator,omitempty"`
}

// Denominator is what a percentage is a part of: a population figure
// (Population, e.g. "inwoners-0-17"), or another rule's count (Rule).
type Denominator struct {
	Population string     `json:"population,omitempty"`
	Rule       *CountRule `json:"rule,omitempty"`
}

// RuleSource is what a rule counts.
type RuleSource string

const (
	SourceWmo       RuleSource = "wmo"      // Wmo assignments (maatwerkvoorzieningen)
	SourceJeugd     RuleSource = "jeugdwet" // Jeugdwet assignments (jeugdhulp)
	SourceBenefits  RuleSource = "bijstand" // Participatiewet benefits
	SourceWork      RuleSource = "werk"     // Wsw workers and beschut werk places
	SourceMelding   RuleSource = RuleSource(Melding)
	SourceOnderzoek RuleSource = RuleSource(Onderzoek)
	SourceJeugdteam RuleSource = RuleSource(JeugdteamAanmeld)
	SourceJBT       RuleSource = RuleSource(JBTMelding)
	SourceGesloten  RuleSource = RuleSource(GeslotenPlaatsing)
	SourceErvaring  RuleSource = RuleSource(Clientervaring)
)

// Registration reports whether s counts local registrations, and which.
func (s RuleSource) Registration() (RegistrationKind, bool) {
	k := RegistrationKind(s)
	return k, slices.Contains(RegistrationKinds, k)
}

// Law is the law of an assignment source, "" for the others.
func (s RuleSource) Law() Law {
	switch s {
	case SourceWmo:
		return Wmo
	case SourceJeugd:
		return Jeugdwet
	}
	return ""
}

// RuleUnit says whether a rule counts people or records.
type RuleUnit string

const (
	UniqueClients RuleUnit = "clients" // each client once
	Records       RuleUnit = "records" // each assignment, benefit, registration
)

// RuleWindow is when a fact counts for a year.
type RuleWindow string

const (
	// Peildatum: running on the reference date in the year.
	Peildatum RuleWindow = "peildatum"
	// DuringYear: running at any moment in the year.
	DuringYear RuleWindow = "jaar"
	// StartedInYear: started (registered) in the year.
	StartedInYear RuleWindow = "gestart"
	// Cumulatief: started from 1 January of Since up to the end of the
	// year: "cumulatief" means cumulative.
	Cumulatief RuleWindow = "cumulatief"
)

// RuleBreakdown splits a count into parts for the indicator page.
type RuleBreakdown string

const (
	ByArea     RuleBreakdown = "wijk"
	ByCategory RuleBreakdown = "categorie"
)

var (
	refDatePattern = regexp.MustCompile(`^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)
	populationKey  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Validate checks a rule before it is stored or used.
func (r *CountRule) Validate() error { return r.problems().Err("counting rule") }

func (r *CountRule) problems() Problems {
	var ps Problems
	at := func(field, format string, args ...any) {
		ps = append(ps, Problem{Path: []any{field}, Message: fmt.Sprintf(format, args...)})
	}
	if r.Indicator != "" && !slugPattern.MatchString(r.Indicator) {
		at("indicator", "%q is geen indicatorsleutel.", r.Indicator)
	}
	if r.Version < 1 {
		at("version", "Een regel heeft versie 1 of hoger.")
	}
	law := r.Source.Law()
	_, reg := r.Source.Registration()
	if law == "" && !reg && r.Source != SourceBenefits && r.Source != SourceWork {
		at("source", "Onbekende bron %q.", r.Source)
	}
	if r.Unit != UniqueClients && r.Unit != Records {
		at("unit", "Tel unieke cliënten (clients) of records (records), niet %q.", r.Unit)
	}
	switch r.Window {
	case Peildatum:
		if _, err := time.Parse("2006-01-02", "2001-"+r.RefDate); !refDatePattern.MatchString(r.RefDate) || err != nil {
			at("ref_date", "De peildatum %q is geen dag van het jaar (MM-DD).", r.RefDate)
		}
	case DuringYear, StartedInYear:
	case Cumulatief:
		if r.Since < MinYear || r.Since > MaxYear {
			at("since", "Een cumulatieve telling begint in een jaar (since), niet %d.", r.Since)
		}
	default:
		at("window", "Onbekend telvenster %q.", r.Window)
	}
	if r.Window != Peildatum && r.RefDate != "" {
		at("ref_date", "Alleen een telling op peildatum heeft een peildatum.")
	}
	if r.Window != Cumulatief && r.Since != 0 {
		at("since", "Alleen een cumulatieve telling heeft een beginjaar.")
	}
	for _, c := range r.Categories {
		if law == "" || !validCategory(law, c) {
			at("categories", "Productcategorie %q hoort niet bij de bron %q.", c, r.Source)
		}
	}
	for _, p := range r.Placements {
		if r.Source != SourceWork || !slices.Contains(Placements, p) {
			at("placements", "Plaatsing %q hoort niet bij de bron %q.", p, r.Source)
		}
	}
	if r.Outcome != "" && !reg {
		at("outcome", "Alleen registraties hebben een uitkomst.")
	}
	if r.InTerm && r.Source != SourceOnderzoek {
		at("in_term", "Alleen Wmo-onderzoeken hebben een wettelijke termijn.")
	}
	if r.MinAge < 0 || r.MaxAge < 0 || r.MinAge > 150 || r.MaxAge > 150 || (r.MaxAge > 0 && r.MaxAge < r.MinAge) {
		at("max_age", "De leeftijdsgrenzen %d–%d kloppen niet.", r.MinAge, r.MaxAge)
	}
	switch r.Breakdown {
	case "", ByArea:
	case ByCategory:
		if law == "" {
			at("breakdown", "Alleen toewijzingen zijn uit te splitsen naar productcategorie.")
		}
	default:
		at("breakdown", "Onbekende uitsplitsing %q.", r.Breakdown)
	}
	if d := r.Denominator; d != nil {
		switch {
		case (d.Population == "") == (d.Rule == nil):
			at("denominator", "Een percentage is van een bevolkingsaantal (population) of van een andere telling (rule), van één van beide.")
		case d.Population != "" && !populationKey.MatchString(d.Population):
			at("denominator", "%q is geen sleutel van een bevolkingsaantal.", d.Population)
		case d.Rule != nil:
			if d.Rule.Denominator != nil {
				at("denominator", "De noemer van een percentage is zelf geen percentage.")
			}
			sub := *d.Rule
			sub.Version = max(sub.Version, 1)
			ps = append(ps, sub.problems().Prefix("denominator", "rule")...)
		}
	}
	return ps
}

// slugPattern is an indicator key.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Percentage reports whether the rule computes a percentage.
func (r *CountRule) Percentage() bool { return r.Denominator != nil }

// Period is the first and last day a fact counts in for year, under the
// rule's window (both inclusive).
func (r *CountRule) Period(year int) (from, to time.Time) {
	end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	switch r.Window {
	case Peildatum:
		m, _ := strconv.Atoi(r.RefDate[:2])
		d, _ := strconv.Atoi(r.RefDate[3:])
		day := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		return day, day
	case Cumulatief:
		return time.Date(r.Since, 1, 1, 0, 0, 0, 0, time.UTC), end
	}
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), end
}

// Sentence is the rule in words, as the indicator page shows it: "Aantal
// unieke inwoners met ten minste één lopende Wmo-maatwerkvoorziening
// (categorieën 01–08, 10) op enig moment in het jaar".
func (r *CountRule) Sentence() string {
	var b strings.Builder
	if r.Percentage() {
		b.WriteString("Percentage: ")
	}
	b.WriteString(r.subject())
	if len(r.Categories) > 0 {
		word := "categorie"
		if len(r.Categories) > 1 {
			word = "categorieën"
		}
		b.WriteString(" (" + word + " " + categoryRanges(r.Source.Law(), r.Categories) + ")")
	}
	if len(r.Placements) > 0 {
		var names []string
		for _, p := range r.Placements {
			names = append(names, p.Label())
		}
		b.WriteString(" (" + joinOr(names) + ")")
	}
	if r.MinAge > 0 || r.MaxAge > 0 {
		b.WriteString(", " + ageWords(r.MinAge, r.MaxAge))
	}
	b.WriteString(" " + r.windowWords())
	if d := r.Denominator; d != nil {
		if d.Population != "" {
			b.WriteString(", van het aantal " + populationWords(d.Population))
		} else {
			sub := *d.Rule
			b.WriteString(", van het " + lowerFirst(sub.Sentence()))
		}
	}
	return b.String()
}

func (r *CountRule) subject() string {
	clients := r.Unit == UniqueClients
	pick := func(people, records string) string {
		if clients {
			return "Aantal unieke " + people
		}
		return "Aantal " + records
	}
	switch r.Source {
	case SourceWmo:
		return pick("inwoners met ten minste één lopende Wmo-maatwerkvoorziening", "Wmo-maatwerkvoorzieningen")
	case SourceJeugd:
		return pick("jongeren met ten minste één jeugdhulpvoorziening", "toewijzingen jeugdhulp")
	case SourceBenefits:
		return pick("inwoners met een uitkering Participatiewet", "uitkeringen Participatiewet")
	case SourceWork:
		return pick("inwoners met een Wsw- of beschut-werkplek", "Wsw- en beschut-werkplekken")
	case SourceMelding:
		return pick("inwoners met een Wmo-melding", "Wmo-meldingen")
	case SourceOnderzoek:
		if r.InTerm {
			return pick("inwoners met een Wmo-onderzoek binnen de wettelijke termijn van zes weken", "Wmo-onderzoeken afgerond binnen de wettelijke termijn van zes weken")
		}
		return pick("inwoners met een Wmo-onderzoek", "Wmo-onderzoeken")
	case SourceJeugdteam:
		return pick("jongeren aangemeld bij het Jeugdteam", "aanmeldingen bij het Jeugdteam")
	case SourceJBT:
		return pick("jongeren gemeld bij de Jeugdbeschermingstafel", "meldingen bij de Jeugdbeschermingstafel")
	case SourceGesloten:
		return pick("jongeren in een gesloten plaatsing", "gesloten plaatsingen jeugd")
	case SourceErvaring:
		s := pick("inwoners die het cliëntervaringsonderzoek Wmo beantwoordden", "antwoorden in het cliëntervaringsonderzoek Wmo")
		if r.Outcome != "" {
			s += " met het oordeel “" + r.Outcome + "”"
		}
		return s
	}
	return "Aantal"
}

func (r *CountRule) windowWords() string {
	switch r.Window {
	case Peildatum:
		return "op " + r.RefDate[3:] + "-" + r.RefDate[:2] + " van het jaar"
	case DuringYear:
		return "op enig moment in het jaar"
	case StartedInYear:
		return "gestart in het jaar"
	case Cumulatief:
		return "gestart van 1 januari " + strconv.Itoa(r.Since) + " tot en met het einde van het jaar (cumulatief)"
	}
	return ""
}

// Label is a placement's Dutch name.
func (p Placement) Label() string {
	switch p {
	case BeschutBinnen:
		return "beschut binnen"
	case Detachering:
		return "gedetacheerd"
	case BegeleidWerken:
		return "begeleid werken"
	case NieuwBeschut:
		return "nieuw beschut werk"
	}
	return string(p)
}

func ageWords(lo, hi int) string {
	switch {
	case hi == 0:
		return strconv.Itoa(lo) + " jaar of ouder"
	case lo == 0:
		return "jonger dan " + strconv.Itoa(hi+1) + " jaar"
	}
	return "van " + strconv.Itoa(lo) + " tot en met " + strconv.Itoa(hi) + " jaar"
}

// populationWords names a population figure: "inwoners-0-17" is
// "inwoners van 0 tot en met 17 jaar op 1 januari (CBS)".
func populationWords(key string) string {
	parts := strings.Split(key, "-")
	if len(parts) == 3 && parts[0] == "inwoners" {
		lo, err1 := strconv.Atoi(parts[1])
		hi, err2 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil {
			return "inwoners van " + strconv.Itoa(lo) + " tot en met " + strconv.Itoa(hi) + " jaar op 1 januari (CBS)"
		}
	}
	if key == "inwoners" {
		return "inwoners op 1 januari (CBS)"
	}
	return strings.ReplaceAll(key, "-", " ") + " (CBS)"
}

// categoryRanges writes categories as runs of the code list: "01–08, 10".
func categoryRanges(law Law, cats []string) string {
	list := wmoCategories
	if law == Jeugdwet {
		list = jeugdCategories
	}
	var idx []int
	for _, c := range cats {
		if i := slices.Index(list, c); i >= 0 {
			idx = append(idx, i)
		}
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	var out []string
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		switch {
		case j == i:
			out = append(out, list[idx[i]])
		case j == i+1:
			out = append(out, list[idx[i]], list[idx[j]])
		default:
			out = append(out, list[idx[i]]+"–"+list[idx[j]])
		}
		i = j + 1
	}
	return strings.Join(out, ", ")
}

func joinOr(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " of " + names[len(names)-1]
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
