package koers_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// TestRegisterBatchValidate: each fact's problem at its place, with its
// words; a good batch has none.
func TestRegisterBatchValidate(t *testing.T) {
	p := koers.Pseudonym(strings.Repeat("ab", 32))
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	good := func() *koers.RegisterBatch {
		return &koers.RegisterBatch{
			Clients: []koers.Client{{Pseudonym: p, BirthYear: 1950, Sex: "2", Area: "2351"}},
			Assignments: []koers.Assignment{{Law: koers.Wmo, Number: "101", Client: p, Category: "01", Delivery: koers.InKind,
				Provider: "12345678", Start: day(2024, 1, 1)}},
			Care:          []koers.CareEvent{{Law: koers.Wmo, Assignment: "101", Kind: koers.CareStart, Date: day(2024, 1, 8)}},
			Registrations: []koers.Registration{{Kind: koers.Melding, ID: "M1", Client: p, Date: day(2024, 2, 1)}},
			Benefits:      []koers.Benefit{{ID: "U1", Client: p, Start: day(2023, 5, 1)}},
			Work:          []koers.Work{{ID: "W1", Client: p, Placement: koers.Detachering, Start: day(2020, 1, 1)}},
			Providers:     []koers.Provider{{AGB: "12345678", Name: "De Linde"}},
			Ceilings:      []koers.Ceiling{{Provider: "12345678", Year: 2024, Amount: 100_000_00, WarnAt: 90}},
			Populations:   []koers.Population{{Key: "inwoners-0-17", Year: 2024, Count: 6000}},
		}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("a good batch: %v", err)
	}
	tests := []struct {
		name    string
		spoil   func(b *koers.RegisterBatch)
		pointer string
		message string
	}{
		{"born before 1900", func(b *koers.RegisterBatch) { b.Clients[0].BirthYear = 1899 }, "/clients/0/birth_year", "Geboortejaar 1899 kan niet."},
		{"sex", func(b *koers.RegisterBatch) { b.Clients[0].Sex = "M" }, "/clients/0/sex", `Onbekende geslachtscode "M".`},
		{"client a BSN", func(b *koers.RegisterBatch) { b.Clients[0].Pseudonym = "999900006" }, "/clients/0/pseudonym", "De cliënt is geen pseudoniem."},
		{"assignment category", func(b *koers.RegisterBatch) { b.Assignments[0].Category = "45" }, "/assignments/0/category", `Onbekende productcategorie "45".`},
		{"assignment in 1850", func(b *koers.RegisterBatch) { b.Assignments[0].Start = day(1850, 1, 1) }, "/assignments/0/start", "De ingangsdatum 1850-01-01 ligt buiten 1900–2200."},
		{"care kind", func(b *koers.RegisterBatch) { b.Care[0].Kind = "pause" }, "/care/0/kind", `Onbekend soort zorgbericht "pause".`},
		{"care without a date", func(b *koers.RegisterBatch) { b.Care[0].Date = time.Time{} }, "/care/0/date", "De datum ontbreekt."},
		{"registration kind", func(b *koers.RegisterBatch) { b.Registrations[0].Kind = "klacht" }, "/registrations/0/kind", `Onbekende registratie "klacht".`},
		{"benefit ends before it starts", func(b *koers.RegisterBatch) { b.Benefits[0].End = day(2023, 4, 30) }, "/benefits/0/end", "De einddatum 2023-04-30 ligt voor de begindatum 2023-05-01."},
		{"work placement", func(b *koers.RegisterBatch) { b.Work[0].Placement = "buiten" }, "/work/0/placement", `Onbekende plaatsing "buiten".`},
		{"provider AGB", func(b *koers.RegisterBatch) { b.Providers[0].AGB = "1234" }, "/providers/0/agb", `De AGB-code "1234" heeft geen acht cijfers.`},
		{"ceiling year", func(b *koers.RegisterBatch) { b.Ceilings[0].Year = 1800 }, "/ceilings/0/year", "Jaar 1800 kan niet."},
		{"negative ceiling", func(b *koers.RegisterBatch) { b.Ceilings[0].Amount = -1 }, "/ceilings/0/amount", "Plafond en waarschuwingspercentage zijn niet negatief."},
		{"population key", func(b *koers.RegisterBatch) { b.Populations[0].Key = "Inwoners 0-17" }, "/populations/0/key", `"Inwoners 0-17" is geen sleutel van een bevolkingsaantal.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := good()
			tt.spoil(b)
			var e *koers.Error
			if err := b.Validate(); !errors.As(err, &e) || e.Code != koers.EINVALID || len(e.Problems) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			if got := e.Problems[0]; got.Pointer() != tt.pointer || got.Message != tt.message {
				t.Errorf("problem %s %q, want %s %q", got.Pointer(), got.Message, tt.pointer, tt.message)
			}
		})
	}
}
