package statline

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
)

// Observation is one figure: a measure of a region in a period, in the
// categories of the table's other dimensions.
type Observation struct {
	// Region is the code of the region, trimmed ("NL01", "GM0547",
	// "PV28", "LD03", "CR17", "WK054700"); "" in a table without a region
	// dimension, whose figures are for the Netherlands.
	Region string
	// Period is the period; the zero Period in a table without one.
	Period Period
	// Measure is the key of the topic: the column key in OData v3 and
	// keyed CSV ("Bevolking_1"), the Measure code in OData v4
	// ("M000352").
	Measure string
	// Dims are the table's other dimensions (Geslacht, Leeftijd, …) with
	// their codes, in the order of the source; nil when there are none.
	// Observations of one row share the slice: treat it as read-only.
	Dims  []Dim
	Value Value
	// At is where the figure is in the input.
	At Location
}

// Dim is a dimension other than region and period, and its code in one
// observation.
type Dim struct {
	Name string // "Geslacht"
	Code string // "T001038", trimmed
}

// RegionKind returns the kind of a StatLine region code: its leading
// letters, such as "NL" (Nederland), "GM" (gemeente), "PV" (provincie),
// "LD" (landsdeel), "CR" (COROP-gebied), "WK" (wijk), "BU" (buurt).
func RegionKind(code string) string {
	i := 0
	for i < len(code) && (code[i] >= 'A' && code[i] <= 'Z') {
		i++
	}
	return code[:i]
}

// role is what a column or field of a row is.
type role uint8

const (
	roleDim     role = iota // another dimension: its value is a code
	roleID                  // the row number: ignored
	roleRegion              // the region dimension
	rolePeriod              // the period dimension
	roleMeasure             // a topic: its value is a figure
	roleSkip                // OData annotations
)

// topicKey matches a topic's key. CBS gives every topic of a table a key
// ending in "_" and its position (Bevolking_1, k_0Tot15Jaar_8) and no
// dimension such a suffix (RegioS, Perioden, Geslacht): that is how a
// column's role is told from its name alone, the same in JSON and CSV,
// whatever the first row happens to hold.
var topicKey = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*_[0-9]+$`)

// columnRole says what a column of the wide forms (OData v3, keyed CSV)
// holds. The region and period dimensions are known by their key in Dutch
// and English tables and by StatLine's Dutch title.
func columnRole(name string) role {
	switch name {
	case "ID", "Id":
		return roleID
	case "RegioS", "Regio's", "Regions", "WijkenEnBuurten":
		return roleRegion
	case "Perioden", "Periods":
		return rolePeriod
	}
	if strings.HasPrefix(name, "odata.") || strings.HasPrefix(name, "@odata.") || name == "__metadata" {
		return roleSkip
	}
	if topicKey.MatchString(name) {
		return roleMeasure
	}
	return roleDim
}

// builder gathers observations, holding the limits and sharing strings:
// a file repeats the same few region and measure codes millions of times.
type builder struct {
	obs    []Observation
	intern map[string]string
}

func newBuilder() *builder { return &builder{intern: make(map[string]string)} }

func (b *builder) str(s string) string {
	if t, ok := b.intern[s]; ok {
		return t
	}
	s = strings.Clone(s)
	b.intern[s] = s
	return s
}

// maxObservations is MaxObservations, lowered by tests.
var maxObservations = MaxObservations

func (b *builder) add(o Observation) error {
	if len(b.obs) >= maxObservations {
		return &Error{Code: ELimit, At: o.At, Msg: fmt.Sprintf("more than %d observations", maxObservations)}
	}
	b.obs = append(b.obs, o)
	return nil
}

// code checks and trims a dimension code: CBS pads region codes with
// spaces ("GM0547    ").
func code(s string) (string, *Error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", &Error{Code: EValue, Msg: "the code is empty"}
	}
	return t, nil
}

// v4 fields of an Observations row.
const (
	fMeasure   = "Measure"
	fValue     = "Value"
	fAttribute = "ValueAttribute"
	fString    = "StringValue"
)

// v4Value makes the value of a v4 observation from its Value (already
// read), its ValueAttribute and whether it has a StringValue. text is true
// for a text measure (StringValue set, Value empty): no figure.
func v4Value(v Value, attr string, hasString bool) (Value, bool) {
	if attr == "None" {
		attr = ""
	}
	if v.IsMissing() {
		if hasString {
			return Value{}, true
		}
		switch {
		case attr == "Impossible":
			v.Missing = Impossible
		case attr != "":
			// The v4 service says why in words; any reason other than
			// Impossible means the figure is not there to be had.
			v.Missing = Unknown
		}
	}
	if attr != "" {
		v.Note = attr
	}
	return v, false
}

// Decode reads a StatLine export in any form this package knows, telling
// JSON (its first character is "{") from CSV. See DecodeJSON and
// DecodeCSV.
func Decode(r io.Reader) ([]Observation, error) {
	br := newInput(r)
	defer release(br)
	// Look past leading white space without consuming it, so that CSV
	// line numbers stay those of the file.
	for n := 1; ; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			if err == io.EOF || err == nil {
				return nil, &Error{Code: EShape, Msg: "the input is empty"}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				return decodeCSV(br)
			}
			return nil, readError(err, Location{})
		}
		switch b[n-1] {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			return decodeJSON(br)
		}
		return decodeCSV(br)
	}
}

// inputs keeps the 64 KiB read buffers between decodes. Allocating one
// per decode made a small input cost 50 µs, nearly all of it the garbage
// collector's, which slowed the fuzzers' minimisation so much that CI saw
// them stall.
var inputs = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}

// newInput limits r to MaxInput bytes, buffers it and drops a BOM. The
// caller gives the reader back with release once done with it; nothing
// decoded may point into its buffer.
func newInput(r io.Reader) *bufio.Reader {
	br := inputs.Get().(*bufio.Reader)
	br.Reset(newLimitReader(r, MaxInput))
	skipBOM(br)
	return br
}

func release(br *bufio.Reader) {
	br.Reset(nil)
	inputs.Put(br)
}

// readError turns an error of the underlying reader into ours: the limit
// becomes ELimit, anything else is the reader's own and passes through.
func readError(err error, at Location) error {
	if errors.Is(err, errTooLarge) {
		return tooLarge(at)
	}
	return fmt.Errorf("statline: reading the input: %w", err)
}

var bom = []byte("\xEF\xBB\xBF")

// skipBOM drops a UTF-8 byte order mark, which Excel and some CBS
// downloads put at the start of a file.
func skipBOM(br *bufio.Reader) {
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, bom) {
		br.Discard(3)
	}
}
