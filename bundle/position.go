package bundle

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// positions maps the JSON pointer of every value in a document to the byte
// offset where the value starts, so that problems found on decoded data can
// be reported by line and column.
type positions struct {
	src        []byte
	offsets    map[string]int
	duplicates []duplicate // fields that appear twice in one object
}

// scanPositions records the offsets of well-formed JSON in src.
func scanPositions(src []byte) positions {
	p := positions{src: src, offsets: map[string]int{}}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	p.value(dec, "")
	return p
}

// start is where the next value begins: past whitespace and the ':' or ','
// before it.
func (p *positions) start(dec *json.Decoder) int {
	off := int(dec.InputOffset())
	for off < len(p.src) && strings.IndexByte(" \t\r\n:,", p.src[off]) >= 0 {
		off++
	}
	return off
}

func (p *positions) value(dec *json.Decoder, ptr string) {
	p.offsets[ptr] = p.start(dec)
	tok, err := dec.Token()
	if err != nil {
		return
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return
			}
			child := ptr + "/" + escapePointer(key.(string))
			if seen[child] {
				p.duplicates = append(p.duplicates, duplicate{child, p.start(dec)})
				p.skip(dec)
				continue
			}
			seen[child] = true
			p.value(dec, child)
		}
		_, _ = dec.Token()
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			p.value(dec, ptr+"/"+strconv.Itoa(i))
		}
		_, _ = dec.Token()
	}
}

type duplicate struct {
	pointer string
	offset  int
}

// skip reads past one value without recording it.
func (p *positions) skip(dec *json.Decoder) {
	var v json.RawMessage
	_ = dec.Decode(&v)
}

// locate returns the line and column of the value at ptr, or of its nearest
// ancestor that exists (a missing field is reported at its object).
func (p positions) locate(ptr string) (line, col int) {
	for {
		if off, ok := p.offsets[ptr]; ok {
			return lineCol(p.src, off)
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return 1, 1
		}
		ptr = ptr[:i]
	}
}

// lineCol turns a byte offset into a 1-based line and column (in runes).
func lineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[lineStart:]))) + 1
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}
