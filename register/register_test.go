package register_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register"
)

func TestCheckBSN(t *testing.T) {
	for _, tt := range []struct {
		bsn  string
		want string // "" for valid
	}{
		{"999900006", ""}, // a test BSN of the iStandaarden examples
		{"111222333", ""},
		{"123456782", ""},
		{"012345672", ""}, // an eight-digit BSN written with its leading zero
		{"123456781", "Het BSN voldoet niet aan de elfproef."},
		{"000000000", "Het BSN voldoet niet aan de elfproef."},
		{"12345678", "Een BSN heeft negen cijfers, niet 8 tekens."},
		{"1234567890", "Een BSN heeft negen cijfers, niet 10 tekens."},
		{"12345678a", "Een BSN bestaat uit cijfers."},
		{"", "Een BSN heeft negen cijfers, niet 0 tekens."},
	} {
		err := register.CheckBSN(tt.bsn)
		if got := koers.ErrorMessage(err); (err == nil) != (tt.want == "") || (err != nil && got != tt.want) {
			t.Errorf("CheckBSN(%q) = %v, want %q", tt.bsn, err, tt.want)
		}
	}
}

func TestKeyer(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "register.key")
	k, err := register.NewKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", info.Mode().Perm())
	}
	if _, err := register.NewKeyFile(path); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("a second key file over the first: %v", err)
	}
	loaded, err := register.LoadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	p1, err := k.Pseudonym("999900006")
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := loaded.Pseudonym("999900006")
	p3, _ := loaded.Pseudonym("111222333")
	if !p1.Valid() || p1 != p2 || p1 == p3 || strings.Contains(string(p1), "999900006") {
		t.Errorf("pseudonyms %s, %s, %s", p1, p2, p3)
	}
	if _, err := k.Pseudonym("123456781"); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("a number failing the elfproef: %v", err)
	}

	// A known key gives a known pseudonym: HMAC-SHA256 of the nine digits.
	raw := filepath.Join(dir, "raw.key")
	os.WriteFile(raw, []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"), 0o600) // 32 raw bytes
	hexed := filepath.Join(dir, "hex.key")
	os.WriteFile(hexed, []byte("  4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60\n"), 0o600) // the same, in hex
	a, err := register.LoadKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	b, err := register.LoadKey(hexed)
	if err != nil {
		t.Fatal(err)
	}
	pa, _ := a.Pseudonym("999900006")
	pb, _ := b.Pseudonym("999900006")
	const want = "30b088267926d4d35cc741fb8c360751f31ac997f0e67e69ea29d16bf886f6fb" // Python's hmac
	if s := fmt.Sprintf("%v %+v %#v %s", a, a, a, a); strings.Contains(s, "ABC") || strings.Contains(s, "4142") || strings.Contains(s, "65 66") {
		t.Errorf("a printed Keyer shows its key: %s", s)
	}
	if pa != want || pb != want {
		t.Errorf("pseudonyms %s (raw key), %s (hex key), want %s", pa, pb, want)
	}

	for _, tt := range []struct {
		name, content string
		mode          os.FileMode
		want          string
	}{
		{"short.key", "0123456789abcdef", 0o600, "bevat 8 bytes"},
		{"shorthex.key", "00112233445566778899aabbccddeeff", 0o600, "bevat 16 bytes"},
		{"open.key", "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`", 0o644, "leesbaar voor anderen"},
		{"group.key", "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`", 0o640, "leesbaar voor anderen"},
	} {
		p := filepath.Join(dir, tt.name)
		os.WriteFile(p, []byte(tt.content), tt.mode)
		os.Chmod(p, tt.mode)
		if _, err := register.LoadKey(p); koers.ErrorCode(err) != koers.EINVALID || !strings.Contains(koers.ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := register.LoadKey(filepath.Join(dir, "none.key")); koers.ErrorCode(err) != koers.EINVALID {
		t.Errorf("missing key file: %v", err)
	}
}

// fakeRegister counts by the domain's reference over fixed facts.
type fakeRegister struct {
	koers.Register
	facts *koers.RegisterFacts
}

func (f fakeRegister) Count(_ context.Context, _ int64, r *koers.CountRule, years []int) ([]koers.Tally, error) {
	var out []koers.Tally
	for _, y := range years {
		out = append(out, r.Evaluate(f.facts, y))
	}
	return out, nil
}

func (f fakeRegister) CountAll(ctx context.Context, org int64, rules []koers.CountRule, years []int) ([][]koers.Tally, error) {
	out := make([][]koers.Tally, len(rules))
	for i := range rules {
		out[i], _ = f.Count(ctx, org, &rules[i], years)
	}
	return out, nil
}

func TestCompute(t *testing.T) {
	day := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	b := &koers.RegisterBatch{}
	for i := range 7 {
		b.Registrations = append(b.Registrations, koers.Registration{Kind: koers.JBTMelding, ID: string(rune('a' + i)), Date: day(2020 + i/4)})
	}
	rules, err := register.DecodeRules("rules.json", []byte(`[{"indicator": "jbt-meldingen", "version": 2, "source": "jbt", "unit": "records", "window": "gestart"}]`))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	got, err := register.Compute(context.Background(), fakeRegister{facts: koers.Facts(b)}, 1, rules, map[string]int{"jbt-meldingen": 4}, []int{2020, 2021, 2022}, now)
	if err != nil {
		t.Fatal(err)
	}
	four, zero := 4.0, 0.0
	sentence := rules[0].Sentence()
	want := []koers.ComputedValue{
		{Indicator: "jbt-meldingen", Year: 2020, Number: &four, Rule: sentence, RuleVersion: 2, ComputedAt: now},
		{Indicator: "jbt-meldingen", Year: 2021, Below: 4, Rule: sentence, RuleVersion: 2, ComputedAt: now},
		{Indicator: "jbt-meldingen", Year: 2022, Number: &zero, Rule: sentence, RuleVersion: 2, ComputedAt: now},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compute:\n got %+v\nwant %+v", got, want)
	}
}
