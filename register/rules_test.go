package register_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register"
)

func TestDecodeDemoRules(t *testing.T) {
	data, err := os.ReadFile("../demo/register/rules.json")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := register.DecodeRules("rules.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rules {
		names = append(names, r.Indicator)
	}
	want := []string{"wmo-maatwerkvoorzieningen", "wmo-kwaliteit-ondersteuning", "jeugdteam-aanmeldingen", "jongeren-met-jeugdhulp",
		"jeugd-gesloten-plaatsingen", "jbt-meldingen", "participatiewet-uitkeringen", "wsw-buiten-geplaatst", "beschut-werk-cumulatief"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("rules %q", names)
	}
}

func TestDecodeRulesProblems(t *testing.T) {
	type problem struct{ Pointer, Message string }
	for _, tt := range []struct {
		name, data string
		want       []problem
	}{
		{"not a list", `{"indicator": "x"}`, []problem{{"", "r.json, regel 1: Een regelbestand is een JSON-lijst van telregels."}}},
		{"empty", ``, []problem{{"", "r.json, regel 1: Een regelbestand is een JSON-lijst van telregels."}}},
		{"syntax", "[\n{\"indicator\": \"a\", \"version\": 1,,}\n]", []problem{{"/0", "r.json, regel 2: Geen geldige JSON: onverwacht teken (invalid character ',' looking for beginning of object key string)."}}},
		{"unknown field", "[\n  {\"indicator\": \"a\", \"version\": 1, \"source\": \"jbt\", \"unit\": \"records\", \"window\": \"gestart\", \"colour\": 1}]",
			[]problem{{"/0", "r.json, regel 2: De regel is geen telregel: json: unknown field \"colour\"."}}},
		{"wrong type", "[{\"indicator\": \"a\", \"version\": \"1\"}]",
			[]problem{{"/0", "r.json, regel 1: De regel is geen telregel: het veld \"version\" heeft een waarde van het verkeerde soort (string)."}}},
		{"invalid rules", "[\n {\"indicator\": \"a\", \"version\": 1, \"source\": \"jbt\", \"unit\": \"records\", \"window\": \"gestart\"},\n\n {\"version\": 1, \"source\": \"jbt\", \"unit\": \"mensen\", \"window\": \"gestart\"}\n]",
			[]problem{
				{"/1/indicator", "r.json, regel 4: De regel noemt geen indicator."},
				{"/1/unit", "r.json, regel 4: Tel unieke cliënten (clients) of records (records), niet \"mensen\"."},
			}},
		{"duplicate", "[{\"indicator\": \"a\", \"version\": 1, \"source\": \"jbt\", \"unit\": \"records\", \"window\": \"gestart\"},\n{\"indicator\": \"a\", \"version\": 1, \"source\": \"jbt\", \"unit\": \"clients\", \"window\": \"gestart\"}]",
			[]problem{{"/1/version", "r.json, regel 2: Indicator \"a\" heeft versie 1 al in regel 1."}}},
		{"trailing", "[]\n[]", []problem{{"", "r.json, regel 2: Na de lijst van telregels staat nog iets."}}},
		{"unclosed", "[\n", []problem{{"", "r.json, regel 2: Geen geldige JSON: het bestand houdt midden in een regel op."}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := register.DecodeRules("r.json", []byte(tt.data))
			var e *koers.Error
			if !errors.As(err, &e) || e.Code != koers.EINVALID {
				t.Fatalf("error %v", err)
			}
			var got []problem
			for _, p := range e.Problems {
				got = append(got, problem{p.Pointer(), p.Message})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzDecodeRules: any input gives rules that validate, or located
// problems; never a panic.
func FuzzDecodeRules(f *testing.F) {
	if data, err := os.ReadFile("../demo/register/rules.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`[{"indicator": "a", "version": 1, "source": "werk", "unit": "clients", "window": "peildatum", "ref_date": "02-30"}]`))
	f.Add([]byte("[\n{,}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := register.DecodeRules("f.json", data)
		if err != nil {
			var e *koers.Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("unlocated error %v", err)
			}
			return
		}
		for i := range rules {
			if err := rules[i].Validate(); err != nil || rules[i].Indicator == "" {
				t.Fatalf("rule %d passed: %v", i, err)
			}
			_ = rules[i].Sentence()
		}
	})
}
