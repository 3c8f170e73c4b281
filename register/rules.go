package register

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/koers-nl/koers"
)

// DecodeRules reads a rules file: a JSON array of counting rules, as
// demo/register/rules.json. Every rule names its indicator and passes
// Validate, and no indicator has one version twice. Problems are located:
// the path is the rule's index and field, the message names the file and
// the line the rule starts on.
func DecodeRules(name string, data []byte) ([]koers.CountRule, error) {
	var ps koers.Problems
	fail := func(line int, path []any, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if line > 0 {
			msg = name + ", regel " + strconv.Itoa(line) + ": " + msg
		} else {
			msg = name + ": " + msg
		}
		ps = append(ps, koers.Problem{Path: path, Message: msg})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		fail(lineAt(data, dec.InputOffset()), nil, "Een regelbestand is een JSON-lijst van telregels.")
		return nil, ps.Err("counting rules")
	}
	var rules []koers.CountRule
	var lines []int
	for dec.More() {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			fail(lineAt(data, errorOffset(err, dec.InputOffset(), len(data))), []any{len(rules)}, "Geen geldige JSON: %s.", jsonWords(err))
			return nil, ps.Err("counting rules")
		}
		rest := data[start:]
		line := lineAt(data, start+int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n,"))))
		var r koers.CountRule
		strict := json.NewDecoder(bytes.NewReader(raw))
		strict.DisallowUnknownFields()
		if err := strict.Decode(&r); err != nil {
			fail(line, []any{len(rules)}, "De regel is geen telregel: %s.", jsonWords(err))
			rules = append(rules, r)
			lines = append(lines, line)
			continue
		}
		rules = append(rules, r)
		lines = append(lines, line)
	}
	if _, err := dec.Token(); err != nil {
		fail(lineAt(data, errorOffset(err, dec.InputOffset(), len(data))), nil, "Geen geldige JSON: %s.", jsonWords(err))
		return nil, ps.Err("counting rules")
	}
	if _, err := dec.Token(); err != io.EOF {
		fail(lineAt(data, dec.InputOffset()), nil, "Na de lijst van telregels staat nog iets.")
		return nil, ps.Err("counting rules")
	}
	if len(ps) > 0 {
		return nil, ps.Err("counting rules")
	}
	seen := map[string]int{}
	for i := range rules {
		r := &rules[i]
		if r.Indicator == "" {
			fail(lines[i], []any{i, "indicator"}, "De regel noemt geen indicator.")
		}
		var e *koers.Error
		if err := r.Validate(); errors.As(err, &e) {
			for _, p := range e.Problems {
				fail(lines[i], append([]any{i}, p.Path...), "%s", p.Message)
			}
		} else if err != nil {
			return nil, err
		}
		key := r.Indicator + "\x00" + strconv.Itoa(r.Version)
		if j, dup := seen[key]; dup && r.Indicator != "" {
			fail(lines[i], []any{i, "version"}, "Indicator %q heeft versie %d al in regel %d.", r.Indicator, r.Version, lines[j])
		}
		seen[key] = i
	}
	if len(ps) > 0 {
		return nil, ps.Err("counting rules")
	}
	return rules, nil
}

// lineAt is the line (from 1) of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// errorOffset is where a JSON error is, when it says; an input ending
// too soon ends at its end.
func errorOffset(err error, fallback int64, size int) int64 {
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return syn.Offset
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return int64(size)
	}
	return fallback
}

// jsonWords says what the JSON decoder found wrong, in Dutch where it is
// one of the common cases.
func jsonWords(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typ):
		return fmt.Sprintf("het veld %q heeft een waarde van het verkeerde soort (%s)", typ.Field, typ.Value)
	case errors.As(err, &syn):
		return "onverwacht teken (" + syn.Error() + ")"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "het bestand houdt midden in een regel op"
	}
	return err.Error()
}
