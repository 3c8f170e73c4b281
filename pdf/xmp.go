package pdf

import (
	"strings"
	"time"
	"unicode/utf8"
)

// xmpMeta is what the document's XMP metadata stream says: the same facts
// as the Info dictionary fpdf writes, which PDF/A requires to agree.
type xmpMeta struct {
	Title, Author, Subject, Creator, Producer string
	Created, Modified                         time.Time
	Lang                                      string // the document's language, e.g. nl-NL; empty for none
}

// XMP namespaces, and the PDF/A extension schema namespaces with which a
// PDF/A file describes a schema PDF/A itself does not predefine.
const (
	nsRDF          = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsDC           = "http://purl.org/dc/elements/1.1/"
	nsXMP          = "http://ns.adobe.com/xap/1.0/"
	nsPDF          = "http://ns.adobe.com/pdf/1.3/"
	nsPDFAID       = "http://www.aiim.org/pdfa/ns/id/"
	nsPDFUAID      = "http://www.aiim.org/pdfua/ns/id/"
	nsPDFAExt      = "http://www.aiim.org/pdfa/ns/extension/"
	nsPDFASchema   = "http://www.aiim.org/pdfa/ns/schema#"
	nsPDFAProperty = "http://www.aiim.org/pdfa/ns/property#"
)

// xmpDate is the layout of XMP dates. fpdf writes the Info dictionary's
// CreationDate and ModDate as D:YYYYMMDDHHmmSS from the time's wall clock,
// without a time zone; PDF/A wants the XMP dates to be equivalent, so they
// are written from the same wall clock and likewise without a zone (XMP
// allows that). Adding a zone here would make the two disagree.
const xmpDate = "2006-01-02T15:04:05"

// xmpPacket returns the XMP metadata packet for m, identifying the file as
// PDF/UA-1 and PDF/A-2a. It declares the pdfuaid schema in a PDF/A
// extension schema, since PDF/A allows only predefined or so declared
// properties. Empty Author, Subject, Creator, Producer and Lang and zero
// dates are left out; the title is always there, as PDF/UA requires one.
// All text is escaped, and characters XML 1.0 cannot hold are dropped, so
// the packet is well-formed whatever the strings hold.
func xmpPacket(m xmpMeta) []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
	b.WriteString(" <rdf:RDF xmlns:rdf=\"" + nsRDF + "\">\n")

	xmpDescription(&b, "dc", nsDC, func() {
		b.WriteString("   <dc:format>application/pdf</dc:format>\n")
		xmpLangAlt(&b, "dc:title", m.Title)
		if m.Author != "" {
			b.WriteString("   <dc:creator><rdf:Seq><rdf:li>")
			xmlEscape(&b, m.Author)
			b.WriteString("</rdf:li></rdf:Seq></dc:creator>\n")
		}
		if m.Subject != "" {
			xmpLangAlt(&b, "dc:description", m.Subject)
		}
		if m.Lang != "" {
			b.WriteString("   <dc:language><rdf:Bag><rdf:li>")
			xmlEscape(&b, m.Lang)
			b.WriteString("</rdf:li></rdf:Bag></dc:language>\n")
		}
	})
	if !m.Created.IsZero() || !m.Modified.IsZero() || m.Creator != "" {
		xmpDescription(&b, "xmp", nsXMP, func() {
			if !m.Created.IsZero() {
				xmpProperty(&b, "xmp:CreateDate", m.Created.Format(xmpDate))
			}
			if !m.Modified.IsZero() {
				xmpProperty(&b, "xmp:ModifyDate", m.Modified.Format(xmpDate))
			}
			if m.Creator != "" {
				xmpProperty(&b, "xmp:CreatorTool", m.Creator)
			}
		})
	}
	if m.Producer != "" {
		xmpDescription(&b, "pdf", nsPDF, func() {
			xmpProperty(&b, "pdf:Producer", m.Producer)
		})
	}
	xmpDescription(&b, "pdfuaid", nsPDFUAID, func() {
		xmpProperty(&b, "pdfuaid:part", "1")
	})
	xmpDescription(&b, "pdfaid", nsPDFAID, func() {
		xmpProperty(&b, "pdfaid:part", "2")
		xmpProperty(&b, "pdfaid:conformance", "A")
	})
	b.WriteString("  <rdf:Description rdf:about=\"\"" +
		" xmlns:pdfaExtension=\"" + nsPDFAExt + "\"" +
		" xmlns:pdfaSchema=\"" + nsPDFASchema + "\"" +
		" xmlns:pdfaProperty=\"" + nsPDFAProperty + "\">\n")
	b.WriteString(`   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>` + nsPDFUAID + `</pdfaSchema:namespaceURI>
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
`)
	b.WriteString("  </rdf:Description>\n")
	b.WriteString(" </rdf:RDF>\n")
	b.WriteString("</x:xmpmeta>\n")
	b.WriteString("<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// xmpDescription writes one rdf:Description for the schema with prefix and
// namespace, its properties written by body.
func xmpDescription(b *strings.Builder, prefix, ns string, body func()) {
	b.WriteString("  <rdf:Description rdf:about=\"\" xmlns:" + prefix + "=\"" + ns + "\">\n")
	body()
	b.WriteString("  </rdf:Description>\n")
}

// xmpProperty writes a simple property with text value v.
func xmpProperty(b *strings.Builder, name, v string) {
	b.WriteString("   <" + name + ">")
	xmlEscape(b, v)
	b.WriteString("</" + name + ">\n")
}

// xmpLangAlt writes a language alternative with v as its default.
func xmpLangAlt(b *strings.Builder, name, v string) {
	b.WriteString("   <" + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">")
	xmlEscape(b, v)
	b.WriteString("</rdf:li></rdf:Alt></" + name + ">\n")
}

// xmlEscape writes s as XML character data that an XML parser reads back
// as xmlText(s). Markup characters become entities; tab, newline and
// carriage return become character references, so that a parser's line-end
// normalisation leaves them as they are.
func xmlEscape(b *strings.Builder, s string) {
	for _, r := range xmlText(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\t':
			b.WriteString("&#x9;")
		case '\n':
			b.WriteString("&#xA;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
}

// xmlText returns s as XML 1.0 can hold it: bytes that are not UTF-8
// become U+FFFD, and characters outside XML's Char production (the C0
// controls other than tab, newline and carriage return; U+FFFE and U+FFFF)
// are dropped.
func xmlText(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, notXMLChar) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if notXMLChar(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func notXMLChar(r rune) bool { return !xmlChar(r) }

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= 0x10FFFF
}
