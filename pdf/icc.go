package pdf

import (
	"bytes"
	"encoding/binary"
	"math"
	"sync"
)

// srgbProfile returns an ICC v2.1 display profile for sRGB, for the
// PDF/A output intent. koers computes it here rather than shipping a
// profile file: the primaries come from the sRGB chromaticities adapted to
// the ICC's D50 connection space by the Bradford transform, and the tone
// curves from the sRGB transfer function. The bytes are the same on every
// call; each caller gets its own copy.
func srgbProfile() []byte {
	return bytes.Clone(srgbProfileOnce())
}

var srgbProfileOnce = sync.OnceValue(buildSRGBProfile)

// iccTRCPoints is the number of samples in the sampled tone curve: enough
// that linear interpolation between them stays well below 8-bit steps.
const iccTRCPoints = 1024

// iccD50 is the profile connection space's illuminant, as the ICC fixes it.
var iccD50 = [3]float64{0.9642, 1.0, 0.8249}

// iccDate is the profile's creation date, fixed so that the same content
// gives the same PDF bytes.
var iccDate = [6]uint16{2026, 1, 1, 0, 0, 0}

type iccTag struct {
	sig  string
	data []byte
}

func buildSRGBProfile() []byte {
	prim := srgbPrimariesD50()
	curve := iccCurve()
	tags := []iccTag{
		{"desc", iccTextDescription("sRGB (koers)")},
		{"cprt", iccText("No copyright, use freely")},
		{"wtpt", iccXYZ(iccD50)},
		{"rXYZ", iccXYZ(prim[0])},
		{"gXYZ", iccXYZ(prim[1])},
		{"bXYZ", iccXYZ(prim[2])},
		{"rTRC", curve},
		{"gTRC", curve},
		{"bTRC", curve},
	}

	const headerSize = 128
	tableSize := 4 + 12*len(tags)
	// Lay out the tag data after the table, each element on a 4-byte
	// boundary; tags with identical data (the three tone curves) share one
	// element, as the ICC allows.
	type placed struct{ offset, size int }
	var (
		data    []byte
		offsets = make([]placed, len(tags))
		seen    = map[string]placed{}
	)
	start := headerSize + tableSize
	for i, t := range tags {
		if p, ok := seen[string(t.data)]; ok {
			offsets[i] = p
			continue
		}
		p := placed{start + len(data), len(t.data)}
		data = append(data, t.data...)
		data = pad4(data)
		offsets[i] = p
		seen[string(t.data)] = p
	}
	size := start + len(data)

	b := make([]byte, 0, size)
	b = binary.BigEndian.AppendUint32(b, uint32(size))
	b = append(b, 0, 0, 0, 0)                        // preferred CMM: none
	b = binary.BigEndian.AppendUint32(b, 0x02100000) // version 2.1.0
	b = append(b, "mntrRGB XYZ "...)                 // class, colour space, PCS
	for _, v := range iccDate {                      // creation date and time
		b = binary.BigEndian.AppendUint16(b, v)
	}
	b = append(b, "acsp"...)
	b = append(b, make([]byte, 4+4+4+4+8)...)         // platform, flags, manufacturer, model, attributes
	b = binary.BigEndian.AppendUint32(b, 0)           // rendering intent: perceptual
	b = append(b, iccXYZ(iccD50)[8:]...)              // PCS illuminant
	b = append(b, "koer"...)                          // creator
	b = append(b, make([]byte, headerSize-len(b))...) // profile ID (zero in v2) and reserved
	b = binary.BigEndian.AppendUint32(b, uint32(len(tags)))
	for i, t := range tags {
		b = append(b, t.sig...)
		b = binary.BigEndian.AppendUint32(b, uint32(offsets[i].offset))
		b = binary.BigEndian.AppendUint32(b, uint32(offsets[i].size))
	}
	return append(b, data...)
}

func pad4(b []byte) []byte {
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// s15Fixed16 encodes v as the ICC's signed 15.16 fixed-point number.
func s15Fixed16(v float64) int32 {
	return int32(math.Round(v * 65536))
}

// iccXYZ is an XYZType element with one XYZNumber.
func iccXYZ(xyz [3]float64) []byte {
	b := append([]byte("XYZ "), 0, 0, 0, 0)
	for _, v := range xyz {
		b = binary.BigEndian.AppendUint32(b, uint32(s15Fixed16(v)))
	}
	return b
}

// iccText is a textType element: 7-bit ASCII, NUL-terminated.
func iccText(s string) []byte {
	b := append([]byte("text"), 0, 0, 0, 0)
	b = append(b, s...)
	return append(b, 0)
}

// iccTextDescription is a v2 textDescriptionType element with only the
// ASCII description; the Unicode and ScriptCode parts are empty.
func iccTextDescription(s string) []byte {
	b := append([]byte("desc"), 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)+1))
	b = append(b, s...)
	b = append(b, 0)
	b = binary.BigEndian.AppendUint32(b, 0) // Unicode language code
	b = binary.BigEndian.AppendUint32(b, 0) // Unicode count
	b = binary.BigEndian.AppendUint16(b, 0) // ScriptCode code
	b = append(b, 0)                        // ScriptCode count
	return append(b, make([]byte, 67)...)   // Macintosh description
}

// iccCurve is a curveType element sampling the sRGB transfer function
// (encoded value to linear light) at iccTRCPoints evenly spaced inputs.
func iccCurve() []byte {
	b := append([]byte("curv"), 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, iccTRCPoints)
	for i := range iccTRCPoints {
		v := srgbToLinear(float64(i) / (iccTRCPoints - 1))
		b = binary.BigEndian.AppendUint16(b, uint16(math.Round(v*65535)))
	}
	return b
}

// srgbToLinear is the sRGB transfer function of IEC 61966-2-1.
func srgbToLinear(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

type mat3 [3][3]float64

func (m mat3) mul(n mat3) mat3 {
	var r mat3
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				r[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return r
}

func (m mat3) apply(v [3]float64) [3]float64 {
	var r [3]float64
	for i := range 3 {
		for k := range 3 {
			r[i] += m[i][k] * v[k]
		}
	}
	return r
}

func (m mat3) inverse() mat3 {
	a, b, c := m[0][0], m[0][1], m[0][2]
	d, e, f := m[1][0], m[1][1], m[1][2]
	g, h, k := m[2][0], m[2][1], m[2][2]
	det := a*(e*k-f*h) - b*(d*k-f*g) + c*(d*h-e*g)
	return mat3{
		{(e*k - f*h) / det, (c*h - b*k) / det, (b*f - c*e) / det},
		{(f*g - d*k) / det, (a*k - c*g) / det, (c*d - a*f) / det},
		{(d*h - e*g) / det, (b*g - a*h) / det, (a*e - b*d) / det},
	}
}

// xyY converts chromaticity x, y at luminance 1 to XYZ.
func xyY(x, y float64) [3]float64 {
	return [3]float64{x / y, 1, (1 - x - y) / y}
}

// srgbPrimariesD50 returns the XYZ of sRGB's red, green and blue at full
// intensity, adapted from sRGB's D65 white to the D50 connection space by
// the Bradford transform. Blue is set so that the three sum exactly to
// D50 in the profile's fixed-point encoding, so that RGB white maps onto
// the PCS white without a rounding error.
func srgbPrimariesD50() [3][3]float64 {
	red, green, blue := xyY(0.64, 0.33), xyY(0.30, 0.60), xyY(0.15, 0.06)
	white := xyY(0.3127, 0.3290)

	// Scale each primary so that full red, green and blue add up to white.
	p := mat3{
		{red[0], green[0], blue[0]},
		{red[1], green[1], blue[1]},
		{red[2], green[2], blue[2]},
	}
	s := p.inverse().apply(white)
	for i := range 3 {
		for j := range 3 {
			p[i][j] *= s[j]
		}
	}

	// Bradford: to cone space, scale by the ratio of the whites, back.
	bradford := mat3{
		{0.8951, 0.2664, -0.1614},
		{-0.7502, 1.7135, 0.0367},
		{0.0389, -0.0685, 1.0296},
	}
	src, dst := bradford.apply(white), bradford.apply(iccD50)
	scale := mat3{{dst[0] / src[0], 0, 0}, {0, dst[1] / src[1], 0}, {0, 0, dst[2] / src[2]}}
	adapted := bradford.inverse().mul(scale).mul(bradford).mul(p)

	var out [3][3]float64
	for j := range 3 { // column j is primary j
		for i := range 3 {
			out[j][i] = adapted[i][j]
		}
	}
	for i := range 3 {
		fixed := s15Fixed16(iccD50[i]) - s15Fixed16(out[0][i]) - s15Fixed16(out[1][i])
		out[2][i] = float64(fixed) / 65536
	}
	return out
}
