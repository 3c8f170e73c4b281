package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/koers-nl/koers"
)

// positions maps the JSON pointer of every value in a document to the byte
// offset where the value starts, so that problems found on decoded data can
// be reported by line and column. While it reads, it notes what is wrong
// with the file's tokens themselves: fields named twice, numbers that are
// not plain decimals, strings that are not valid text.
type positions struct {
	src     []byte
	offsets map[string]int
	// starts and pointers list every value in file order, for finding the
	// value at a byte offset.
	starts   []int
	pointers []string
	bad      []pending
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
	start := p.start(dec)
	p.offsets[ptr] = start
	p.starts = append(p.starts, start)
	p.pointers = append(p.pointers, ptr)
	tok, err := dec.Token()
	if err != nil {
		return
	}
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '{' {
			seen := map[string]bool{}
			for dec.More() {
				kstart := p.start(dec)
				key, err := dec.Token()
				if err != nil {
					return
				}
				k, _ := key.(string)
				child := ptr + "/" + escapePointer(k)
				p.checkString(child, kstart, int(dec.InputOffset()))
				if seen[child] {
					p.bad = append(p.bad, pending{child, p.start(dec), fmt.Sprintf("field %q appears twice", k)})
					p.skip(dec)
					continue
				}
				seen[child] = true
				p.value(dec, child)
			}
		} else if tok == '[' {
			for i := 0; dec.More(); i++ {
				p.value(dec, ptr+"/"+strconv.Itoa(i))
			}
		}
		_, _ = dec.Token()
	case json.Number:
		if msg := checkNumber(string(tok)); msg != "" {
			p.bad = append(p.bad, pending{ptr, start, msg})
		}
	case string:
		p.checkString(ptr, start, int(dec.InputOffset()))
	}
}

// pending is a problem located by byte offset, to be turned into a line
// and column.
type pending struct {
	pointer string
	offset  int
	message string
}

// skip reads past one value without recording it.
func (p *positions) skip(dec *json.Decoder) {
	var v json.RawMessage
	_ = dec.Decode(&v)
}

// offset returns the byte offset of the value at ptr, or of its nearest
// ancestor that exists (a missing field is reported at its object).
func (p positions) offset(ptr string) int {
	for {
		if off, ok := p.offsets[ptr]; ok {
			return off
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return 0
		}
		ptr = ptr[:i]
	}
}

// at returns the pointer and start of the innermost value that starts
// before off.
func (p positions) at(off int) (ptr string, start int) {
	i := sort.SearchInts(p.starts, off) - 1
	if i < 0 {
		return "", 0
	}
	return p.pointers[i], p.starts[i]
}

// lineCol turns a byte offset into a 1-based line and column (in runes).
func lineCol(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

func escapePointer(s string) string { return pointerEscaper.Replace(s) }

// checkNumber says what is wrong with a JSON number, or "". Bundles hold
// plain decimals: no exponent (1e3), at most koers.MaxDigits significant
// digits (every such decimal survives a float64 and is written back as it
// was),
// and within what a float64 holds without rounding to zero or infinity.
func checkNumber(lit string) string {
	if strings.ContainsAny(lit, "eE") {
		return fmt.Sprintf("number %s has an exponent; write it as a plain decimal, such as 1992 or 11.6", abbreviate(lit))
	}
	mantissa := strings.TrimLeft(strings.Replace(strings.TrimPrefix(lit, "-"), ".", "", 1), "0")
	if n := len(strings.TrimRight(mantissa, "0")); n > koers.MaxDigits {
		return fmt.Sprintf("number %s has %d significant digits; a bundle holds at most %d", abbreviate(lit), n, koers.MaxDigits)
	}
	f, err := strconv.ParseFloat(lit, 64)
	switch {
	case err != nil || math.IsInf(f, 0):
		return fmt.Sprintf("number %s is too large", abbreviate(lit))
	case mantissa != "" && math.Abs(f) < 0x1p-1022:
		// Digits other than zero that round to zero, or to a subnormal
		// float that has lost them.
		return fmt.Sprintf("number %s is too close to zero", abbreviate(lit))
	}
	return ""
}

// abbreviate shortens a long literal for a message.
func abbreviate(s string) string {
	if len(s) <= 40 {
		return s
	}
	return s[:20] + "..." + s[len(s)-10:]
}

// checkString notes a string literal, src[start:end], whose escapes make
// text that no database stores: NUL (\u0000), and halves of UTF-16
// surrogate pairs, which decoders replace without a word.
func (p *positions) checkString(ptr string, start, end int) {
	if end > len(p.src) || start >= end {
		return
	}
	lit := p.src[start:end]
	if bytes.IndexByte(lit, '\\') < 0 {
		return
	}
	for i := 0; i < len(lit); i++ {
		if lit[i] != '\\' {
			continue
		}
		i++
		if i >= len(lit) || lit[i] != 'u' || i+4 >= len(lit) {
			continue
		}
		r := hex4(lit[i+1 : i+5])
		i += 4
		switch {
		case r == 0:
			p.bad = append(p.bad, pending{ptr, start, `text holds a NUL character (\u0000)`})
			return
		case utf16.IsSurrogate(r):
			// A high half followed by a low half is one character.
			if r < 0xdc00 && i+6 < len(lit) && lit[i+1] == '\\' && lit[i+2] == 'u' {
				if lo := hex4(lit[i+3 : i+7]); lo >= 0xdc00 && lo <= 0xdfff {
					i += 6
					continue
				}
			}
			p.bad = append(p.bad, pending{ptr, start, fmt.Sprintf(`text holds \u%04x, half of a UTF-16 surrogate pair, which is not a character`, r)})
			return
		}
	}
}

// hex4 decodes four hex digits, which a well-formed \u escape has.
func hex4(b []byte) rune {
	n, err := strconv.ParseUint(string(b), 16, 32)
	if err != nil {
		return -1
	}
	return rune(n)
}
