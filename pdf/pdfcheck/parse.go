package pdfcheck

import (
	"bytes"
	"fmt"
	"strconv"
)

// maxDepth bounds the nesting of arrays and dictionaries.
const maxDepth = 64

// parser reads PDF objects from b, starting at pos. In a content stream
// (content true) there are no indirect references, and a bare word is an
// operator.
type parser struct {
	b       []byte
	pos     int
	content bool
}

// SyntaxError is a parse error at a byte offset (of the file, or of the
// decoded stream named in Where).
type SyntaxError struct {
	Offset int
	Where  string
	Msg    string
}

func (e *SyntaxError) Error() string {
	if e.Where != "" {
		return fmt.Sprintf("%s: offset %d: %s", e.Where, e.Offset, e.Msg)
	}
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{Offset: p.pos, Msg: fmt.Sprintf(format, args...)}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

// skip passes white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		if isSpace(c) {
			p.pos++
		} else if c == '%' {
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		} else {
			return
		}
	}
}

// keyword is a bare word: an operator in a content stream, or obj,
// endobj, stream, R and the like in a file.
type keyword string

// word reads a run of regular characters.
func (p *parser) word() string {
	start := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		p.pos++
	}
	return string(p.b[start:p.pos])
}

// token reads one object or keyword, at the given nesting depth.
func (p *parser) token(depth int) (Object, error) {
	if depth > maxDepth {
		return nil, p.errorf("nested deeper than %d", maxDepth)
	}
	p.skip()
	if p.pos >= len(p.b) {
		return nil, p.errorf("unexpected end of data")
	}
	c := p.b[p.pos]
	switch {
	case c == '/':
		p.pos++
		return p.name()
	case c == '(':
		p.pos++
		return p.literal()
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		p.pos += 2
		return p.dict(depth)
	case c == '<':
		p.pos++
		return p.hex()
	case c == '[':
		p.pos++
		return p.array(depth)
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		p.pos++
		return keyword(c), nil
	}
	start := p.pos
	w := p.word()
	if w == "" {
		p.pos++
		return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("unexpected byte %q", c)}
	}
	switch w {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	if n, ok := number(w); ok {
		if i, isInt := n.(int64); isInt && !p.content && i >= 0 {
			return p.maybeRef(i), nil
		}
		return n, nil
	}
	return keyword(w), nil
}

// maybeRef reads "gen R" after an object number, or leaves the position
// where it was.
func (p *parser) maybeRef(num int64) Object {
	save := p.pos
	p.skip()
	g := p.word()
	if gen, err := strconv.ParseInt(g, 10, 32); err == nil && gen >= 0 && g[0] != '+' && g[0] != '-' {
		p.skip()
		if p.pos < len(p.b) && p.b[p.pos] == 'R' && (p.pos+1 == len(p.b) || !isRegular(p.b[p.pos+1])) {
			p.pos++
			if num <= 1<<30 {
				return Ref{int(num), int(gen)}
			}
		}
	}
	p.pos = save
	return num
}

// number parses an integer or real as PDF writes them (no exponent).
func number(w string) (Object, bool) {
	c := w[0]
	if !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
		return nil, false
	}
	if i, err := strconv.ParseInt(w, 10, 64); err == nil {
		return i, true
	}
	digits, dot := 0, 0
	for i := 0; i < len(w); i++ {
		switch ch := w[i]; {
		case ch >= '0' && ch <= '9':
			digits++
		case ch == '.':
			dot++
		case (ch == '+' || ch == '-') && i == 0:
		default:
			return nil, false
		}
	}
	if digits == 0 || dot > 1 {
		return nil, false
	}
	f, err := strconv.ParseFloat(w, 64)
	if err != nil {
		return nil, false
	}
	return f, true
}

func (p *parser) name() (Object, error) {
	start := p.pos
	var out []byte
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		c := p.b[p.pos]
		if c == '#' && p.pos+2 < len(p.b) {
			if v, err := strconv.ParseUint(string(p.b[p.pos+1:p.pos+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				p.pos += 3
				continue
			}
		}
		out = append(out, c)
		p.pos++
	}
	_ = start
	return Name(out), nil
}

func (p *parser) literal() (Object, error) {
	start := p.pos - 1
	var out []byte
	level := 1
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			level++
		case ')':
			level--
			if level == 0 {
				return String(out), nil
			}
		case '\r':
			// an end of line in a string is a newline, whatever it is
			if p.pos < len(p.b) && p.b[p.pos] == '\n' {
				p.pos++
			}
			c = '\n'
		case '\\':
			if p.pos >= len(p.b) {
				continue
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					n := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; k++ {
						n = n*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(n)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, &SyntaxError{Offset: start, Msg: "string not closed"}
}

func (p *parser) hex() (Object, error) {
	start := p.pos - 1
	var out []byte
	half, have := byte(0), false
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		var v byte
		switch {
		case c == '>':
			if have {
				out = append(out, half<<4)
			}
			return String(out), nil
		case isSpace(c):
			continue
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			return nil, &SyntaxError{Offset: p.pos - 1, Msg: fmt.Sprintf("byte %q in a hex string", c)}
		}
		if have {
			out = append(out, half<<4|v)
			have = false
		} else {
			half, have = v, true
		}
	}
	return nil, &SyntaxError{Offset: start, Msg: "hex string not closed"}
}

func (p *parser) array(depth int) (Object, error) {
	start := p.pos - 1
	out := Array{}
	for {
		p.skip()
		if p.pos >= len(p.b) {
			return nil, &SyntaxError{Offset: start, Msg: "array not closed"}
		}
		if p.b[p.pos] == ']' {
			p.pos++
			return out, nil
		}
		at := p.pos
		o, err := p.token(depth + 1)
		if err != nil {
			return nil, err
		}
		if k, ok := o.(keyword); ok && !p.content {
			return nil, &SyntaxError{Offset: at, Msg: fmt.Sprintf("%q in an array", string(k))}
		}
		out = append(out, o)
	}
}

func (p *parser) dict(depth int) (Object, error) {
	start := p.pos - 2
	out := Dict{}
	for {
		p.skip()
		if p.pos >= len(p.b) {
			return nil, &SyntaxError{Offset: start, Msg: "dictionary not closed"}
		}
		if p.b[p.pos] == '>' {
			if p.pos+1 < len(p.b) && p.b[p.pos+1] == '>' {
				p.pos += 2
				return out, nil
			}
			return nil, p.errorf("a single '>' in a dictionary")
		}
		at := p.pos
		k, err := p.token(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(Name)
		if !ok {
			return nil, &SyntaxError{Offset: at, Msg: fmt.Sprintf("dictionary key %s is not a name", show(k))}
		}
		p.skip()
		if p.pos < len(p.b) && p.b[p.pos] == '>' {
			return nil, p.errorf("dictionary key /%s without a value", key)
		}
		at = p.pos
		v, err := p.token(depth + 1)
		if err != nil {
			return nil, err
		}
		if kw, isKw := v.(keyword); isKw {
			return nil, &SyntaxError{Offset: at, Msg: fmt.Sprintf("%q as the value of /%s", string(kw), key)}
		}
		if v != nil { // a null value is the same as no entry
			out[key] = v
		}
	}
}

// Parse reads the first object of b, for tests and fuzzing.
func Parse(b []byte) (Object, error) {
	p := &parser{b: b}
	o, err := p.token(0)
	if err != nil {
		return nil, err
	}
	if k, ok := o.(keyword); ok {
		return nil, &SyntaxError{Offset: 0, Msg: fmt.Sprintf("keyword %q where an object was expected", string(k))}
	}
	return o, nil
}

// objectAt reads "num gen obj <object> [stream...]" at offset off.
func (f *file) objectAt(off int) (Ref, Object, error) {
	if off < 0 || off >= len(f.data) {
		return Ref{}, nil, &SyntaxError{Offset: off, Msg: "object offset outside the file"}
	}
	p := &parser{b: f.data, pos: off}
	p.skip()
	at := p.pos
	num, err1 := strconv.Atoi(p.word())
	p.skip()
	gen, err2 := strconv.Atoi(p.word())
	p.skip()
	if err1 != nil || err2 != nil || p.word() != "obj" {
		return Ref{}, nil, &SyntaxError{Offset: at, Msg: "no \"N G obj\" here"}
	}
	o, err := p.token(0)
	if err != nil {
		return Ref{}, nil, err
	}
	if _, ok := o.(keyword); ok {
		return Ref{}, nil, &SyntaxError{Offset: at, Msg: "object without a value"}
	}
	d, isDict := o.(Dict)
	if !isDict {
		return Ref{num, gen}, o, nil
	}
	save := p.pos
	p.skip()
	if !bytes.HasPrefix(f.data[p.pos:], []byte("stream")) {
		p.pos = save
		return Ref{num, gen}, d, nil
	}
	p.pos += len("stream")
	if p.pos < len(f.data) && f.data[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(f.data) && f.data[p.pos] == '\n' {
		p.pos++
	}
	start := p.pos
	length := -1
	if l, ok := asInt(f.resolveDepth(d["Length"], 1)); ok && l >= 0 && start+l <= len(f.data) {
		rest := f.data[start+l:]
		rest = bytes.TrimLeft(rest, " \r\n\t\f\x00")
		if bytes.HasPrefix(rest, []byte("endstream")) {
			length = l
		}
	}
	if length < 0 {
		// A wrong or missing /Length: the data ends at endstream.
		i := bytes.Index(f.data[start:], []byte("endstream"))
		if i < 0 {
			return Ref{}, nil, &SyntaxError{Offset: start, Msg: "stream without endstream"}
		}
		length = i
		for length > 0 && (f.data[start+length-1] == '\n' || f.data[start+length-1] == '\r') {
			length--
		}
	}
	return Ref{num, gen}, &Stream{Dict: d, Raw: f.data[start : start+length], Offset: start}, nil
}
