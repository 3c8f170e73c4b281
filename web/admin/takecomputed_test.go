package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
)

// TestTakeComputed: the editor of a page with an indicator table offers
// each computed value the draft does not hold (not a suppressed one, not
// one it holds already); taking one changes the draft's realised value
// through the ordinary change, recorded; a stale form changes nothing.
func TestTakeComputed(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	f := func(x float64) *float64 { return &x }
	at := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	if err := o.store.SaveComputed(ctx, o.orgs[0].ID, []koers.ComputedValue{
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2016, Number: f(2100), Rule: "r", RuleVersion: 2, ComputedAt: at},
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2017, Below: 5, Rule: "r", RuleVersion: 2, ComputedAt: at},
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2019, Number: f(1350), Rule: "r", RuleVersion: 2, ComputedAt: at},
		{Indicator: "wmo-maatwerkvoorzieningen", Year: 2020, Number: f(1972), Rule: "r", RuleVersion: 2, ComputedAt: at},
	}); err != nil {
		t.Fatal(err)
	}
	d := o.draftOf("leiderdorp", "begroting-2022")
	key := pageKeyOf(t, d, page1C)
	red := o.signIn("leiderdorp/redacteur")
	doc := red.page(editorURL(d, key), http.StatusOK)
	want := "Indicator | Jaar | Register | Concept | Overnemen\n" +
		"1.1 Aantal inwoners met een maatwerkvoorziening Wmo | 2016 | 2.100 (telregel versie 2) | geen | Neem registerwaarde over (1.1 Aantal inwoners met een maatwerkvoorziening Wmo, 2016)\n" +
		"1.1 Aantal inwoners met een maatwerkvoorziening Wmo | 2020 | 1.972 (telregel versie 2) | 1.340 | Neem registerwaarde over (1.1 Aantal inwoners met een maatwerkvoorziening Wmo, 2020)"
	if got := rows(doc.Find(".block table")); got != want {
		t.Errorf("offers:\n%s\nwant:\n%s", got, want)
	}
	// A beoordelaar sees the page, not the offers.
	if n := o.signIn("leiderdorp/beoordelaar").page(editorURL(d, key), http.StatusOK).Find(".block table").Length(); n != 0 {
		t.Errorf("a beoordelaar is offered %d tables", n)
	}

	take := func(version int64, year string) *http.Response {
		res, _ := red.post(editorURL(d, key)+"/registerwaarde", url.Values{"versie": {itoa(version)}, "sleutel": {"wmo-maatwerkvoorzieningen"}, "jaar": {year}})
		return res
	}
	res := take(d.Version, "2020")
	to, flash := red.followed(res, "")
	if to != editorURL(d, key) || flash != "De registerwaarde 1.972 is overgenomen als realisatie 2020." {
		t.Errorf("after taking: %s %q", to, flash)
	}
	after, err := o.store.Draft(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := after.Document.FindPage(page1C).Indicator("wmo-maatwerkvoorzieningen").Value(2020, koers.Realised); v.Number == nil || *v.Number != 1972 {
		t.Errorf("the draft's 2020 = %+v, want 1972", v)
	}
	log, _ := o.store.AuditLog(ctx, koers.AuditFilter{OrganisationID: o.orgs[0].ID, Action: koers.AuditDraftChange, Limit: 1})
	if len(log) != 1 || log[0].Before != "wmo-maatwerkvoorzieningen 2020: 1.340" ||
		log[0].After != "wmo-maatwerkvoorzieningen 2020: 1.972 uit het register (telregel versie 2)" {
		t.Errorf("audit: %+v", log)
	}
	// What the draft now holds is no longer offered.
	if rows := rows(red.page(editorURL(d, key), http.StatusOK).Find(".block table")); strings.Contains(rows, "| 2020 |") {
		t.Errorf("2020 is still offered:\n%s", rows)
	}

	for _, tt := range []struct {
		name    string
		version int64
		year    string
		status  int
	}{
		{"stale", d.Version, "2016", http.StatusConflict},
		{"suppressed", after.Version, "2017", http.StatusBadRequest},
		{"not computed", after.Version, "2018", http.StatusNotFound},
		{"no year", after.Version, "twintig", http.StatusBadRequest},
	} {
		if res := take(tt.version, tt.year); res.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, res.StatusCode, tt.status)
		}
	}
	if now, _ := o.store.Draft(ctx, d.ID); now.Version != after.Version {
		t.Errorf("a refused take changed the draft: version %d, want %d", now.Version, after.Version)
	}
}
