package pdfcheck

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// Limits that keep a bad file from costing much.
const (
	maxStream  = 64 << 20 // bytes of one decoded stream
	maxObjects = 1 << 20  // objects in the cross-reference
	maxChain   = 64       // cross-reference sections chained by /Prev
)

// xref is where one object is: at an offset (kind 1) or as the index-th
// object of an object stream (kind 2).
type xref struct {
	kind   int
	offset int // kind 1: file offset; kind 2: the object stream's number
	index  int
}

// file is a parsed PDF file: its cross-reference and its trailer, with
// the objects loaded on demand.
type file struct {
	data    []byte
	xrefs   map[int]xref
	trailer Dict
	cache   map[int]Object
	loading map[int]bool
	objstm  map[int]*objStream
	version string
	// warnings are what the reader got past: a broken cross-reference,
	// an object that would not parse.
	warnings []string
}

type objStream struct {
	data    []byte
	offsets []int // of each object, relative to data
	nums    []int
}

func (f *file) warn(format string, args ...any) {
	if len(f.warnings) < 100 {
		f.warnings = append(f.warnings, fmt.Sprintf(format, args...))
	}
}

var headerRE = regexp.MustCompile(`%PDF-(\d\.\d)`)

// open reads the cross-reference of data: from startxref through /Prev,
// or, when that fails, by scanning the file for objects.
func open(data []byte) (*file, error) {
	f := &file{data: data, xrefs: map[int]xref{}, cache: map[int]Object{}, loading: map[int]bool{}, objstm: map[int]*objStream{}}
	head := data[:min(len(data), 1024)]
	m := headerRE.FindSubmatch(head)
	if m == nil {
		return nil, &SyntaxError{Offset: 0, Msg: "no %PDF- header in the first 1024 bytes"}
	}
	f.version = string(m[1])
	if err := f.readXrefs(); err != nil {
		f.warn("cross-reference: %v; objects found by scanning the file", err)
		f.xrefs = map[int]xref{}
		f.trailer = nil
		f.scan()
	}
	if _, ok := f.trailer["Root"].(Ref); !ok {
		return nil, errors.New("no /Root in the trailer")
	}
	return f, nil
}

func (f *file) readXrefs() error {
	tail := f.data[max(0, len(f.data)-2048):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return &SyntaxError{Offset: len(f.data), Msg: "no startxref at the end"}
	}
	p := &parser{b: tail, pos: i + len("startxref")}
	p.skip()
	off, err := strconv.Atoi(p.word())
	if err != nil {
		return &SyntaxError{Offset: len(f.data) - len(tail) + p.pos, Msg: "startxref without an offset"}
	}
	seen := map[int]bool{}
	for n := 0; ; n++ {
		if n == maxChain {
			return errors.New("too many cross-reference sections")
		}
		if seen[off] {
			return &SyntaxError{Offset: off, Msg: "cross-reference sections in a loop"}
		}
		seen[off] = true
		trailer, err := f.readXref(off)
		if err != nil {
			return err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		// A hybrid file's classic section points to a stream too.
		if stm, ok := asInt(trailer["XRefStm"]); ok && !seen[stm] {
			seen[stm] = true
			if _, err := f.readXref(stm); err != nil {
				return err
			}
		}
		prev, ok := asInt(trailer["Prev"])
		if !ok {
			return nil
		}
		off = prev
	}
}

// readXref reads one section at off, a table or a stream, adding the
// entries not known yet (a later section overrides an earlier one, and
// sections are read from the last).
func (f *file) readXref(off int) (Dict, error) {
	if off < 0 || off >= len(f.data) {
		return nil, &SyntaxError{Offset: off, Msg: "cross-reference offset outside the file"}
	}
	p := &parser{b: f.data, pos: off}
	p.skip()
	if bytes.HasPrefix(f.data[p.pos:], []byte("xref")) {
		p.pos += 4
		return f.readTable(p)
	}
	_, o, err := f.objectAt(off)
	if err != nil {
		return nil, err
	}
	s, ok := o.(*Stream)
	if !ok || asName(s.Dict["Type"]) != "XRef" {
		return nil, &SyntaxError{Offset: off, Msg: "neither \"xref\" nor a /Type /XRef stream"}
	}
	return s.Dict, f.readXrefStream(s)
}

func (f *file) readTable(p *parser) (Dict, error) {
	for {
		p.skip()
		if bytes.HasPrefix(f.data[p.pos:], []byte("trailer")) {
			p.pos += len("trailer")
			o, err := p.token(0)
			if err != nil {
				return nil, err
			}
			d, ok := o.(Dict)
			if !ok {
				return nil, p.errorf("trailer is not a dictionary")
			}
			return d, nil
		}
		at := p.pos
		start, err1 := strconv.Atoi(p.word())
		p.skip()
		count, err2 := strconv.Atoi(p.word())
		if err1 != nil || err2 != nil || start < 0 || count < 0 || count > maxObjects || start > maxObjects {
			return nil, &SyntaxError{Offset: at, Msg: "bad cross-reference subsection header"}
		}
		for i := 0; i < count; i++ {
			p.skip()
			at := p.pos
			o, e1 := strconv.Atoi(p.word())
			p.skip()
			_, e2 := strconv.Atoi(p.word())
			p.skip()
			kind := p.word()
			if e1 != nil || e2 != nil || (kind != "n" && kind != "f") {
				return nil, &SyntaxError{Offset: at, Msg: "bad cross-reference entry"}
			}
			if _, known := f.xrefs[start+i]; known {
				continue
			}
			if kind == "n" {
				f.xrefs[start+i] = xref{kind: 1, offset: o}
			} else {
				f.xrefs[start+i] = xref{kind: 0}
			}
		}
	}
}

func (f *file) readXrefStream(s *Stream) error {
	data, err := f.decode(s)
	if err != nil {
		return err
	}
	w, _ := s.Dict["W"].(Array)
	if len(w) != 3 {
		return &SyntaxError{Offset: s.Offset, Msg: "/W is not an array of three"}
	}
	var widths [3]int
	row := 0
	for i, o := range w {
		n, ok := asInt(o)
		if !ok || n < 0 || n > 8 {
			return &SyntaxError{Offset: s.Offset, Msg: "bad /W"}
		}
		widths[i] = n
		row += n
	}
	if row == 0 {
		return &SyntaxError{Offset: s.Offset, Msg: "/W of zero width"}
	}
	size, _ := asInt(s.Dict["Size"])
	index, _ := s.Dict["Index"].(Array)
	if index == nil {
		index = Array{int64(0), int64(size)}
	}
	pos := 0
	for i := 0; i+1 < len(index); i += 2 {
		start, ok1 := asInt(index[i])
		count, ok2 := asInt(index[i+1])
		if !ok1 || !ok2 || start < 0 || count < 0 || start > maxObjects || count > maxObjects {
			return &SyntaxError{Offset: s.Offset, Msg: "bad /Index"}
		}
		for j := 0; j < count; j++ {
			if pos+row > len(data) {
				return &SyntaxError{Offset: s.Offset, Msg: "cross-reference stream shorter than /Index says"}
			}
			var field [3]int
			for k := 0; k < 3; k++ {
				v := 0
				for b := 0; b < widths[k]; b++ {
					v = v<<8 | int(data[pos])
					pos++
				}
				field[k] = v
			}
			if widths[0] == 0 {
				field[0] = 1 // the type defaults to 1
			}
			if _, known := f.xrefs[start+j]; known {
				continue
			}
			switch field[0] {
			case 1:
				f.xrefs[start+j] = xref{kind: 1, offset: field[1]}
			case 2:
				f.xrefs[start+j] = xref{kind: 2, offset: field[1], index: field[2]}
			default:
				f.xrefs[start+j] = xref{kind: 0}
			}
		}
	}
	return nil
}

var objRE = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,10})\s+(\d{1,5})\s+obj\b`)

// scan finds every "N G obj" in the file, for a file whose
// cross-reference is broken, and takes the trailer from the last trailer
// dictionary or cross-reference stream.
func (f *file) scan() {
	for _, m := range objRE.FindAllSubmatchIndex(f.data, maxObjects) {
		num, _ := strconv.Atoi(string(f.data[m[2]:m[3]]))
		f.xrefs[num] = xref{kind: 1, offset: m[2]}
	}
	if i := bytes.LastIndex(f.data, []byte("trailer")); i >= 0 {
		p := &parser{b: f.data, pos: i + len("trailer")}
		if o, err := p.token(0); err == nil {
			if d, ok := o.(Dict); ok {
				f.trailer = d
			}
		}
	}
	// Object streams and cross-reference streams hold what a scan cannot
	// see: read them all (in file order, the last one winning).
	for num, x := range f.xrefs {
		_, o, err := f.objectAt(x.offset)
		s, ok := o.(*Stream)
		if err != nil || !ok {
			continue
		}
		switch asName(s.Dict["Type"]) {
		case "XRef":
			if f.trailer == nil {
				f.trailer = s.Dict
			}
		case "ObjStm":
			if os, err := f.objStream(num); err == nil {
				for i, n := range os.nums {
					if _, known := f.xrefs[n]; !known {
						f.xrefs[n] = xref{kind: 2, offset: num, index: i}
					}
				}
			}
		}
	}
	if f.trailer == nil {
		// Last resort: a catalog found by its type.
		for num := range f.xrefs {
			if d, ok := f.get(num).(Dict); ok && asName(d["Type"]) == "Catalog" {
				f.trailer = Dict{"Root": Ref{num, 0}}
				break
			}
		}
	}
}

// get loads object num.
func (f *file) get(num int) Object {
	if o, ok := f.cache[num]; ok {
		return o
	}
	if f.loading[num] {
		return nil // a cycle, as in a stream whose /Length is itself
	}
	f.loading[num] = true
	defer delete(f.loading, num)
	x, ok := f.xrefs[num]
	var o Object
	switch {
	case !ok || x.kind == 0:
	case x.kind == 1:
		ref, obj, err := f.objectAt(x.offset)
		if err != nil {
			f.warn("object %d: %v", num, err)
		} else if ref.Num != num {
			f.warn("object %d: offset %d holds object %d", num, x.offset, ref.Num)
		} else {
			o = obj
		}
	case x.kind == 2:
		os, err := f.objStream(x.offset)
		if err != nil {
			f.warn("object %d in object stream %d: %v", num, x.offset, err)
			break
		}
		if x.index >= len(os.nums) || os.nums[x.index] != num {
			// Some writers get the index wrong: find it by number.
			x.index = -1
			for i, n := range os.nums {
				if n == num {
					x.index = i
				}
			}
			if x.index < 0 {
				f.warn("object %d is not in object stream %d", num, x.offset)
				break
			}
		}
		p := &parser{b: os.data, pos: os.offsets[x.index]}
		obj, err := p.token(0)
		if err != nil {
			f.warn("object %d in object stream %d: %v", num, x.offset, err)
			break
		}
		if _, isKw := obj.(keyword); !isKw {
			o = obj
		}
	}
	f.cache[num] = o
	return o
}

func (f *file) objStream(num int) (*objStream, error) {
	if os, ok := f.objstm[num]; ok {
		if os == nil {
			return nil, errors.New("unreadable")
		}
		return os, nil
	}
	f.objstm[num] = nil
	x, ok := f.xrefs[num]
	if !ok || x.kind != 1 {
		return nil, fmt.Errorf("object stream %d is not in the file", num)
	}
	_, o, err := f.objectAt(x.offset)
	if err != nil {
		return nil, err
	}
	s, ok := o.(*Stream)
	if !ok || asName(s.Dict["Type"]) != "ObjStm" {
		return nil, fmt.Errorf("object %d is not an object stream", num)
	}
	data, err := f.decode(s)
	if err != nil {
		return nil, err
	}
	n, ok1 := asInt(s.Dict["N"])
	first, ok2 := asInt(s.Dict["First"])
	if !ok1 || !ok2 || n < 0 || first < 0 || first > len(data) || n > len(data) {
		return nil, &SyntaxError{Offset: s.Offset, Msg: "object stream with bad /N or /First"}
	}
	os := &objStream{data: data}
	p := &parser{b: data[:first], content: true}
	for i := 0; i < n; i++ {
		a, err1 := p.token(0)
		b, err2 := p.token(0)
		on, ok1 := a.(int64)
		off, ok2 := asInt(b)
		if err1 != nil || err2 != nil || !ok1 || !ok2 || off < 0 || first+off > len(data) {
			return nil, &SyntaxError{Offset: s.Offset, Where: fmt.Sprintf("object stream %d", num), Msg: "bad header"}
		}
		os.nums = append(os.nums, int(on))
		os.offsets = append(os.offsets, first+off)
	}
	f.objstm[num] = os
	return os, nil
}

// resolve follows references.
func (f *file) resolve(o Object) Object { return f.resolveDepth(o, 16) }

func (f *file) resolveDepth(o Object, depth int) Object {
	for i := 0; i < depth; i++ {
		r, ok := o.(Ref)
		if !ok {
			return o
		}
		o = f.get(r.Num)
	}
	if _, ok := o.(Ref); ok {
		return nil
	}
	return o
}

func (f *file) dict(o Object) Dict {
	switch v := f.resolve(o).(type) {
	case Dict:
		return v
	case *Stream:
		return v.Dict
	}
	return nil
}

func (f *file) array(o Object) Array {
	a, _ := f.resolve(o).(Array)
	return a
}

// decode returns a stream's data with its filters undone: FlateDecode
// (with PNG or TIFF predictors) and ASCIIHexDecode.
func (f *file) decode(s *Stream) ([]byte, error) {
	filters := f.resolve(s.Dict["Filter"])
	params := f.resolve(s.Dict["DecodeParms"])
	var names []Name
	var parms []Dict
	switch v := filters.(type) {
	case nil:
	case Name:
		names = []Name{v}
		parms = []Dict{f.dict(params)}
	case Array:
		pa, _ := params.(Array)
		for i, n := range v {
			names = append(names, asName(f.resolve(n)))
			var d Dict
			if i < len(pa) {
				d = f.dict(pa[i])
			}
			parms = append(parms, d)
		}
	default:
		return nil, &SyntaxError{Offset: s.Offset, Msg: "bad /Filter"}
	}
	data := s.Raw
	for i, n := range names {
		var err error
		switch n {
		case "FlateDecode", "Fl":
			data, err = inflate(data)
			if err == nil {
				data, err = unpredict(data, parms[i])
			}
		case "ASCIIHexDecode", "AHx":
			var o Object
			o, err = (&parser{b: append(data[:len(data):len(data)], '>')}).hex()
			if err == nil {
				data = []byte(o.(String))
			}
		default:
			err = fmt.Errorf("filter /%s is not supported", n)
		}
		if err != nil {
			return nil, &SyntaxError{Offset: s.Offset, Msg: err.Error()}
		}
	}
	return data, nil
}

func inflate(data []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("flate: %v", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxStream+1))
	if len(out) > maxStream {
		return nil, fmt.Errorf("flate: more than %d bytes", maxStream)
	}
	// A stream cut short still gives what it has: some writers end it
	// without the checksum.
	if err != nil && len(out) == 0 {
		return nil, fmt.Errorf("flate: %v", err)
	}
	return out, nil
}

// unpredict undoes a PNG predictor (/Predictor 10 to 15, each row with
// its own filter byte) or TIFF predictor 2.
func unpredict(data []byte, parms Dict) ([]byte, error) {
	pred, _ := asInt(parms["Predictor"])
	if pred <= 1 {
		return data, nil
	}
	colors, bpc, columns := 1, 8, 1
	if v, ok := asInt(parms["Colors"]); ok {
		colors = v
	}
	if v, ok := asInt(parms["BitsPerComponent"]); ok {
		bpc = v
	}
	if v, ok := asInt(parms["Columns"]); ok {
		columns = v
	}
	if colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || columns < 1 || columns > 1<<20 {
		return nil, errors.New("bad predictor parameters")
	}
	bpp := max(1, colors*bpc/8)
	rowLen := (colors*bpc*columns + 7) / 8
	if pred == 2 {
		if bpc != 8 {
			return nil, errors.New("TIFF predictor with other than 8 bits")
		}
		out := append([]byte(nil), data...)
		for r := 0; r+rowLen <= len(out); r += rowLen {
			for i := bpp; i < rowLen; i++ {
				out[r+i] += out[r+i-bpp]
			}
		}
		return out, nil
	}
	if pred < 10 {
		return nil, fmt.Errorf("predictor %d is not supported", pred)
	}
	var out []byte
	prev := make([]byte, rowLen)
	for r := 0; r < len(data); r += rowLen + 1 {
		if r+1+rowLen > len(data) {
			break // a short last row is dropped
		}
		ft := data[r]
		row := append([]byte(nil), data[r+1:r+1+rowLen]...)
		for i := range row {
			var left, up, ul byte
			if i >= bpp {
				left = row[i-bpp]
				ul = prev[i-bpp]
			}
			up = prev[i]
			switch ft {
			case 0:
			case 1:
				row[i] += left
			case 2:
				row[i] += up
			case 3:
				row[i] += byte((int(left) + int(up)) / 2)
			case 4:
				row[i] += paeth(left, up, ul)
			default:
				return nil, fmt.Errorf("PNG filter type %d", ft)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	if pa <= pb && pa <= pc {
		return a
	}
	if pb <= pc {
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
