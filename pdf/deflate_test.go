package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"io"
	"regexp"
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
	b.WriteString("trailer\n<<\n/Size " + strconv.Itoa(len(objects)+1) + "\n/Root 1 0 R\n>>\nstartxref\n" + strconv.Itoa(xref) + "\n%%EOF\n")
	return b.Bytes()
}

func plain(data string) string {
	return "<</Length " + strconv.Itoa(len(data)) + ">>\nstream\n" + data + "\nendstream\nendobj\n"
}

// readBack checks that out's table points at every object and returns each
// object's body after "N 0 obj\n", streams decompressed and marked "Z:".
func readBack(t *testing.T, out []byte) []string {
	t.Helper()
	file, err := parseFile(out)
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, out)
	}
	bodies := make([]string, len(file.objects))
	for i, o := range file.objects {
		end := file.xref
		if i+1 < len(file.objects) {
			end = file.objects[i+1].off
		}
		body := string(out[o.off:end])
		body = body[strings.IndexByte(body, '\n')+1:]
		if m := compressed.FindStringSubmatch(body); m != nil {
			n, _ := strconv.Atoi(m[1])
			data := body[len(m[0]):]
			if len(data) != n+len("\nendstream\nendobj\n") {
				t.Fatalf("object %d: /Length %d, stream of %d bytes", o.num, n, len(data)-len("\nendstream\nendobj\n"))
			}
			r, err := zlib.NewReader(strings.NewReader(data[:n]))
			if err != nil {
				t.Fatalf("object %d: %v", o.num, err)
			}
			raw, err := io.ReadAll(r)
			if err != nil {
				t.Fatalf("object %d: %v", o.num, err)
			}
			body = "Z:" + string(raw)
		}
		bodies[o.num-1] = body
	}
	return bodies
}

var compressed = regexp.MustCompile(`^<</Filter /FlateDecode /Length (\d+)>>\nstream\n`)

func TestDeflate(t *testing.T) {
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
			src := buildPDF("<</Type /Catalog>>\nendobj\n", tt.object, "<</Producer (koers)>>\nendobj\n")
			var out bytes.Buffer
			if err := deflate(&out, src); err != nil {
				t.Fatal(err)
			}
			got := readBack(t, out.Bytes())
			want := []string{"<</Type /Catalog>>\nendobj\n", tt.want, "<</Producer (koers)>>\nendobj\n"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("objects =\n%q\nwant\n%q", got, want)
			}
			if !bytes.HasPrefix(out.Bytes(), src[:16]) || !bytes.Contains(out.Bytes(), []byte("trailer\n<<\n/Size 4\n/Root 1 0 R\n>>\nstartxref\n")) {
				t.Errorf("header or trailer changed:\n%s", out.Bytes())
			}
		})
	}
}

func TestDeflateRejects(t *testing.T) {
	good := string(buildPDF(plain("q Q"), "<</Type /Catalog>>\nendobj\n"))
	xref := good[strings.LastIndex(good, "startxref\n")+len("startxref\n") : len(good)-len("\n%%EOF\n")]
	tests := map[string]struct {
		src, want string
	}{
		"no end":             {strings.TrimSuffix(good, "%%EOF\n"), "the file does not end in startxref and %%EOF"},
		"no startxref":       {strings.Replace(good, "startxref", "startref", 1), "the file does not end in startxref and %%EOF"},
		"startxref too far":  {strings.Replace(good, "startxref\n"+xref, "startxref\n99999", 1), `startxref "99999" is not an offset in the file`},
		"startxref not xref": {strings.Replace(good, "startxref\n"+xref, "startxref\n9", 1), "no cross-reference table at offset 9"},
		"two sections":       {strings.Replace(good, "xref\n0 3\n", "xref\n1 2\n", 1), `cross-reference section "1 2": want one section from object 0`},
		"a free object":      {strings.Replace(good, " 00000 n \n0", " 00000 f \n0", 1), `cross-reference entry 1 is "0000000013 00000 f "`},
		"object elsewhere":   {strings.Replace(good, "0000000013 00000 n", "0000000014 00000 n", 1), "object 1 is not at offset 14"},
		"no trailer":         {strings.Replace(good, "trailer\n", "trailor\n", 1), "no trailer after the cross-reference table"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			err := deflate(io.Discard, []byte(tt.src))
			if err == nil || err.Error() != "compress pdf: "+tt.want {
				t.Errorf("err = %v, want %q", err, "compress pdf: "+tt.want)
			}
		})
	}
}

// FuzzDeflate: whatever the input, deflate does not panic, and what it
// accepts it writes as a file whose table points at every object.
func FuzzDeflate(f *testing.F) {
	f.Add(buildPDF(plain("BT (a) Tj ET"), "<</Type /Catalog>>\nendobj\n"))
	f.Add(buildPDF("<</Length 1>>\nstream\nab\nendstream\nendobj\n"))
	f.Add([]byte("xref\n0 1\n0000000000 65535 f \ntrailer\n<<>>\nstartxref\n1\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var out bytes.Buffer
		if err := deflate(&out, src); err != nil {
			return
		}
		in, _ := parseFile(src)
		got, err := parseFile(out.Bytes())
		if err != nil {
			t.Fatalf("deflate wrote a file it cannot read: %v", err)
		}
		if len(got.objects) != len(in.objects) {
			t.Fatalf("%d objects in, %d out", len(in.objects), len(got.objects))
		}
	})
}

// TestRenderCompresses renders a document and checks that every stream is
// compressed and the file is sound.
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
	file, err := parseFile(data)
	if err != nil {
		t.Fatal(err)
	}
	streams := 0
	for i, o := range file.objects {
		end := file.xref
		if i+1 < len(file.objects) {
			end = file.objects[i+1].off
		}
		obj := data[o.off:end]
		if !bytes.Contains(obj, []byte("\nstream\n")) {
			continue
		}
		streams++
		if !bytes.Contains(obj[:bytes.Index(obj, []byte("\nstream\n"))], []byte("/Filter /FlateDecode")) {
			t.Errorf("object %d is a stream without compression: %.80q", o.num, obj)
		}
	}
	// Three pages, two fonts of three streams each (character map,
	// CID-to-glyph map, font file).
	if streams != 3+2*3 {
		t.Errorf("%d streams, want 9", streams)
	}
}
