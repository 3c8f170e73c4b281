// Package markup reads and writes the content of a text block as a small
// subset of Markdown, the form the back office's editor shows in a
// textarea: "## " headings, paragraphs, "- " bulleted and "1. " numbered
// lists. Text elements are plain text, so emphasis, code and links are
// read as their text (a link's address in brackets after it), and raw
// HTML is refused: it is never passed on as HTML. Parse uses goldmark's
// CommonMark parser; Format writes what Parse reads back to the same
// elements.
package markup

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Field is the block field Parse's problems are at.
const Field = "content"

// mdParser is goldmark's CommonMark parser without extensions; it is safe
// for concurrent use.
var mdParser = parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...))

// Parse reads the Markdown of a text block into its elements. Problems
// have the path ["content", line] and a Dutch message that starts with
// the line number; with problems the elements are nil.
func Parse(src string) ([]koers.TextElement, koers.Problems) {
	if !utf8.ValidString(src) {
		return nil, koers.Problems{{Path: []any{Field}, Message: "De tekst is geen geldige UTF-8-tekst."}}
	}
	src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	src = strings.ReplaceAll(src, "\x00", "")
	source := []byte(src)
	r := &reader{source: source}
	doc := mdParser.Parse(text.NewReader(source))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		r.block(n)
	}
	if len(r.ps) > 0 {
		return nil, r.ps
	}
	if len(r.out) == 0 {
		return nil, koers.Problems{{Path: []any{Field}, Message: "De tekst is leeg; een tekstblok heeft ten minste één alinea, kop of lijst."}}
	}
	return r.out, nil
}

type reader struct {
	source []byte
	out    []koers.TextElement
	ps     koers.Problems
}

// line is the 1-based line of a byte offset.
func (r *reader) line(offset int) int { return bytes.Count(r.source[:offset], []byte("\n")) + 1 }

// lineOf is the first line of a node, or of its nearest ancestor with a
// known place.
func (r *reader) lineOf(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if o := offset(n); o >= 0 && o <= len(r.source) {
			return r.line(o)
		}
	}
	return 1
}

// offset is where a node or its first placed descendant starts, or -1.
func offset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := offset(c); o >= 0 {
			return o
		}
	}
	return -1
}

func (r *reader) problem(n ast.Node, format string, args ...any) {
	line := r.lineOf(n)
	r.ps = append(r.ps, koers.Problem{Path: []any{Field, line}, Message: fmt.Sprintf("Regel %d: ", line) + fmt.Sprintf(format, args...)})
}

func (r *reader) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		if s := r.inline(n); s == "" {
			r.problem(n, "de kop is leeg")
		} else {
			r.out = append(r.out, koers.TextElement{Type: koers.SubHeading, Text: s})
		}
	case *ast.Paragraph, *ast.TextBlock:
		if s := r.inline(n); s != "" {
			r.out = append(r.out, koers.TextElement{Type: koers.Paragraph, Text: s})
		}
	case *ast.List:
		el := koers.TextElement{Type: koers.List, Ordered: n.IsOrdered()}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			switch c := item.FirstChild(); {
			case c == nil:
				r.problem(n, "een lijst heeft een leeg punt")
			case c.NextSibling() != nil:
				r.problem(c.NextSibling(), "een punt van een lijst is één alinea: geen tweede alinea of geneste lijst")
			case c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock:
				r.problem(c, "een punt van een lijst is één alinea: geen kop, lijst of ander blok")
			default:
				if s := r.inline(c); s == "" {
					r.problem(c, "een lijst heeft een leeg punt")
				} else {
					el.Items = append(el.Items, s)
				}
			}
		}
		r.out = append(r.out, el)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		// Code is read as a paragraph of its lines: koers has no code.
		var parts []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			if s := strings.Join(strings.Fields(string(seg.Value(r.source))), " "); s != "" {
				parts = append(parts, s)
			}
		}
		if len(parts) > 0 {
			r.out = append(r.out, koers.TextElement{Type: koers.Paragraph, Text: strings.Join(parts, " ")})
		}
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.block(c)
		}
	case *ast.HTMLBlock:
		r.problem(n, "HTML is niet toegestaan; zet een \\ voor de < om hem als tekst te schrijven")
	case *ast.ThematicBreak:
		r.problem(n, "een horizontale lijn (---) kan niet in een tekstblok; begin een nieuw blok")
	default:
		r.problem(n, "dit soort opmaak wordt niet ondersteund")
	}
}

// inline is the plain text of a block's inline content, whitespace
// collapsed: line breaks become spaces.
func (r *reader) inline(n ast.Node) string {
	var b strings.Builder
	r.text(&b, n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (r *reader) text(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(r.source)
			if !c.IsRaw() {
				v = resolve(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			v := c.Value
			if !c.IsRaw() && !c.IsCode() {
				v = resolve(v)
			}
			b.Write(v)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(r.source))
				case *ast.String:
					b.Write(t.Value)
				}
			}
		case *ast.AutoLink:
			b.Write(c.URL(r.source))
		case *ast.Link:
			var label strings.Builder
			r.text(&label, c)
			b.WriteString(label.String())
			if dest := string(resolve(c.Destination)); dest != "" && dest != strings.TrimSpace(label.String()) {
				b.WriteString(" (" + dest + ")")
			}
		case *ast.RawHTML:
			r.problem(n, "HTML is niet toegestaan; zet een \\ voor de < om hem als tekst te schrijven")
		default: // emphasis, images: their text
			r.text(b, c)
		}
	}
}

// resolve reads backslash escapes and character references as the
// characters they stand for.
func resolve(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// Format writes text elements as the Markdown Parse reads: elements
// separated by a blank line, text escaped where Markdown would read it
// otherwise. Two lists in a row alternate their markers so that they stay
// two lists.
func Format(elements []koers.TextElement) string {
	var b strings.Builder
	alt := false // whether the list before used the other markers
	for i, el := range elements {
		if i > 0 {
			b.WriteString("\n")
		}
		switch el.Type {
		case koers.SubHeading:
			b.WriteString("## " + escape(el.Text, false) + "\n")
		case koers.List:
			alt = i > 0 && elements[i-1].Type == koers.List && elements[i-1].Ordered == el.Ordered && !alt
			for j, it := range el.Items {
				switch {
				case el.Ordered && alt:
					fmt.Fprintf(&b, "%d) ", j+1)
				case el.Ordered:
					fmt.Fprintf(&b, "%d. ", j+1)
				case alt:
					b.WriteString("* ")
				default:
					b.WriteString("- ")
				}
				b.WriteString(escape(it, true) + "\n")
			}
		default:
			b.WriteString(escape(el.Text, true) + "\n")
		}
	}
	return b.String()
}

// escape writes plain text so that Markdown reads it as that text: the
// characters of inline markup escaped, "&" as a character reference, and
// what would start a block at the beginning of the line escaped.
func escape(s string, lineStart bool) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '!':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	if !lineStart || out == "" {
		return out
	}
	switch out[0] {
	case '-', '+', '=', '~', '|':
		return "\\" + out
	}
	// "2022. was" would start a numbered list.
	d := 0
	for d < len(out) && out[d] >= '0' && out[d] <= '9' {
		d++
	}
	if d > 0 && d < len(out) && (out[d] == '.' || out[d] == ')') && (d+1 == len(out) || out[d+1] == ' ') {
		return out[:d] + "\\" + out[d:]
	}
	return out
}
