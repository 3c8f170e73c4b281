package pdfcheck

import (
	"fmt"
	"strings"
)

// Role is one structure element that carries meaning for a reader of the
// document, in tree order: a heading with its text, a table with its
// shape, a list with its items, a figure with its alternate text, a
// paragraph with the start of its text, a table of contents, a note.
type Role struct {
	Role  string // H1..H6, P, L, Table, Figure, TOC, Note
	Level int    // of a heading, 1 to 6; of a list, its nesting (1 for the outermost)
	Text  string // a heading's or paragraph's text, a figure's Alt
	// A table's rows, header cells and data cells; a list's or TOC's
	// items.
	Rows, TH, TD, Items int
	// A table's columns (the most cells in a row), header cells in its
	// first row, and rows after the first that start with a header cell.
	Cols, ColHeaders, RowHeaders int
}

func (r Role) String() string {
	switch r.Role {
	case "Table":
		return fmt.Sprintf("Table %d×%d, %d column headers, %d row headers (%d TH, %d TD)", r.Rows, r.Cols, r.ColHeaders, r.RowHeaders, r.TH, r.TD)
	case "L", "TOC":
		return fmt.Sprintf("%s %d items", r.Role, r.Items)
	case "Figure":
		return fmt.Sprintf("Figure %q", short(r.Text))
	}
	return fmt.Sprintf("%s %q", r.Role, short(r.Text))
}

// Roles returns doc's roles in tree order. A heading H (without a level)
// has Level 0. Paragraphs inside tables and lists are not listed apart.
func Roles(doc *Doc) []Role {
	var out []Role
	var walk func(e *Element, inBlock bool, listDepth, depth int)
	walk = func(e *Element, inBlock bool, listDepth, depth int) {
		if depth > 256 {
			return
		}
		skipKids := false
		switch r := e.Role; {
		case len(r) == 2 && r[0] == 'H' && r[1] >= '1' && r[1] <= '6':
			out = append(out, Role{Role: r, Level: int(r[1] - '0'), Text: doc.ElementText(e)})
			skipKids = true
		case r == "H":
			out = append(out, Role{Role: r, Text: doc.ElementText(e)})
			skipKids = true
		case r == "Table":
			t := Role{Role: "Table"}
			for i, row := range e.rows() {
				t.Rows++
				cells := 0
				for _, k := range row.Kids {
					if k.Kind != KidElem || k.Elem.Role != "TH" && k.Elem.Role != "TD" {
						continue
					}
					th := k.Elem.Role == "TH"
					if th {
						t.TH++
					} else {
						t.TD++
					}
					switch {
					case i == 0 && th:
						t.ColHeaders++
					case i > 0 && cells == 0 && th:
						t.RowHeaders++
					}
					cols, _ := k.Elem.span()
					cells += cols
				}
				t.Cols = max(t.Cols, cells)
			}
			out = append(out, t)
			inBlock = true
		case r == "L":
			l := Role{Role: "L", Level: listDepth + 1}
			for _, k := range e.Kids {
				if k.Kind == KidElem && k.Elem.Role == "LI" {
					l.Items++
				}
			}
			out = append(out, l)
			listDepth++
			inBlock = true
		case r == "TOC":
			t := Role{Role: "TOC"}
			for _, k := range e.Kids {
				if k.Kind == KidElem && k.Elem.Role == "TOCI" {
					t.Items++
				}
			}
			out = append(out, t)
			inBlock = true
		case r == "Figure":
			out = append(out, Role{Role: "Figure", Text: e.Alt})
			skipKids = true
		case r == "Note":
			out = append(out, Role{Role: "Note", Text: doc.ElementText(e)})
			skipKids = true
		case r == "P" && !inBlock:
			out = append(out, Role{Role: "P", Text: doc.ElementText(e)})
		}
		if skipKids {
			return
		}
		for _, k := range e.Kids {
			if k.Kind == KidElem {
				walk(k.Elem, inBlock, listDepth, depth+1)
			}
		}
	}
	if doc.Root != nil {
		walk(doc.Root, false, 0, 0)
	}
	return out
}

// RoleReport compares two files' roles, a and b (as koers's PDF and
// Chromium's of the same page).
type RoleReport struct {
	// Headings pairs the headings found in both, by text, in order (a
	// longest common subsequence), with their levels.
	Headings []HeadingPair
	OnlyA    []Role // headings only in a
	OnlyB    []Role // headings only in b
	// Tables pairs the tables of a and b in order, as far as both go.
	Tables [][2]Role
	// Count is how many of each role a and b have.
	Count map[string][2]int
}

// HeadingPair is a heading found in both files.
type HeadingPair struct {
	Text           string
	LevelA, LevelB int
}

// SameLevels says whether every paired heading has the same level.
func (r *RoleReport) SameLevels() bool {
	for _, h := range r.Headings {
		if h.LevelA != h.LevelB {
			return false
		}
	}
	return true
}

// Lines describes the report, a line per finding.
func (r *RoleReport) Lines() []string {
	var out []string
	for _, h := range r.Headings {
		if h.LevelA == h.LevelB {
			out = append(out, fmt.Sprintf("same: H%d %q", h.LevelA, short(h.Text)))
		} else {
			out = append(out, fmt.Sprintf("level differs: %q H%d vs H%d", short(h.Text), h.LevelA, h.LevelB))
		}
	}
	for _, h := range r.OnlyA {
		out = append(out, fmt.Sprintf("only in a: %s", h))
	}
	for _, h := range r.OnlyB {
		out = append(out, fmt.Sprintf("only in b: %s", h))
	}
	for i, t := range r.Tables {
		same := "same"
		if t[0] != t[1] {
			same = "differs"
		}
		out = append(out, fmt.Sprintf("table %d %s: %s vs %s", i+1, same, t[0], t[1]))
	}
	for _, role := range []string{"H", "P", "L", "Table", "Figure", "TOC", "Note"} {
		if n, ok := r.Count[role]; ok {
			out = append(out, fmt.Sprintf("count %s: %d vs %d", role, n[0], n[1]))
		}
	}
	return out
}

// CompareRoles pairs a's and b's headings by text and their tables in
// order, and counts the rest.
func CompareRoles(a, b []Role) *RoleReport {
	r := &RoleReport{Count: map[string][2]int{}}
	var ha, hb []Role
	var ta, tb []Role
	for _, x := range a {
		r.count(x.Role, 0)
		if x.Level > 0 && x.Role != "L" || x.Role == "H" {
			ha = append(ha, x)
		}
		if x.Role == "Table" {
			ta = append(ta, x)
		}
	}
	for _, x := range b {
		r.count(x.Role, 1)
		if x.Level > 0 && x.Role != "L" || x.Role == "H" {
			hb = append(hb, x)
		}
		if x.Role == "Table" {
			tb = append(tb, x)
		}
	}
	// Longest common subsequence of the headings' texts.
	key := func(x Role) string { return strings.ToLower(strings.Join(strings.Fields(x.Text), " ")) }
	n, m := len(ha), len(hb)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if key(ha[i]) == key(hb[j]) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	for i, j := 0, 0; i < n || j < m; {
		switch {
		case i < n && j < m && key(ha[i]) == key(hb[j]):
			r.Headings = append(r.Headings, HeadingPair{Text: ha[i].Text, LevelA: ha[i].Level, LevelB: hb[j].Level})
			i++
			j++
		case j == m || i < n && lcs[i+1][j] >= lcs[i][j+1]:
			r.OnlyA = append(r.OnlyA, ha[i])
			i++
		default:
			r.OnlyB = append(r.OnlyB, hb[j])
			j++
		}
	}
	for i := 0; i < len(ta) && i < len(tb); i++ {
		r.Tables = append(r.Tables, [2]Role{ta[i], tb[i]})
	}
	return r
}

func (r *RoleReport) count(role string, side int) {
	if len(role) == 2 && role[0] == 'H' {
		role = "H"
	}
	c := r.Count[role]
	c[side]++
	r.Count[role] = c
}
