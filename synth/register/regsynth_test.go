package regsynth_test

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/register/istd"
	"github.com/koers-nl/koers/register/regcsv"
	regsynth "github.com/koers-nl/koers/synth/register"
)

var small = regsynth.Options{Inhabitants: 3000, From: 2023, To: 2025, Seed: 7}

func generate(t testing.TB, o regsynth.Options) *regsynth.Output {
	t.Helper()
	out, err := regsynth.Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// need skips without an external tool or directory, unless CI=true.
func need(t *testing.T, what string, ok bool) {
	t.Helper()
	if !ok {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; CI must run this test", what)
		}
		t.Skipf("%s is missing", what)
	}
}

// TestSchemas validates every written message against the iWmo and iJw
// 3.2 schemas with xmllint.
func TestSchemas(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	need(t, "xmllint", err == nil)
	ref := filepath.Join("..", "..", "..", "shared", "reference", "istandaarden")
	_, err = os.Stat(ref)
	need(t, ref, err == nil)

	dir := t.TempDir()
	w, err := generate(t, small).WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"wmo301", "wmo305", "wmo307", "jw301", "jw305", "jw307"} {
		files, _ := filepath.Glob(filepath.Join(dir, "berichten", "*", typ, "*.xml"))
		if len(files) == 0 || len(files) != w.ByType[typ] {
			t.Fatalf("%s: %d files, %d written", typ, len(files), w.ByType[typ])
		}
		std := "iwmo"
		if strings.HasPrefix(typ, "jw") {
			std = "ijw"
		}
		xsd := filepath.Join(ref, std, "xsd", strings.ToUpper(typ)+".xsd")
		out, err := exec.Command(xmllint, append([]string{"--noout", "--schema", xsd}, files...)...).CombinedOutput()
		if err != nil {
			lines := strings.Split(string(out), "\n")
			bad := []string{}
			for _, l := range lines {
				if l != "" && !strings.HasSuffix(l, " validates") {
					bad = append(bad, l)
				}
			}
			t.Errorf("%s: %d files, invalid:\n%s", typ, len(files), strings.Join(bad[:min(len(bad), 10)], "\n"))
		}
	}
}

// tree hashes every file under dir by its path.
func tree(t *testing.T, dir string) map[string][32]byte {
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = sha256.Sum256(b)
		return nil
	})
	return out
}

// TestDeterministic: the same options give the same files; another seed
// gives others.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := generate(t, small).WriteDir(a); err != nil {
		t.Fatal(err)
	}
	if _, err := generate(t, small).WriteDir(b); err != nil {
		t.Fatal(err)
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) < 100 || !reflect.DeepEqual(ta, tb) {
		t.Errorf("two runs with one seed differ (%d and %d files)", len(ta), len(tb))
	}
	other := small
	other.Seed++
	if reflect.DeepEqual(generate(t, other).Registrations, generate(t, small).Registrations) {
		t.Error("another seed gave the same registrations")
	}
}

// TestCSV: the CSV files read back with regcsv into what Batch holds.
func TestCSV(t *testing.T) {
	out := generate(t, small)
	dir := t.TempDir()
	w, err := out.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := out.Batch(fakeKeyer{})
	if err != nil {
		t.Fatal(err)
	}
	got := &koers.RegisterBatch{}
	for _, name := range w.CSVFiles {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := regcsv.Decode(name, f, fakeKeyer{})
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got.Clients = append(got.Clients, b.Clients...)
		got.Registrations = append(got.Registrations, b.Registrations...)
		got.Benefits = append(got.Benefits, b.Benefits...)
		got.Work = append(got.Work, b.Work...)
		got.Providers = append(got.Providers, b.Providers...)
		got.Ceilings = append(got.Ceilings, b.Ceilings...)
		got.Populations = append(got.Populations, b.Populations...)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"registrations", got.Registrations, want.Registrations},
		{"benefits", got.Benefits, want.Benefits},
		{"work", got.Work, want.Work},
		{"providers", got.Providers, want.Providers},
		{"ceilings", got.Ceilings, want.Ceilings},
		{"populations", got.Populations, want.Populations},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s read back differ", c.name)
		}
	}
	// Every client of the CSVs is one of Batch's, with the same facts.
	known := map[koers.Pseudonym]koers.Client{}
	for _, c := range want.Clients {
		known[c.Pseudonym] = c
	}
	for _, c := range got.Clients {
		if known[c.Pseudonym] != c {
			t.Fatalf("client %+v read back as %+v", known[c.Pseudonym], c)
		}
	}
}

// TestMessages: the message files read back with istd into the
// assignments and starts and stops Batch holds, withdrawn ones among them
// (a corrected start), and they count alike.
func TestMessages(t *testing.T) {
	out := generate(t, small)
	dir := t.TempDir()
	if _, err := out.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	want, err := out.Batch(fakeKeyer{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "berichten", "*", "*", "*.xml"))
	got := &koers.RegisterBatch{}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := istd.Decode(filepath.Base(name), data, fakeKeyer{}, regsynth.DefaultMunicipality)
		if err != nil {
			t.Fatal(err)
		}
		got.Add(b)
	}
	// The messages name themselves differently from Batch.
	key := func(b *koers.RegisterBatch) (as, cs []string) {
		for _, a := range b.Assignments {
			a.Message = ""
			as = append(as, fmt.Sprintf("%+v", a))
		}
		for _, e := range b.Care {
			e.Message = ""
			cs = append(cs, fmt.Sprintf("%+v", e))
		}
		sort.Strings(as)
		sort.Strings(cs)
		return as, cs
	}
	ga, gc := key(got)
	wa, wc := key(want)
	if !reflect.DeepEqual(ga, wa) {
		t.Errorf("assignments: %d read back, %d in Batch, or they differ", len(ga), len(wa))
	}
	if !reflect.DeepEqual(gc, wc) {
		t.Errorf("starts and stops: %d read back, %d in Batch, or they differ", len(gc), len(wc))
	}
	withdrawn := 0
	for _, e := range got.Care {
		if e.Withdrawn {
			withdrawn++
		}
	}
	if withdrawn == 0 {
		t.Error("no start was withdrawn")
	}
	if n := out.Messages(); n != len(files) {
		t.Errorf("Messages() = %d, %d files written", n, len(files))
	}
}

// TestBSNs: every BSN passes the elfproef, is synthetic (9999xxxxx while
// the range lasts), and belongs to one person.
func TestBSNs(t *testing.T) {
	out := generate(t, small)
	seen := map[string]bool{}
	for _, p := range out.Persons {
		if !regcsv.ValidBSN(p.BSN) || !strings.HasPrefix(p.BSN, "9999") || seen[p.BSN] {
			t.Fatalf("BSN %s: invalid, outside 9999xxxxx or twice", p.BSN)
		}
		seen[p.BSN] = true
	}
	big := generate(t, regsynth.Options{Inhabitants: 100000, From: 2025, To: 2025, Seed: 1})
	list := []string{}
	for _, p := range big.Persons {
		list = append(list, p.BSN)
	}
	sort.Strings(list)
	if len(list) < 9092 || strings.HasPrefix(list[0], "9999") || !regcsv.ValidBSN(list[0]) || !strings.HasPrefix(list[0], "999") {
		t.Errorf("%d persons, lowest BSN %s", len(list), list[0])
	}
}

// TestBornAfter1900: the oldest clients of the first year, whose care
// began long before it, are born in 1900 or later, which the register
// keeps (koers.MinYear). A million inhabitants from 2016 had clients born
// in 1898.
func TestBornAfter1900(t *testing.T) {
	out := generate(t, regsynth.Options{Inhabitants: 300000, From: 2015, To: 2015, Seed: 3})
	oldest := out.Persons[0].Birth
	for _, p := range out.Persons {
		if p.Birth.Before(oldest) {
			oldest = p.Birth
		}
	}
	if oldest.Year() < koers.MinYear || oldest.Year() > 1918 {
		t.Errorf("the oldest person was born on %s; want 1900–1918 (the tail of a region reaches back)", oldest.Format(time.DateOnly))
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    regsynth.Options
		message string
	}{
		{"too few inhabitants", regsynth.Options{Inhabitants: 10, From: 2024, To: 2025}, "Het aantal inwoners ligt tussen 100 en 20000000, niet 10."},
		{"years reversed", regsynth.Options{Inhabitants: 1000, From: 2025, To: 2024}, "De jaren 2025–2024: van 2015 tot 2100, hoogstens 30 jaar."},
		{"before 2015", regsynth.Options{Inhabitants: 1000, From: 2010, To: 2024}, "De jaren 2010–2024: van 2015 tot 2100, hoogstens 30 jaar."},
		{"municipality", regsynth.Options{Inhabitants: 1000, From: 2024, To: 2025, Municipality: "GM0547"}, `De gemeentecode "GM0547" heeft geen vier cijfers.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := regsynth.Generate(tt.opts)
			var e *koers.Error
			if !errors.As(err, &e) || e.Code != koers.EINVALID || e.Message != tt.message {
				t.Errorf("err = %v, want %q", err, tt.message)
			}
		})
	}
}

// BenchmarkGenerate measures building the register and writing it:
// messages a second.
func BenchmarkWriteDir(b *testing.B) {
	out := generate(b, regsynth.Options{Inhabitants: 27000, From: 2024, To: 2025, Seed: 1})
	dir := b.TempDir()
	msgs := 0
	for b.Loop() {
		w, err := out.WriteDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		msgs += w.Messages
	}
	b.ReportMetric(float64(msgs)/b.Elapsed().Seconds(), "messages/s")
}

func BenchmarkBatch(b *testing.B) {
	opts := regsynth.Options{Inhabitants: 27000, From: 2018, To: 2025, Seed: 1}
	for b.Loop() {
		out, err := regsynth.Generate(opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := out.Batch(fakeKeyer{}); err != nil {
			b.Fatal(err)
		}
	}
}
