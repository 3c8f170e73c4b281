package bundle

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// SchemaFile is the JSON Schema of the current format, as embedded.
const SchemaFile = "schema/bundle-v1.schema.json"

//go:embed schema/bundle-v1.schema.json
var schemaFS embed.FS

// Schema returns the JSON Schema of the bundle format.
func Schema() []byte {
	b, err := schemaFS.ReadFile(SchemaFile)
	if err != nil {
		panic(err) // embedded at build time
	}
	return b
}

var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		return nil, fmt.Errorf("bundle schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaFile, doc); err != nil {
		return nil, fmt.Errorf("bundle schema: %w", err)
	}
	return c.Compile(SchemaFile)
})

// MaxSize is the largest bundle koers reads.
const MaxSize = 64 << 20

// Read reads and decodes a bundle; name is how errors refer to the source.
func Read(name string, r io.Reader) (*Bundle, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return Decode(name, data)
}

// Decode checks and decodes a bundle. On any problem it returns an *Error
// listing them all, each with its JSON pointer, line and column.
func Decode(name string, data []byte) (*Bundle, error) {
	ps := &problems{}
	if len(data) > MaxSize {
		ps.add("", "file is larger than %d MiB", MaxSize>>20)
		return nil, ps.err(name)
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		line, col := lineCol(data, off)
		return nil, &Error{File: name, Problems: []Problem{{Line: line, Column: col, Message: "file is not valid UTF-8"}}}
	}
	if !json.Valid(data) {
		var raw json.RawMessage
		err := json.Unmarshal(data, &raw)
		var syn *json.SyntaxError
		off := len(data)
		if errors.As(err, &syn) {
			off = int(syn.Offset)
			if off > 0 {
				off-- // Offset is just past the offending byte
			}
		}
		line, col := lineCol(data, off)
		msg := "malformed JSON"
		if err != nil {
			msg += ": " + strings.TrimPrefix(err.Error(), "json: ")
		}
		return nil, &Error{File: name, Problems: []Problem{{Line: line, Column: col, Message: msg}}}
	}
	ps.pos = scanPositions(data)
	for _, p := range ps.pos.bad {
		ps.addAt(p.pointer, p.offset, p.message)
	}
	if !checkVersion(ps, data) {
		return nil, ps.err(name)
	}
	if err := validateSchema(ps, data); err != nil {
		return nil, fmt.Errorf("check %s: %w", name, err)
	}
	if err := ps.err(name); err != nil {
		return nil, err
	}
	var b Bundle
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		// The schema admits only what the types hold, but for whole
		// numbers written with a fraction (2020.0).
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			ptr, start := ps.pos.at(int(ute.Offset))
			ps.addAt(ptr, start, fmt.Sprintf("%s is not a whole number", strings.TrimPrefix(ute.Value, "number ")))
		} else {
			ps.add("", "%v", err)
		}
		return nil, ps.err(name)
	}
	validate(ps, &b)
	if err := ps.err(name); err != nil {
		return nil, err
	}
	return &b, nil
}

// checkVersion refuses other formats and versions before the schema speaks,
// with a message that says what this koers reads.
func checkVersion(ps *problems, data []byte) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		ps.add("", "a bundle is a JSON object")
		return false
	}
	var f string
	if json.Unmarshal(top["format"], &f) == nil && f != Format {
		ps.add("/format", "format is %q, want %q", f, Format)
		return false
	}
	var v json.Number
	if json.Unmarshal(top["version"], &v) == nil && v.String() != strconv.Itoa(Version) {
		ps.add("/version", "bundle version %v is not supported; this koers reads version %d", v, Version)
		return false
	}
	return true
}

var printer = message.NewPrinter(language.English)

func validateSchema(ps *problems, data []byte) error {
	schema, err := compiledSchema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	err = schema.Validate(inst)
	var ve *jsonschema.ValidationError
	if err == nil {
		return nil
	} else if !errors.As(err, &ve) {
		return err
	}
	addLeaves(ps, ve)
	return nil
}

// addLeaves reports the innermost causes of a validation error: the
// outer ones only say that something below failed.
func addLeaves(ps *problems, ve *jsonschema.ValidationError) {
	if len(ve.Causes) > 0 {
		for _, c := range ve.Causes {
			addLeaves(ps, c)
		}
		return
	}
	ptr := ""
	for _, seg := range ve.InstanceLocation {
		ptr += "/" + escapePointer(seg)
	}
	if ap, ok := ve.ErrorKind.(*kind.AdditionalProperties); ok {
		for _, p := range ap.Properties {
			ps.add(ptr+"/"+escapePointer(p), "unknown field %q", p)
		}
		return
	}
	if mo, ok := ve.ErrorKind.(*kind.MultipleOf); ok && mo.Want.Cmp(big.NewRat(1, 100)) == 0 {
		// The schema's way of saying amounts are in whole cents.
		ps.add(ptr, "amount %s is not in whole cents", exactDecimal(mo.Got))
		return
	}
	ps.add(ptr, "%s", ve.ErrorKind.LocalizedString(printer))
}

// exactDecimal writes a JSON number's value with as many decimals as it
// has: 200.005, not a rounding of it.
func exactDecimal(r *big.Rat) string {
	scaled := new(big.Rat).Set(r)
	for n := 0; n < 40; n++ {
		if scaled.IsInt() {
			return r.FloatString(n)
		}
		scaled.Mul(scaled, big.NewRat(10, 1))
	}
	return r.FloatString(40)
}
