package pdf

import (
	"strconv"
)

// Tagging: every PDF koers makes is a tagged PDF (PDF/UA-1). While the
// writer draws, it builds the structure tree in memory: elements (a
// section, a heading, a table cell) with, as their content, marked-content
// sequences on the pages (identified per page by an MCID) and link
// annotations. Everything else it draws, the running header and footer,
// table rules and decorations, is marked as an artifact. When fpdf has
// written the file, finish (file.go) adds the tree, the parent tree and
// the annotations as objects.
//
// Marked-content sequences never nest: a sequence is open for at most one
// element at a time (w.open). A paragraph that fpdf breaks over two pages
// is closed at the bottom of the first (the page-break hook) and opened
// again, with an MCID of the new page, under the next page's header.

// elem is one element of the structure tree.
type elem struct {
	role   string // a standard structure type: Document, Sect, H1, P, TD, ...
	parent *elem
	kids   []kid
	alt    string // Figure: the text alternative
	id     string // Note: its unique ID
	attrs  string // an attribute dictionary, as written: "<</O /Table /Scope /Column>>"
	num    int    // the object number, once written
}

// kid is one piece of an element's content: an element, a marked-content
// sequence (page and MCID) or a link annotation.
type kid struct {
	elem  *elem
	page  int // 1-based; for mcid and annot
	mcid  int
	annot *annot
}

// annot is a link annotation: a rectangle on a page (millimetres from the
// top left) that leads to a place in the document, known by the time the
// file is written.
type annot struct {
	page       int
	x, y, w, h float64
	to         *place
	contents   string // what the link says it does, for assistive technology
	elem       *elem  // the Link element that holds it
	key        int    // its key in the parent tree
}

// place is a point in the document: a page and a height on it.
type place struct {
	page int
	y    float64
}

// tagger is the writer's structure-tree state.
type tagger struct {
	root  *elem // the Document element
	cur   *elem // where new elements go
	open  *elem // the element whose marked content is open, or nil
	art   bool  // an artifact sequence is open
	mcids []int // the next MCID per page (index page-1)
	links []*annot
	ids   int // Note IDs handed out
}

// push adds an element of role under the current one and makes it current.
func (w *writer) push(role string) *elem {
	e := &elem{role: role, parent: w.tag.cur}
	w.tag.cur.kids = append(w.tag.cur.kids, kid{elem: e})
	w.tag.cur = e
	return e
}

// pop makes the current element's parent current again.
func (w *writer) pop() { w.tag.cur = w.tag.cur.parent }

// leaf adds an element of role and draws its content into it.
func (w *writer) leaf(role string, draw func()) *elem {
	e := w.push(role)
	w.mark(draw)
	w.pop()
	return e
}

// mark draws content of the current element in a marked-content sequence.
func (w *writer) mark(draw func()) {
	if w.tag.open != nil || w.tag.art {
		panic("pdf: marked content opened inside marked content")
	}
	w.tag.open = w.tag.cur
	w.begin()
	draw()
	w.end()
	w.tag.open = nil
}

// begin opens the marked-content sequence of the open element on the
// current page.
func (w *writer) begin() {
	page := w.f.PageNo()
	for len(w.tag.mcids) < page {
		w.tag.mcids = append(w.tag.mcids, 0)
	}
	id := w.tag.mcids[page-1]
	w.tag.mcids[page-1]++
	e := w.tag.open
	e.kids = append(e.kids, kid{page: page, mcid: id})
	w.f.RawWriteStr("/" + e.role + " <</MCID " + strconv.Itoa(id) + ">> BDC")
}

func (w *writer) end() { w.f.RawWriteStr("EMC") }

// Artifact kinds: what the content is, for a reader that skips it.
const (
	layoutArtifact = "<</Type /Layout>>"
	headerArtifact = "<</Type /Pagination /Subtype /Header>>"
	footerArtifact = "<</Type /Pagination /Subtype /Footer>>"
	// A table's header row repeated on the page it continues on.
	repeatArtifact = "<</Type /Pagination>>"
)

// artifact draws content that is no part of the document's text: rules,
// fills, the running header and footer. Inside an element's marked
// content, it closes that sequence first and opens a new one after.
func (w *writer) artifact(kind string, draw func()) {
	if w.tag.art {
		draw()
		return
	}
	open := w.tag.open
	if open != nil {
		w.end()
		w.tag.open = nil
	}
	w.tag.art = true
	w.f.RawWriteStr("/Artifact " + kind + " BDC")
	draw()
	w.f.RawWriteStr("EMC")
	w.tag.art = false
	if open != nil {
		w.tag.open = open
		w.begin()
	}
}

// pageEnd is fpdf's hook before it leaves a page for a new one: an open
// sequence ends on this page (and continues on the next, pageStart).
func (w *writer) pageEnd() {
	if w.tag.open != nil {
		w.end()
	}
	if w.tag.art {
		w.f.RawWriteStr("EMC")
	}
}

// pageStart is fpdf's hook on a new page: the running header, then the
// sequence the page break interrupted, if any.
func (w *writer) pageStart() {
	open, art := w.tag.open, w.tag.art
	w.tag.open, w.tag.art = nil, false
	w.header()
	if art {
		// Only an artifact the writer draws itself, such as a repeated
		// table header, can be open: it goes on.
		w.tag.art = true
		w.f.RawWriteStr("/Artifact " + layoutArtifact + " BDC")
	}
	if open != nil {
		w.tag.open = open
		w.begin()
	}
}

// link makes the rectangle at x, y (width wd, height ht, on the current
// page) a link to place to, as part of the current element.
func (w *writer) link(x, y, wd, ht float64, to *place, contents string) {
	a := &annot{page: w.f.PageNo(), x: x, y: y, w: wd, h: ht, to: to, contents: contents, elem: w.tag.cur}
	w.tag.links = append(w.tag.links, a)
	w.tag.cur.kids = append(w.tag.cur.kids, kid{page: a.page, annot: a})
}

// here is the current position as a link target.
func (w *writer) here() *place { return &place{page: w.f.PageNo(), y: w.f.GetY()} }

// noteID hands out the next unique ID for a Note element.
func (w *writer) noteID() string {
	w.tag.ids++
	return "voetnoot-" + strconv.Itoa(w.tag.ids)
}

// headingRole is the role of a heading of level (1 to 6).
func headingRole(level int) string { return "H" + strconv.Itoa(min(max(level, 1), 6)) }

// thAttrs are the attributes of a header cell for scope (Column or Row).
func thAttrs(scope string) string { return "<</O /Table /Scope /" + scope + ">>" }

// figure draws a picture as a Figure element with its text alternative
// and its box on the page (x, y from the top left, in millimetres).
func (w *writer) figure(alt string, x, y, wd, ht float64, draw func()) {
	const k = 72 / 25.4 // points per millimetre
	e := w.push("Figure")
	e.alt = alt
	e.attrs = "<</O /Layout /Placement /Block /BBox [" + pt(x*k) + " " + pt((pageH-y-ht)*k) + " " + pt((x+wd)*k) + " " + pt((pageH-y)*k) + "]>>"
	w.mark(draw)
	w.pop()
}

func pt(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
