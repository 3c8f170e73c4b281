package istd

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// A scanner splits an XML document into tokens: start tags, end tags and
// text. It is ours rather than encoding/xml's Decoder because the register
// imports tens of thousands of messages a second, and the Decoder, which
// allocates every name it reads, manages a few thousand (measured: see
// BenchmarkDecode301). It reads the XML that iStandaard messages are:
// UTF-8, the five predefined entities and character references, comments,
// CDATA sections and processing instructions; a document type declaration
// is refused (no message has one, and its entities are a known hazard).
// Everything it returns points into the document or into buffers reused
// on the next call: nothing is allocated per token.
type scanner struct {
	data []byte
	pos  int

	pendingEnd bool // an empty-element tag was read: its end comes next
	last       qname

	attrs   []attr
	text    []byte // decoded text, when it needed decoding
	scratch []byte
	norm    []byte // text with its line ends normalised
}

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// qname is a name as written: prefix (may be empty) and local part.
type qname struct{ prefix, local []byte }

func (q qname) equal(o qname) bool {
	return bytes.Equal(q.prefix, o.prefix) && bytes.Equal(q.local, o.local)
}

func (q qname) String() string {
	if len(q.prefix) == 0 {
		return string(q.local)
	}
	return string(q.prefix) + ":" + string(q.local)
}

// attr is an attribute, its value decoded.
type attr struct {
	name     qname
	value    []byte
	from, to int // the value in the scanner's scratch, while it grows
}

// token is one token; its slices are valid until the next call of next.
type token struct {
	kind  tokKind
	off   int // where it starts in the document
	name  qname
	attrs []attr
	text  []byte
}

// syntaxError is a document that is not well-formed XML, at off.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

func (s *scanner) fail(off int, msg string) (token, error) {
	return token{}, &syntaxError{off: off, msg: msg}
}

// prolog checks what holds for the whole document: UTF-8, no characters
// XML forbids, and an XML declaration, if any, that declares UTF-8.
func (s *scanner) prolog() error {
	for i, c := range s.data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return &syntaxError{off: i, msg: "een teken dat XML niet toestaat (" + strconv.Itoa(int(c)) + ")"}
		}
	}
	if !utf8.Valid(s.data) {
		for i := 0; i < len(s.data); {
			r, size := utf8.DecodeRune(s.data[i:])
			if r == utf8.RuneError && size <= 1 {
				return &syntaxError{off: i, msg: "het bestand is geen UTF-8"}
			}
			i += size
		}
	}
	for _, nonchar := range []string{"\uFFFE", "\uFFFF"} {
		if i := bytes.Index(s.data, []byte(nonchar)); i >= 0 {
			return &syntaxError{off: i, msg: "een teken dat XML niet toestaat"}
		}
	}
	if bytes.HasPrefix(s.data, []byte("\xef\xbb\xbf")) {
		s.pos = 3 // a byte order mark
	}
	if rest := s.data[s.pos:]; bytes.HasPrefix(rest, []byte("<?xml")) && len(rest) > 5 && isSpaceByte(rest[5]) {
		end := bytes.Index(rest, []byte("?>"))
		if end < 0 {
			return &syntaxError{off: s.pos, msg: "de XML-declaratie is niet afgesloten"}
		}
		decl := rest[:end]
		if !bytes.Contains(decl, []byte(`version="1.0"`)) && !bytes.Contains(decl, []byte(`version='1.0'`)) {
			return &syntaxError{off: s.pos, msg: "de XML-declaratie noemt geen versie 1.0"}
		}
		if i := bytes.Index(decl, []byte("encoding")); i >= 0 {
			v := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n=")
			if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
				if j := bytes.IndexByte(v[1:], v[0]); j >= 0 && !bytes.EqualFold(v[1:1+j], []byte("UTF-8")) {
					return &syntaxError{off: s.pos, msg: "de tekenset " + strconv.Quote(string(v[1:1+j])) + " wordt niet gelezen; alleen UTF-8"}
				}
			}
		}
		s.pos += end + 2
	}
	return nil
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Names are ASCII: the messages' names are, and a name beyond ASCII is
// refused rather than judged by XML's tables of letters.
func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.'
}

// name reads a name at s.pos, split at its colon.
func (s *scanner) name() (qname, bool) {
	start := s.pos
	if s.pos >= len(s.data) || !isNameStart(s.data[s.pos]) {
		return qname{}, false
	}
	colon := -1
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if c == ':' {
			if colon >= 0 {
				return qname{}, false
			}
			colon = s.pos
			s.pos++
			if s.pos >= len(s.data) || !isNameStart(s.data[s.pos]) {
				return qname{}, false
			}
			continue
		}
		if !isNameByte(c) {
			break
		}
		s.pos++
	}
	if colon < 0 {
		return qname{local: s.data[start:s.pos]}, true
	}
	return qname{prefix: s.data[start:colon], local: s.data[colon+1 : s.pos]}, true
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) && isSpaceByte(s.data[s.pos]) {
		s.pos++
	}
}

// next returns the next token. Comments and processing instructions are
// passed over; text is returned in pieces that the caller joins.
func (s *scanner) next() (token, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		return token{kind: tokEnd, off: s.pos, name: s.last}, nil
	}
	for {
		if s.pos >= len(s.data) {
			return token{kind: tokEOF, off: s.pos}, nil
		}
		start := s.pos
		if s.data[s.pos] != '<' {
			return s.chars()
		}
		rest := s.data[s.pos:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest[4:], []byte("--"))
			if end < 0 {
				return s.fail(start, "een commentaar is niet afgesloten")
			}
			if len(rest) < 4+end+3 || rest[4+end+2] != '>' {
				return s.fail(start, "-- staat midden in een commentaar")
			}
			s.pos += 4 + end + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest[9:], []byte("]]>"))
			if end < 0 {
				return s.fail(start, "een CDATA-sectie is niet afgesloten")
			}
			s.pos += 9 + end + 3
			return token{kind: tokText, off: start, text: s.normalise(rest[9 : 9+end])}, nil
		case bytes.HasPrefix(rest, []byte("<!")):
			return s.fail(start, "een documenttypedeclaratie (<!DOCTYPE) wordt niet gelezen")
		case bytes.HasPrefix(rest, []byte("<?")):
			s.pos += 2
			target, ok := s.name()
			if !ok || len(target.prefix) > 0 || bytes.EqualFold(target.local, []byte("xml")) {
				return s.fail(start, "een ongeldige verwerkingsinstructie")
			}
			end := bytes.Index(s.data[s.pos:], []byte("?>"))
			if end < 0 {
				return s.fail(start, "een verwerkingsinstructie is niet afgesloten")
			}
			s.pos += end + 2
			continue
		case bytes.HasPrefix(rest, []byte("</")):
			s.pos += 2
			n, ok := s.name()
			if !ok {
				return s.fail(start, "een eindtag zonder geldige naam")
			}
			s.skipSpace()
			if s.pos >= len(s.data) || s.data[s.pos] != '>' {
				return s.fail(start, "de eindtag </"+n.String()+"> is niet afgesloten")
			}
			s.pos++
			return token{kind: tokEnd, off: start, name: n}, nil
		}
		return s.startTag()
	}
}

func (s *scanner) startTag() (token, error) {
	start := s.pos
	s.pos++
	n, ok := s.name()
	if !ok {
		return s.fail(start, "een < zonder geldige elementnaam")
	}
	s.attrs = s.attrs[:0]
	s.scratch = s.scratch[:0]
	for {
		hadSpace := s.pos < len(s.data) && isSpaceByte(s.data[s.pos])
		s.skipSpace()
		if s.pos >= len(s.data) {
			return s.fail(start, "de tag <"+n.String()+"> is niet afgesloten")
		}
		switch s.data[s.pos] {
		case '>':
			s.pos++
			s.fixAttrs()
			return token{kind: tokStart, off: start, name: n, attrs: s.attrs}, nil
		case '/':
			if s.pos+1 >= len(s.data) || s.data[s.pos+1] != '>' {
				return s.fail(start, "de tag <"+n.String()+"> is niet goed afgesloten")
			}
			s.pos += 2
			s.pendingEnd, s.last = true, n
			s.fixAttrs()
			return token{kind: tokStart, off: start, name: n, attrs: s.attrs}, nil
		}
		if !hadSpace {
			return s.fail(start, "in de tag <"+n.String()+"> ontbreekt een spatie voor een attribuut")
		}
		an, ok := s.name()
		if !ok {
			return s.fail(start, "een attribuut zonder geldige naam in <"+n.String()+">")
		}
		for _, a := range s.attrs {
			if a.name.equal(an) {
				return s.fail(start, "het attribuut "+an.String()+" staat twee keer in <"+n.String()+">")
			}
		}
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != '=' {
			return s.fail(start, "het attribuut "+an.String()+" heeft geen waarde")
		}
		s.pos++
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' && s.data[s.pos] != '\'' {
			return s.fail(start, "de waarde van het attribuut "+an.String()+" staat niet tussen aanhalingstekens")
		}
		q := s.data[s.pos]
		end := bytes.IndexByte(s.data[s.pos+1:], q)
		if end < 0 {
			return s.fail(start, "de waarde van het attribuut "+an.String()+" is niet afgesloten")
		}
		raw := s.data[s.pos+1 : s.pos+1+end]
		if bytes.IndexByte(raw, '<') >= 0 {
			return s.fail(start, "een < in de waarde van het attribuut "+an.String())
		}
		from := len(s.scratch)
		var err error
		if s.scratch, err = decode(s.scratch, raw, s.pos+1); err != nil {
			return token{}, err
		}
		for i := from; i < len(s.scratch); i++ {
			if isSpaceByte(s.scratch[i]) {
				s.scratch[i] = ' ' // attribute-value normalisation
			}
		}
		s.attrs = append(s.attrs, attr{name: an, from: from, to: len(s.scratch)})
		s.pos += end + 2
	}
}

// fixAttrs points the attributes' values into scratch, now that it no
// longer grows.
func (s *scanner) fixAttrs() {
	for i := range s.attrs {
		s.attrs[i].value = s.scratch[s.attrs[i].from:s.attrs[i].to]
	}
}

// chars reads text up to the next tag.
func (s *scanner) chars() (token, error) {
	start := s.pos
	end := bytes.IndexByte(s.data[s.pos:], '<')
	if end < 0 {
		end = len(s.data) - s.pos
	}
	raw := s.data[s.pos : s.pos+end]
	s.pos += end
	if bytes.Contains(raw, []byte("]]>")) {
		return s.fail(start, "]]> staat in tekst")
	}
	if bytes.IndexByte(raw, '&') < 0 {
		return token{kind: tokText, off: start, text: s.normalise(raw)}, nil
	}
	var err error
	s.text, err = decode(s.text[:0], raw, start)
	if err != nil {
		return token{}, err
	}
	return token{kind: tokText, off: start, text: s.normalise(s.text)}, nil
}

// normalise turns line ends into \n, as XML reads them.
func (s *scanner) normalise(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := s.norm[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	s.norm = out
	return out
}

// decode appends raw to dst with its references resolved; off is raw's
// place in the document.
func decode(dst, raw []byte, off int) ([]byte, error) {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '&' {
			dst = append(dst, c)
			i++
			continue
		}
		end := bytes.IndexByte(raw[i:], ';')
		if end < 0 {
			return dst, &syntaxError{off: off + i, msg: "een & zonder ;"}
		}
		ref := raw[i+1 : i+end]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "apos":
			dst = append(dst, '\'')
		case "quot":
			dst = append(dst, '"')
		default:
			r, ok := charRef(ref)
			if !ok {
				return dst, &syntaxError{off: off + i, msg: "onbekende verwijzing &" + string(ref) + ";"}
			}
			dst = utf8.AppendRune(dst, r)
		}
		i += end + 1
	}
	return dst, nil
}

// charRef reads "#65" or "#x41": a character XML allows.
func charRef(ref []byte) (rune, bool) {
	if len(ref) < 2 || ref[0] != '#' {
		return 0, false
	}
	var v uint64
	var err error
	if ref[1] == 'x' {
		if len(ref) < 3 || len(ref) > 10 {
			return 0, false
		}
		v, err = strconv.ParseUint(string(ref[2:]), 16, 32)
	} else {
		if len(ref) > 10 {
			return 0, false
		}
		v, err = strconv.ParseUint(string(ref[1:]), 10, 32)
	}
	if err != nil {
		return 0, false
	}
	r := rune(v)
	ok := r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	return r, ok
}
