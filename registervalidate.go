package koers

import (
	"fmt"
	"slices"
	"time"
)

// Validate finds every problem of a batch, each at its place
// (/assignments/3/category), before a store writes any of it: one problem
// and nothing is written.
func (b *RegisterBatch) Validate() error {
	var ps Problems
	at := func(path []any, format string, args ...any) {
		ps = append(ps, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	date := func(path []any, t time.Time, what string) {
		if t.IsZero() {
			at(path, "De %s ontbreekt.", what)
		} else if t.Year() < MinYear || t.Year() > MaxYear {
			at(path, "De %s %s ligt buiten %d–%d.", what, t.Format(time.DateOnly), MinYear, MaxYear)
		}
	}
	end := func(path []any, start, end time.Time) {
		if !end.IsZero() {
			date(path, end, "einddatum")
			if end.Before(start) {
				at(path, "De einddatum %s ligt voor de begindatum %s.", end.Format(time.DateOnly), start.Format(time.DateOnly))
			}
		}
	}
	client := func(path []any, p Pseudonym) {
		if !p.Valid() {
			at(path, "De cliënt is geen pseudoniem.")
		}
	}
	for i, c := range b.Clients {
		client([]any{"clients", i, "pseudonym"}, c.Pseudonym)
		if c.BirthYear != 0 && (c.BirthYear < MinYear || c.BirthYear > MaxYear) {
			at([]any{"clients", i, "birth_year"}, "Geboortejaar %d kan niet.", c.BirthYear)
		}
		if !slices.Contains([]string{"", "0", "1", "2", "9"}, c.Sex) {
			at([]any{"clients", i, "sex"}, "Onbekende geslachtscode %q.", c.Sex)
		}
	}
	for i := range b.Assignments {
		a := &b.Assignments[i]
		if err := a.Validate(); err != nil {
			if e, ok := err.(*Error); ok {
				ps = append(ps, e.Problems.Prefix("assignments", i)...)
			} else {
				return err
			}
		}
		if !a.Start.IsZero() {
			date([]any{"assignments", i, "start"}, a.Start, "ingangsdatum")
			end([]any{"assignments", i, "end"}, a.Start, a.End)
		}
	}
	for i, e := range b.Care {
		if e.Law != Wmo && e.Law != Jeugdwet {
			at([]any{"care", i, "law"}, "Onbekende wet %q.", e.Law)
		}
		if e.Assignment == "" {
			at([]any{"care", i, "assignment"}, "Het toewijzingnummer ontbreekt.")
		}
		if e.Kind != CareStart && e.Kind != CareStop {
			at([]any{"care", i, "kind"}, "Onbekend soort zorgbericht %q.", e.Kind)
		}
		date([]any{"care", i, "date"}, e.Date, "datum")
	}
	for i, r := range b.Registrations {
		if !slices.Contains(RegistrationKinds, r.Kind) {
			at([]any{"registrations", i, "kind"}, "Onbekende registratie %q.", r.Kind)
		}
		if r.ID == "" {
			at([]any{"registrations", i, "id"}, "Het kenmerk ontbreekt.")
		}
		client([]any{"registrations", i, "client"}, r.Client)
		date([]any{"registrations", i, "date"}, r.Date, "datum")
		end([]any{"registrations", i, "end"}, r.Date, r.End)
	}
	// A benefit and a place are each a client's spell under an ID.
	spell := func(list string, i int, id string, c Pseudonym, start, stop time.Time) {
		if id == "" {
			at([]any{list, i, "id"}, "Het kenmerk ontbreekt.")
		}
		client([]any{list, i, "client"}, c)
		date([]any{list, i, "start"}, start, "begindatum")
		end([]any{list, i, "end"}, start, stop)
	}
	for i, x := range b.Benefits {
		spell("benefits", i, x.ID, x.Client, x.Start, x.End)
	}
	for i, w := range b.Work {
		spell("work", i, w.ID, w.Client, w.Start, w.End)
		if !slices.Contains(Placements, w.Placement) {
			at([]any{"work", i, "placement"}, "Onbekende plaatsing %q.", w.Placement)
		}
	}
	for i, p := range b.Providers {
		if !agbPattern.MatchString(p.AGB) {
			at([]any{"providers", i, "agb"}, "De AGB-code %q heeft geen acht cijfers.", p.AGB)
		}
	}
	for i, c := range b.Ceilings {
		if !agbPattern.MatchString(c.Provider) {
			at([]any{"ceilings", i, "provider"}, "De AGB-code %q heeft geen acht cijfers.", c.Provider)
		}
		if c.Year < MinYear || c.Year > MaxYear {
			at([]any{"ceilings", i, "year"}, "Jaar %d kan niet.", c.Year)
		}
		if c.Amount < 0 || c.WarnAt < 0 || c.WarnAt > 1000 {
			at([]any{"ceilings", i, "amount"}, "Plafond en waarschuwingspercentage zijn niet negatief.")
		}
	}
	for i, p := range b.Populations {
		if !populationKey.MatchString(p.Key) {
			at([]any{"populations", i, "key"}, "%q is geen sleutel van een bevolkingsaantal.", p.Key)
		}
		if p.Year < MinYear || p.Year > MaxYear {
			at([]any{"populations", i, "year"}, "Jaar %d kan niet.", p.Year)
		}
		if p.Count < 0 {
			at([]any{"populations", i, "count"}, "Een bevolkingsaantal is niet negatief.")
		}
	}
	return ps.Err("register batch")
}
