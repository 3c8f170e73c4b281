package pdfcheck

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file builds small PDFs for the tests: a numbered set of objects,
// written with a classic cross-reference table or with an object stream
// and a cross-reference stream (PNG-predicted, as Skia and others write
// it).

// pdfObjects maps object numbers to their text ("<<...>>", or a stream as
// stream() makes it).
type pdfObjects map[int]string

// stream writes a stream object's text with its /Length.
func stream(dict, data string) string {
	return fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
}

// flateStream writes a Flate-compressed stream.
func flateStream(dict, data string) string {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write([]byte(data))
	zw.Close()
	return fmt.Sprintf("<<%s /Filter /FlateDecode /Length %d>>\nstream\n%s\nendstream", dict, buf.Len(), buf.String())
}

func (o pdfObjects) nums() []int {
	var nums []int
	for n := range o {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	return nums
}

// classic writes the objects with an xref table; the trailer gets /Root 1
// and /Info when object 27 exists.
func (o pdfObjects) classic() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	nums := o.nums()
	size := nums[len(nums)-1] + 1
	offsets := make([]int, size)
	for _, n := range nums {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o[n])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", size)
	for n := 0; n < size; n++ {
		if offsets[n] == 0 {
			b.WriteString("0000000000 65535 f \n")
		} else {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", size, o.info(), xref)
	return b.Bytes()
}

func (o pdfObjects) info() string {
	if _, ok := o[27]; ok {
		return " /Info 27 0 R"
	}
	return ""
}

// compressed writes the objects that are no streams into one object
// stream, and the cross-reference as a stream with /W [1 4 2] and PNG Up
// prediction.
func (o pdfObjects) compressed() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	nums := o.nums()
	stmNum := nums[len(nums)-1] + 1
	xrefNum := stmNum + 1
	size := xrefNum + 1
	type entry struct{ kind, a, b int }
	entries := make([]entry, size)
	var header, body bytes.Buffer
	inStream := 0
	for _, n := range nums {
		if strings.Contains(o[n], "\nstream\n") {
			continue
		}
		fmt.Fprintf(&header, "%d %d ", n, body.Len())
		body.WriteString(o[n] + "\n")
		entries[n] = entry{2, stmNum, inStream}
		inStream++
	}
	for _, n := range nums {
		if !strings.Contains(o[n], "\nstream\n") {
			continue
		}
		entries[n] = entry{1, b.Len(), 0}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o[n])
	}
	entries[stmNum] = entry{1, b.Len(), 0}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", stmNum,
		flateStream(fmt.Sprintf("/Type /ObjStm /N %d /First %d", inStream, header.Len()), header.String()+body.String()))
	entries[xrefNum] = entry{1, b.Len(), 0}
	// Rows of 1+4+2 bytes, each after a PNG filter byte 2 (Up).
	var rows []byte
	prev := make([]byte, 7)
	for _, e := range entries {
		row := []byte{byte(e.kind), byte(e.a >> 24), byte(e.a >> 16), byte(e.a >> 8), byte(e.a), byte(e.b >> 8), byte(e.b)}
		rows = append(rows, 2)
		for i := range row {
			rows = append(rows, row[i]-prev[i])
		}
		prev = row
	}
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n", xrefNum,
		flateStream(fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R%s /DecodeParms <</Columns 7 /Predictor 12>>", size, o.info()), string(rows)), xref)
	return b.Bytes()
}

// hex16 writes text as a two-byte hex string, the codes equal to the
// characters (the test font's ToUnicode maps them so).
func hex16(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

// show draws text at y within marked content tagged tag with props.
func showText(tag, props string, y int, text string) string {
	return fmt.Sprintf("/%s %s BDC BT /F1 10 Tf 1 0 0 1 40 %d Tm %s Tj ET EMC\n", tag, props, y, hex16(text))
}

func mcid(n int) string { return "<</MCID " + strconv.Itoa(n) + ">>" }

// pageContent is the test page's content: a header, heading, paragraph
// with a link, a table of one header and one data cell, a figure, a list
// item, a note and a footer.
var pageContent = showText("Artifact", "<</Type /Pagination /Subtype /Header>>", 810, "Kop van de pagina") +
	showText("H1", mcid(0), 760, "Titel") +
	showText("P", mcid(1), 730, "Tekst met ") +
	strings.Replace(showText("Link", mcid(5), 730, "een link"), " 40 730 Tm", " 95 730 Tm", 1) +
	showText("TH", mcid(2), 700, "Jaar") +
	showText("TD", mcid(3), 680, "2022") +
	"/Figure <</MCID 4>> BDC 40 600 50 50 re f EMC\n" +
	showText("Lbl", mcid(6), 560, "1.") +
	strings.Replace(showText("LBody", mcid(7), 560, "Punt"), " 40 560 Tm", " 60 560 Tm", 1) +
	showText("Note", mcid(8), 520, "Voetnoot") +
	showText("Artifact", "<</Type /Pagination /Subtype /Footer>>", 20, "Pagina 1 van 1") +
	"0 0 595 842 re n\n" // a clip path paints nothing

const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Test</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`

const toUnicode = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
1 beginbfrange <0020> <007E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`

// tagged returns the objects of a clean tagged one-page PDF.
func tagged() pdfObjects {
	return pdfObjects{
		1:  "<</Type /Catalog /Pages 2 0 R /Lang (nl-NL) /MarkInfo <</Marked true>> /ViewerPreferences <</DisplayDocTitle true>> /StructTreeRoot 10 0 R /Metadata 9 0 R>>",
		2:  "<</Type /Pages /Kids [3 0 R] /Count 1>>",
		3:  "<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R>>>> /Contents 4 0 R /StructParents 0 /Tabs /S /Annots [30 0 R]>>",
		4:  flateStream("", pageContent),
		5:  "<</Type /Font /Subtype /Type0 /BaseFont /AAAAAA+GoRegular /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R>>",
		6:  "<</Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+GoRegular /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor 7 0 R>>",
		7:  "<</Type /FontDescriptor /FontName /AAAAAA+GoRegular /Flags 32 /FontFile2 31 0 R>>",
		8:  flateStream("", toUnicode),
		9:  stream("/Type /Metadata /Subtype /XML", xmp),
		10: "<</Type /StructTreeRoot /K 11 0 R /ParentTree 12 0 R /RoleMap <</Heading1 /H1>>>>",
		11: "<</Type /StructElem /S /Document /P 10 0 R /K [13 0 R 14 0 R 16 0 R 20 0 R 21 0 R 25 0 R]>>",
		12: "<</Nums [0 [13 0 R 14 0 R 18 0 R 19 0 R 20 0 R 15 0 R 23 0 R 24 0 R 25 0 R] 1 15 0 R]>>",
		13: "<</Type /StructElem /S /H1 /P 11 0 R /Pg 3 0 R /K 0>>",
		14: "<</Type /StructElem /S /P /P 11 0 R /Pg 3 0 R /K [1 15 0 R]>>",
		15: "<</Type /StructElem /S /Link /P 14 0 R /Pg 3 0 R /K [5 <</Type /OBJR /Obj 30 0 R>>]>>",
		16: "<</Type /StructElem /S /Table /P 11 0 R /K [17 0 R 26 0 R]>>",
		17: "<</Type /StructElem /S /TR /P 16 0 R /K [18 0 R]>>",
		18: "<</Type /StructElem /S /TH /P 17 0 R /Pg 3 0 R /K 2 /A <</O /Table /Scope /Column>>>>",
		19: "<</Type /StructElem /S /TD /P 26 0 R /Pg 3 0 R /K 3>>",
		20: "<</Type /StructElem /S /Figure /P 11 0 R /Pg 3 0 R /Alt (Grafiek) /K 4 /A <</O /Layout /BBox [40 600 90 650]>>>>",
		21: "<</Type /StructElem /S /L /P 11 0 R /K [22 0 R]>>",
		22: "<</Type /StructElem /S /LI /P 21 0 R /K [23 0 R 24 0 R]>>",
		23: "<</Type /StructElem /S /Lbl /P 22 0 R /Pg 3 0 R /K 6>>",
		24: "<</Type /StructElem /S /LBody /P 22 0 R /Pg 3 0 R /K 7>>",
		25: "<</Type /StructElem /S /Note /P 11 0 R /Pg 3 0 R /ID (fn1) /K 8>>",
		26: "<</Type /StructElem /S /TR /P 16 0 R /K [19 0 R]>>",
		27: "<</Title (Test) /Producer (pdfcheck test)>>",
		28: "<</Type /StructElem /S /TD /P 26 0 R /K []>>",
		29: "<</Type /StructElem /S /TOCI /K []>>",
		30: "<</Type /Annot /Subtype /Link /Rect [95 728 140 740] /StructParent 1 /Contents (Naar voetnoot) /F 4 /Dest [3 0 R /XYZ 0 842 0]>>",
		31: stream("/Length1 4", "fake"),
		32: "<</Type /StructElem /S /TOC /K [29 0 R]>>",
	}
}

// with returns a copy of o with old replaced by new in object n, which
// must contain old.
func (o pdfObjects) with(n int, old, new string) pdfObjects {
	c := pdfObjects{}
	for k, v := range o {
		c[k] = v
	}
	if !strings.Contains(c[n], old) {
		panic(fmt.Sprintf("object %d has no %q", n, old))
	}
	c[n] = strings.Replace(c[n], old, new, 1)
	return c
}

// withContent returns a copy of o whose page content is content.
func (o pdfObjects) withContent(content string) pdfObjects {
	c := o.with(4, "", "")
	c[4] = flateStream("", content)
	return c
}
