// Package dutch analyses Dutch text for search: it splits text into words,
// reduces them to their Snowball stems ("uitkeringen" and "uitkering" both
// become "uitker"), and cuts snippets around the words a query matched.
// Stores use it to index pages; the site uses it to highlight results.
package dutch

import (
	"strings"
	"unicode"
	"unicode/utf8"

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

// fold removes accents. It composes what is left, so that a letter the
// stemmer saw as one (a Hangul syllable) stays one.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
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
// match it returns the start of the text. It is NewMatcher(stems).Snippet.
func Snippet(text string, stems []string, width int) []Fragment {
	return NewMatcher(stems).Snippet(text, width)
}

// A Matcher finds the words of texts that match a query's stems. Stemming
// is what costs, so it stems only the words that can match: a word's
// Snowball stem is the lower-case word without accents, cut short, except
// that its last two letters may differ ("maan" becomes "man", "...heden"
// "...heid"; TestStemKey and FuzzStemKey hold the stemmer to this). A word
// that does not start with a stem less its last two letters cannot have
// that stem, and is passed over unstemmed. A Matcher remembers the words
// it stemmed; it is for one goroutine, and one query's results.
type Matcher struct {
	want map[string]bool
	keys []string // the stems less their last two letters
	// firsts marks the lower-case first letters of the keys: most words
	// are passed over at theirs.
	firsts [256]bool
	seen   map[string]bool // word -> whether it matches
	buf    []byte
}

// NewMatcher returns a matcher of the stems (as Query returns them).
func NewMatcher(stems []string) *Matcher {
	m := &Matcher{want: map[string]bool{}, seen: map[string]bool{}}
	for _, s := range stems {
		if s == "" || m.want[s] {
			continue
		}
		m.want[s] = true
		m.keys = append(m.keys, stemKey(s))
		m.firsts[s[0]] = true
	}
	return m
}

// stemKey is what a word must start with to have the stem s: s less its
// last two letters, at least its first. Letters, not bytes: the stemmer
// may undouble the vowel before a letter of three bytes ("αaa뗜" stems to
// "αa뗜").
func stemKey(s string) string {
	end := len(s)
	for range 2 {
		_, size := utf8.DecodeLastRuneInString(s[:end])
		end -= size
	}
	if end == 0 && s != "" {
		_, end = utf8.DecodeRuneInString(s)
	}
	return s[:end]
}

// word reports whether w, a word of ASCII letters and digits in any case,
// has one of the stems.
func (m *Matcher) word(w string) bool {
	m.buf = m.buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		m.buf = append(m.buf, c)
	}
	return m.candidate(m.buf) && m.stemmed(string(m.buf))
}

// candidate reports whether the lower-case word w can have one of the
// stems.
func (m *Matcher) candidate(w []byte) bool {
	for _, k := range m.keys {
		if len(w) >= len(k) && string(w[:len(k)]) == k {
			return true
		}
	}
	return false
}

// stemmed reports whether the lower-case word w has one of the stems.
func (m *Matcher) stemmed(w string) bool {
	if hit, ok := m.seen[w]; ok {
		return hit
	}
	hit := m.want[Stem(w)]
	if len(m.seen) < maxSeen {
		m.seen[w] = hit
	}
	return hit
}

// maxSeen bounds the words a Matcher remembers.
const maxSeen = 4096

// field finds the first field of text at or after pos (a run of
// characters that are not spaces, as strings.Fields splits), and whether
// it holds a word that matches, as Words splits it: "(uitkeringen),"
// matches "uitkering". Done in one pass for ASCII, in which most words are
// passed over at their first letter.
func (m *Matcher) field(text string, pos int) (f span, match, ok bool) {
	i := pos
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSpace[c] == 0 {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	if i == len(text) {
		return span{}, false, false
	}
	start, ascii := i, true
	word := -1 // start of the word being read, if it may match
	inWord := false
	for ; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				break
			}
			ascii = false
			i += size - 1
			continue
		}
		if asciiSpace[c] == 1 {
			break
		}
		if !ascii || match {
			continue
		}
		switch alnum := asciiWord[c] == 1; {
		case alnum && !inWord:
			inWord, word = true, -1
			if m.firsts[c|0x20] {
				word = i
			}
		case !alnum && inWord:
			inWord = false
			match = word >= 0 && m.word(text[word:i])
		}
	}
	if !ascii {
		return span{start, i}, m.matchSlow(text[start:i]), true
	}
	if inWord && !match && word >= 0 {
		match = m.word(text[word:i])
	}
	return span{start, i}, match, true
}

// matchSlow is field's match for a field with letters beyond ASCII, which
// need Unicode's lower case and letters, and whose accents the stem drops.
func (m *Matcher) matchSlow(field string) bool {
	for _, w := range Words(field) {
		if m.candidate([]byte(fold(w))) && m.stemmed(w) {
			return true
		}
	}
	return false
}

// Snippet returns about width words of text around the first word that
// matches, with the matching words marked; without a match, the start of
// the text. Words are the text's space-separated fields, spaces shown as
// one; an ellipsis marks text left out before and after. Its work is one
// pass over the text up to the first match plus the words shown, and a
// stem only for a word that may match: a caller bounds the work by
// bounding the text.
func (m *Matcher) Snippet(text string, width int) []Fragment {
	width = max(width, 1)
	before := width / 3
	// The last fields before the first match, in a ring: the snippet
	// starts with up to before of them.
	ring := make([]span, 0, before)
	next := 0 // where the oldest field in a full ring is
	skipped := false
	first, found := span{}, false
	for pos := 0; ; {
		f, match, ok := m.field(text, pos)
		if !ok {
			break
		}
		pos = f.end
		if match {
			first, found = f, true
			break
		}
		switch {
		case before == 0:
			skipped = true
		case len(ring) < before:
			ring = append(ring, f)
		default:
			ring[next], next, skipped = f, (next+1)%before, true
		}
	}
	// Fragments are built in one buffer, and cut from it at the end.
	var out []Fragment
	var buf []byte
	var ends []int
	add := func(s string, match bool) {
		if n := len(out); n == 0 || out[n-1].Match != match {
			if n > 0 {
				ends = append(ends, len(buf))
			}
			out = append(out, Fragment{Match: match})
		}
		buf = append(buf, s...)
	}
	done := func() []Fragment {
		all, start := string(buf), 0
		for i, end := range append(ends, len(buf)) {
			if i < len(out) {
				out[i].Text, start = all[start:end], end
			}
		}
		return out
	}
	shown := 0
	pos := 0
	if found {
		if skipped {
			add("… ", false)
		}
		for i := range ring {
			f := ring[(next+i)%len(ring)]
			if shown > 0 {
				add(" ", false)
			}
			add(text[f.start:f.end], false)
			shown++
		}
		if shown > 0 {
			add(" ", false)
		}
		add(text[first.start:first.end], true)
		shown++
		pos = first.end
	}
	for ; shown < width; shown++ {
		f, match, ok := m.field(text, pos)
		if !ok {
			return done()
		}
		pos = f.end
		if shown > 0 {
			add(" ", false)
		}
		add(text[f.start:f.end], found && match)
	}
	if more(text, pos) {
		add(" …", false)
	}
	return done()
}

// span is where a field is in a text.
type span struct{ start, end int }

// more reports whether text has anything but spaces from pos on.
func more(text string, pos int) bool {
	return strings.TrimLeftFunc(text[pos:], unicode.IsSpace) != ""
}

var asciiSpace = [256]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

// asciiWord marks the ASCII letters and digits, of which Words makes words.
var asciiWord = func() (t [256]uint8) {
	for c := range 256 {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			t[c] = 1
		}
	}
	return t
}()

// stopWords are frequent Dutch words a query means little by.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`de het een en van in op te dat die is voor met aan er om ook als bij
		of naar zijn uit door over we wij ze zij niet nog dan tot worden wordt deze dit
		wat hoe waar wie al maar zo meer hun haar hij ik je u ons onze zich was werd`) {
		stopWords[w] = true
	}
}
