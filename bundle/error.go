package bundle

import (
	"fmt"
	"sort"
	"strings"

	"github.com/koers-nl/koers"
)

// Problem is one thing wrong with a bundle, located by JSON pointer and by
// line and column (1-based) in the file.
type Problem struct {
	Pointer string // e.g. "/document/pages/0/blocks/3/ref"; "" for the whole file
	Line    int
	Column  int
	Message string
}

// Error lists every problem found in one bundle file.
type Error struct {
	File     string
	Problems []Problem
}

// maxProblems bounds the report; a file that is wrong everywhere does not
// need ten thousand lines to say so.
const maxProblems = 50

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: invalid bundle (%d %s)", e.File, len(e.Problems), plural(len(e.Problems), "problem", "problems"))
	for i, p := range e.Problems {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Problems)-maxProblems)
			break
		}
		ptr := p.Pointer
		if ptr == "" {
			ptr = "/"
		}
		fmt.Fprintf(&b, "\n%s:%d:%d: %s: %s", e.File, p.Line, p.Column, ptr, p.Message)
	}
	return b.String()
}

// Unwrap makes the error an invalid-input error for every layer of koers.
func (e *Error) Unwrap() error {
	return &koers.Error{Code: koers.EINVALID, Message: e.Error()}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// problems collects problems and locates them in the source.
type problems struct {
	pos  positions
	list []Problem
	seen map[string]bool
}

func (ps *problems) add(pointer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if ps.seen == nil {
		ps.seen = map[string]bool{}
	}
	if key := pointer + "\x00" + msg; ps.seen[key] {
		return
	} else {
		ps.seen[key] = true
	}
	line, col := ps.pos.locate(pointer)
	ps.list = append(ps.list, Problem{Pointer: pointer, Line: line, Column: col, Message: msg})
}

func (ps *problems) err(file string) error {
	if len(ps.list) == 0 {
		return nil
	}
	sort.SliceStable(ps.list, func(i, j int) bool {
		a, b := ps.list[i], ps.list[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return &Error{File: file, Problems: ps.list}
}
