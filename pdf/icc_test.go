package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// iccParsed is the profile read back: header fields and tag table.
type iccParsed struct {
	size                     uint32
	version                  uint32
	class, space, pcs, magic string
	date                     [6]uint16
	illuminant               [3]float64
	creator                  string
	tags                     []iccEntry
}

type iccEntry struct {
	sig          string
	offset, size uint32
}

func parseICC(t *testing.T, b []byte) iccParsed {
	t.Helper()
	if len(b) < 132 {
		t.Fatalf("profile is %d bytes, shorter than header and tag count", len(b))
	}
	u32 := func(o int) uint32 { return binary.BigEndian.Uint32(b[o:]) }
	p := iccParsed{
		size:    u32(0),
		version: u32(8),
		class:   string(b[12:16]),
		space:   string(b[16:20]),
		pcs:     string(b[20:24]),
		magic:   string(b[36:40]),
		creator: string(b[80:84]),
	}
	for i := range p.date {
		p.date[i] = binary.BigEndian.Uint16(b[24+2*i:])
	}
	for i := range 3 {
		p.illuminant[i] = float64(int32(u32(68+4*i))) / 65536
	}
	n := int(u32(128))
	if 132+12*n > len(b) {
		t.Fatalf("tag table of %d entries runs past the end", n)
	}
	for i := range n {
		o := 132 + 12*i
		p.tags = append(p.tags, iccEntry{string(b[o : o+4]), u32(o + 4), u32(o + 8)})
	}
	return p
}

// iccTagData returns the data of the tag with signature sig.
func iccTagData(t *testing.T, b []byte, p iccParsed, sig string) []byte {
	t.Helper()
	for _, e := range p.tags {
		if e.sig == sig {
			return b[e.offset : e.offset+e.size]
		}
	}
	t.Fatalf("no %q tag", sig)
	return nil
}

func readXYZ(t *testing.T, d []byte) [3]float64 {
	t.Helper()
	if len(d) != 20 || string(d[:4]) != "XYZ " {
		t.Fatalf("XYZ tag: % x", d)
	}
	var v [3]float64
	for i := range 3 {
		v[i] = float64(int32(binary.BigEndian.Uint32(d[8+4*i:]))) / 65536
	}
	return v
}

func TestICCHeader(t *testing.T) {
	b := srgbProfile()
	p := parseICC(t, b)
	if int(p.size) != len(b) {
		t.Errorf("size field %d, profile is %d bytes", p.size, len(b))
	}
	if len(b)%4 != 0 {
		t.Errorf("profile length %d is not a multiple of 4", len(b))
	}
	want := iccParsed{
		size:       p.size,
		version:    0x02100000,
		class:      "mntr",
		space:      "RGB ",
		pcs:        "XYZ ",
		magic:      "acsp",
		date:       [6]uint16{2026, 1, 1, 0, 0, 0},
		illuminant: [3]float64{63190.0 / 65536, 1, 54061.0 / 65536}, // 0.9642, 1.0, 0.8249
		creator:    "koer",
		tags:       p.tags,
	}
	if !slices.Equal(want.illuminant[:], p.illuminant[:]) || want.class != p.class || want.space != p.space ||
		want.pcs != p.pcs || want.magic != p.magic || want.date != p.date || want.version != p.version || want.creator != p.creator {
		t.Errorf("header\n got %+v\nwant %+v", p, want)
	}
	if !bytes.Equal(b[4:8], make([]byte, 4)) {
		t.Errorf("preferred CMM %q, want none", b[4:8])
	}
	if !bytes.Equal(b[84:128], make([]byte, 44)) {
		t.Errorf("profile ID and reserved bytes not zero: % x", b[84:128])
	}
}

func TestICCTagTable(t *testing.T) {
	b := srgbProfile()
	p := parseICC(t, b)
	var sigs []string
	end := uint32(132 + 12*len(p.tags))
	for _, e := range p.tags {
		sigs = append(sigs, e.sig)
		if e.offset%4 != 0 {
			t.Errorf("%s at offset %d, not 4-byte aligned", e.sig, e.offset)
		}
		if e.offset < end || e.offset+e.size > p.size {
			t.Errorf("%s at %d+%d lies outside the tag data (%d–%d)", e.sig, e.offset, e.size, end, p.size)
		}
	}
	want := []string{"desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"}
	if !slices.Equal(sigs, want) {
		t.Errorf("tags %q, want %q", sigs, want)
	}
	// The three tone curves share one data element.
	trc := p.tags[6]
	for _, e := range p.tags[7:] {
		if e.offset != trc.offset || e.size != trc.size {
			t.Errorf("%s at %d+%d, rTRC at %d+%d", e.sig, e.offset, e.size, trc.offset, trc.size)
		}
	}

	// Type signatures and the text tags.
	types := map[string]string{}
	for _, e := range p.tags {
		types[e.sig] = string(b[e.offset : e.offset+4])
	}
	wantTypes := map[string]string{"desc": "desc", "cprt": "text", "wtpt": "XYZ ",
		"rXYZ": "XYZ ", "gXYZ": "XYZ ", "bXYZ": "XYZ ", "rTRC": "curv", "gTRC": "curv", "bTRC": "curv"}
	for sig, typ := range wantTypes {
		if types[sig] != typ {
			t.Errorf("%s has type %q, want %q", sig, types[sig], typ)
		}
	}
	desc := iccTagData(t, b, p, "desc")
	if n := binary.BigEndian.Uint32(desc[8:]); string(desc[12:12+n]) != "sRGB (koers)\x00" || len(desc) != 12+int(n)+4+4+2+1+67 {
		t.Errorf("desc: % x", desc)
	}
	if cprt := iccTagData(t, b, p, "cprt"); string(cprt[8:]) != "No copyright, use freely\x00" {
		t.Errorf("cprt: %q", cprt[8:])
	}
}

func TestICCColorants(t *testing.T) {
	b := srgbProfile()
	p := parseICC(t, b)
	white := readXYZ(t, iccTagData(t, b, p, "wtpt"))
	if white != p.illuminant {
		t.Errorf("wtpt %v, want the D50 illuminant %v", white, p.illuminant)
	}
	// The commonly published D50-adapted sRGB colorants, to 1e-3.
	published := map[string][3]float64{
		"rXYZ": {0.4361, 0.2225, 0.0139},
		"gXYZ": {0.3851, 0.7169, 0.0971},
		"bXYZ": {0.1431, 0.0606, 0.7141},
	}
	var sum [3]float64
	for sig, want := range published {
		got := readXYZ(t, iccTagData(t, b, p, sig))
		for i := range 3 {
			sum[i] += got[i]
			if math.Abs(got[i]-want[i]) > 1e-3 {
				t.Errorf("%s = %v, want %v", sig, got, want)
				break
			}
		}
	}
	for i := range 3 {
		if math.Abs(sum[i]-white[i]) > 1e-3 {
			t.Errorf("colorants sum to %v, white point is %v", sum, white)
			break
		}
	}
}

func TestICCCurve(t *testing.T) {
	b := srgbProfile()
	p := parseICC(t, b)
	d := iccTagData(t, b, p, "rTRC")
	n := int(binary.BigEndian.Uint32(d[8:]))
	if n != 1024 || len(d) != 12+2*n {
		t.Fatalf("curve of %d entries in %d bytes", n, len(d))
	}
	v := make([]uint16, n)
	for i := range v {
		v[i] = binary.BigEndian.Uint16(d[12+2*i:])
	}
	if v[0] != 0 || v[n-1] != 65535 {
		t.Errorf("curve runs from %d to %d, want 0 to 65535", v[0], v[n-1])
	}
	for i := 1; i < n; i++ {
		if v[i] <= v[i-1] {
			t.Fatalf("curve not increasing at %d: %d after %d", i, v[i], v[i-1])
		}
	}
	// Mid-grey (encoded 0.5) is about 21.4% linear light.
	if mid := float64(v[512]) / 65535; math.Abs(mid-srgbToLinear(512.0/1023)) > 1.0/65535 {
		t.Errorf("curve at 512 is %v", mid)
	}
	if got := srgbToLinear(0.5); math.Abs(got-0.2140) > 1e-4 {
		t.Errorf("srgbToLinear(0.5) = %v, want 0.2140", got)
	}
}

func TestICCDeterministic(t *testing.T) {
	a, b := srgbProfile(), buildSRGBProfile()
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the profile differ")
	}
	a[0] ^= 0xff // a caller's copy must not change the shared profile
	if c := srgbProfile(); !bytes.Equal(c, b) {
		t.Fatal("changing one copy changed the profile")
	}
	// Pin the whole profile: a change here changes every PDF's bytes.
	if len(b) != 2520 {
		t.Errorf("profile is %d bytes, want 2520", len(b))
	}
	const sum = "be094481683391bb7e09e84e32846a71f09142c08c0c2c7610151fcb5e2498b0"
	if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != sum {
		t.Errorf("profile SHA-256 %s, want %s", got, sum)
	}
}

// TestICCWithLittleCMS has LittleCMS's transicc (Debian liblcms2-utils)
// load the profile and convert colours through it to Lab, next to its
// built-in sRGB. It is an extra check where the tool is installed; CI
// does not require it, as the tests above pin the profile's structure.
func TestICCWithLittleCMS(t *testing.T) {
	if _, err := exec.LookPath("transicc"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("transicc (liblcms2-utils) is not installed, and CI must check the colour profile")
		}
		t.Skip("transicc (liblcms2-utils) is not installed")
	}
	file := filepath.Join(t.TempDir(), "srgb.icc")
	if err := os.WriteFile(file, srgbProfile(), 0o644); err != nil {
		t.Fatal(err)
	}
	colours := "255 255 255\n0 0 0\n128 128 128\n255 0 0\n0 255 0\n0 0 255\n51 102 153\n250 200 30\n"
	lab := func(profile string) [][3]float64 {
		t.Helper()
		cmd := exec.Command("transicc", "-i", profile, "-o", "*Lab", "-t", "1", "-n")
		cmd.Stdin = strings.NewReader(colours)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("transicc -i %s: %v\n%s", profile, err, out)
		}
		var rows [][3]float64
		for line := range strings.Lines(string(out)) {
			var v [3]float64
			if n, _ := fmt.Sscanf(line, "%g %g %g", &v[0], &v[1], &v[2]); n == 3 {
				rows = append(rows, v)
			}
		}
		return rows
	}
	got, want := lab(file), lab("*sRGB")
	if len(got) != 8 || len(want) != 8 {
		t.Fatalf("transicc gave %d and %d rows, want 8:\n%v\n%v", len(got), len(want), got, want)
	}
	for i := range got {
		for k := range 3 {
			if math.Abs(got[i][k]-want[i][k]) > 0.05 {
				t.Errorf("colour %d: Lab %v through the profile, %v through LittleCMS's sRGB", i, got[i], want[i])
				break
			}
		}
	}
	if white := got[0]; math.Abs(white[0]-100) > 0.01 || math.Abs(white[1]) > 0.01 || math.Abs(white[2]) > 0.01 {
		t.Errorf("RGB white is Lab %v, want 100 0 0", white)
	}
}
