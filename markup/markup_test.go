package markup

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

func para(s string) koers.TextElement { return koers.TextElement{Type: koers.Paragraph, Text: s} }
func head(s string) koers.TextElement { return koers.TextElement{Type: koers.SubHeading, Text: s} }
func list(ordered bool, items ...string) koers.TextElement {
	return koers.TextElement{Type: koers.List, Ordered: ordered, Items: items}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []koers.TextElement
	}{
		{"paragraphs", "Eerste regel\nloopt door.\n\nTweede alinea.", []koers.TextElement{para("Eerste regel loopt door."), para("Tweede alinea.")}},
		{"heading and lists", "## Kop\n\n- een\n- twee\n\n1. drie\n2. vier\n", []koers.TextElement{head("Kop"), list(false, "een", "twee"), list(true, "drie", "vier")}},
		{"windows line endings", "## Kop\r\n\r\nTekst.\r\n", []koers.TextElement{head("Kop"), para("Tekst.")}},
		{"emphasis and code as text", "Een *nadruk* en `code`.", []koers.TextElement{para("Een nadruk en code.")}},
		{"link keeps its address", "Zie [de site](https://example.nl).", []koers.TextElement{para("Zie de site (https://example.nl).")}},
		{"escapes and entities", `\*ster\* &amp; 1 \< 2`, []koers.TextElement{para("*ster* & 1 < 2")}},
		{"other heading levels", "# Een\n### Drie", []koers.TextElement{head("Een"), head("Drie")}},
		{"indented code is a paragraph", "    regel een\n    regel twee", []koers.TextElement{para("regel een regel twee")}},
		{"a list right after a paragraph", "Tekst:\n- a\n- b", []koers.TextElement{para("Tekst:"), list(false, "a", "b")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := Parse(tt.in)
			if ps != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %#v, %v; want %#v", tt.in, got, ps, tt.want)
			}
		})
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want koers.Problems
	}{
		{"html block", "Tekst.\n\n<div>x</div>", koers.Problems{{Path: []any{"content", 3}, Message: "Regel 3: HTML is niet toegestaan; zet een \\ voor de < om hem als tekst te schrijven"}}},
		{"inline html", "Tekst\nmet <b>vet</b>.", koers.Problems{{Path: []any{"content", 1}, Message: "Regel 1: HTML is niet toegestaan; zet een \\ voor de < om hem als tekst te schrijven"}, {Path: []any{"content", 1}, Message: "Regel 1: HTML is niet toegestaan; zet een \\ voor de < om hem als tekst te schrijven"}}},
		{"nested list", "- a\n  - b", koers.Problems{{Path: []any{"content", 2}, Message: "Regel 2: een punt van een lijst is één alinea: geen tweede alinea of geneste lijst"}}},
		{"empty heading", "Tekst.\n\n##\n", koers.Problems{{Path: []any{"content", 3}, Message: "Regel 3: de kop is leeg"}}},
		{"rule", "a\n\n***\n", koers.Problems{{Path: []any{"content", 3}, Message: "Regel 3: een horizontale lijn (---) kan niet in een tekstblok; begin een nieuw blok"}}},
		{"empty", " \n\n", koers.Problems{{Path: []any{"content"}, Message: "De tekst is leeg; een tekstblok heeft ten minste één alinea, kop of lijst."}}},
		{"invalid utf-8", "a\xff", koers.Problems{{Path: []any{"content"}, Message: "De tekst is geen geldige UTF-8-tekst."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ps := Parse(tt.in)
			if got != nil || !reflect.DeepEqual(ps, tt.want) {
				t.Errorf("Parse(%q) = %#v, %#v; want problems %#v", tt.in, got, ps, tt.want)
			}
		})
	}
}

func TestFormatRoundTrip(t *testing.T) {
	tests := [][]koers.TextElement{
		{para("*ster* _laag_ [haak] <tag> & &amp; \\ `code` #1 !x")},
		{para("- geen lijst"), para("2022. Geen lijst"), para("1.992 inwoners"), para("# geen kop"), para("> geen citaat"), para("```")},
		{list(false, "a", "b"), list(false, "c"), list(false, "d"), list(true, "e"), list(true, "f")},
		{head("Kop #"), list(false, "- min", "1. een", "+ plus")},
		{para("<div>"), para("===")},
	}
	for _, els := range tests {
		md := Format(els)
		got, ps := Parse(md)
		if ps != nil || !reflect.DeepEqual(got, els) {
			t.Errorf("Parse(Format(%#v)) = %#v, %v\nMarkdown:\n%s", els, got, ps, md)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"## Kop\n\ntekst\n\n- a\n- b\n\n1. c", "<div>", "*a* [b](c) `d` &amp;", "- a\n\n  b", "> - x\n> - y", "1) a\n\n1. b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		els, ps := Parse(s)
		if ps != nil {
			if els != nil {
				t.Fatalf("Parse(%q) gave elements and problems", s)
			}
			return
		}
		md := Format(els)
		again, ps := Parse(md)
		if ps != nil || !reflect.DeepEqual(again, els) {
			t.Fatalf("round trip of %q:\nelements %#v\nMarkdown %q\nagain %#v, %v", s, els, md, again, ps)
		}
		doc := &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "T", Slug: "t",
			Pages: []*koers.Page{{Kind: koers.PlainPage, Title: "P", Slug: "p", Blocks: []koers.Block{{Type: koers.TextBlock, Content: els}}}}}
		if err := koers.ValidateDocument(&koers.Organisation{Slug: "o", Name: "O"}, doc); err != nil {
			t.Fatalf("Parse(%q) gave an invalid block: %v", s, err)
		}
	})
}
