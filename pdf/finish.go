package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"time"
	"unicode/utf16"
)

// finish turns fpdf's file into the tagged PDF koers publishes. fpdf knows
// nothing of structure; what it lacks is added here, to a file whose layout
// parseFile knows exactly (see deflate.go):
//
//   - each page dictionary gets its key in the parent tree
//     (/StructParents), its tab order by structure (/Tabs /S) and its link
//     annotations (/Annots);
//   - the catalogue gets the structure tree, /MarkInfo, the viewer's
//     preference to show the title, the XMP metadata and the sRGB output
//     intent (PDF/A);
//   - new objects: the structure tree's elements, the parent tree, the
//     annotations, the metadata and the colour profile. The elements and
//     the parent tree go into compressed object streams, so that a tagged
//     file stays near the size of an untagged one; the cross-reference
//     table becomes a cross-reference stream, which object streams need.
//
// The header says PDF 1.7, the version PDF/UA-1 is built on.

// tagged is what the writer hands to finish: the structure tree and the
// links, and the metadata for XMP.
type tagged struct {
	root  *elem
	links []*annot
	mcids []int // MCIDs used per page
	meta  xmpMeta
}

func (w *writer) tagged() *tagged {
	created := w.spec.Created
	if created.IsZero() {
		created = defaultCreated
	}
	return &tagged{root: w.tag.root, links: w.tag.links, mcids: w.tag.mcids, meta: xmpMeta{
		Title: w.spec.Title, Author: w.spec.Author, Subject: w.spec.Subject,
		Creator: "koers", Producer: "koers", Created: created, Modified: created, Lang: "nl-NL",
	}}
}

// defaultCreated is the creation date of a PDF whose spec gives none:
// fixed, so that the same content gives the same bytes.
var defaultCreated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// objectsPerStream bounds an object stream, so that a reader finding one
// object decompresses a few thousand, not all.
const objectsPerStream = 2000

// file is the finished PDF being written: plain objects go straight to
// out, compressed ones into object streams.
type file struct {
	out      *countWriter
	c        *compressor
	next     int   // the next free object number
	offsets  []int // by object number: where a plain object starts
	inStream []ref // by object number: the object stream holding it
	pending  []pendingObj
	err      error
}

type ref struct{ stream, index int }

type pendingObj struct {
	num  int
	body []byte
}

// alloc reserves an object number.
func (f *file) alloc() int {
	n := f.next
	f.next++
	return n
}

// plain writes object num with body (a dictionary, or a dictionary and its
// stream) as an ordinary object.
func (f *file) plain(num int, body ...[]byte) {
	f.grow(num)
	f.offsets[num] = f.out.n
	f.out.Write([]byte(strconv.Itoa(num) + " 0 obj\n"))
	for _, b := range body {
		f.out.Write(b)
	}
	f.out.Write([]byte("\nendobj\n"))
}

// stream writes object num as a stream with dict's keys (without /Length
// and /Filter), compressed when compress is set.
func (f *file) stream(num int, dict string, data []byte, compress bool) {
	if compress {
		z, err := f.c.compress(data)
		if err != nil {
			f.err = err
			return
		}
		data = z
		dict += " /Filter /FlateDecode"
	}
	f.plain(num, []byte("<<"+dict+" /Length "+strconv.Itoa(len(data))+">>\nstream\n"), data, []byte("\nendstream"))
}

// compressed queues object num for an object stream.
func (f *file) compressed(num int, body []byte) {
	f.pending = append(f.pending, pendingObj{num, body})
	if len(f.pending) == objectsPerStream {
		f.flush()
	}
}

// flush writes the queued objects as one object stream.
func (f *file) flush() {
	if len(f.pending) == 0 {
		return
	}
	num := f.alloc()
	var head, body []byte
	for i, o := range f.pending {
		f.grow(o.num)
		f.inStream[o.num] = ref{stream: num, index: i}
		head = strconv.AppendInt(head, int64(o.num), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(len(body)), 10)
		head = append(head, ' ')
		body = append(body, o.body...)
		body = append(body, '\n')
	}
	dict := "/Type /ObjStm /N " + strconv.Itoa(len(f.pending)) + " /First " + strconv.Itoa(len(head))
	f.stream(num, dict, append(head, body...), true)
	f.pending = f.pending[:0]
}

func (f *file) grow(num int) {
	for len(f.offsets) <= num {
		f.offsets = append(f.offsets, 0)
		f.inStream = append(f.inStream, ref{})
	}
}

// finish writes src, the file fpdf wrote without compression, to w as a
// tagged PDF with t's structure.
func finish(w io.Writer, src []byte, t *tagged) error {
	pf, err := parseFile(src)
	if err != nil {
		return fmt.Errorf("finish pdf: %w", err)
	}
	root, info, err := pf.trailerRefs()
	if err != nil {
		return fmt.Errorf("finish pdf: %w", err)
	}
	c := getCompressor()
	defer putCompressor(c)
	f := &file{out: &countWriter{w: w}, c: c, next: len(pf.objects) + 1}

	// The page objects, in page order, as fpdf writes them.
	var pages []int
	for i, o := range pf.objects {
		if bytes.HasPrefix(pf.body(src, i), pageDict) {
			pages = append(pages, o.num)
		}
	}
	if len(pages) < len(t.mcids) {
		return fmt.Errorf("finish pdf: %d pages in the file, content marked on %d", len(pages), len(t.mcids))
	}
	s := newStructure(f, t, pages)

	packed := compressStreams(src, pf)

	// The header, with the version PDF/UA-1 builds on: same length, so no
	// offset moves.
	header := bytes.Clone(src[:pf.objects[0].off])
	if len(header) < 8 || !bytes.HasPrefix(header, []byte("%PDF-1.")) {
		return errors.New("finish pdf: no PDF header")
	}
	header[7] = '7'
	f.out.Write(header)
	for i, o := range pf.objects {
		end := pf.xref
		if i+1 < len(pf.objects) {
			end = pf.objects[i+1].off
		}
		f.grow(o.num)
		f.offsets[o.num] = f.out.n
		obj := src[o.off:end]
		head, rest, _ := bytes.Cut(obj, []byte("\n"))
		head = append(head, '\n')
		switch {
		case o.num == root:
			f.out.Write(head)
			rest, ok := bytes.CutPrefix(rest, []byte("<<\n"))
			if !ok {
				return fmt.Errorf("finish pdf: the catalogue (object %d) is not a dictionary", o.num)
			}
			f.out.Write([]byte("<<\n"))
			f.out.Write(s.catalog())
			f.out.Write(rest)
			continue
		case bytes.HasPrefix(rest, pageDict):
			if bytes.Contains(rest, []byte("/Annots")) {
				return fmt.Errorf("finish pdf: page object %d has annotations of fpdf's own", o.num)
			}
			f.out.Write(head)
			f.out.Write(pageDict)
			f.out.Write(s.pageEntries(o.num))
			f.out.Write(rest[len(pageDict):])
			continue
		}
		h, _, ok := plainStream(obj)
		if !ok {
			f.out.Write(obj)
			continue
		}
		z, err := packed.get(i)
		if err != nil {
			return fmt.Errorf("finish pdf: %w", err)
		}
		f.out.Write(h)
		f.out.Write([]byte("<</Filter /FlateDecode /Length " + strconv.Itoa(len(z))))
		f.out.Write(streamStart)
		f.out.Write(z)
		f.out.Write(streamEnd)
	}
	s.write()
	f.flush()
	if f.err != nil {
		return fmt.Errorf("finish pdf: %w", f.err)
	}
	f.xrefStream(root, info, md5.Sum(src))
	if f.err != nil {
		return fmt.Errorf("finish pdf: %w", f.err)
	}
	return f.out.err
}

var pageDict = []byte("<</Type /Page\n")

// body is object i's content after its "N 0 obj" line.
func (pf pdfFile) body(src []byte, i int) []byte {
	end := pf.xref
	if i+1 < len(pf.objects) {
		end = pf.objects[i+1].off
	}
	obj := src[pf.objects[i].off:end]
	_, rest, _ := bytes.Cut(obj, []byte("\n"))
	return rest
}

// trailerRefs reads the catalogue's and the information dictionary's
// object numbers from fpdf's trailer.
func (pf pdfFile) trailerRefs() (root, info int, err error) {
	find := func(key string) (int, error) {
		_, after, ok := bytes.Cut(pf.trailer, []byte("\n"+key+" "))
		if !ok {
			return 0, fmt.Errorf("the trailer has no %s", key)
		}
		num, _, ok := bytes.Cut(after, []byte(" 0 R"))
		n, err := strconv.Atoi(string(num))
		if !ok || err != nil || n < 1 || n > len(pf.objects) {
			return 0, fmt.Errorf("the trailer's %s is not an object of the file", key)
		}
		return n, nil
	}
	if root, err = find("/Root"); err != nil {
		return 0, 0, err
	}
	info, err = find("/Info")
	return root, info, err
}

// xrefStream writes the cross-reference stream, which is also the
// trailer, and the end of the file.
func (f *file) xrefStream(root, info int, id [16]byte) {
	num := f.alloc()
	f.grow(num)
	start := f.out.n
	f.offsets[num] = start
	// Each entry: a type byte, four bytes of offset or object stream, two
	// of generation or index.
	rows := make([]byte, 0, 7*f.next)
	rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff)
	for n := 1; n < f.next; n++ {
		if r := f.inStream[n]; r.stream != 0 {
			rows = append(rows, 2, byte(r.stream>>24), byte(r.stream>>16), byte(r.stream>>8), byte(r.stream), byte(r.index>>8), byte(r.index))
			continue
		}
		o := f.offsets[n]
		rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
	}
	ids := hex.EncodeToString(id[:])
	dict := "/Type /XRef /Size " + strconv.Itoa(f.next) + " /W [1 4 2] /Root " + strconv.Itoa(root) + " 0 R /Info " +
		strconv.Itoa(info) + " 0 R /ID [<" + ids + "> <" + ids + ">]"
	f.stream(num, dict, rows, true)
	f.out.Write([]byte("startxref\n" + strconv.Itoa(start) + "\n%%EOF\n"))
}

// structure writes the structure tree and what refers to it.
type structure struct {
	f      *file
	t      *tagged
	pages  []int          // object numbers, by page (0-based)
	parent [][]*elem      // by page: the element of each MCID
	annots map[*annot]int // object numbers
	byPage map[int][]int  // page object → its annotations' numbers
	keys   map[int]int    // page object → its key in the parent tree
	pt, tr int            // the parent tree, the tree root
	meta   int            // the XMP metadata
	icc    int            // the output intent's profile
	ids    map[string]*elem
}

func newStructure(f *file, t *tagged, pages []int) *structure {
	s := &structure{f: f, t: t, pages: pages, parent: make([][]*elem, len(t.mcids)),
		annots: map[*annot]int{}, byPage: map[int][]int{}, keys: map[int]int{}, ids: map[string]*elem{}}
	for i, n := range t.mcids {
		s.parent[i] = make([]*elem, n)
	}
	s.tr, s.pt, s.meta, s.icc = f.alloc(), f.alloc(), f.alloc(), f.alloc()
	// Numbers for the elements in tree order, and the parent tree's
	// entries: which element each MCID belongs to.
	var number func(e *elem)
	number = func(e *elem) {
		e.num = f.alloc()
		if e.id != "" {
			s.ids[e.id] = e
		}
		for _, k := range e.kids {
			switch {
			case k.elem != nil:
				number(k.elem)
			case k.annot == nil:
				s.parent[k.page-1][k.mcid] = e
			}
		}
	}
	number(t.root)
	key := 0
	for i, p := range pages {
		if i < len(t.mcids) && t.mcids[i] > 0 {
			s.keys[p] = key
			key++
		}
	}
	for _, a := range t.links {
		num := f.alloc()
		s.annots[a] = num
		s.byPage[pages[a.page-1]] = append(s.byPage[pages[a.page-1]], num)
		a.key = key
		key++
	}
	return s
}

// pageEntries are the keys added to page object num's dictionary.
func (s *structure) pageEntries(num int) []byte {
	var b []byte
	if k, ok := s.keys[num]; ok {
		b = append(b, "/StructParents "...)
		b = strconv.AppendInt(b, int64(k), 10)
		b = append(b, '\n')
	}
	if list := s.byPage[num]; len(list) > 0 {
		b = append(b, "/Tabs /S\n/Annots ["...)
		for i, a := range list {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendRef(b, a)
		}
		b = append(b, "]\n"...)
	}
	return b
}

// catalog is what the catalogue gets besides fpdf's entries.
func (s *structure) catalog() []byte {
	var b []byte
	b = append(b, "/StructTreeRoot "...)
	b = appendRef(b, s.tr)
	b = append(b, "\n/MarkInfo <</Marked true>>\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata "...)
	b = appendRef(b, s.meta)
	b = append(b, "\n/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile "...)
	b = appendRef(b, s.icc)
	b = append(b, ">>]\n"...)
	return b
}

// write writes the new objects: annotations, metadata and profile as
// plain objects, the tree in object streams.
func (s *structure) write() {
	f := s.f
	for _, a := range s.t.links {
		f.plain(s.annots[a], s.annotation(a))
	}
	f.stream(s.meta, "/Type /Metadata /Subtype /XML", xmpPacket(s.t.meta), false)
	f.stream(s.icc, "/N 3", srgbProfile(), true)

	var root []byte
	root = append(root, "<</Type /StructTreeRoot /K "...)
	root = appendRef(root, s.t.root.num)
	root = append(root, " /ParentTree "...)
	root = appendRef(root, s.pt)
	root = append(root, " /ParentTreeNextKey "...)
	root = strconv.AppendInt(root, int64(len(s.keys)+len(s.t.links)), 10)
	if len(s.ids) > 0 {
		root = append(root, " /IDTree <</Names ["...)
		for _, id := range sortedKeys(s.ids) {
			root = appendText(root, id)
			root = append(root, ' ')
			root = appendRef(root, s.ids[id].num)
			root = append(root, ' ')
		}
		root = append(root, "]>>"...)
	}
	root = append(root, ">>"...)
	f.compressed(s.tr, root)

	// The parent tree: per page the elements of its MCIDs, per annotation
	// its Link element, in one node.
	var pt []byte
	pt = append(pt, "<</Nums ["...)
	for i, p := range s.pages {
		k, ok := s.keys[p]
		if !ok {
			continue
		}
		pt = strconv.AppendInt(pt, int64(k), 10)
		pt = append(pt, " ["...)
		for j, e := range s.parent[i] {
			if j > 0 {
				pt = append(pt, ' ')
			}
			if e == nil {
				pt = append(pt, "null"...)
				continue
			}
			pt = appendRef(pt, e.num)
		}
		pt = append(pt, "] "...)
	}
	for _, a := range s.t.links {
		pt = strconv.AppendInt(pt, int64(a.key), 10)
		pt = append(pt, ' ')
		pt = appendRef(pt, a.elem.num)
		pt = append(pt, ' ')
	}
	pt = append(pt, "]>>"...)
	f.compressed(s.pt, pt)

	var each func(e *elem, parent int)
	each = func(e *elem, parent int) {
		f.compressed(e.num, s.element(e, parent))
		for _, k := range e.kids {
			if k.elem != nil {
				each(k.elem, e.num)
			}
		}
	}
	each(s.t.root, s.tr)
}

// element is the dictionary of structure element e.
func (s *structure) element(e *elem, parent int) []byte {
	b := make([]byte, 0, 96)
	// No /Type: it is optional, and there are many elements.
	b = append(b, "<</S /"...)
	b = append(b, e.role...)
	b = append(b, " /P "...)
	b = appendRef(b, parent)
	// The page of the element's first marked content is its default page.
	pg := 0
	for _, k := range e.kids {
		if k.elem == nil {
			pg = k.page
			break
		}
	}
	if pg > 0 {
		b = append(b, " /Pg "...)
		b = appendRef(b, s.pages[pg-1])
	}
	if e.alt != "" {
		b = append(b, " /Alt "...)
		b = appendText(b, e.alt)
	}
	if e.id != "" {
		b = append(b, " /ID "...)
		b = appendText(b, e.id)
	}
	if e.attrs != "" {
		b = append(b, " /A "...)
		b = append(b, e.attrs...)
	}
	if len(e.kids) > 0 {
		b = append(b, " /K "...)
		if len(e.kids) > 1 {
			b = append(b, '[')
		}
		for i, k := range e.kids {
			if i > 0 {
				b = append(b, ' ')
			}
			switch {
			case k.elem != nil:
				b = appendRef(b, k.elem.num)
			case k.annot != nil:
				b = append(b, "<</Type /OBJR /Obj "...)
				b = appendRef(b, s.annots[k.annot])
				b = append(b, " /Pg "...)
				b = appendRef(b, s.pages[k.page-1])
				b = append(b, ">>"...)
			case k.page == pg:
				b = strconv.AppendInt(b, int64(k.mcid), 10)
			default:
				b = append(b, "<</Type /MCR /Pg "...)
				b = appendRef(b, s.pages[k.page-1])
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">>"...)
			}
		}
		if len(e.kids) > 1 {
			b = append(b, ']')
		}
	}
	return append(b, ">>"...)
}

// annotation is the dictionary of link annotation a: printable (PDF/A),
// with its description and its place in the structure.
func (s *structure) annotation(a *annot) []byte {
	const k = 72 / 25.4 // points per millimetre
	num := func(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', 2, 64) }
	b := []byte("<</Type /Annot /Subtype /Link /Rect [")
	b = num(b, a.x*k)
	b = append(b, ' ')
	b = num(b, (pageH-a.y-a.h)*k)
	b = append(b, ' ')
	b = num(b, (a.x+a.w)*k)
	b = append(b, ' ')
	b = num(b, (pageH-a.y)*k)
	b = append(b, "] /Border [0 0 0] /F 4 /Contents "...)
	b = appendText(b, a.contents)
	b = append(b, " /StructParent "...)
	b = strconv.AppendInt(b, int64(a.key), 10)
	if a.to != nil && a.to.page > 0 && a.to.page <= len(s.pages) {
		b = append(b, " /Dest ["...)
		b = appendRef(b, s.pages[a.to.page-1])
		b = append(b, " /XYZ 0 "...)
		b = num(b, (pageH-a.to.y)*k)
		b = append(b, " null]"...)
	}
	return append(b, ">>"...)
}

func appendRef(b []byte, num int) []byte {
	b = strconv.AppendInt(b, int64(num), 10)
	return append(b, " 0 R"...)
}

// appendText appends s as a PDF text string: literal when it is plain
// ASCII, UTF-16 with a byte order mark otherwise.
func appendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		b = append(b, '(')
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '(' || c == ')' || c == '\\' {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
		return append(b, ')')
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hexDigits[u>>12], hexDigits[u>>8&0xf], hexDigits[u>>4&0xf], hexDigits[u&0xf])
	}
	return append(b, '>')
}

const hexDigits = "0123456789ABCDEF"

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// compressedStreams are the plain streams of a file, compressed by a few
// goroutines at once: compression is most of finishing a file, and the
// streams are independent.
type compressedStreams struct {
	done []chan struct{} // by object index; nil for no plain stream
	out  [][]byte
	errs []error
}

// compressStreams starts compressing every plain stream of src.
func compressStreams(src []byte, pf pdfFile) *compressedStreams {
	cs := &compressedStreams{done: make([]chan struct{}, len(pf.objects)), out: make([][]byte, len(pf.objects)), errs: make([]error, len(pf.objects))}
	var jobs []int
	var data [][]byte
	for i, o := range pf.objects {
		end := pf.xref
		if i+1 < len(pf.objects) {
			end = pf.objects[i+1].off
		}
		if _, d, ok := plainStream(src[o.off:end]); ok {
			cs.done[i] = make(chan struct{})
			jobs = append(jobs, i)
			data = append(data, d)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 4, len(jobs))
	next := make(chan int, len(jobs))
	for j := range jobs {
		next <- j
	}
	close(next)
	for range workers {
		go func() {
			c := getCompressor()
			defer putCompressor(c)
			for j := range next {
				i := jobs[j]
				z, err := c.compress(data[j])
				cs.out[i], cs.errs[i] = bytes.Clone(z), err
				close(cs.done[i])
			}
		}()
	}
	return cs
}

// get waits for object i's stream and returns it compressed.
func (cs *compressedStreams) get(i int) ([]byte, error) {
	<-cs.done[i]
	return cs.out[i], cs.errs[i]
}
