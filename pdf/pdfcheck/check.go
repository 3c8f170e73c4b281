package pdfcheck

import (
	"fmt"
	"regexp"
	"strings"
)

// Problem is one thing a tagged PDF gets wrong.
type Problem struct {
	Code    string // a short identifier, as "untagged-content"
	Page    int    // 1-based; 0 when it is not about one page
	Obj     int    // the object concerned; 0 when none
	Path    string // the structure element, as "Document/Sect[3]/Table[1]/TR[2]"
	Message string
}

func (p Problem) String() string {
	var where []string
	if p.Page > 0 {
		where = append(where, fmt.Sprintf("page %d", p.Page))
	}
	if p.Obj > 0 {
		where = append(where, fmt.Sprintf("object %d", p.Obj))
	}
	if p.Path != "" {
		where = append(where, p.Path)
	}
	if len(where) == 0 {
		return p.Code + ": " + p.Message
	}
	return p.Code + " (" + strings.Join(where, ", ") + "): " + p.Message
}

// The problem codes Check reports.
const (
	CodeMalformed         = "malformed"            // the reader got past something broken
	CodeContentError      = "content-error"        // a page's content could not be read to the end
	CodeNotMarked         = "not-marked"           // no /MarkInfo /Marked true
	CodeNoLang            = "no-lang"              // no /Lang on the catalog
	CodeBadLang           = "bad-lang"             // a /Lang that is no language tag
	CodeNoDisplayDocTitle = "no-display-doc-title" // no /ViewerPreferences /DisplayDocTitle true
	CodeNoStructTree      = "no-struct-tree"       // no /StructTreeRoot
	CodeNoXMP             = "no-xmp"               // no /Metadata stream
	CodeXMPNoTitle        = "xmp-no-title"         // XMP without dc:title
	CodeXMPNoPDFUA        = "xmp-no-pdfua"         // XMP without pdfuaid:part 1
	CodeNoTitle           = "no-title"             // no /Title in the Info dictionary
	CodeUntagged          = "untagged-content"     // painting outside marked content with an MCID or Artifact
	CodeNoStructParents   = "no-struct-parents"    // a page with MCIDs but no /StructParents
	CodeMCIDNotInTree     = "mcid-not-in-tree"     // an MCID the ParentTree or its element does not have
	CodeMCIDTwice         = "mcid-twice"           // an MCID used twice on a page
	CodeMCIDMissing       = "mcid-missing"         // an MCID of the tree that the page's content lacks
	CodeUnknownRole       = "unknown-role"         // a structure type the RoleMap does not lead to a standard one
	CodeFirstHeading      = "first-heading-not-h1" // the first heading is not H1
	CodeHeadingSkip       = "heading-skip"         // a heading more than one level below the one before
	CodeTableKid          = "table-kid"            // a Table (or THead, TBody, TFoot) kid that does not belong
	CodeTRKid             = "tr-kid"               // a TR kid other than TH or TD
	CodeTableNoTH         = "table-no-th"          // a table without header cells
	CodeTHNoScope         = "th-no-scope"          // a TH without /Scope in a Table attribute dictionary
	CodeTableRagged       = "table-ragged"         // rows of a table with different cell counts
	CodeMisplaced         = "misplaced"            // TR, TH, TD, LI, Lbl, LBody or TOCI outside their parent's role
	CodeListKid           = "list-kid"             // an L kid other than LI, Caption or L
	CodeLIKid             = "li-kid"               // an LI kid other than Lbl or LBody
	CodeFigureNoAlt       = "figure-no-alt"        // a Figure without /Alt text
	CodeNoteNoID          = "note-no-id"           // a Note without /ID
	CodeIDTwice           = "id-twice"             // an /ID used by two elements
	CodeTOCKid            = "toc-kid"              // a TOC kid other than TOCI or TOC
	CodeLinkNoParent      = "link-no-struct-parent"
	CodeLinkNotInTree     = "link-not-in-tree" // the ParentTree does not lead a link annotation to a Link element
	CodeLinkNoOBJR        = "link-no-objr"     // the Link element has no OBJR to its annotation
	CodeLinkNoContents    = "link-no-contents"
	CodeTabs              = "tabs-not-s"     // a page with annotations without /Tabs /S
	CodeAnnotNoPrint      = "annot-no-print" // an annotation without the Print flag (PDF/A)
	CodeFontNotEmbedded   = "font-not-embedded"
	CodeFontNoToUnicode   = "font-no-tounicode"
	CodeFontUnmapped      = "font-unmapped" // codes drawn that ToUnicode does not map to text
)

var (
	langRE   = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)
	pdfuaRE  = regexp.MustCompile(`pdfuaid:part\s*=\s*["']\s*1\s*["']|<pdfuaid:part>\s*1\s*</pdfuaid:part>`)
	dcTitle  = regexp.MustCompile(`(?s)<dc:title>(.*?)</dc:title>`)
	rdfLi    = regexp.MustCompile(`(?s)<rdf:li[^>]*>\s*([^<\s][^<]*)</rdf:li>`)
	scopeSet = map[string]bool{"Row": true, "Column": true, "Both": true}
)

// Check lists what doc gets wrong as a tagged PDF (PDF/UA-1 as far as a
// machine can tell, and the PDF/A-2a points that concern tagging), in
// order: the file, the catalog, each page's content, the structure tree,
// the annotations, the fonts.
func Check(doc *Doc) []Problem {
	c := &checker{doc: doc}
	for _, w := range doc.Warnings {
		c.add(Problem{Code: CodeMalformed, Message: w})
	}
	c.catalog()
	c.content()
	c.tree()
	c.annots()
	c.fonts()
	return c.out
}

type checker struct {
	doc *Doc
	out []Problem
}

func (c *checker) add(p Problem) { c.out = append(c.out, p) }

func (c *checker) elem(code string, e *Element, format string, args ...any) {
	c.add(Problem{Code: code, Page: e.Page, Obj: e.Obj, Path: e.Path, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) catalog() {
	d := c.doc
	if !d.Marked {
		c.add(Problem{Code: CodeNotMarked, Message: "the catalog has no /MarkInfo <</Marked true>>"})
	}
	if !d.HasLang || strings.TrimSpace(d.Lang) == "" {
		c.add(Problem{Code: CodeNoLang, Message: "the catalog has no /Lang"})
	} else if !langRE.MatchString(d.Lang) {
		c.add(Problem{Code: CodeBadLang, Message: fmt.Sprintf("/Lang %q is no language tag", d.Lang)})
	}
	if !d.DisplayDocTitle {
		c.add(Problem{Code: CodeNoDisplayDocTitle, Message: "the catalog has no /ViewerPreferences <</DisplayDocTitle true>>"})
	}
	if !d.Tree {
		c.add(Problem{Code: CodeNoStructTree, Message: "the catalog has no /StructTreeRoot"})
	}
	if d.XMP == nil {
		c.add(Problem{Code: CodeNoXMP, Message: "the catalog has no /Metadata stream"})
	} else {
		m := dcTitle.FindSubmatch(d.XMP)
		if m == nil || !rdfLi.Match(m[1]) {
			c.add(Problem{Code: CodeXMPNoTitle, Message: "the XMP metadata has no dc:title"})
		}
		if !pdfuaRE.Match(d.XMP) {
			c.add(Problem{Code: CodeXMPNoPDFUA, Message: "the XMP metadata has no pdfuaid:part 1"})
		}
	}
	if strings.TrimSpace(d.InfoTitle) == "" {
		c.add(Problem{Code: CodeNoTitle, Message: "the Info dictionary has no /Title"})
	}
}

// mcidKey is an MCID on a page.
type mcidKey struct{ page, mcid int }

func (c *checker) content() {
	d := c.doc
	for _, p := range d.Pages {
		if p.ContentError != "" {
			c.add(Problem{Code: CodeContentError, Page: p.Number, Obj: p.Obj, Message: p.ContentError})
		}
		if n := len(p.Untagged); n > 0 {
			u := p.Untagged[0]
			msg := fmt.Sprintf("%d painting operators outside marked content with an MCID or Artifact; the first: %s at offset %d", n, u.Op, u.Offset)
			if u.Text != "" {
				msg += fmt.Sprintf(" (%q)", u.Text)
			}
			c.add(Problem{Code: CodeUntagged, Page: p.Number, Obj: p.Obj, Message: msg})
		}
		seen := map[int]bool{}
		noParents := false
		for _, m := range p.Marked {
			if m.MCID < 0 || m.Artifact {
				continue
			}
			if seen[m.MCID] {
				c.add(Problem{Code: CodeMCIDTwice, Page: p.Number, Obj: p.Obj, Message: fmt.Sprintf("MCID %d is used twice", m.MCID)})
				continue
			}
			seen[m.MCID] = true
			if !p.HasStructParents {
				if !noParents {
					c.add(Problem{Code: CodeNoStructParents, Page: p.Number, Obj: p.Obj, Message: "the page has marked content with MCIDs but no /StructParents"})
				}
				noParents = true
				continue
			}
			pe, ok := d.ParentTree[p.StructParents]
			var e *Element
			if ok && pe.Array && m.MCID < len(pe.Elems) {
				e = pe.Elems[m.MCID]
			}
			if e == nil {
				c.add(Problem{Code: CodeMCIDNotInTree, Page: p.Number, Obj: p.Obj, Message: fmt.Sprintf("MCID %d (%s %q): the ParentTree's entry %d has no element for it", m.MCID, m.Tag, short(m.Text), p.StructParents)})
				continue
			}
			if !e.hasMCID(p.Number, m.MCID) {
				c.add(Problem{Code: CodeMCIDNotInTree, Page: p.Number, Obj: e.Obj, Path: e.Path, Message: fmt.Sprintf("MCID %d (%q): the ParentTree leads to this element, which does not list it for page %d", m.MCID, short(m.Text), p.Number)})
			}
		}
	}
	// Every MCID of the tree is in its page's content.
	have := map[mcidKey]bool{}
	for _, p := range d.Pages {
		for _, m := range p.Marked {
			if m.MCID >= 0 && !m.Artifact {
				have[mcidKey{p.Number, m.MCID}] = true
			}
		}
	}
	for _, e := range d.Elements {
		for _, k := range e.Kids {
			if k.Kind == KidMCID && !have[mcidKey{k.Page, k.MCID}] {
				c.elem(CodeMCIDMissing, e, "MCID %d on page %d is not in the page's content", k.MCID, k.Page)
			}
		}
	}
}

func (e *Element) hasMCID(page, mcid int) bool {
	for _, k := range e.Kids {
		if k.Kind == KidMCID && k.MCID == mcid && k.Page == page {
			return true
		}
	}
	return false
}

func short(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func (c *checker) tree() {
	d := c.doc
	level := 0
	ids := map[string]*Element{}
	for _, e := range d.Elements {
		if !standard[e.Role] {
			c.elem(CodeUnknownRole, e, "/S /%s is no standard structure type, nor mapped to one", e.Type)
		}
		parent := ""
		if e.Parent != nil {
			parent = e.Parent.Role
		}
		switch e.Role {
		case "H1", "H2", "H3", "H4", "H5", "H6":
			l := int(e.Role[1] - '0')
			if level == 0 && l != 1 {
				c.elem(CodeFirstHeading, e, "the first heading is %s, not H1", e.Role)
			} else if level > 0 && l > level+1 {
				c.elem(CodeHeadingSkip, e, "%s follows H%d", e.Role, level)
			}
			level = l
		case "Table":
			c.table(e)
		case "TR":
			if !in(parent, "Table", "THead", "TBody", "TFoot") {
				c.elem(CodeMisplaced, e, "TR in %s", orRoot(parent))
			}
			c.kidRoles(e, CodeTRKid, "TH", "TD")
		case "THead", "TBody", "TFoot":
			if parent != "Table" {
				c.elem(CodeMisplaced, e, "%s in %s", e.Role, orRoot(parent))
			}
			c.kidRoles(e, CodeTableKid, "TR")
		case "TH", "TD":
			if parent != "TR" {
				c.elem(CodeMisplaced, e, "%s in %s", e.Role, orRoot(parent))
			}
			if e.Role == "TH" && !e.hasScope() {
				c.elem(CodeTHNoScope, e, "TH without /Scope /Row, /Column or /Both in an attribute dictionary with /O /Table")
			}
		case "L":
			c.kidRoles(e, CodeListKid, "LI", "Caption", "L")
		case "LI":
			if parent != "L" {
				c.elem(CodeMisplaced, e, "LI in %s", orRoot(parent))
			}
			c.kidRoles(e, CodeLIKid, "Lbl", "LBody")
		case "Lbl", "LBody":
			if parent != "LI" {
				c.elem(CodeMisplaced, e, "%s in %s", e.Role, orRoot(parent))
			}
		case "Figure":
			if strings.TrimSpace(e.Alt) == "" {
				c.elem(CodeFigureNoAlt, e, "Figure without /Alt text")
			}
		case "Note":
			if e.ID == "" {
				c.elem(CodeNoteNoID, e, "Note without /ID")
			}
		case "TOC":
			c.kidRoles(e, CodeTOCKid, "TOCI", "TOC")
		case "TOCI":
			if parent != "TOC" {
				c.elem(CodeMisplaced, e, "TOCI in %s", orRoot(parent))
			}
		}
		if e.ID != "" {
			if first, dup := ids[e.ID]; dup {
				c.elem(CodeIDTwice, e, "/ID %q is also the ID of %s", e.ID, first.Path)
			} else {
				ids[e.ID] = e
			}
		}
	}
}

func orRoot(role string) string {
	if role == "" {
		return "the StructTreeRoot"
	}
	return role
}

func in(s string, set ...string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

// kidRoles reports kids of e whose role is not one of allowed, and marked
// content directly in e.
func (c *checker) kidRoles(e *Element, code string, allowed ...string) {
	for _, k := range e.Kids {
		switch {
		case k.Kind == KidElem && !in(k.Elem.Role, allowed...):
			c.elem(code, k.Elem, "%s in %s (allowed: %s)", k.Elem.Role, e.Role, strings.Join(allowed, ", "))
		case k.Kind == KidMCID:
			c.elem(code, e, "marked content (MCID %d) directly in %s", k.MCID, e.Role)
		}
	}
}

func (e *Element) hasScope() bool {
	for _, a := range e.Attrs {
		if a.Owner == "Table" && scopeSet[a.Scope] {
			return true
		}
	}
	return false
}

// span returns a cell's /ColSpan and /RowSpan, 1 when absent.
func (e *Element) span() (cols, rows int) {
	cols, rows = 1, 1
	for _, a := range e.Attrs {
		if a.Owner != "Table" {
			continue
		}
		if n, ok := asInt(a.Dict["ColSpan"]); ok && n > 0 {
			cols = n
		}
		if n, ok := asInt(a.Dict["RowSpan"]); ok && n > 0 {
			rows = n
		}
	}
	return cols, rows
}

// rows returns a table's rows, through THead, TBody and TFoot.
func (e *Element) rows() []*Element {
	var out []*Element
	for _, k := range e.Kids {
		if k.Kind != KidElem {
			continue
		}
		switch k.Elem.Role {
		case "TR":
			out = append(out, k.Elem)
		case "THead", "TBody", "TFoot":
			for _, k2 := range k.Elem.Kids {
				if k2.Kind == KidElem && k2.Elem.Role == "TR" {
					out = append(out, k2.Elem)
				}
			}
		}
	}
	return out
}

func (c *checker) table(e *Element) {
	c.kidRoles(e, CodeTableKid, "THead", "TBody", "TFoot", "TR", "Caption")
	th, width, spans := 0, -1, false
	for _, row := range e.rows() {
		n := 0
		for _, k := range row.Kids {
			if k.Kind != KidElem || k.Elem.Role != "TH" && k.Elem.Role != "TD" {
				continue
			}
			if k.Elem.Role == "TH" {
				th++
			}
			cols, rows := k.Elem.span()
			n += cols
			spans = spans || rows > 1
		}
		if width < 0 {
			width = n
		} else if n != width && !spans {
			c.elem(CodeTableRagged, row, "%d cells where the table's first row has %d", n, width)
		}
	}
	if th == 0 {
		c.elem(CodeTableNoTH, e, "table without header cells (TH)")
	}
}

func (c *checker) annots() {
	d := c.doc
	for _, p := range d.Pages {
		if len(p.Annots) > 0 && p.Tabs != "S" {
			c.add(Problem{Code: CodeTabs, Page: p.Number, Obj: p.Obj, Message: fmt.Sprintf("a page with annotations has /Tabs %q, not /S", p.Tabs)})
		}
		for _, a := range p.Annots {
			if a.Subtype == "Popup" {
				continue
			}
			if a.F&4 == 0 {
				c.add(Problem{Code: CodeAnnotNoPrint, Page: p.Number, Obj: a.Obj, Message: fmt.Sprintf("%s annotation without the Print flag (/F %d)", a.Subtype, a.F)})
			}
			if a.Subtype != "Link" {
				continue
			}
			if !a.HasContents || strings.TrimSpace(a.Contents) == "" {
				c.add(Problem{Code: CodeLinkNoContents, Page: p.Number, Obj: a.Obj, Message: "link annotation without /Contents"})
			}
			if !a.HasStructParent {
				c.add(Problem{Code: CodeLinkNoParent, Page: p.Number, Obj: a.Obj, Message: "link annotation without /StructParent"})
				continue
			}
			pe, ok := d.ParentTree[a.StructParent]
			if !ok || pe.Array || pe.Elem == nil {
				c.add(Problem{Code: CodeLinkNotInTree, Page: p.Number, Obj: a.Obj, Message: fmt.Sprintf("the ParentTree has no element for /StructParent %d", a.StructParent)})
				continue
			}
			e := pe.Elem
			if e.Role != "Link" {
				c.add(Problem{Code: CodeLinkNotInTree, Page: p.Number, Obj: a.Obj, Path: e.Path, Message: fmt.Sprintf("the ParentTree leads the link annotation to a %s, not a Link", e.Role)})
				continue
			}
			found := false
			for _, k := range e.Kids {
				found = found || k.Kind == KidOBJR && k.Obj == a.Obj && a.Obj > 0
			}
			if !found {
				c.add(Problem{Code: CodeLinkNoOBJR, Page: p.Number, Obj: a.Obj, Path: e.Path, Message: fmt.Sprintf("the Link element has no OBJR to annotation %d", a.Obj)})
			}
		}
	}
}

func (c *checker) fonts() {
	for _, f := range c.doc.Fonts {
		if f.Used == 0 {
			continue
		}
		name := f.BaseFont
		if name == "" {
			name = "(no /BaseFont)"
		}
		if !f.Embedded {
			c.add(Problem{Code: CodeFontNotEmbedded, Obj: f.Obj, Message: fmt.Sprintf("font %s (%s) is not embedded", name, f.Subtype)})
		}
		if !f.ToUnicode {
			c.add(Problem{Code: CodeFontNoToUnicode, Obj: f.Obj, Message: fmt.Sprintf("font %s has no /ToUnicode map", name)})
		} else if len(f.Unmapped) > 0 {
			var codes []string
			for i, u := range f.Unmapped {
				if i == 8 {
					codes = append(codes, "…")
					break
				}
				codes = append(codes, fmt.Sprintf("%#x", u))
			}
			c.add(Problem{Code: CodeFontUnmapped, Obj: f.Obj, Message: fmt.Sprintf("font %s: %d of %d codes used have no text in /ToUnicode: %s", name, len(f.Unmapped), f.Used, strings.Join(codes, " "))})
		}
	}
}

// The problem codes CheckPDFA reports.
const (
	CodeNoOutputIntent = "no-output-intent" // no GTS_PDFA1 output intent with a profile
	CodeXMPNoPDFA      = "xmp-no-pdfa"      // XMP without pdfaid:part 2 and conformance A
)

var (
	pdfaPartRE = regexp.MustCompile(`pdfaid:part\s*=\s*["']\s*2\s*["']|<pdfaid:part>\s*2\s*</pdfaid:part>`)
	pdfaConfRE = regexp.MustCompile(`pdfaid:conformance\s*=\s*["']\s*A\s*["']|<pdfaid:conformance>\s*A\s*</pdfaid:conformance>`)
)

// CheckPDFA lists what doc lacks of the PDF/A-2a identification: an
// output intent /S /GTS_PDFA1 with a /DestOutputProfile, and XMP with
// pdfaid:part 2 and pdfaid:conformance A. The rest of PDF/A is not
// checked here (see doc/pdf.md).
func CheckPDFA(doc *Doc) []Problem {
	var out []Problem
	found := false
	for _, oi := range doc.OutputIntents {
		found = found || oi.Subtype == "GTS_PDFA1" && oi.Profile
	}
	if !found {
		out = append(out, Problem{Code: CodeNoOutputIntent, Message: "no /OutputIntents entry /S /GTS_PDFA1 with a /DestOutputProfile"})
	}
	if !pdfaPartRE.Match(doc.XMP) || !pdfaConfRE.Match(doc.XMP) {
		out = append(out, Problem{Code: CodeXMPNoPDFA, Message: "the XMP metadata has no pdfaid:part 2 with pdfaid:conformance A"})
	}
	return out
}
