package pdfcheck

import (
	"bytes"
	"fmt"
)

// Op is one operator of a content stream with its operands. An inline
// image (BI ... ID ... EI) is one Op "BI" whose operand is its dictionary,
// the image data skipped.
type Op struct {
	Name   string
	Args   []Object
	Offset int // of the operator in the decoded stream
}

// maxOperands bounds the operands one operator may collect.
const maxOperands = 1 << 12

// Tokenize splits a decoded content stream into operators. It stops at the
// first syntax error and returns the operators before it with the error.
func Tokenize(data []byte) ([]Op, error) {
	var ops []Op
	err := tokenize(data, func(op Op) { ops = append(ops, op) })
	return ops, err
}

func tokenize(data []byte, fn func(Op)) error {
	p := &parser{b: data, content: true}
	var args []Object
	for {
		p.skip()
		if p.pos >= len(data) {
			return nil
		}
		at := p.pos
		o, err := p.token(0)
		if err != nil {
			return err
		}
		k, isKw := o.(keyword)
		if !isKw {
			if len(args) == maxOperands {
				return &SyntaxError{Offset: at, Msg: "too many operands"}
			}
			args = append(args, o)
			continue
		}
		switch k {
		case "BI":
			d, err := p.inlineImage()
			if err != nil {
				return err
			}
			fn(Op{Name: "BI", Args: []Object{d}, Offset: at})
		case "]", ">", ")", "{", "}":
			return &SyntaxError{Offset: at, Msg: fmt.Sprintf("unexpected %q", string(k))}
		default:
			fn(Op{Name: string(k), Args: args, Offset: at})
		}
		args = nil
	}
}

// inlineImage reads an inline image's dictionary up to ID, then skips its
// data to EI: by /L or /Length where given, or else to the first EI with
// white space on both sides followed by something that reads as content.
func (p *parser) inlineImage() (Dict, error) {
	start := p.pos
	d := Dict{}
	for {
		p.skip()
		if p.pos >= len(p.b) {
			return nil, &SyntaxError{Offset: start, Msg: "inline image without ID"}
		}
		at := p.pos
		k, err := p.token(0)
		if err != nil {
			return nil, err
		}
		if kw, ok := k.(keyword); ok && kw == "ID" {
			break
		}
		key, ok := k.(Name)
		if !ok {
			return nil, &SyntaxError{Offset: at, Msg: "inline image key is not a name"}
		}
		v, err := p.token(0)
		if err != nil {
			return nil, err
		}
		if _, ok := v.(keyword); ok {
			return nil, &SyntaxError{Offset: at, Msg: "inline image key without a value"}
		}
		d[key] = v
	}
	// One white-space byte separates ID from the data.
	if p.pos < len(p.b) && isSpace(p.b[p.pos]) {
		p.pos++
	}
	dataStart := p.pos
	length := -1
	if l, ok := asInt(d["L"]); ok {
		length = l
	} else if l, ok := asInt(d["Length"]); ok {
		length = l
	}
	if length >= 0 && dataStart+length <= len(p.b) {
		p.pos = dataStart + length
		p.skip()
		if bytes.HasPrefix(p.b[p.pos:], []byte("EI")) && (p.pos+2 == len(p.b) || !isRegular(p.b[p.pos+2])) {
			p.pos += 2
			return d, nil
		}
		p.pos = dataStart
	}
	for i := dataStart; i+2 <= len(p.b); i++ {
		if p.b[i] != 'E' || p.b[i+1] != 'I' {
			continue
		}
		if i > dataStart && !isSpace(p.b[i-1]) {
			continue
		}
		if i+2 < len(p.b) && !isSpace(p.b[i+2]) {
			continue
		}
		p.pos = i + 2
		return d, nil
	}
	return nil, &SyntaxError{Offset: dataStart, Msg: "inline image without EI"}
}
