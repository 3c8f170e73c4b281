package istd_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/koers-nl/koers/register/istd"
)

// FuzzDecode holds Decode to never panicking, and to giving only batches
// the register takes: assignments that pass Validate, care with a date,
// clients as pseudonyms; and what it accepts is well-formed XML by
// encoding/xml's word too.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"JW301.xml", "JW305.xml", "JW307.xml"} {
		f.Add(testdata(f, name), "0547")
	}
	ref := filepath.Join("..", "..", "..", "shared", "reference", "istandaarden", "iwmo", "berichten")
	for _, m := range []struct{ name, municipality string }{{"WMO301.xml", "0384"}, {"WMO305.xml", "0363"}, {"WMO307.xml", "0363"}} {
		if data, err := os.ReadFile(filepath.Join(ref, m.name)); err == nil {
			f.Add(data, m.municipality)
		}
	}
	f.Add([]byte(`<?xml version="1.0"?><x:Bericht xmlns:x="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"/>`), "0384")
	f.Fuzz(func(t *testing.T, data []byte, municipality string) {
		b, err := istd.Decode("fuzz.xml", data, fakeKey{}, municipality)
		if err != nil {
			if b != nil {
				t.Fatalf("a batch with an error: %v", err)
			}
			return
		}
		// What our scanner takes, encoding/xml must find well-formed.
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("accepted, but encoding/xml says: %v", err)
			}
		}
		if len(b.Clients) != min(1, len(b.Assignments)) || len(b.Clients) == 1 && !b.Clients[0].Pseudonym.Valid() {
			t.Fatalf("clients %+v", b.Clients)
		}
		if len(b.Assignments)+len(b.Care) == 0 {
			t.Fatal("a message of nothing")
		}
		for _, a := range b.Assignments {
			if err := a.Validate(); err != nil {
				t.Fatalf("assignment %+v: %v", a, err)
			}
		}
		for _, e := range b.Care {
			if e.Date.IsZero() || e.Assignment == "" {
				t.Fatalf("care %+v", e)
			}
		}
	})
}

// BenchmarkDecode301 decodes the iWmo example toewijzing (a client with
// two relations and their addresses, 7 kB) and our iJw one (2.5 kB): the
// register's import aims at 20,000 messages a second in all.
func BenchmarkDecode301(b *testing.B) {
	for _, m := range []struct{ name, file, municipality string }{
		{"WMO301", w301, "0384"},
		{"JW301", j301, "0547"},
	} {
		b.Run(m.name, func(b *testing.B) {
			data := read(b, m.file)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := istd.Decode(m.name+".xml", data, fakeKey{}, m.municipality); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
			if used := cpuTime() - cpu; used > 0 {
				// Messages per second of CPU: what one core does when it
				// is not shared.
				b.ReportMetric(float64(b.N)/used.Seconds(), "msgs/cpu-s")
			}
		})
	}
}
