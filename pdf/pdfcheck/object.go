// Package pdfcheck reads a PDF back and checks that it is tagged: the
// structure tree, the marked content of every page, the annotations, the
// fonts' character maps and the catalog entries PDF/UA-1 and PDF/A-2a ask
// for. It is a reader for tests, in pure Go with nothing but the standard
// library: it reads classic cross-reference tables and cross-reference
// streams, object streams and Flate-compressed streams, enough for what
// koers writes and what headless Chromium (Skia) writes.
//
// Read parses a file into a Doc; Check lists what a Doc gets wrong as
// Problems; TreeText and CompareOrder check the reading order against
// pdftotext's text; Roles and CompareRoles compare two files' structure.
// The reader is bounded: bad input gives an error with a byte offset, never
// a panic or an endless loop.
package pdfcheck

import (
	"fmt"
	"strconv"
	"strings"
)

// Object is a PDF object: nil (null), bool, int64, float64, String, Name,
// Array, Dict, Ref or *Stream.
type Object any

// Name is a PDF name without its slash, with #xx escapes decoded.
type Name string

// String is a PDF string's bytes, escapes decoded.
type String string

// Array is a PDF array.
type Array []Object

// Dict is a PDF dictionary.
type Dict map[Name]Object

// Ref is an indirect reference.
type Ref struct{ Num, Gen int }

// Stream is a stream object: its dictionary and its bytes as stored
// (still encoded).
type Stream struct {
	Dict   Dict
	Raw    []byte
	Offset int // of the stream's data in the file
}

func (r Ref) String() string { return fmt.Sprintf("%d %d R", r.Num, r.Gen) }

// Text decodes a PDF text string: UTF-16BE with a byte order mark, UTF-8
// with one, or PDFDocEncoding (taken as Latin-1, which it equals for the
// letters that matter here).
func (s String) Text() string {
	b := []byte(s)
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		return utf16BE(b[2:])
	}
	if len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf {
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// utf16BE decodes big-endian UTF-16, an odd last byte ignored.
func utf16BE(b []byte) string {
	var sb strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		u := rune(b[i])<<8 | rune(b[i+1])
		if u >= 0xd800 && u < 0xdc00 && i+3 < len(b) {
			l := rune(b[i+2])<<8 | rune(b[i+3])
			if l >= 0xdc00 && l < 0xe000 {
				sb.WriteRune((u-0xd800)<<10 + (l - 0xdc00) + 0x10000)
				i += 2
				continue
			}
		}
		sb.WriteRune(u)
	}
	return sb.String()
}

// Get returns d[key], or nil when d is nil.
func (d Dict) Get(key Name) Object {
	if d == nil {
		return nil
	}
	return d[key]
}

// asInt returns o as an integer (a real with no fraction counts).
func asInt(o Object) (int, bool) {
	switch v := o.(type) {
	case int64:
		if v > 1<<40 || v < -(1<<40) {
			return 0, false
		}
		return int(v), true
	case float64:
		if v == float64(int64(v)) && v < 1<<40 && v > -(1<<40) {
			return int(v), true
		}
	}
	return 0, false
}

func asFloat(o Object) (float64, bool) {
	switch v := o.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

func asName(o Object) Name {
	n, _ := o.(Name)
	return n
}

// show writes an object short, for messages.
func show(o Object) string {
	switch v := o.(type) {
	case nil:
		return "null"
	case Name:
		return "/" + string(v)
	case String:
		return strconv.Quote(v.Text())
	case Ref:
		return v.String()
	case *Stream:
		return "stream"
	case Array:
		parts := make([]string, 0, len(v))
		for i, e := range v {
			if i == 8 {
				parts = append(parts, "...")
				break
			}
			parts = append(parts, show(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case Dict:
		return fmt.Sprintf("<<%d keys>>", len(v))
	}
	return fmt.Sprint(o)
}
