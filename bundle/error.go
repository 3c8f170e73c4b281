package bundle

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Error lists every problem found in one bundle or benchmark file.
type Error struct {
	File     string
	Problems []Problem
	// CSV marks a benchmark file: its problems have a line and a column,
	// and no JSON pointer.
	CSV bool
	// What names the file in the message when it is not a bundle or a
	// benchmark file ("ledger file").
	What string
}

// maxProblems bounds the report; a file that is wrong everywhere does not
// need ten thousand lines to say so.
const maxProblems = 50

func (e *Error) Error() string {
	var b strings.Builder
	what := "bundle"
	if e.CSV {
		what = "benchmark file"
	}
	if e.What != "" {
		what = e.What
	}
	fmt.Fprintf(&b, "%s: invalid %s (%d %s)", e.File, what, len(e.Problems), plural(len(e.Problems), "problem", "problems"))
	for i, p := range e.Problems {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Problems)-maxProblems)
			break
		}
		if e.CSV {
			fmt.Fprintf(&b, "\n%s:%d:%d: %s", e.File, p.Line, p.Column, p.Message)
			continue
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
	list []Problem // located
	// pending are located by offset when the error is made, all in one
	// pass over the source: locating each on its own would read the file
	// once per problem.
	pending []pending
	seen    map[string]bool
}

// add notes a problem at the value that pointer names.
func (ps *problems) add(pointer, format string, args ...any) {
	ps.addAt(pointer, ps.pos.offset(pointer), fmt.Sprintf(format, args...))
}

// addAt notes a problem at a byte offset; the same problem at the same
// place is noted once.
func (ps *problems) addAt(pointer string, offset int, msg string) {
	if ps.seen == nil {
		ps.seen = map[string]bool{}
	}
	key := pointer + "\x00" + msg + "\x00" + strconv.Itoa(offset)
	if ps.seen[key] {
		return
	}
	ps.seen[key] = true
	ps.pending = append(ps.pending, pending{pointer, offset, msg})
}

// locate gives the pending problems their lines and columns.
func (ps *problems) locate() {
	sort.SliceStable(ps.pending, func(i, j int) bool { return ps.pending[i].offset < ps.pending[j].offset })
	src := ps.pos.src
	line, col, off := 1, 1, 0
	for _, p := range ps.pending {
		for off < p.offset && off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			off += size
		}
		ps.list = append(ps.list, Problem{Pointer: p.pointer, Line: line, Column: col, Message: p.message})
	}
	ps.pending = ps.pending[:0]
}

func (ps *problems) err(file string) error {
	ps.locate()
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
