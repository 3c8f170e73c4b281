package pdfcheck

import (
	"testing"
)

// FuzzParse feeds the object parser anything: it must return an object or
// an error, never panic or hang.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"<</Type /Catalog /Pages 2 0 R /Lang (nl-NL)>>",
		"[1 2.5 -3 .5 +4 true false null /A#20B (a\\(b\\)\\n\\101) <48 65 6c6C6f>]",
		"<</K [0 1 <</Type /MCR /MCID 2 /Pg 3 0 R>>] /A [<</O /Table /Scope /Column>> 0]>>",
		"((nested) \\\r\n string)", "<FEFF00e9>", "/Name#2", "[[[[[[]]]]]]", "<< /A >>", "1 0 R", "12 R",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Parse(data)
		if err == nil {
			_ = show(o)
		}
	})
}

// FuzzTokenize feeds the content tokenizer anything.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"/Artifact <</Type /Pagination /Subtype /Header>> BDC BT /F1 9 Tf 1 0 0 1 40 810 Tm <004B> Tj ET EMC",
		"/P <</MCID 0>> BDC BT /F1 12 Tf 1 0 0 1 10 10 Tm [(a) -300 (b)] TJ ET EMC",
		"BI /W 1 /H 1 /BPC 8 /CS /G ID \xffEI Q",
		"BI /W 1 /H 1 /L 3 ID abcEI", "BI ID", "q 1 0 0 1 0 0 cm Q ]", "(unclosed",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ops, err := Tokenize(data)
		if err == nil && len(data) > 0 && len(ops) > len(data) {
			t.Fatalf("%d operators from %d bytes", len(ops), len(data))
		}
	})
}

// FuzzRead reads anything as a PDF and checks it: no panic, no hang.
func FuzzRead(f *testing.F) {
	// Small seeds: the fuzzer's minimizer takes long over large inputs.
	f.Add(small().classic())
	f.Add(small().compressed())
	f.Add([]byte("%PDF-1.4\ntrailer <</Root 1 0 R>>\n1 0 obj <</Type /Catalog /Pages 1 0 R /StructTreeRoot 1 0 R /K 1 0 R>> endobj"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(data)
		if err != nil {
			return
		}
		Check(doc)
		TreeText(doc)
		Roles(doc)
		CompareOrder(doc, "a b\fc")
	})
}

// small is a tagged PDF of a few hundred bytes: a page with one paragraph
// and an artifact, a link annotation, a font with a ToUnicode map.
func small() pdfObjects {
	return pdfObjects{
		1: "<</Type /Catalog /Pages 2 0 R /StructTreeRoot 5 0 R /Lang (nl)>>",
		2: "<</Type /Pages /Kids [3 0 R] /Count 1>>",
		3: "<</Type /Page /Parent 2 0 R /Resources <</Font <</F1 8 0 R>>>> /Contents 4 0 R /StructParents 0 /Annots [7 0 R] /Tabs /S>>",
		4: stream("", "/P <</MCID 0>> BDC BT /F1 9 Tf 1 0 0 1 9 9 Tm (ab) Tj ET EMC /Artifact BMC 0 0 1 1 re f EMC"),
		5: "<</Type /StructTreeRoot /K [6 0 R] /ParentTree <</Nums [0 [6 0 R] 1 6 0 R]>>>>",
		6: "<</S /P /Pg 3 0 R /K [0 <</Type /OBJR /Obj 7 0 R>>] /ID (a) /A <</O /Table /Scope /Row>>>>",
		7: "<</Subtype /Link /StructParent 1 /F 4 /Contents (x)>>",
		8: "<</Subtype /TrueType /ToUnicode 9 0 R>>",
		9: stream("", "1 beginbfchar <61> <0061> endbfchar 1 beginbfrange <62> <63> [<0062> <D83DDE00>] endbfrange"),
	}
}
