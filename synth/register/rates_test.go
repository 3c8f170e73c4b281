package regsynth_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/koers-nl/koers"
	regsynth "github.com/koers-nl/koers/synth/register"
)

type fakeKeyer struct{}

func (fakeKeyer) Pseudonym(bsn string) (koers.Pseudonym, error) {
	sum := sha256.Sum256([]byte("test|" + bsn))
	return koers.Pseudonym(hex.EncodeToString(sum[:])), nil
}

func demoRules(t testing.TB) []koers.CountRule {
	b, err := os.ReadFile("../../demo/register/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var rules []koers.CountRule
	if err := json.Unmarshal(b, &rules); err != nil {
		t.Fatal(err)
	}
	return rules
}

// tallies evaluates the demo's rules over a generated register: per rule,
// per year, "numerator" or "numerator/denominator".
func tallies(t testing.TB, opts regsynth.Options) map[string][]string {
	out, err := regsynth.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := out.Batch(fakeKeyer{})
	if err != nil {
		t.Fatal(err)
	}
	f := koers.Facts(b)
	got := map[string][]string{}
	for _, r := range demoRules(t) {
		for y := opts.From; y <= opts.To; y++ {
			tl := r.Evaluate(f, y)
			s := fmt.Sprint(tl.Numerator)
			if r.Denominator != nil {
				s += fmt.Sprintf("/%d", tl.Denominator)
			}
			got[r.Indicator] = append(got[r.Indicator], s)
		}
	}
	return got
}

func TestPrintRates(t *testing.T) {
	for k, v := range tallies(t, regsynth.Options{Inhabitants: 27000, From: 2018, To: 2025, Seed: uint64(len(os.Getenv("SEED")))}) {
		t.Log(k, v)
	}
}
