package pdfcheck

import (
	"fmt"
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

// CompareOrder checks the tree's reading order against text, the output
// of pdftotext (pages separated by form feeds): every word of text must be
// the next piece of the tagged text (TreeText, white space aside) or the
// next piece of one of its page's artifacts, and the tagged text must be
// used up at the end. It returns nil when they agree, or the first
// divergence with its context.
//
// pdftotext is run in its default mode, which orders the text by its
// place on the page (in reading order as poppler sees it), not as the
// content stream draws it (-raw): so it checks that the tree's order is
// the visual order.
func CompareOrder(doc *Doc, text string) *Divergence {
	tagged := squeeze(TreeText(doc))
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
		words := strings.Fields(pageText)
		matchArt := func(w []rune) *cursor {
			for _, a := range arts {
				if hasPrefix(a.text[a.at:], w) {
					return a
				}
			}
			return nil
		}
		for wi, word := range words {
			w := squeeze(word)
			inTree := hasPrefix(tagged[ti:], w)
			art := matchArt(w)
			if inTree && art != nil && wi+1 < len(words) {
				// Both could take it: the one the next word continues.
				next := squeeze(words[wi+1])
				if !hasPrefix(tagged[ti+len(w):], next) {
					inTree = false
				}
			}
			switch {
			case inTree:
				ti += len(w)
			case art != nil:
				art.at += len(w)
			default:
				before := strings.Join(words[max(0, wi-8):wi], " ")
				rest := string(tagged[ti:min(len(tagged), ti+60)])
				return &Divergence{Page: pi + 1, Word: word, Before: before, Tagged: rest,
					Message: fmt.Sprintf("page %d: pdftotext has %q after %q, where the tagged text goes on with %q and no artifact of the page has it next", pi+1, word, before, rest)}
			}
		}
	}
	if ti < len(tagged) {
		rest := string(tagged[ti:min(len(tagged), ti+60)])
		return &Divergence{Tagged: rest, Message: fmt.Sprintf("pdftotext's text ends where the tagged text goes on with %q", rest)}
	}
	return nil
}

func hasPrefix(s, p []rune) bool {
	if len(p) > len(s) {
		return false
	}
	for i := range p {
		if s[i] != p[i] {
			return false
		}
	}
	return true
}
