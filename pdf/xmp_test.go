package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"strings"
	"testing"
	"time"
)

// xmpFields decodes an XMP packet strictly and returns the text of every
// leaf element, keyed by the namespace and name of the property it belongs
// to (for an rdf:li, the nearest enclosing element outside RDF's
// namespace). It fails the test when the packet is not well-formed XML or
// a property occurs twice.
func xmpFields(tb testing.TB, packet []byte) map[string]string {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(packet))
	type open struct {
		name     xml.Name
		text     strings.Builder
		children bool
	}
	var (
		stack  []*open
		fields = map[string]string{}
		roots  int
		procs  []string
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			tb.Fatalf("packet is not well-formed XML: %v\n%s", err, packet)
		}
		switch tok := tok.(type) {
		case xml.ProcInst:
			procs = append(procs, tok.Target+" "+string(tok.Inst))
		case xml.StartElement:
			if len(stack) == 0 {
				roots++
			} else {
				stack[len(stack)-1].children = true
			}
			stack = append(stack, &open{name: tok.Name})
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(tok)
			}
		case xml.EndElement:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top.children {
				continue
			}
			name := top.name
			for i := len(stack) - 1; name.Space == nsRDF && i >= 0; i-- {
				name = stack[i].name
			}
			key := name.Space + " " + name.Local
			if _, dup := fields[key]; dup {
				tb.Fatalf("property %s occurs twice", key)
			}
			fields[key] = top.text.String()
		}
	}
	if roots != 1 {
		tb.Fatalf("packet has %d root elements", roots)
	}
	want := []string{"xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"", "xpacket end=\"w\""}
	if len(procs) != 2 || procs[0] != want[0] || procs[1] != want[1] {
		tb.Fatalf("processing instructions %q, want %q", procs, want)
	}
	return fields
}

// xmpFixed is what every packet holds whatever the document: the format,
// the PDF/UA and PDF/A identification and the extension schema.
var xmpFixed = map[string]string{
	nsDC + " format":                "application/pdf",
	nsPDFUAID + " part":             "1",
	nsPDFAID + " part":              "2",
	nsPDFAID + " conformance":       "A",
	nsPDFASchema + " schema":        "PDF/UA Universal Accessibility Schema",
	nsPDFASchema + " namespaceURI":  "http://www.aiim.org/pdfua/ns/id/",
	nsPDFASchema + " prefix":        "pdfuaid",
	nsPDFAProperty + " name":        "part",
	nsPDFAProperty + " valueType":   "Integer",
	nsPDFAProperty + " category":    "internal",
	nsPDFAProperty + " description": "Indicates, which part of ISO 14289 standard is followed",
}

func withFixed(m map[string]string) map[string]string {
	out := maps.Clone(xmpFixed)
	maps.Copy(out, m)
	return out
}

var xmpCreated = time.Date(2025, 11, 4, 9, 30, 5, 0, time.UTC)

func TestXMPPacket(t *testing.T) {
	got := string(xmpPacket(xmpMeta{
		Title:    "Begroting 2026",
		Author:   "Gemeente Voorbeeld",
		Subject:  "Programmabegroting",
		Creator:  "koers",
		Producer: "koers",
		Created:  xmpCreated,
		Modified: xmpCreated.Add(time.Hour),
		Lang:     "nl-NL",
	}))
	want := "<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" + `<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Begroting 2026</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Gemeente Voorbeeld</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">Programmabegroting</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>nl-NL</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>2025-11-04T09:30:05</xmp:CreateDate>
   <xmp:ModifyDate>2025-11-04T10:30:05</xmp:ModifyDate>
   <xmp:CreatorTool>koers</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>koers</pdf:Producer>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`
	if got != want {
		t.Errorf("packet\n%s\nwant\n%s", got, want)
	}
	xmpFields(t, []byte(got))
}

func TestXMPFields(t *testing.T) {
	local := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		meta xmpMeta
		want map[string]string
		raw  []string // substrings of the packet, for the escaping itself
	}{{
		name: "minimal: only the title, no dates",
		meta: xmpMeta{Title: "Jaarrekening"},
		want: map[string]string{nsDC + " title": "Jaarrekening"},
	}, {
		name: "empty title is still there",
		meta: xmpMeta{},
		want: map[string]string{nsDC + " title": ""},
	}, {
		name: "markup characters",
		meta: xmpMeta{Title: `A & B <c> "d" 'e'`, Author: "x]]>y", Subject: "<!-- no -->", Creator: "<?pi?>", Producer: "&amp;"},
		want: map[string]string{
			nsDC + " title":        `A & B <c> "d" 'e'`,
			nsDC + " creator":      "x]]>y",
			nsDC + " description":  "<!-- no -->",
			nsXMP + " CreatorTool": "<?pi?>",
			nsPDF + " Producer":    "&amp;",
		},
		raw: []string{
			`>A &amp; B &lt;c&gt; &quot;d&quot; 'e'<`,
			`>x]]&gt;y<`,
			`>&lt;!-- no --&gt;<`,
			`>&amp;amp;<`,
		},
	}, {
		name: "non-ASCII kept as UTF-8",
		meta: xmpMeta{Title: "Begroting 2025 – wijziging", Author: "Gemeente 's-Hertogenbosch", Subject: "Financiën € 1.992"},
		want: map[string]string{
			nsDC + " title":       "Begroting 2025 – wijziging",
			nsDC + " creator":     "Gemeente 's-Hertogenbosch",
			nsDC + " description": "Financiën € 1.992",
		},
		raw: []string{">Begroting 2025 – wijziging<", ">Gemeente 's-Hertogenbosch<"},
	}, {
		name: "white space kept through line-end normalisation",
		meta: xmpMeta{Title: " a\tb\r\nc\rd "},
		want: map[string]string{nsDC + " title": " a\tb\r\nc\rd "},
		raw:  []string{"> a&#x9;b&#xD;&#xA;c&#xD;d <"},
	}, {
		name: "characters XML cannot hold are dropped, bad UTF-8 replaced",
		meta: xmpMeta{Title: "a\x00b\x1bc\x7f\ufffed\uffff", Author: "x\xffy\xc3"},
		want: map[string]string{
			nsDC + " title":   "abc\x7fd",
			nsDC + " creator": "x\ufffdy\ufffd",
		},
	}, {
		name: "dates from the wall clock, without a zone, as fpdf's Info dates",
		meta: xmpMeta{Title: "T", Created: time.Date(2025, 3, 30, 1, 2, 3, 999, local), Modified: time.Date(2025, 12, 31, 23, 59, 59, 0, time.UTC)},
		want: map[string]string{
			nsDC + " title":       "T",
			nsXMP + " CreateDate": "2025-03-30T01:02:03",
			nsXMP + " ModifyDate": "2025-12-31T23:59:59",
		},
	}, {
		name: "language",
		meta: xmpMeta{Title: "T", Lang: "nl-NL"},
		want: map[string]string{nsDC + " title": "T", nsDC + " language": "nl-NL"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			packet := xmpPacket(tt.meta)
			got := xmpFields(t, packet)
			want := withFixed(tt.want)
			if !maps.Equal(got, want) {
				t.Errorf("fields\n got %q\nwant %q", got, want)
			}
			for _, s := range tt.raw {
				if !bytes.Contains(packet, []byte(s)) {
					t.Errorf("packet lacks %q:\n%s", s, packet)
				}
			}
			if again := xmpPacket(tt.meta); !bytes.Equal(again, packet) {
				t.Error("two packets for the same metadata differ")
			}
		})
	}
}

func TestXMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"gewoon", "gewoon"},
		{"é – €", "é – €"},
		{"\t\n\r", "\t\n\r"},
		{"a\x01\x08\x0b\x0c\x1fb", "ab"},
		{"\ufffe\uffff\ufffd", "\ufffd"},
		{"\U0001F600", "\U0001F600"},
		{"a\xed\xa0\x80b", "a\ufffdb"}, // an encoded surrogate is not UTF-8
		{"\xff\xfe", "\ufffd"},
	}
	for _, tt := range tests {
		if got := xmlText(tt.in); got != tt.want {
			t.Errorf("xmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzXMPPacket checks that the packet is well-formed XML whatever the
// strings hold, and that title, author and subject read back as written,
// less what XML cannot hold.
func FuzzXMPPacket(f *testing.F) {
	f.Add("Begroting 2025 – wijziging", "Gemeente 's-Hertogenbosch", "", "nl-NL")
	f.Add("a & b <c>", "]]>", "\x00\r\n", "\xff")
	f.Add("", "", "x", "")
	f.Fuzz(func(t *testing.T, title, author, subject, lang string) {
		packet := xmpPacket(xmpMeta{Title: title, Author: author, Subject: subject, Creator: title, Producer: author, Lang: lang, Created: xmpCreated})
		got := xmpFields(t, packet)
		if got[nsDC+" title"] != xmlText(title) {
			t.Errorf("title %q reads back as %q", title, got[nsDC+" title"])
		}
		if a, ok := got[nsDC+" creator"]; ok != (author != "") || a != xmlText(author) {
			t.Errorf("author %q reads back as %q (%v)", author, a, ok)
		}
		if s, ok := got[nsDC+" description"]; ok != (subject != "") || s != xmlText(subject) {
			t.Errorf("subject %q reads back as %q (%v)", subject, s, ok)
		}
		if got[nsPDFUAID+" part"] != "1" || got[nsPDFAID+" part"] != "2" {
			t.Errorf("identification lost: %q", got)
		}
	})
}
