package regsynth_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/koers-nl/koers"
	regsynth "github.com/koers-nl/koers/synth/register"
)

// fakeKeyer pseudonymises without a key: enough to tell clients apart.
type fakeKeyer struct{}

func (fakeKeyer) Pseudonym(bsn string) (koers.Pseudonym, error) {
	sum := sha256.Sum256([]byte("test|" + bsn))
	return koers.Pseudonym(hex.EncodeToString(sum[:])), nil
}

func demoRules(t testing.TB) map[string]*koers.CountRule {
	b, err := os.ReadFile("../../demo/register/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var rules []koers.CountRule
	if err := json.Unmarshal(b, &rules); err != nil {
		t.Fatal(err)
	}
	out := map[string]*koers.CountRule{}
	for i := range rules {
		out[rules[i].Indicator] = &rules[i]
	}
	return out
}

// TestRates holds the generator to Leiderdorp's magnitudes (issue 15) for
// 27,000 inhabitants: the nine rules of the demo, averaged over the
// years, are near what the 1C page reports.
func TestRates(t *testing.T) {
	opts := regsynth.Options{Inhabitants: 27000, From: 2018, To: 2025, Seed: 1}
	out, err := regsynth.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := out.Batch(fakeKeyer{})
	if err != nil {
		t.Fatal(err)
	}
	f := koers.Facts(b)
	rules := demoRules(t)
	years := float64(opts.To - opts.From + 1)
	avg := func(key string, percent bool) float64 {
		r, ok := rules[key]
		if !ok {
			t.Fatalf("no rule %s", key)
		}
		sum := 0.0
		for y := opts.From; y <= opts.To; y++ {
			tl := r.Evaluate(f, y)
			v := float64(tl.Numerator)
			if percent {
				if tl.Denominator == 0 {
					t.Fatalf("%s %d: no denominator", key, y)
				}
				v = 100 * v / float64(tl.Denominator)
			}
			sum += v
		}
		return sum / years
	}
	tests := []struct {
		key       string
		percent   bool
		low, high float64
	}{
		{"wmo-maatwerkvoorzieningen", false, 1340 * 0.9, 1340 * 1.1},
		{"wmo-kwaliteit-ondersteuning", true, 82, 88},
		{"jeugdteam-aanmeldingen", false, 322 * 0.9, 322 * 1.1},
		{"jongeren-met-jeugdhulp", true, 11, 14},
		{"jeugd-gesloten-plaatsingen", false, 0, 1.5},
		{"jbt-meldingen", false, 4, 10},
		{"participatiewet-uitkeringen", false, 315 * 0.88, 315 * 1.12},
		{"wsw-buiten-geplaatst", true, 22, 38},
	}
	for _, tt := range tests {
		if got := avg(tt.key, tt.percent); got < tt.low || got > tt.high {
			t.Errorf("%s: average %.1f, want %.0f–%.0f", tt.key, got, tt.low, tt.high)
		}
	}
	// Cumulative: it never falls, and grows by a few a year.
	r := rules["beschut-werk-cumulatief"]
	prev := int64(0)
	for y := opts.From; y <= opts.To; y++ {
		n := r.Evaluate(f, y).Numerator
		if n < prev {
			t.Errorf("beschut werk %d: %d after %d; cumulative never falls", y, n, prev)
		}
		prev = n
	}
	if prev < 5 || prev > 25 {
		t.Errorf("beschut werk 2025: %d since 2015, want a few a year", prev)
	}
	// Some providers reach their ceiling, most do not.
	used := map[string]koers.Money{}
	for _, a := range b.Assignments {
		used[a.Provider+a.Start.Format("2006")] += a.Budget
	}
	over, warned := 0, 0
	for _, c := range b.Ceilings {
		u := koers.CeilingUse{Ceiling: c.Amount, WarnAt: c.WarnAt, Assigned: used[c.Provider+itoa(c.Year)]}
		if u.Over() {
			over++
		} else if u.Warn() {
			warned++
		}
	}
	if over == 0 || warned == 0 || over > len(b.Ceilings)/3 {
		t.Errorf("of %d ceilings %d over and %d at the warning; want some of each, most with room", len(b.Ceilings), over, warned)
	}
}

func itoa(y int) string {
	return string(rune('0'+y/1000)) + string(rune('0'+y/100%10)) + string(rune('0'+y/10%10)) + string(rune('0'+y%10))
}
