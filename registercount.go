package koers

import (
	"slices"
	"sort"
	"strconv"
	"time"
)

// Counting, as the domain defines it. A register store counts in its
// database (for a million inhabitants it must), and its contract tests
// hold it to this: the same facts give the same tally as Evaluate.

// RegisterFacts is a register's content in memory.
type RegisterFacts struct {
	Clients       map[Pseudonym]Client
	Assignments   []Assignment
	Care          []CareEvent
	Registrations []Registration
	Benefits      []Benefit
	Work          []Work
	Populations   []Population
}

// Facts gathers what batches hold, in order, as an import would keep it:
// the same assignment, registration, benefit or place again is the first
// one's (a message imported twice counts once); a start or stop is kept
// once per message that reports or withdraws it.
func Facts(batches ...*RegisterBatch) *RegisterFacts {
	f := &RegisterFacts{Clients: map[Pseudonym]Client{}}
	seen := map[string]bool{}
	first := func(key string) bool {
		if seen[key] {
			return false
		}
		seen[key] = true
		return true
	}
	for _, b := range batches {
		for _, c := range b.Clients {
			f.Clients[c.Pseudonym] = c
		}
		for _, a := range b.Assignments {
			if first("a|" + string(a.Law) + "|" + a.Number) {
				f.Assignments = append(f.Assignments, a)
			}
		}
		for _, e := range b.Care {
			// Each message's report or withdrawal once (CareEvent).
			if first("c|" + string(e.Law) + "|" + e.Assignment + "|" + string(e.Kind) + "|" + e.Date.Format(time.DateOnly) +
				"|" + strconv.FormatBool(e.Withdrawn) + "|" + e.Message) {
				f.Care = append(f.Care, e)
			}
		}
		for _, r := range b.Registrations {
			if first("r|" + string(r.Kind) + "|" + r.ID) {
				f.Registrations = append(f.Registrations, r)
			}
		}
		for _, x := range b.Benefits {
			if first("b|" + x.ID) {
				f.Benefits = append(f.Benefits, x)
			}
		}
		for _, w := range b.Work {
			if first("w|" + w.ID) {
				f.Work = append(f.Work, w)
			}
		}
		for _, p := range b.Populations {
			f.Populations = slices.DeleteFunc(f.Populations, func(q Population) bool { return q.Key == p.Key && q.Year == p.Year })
			f.Populations = append(f.Populations, p)
		}
	}
	return f
}

// CarePeriod is the period an assignment's care runs: from its reported
// start (305), or its Ingangsdatum when none came, to its reported stop
// (307), or its Einddatum. The earliest start and the latest stop count,
// in whatever order the messages came; of the events as Facts keeps them,
// a start or stop counts when more report it than withdraw it
// (CareEvent).
func CarePeriod(a Assignment, events []CareEvent) (start, end time.Time) {
	type key struct {
		kind CareKind
		date time.Time
	}
	balance := map[key]int{}
	for _, e := range events {
		if e.Law != a.Law || e.Assignment != a.Number {
			continue
		}
		if e.Withdrawn {
			balance[key{e.Kind, e.Date}]--
		} else {
			balance[key{e.Kind, e.Date}]++
		}
	}
	start, end = a.Start, a.End
	var started, stopped bool
	for k, n := range balance {
		if n <= 0 {
			continue
		}
		switch k.kind {
		case CareStart:
			if !started || k.date.Before(start) {
				start, started = k.date, true
			}
		case CareStop:
			if !stopped || k.date.After(end) {
				end, stopped = k.date, true
			}
		}
	}
	return start, end
}

// overlaps reports whether [start, end] (end zero: open) meets [from, to].
func overlaps(start, end, from, to time.Time) bool {
	return !start.After(to) && (end.IsZero() || !end.Before(from))
}

// counted is one fact that passed a rule's filters: whom it is about, and
// the part of a breakdown it falls in.
type counted struct {
	client Pseudonym
	part   string
}

// Evaluate counts rule over f for year.
func (r *CountRule) Evaluate(f *RegisterFacts, year int) Tally {
	t := Tally{Year: year}
	list := r.matches(f, year)
	t.Numerator = tallyOf(r.Unit, list)
	if r.Breakdown != "" {
		parts := map[string][]counted{}
		for _, c := range list {
			parts[c.part] = append(parts[c.part], c)
		}
		names := make([]string, 0, len(parts))
		for n := range parts {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			t.Parts = append(t.Parts, TallyPart{Name: n, Count: tallyOf(r.Unit, parts[n])})
		}
	}
	if d := r.Denominator; d != nil {
		if d.Population != "" {
			for _, p := range f.Populations {
				if p.Key == d.Population && p.Year == year {
					t.Denominator = p.Count
				}
			}
		} else {
			t.Denominator = d.Rule.Evaluate(f, year).Numerator
		}
	}
	return t
}

func tallyOf(unit RuleUnit, list []counted) int64 {
	if unit == Records {
		return int64(len(list))
	}
	seen := map[Pseudonym]bool{}
	for _, c := range list {
		seen[c.client] = true
	}
	return int64(len(seen))
}

// matches lists the facts rule counts for year, one per record.
func (r *CountRule) matches(f *RegisterFacts, year int) []counted {
	from, to := r.Period(year)
	var out []counted
	add := func(client Pseudonym, start, end time.Time, category string) {
		ok := false
		switch r.Window {
		case StartedInYear, Cumulatief:
			ok = !start.Before(from) && !start.After(to)
		default:
			ok = overlaps(start, end, from, to)
		}
		if !ok || !r.ageFits(f.Clients[client], year) {
			return
		}
		part := ""
		switch r.Breakdown {
		case ByArea:
			part = f.Clients[client].Area
		case ByCategory:
			part = category
		}
		out = append(out, counted{client: client, part: part})
	}
	if law := r.Source.Law(); law != "" {
		byNumber := map[string][]CareEvent{}
		for _, e := range f.Care {
			if e.Law == law {
				byNumber[e.Assignment] = append(byNumber[e.Assignment], e)
			}
		}
		for _, a := range f.Assignments {
			if a.Law != law || (len(r.Categories) > 0 && !slices.Contains(r.Categories, a.Category)) {
				continue
			}
			start, end := CarePeriod(a, byNumber[a.Number])
			add(a.Client, start, end, a.Category)
		}
		return out
	}
	if kind, ok := r.Source.Registration(); ok {
		for _, g := range f.Registrations {
			if g.Kind != kind || (r.Outcome != "" && g.Outcome != r.Outcome) || (r.InTerm && !g.InTerm()) {
				continue
			}
			end := g.End
			if end.IsZero() && kind != GeslotenPlaatsing {
				end = g.Date // a registration is an event, unless it is a placement
			}
			add(g.Client, g.Date, end, "")
		}
		return out
	}
	switch r.Source {
	case SourceBenefits:
		for _, b := range f.Benefits {
			add(b.Client, b.Start, b.End, "")
		}
	case SourceWork:
		for _, w := range f.Work {
			if len(r.Placements) == 0 || slices.Contains(r.Placements, w.Placement) {
				add(w.Client, w.Start, w.End, "")
			}
		}
	}
	return out
}

// ageFits reports whether c's age at the end of year is within the rule's
// bounds. A client of unknown age fits no bound.
func (r *CountRule) ageFits(c Client, year int) bool {
	if r.MinAge == 0 && r.MaxAge == 0 {
		return true
	}
	if c.BirthYear == 0 {
		return false
	}
	age := year - c.BirthYear
	return age >= r.MinAge && (r.MaxAge == 0 || age <= r.MaxAge)
}
