package pdfcheck

import (
	"sort"
	"strings"
)

// Font is a font as the pages use it.
type Font struct {
	Obj       int    // object number (0 for a direct dictionary)
	BaseFont  string // without a subset prefix's removal
	Subtype   string // Type0, TrueType, Type1, Type3, ...
	Encoding  string // the /Encoding name, if a name
	Embedded  bool   // FontFile, FontFile2 or FontFile3 in the descriptor (Type3: always)
	ToUnicode bool   // has a /ToUnicode CMap
	// Used counts the codes drawn with the font; Unmapped lists those the
	// ToUnicode map does not map, or maps to nothing or U+FFFD, in code
	// order.
	Used     int
	Unmapped []uint32

	twoByte bool
	cmap    *cmap
	used    map[uint32]bool
}

// cmap is a ToUnicode CMap: single codes and ranges, each code with its
// length in bytes.
type cmap struct {
	chars  map[codeKey]string
	ranges []cmapRange
}

type codeKey struct {
	n    int
	code uint32
}

type cmapRange struct {
	n      int
	lo, hi uint32
	dst    string   // the first code's text; the last character counts up
	array  []string // or one text per code
}

func (c *cmap) lookup(n int, code uint32) (string, bool) {
	if c == nil {
		return "", false
	}
	if s, ok := c.chars[codeKey{n, code}]; ok {
		return s, true
	}
	for _, r := range c.ranges {
		if r.n != n || code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.array != nil {
			if int(off) < len(r.array) {
				return r.array[off], true
			}
			return "", false
		}
		rs := []rune(r.dst)
		if len(rs) == 0 {
			return "", true
		}
		rs[len(rs)-1] += rune(off)
		return string(rs), true
	}
	return "", false
}

// maxCMapEntries bounds a CMap's entries.
const maxCMapEntries = 1 << 17

// parseCMap reads the bfchar and bfrange sections of a ToUnicode CMap.
func parseCMap(data []byte) (*cmap, error) {
	c := &cmap{chars: map[codeKey]string{}}
	p := &parser{b: data, content: true}
	var stack []Object
	entries := 0
	for {
		p.skip()
		if p.pos >= len(data) {
			return c, nil
		}
		o, err := p.token(0)
		if err != nil {
			return c, err
		}
		k, isKw := o.(keyword)
		if !isKw {
			if len(stack) < 1<<12 {
				stack = append(stack, o)
			}
			continue
		}
		switch k {
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, ok1 := stack[i].(String)
				dst, ok2 := stack[i+1].(String)
				if !ok1 || !ok2 || len(src) == 0 || len(src) > 4 {
					continue
				}
				if entries++; entries > maxCMapEntries {
					return c, nil
				}
				c.chars[codeKey{len(src), code(src)}] = utf16BE([]byte(dst))
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, ok1 := stack[i].(String)
				hi, ok2 := stack[i+1].(String)
				if !ok1 || !ok2 || len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				if entries++; entries > maxCMapEntries {
					return c, nil
				}
				r := cmapRange{n: len(lo), lo: code(lo), hi: code(hi)}
				if r.hi < r.lo {
					continue
				}
				switch d := stack[i+2].(type) {
				case String:
					r.dst = utf16BE([]byte(d))
				case Array:
					for _, e := range d {
						s, _ := e.(String)
						r.array = append(r.array, utf16BE([]byte(s)))
					}
				default:
					continue
				}
				c.ranges = append(c.ranges, r)
			}
		}
		stack = stack[:0]
	}
}

func code(b String) uint32 {
	var v uint32
	for i := 0; i < len(b); i++ {
		v = v<<8 | uint32(b[i])
	}
	return v
}

// decode turns a string operand into text, noting each code as used.
func (ft *Font) decode(s String) string {
	var sb strings.Builder
	n := 1
	if ft.twoByte {
		n = 2
	}
	for i := 0; i+n <= len(s); i += n {
		c := code(s[i : i+n])
		if ft.used == nil {
			ft.used = map[uint32]bool{}
		}
		if !ft.used[c] && len(ft.used) < 1<<16 {
			ft.used[c] = true
		}
		if t, ok := ft.cmap.lookup(n, c); ok {
			sb.WriteString(t)
			continue
		}
		if !ft.twoByte {
			sb.WriteRune(winAnsi(byte(c)))
		}
	}
	return sb.String()
}

// finish sets Used and Unmapped from the codes seen.
func (ft *Font) finish() {
	ft.Used = len(ft.used)
	n := 1
	if ft.twoByte {
		n = 2
	}
	ft.Unmapped = nil
	for c := range ft.used {
		t, ok := ft.cmap.lookup(n, c)
		if !ok || t == "" || strings.ContainsRune(t, '\ufffd') {
			ft.Unmapped = append(ft.Unmapped, c)
		}
	}
	sort.Slice(ft.Unmapped, func(i, j int) bool { return ft.Unmapped[i] < ft.Unmapped[j] })
}

// winAnsi maps a WinAnsiEncoding byte to Unicode.
func winAnsi(b byte) rune {
	if b >= 0x80 && b < 0xa0 {
		if r := winAnsi80[b-0x80]; r != 0 {
			return r
		}
		return '\ufffd'
	}
	return rune(b)
}

var winAnsi80 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// loadFont reads a font dictionary.
func (f *file) loadFont(o Object) *Font {
	d := f.dict(o)
	ft := &Font{}
	if r, ok := o.(Ref); ok {
		ft.Obj = r.Num
	}
	if d == nil {
		return ft
	}
	ft.BaseFont = string(asName(f.resolve(d["BaseFont"])))
	ft.Subtype = string(asName(f.resolve(d["Subtype"])))
	ft.Encoding = string(asName(f.resolve(d["Encoding"])))
	desc := f.dict(d["FontDescriptor"])
	if ft.Subtype == "Type0" {
		ft.twoByte = true // Identity-H and the usual CJK CMaps are two-byte
		if kids := f.array(d["DescendantFonts"]); len(kids) > 0 {
			desc = f.dict(f.dict(kids[0])["FontDescriptor"])
		}
	}
	if ft.Subtype == "Type3" {
		ft.Embedded = true // its glyphs are content streams in the file
	}
	for _, k := range []Name{"FontFile", "FontFile2", "FontFile3"} {
		if _, ok := f.resolve(desc[k]).(*Stream); ok {
			ft.Embedded = true
		}
	}
	if s, ok := f.resolve(d["ToUnicode"]).(*Stream); ok {
		ft.ToUnicode = true
		data, err := f.decode(s)
		if err != nil {
			f.warn("font %d: ToUnicode: %v", ft.Obj, err)
		} else {
			cm, err := parseCMap(data)
			if err != nil {
				f.warn("font %d: ToUnicode: %v", ft.Obj, err)
			}
			ft.cmap = cm
		}
	}
	return ft
}
