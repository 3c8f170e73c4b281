package dutch

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStemsMeet(t *testing.T) {
	pairs := [][2]string{{"uitkering", "uitkeringen"}, {"jongere", "jongeren"}, {"voorziening", "voorzieningen"}, {"geïnd", "geind"},
		{"maan", "manen"}, {"gelegenheid", "gelegenheden"}}
	for _, p := range pairs {
		if a, b := Stem(p[0]), Stem(p[1]); a != b {
			t.Errorf("%s -> %s, %s -> %s", p[0], a, p[1], b)
		}
	}
}

func TestQuery(t *testing.T) {
	if got := strings.Join(Query("De uitkeringen van de jongeren"), " "); got != "uitker jonger" {
		t.Errorf("Query = %q", got)
	}
	if got := Query("de het"); len(got) != 2 {
		t.Errorf("a query of stop words only keeps them: %v", got)
	}
}

// TestSnippet pins snippets and their highlights: which words are marked,
// where the window starts and ends, and the ellipses.
func TestSnippet(t *testing.T) {
	long := strings.Repeat("woord ", 40)
	for _, tt := range []struct {
		name, text, query string
		width             int
		want              string // matches in [brackets]
	}{
		{"plural and capital", "Het aantal Uitkeringen steeg; de uitkering daalde.", "uitkering", 30,
			"Het aantal [Uitkeringen] steeg; de [uitkering] daalde."},
		{"punctuation stays with the word", "Zie (uitkeringen), en verder.", "uitkeringen", 30, "Zie [(uitkeringen),] en verder."},
		{"accents meet", "Het geld is geïnd en geind.", "geind", 30, "Het geld is [geïnd] en [geind.]"},
		{"accents beyond ASCII", "De financiën van één gemeente.", "financien", 30, "De [financiën] van één gemeente."},
		{"undoubled vowel", "De maan en de manen.", "maan", 30, "De [maan] en de [manen.]"},
		{"heden becomes heid", "Vele gelegenheden, één gelegenheid.", "gelegenheid", 30,
			"Vele [gelegenheden,] één [gelegenheid.]"},
		{"several stems", "Jongeren met een uitkering en ouderen.", "uitkeringen jongere", 30,
			"[Jongeren] met een [uitkering] en ouderen."},
		{"a word within a field", "re-integratie/uitkeringen samen", "uitkering", 30, "[re-integratie/uitkeringen] samen"},
		{"a prefix alone is no match", "uitkeringsfraude en uitk", "uitkering", 30, "uitkeringsfraude en uitk"},
		{"no match: the start", long + "einde", "uitkering", 5, "woord woord woord woord woord …"},
		{"match late: ellipsis before", long + "de uitkeringen " + long, "uitkering", 6,
			"… woord de [uitkeringen] woord woord woord …"},
		{"match at the start", "Uitkeringen nemen toe " + long, "uitkering", 4, "[Uitkeringen] nemen toe woord …"},
		{"match at the end", "woord woord uitkeringen", "uitkering", 9, "woord woord [uitkeringen]"},
		{"spaces become one", "a\n\tb\u00a0 uitkering\r\nc", "uitkering", 30, "a b [uitkering] c"},
		{"width one", "x y uitkering z", "uitkering", 1, "… [uitkering] …"},
		{"empty text", "", "uitkering", 30, ""},
		{"stop words only", "Het is wat het is.", "het", 30, "[Het] is wat [het] is."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := show(Snippet(tt.text, Query(tt.query), tt.width)); got != tt.want {
				t.Errorf("Snippet(%q, %q, %d)\n got %q\nwant %q", tt.text, tt.query, tt.width, got, tt.want)
			}
		})
	}
}

func show(frags []Fragment) string {
	var b strings.Builder
	for _, f := range frags {
		if f.Match {
			b.WriteString("[" + f.Text + "]")
		} else {
			b.WriteString(f.Text)
		}
	}
	return b.String()
}

// TestSnippetAsStemmingAll compares the matcher, which stems only words
// that may match, with stemming every word (referenceSnippet) over random
// texts of Dutch words in many forms.
func TestSnippetAsStemmingAll(t *testing.T) {
	vocab := strings.Fields(`uitkering uitkeringen Uitkeringen jongere jongeren maan manen brood broden
		gelegenheid gelegenheden mogelijkheden financiën financien één een geïnd geind coördinatie
		heden heid kinderboerderij boa's re-integratie (zorg), zorgen Zorgverleners WMO Wmo-taken
		bakken bak gebakken 2022 2.3 € – … ondersteuning ondersteunde ondersteunen`)
	seps := []string{" ", " ", " ", "\n", "  ", "\u00a0", "\t"}
	r := rand.New(rand.NewPCG(10, 11))
	for n := range 3000 {
		var b strings.Builder
		for range r.IntN(60) {
			b.WriteString(vocab[r.IntN(len(vocab))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		text := b.String()
		query := vocab[r.IntN(len(vocab))] + " " + vocab[r.IntN(len(vocab))]
		width := 1 + r.IntN(20)
		stems := Query(query)
		if got, want := Snippet(text, stems, width), referenceSnippet(text, stems, width); !reflect.DeepEqual(got, want) {
			t.Fatalf("%d: Snippet(%q, %q, %d)\n got %q\nwant %q", n, text, query, width, show(got), show(want))
		}
	}
}

// referenceSnippet is the snippet by the definition: every field split,
// every word stemmed.
func referenceSnippet(text string, stems []string, width int) []Fragment {
	want := map[string]bool{}
	for _, s := range stems {
		want[s] = true
	}
	fields := strings.Fields(text)
	match := func(f string) bool {
		for _, w := range Words(f) {
			if want[Stem(w)] {
				return true
			}
		}
		return false
	}
	first := -1
	for i, f := range fields {
		if match(f) {
			first = i
			break
		}
	}
	start := 0
	if first > width/3 {
		start = first - width/3
	}
	end := min(start+width, len(fields))
	var out []Fragment
	add := func(s string, m bool) {
		if n := len(out); n > 0 && out[n-1].Match == m {
			out[n-1].Text += s
			return
		}
		out = append(out, Fragment{Text: s, Match: m})
	}
	if start > 0 {
		add("… ", false)
	}
	for i := start; i < end; i++ {
		if i > start {
			add(" ", false)
		}
		add(fields[i], first >= 0 && i >= first && match(fields[i]))
	}
	if end < len(fields) {
		add(" …", false)
	}
	return out
}

// TestStemKey holds the Snowball stemmer to what Matcher relies on: the
// lower-case word without accents starts with its stem less the last two
// letters. Words of the vocabulary the synthetic corpus and the demo use,
// and words built to meet every rule of the stemmer that changes letters
// (undoubling a vowel, "heden" to "heid").
func TestStemKey(t *testing.T) {
	words := strings.Fields(`uitkeringen jongeren voorzieningen gelegenheden mogelijkheden maan manen
		brood broden rood roden heden kinderboerderij financiën coördinatie één geïnd bakken gebakken
		ondersteunde passende inwoners maatwerkvoorzieningen woningcorporatie schuldhulpverlening
		jeugdgezondheidszorg eikenprocessierups straatverlichting hondenuitlaatplaats bruggenonderhoud
		naaien zeeën ideeën kopiëren baarden waarheden gewoonheden schoonheden vrijheden boa yoghurt
		ijsbaan bijbaan kleedkamer deelauto's energieën`)
	r := rand.New(rand.NewPCG(3, 4))
	letters := "aaaeeeeiioouuybcdfghjklmnprsttvwzëïé"
	endings := []string{"heden", "en", "ene", "heid", "baar", "lijk", "ing", "end", "ig", "se", "s", "e", "aan", "oot", "eed", "uuk"}
	for range 200000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			c, _ := utf8.DecodeRuneInString(letters[r.IntN(len(letters)):])
			if c == utf8.RuneError {
				c = 'a'
			}
			b.WriteRune(c)
		}
		if r.IntN(3) == 0 {
			b.WriteString(endings[r.IntN(len(endings))])
		}
		words = append(words, b.String())
	}
	for _, w := range words {
		checkStemKey(t, w)
	}
}

func checkStemKey(t *testing.T, text string) {
	for _, w := range Words(text) {
		if s := Stem(w); !strings.HasPrefix(fold(w), stemKey(s)) {
			t.Errorf("%q stems to %q, which does not start the word %q with its last two letters left out", w, s, fold(w))
		}
	}
}

// FuzzStemKey looks for a word whose stem breaks TestStemKey's rule.
func FuzzStemKey(f *testing.F) {
	for _, s := range []string{"uitkeringen", "gelegenheden", "maan", "geïnd", "financiën"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if utf8.ValidString(s) {
			checkStemKey(t, s)
		}
	})
}

func BenchmarkSnippet(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	vocab := strings.Fields(`de het een inwoners gemeente ondersteuning zorg jeugd wijk samen regio beleid
		uitvoering budget voorziening aanbod partners onderwijs werk inkomen wonen veiligheid kwaliteit`)
	var t strings.Builder
	for range 1600 {
		t.WriteString(vocab[r.IntN(len(vocab))] + " ")
	}
	text := t.String() + "uitkeringen"
	stems := Query("uitkering")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Snippet(text, stems, 30)
	}
}
