package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// formatComputed writes computed values as one line each, to pin whole.
func formatComputed(list []koers.ComputedValue) string {
	var b strings.Builder
	for _, v := range list {
		n := "nil"
		if v.Number != nil {
			n = fmt.Sprint(*v.Number)
		}
		fmt.Fprintf(&b, "%s %d %s <%d v%d %s %q", v.Indicator, v.Year, n, v.Below, v.RuleVersion,
			v.ComputedAt.UTC().Format(time.RFC3339Nano), v.Rule)
		for _, p := range v.Parts {
			pn := "nil"
			if p.Number != nil {
				pn = fmt.Sprint(*p.Number)
			}
			fmt.Fprintf(&b, " [%s %s <%d]", p.Name, pn, p.Below)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// testComputedValues saves what the register computed and reads it back in
// the series, beside the documents' own values: saving a year again
// replaces it, other years and organisations stay, a bad value writes
// nothing.
func testComputedValues(t *testing.T, s koers.Store) {
	cv, ok := s.(koers.ComputedValues)
	if !ok {
		t.Fatalf("%T keeps no computed values (koers.ComputedValues)", s)
	}
	org := Leiderdorp()
	MustPut(t, s, org, Begroting2022())
	at := time.Date(2026, 11, 23, 14, 5, 6, 123456000, time.UTC)
	rule := "Aantal unieke inwoners met ten minste één lopende Wmo-maatwerkvoorziening op enig moment in het jaar."
	first := []koers.ComputedValue{
		{Indicator: "wmo-maatwerk", Year: 2019, Number: num(1972), Rule: rule, RuleVersion: 1, ComputedAt: at,
			Parts: []koers.ComputedPart{{Name: "Centrum", Number: num(1200)}, {Name: "Noord", Below: 5}, {Name: "Zuid"}}},
		{Indicator: "wmo-maatwerk", Year: 2018, Below: 5, Rule: rule, RuleVersion: 1, ComputedAt: at},
		{Indicator: "elders", Year: 2018, Number: num(3), Rule: "x", RuleVersion: 2, ComputedAt: at},
	}
	if err := cv.SaveComputed(ctx(), org.ID, first); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		t.Helper()
		series, err := s.Series(ctx(), org.ID, "wmo-maatwerk")
		if err != nil {
			t.Fatal(err)
		}
		return formatComputed(series.Computed)
	}
	want := `wmo-maatwerk 2018 nil <5 v1 2026-11-23T14:05:06.123456Z "` + rule + `"
wmo-maatwerk 2019 1972 <0 v1 2026-11-23T14:05:06.123456Z "` + rule + `" [Centrum 1200 <0] [Noord nil <5] [Zuid nil <0]
`
	if got := read(); got != want {
		t.Errorf("computed values read back:\n%s\nwant:\n%s", got, want)
	}
	// The document's own values are untouched: both are kept.
	series, _ := s.Series(ctx(), org.ID, "wmo-maatwerk")
	if v, _ := series.Indicator.Value(2018, koers.Realised); v.Number == nil || *v.Number != 1992 {
		t.Errorf("2018 realised = %+v, want the begroting's 1992", v)
	}

	later := at.Add(time.Hour)
	if err := cv.SaveComputed(ctx(), org.ID, []koers.ComputedValue{
		{Indicator: "wmo-maatwerk", Year: 2018, Number: num(2001), Rule: rule, RuleVersion: 2, ComputedAt: later},
	}); err != nil {
		t.Fatal(err)
	}
	want = `wmo-maatwerk 2018 2001 <0 v2 2026-11-23T15:05:06.123456Z "` + rule + `"
wmo-maatwerk 2019 1972 <0 v1 2026-11-23T14:05:06.123456Z "` + rule + `" [Centrum 1200 <0] [Noord nil <5] [Zuid nil <0]
`
	if got := read(); got != want {
		t.Errorf("after replacing 2018:\n%s\nwant:\n%s", got, want)
	}

	// One bad value: nothing of the call is written.
	err := cv.SaveComputed(ctx(), org.ID, []koers.ComputedValue{
		{Indicator: "wmo-maatwerk", Year: 2019, Number: num(1), Rule: rule, RuleVersion: 3, ComputedAt: later},
		{Indicator: "wmo-maatwerk", Year: 1, Number: num(1), ComputedAt: later},
	})
	if koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("a value without a valid year: %v, want EINVALID", err)
	}
	if got := read(); got != want {
		t.Errorf("after a refused save:\n%s\nwant:\n%s", got, want)
	}

	// Each save that wrote is in the audit log; the refused one is not.
	log, err := s.AuditLog(ctx(), koers.AuditFilter{OrganisationID: org.ID, Action: koers.AuditRegisterCompute})
	if err != nil {
		t.Fatal(err)
	}
	var saves []string
	for _, e := range log {
		saves = append(saves, e.After)
	}
	if got := strings.Join(saves, "; "); got != "1 waarden van 1 indicatoren, 2018–2018; 3 waarden van 2 indicatoren, 2018–2019" {
		t.Errorf("audit log of the saves: %q", got)
	}

	// Another organisation's values are its own.
	other := &koers.Organisation{Slug: "zoeterwoude", Name: "Gemeente Zoeterwoude"}
	MustPut(t, s, other, Begroting2022())
	series, err = s.Series(ctx(), other.ID, "wmo-maatwerk")
	if err != nil || len(series.Computed) != 0 {
		t.Errorf("another organisation's series has computed values %+v, %v", series.Computed, err)
	}
}
