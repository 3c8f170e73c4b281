package pdfcheck

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// inline are the roles whose text runs on in their parent's, not as a
// block of its own.
var inline = map[string]bool{
	"Span": true, "Link": true, "Quote": true, "Reference": true, "Lbl": true, "Code": true,
	"NonStruct": true, "Annot": true, "Ruby": true, "RB": true, "RT": true, "RP": true, "BibEntry": true,
}

func (d *Doc) mcidIndex() map[mcidKey]string {
	if d.mcids == nil {
		d.mcids = map[mcidKey]string{}
		for _, p := range d.Pages {
			for _, m := range p.Marked {
				if m.MCID >= 0 && !m.Artifact {
					d.mcids[mcidKey{p.Number, m.MCID}] += m.Text
				}
			}
		}
	}
	return d.mcids
}

// ElementText returns the text of e's marked content and its descendants',
// in tree order, white space collapsed.
func (d *Doc) ElementText(e *Element) string {
	var sb strings.Builder
	d.text(&sb, e, 0)
	return strings.Join(strings.Fields(sb.String()), " ")
}

func (d *Doc) text(sb *strings.Builder, e *Element, depth int) {
	if depth > 256 {
		return
	}
	idx := d.mcidIndex()
	for _, k := range e.Kids {
		switch k.Kind {
		case KidMCID:
			sb.WriteString(idx[mcidKey{k.Page, k.MCID}])
		case KidElem:
			d.text(sb, k.Elem, depth+1)
			if !inline[k.Elem.Role] {
				sb.WriteByte('\n')
			}
		}
	}
}

// TreeText returns the text of the structure tree in tree order: the
// marked content each element lists, a line per block element (inline
// ones, as Span and Link, run on). Alternate text is left out: it is not
// on the page.
func TreeText(doc *Doc) string {
	if doc.Root == nil {
		return ""
	}
	var sb strings.Builder
	doc.text(&sb, doc.Root, 0)
	var lines []string
	for _, l := range strings.Split(sb.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// fold makes text from the PDF and from pdftotext comparable: no white
// space, ligatures spelt out, soft hyphens gone.
var fold = strings.NewReplacer("ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi", "ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st", "\u00ad", "")

func squeeze(s string) []rune {
	s = fold.Replace(s)
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// Divergence is where pdftotext's text and the tagged text part.
type Divergence struct {
	Page    int    // 1-based page of pdftotext's text; 0 at the end
	Word    string // pdftotext's word that neither the tagged text nor an artifact has next
	Before  string // pdftotext's words before it
	Tagged  string // the tagged text from where it was expected
	Message string
}

func (d *Divergence) Error() string { return d.Message }

// treeRunes returns the tagged text in tree order without white space,
// leaving out figures, and the figures' text per page as a bag of runes.
func treeRunes(doc *Doc) ([]rune, map[int]map[rune]int) {
	var sb strings.Builder
	figures := map[int]map[rune]int{}
	idx := doc.mcidIndex()
	var walk func(e *Element, figure bool, depth int)
	walk = func(e *Element, figure bool, depth int) {
		if depth > 256 {
			return
		}
		figure = figure || e.Role == "Figure"
		for _, k := range e.Kids {
			switch k.Kind {
			case KidMCID:
				t := idx[mcidKey{k.Page, k.MCID}]
				if !figure {
					sb.WriteString(t)
					continue
				}
				if figures[k.Page] == nil {
					figures[k.Page] = map[rune]int{}
				}
				for _, r := range squeeze(t) {
					figures[k.Page][r]++
				}
			case KidElem:
				walk(k.Elem, figure, depth+1)
			}
		}
	}
	if doc.Root != nil {
		walk(doc.Root, false, 0)
	}
	return squeeze(sb.String()), figures
}

// CompareOrder checks the tree's reading order against text, the output
// of pdftotext -raw (pages separated by form feeds). Every word of text
// must be the next piece of the tagged text (TreeText, white space aside),
// or the next piece of one of its page's artifacts, or text drawn in a
// figure on that page (in any order: a chart's labels are read as its
// Alt), and the tagged text must be used up at the end. A word may run
// from one into the other, as a dot leader (an artifact) into the page
// number after it. It returns nil when they agree, or the first
// divergence with its context.
//
// pdftotext -raw keeps the order the content stream draws the text in;
// its default mode reorders text by its own column detection, which reads
// a table's cells column by column and moves a heading above a table to
// after it, so it cannot serve as the reference. koers draws each page top
// to bottom, so the drawing order is the visual order.
func CompareOrder(doc *Doc, text string) *Divergence {
	tagged, figures := treeRunes(doc)
	type cursor struct {
		text []rune
		at   int
	}
	pages := strings.Split(text, "\f")
	ti := 0
	for pi, pageText := range pages {
		var arts []*cursor
		if pi < len(doc.Pages) {
			for _, a := range doc.Pages[pi].ArtifactText() {
				arts = append(arts, &cursor{text: squeeze(a)})
			}
		}
		figure := figures[pi+1]
		words := strings.Fields(pageText)
		for wi, word := range words {
			next := []rune(nil)
			if wi+1 < len(words) {
				next = squeeze(words[wi+1])
			}
			// take matches w (the rest of word) with pieces of the
			// tagged text, the artifacts and the figures, longest
			// first, going back on a choice that leaves a rest nothing
			// takes.
			var take func(w []rune, depth int) bool
			take = func(w []rune, depth int) bool {
				if len(w) == 0 {
					return true
				}
				if depth == 4 {
					return false
				}
				type choice struct {
					n   int
					art *cursor // nil for the tagged text
				}
				var choices []choice
				if n := common(tagged[ti:], w); n > 0 {
					choices = append(choices, choice{n, nil})
				}
				for _, a := range arts {
					if n := common(a.text[a.at:], w); n > 0 {
						choices = append(choices, choice{n, a})
					}
				}
				// The longest first (a whole word before the figures'
				// text, a piece of it after); on a tie, an artifact under way, or
				// at the end of the page, before the tagged text, and the
				// tagged text first where the next word goes on with it.
				rank := func(c choice) int {
					r := c.n * 4
					switch {
					case c.art != nil && (c.art.at > 0 || next == nil):
						r += 3
					case c.art == nil && c.n == len(w) && common(tagged[ti+c.n:], next) > 0:
						r += 2
					case c.art != nil:
						r++
					}
					return r
				}
				slices.SortStableFunc(choices, func(x, y choice) int { return rank(y) - rank(x) })
				for i, c := range choices {
					if c.n < len(w) && (i == 0 || choices[i-1].n == len(w)) && inBag(figure, w) {
						// A figure's text before splitting the word.
						for _, r := range w {
							figure[r]--
						}
						return true
					}
					if c.art == nil {
						ti += c.n
						if take(w[c.n:], depth+1) {
							return true
						}
						ti -= c.n
					} else {
						c.art.at += c.n
						if take(w[c.n:], depth+1) {
							return true
						}
						c.art.at -= c.n
					}
				}
				if inBag(figure, w) {
					for _, r := range w {
						figure[r]--
					}
					return true
				}
				return false
			}
			if !take(squeeze(word), 0) {
				before := strings.Join(words[max(0, wi-8):wi], " ")
				rest := string(tagged[ti:min(len(tagged), ti+60)])
				return &Divergence{Page: pi + 1, Word: word, Before: before, Tagged: rest,
					Message: fmt.Sprintf("page %d: pdftotext has %q after %q, where the tagged text goes on with %q and no artifact or figure of the page has it next", pi+1, word, before, rest)}
			}
		}
	}
	if ti < len(tagged) {
		rest := string(tagged[ti:min(len(tagged), ti+60)])
		return &Divergence{Tagged: rest, Message: fmt.Sprintf("pdftotext's text ends where the tagged text goes on with %q", rest)}
	}
	return nil
}

// common returns the length of the common prefix of s and p.
func common(s, p []rune) int {
	n := 0
	for n < len(s) && n < len(p) && s[n] == p[n] {
		n++
	}
	return n
}

// inBag says whether bag holds every rune of w.
func inBag(bag map[rune]int, w []rune) bool {
	need := map[rune]int{}
	for _, r := range w {
		need[r]++
	}
	for r, n := range need {
		if bag[r] < n {
			return false
		}
	}
	return true
}
