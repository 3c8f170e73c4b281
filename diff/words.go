package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op is what a span of a comparison is.
type Op int

// The ops.
const (
	Equal Op = iota
	Insert
	Delete
)

// Span is a run of text that both versions share, or that only the new
// (Insert) or the old one (Delete) has.
type Span struct {
	Op   Op
	Text string
}

// Changed reports whether any span is an insertion or deletion.
func Changed(spans []Span) bool {
	for _, s := range spans {
		if s.Op != Equal {
			return true
		}
	}
	return false
}

// Plain is the text spans spell in the new version, or in the old one
// when they spell nothing new (a removed thing): for captions and labels.
func Plain(spans []Span) string {
	var old, new strings.Builder
	for _, s := range spans {
		if s.Op != Insert {
			old.WriteString(s.Text)
		}
		if s.Op != Delete {
			new.WriteString(s.Text)
		}
	}
	if new.Len() == 0 {
		return old.String()
	}
	return new.String()
}

// Words compares two texts word by word: a changed word is deleted and
// inserted whole, never in part, and the spaces and punctuation between
// words are tokens of their own.
func Words(before, after string) []Span {
	if before == after {
		if before == "" {
			return nil
		}
		return []Span{{Equal, before}}
	}
	tokens := map[string]rune{}
	var table []string
	encode := func(s string) []rune {
		var out []rune
		for _, t := range tokenize(s) {
			r, ok := tokens[t]
			if !ok {
				r = tokenRune(len(table))
				tokens[t] = r
				table = append(table, t)
			}
			out = append(out, r)
		}
		return out
	}
	a, b := encode(before), encode(after)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // exact: the texts of one block are short
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(a, b, false))
	spans := make([]Span, 0, len(diffs))
	for _, d := range diffs {
		var text strings.Builder
		for _, r := range d.Text {
			text.WriteString(table[runeToken(r)])
		}
		op := Equal
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = Insert
		case diffmatchpatch.DiffDelete:
			op = Delete
		}
		if n := len(spans); n > 0 && spans[n-1].Op == op {
			spans[n-1].Text += text.String()
			continue
		}
		spans = append(spans, Span{op, text.String()})
	}
	return spans
}

// tokenRune and runeToken map the i-th distinct token to a rune of the
// supplementary private use planes and back: the diff compares runes.
// 131,068 distinct tokens fit, far more than a block has.
const tokenBase = 0xF0000

func tokenRune(i int) rune {
	if i >= 0x20000-4 {
		panic("diff: too many distinct words")
	}
	return rune(tokenBase + i)
}

func runeToken(r rune) int { return int(r - tokenBase) }

// tokenize splits s into words (letters, digits and the marks and
// joiners inside a word: "maatwerk-voorziening", "2,5%", "d.d.") and the
// single characters between them.
func tokenize(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if wordRune(r) || (start >= 0 && joiner(r) && i+utf8.RuneLen(r) < len(s) && wordRune(firstRune(s[i+utf8.RuneLen(r):]))) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		out = append(out, s[i:i+utf8.RuneLen(r)])
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joiner is a character that joins two words into one: "11,6", "e-mail",
// "'s".
func joiner(r rune) bool { return r == ',' || r == '.' || r == '-' || r == '\'' || r == '’' }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
