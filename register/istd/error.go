package istd

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
)

// Problem is one thing wrong with a message, located by line and column
// (1-based) and by the element's path, e.g.
// /Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/Ingangsdatum.
type Problem struct {
	Line    int
	Column  int
	Path    string
	Message string // Dutch

	offset int
}

// Error lists every problem found in one message; a message with a
// problem adds nothing to the register.
type Error struct {
	File     string
	Problems []Problem
}

// maxProblems bounds the error's text; Problems holds them all.
const maxProblems = 50

func (e *Error) Error() string {
	var b strings.Builder
	noun := "problemen"
	if len(e.Problems) == 1 {
		noun = "probleem"
	}
	fmt.Fprintf(&b, "%s: bericht afgewezen (%d %s)", e.File, len(e.Problems), noun)
	for i, p := range e.Problems {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n... en nog %d", len(e.Problems)-maxProblems)
			break
		}
		b.WriteString("\n")
		b.WriteString(e.line(p))
	}
	return b.String()
}

func (e *Error) line(p Problem) string {
	if p.Path == "" {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, p.Line, p.Column, p.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", e.File, p.Line, p.Column, p.Path, p.Message)
}

// Unwrap makes the error an invalid-input error for every layer of koers.
func (e *Error) Unwrap() error {
	return &koers.Error{Code: koers.EINVALID, Message: e.Error()}
}

// locate gives problems noted at byte offsets of src their lines and
// columns, in one pass, and sorts them by place.
func locate(src []byte, ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].offset < ps[j].offset })
	line, col, off := 1, 1, 0
	for i := range ps {
		for off < ps[i].offset && off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			off += size
		}
		ps[i].Line, ps[i].Column = line, col
	}
}
