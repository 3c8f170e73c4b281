package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/pdf/pdftest"
)

// buildPDF lays objects out as fpdf does: a header, each object numbered
// from 1, the cross-reference table, the trailer.
func buildPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xb5\xb6\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		b.WriteString(strconv.Itoa(i+1) + " 0 obj\n" + o)
	}
	xref := b.Len()
	b.WriteString("xref\n0 " + strconv.Itoa(len(objects)+1) + "\n0000000000 65535 f \n")
	for _, off := range offsets {
		b.WriteString(string(appendOffset(nil, off)) + " 00000 n \n")
	}
	b.WriteString("trailer\n<<\n/Size " + strconv.Itoa(len(objects)+1) + "\n/Root 1 0 R\n/Info " + strconv.Itoa(len(objects)) + " 0 R\n>>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

func plain(data string) string {
	return "<</Length " + strconv.Itoa(len(data)) + ">>\nstream\n" + data + "\nendstream\nendobj\n"
}

// readBack reads out, a file finish wrote, through its cross-reference
// stream and returns each object's body after "N 0 obj\n" (object n at
// index n-1), streams decompressed and marked "Z:", objects from object
// streams as they are stored there.
func readBack(t *testing.T, out []byte) []string {
	t.Helper()
	end, ok := bytes.CutSuffix(out, eof)
	i := bytes.LastIndex(end, []byte("\nstartxref\n"))
	if !ok || i < 0 {
		t.Fatalf("the output does not end in startxref and %%%%EOF")
	}
	xref, err := strconv.Atoi(string(end[i+len("\nstartxref\n"):]))
	if err != nil || xref >= i {
		t.Fatalf("startxref %q", end[i:])
	}
	// An object runs from its offset to the next object's, or to the
	// cross-reference stream.
	var ends []int
	object := func(off int) string {
		end := len(out)
		if k, ok := slices.BinarySearch(ends, off); ok && k+1 < len(ends) {
			end = ends[k+1]
		}
		body := string(out[off:end])
		return body[strings.IndexByte(body, '\n')+1:]
	}
	inflate := func(body string) string {
		m := compressed.FindStringSubmatch(body)
		if m == nil {
			return body
		}
		n, _ := strconv.Atoi(m[2])
		data := body[len(m[0]):]
		if len(data) != n+len("\nendstream\nendobj\n") {
			t.Fatalf("/Length %d, stream of %d bytes: %.80q", n, len(data)-len("\nendstream\nendobj\n"), body)
		}
		r, err := zlib.NewReader(strings.NewReader(data[:n]))
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return "Z:" + string(raw)
	}
	ends = []int{xref, i + 1}
	xs := object(xref)
	if !strings.Contains(xs, "/Type /XRef") || !strings.Contains(xs, "/W [1 4 2]") {
		t.Fatalf("no cross-reference stream at %d: %.120q", xref, xs)
	}
	rows := strings.TrimPrefix(inflate(xs), "Z:")
	size := len(rows) / 7
	if !strings.Contains(xs, "/Size "+strconv.Itoa(size)+" ") || len(rows)%7 != 0 {
		t.Fatalf("cross-reference stream of %d bytes for %.60q", len(rows), xs)
	}
	bodies := make([]string, size-1)
	streams := map[int][]string{} // object streams, their objects by index
	field := func(b string) int {
		n := 0
		for _, c := range []byte(b) {
			n = n<<8 | int(c)
		}
		return n
	}
	ends = append(ends[:0], i+1)
	for n := 1; n < size; n++ {
		if row := rows[7*n : 7*n+7]; row[0] == 1 {
			ends = append(ends, field(row[1:5]))
		}
	}
	slices.Sort(ends)
	for n := 1; n < size; n++ {
		row := rows[7*n : 7*n+7]
		if row[0] != 1 {
			continue
		}
		off := field(row[1:5])
		if !strings.HasPrefix(string(out[off:]), strconv.Itoa(n)+" 0 obj\n") {
			t.Fatalf("object %d is not at offset %d", n, off)
		}
		bodies[n-1] = inflate(object(off))
	}
	for n := 1; n < size; n++ {
		row := rows[7*n : 7*n+7]
		if row[0] != 2 {
			continue
		}
		sn, idx := field(row[1:5]), field(row[5:7])
		if streams[sn] == nil {
			data := strings.TrimPrefix(bodies[sn-1], "Z:")
			var first int
			if _, err := fmt.Sscanf(xsDict(object(field(rows[7*sn+1:7*sn+5]))), "%d", &first); err != nil {
				t.Fatalf("object stream %d: %v", sn, err)
			}
			head := strings.Fields(data[:first])
			for k := 0; k+1 < len(head); k += 2 {
				from, _ := strconv.Atoi(head[k+1])
				to := len(data) - first
				if k+3 < len(head) {
					to, _ = strconv.Atoi(head[k+3])
				}
				streams[sn] = append(streams[sn], strings.TrimSpace(data[first+from:first+to]))
			}
		}
		bodies[n-1] = streams[sn][idx]
	}
	return bodies
}

// xsDict returns what follows /First in an object stream's dictionary.
func xsDict(obj string) string {
	_, after, _ := strings.Cut(obj, "/First ")
	return after
}

var compressed = regexp.MustCompile(`^<<(.*?) ?/Filter /FlateDecode /Length (\d+)>>\nstream\n`)

// emptyTree is the structure of a file without marked content.
func emptyTree() *tagged { return &tagged{root: &elem{role: "Document"}} }

func TestFinishStreams(t *testing.T) {
	content := "BT 51.02 712.34 Td <00470065> Tj ET\n(endstream endobj 7 0 obj) Tj\n"
	tests := map[string]struct {
		object, want string
	}{
		"a plain stream is compressed": {plain(content), "Z:" + content},
		"an empty stream too":          {plain(""), "Z:"},
		"a compressed stream is kept": {"<</Length 3 /Filter /FlateDecode>>\nstream\nabc\nendstream\nendobj\n",
			"<</Length 3 /Filter /FlateDecode>>\nstream\nabc\nendstream\nendobj\n"},
		"a stream with other keys is kept": {"<</Length 3 /Length1 9>>\nstream\nabc\nendstream\nendobj\n",
			"<</Length 3 /Length1 9>>\nstream\nabc\nendstream\nendobj\n"},
		"a stream of another length is kept": {"<</Length 2>>\nstream\nabc\nendstream\nendobj\n",
			"<</Length 2>>\nstream\nabc\nendstream\nendobj\n"},
		"a dictionary naming streams is kept": {"<</Title (<</Length 1>>\nstream\nx\nendstream\nendobj\n)>>\nendobj\n",
			"<</Title (<</Length 1>>\nstream\nx\nendstream\nendobj\n)>>\nendobj\n"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			// The object between two others: the offsets after it move.
			src := buildPDF(catalog, tt.object, "<</Producer (koers)>>\nendobj\n")
			var out bytes.Buffer
			if err := finish(&out, src, emptyTree()); err != nil {
				t.Fatal(err)
			}
			got := readBack(t, out.Bytes())
			want := []string{tt.want, "<</Producer (koers)>>\nendobj\n"}
			if strings.Join(got[1:3], "|") != strings.Join(want, "|") {
				t.Errorf("objects =\n%q\nwant\n%q", got[1:3], want)
			}
			if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-1.7\n%\xb5\xb6\n")) || !strings.HasPrefix(got[0], "<<\n/StructTreeRoot 4 0 R\n/MarkInfo") {
				t.Errorf("header or catalogue:\n%.200s", out.Bytes())
			}
		})
	}
}

// catalog is a catalogue as fpdf writes it.
const catalog = "<<\n/Type /Catalog\n>>\nendobj\n"

func TestFinishRejects(t *testing.T) {
	good := string(buildPDF(catalog, plain("q Q"), "<</Producer (koers)>>\nendobj\n"))
	xref := good[strings.LastIndex(good, "startxref\n")+len("startxref\n") : len(good)-len("\n%%EOF\n")]
	tests := map[string]struct {
		src, want string
	}{
		"no end":             {strings.TrimSuffix(good, "%%EOF\n"), "the file does not end in startxref and %%EOF"},
		"no startxref":       {strings.Replace(good, "startxref", "startref", 1), "the file does not end in startxref and %%EOF"},
		"startxref too far":  {strings.Replace(good, "startxref\n"+xref, "startxref\n99999", 1), `startxref "99999" is not an offset in the file`},
		"startxref not xref": {strings.Replace(good, "startxref\n"+xref, "startxref\n9", 1), "no cross-reference table at offset 9"},
		"two sections":       {strings.Replace(good, "xref\n0 4\n", "xref\n1 3\n", 1), `cross-reference section "1 3": want one section from object 0`},
		"a free object":      {strings.Replace(good, " 00000 n \n0", " 00000 f \n0", 1), `cross-reference entry 1 is "0000000013 00000 f "`},
		"object elsewhere":   {strings.Replace(good, "0000000013 00000 n", "0000000014 00000 n", 1), "object 1 is not at offset 14"},
		"no trailer":         {strings.Replace(good, "trailer\n", "trailor\n", 1), "no trailer after the cross-reference table"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			err := finish(io.Discard, []byte(tt.src), emptyTree())
			if err == nil || err.Error() != "finish pdf: "+tt.want {
				t.Errorf("err = %v, want %q", err, "finish pdf: "+tt.want)
			}
		})
	}
}

// FuzzFinish: whatever the input, finish does not panic, and what it
// accepts it writes as a file whose cross-reference stream points at every
// object.
func FuzzFinish(f *testing.F) {
	f.Add(buildPDF(catalog, plain("BT (a) Tj ET"), "<<>>\nendobj\n"))
	f.Add(buildPDF(catalog, "<</Length 1>>\nstream\nab\nendstream\nendobj\n", "<<>>\nendobj\n"))
	f.Add([]byte("xref\n0 1\n0000000000 65535 f \ntrailer\n<<>>\nstartxref\n1\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var out bytes.Buffer
		if err := finish(&out, src, emptyTree()); err != nil {
			return
		}
		in, _ := parseFile(src)
		// The objects in, the structure tree's root and element, the
		// parent tree, metadata, profile, object stream, cross-references.
		if got := readBack(t, out.Bytes()); len(got) != len(in.objects)+7 {
			t.Fatalf("%d objects in, %d out", len(in.objects), len(got))
		}
	})
}

// TestRenderCompresses renders a document and checks that every stream is
// compressed but the metadata, which PDF/A wants readable as it is, and
// that the file is sound.
func TestRenderCompresses(t *testing.T) {
	page := &koers.Page{Title: "Één pagina", Blocks: []koers.Block{{Type: koers.TextBlock, Content: []koers.TextElement{
		{Type: koers.Paragraph, Text: strings.Repeat("Een alinea met tekst, € 1.234 en “aanhalingstekens”. ", 40)}}}}}
	spec := Spec{Title: "Proef", Contents: true, Created: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Sections: []Section{{Page: page}, {Page: page}}}
	var out bytes.Buffer
	if err := Render(context.Background(), &out, spec); err != nil {
		t.Fatal(err)
	}
	data := out.Bytes()
	pdftest.Check(t, data)
	streams, plain := 0, 0
	for n, body := range readBack(t, data) {
		dict, _, isStream := strings.Cut(body, "\nstream\n")
		switch {
		case strings.HasPrefix(body, "Z:") || isStream && strings.Contains(dict, "/Filter /FlateDecode"):
			streams++
		case isStream:
			plain++
			if !strings.HasPrefix(body, "<</Type /Metadata /Subtype /XML /Length ") {
				t.Errorf("object %d is a stream without compression: %.80q", n+1, body)
			}
		}
	}
	// Three pages, two fonts of three streams each (character map,
	// CID-to-glyph map, font file), the colour profile, an object stream,
	// the cross-reference stream; and the metadata.
	if streams != 3+2*3+3 || plain != 1 {
		t.Errorf("%d compressed streams, %d plain, want 12 and 1", streams, plain)
	}
}
