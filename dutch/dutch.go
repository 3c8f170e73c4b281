// Package dutch analyses Dutch text for search: it splits text into words,
// reduces them to their Snowball stems ("uitkeringen" and "uitkering" both
// become "uitker"), and cuts snippets around the words a query matched.
// Stores use it to index pages; the site uses it to highlight results.
package dutch

import (
	"strings"
	"unicode"

	"github.com/blevesearch/snowballstem"
	snowball "github.com/blevesearch/snowballstem/dutch"
	"golang.org/x/text/unicode/norm"
)

// Words splits text into lower-case words of letters and digits, keeping
// accents ("één", "coöperatie").
func Words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Stem returns the Snowball stem of one lower-case word, without accents so
// that "geïnd" and "geind" meet.
func Stem(word string) string {
	env := snowballstem.NewEnv(word)
	snowball.Stem(env)
	return fold(env.Current())
}

// fold removes accents.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Stems is the text as space-separated stems, for a full-text index.
func Stems(text string) string {
	words := Words(text)
	for i, w := range words {
		words[i] = Stem(w)
	}
	return strings.Join(words, " ")
}

// Query returns the distinct stems of a search query, without stop words
// (unless the query is nothing but stop words).
func Query(q string) []string {
	var out, stops []string
	seen := map[string]bool{}
	for _, w := range Words(q) {
		s := Stem(w)
		if seen[s] {
			continue
		}
		seen[s] = true
		if stopWords[w] {
			stops = append(stops, s)
			continue
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return stops
	}
	return out
}

// Fragment is a piece of a snippet; Match marks a word the query found.
type Fragment struct {
	Text  string
	Match bool
}

// Snippet returns about width words of text around the first word that
// matches one of the stems, with the matching words marked. Without a
// match it returns the start of the text.
func Snippet(text string, stems []string, width int) []Fragment {
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
	// Stem only up to the first match, then only the window around it.
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
	matches := make([]bool, len(fields))
	for i := start; i < end; i++ {
		matches[i] = i == first || (first >= 0 && i > first && match(fields[i]))
	}
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
		add(fields[i], matches[i])
	}
	if end < len(fields) {
		add(" …", false)
	}
	return out
}

// stopWords are frequent Dutch words a query means little by.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`de het een en van in op te dat die is voor met aan er om ook als bij
		of naar zijn uit door over we wij ze zij niet nog dan tot worden wordt deze dit
		wat hoe waar wie al maar zo meer hun haar hij ik je u ons onze zich was werd`) {
		stopWords[w] = true
	}
}
