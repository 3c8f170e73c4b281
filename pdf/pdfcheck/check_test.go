package pdfcheck

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func codes(problems []Problem) []string {
	var out []string
	for _, p := range problems {
		if !slices.Contains(out, p.Code) {
			out = append(out, p.Code)
		}
	}
	slices.Sort(out)
	return out
}

// TestCheck breaks one rule at a time in a clean tagged PDF and expects
// exactly the problems that rule gives, in both kinds of file.
func TestCheck(t *testing.T) {
	base := tagged()
	tests := []struct {
		name string
		objs pdfObjects
		want []string
	}{
		{"clean", base, nil},
		{"role map", base.with(13, "/S /H1", "/S /Heading1"), nil},
		{"artifact inside a span", base.withContent(pageContent + "/Span BMC /Artifact BMC 0 0 10 10 re f EMC EMC\n"), nil},
		{"artifact with properties from resources", base.withContent(pageContent+"/Artifact /Pr1 BDC 0 0 10 10 re S EMC\n").with(3, "/Font <</F1 5 0 R>>", "/Font <</F1 5 0 R>> /Properties <</Pr1 <</Type /Layout>>>>"), nil},
		{"a path ended by n paints nothing", base.withContent(pageContent + "0 0 10 10 re W n\n"), nil},
		{"inline image skipped", base.withContent(pageContent + "/Artifact BMC BI /W 2 /H 1 /CS /G /BPC 8 ID \x00EI EMC\n"), nil},

		{"not marked", base.with(1, "/MarkInfo <</Marked true>>", "/MarkInfo <</Marked false>>"), []string{CodeNotMarked}},
		{"no lang", base.with(1, "/Lang (nl-NL)", ""), []string{CodeNoLang}},
		{"bad lang", base.with(1, "(nl-NL)", "(nl_NL)"), []string{CodeBadLang}},
		{"no display doc title", base.with(1, "/ViewerPreferences <</DisplayDocTitle true>>", ""), []string{CodeNoDisplayDocTitle}},
		{"no struct tree", base.with(1, "/StructTreeRoot 10 0 R", ""), []string{CodeLinkNotInTree, CodeMCIDNotInTree, CodeNoStructTree}},
		{"no xmp", base.with(1, "/Metadata 9 0 R", ""), []string{CodeNoXMP}},
		{"xmp without title", base.with(9, "<rdf:li xml:lang=\"x-default\">Test</rdf:li>", "<rdf:li xml:lang=\"x-default\">    </rdf:li>"), []string{CodeXMPNoTitle}},
		{"xmp without pdfua", base.with(9, `pdfuaid:part="1"`, `pdfuaid:part="2"`), []string{CodeXMPNoPDFUA}},
		{"xmp pdfua as an element", base.with(9, ` pdfuaid:part="1">`, `><pdfuaid:part>1</pdfuaid:part>`), nil},
		{"no title", base.with(27, "/Title (Test)", "/Title ()"), []string{CodeNoTitle}},

		{"untagged path", base.withContent(pageContent + "0 0 10 10 re f\n"), []string{CodeUntagged}},
		{"untagged text in a span without MCID", base.withContent(pageContent + "/Span BMC BT /F1 10 Tf " + hex16("los") + " Tj ET EMC\n"), []string{CodeUntagged}},
		{"untagged image", base.withContent(pageContent + "/Im1 Do\n"), []string{CodeUntagged}},
		{"mcid twice", base.withContent(pageContent + showText("H1", mcid(0), 100, "Titel")), []string{CodeMCIDTwice}},
		{"mcid not in the parent tree", base.withContent(pageContent + showText("P", mcid(9), 100, "Meer")), []string{CodeMCIDNotInTree}},
		{"parent tree points to the wrong element", base.with(12, "18 0 R 19 0 R", "19 0 R 19 0 R"), []string{CodeMCIDNotInTree}},
		{"no struct parents", base.with(3, "/StructParents 0", ""), []string{CodeNoStructParents}},
		{"mcid of the tree missing in the content", base.with(19, "/K 3", "/K [3 10]"), []string{CodeMCIDMissing}},
		{"mcid on another page", base.with(19, "/K 3", "/K <</Type /MCR /MCID 3 /Pg 2 0 R>>"), []string{CodeMCIDMissing, CodeMCIDNotInTree}},
		{"unbalanced EMC", base.withContent(pageContent + "EMC\n"), []string{CodeContentError}},

		{"unknown role", base.with(13, "/S /H1", "/S /Kop"), []string{CodeUnknownRole}},
		{"first heading H2", base.with(13, "/S /H1", "/S /H2"), []string{CodeFirstHeading}},
		{"heading skips a level", base.with(14, "/S /P", "/S /H3"), []string{CodeHeadingSkip}},
		{"heading goes up", base.with(14, "/S /P", "/S /H2").with(25, "/S /Note /P 11 0 R /Pg 3 0 R /ID (fn1)", "/S /H1 /P 11 0 R /Pg 3 0 R"), nil},
		{"figure in a table", base.with(16, "26 0 R]", "26 0 R 20 0 R]").with(11, " 20 0 R", ""), []string{CodeTableKid}},
		{"note in a row", base.with(17, "[18 0 R]", "[18 0 R 25 0 R]").with(11, " 25 0 R", ""), []string{CodeTRKid}},
		{"no header cell", base.with(18, "/S /TH", "/S /TD"), []string{CodeTableNoTH}},
		{"header cell without scope", base.with(18, " /A <</O /Table /Scope /Column>>", ""), []string{CodeTHNoScope}},
		{"scope in a layout attribute", base.with(18, "/O /Table", "/O /Layout"), []string{CodeTHNoScope}},
		{"scope both", base.with(18, "/Scope /Column", "/Scope /Both"), nil},
		{"ragged rows", base.with(26, "[19 0 R]", "[19 0 R 28 0 R]"), []string{CodeTableRagged}},
		{"list item outside a list", base.with(11, "21 0 R", "22 0 R"), []string{CodeMisplaced}},
		{"note in a list", base.with(21, "[22 0 R]", "[22 0 R 25 0 R]").with(11, " 25 0 R", ""), []string{CodeListKid}},
		{"note in a list item", base.with(22, "[23 0 R 24 0 R]", "[23 0 R 24 0 R 25 0 R]").with(11, " 25 0 R", ""), []string{CodeLIKid}},
		{"figure without alt", base.with(20, "/Alt (Grafiek)", "/Alt ( )"), []string{CodeFigureNoAlt}},
		{"note without id", base.with(25, " /ID (fn1)", ""), []string{CodeNoteNoID}},
		{"id twice", base.with(20, "/Alt (Grafiek)", "/Alt (Grafiek) /ID (fn1)"), []string{CodeIDTwice}},
		{"toc", base.with(11, "25 0 R]", "25 0 R 32 0 R]"), nil},
		{"paragraph in a toc", base.with(11, "25 0 R]", "25 0 R 32 0 R]").with(29, "/S /TOCI", "/S /P"), []string{CodeTOCKid}},
		{"toc item outside a toc", base.with(11, "25 0 R]", "25 0 R 29 0 R]"), []string{CodeMisplaced}},

		{"link without struct parent", base.with(30, "/StructParent 1", ""), []string{CodeLinkNoParent}},
		{"link to a paragraph", base.with(12, "1 15 0 R]", "1 14 0 R]"), []string{CodeLinkNotInTree}},
		{"link without objr", base.with(15, " <</Type /OBJR /Obj 30 0 R>>", ""), []string{CodeLinkNoOBJR}},
		{"link without contents", base.with(30, "/Contents (Naar voetnoot)", ""), []string{CodeLinkNoContents}},
		{"no tabs", base.with(3, "/Tabs /S", "/Tabs /R"), []string{CodeTabs}},
		{"annotation not printed", base.with(30, "/F 4", "/F 2"), []string{CodeAnnotNoPrint}},

		{"font not embedded", base.with(7, "/FontFile2 31 0 R", ""), []string{CodeFontNotEmbedded}},
		{"font without ToUnicode", base.with(5, "/ToUnicode 8 0 R", ""), []string{CodeFontNoToUnicode}},
		{"code without text", base.with(8, "", "").withToUnicode("<0021> <007E> <0021>"), []string{CodeFontUnmapped}},
		{"code to U+FFFD", base.withToUnicode("<0020> <0030> <0020>\nendbfrange 1 beginbfchar <0031> <FFFD> endbfchar 1 beginbfrange <0032> <007E> <0032>"), []string{CodeFontUnmapped}},
		{"ToUnicode as an array range", base.withToUnicode("<0020> <0021> [<0020> <0021>]\n<0022> <007E> <0022>"), nil},
	}
	for _, tt := range tests {
		for kind, data := range map[string][]byte{"classic": tt.objs.classic(), "compressed": tt.objs.compressed()} {
			t.Run(tt.name+"/"+kind, func(t *testing.T) {
				doc, err := Read(data)
				if err != nil {
					t.Fatal(err)
				}
				problems := Check(doc)
				if got := codes(problems); !slices.Equal(got, tt.want) {
					t.Errorf("codes = %q, want %q\n%s", got, tt.want, list(problems))
				}
			})
		}
	}
}

func (o pdfObjects) withToUnicode(ranges string) pdfObjects {
	c := o.with(8, "", "")
	c[8] = flateStream("", strings.Replace(toUnicode, "<0020> <007E> <0020>", ranges, 1))
	return c
}

func list(problems []Problem) string {
	var b strings.Builder
	for _, p := range problems {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	return b.String()
}

// TestProblemWhere pins a problem's whole form: code, page, object, path
// and message.
func TestProblemWhere(t *testing.T) {
	doc, err := Read(tagged().with(18, " /A <</O /Table /Scope /Column>>", "").classic())
	if err != nil {
		t.Fatal(err)
	}
	got := Check(doc)
	want := []Problem{{Code: CodeTHNoScope, Page: 1, Obj: 18, Path: "Document/Table[1]/TR[1]/TH[1]", Message: "TH without /Scope /Row, /Column or /Both in an attribute dictionary with /O /Table"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if s := got[0].String(); s != "th-no-scope (page 1, object 18, Document/Table[1]/TR[1]/TH[1]): TH without /Scope /Row, /Column or /Both in an attribute dictionary with /O /Table" {
		t.Errorf("String() = %q", s)
	}
}

// TestRead pins what Read finds in the clean file, the same from both
// kinds of cross-reference.
func TestRead(t *testing.T) {
	for kind, data := range map[string][]byte{"classic": tagged().classic(), "compressed": tagged().compressed()} {
		t.Run(kind, func(t *testing.T) {
			doc, err := Read(data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Version != "1.7" || doc.Lang != "nl-NL" || !doc.Marked || !doc.DisplayDocTitle || doc.InfoTitle != "Test" || !bytes.Contains(doc.XMP, []byte("pdfuaid")) || len(doc.Warnings) > 0 {
				t.Errorf("catalog: %+v", doc)
			}
			var paths []string
			for _, e := range doc.Elements {
				paths = append(paths, e.Path)
			}
			wantPaths := "Document Document/H1[1] Document/P[1] Document/P[1]/Link[1] Document/Table[1] Document/Table[1]/TR[1] Document/Table[1]/TR[1]/TH[1] Document/Table[1]/TR[2] Document/Table[1]/TR[2]/TD[1] Document/Figure[1] Document/L[1] Document/L[1]/LI[1] Document/L[1]/LI[1]/Lbl[1] Document/L[1]/LI[1]/LBody[1] Document/Note[1]"
			if got := strings.Join(paths, " "); got != wantPaths {
				t.Errorf("paths = %s", got)
			}
			p := doc.Pages[0]
			if got := strings.Join(p.ArtifactText(), "|"); got != "Kop van de pagina|Pagina 1 van 1" {
				t.Errorf("artifacts = %q", got)
			}
			var marked []string
			for _, m := range p.Marked {
				marked = append(marked, fmt.Sprintf("%s:%d:%s/%s:%v:%q", m.Tag, m.MCID, m.Type, m.Subtype, m.Paints, m.Text))
			}
			wantMarked := []string{
				`Artifact:-1:Pagination/Header:true:"Kop van de pagina"`,
				`H1:0:/:true:"Titel"`, `P:1:/:true:"Tekst met "`, `Link:5:/:true:"een link"`,
				`TH:2:/:true:"Jaar"`, `TD:3:/:true:"2022"`, `Figure:4:/:true:""`,
				`Lbl:6:/:true:"1."`, `LBody:7:/:true:"Punt"`, `Note:8:/:true:"Voetnoot"`,
				`Artifact:-1:Pagination/Footer:true:"Pagina 1 van 1"`,
			}
			if !slices.Equal(marked, wantMarked) {
				t.Errorf("marked = %q", marked)
			}
			a := p.Annots[0]
			if a.Obj != 30 || a.Subtype != "Link" || a.StructParent != 1 || a.Contents != "Naar voetnoot" || a.F != 4 || a.DestPage != 1 || !slices.Equal(a.Rect, []float64{95, 728, 140, 740}) {
				t.Errorf("annotation = %+v", a)
			}
			if len(doc.Fonts) != 1 || doc.Fonts[0].BaseFont != "AAAAAA+GoRegular" || !doc.Fonts[0].Embedded || !doc.Fonts[0].ToUnicode || doc.Fonts[0].Used != 26 {
				t.Errorf("fonts = %+v", doc.Fonts[0])
			}
			wantText := "Titel\nTekst met een link\nJaar\n2022\n1.Punt\nVoetnoot"
			if got := TreeText(doc); got != wantText {
				t.Errorf("TreeText = %q", got)
			}
			th := doc.Elements[6]
			if th.Role != "TH" || len(th.Attrs) != 1 || th.Attrs[0].Owner != "Table" || th.Attrs[0].Scope != "Column" {
				t.Errorf("TH = %+v", th)
			}
			fig := doc.Elements[9]
			if fig.Alt != "Grafiek" || !slices.Equal(fig.Attrs[0].BBox, []float64{40, 600, 90, 650}) {
				t.Errorf("Figure = %+v", fig)
			}
		})
	}
}

func TestOutline(t *testing.T) {
	objs := tagged().with(1, "/Type /Catalog", "/Type /Catalog /Outlines 40 0 R")
	objs[40] = "<</Type /Outlines /First 41 0 R /Last 42 0 R /Count 2>>"
	objs[41] = "<</Title (Inhoudsopgave) /Parent 40 0 R /Next 42 0 R /Dest [3 0 R /XYZ 0 842 0]>>"
	objs[42] = "<</Title <FEFF0042006500670072006F00740069006E0067> /Parent 40 0 R /Prev 41 0 R /First 43 0 R /Last 43 0 R /A <</S /GoTo /D [3 0 R /Fit]>>>>"
	objs[43] = "<</Title (Programma \\(1\\) \\351\\351n) /Parent 42 0 R>>"
	doc, err := Read(objs.compressed())
	if err != nil {
		t.Fatal(err)
	}
	want := []OutlineItem{{"Inhoudsopgave", 1, 1}, {"Begroting", 1, 1}, {"Programma (1) één", 2, 0}}
	if !slices.Equal(doc.Outline, want) {
		t.Errorf("outline = %+v", doc.Outline)
	}
}

// TestBrokenXref finds the objects by scanning when the cross-reference
// offset is wrong, and says so.
func TestBrokenXref(t *testing.T) {
	data := tagged().classic()
	i := bytes.LastIndex(data, []byte("startxref\n"))
	broken := append(append([]byte{}, data[:i]...), []byte("startxref\n99\n%%EOF\n")...)
	doc, err := Read(broken)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(Check(doc)); !slices.Equal(got, []string{CodeMalformed}) {
		t.Errorf("codes = %q", got)
	}
	if TreeText(doc) != "Titel\nTekst met een link\nJaar\n2022\n1.Punt\nVoetnoot" {
		t.Errorf("tree text = %q", TreeText(doc))
	}
}

func TestReadErrors(t *testing.T) {
	tests := map[string]string{
		"":                                  "offset 0: no %PDF- header in the first 1024 bytes",
		"%PDF-1.7\n":                        "no /Root in the trailer",
		"%PDF-1.7\ntrailer <</Root 1 0 R>>": "the trailer's /Root 1 0 R is no dictionary",
	}
	for in, want := range tests {
		_, err := Read([]byte(in))
		if err == nil || err.Error() != want {
			t.Errorf("Read(%q) = %v, want %q", in, err, want)
		}
	}
}

// TestFontDecode reads text through a simple font's ToUnicode map (one
// byte a code, a surrogate pair), and through WinAnsi without one or
// where the map lacks a code (which is still reported as unmapped).
func TestFontDecode(t *testing.T) {
	cm, err := parseCMap([]byte("2 beginbfchar <61> <0061> <80> <20AC> endbfchar 1 beginbfrange <62> <63> [<0062> <D83DDE00>] endbfrange 1 beginbfrange <30> <39> <0030> endbfrange"))
	if err != nil {
		t.Fatal(err)
	}
	withMap := &Font{cmap: cm}
	if got := withMap.decode("abc\x80 19"); got != "ab😀€ 19" { // the space unmapped, read as WinAnsi
		t.Errorf("with ToUnicode: %q", got)
	}
	withMap.finish()
	if withMap.Used != 7 || !slices.Equal(withMap.Unmapped, []uint32{' '}) {
		t.Errorf("used %d, unmapped %v", withMap.Used, withMap.Unmapped)
	}
	plain := &Font{}
	if got := plain.decode("\x80 \x93Caf\xe9\x94"); got != "€ “Café”" {
		t.Errorf("WinAnsi: %q", got)
	}
	twoByte := &Font{twoByte: true, cmap: cm}
	if got := twoByte.decode("\x00\x61\x00"); got != "" {
		t.Errorf("two-byte codes through a one-byte map: %q", got)
	}
}

func TestCheckPDFA(t *testing.T) {
	pdfa := tagged().
		with(1, "/Type /Catalog", "/Type /Catalog /OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB) /DestOutputProfile 31 0 R>>]").
		with(9, `pdfuaid:part="1"`, `pdfuaid:part="1" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" pdfaid:conformance="A"`)
	tests := []struct {
		name string
		objs pdfObjects
		want []string
	}{
		{"PDF/A-2a", pdfa, nil},
		{"no output intent", tagged().with(9, `pdfuaid:part="1"`, `pdfuaid:part="1" pdfaid:part="2" pdfaid:conformance="A"`), []string{CodeNoOutputIntent}},
		{"output intent without profile", pdfa.with(1, " /DestOutputProfile 31 0 R", ""), []string{CodeNoOutputIntent}},
		{"conformance B", pdfa.with(9, `pdfaid:conformance="A"`, `pdfaid:conformance="B"`), []string{CodeXMPNoPDFA}},
		{"neither", tagged(), []string{CodeNoOutputIntent, CodeXMPNoPDFA}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read(tt.objs.compressed())
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(CheckPDFA(doc)); !slices.Equal(got, tt.want) {
				t.Errorf("codes = %q, want %q", got, tt.want)
			}
			if got := codes(Check(doc)); got != nil {
				t.Errorf("Check: %q", got)
			}
		})
	}
}
