package pdfcheck

import (
	"fmt"
	"strings"
)

// Doc is what Read found in a PDF.
type Doc struct {
	Version string // the header's, or the catalog's /Version when later

	// The catalog.
	Lang            string
	HasLang         bool
	Marked          bool // /MarkInfo /Marked true
	Suspects        bool // /MarkInfo /Suspects true
	DisplayDocTitle bool // /ViewerPreferences /DisplayDocTitle true
	InfoTitle       string
	XMP             []byte // the catalog's /Metadata stream, decoded
	OutputIntents   []OutputIntent
	Outline         []OutlineItem

	Pages []*Page

	// The structure tree: Tree is false without a /StructTreeRoot. Root's
	// Kids are the root's /K; Root itself is no element of the file.
	Tree       bool
	Root       *Element
	RoleMap    map[string]string
	ParentTree map[int]ParentEntry
	// Elements are all structure elements in tree order.
	Elements []*Element
	// Fonts are the fonts the pages use, in the order first used.
	Fonts []*Font

	// Warnings are what the reader got past: an object that would not
	// parse, a broken cross-reference, a loop in the tree.
	Warnings []string

	mcids map[mcidKey]string // the text of each MCID, for ElementText
}

// OutputIntent is an entry of the catalog's /OutputIntents.
type OutputIntent struct {
	Subtype    string // GTS_PDFA1 for PDF/A
	Identifier string // /OutputConditionIdentifier
	Profile    bool   // has a /DestOutputProfile stream
}

// OutlineItem is an outline (bookmark) entry.
type OutlineItem struct {
	Title string
	Level int // 1 for the top level
	Page  int // 1-based; 0 when its destination is not a page of the file
}

// ParentEntry is a value of the ParentTree: for a page's /StructParents,
// the element of each MCID (Elems, nil where the array holds null); for an
// annotation's /StructParent, one element.
type ParentEntry struct {
	Array bool
	Elems []*Element
	Elem  *Element
}

// Element is a structure element.
type Element struct {
	Obj        int    // object number; 0 for a direct dictionary
	Type       string // /S as written
	Role       string // /S through the RoleMap, a standard type where the map leads to one
	Alt        string
	HasAlt     bool
	ActualText string
	ID         string
	Lang       string
	Title      string
	Attrs      []Attr
	Page       int // its /Pg, 1-based; 0 when absent
	Kids       []Kid
	Parent     *Element // nil for the root's kids
	Path       string   // as "Document/Sect[3]/Table[1]/TR[2]": role and 1-based index among siblings of that role
}

// Attr is an attribute dictionary of /A.
type Attr struct {
	Owner string // /O
	Scope string // /Scope (Table owner)
	BBox  []float64
	Dict  Dict
}

// KidKind says what a structure element's kid is.
type KidKind int

const (
	KidElem KidKind = iota // a structure element
	KidMCID                // marked content: an MCID on a page
	KidOBJR                // an object reference (an annotation)
)

// Kid is one entry of an element's /K.
type Kid struct {
	Kind KidKind
	Elem *Element
	MCID int
	Page int // for KidMCID and KidOBJR: 1-based, 0 when unknown
	Obj  int // for KidOBJR: the object's number
}

// Page is one page.
type Page struct {
	Number           int // 1-based
	Obj              int
	StructParents    int
	HasStructParents bool
	Tabs             string
	Annots           []*Annot
	// Marked are the page's marked-content sequences in content order,
	// nested ones after their parent.
	Marked []*Marked
	// Untagged is what paints outside any marked content with an MCID
	// or Artifact.
	Untagged []Untagged
	Fonts    []*Font
	// ContentError is the first error reading the page's content.
	ContentError string
}

// Marked is a marked-content sequence (BMC or BDC to EMC).
type Marked struct {
	Tag      string
	MCID     int // -1 without
	Artifact bool
	Type     string // an artifact's /Type: Pagination, Layout, Page, Background
	Subtype  string // an artifact's /Subtype: Header, Footer, Watermark
	Props    Dict
	Depth    int // 0 for the outermost
	Parent   int // index in Page.Marked of the enclosing sequence; -1 for none
	// Text is the decoded text drawn in this sequence (not in a nested
	// sequence with an MCID or Artifact of its own), a space where a new
	// line starts or a TJ moves on by a word space.
	Text   string
	Paints bool // a painting operator ran in it
	Offset int  // of the BMC or BDC in the page's content
}

// Untagged is painting outside marked content.
type Untagged struct {
	Op     string
	Offset int
	Text   string
}

// Annot is an annotation.
type Annot struct {
	Obj             int
	Subtype         string
	StructParent    int
	HasStructParent bool
	Contents        string
	HasContents     bool
	F               int
	Rect            []float64
	URI             string
	DestPage        int // 1-based page of a /Dest or GoTo action; 0 if none
}

// ArtifactText returns the text of the page's artifacts, one string per
// sequence with text.
func (p *Page) ArtifactText() []string {
	var out []string
	for _, m := range p.Marked {
		if m.Artifact && strings.TrimSpace(m.Text) != "" {
			out = append(out, strings.TrimSpace(m.Text))
		}
	}
	return out
}

// MCIDText returns the text of marked content mcid on the page.
func (p *Page) MCIDText(mcid int) (string, bool) {
	for _, m := range p.Marked {
		if m.MCID == mcid && !m.Artifact {
			return m.Text, true
		}
	}
	return "", false
}

// reader holds what Read needs while it walks the file.
type reader struct {
	f        *file
	doc      *Doc
	pageNum  map[int]int // object number to 1-based page number
	elems    map[int]*Element
	fonts    map[int]*Font
	seen     map[int]bool
	pageRes  map[*Page]Object
	pageDict map[*Page]Dict
}

// Read parses a PDF. It fails only when there is no catalog to start from;
// what it gets past on the way is in Doc.Warnings.
func Read(data []byte) (doc *Doc, err error) {
	f, err := open(data)
	if err != nil {
		return nil, err
	}
	r := &reader{f: f, doc: &Doc{Version: f.version}, pageNum: map[int]int{}, elems: map[int]*Element{}, fonts: map[int]*Font{}, seen: map[int]bool{}, pageRes: map[*Page]Object{}, pageDict: map[*Page]Dict{}}
	cat := f.dict(f.trailer["Root"])
	if cat == nil {
		return nil, fmt.Errorf("the trailer's /Root %s is no dictionary", show(f.trailer["Root"]))
	}
	d := r.doc
	if v := asName(f.resolve(cat["Version"])); v > Name(d.Version) {
		d.Version = string(v)
	}
	if s, ok := f.resolve(cat["Lang"]).(String); ok {
		d.Lang, d.HasLang = s.Text(), true
	}
	mi := f.dict(cat["MarkInfo"])
	d.Marked = f.resolve(mi["Marked"]) == true
	d.Suspects = f.resolve(mi["Suspects"]) == true
	d.DisplayDocTitle = f.resolve(f.dict(cat["ViewerPreferences"])["DisplayDocTitle"]) == true
	if s, ok := f.resolve(f.dict(f.trailer["Info"])["Title"]).(String); ok {
		d.InfoTitle = s.Text()
	}
	if s, ok := f.resolve(cat["Metadata"]).(*Stream); ok {
		if b, err := f.decode(s); err == nil {
			d.XMP = b
		} else {
			f.warn("metadata: %v", err)
		}
	}
	for _, o := range f.array(cat["OutputIntents"]) {
		oi := f.dict(o)
		id, _ := f.resolve(oi["OutputConditionIdentifier"]).(String)
		_, prof := f.resolve(oi["DestOutputProfile"]).(*Stream)
		d.OutputIntents = append(d.OutputIntents, OutputIntent{Subtype: string(asName(f.resolve(oi["S"]))), Identifier: id.Text(), Profile: prof})
	}

	r.pages(cat["Pages"], nil, 0)
	for _, p := range d.Pages {
		r.annots(p)
	}
	r.structTree(cat["StructTreeRoot"])
	r.outline(cat["Outlines"])
	for _, p := range d.Pages {
		r.content(p)
	}
	for _, ft := range d.Fonts {
		ft.finish()
	}
	d.Warnings = f.warnings
	d.mcidIndex()
	return d, nil
}

// pages walks the page tree, passing inherited /Resources down.
func (r *reader) pages(o Object, inherited Object, depth int) {
	f := r.f
	ref, isRef := o.(Ref)
	if isRef {
		if r.seen[ref.Num] {
			f.warn("page tree: object %d twice", ref.Num)
			return
		}
		r.seen[ref.Num] = true
	}
	if depth > 32 || len(r.doc.Pages) > 100000 {
		f.warn("page tree too deep or too large")
		return
	}
	d := f.dict(o)
	if d == nil {
		f.warn("page tree: %s is no dictionary", show(o))
		return
	}
	if res, ok := d["Resources"]; ok {
		inherited = res
	}
	if asName(f.resolve(d["Type"])) == "Pages" || d["Kids"] != nil && asName(f.resolve(d["Type"])) != "Page" {
		for _, k := range f.array(d["Kids"]) {
			r.pages(k, inherited, depth+1)
		}
		return
	}
	p := &Page{Number: len(r.doc.Pages) + 1, Obj: ref.Num}
	r.pageRes[p] = inherited
	if sp, ok := asInt(f.resolve(d["StructParents"])); ok {
		p.StructParents, p.HasStructParents = sp, true
	}
	p.Tabs = string(asName(f.resolve(d["Tabs"])))
	if isRef {
		r.pageNum[ref.Num] = p.Number
	}
	r.doc.Pages = append(r.doc.Pages, p)
	r.pageDict[p] = d
}
