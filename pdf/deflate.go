package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// fpdf compresses each page's content with a zlib writer of its own, and a
// new flate compressor allocates about 1 MB: a 300-page document cost
// 430 MB of garbage per render. So the writer turns fpdf's compression off
// and deflate compresses the plain streams of the finished file with a few
// compressors kept for reuse, then writes the cross-reference table anew.
//
// It relies on nothing but the file's own cross-reference table: each
// object runs from its offset to the next object's (or to the table), so no
// stream content is ever searched for keywords. An object is rewritten only
// when it is exactly a stream with nothing but its length,
//
//	N 0 obj\n<</Length L>>\nstream\n...L bytes...\nendstream\nendobj\n
//
// as fpdf writes page contents and the fonts' character maps, and copied
// byte for byte otherwise. A PDF holds byte offsets nowhere but in the
// table and after startxref (fpdf writes neither object streams nor
// incremental updates), so those are all that change.

// deflater is the writer fpdf's Output writes the uncompressed file to.
// fpdf writes it in one piece from its own buffer, which deflater then
// compresses at once, without a copy; what comes in pieces it keeps until
// Close.
type deflater struct {
	w    io.Writer
	doc  *tagged
	raw  []byte
	done bool
}

var eof = []byte("\n%%EOF\n")

func (d *deflater) Write(p []byte) (int, error) {
	if d.done {
		return 0, errors.New("compress pdf: data after the end of the file")
	}
	if d.raw == nil && bytes.HasSuffix(p, eof) {
		d.done = true
		return len(p), finish(d.w, p, d.doc)
	}
	d.raw = append(d.raw, p...)
	return len(p), nil
}

// Close compresses what was written in pieces.
func (d *deflater) Close() error {
	if d.done {
		return nil
	}
	d.done = true
	return finish(d.w, d.raw, d.doc)
}

// compressionLevel trades time for size. fpdf uses 1 (BestSpeed); a
// tagged document holds more (marked content, the structure tree) and 5
// keeps the 60-programme document at 1.45 times the size of the untagged
// file at level 1, for about half again the compression time (doc/pdf.md).
const compressionLevel = 5

// compressors keeps a few zlib writers with their buffers for the next
// render. Not a sync.Pool: a render allocates enough to run the garbage
// collector, which would empty the pool every time.
var compressors = make(chan *compressor, 4)

type compressor struct {
	zw  *zlib.Writer
	buf bytes.Buffer
}

func getCompressor() *compressor {
	select {
	case c := <-compressors:
		return c
	default:
		zw, _ := zlib.NewWriterLevel(nil, compressionLevel)
		return &compressor{zw: zw}
	}
}

func putCompressor(c *compressor) {
	if c.buf.Cap() > 1<<20 {
		c.buf = bytes.Buffer{} // keep no unusually large buffer
	}
	select {
	case compressors <- c:
	default:
	}
}

// compress returns data compressed, valid until the next call.
func (c *compressor) compress(data []byte) ([]byte, error) {
	c.buf.Reset()
	c.zw.Reset(&c.buf)
	if _, err := c.zw.Write(data); err != nil {
		return nil, err
	}
	if err := c.zw.Close(); err != nil {
		return nil, err
	}
	return c.buf.Bytes(), nil
}

// appendOffset appends off in ten digits.
func appendOffset(b []byte, off int) []byte {
	s := strconv.Itoa(off)
	for i := len(s); i < 10; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// pdfFile is where the parts of a PDF are.
type pdfFile struct {
	objects []object // in the order of their offsets
	xref    int      // where the cross-reference table starts
	trailer []byte   // from "trailer" up to "startxref"
}

// object is where object num starts.
type object struct{ num, off int }

// parseFile reads the cross-reference table of src, a PDF with one
// table that lists every object, each "N 0 obj" at its offset.
func parseFile(src []byte) (pdfFile, error) {
	var file pdfFile
	end, ok := bytes.CutSuffix(src, eof)
	i := bytes.LastIndex(end, []byte("\nstartxref\n"))
	if !ok || i < 0 {
		return file, errors.New("the file does not end in startxref and %%EOF")
	}
	xref, err := strconv.Atoi(string(end[i+len("\nstartxref\n"):]))
	if err != nil || xref <= 0 || xref > i {
		return file, fmt.Errorf("startxref %q is not an offset in the file", end[i+len("\nstartxref\n"):])
	}
	file.xref = xref
	rest := src[xref : i+1]
	line := func() string {
		j := bytes.IndexByte(rest, '\n')
		if j < 0 {
			return ""
		}
		l := rest[:j]
		rest = rest[j+1:]
		return string(l)
	}
	if l := line(); l != "xref" {
		return file, fmt.Errorf("no cross-reference table at offset %d", xref)
	}
	l := line()
	first, n, _ := strings.Cut(l, " ")
	count, err := strconv.Atoi(n)
	if first != "0" || err != nil || count < 2 {
		return file, fmt.Errorf("cross-reference section %q: want one section from object 0", l)
	}
	if l := line(); l != "0000000000 65535 f " {
		return file, fmt.Errorf("cross-reference entry 0 is %q", l)
	}
	file.objects = make([]object, 0, count-1)
	for num := 1; num < count; num++ {
		// "0000001234 00000 n ": the object is at offset 1234.
		l := line()
		off, err := strconv.Atoi(l[:min(len(l), 10)])
		if len(l) != 19 || l[10:] != " 00000 n " || err != nil || off >= xref {
			return file, fmt.Errorf("cross-reference entry %d is %q", num, l)
		}
		file.objects = append(file.objects, object{num: num, off: off})
	}
	if !bytes.HasPrefix(rest, []byte("trailer\n")) {
		return file, errors.New("no trailer after the cross-reference table")
	}
	file.trailer = rest
	slices.SortFunc(file.objects, func(a, b object) int { return a.off - b.off })
	for i, o := range file.objects {
		if i > 0 && o.off == file.objects[i-1].off {
			return file, fmt.Errorf("objects %d and %d are both at offset %d", file.objects[i-1].num, o.num, o.off)
		}
		if !bytes.HasPrefix(src[o.off:xref], []byte(strconv.Itoa(o.num)+" 0 obj\n")) {
			return file, fmt.Errorf("object %d is not at offset %d", o.num, o.off)
		}
	}
	return file, nil
}

var (
	plainHead   = []byte("<</Length ")
	streamStart = []byte(">>\nstream\n")
	streamEnd   = []byte("\nendstream\nendobj\n")
)

// plainStream splits obj into its first line ("N 0 obj\n") and its stream
// data when obj is exactly a stream with no other key than its length.
func plainStream(obj []byte) (head, data []byte, ok bool) {
	i := bytes.IndexByte(obj, '\n')
	head, rest := obj[:i+1], obj[i+1:]
	rest, ok = bytes.CutPrefix(rest, plainHead)
	if !ok {
		return nil, nil, false
	}
	j := bytes.IndexByte(rest, '>')
	if j < 1 || j > 10 {
		return nil, nil, false
	}
	n, err := strconv.Atoi(string(rest[:j]))
	if err != nil || n < 0 || string(rest[:j]) != strconv.Itoa(n) {
		return nil, nil, false
	}
	rest = rest[j:]
	if len(rest) != len(streamStart)+n+len(streamEnd) || !bytes.HasPrefix(rest, streamStart) || !bytes.HasSuffix(rest, streamEnd) {
		return nil, nil, false
	}
	return head, rest[len(streamStart) : len(streamStart)+n], true
}

// countWriter counts what it writes and keeps the first error.
type countWriter struct {
	w   io.Writer
	n   int
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += n
	c.err = err
	return n, err
}
