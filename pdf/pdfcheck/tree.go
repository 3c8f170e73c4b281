package pdfcheck

import (
	"fmt"
	"strconv"
)

// standard are the standard structure types of PDF 1.7 (ISO 32000-1,
// 14.8.4), which a RoleMap must lead to.
var standard = map[string]bool{}

func init() {
	for _, s := range []string{
		"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
		"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
		"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
		"Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
		"Figure", "Formula", "Form",
	} {
		standard[s] = true
	}
}

// maxElements bounds the structure tree.
const maxElements = 1 << 18

func (r *reader) structTree(o Object) {
	f := r.f
	root := f.dict(o)
	if root == nil {
		return
	}
	d := r.doc
	d.Tree = true
	d.RoleMap = map[string]string{}
	for k, v := range f.dict(root["RoleMap"]) {
		d.RoleMap[string(k)] = string(asName(f.resolve(v)))
	}
	d.Root = &Element{Type: "StructTreeRoot", Role: "StructTreeRoot"}
	if r2, ok := o.(Ref); ok {
		d.Root.Obj = r2.Num
		r.seen[-r2.Num-1] = true
	}
	r.kids(d.Root, root["K"], 0)
	fixPaths(d.Root)
	d.ParentTree = map[int]ParentEntry{}
	nums := map[int]Object{}
	r.numberTree(root["ParentTree"], nums, map[int]bool{}, 0)
	for k, v := range nums {
		v2 := f.resolve(v)
		if a, ok := v2.(Array); ok {
			e := ParentEntry{Array: true, Elems: make([]*Element, len(a))}
			for i, x := range a {
				e.Elems[i] = r.elemOf(x)
			}
			d.ParentTree[k] = e
		} else {
			d.ParentTree[k] = ParentEntry{Elem: r.elemOf(v)}
		}
	}
}

// elemOf finds the element a ParentTree value refers to.
func (r *reader) elemOf(o Object) *Element {
	if ref, ok := o.(Ref); ok {
		return r.elems[ref.Num]
	}
	return nil
}

// role follows the RoleMap to a standard type, at most a few steps.
func (r *reader) role(t string) string {
	for i := 0; i < 8 && !standard[t]; i++ {
		next, ok := r.doc.RoleMap[t]
		if !ok || next == "" {
			break
		}
		t = next
	}
	return t
}

// kids reads /K of parent: an element, an MCID, an MCR or OBJR dictionary,
// or an array of those.
func (r *reader) kids(parent *Element, k Object, depth int) {
	f := r.f
	if depth > 256 {
		f.warn("structure tree deeper than 256 at %s", parent.Path)
		return
	}
	var list Array
	switch v := k.(type) {
	case Array:
		list = v
	case Ref:
		if a, ok := f.resolve(v).(Array); ok {
			list = a
		} else {
			list = Array{v}
		}
	case nil:
		return
	default:
		list = Array{v}
	}
	counts := map[string]int{}
	for _, item := range list {
		if len(r.doc.Elements) >= maxElements {
			f.warn("more than %d structure elements", maxElements)
			return
		}
		ref, isRef := item.(Ref)
		val := f.resolve(item)
		if n, ok := asInt(val); ok {
			parent.Kids = append(parent.Kids, Kid{Kind: KidMCID, MCID: n, Page: parent.Page})
			continue
		}
		dict, ok := val.(Dict)
		if !ok {
			f.warn("%s: kid %s is neither an element nor marked content", parent.Path, show(item))
			continue
		}
		switch asName(f.resolve(dict["Type"])) {
		case "MCR":
			mcid, ok := asInt(f.resolve(dict["MCID"]))
			if !ok {
				f.warn("%s: MCR without MCID", parent.Path)
				continue
			}
			pg := parent.Page
			if p, ok := dict["Pg"].(Ref); ok {
				pg = r.pageNum[p.Num]
			}
			if _, stm := dict["Stm"]; stm {
				f.warn("%s: MCID %d in a form XObject (/Stm) is not followed", parent.Path, mcid)
			}
			parent.Kids = append(parent.Kids, Kid{Kind: KidMCID, MCID: mcid, Page: pg})
			continue
		case "OBJR":
			obj, _ := dict["Obj"].(Ref)
			pg := parent.Page
			if p, ok := dict["Pg"].(Ref); ok {
				pg = r.pageNum[p.Num]
			}
			parent.Kids = append(parent.Kids, Kid{Kind: KidOBJR, Obj: obj.Num, Page: pg})
			continue
		}
		if isRef {
			if r.seen[ref.Num] {
				f.warn("%s: element %d appears twice in the tree", parent.Path, ref.Num)
				continue
			}
			r.seen[ref.Num] = true
		}
		e := r.element(dict)
		if isRef {
			e.Obj = ref.Num
			r.elems[ref.Num] = e
		}
		if parent != r.doc.Root {
			e.Parent = parent
		}
		counts[e.Role]++
		e.Path = e.Role + "[" + strconv.Itoa(counts[e.Role]) + "]"
		if parent != r.doc.Root {
			e.Path = parent.Path + "/" + e.Path
		}
		if e.Page == 0 {
			e.Page = parent.Page
		}
		parent.Kids = append(parent.Kids, Kid{Kind: KidElem, Elem: e})
		r.doc.Elements = append(r.doc.Elements, e)
		r.kids(e, dict["K"], depth+1)
	}
}

func (r *reader) element(d Dict) *Element {
	f := r.f
	e := &Element{Type: string(asName(f.resolve(d["S"])))}
	e.Role = r.role(e.Type)
	if s, ok := f.resolve(d["Alt"]).(String); ok {
		e.Alt, e.HasAlt = s.Text(), true
	}
	text := func(k Name) string {
		s, _ := f.resolve(d[k]).(String)
		return s.Text()
	}
	e.ActualText, e.ID, e.Lang, e.Title = text("ActualText"), text("ID"), text("Lang"), text("T")
	if p, ok := d["Pg"].(Ref); ok {
		e.Page = r.pageNum[p.Num]
	}
	var attrs Array
	switch a := f.resolve(d["A"]).(type) {
	case Dict:
		attrs = Array{a}
	case Array:
		attrs = a
	}
	for _, a := range attrs {
		ad := f.dict(a)
		if ad == nil {
			continue // a revision number
		}
		at := Attr{Owner: string(asName(f.resolve(ad["O"]))), Scope: string(asName(f.resolve(ad["Scope"]))), Dict: ad}
		for _, v := range f.array(ad["BBox"]) {
			x, _ := asFloat(f.resolve(v))
			at.BBox = append(at.BBox, x)
		}
		e.Attrs = append(e.Attrs, at)
	}
	return e
}

// fixPaths sets every path: each step with its 1-based index among the
// siblings of its role, but for a single top-level element ("Document").
func fixPaths(root *Element) {
	var walk func(e *Element, prefix string, depth int)
	walk = func(e *Element, prefix string, depth int) {
		if depth > 256 {
			return
		}
		counts := map[string]int{}
		for _, k := range e.Kids {
			if k.Kind == KidElem {
				counts[k.Elem.Role]++
			}
		}
		seen := map[string]int{}
		for _, k := range e.Kids {
			if k.Kind != KidElem {
				continue
			}
			seen[k.Elem.Role]++
			p := k.Elem.Role
			if prefix != "" || counts[k.Elem.Role] > 1 {
				p += "[" + strconv.Itoa(seen[k.Elem.Role]) + "]"
			}
			if prefix != "" {
				p = prefix + "/" + p
			}
			k.Elem.Path = p
			walk(k.Elem, p, depth+1)
		}
	}
	walk(root, "", 0)
}

// numberTree collects a number tree's /Nums, through /Kids.
func (r *reader) numberTree(o Object, out map[int]Object, seen map[int]bool, depth int) {
	f := r.f
	if ref, ok := o.(Ref); ok {
		if seen[ref.Num] {
			f.warn("number tree: node %d twice", ref.Num)
			return
		}
		seen[ref.Num] = true
	}
	if depth > 32 {
		f.warn("number tree deeper than 32")
		return
	}
	d := f.dict(o)
	nums := f.array(d["Nums"])
	for i := 0; i+1 < len(nums); i += 2 {
		k, ok := asInt(f.resolve(nums[i]))
		if !ok {
			f.warn("number tree: key %s", show(nums[i]))
			continue
		}
		if _, dup := out[k]; dup {
			f.warn("number tree: key %d twice", k)
		}
		out[k] = nums[i+1]
	}
	for _, kid := range f.array(d["Kids"]) {
		r.numberTree(kid, out, seen, depth+1)
	}
}

func (r *reader) outline(o Object) {
	f := r.f
	first := f.dict(o)["First"]
	seen := map[int]bool{}
	var walk func(o Object, level int)
	walk = func(o Object, level int) {
		for n := 0; o != nil && n < 100000 && level < 64; n++ {
			ref, ok := o.(Ref)
			if !ok || seen[ref.Num] {
				if ok {
					f.warn("outline: item %d twice", ref.Num)
				}
				return
			}
			seen[ref.Num] = true
			d := f.dict(o)
			if d == nil {
				return
			}
			t, _ := f.resolve(d["Title"]).(String)
			item := OutlineItem{Title: t.Text(), Level: level, Page: r.destPage(d["Dest"])}
			if item.Page == 0 {
				a := f.dict(d["A"])
				if asName(f.resolve(a["S"])) == "GoTo" {
					item.Page = r.destPage(a["D"])
				}
			}
			r.doc.Outline = append(r.doc.Outline, item)
			walk(d["First"], level+1)
			o = d["Next"]
		}
	}
	walk(first, 1)
}

// destPage returns the page of an explicit destination [page /XYZ ...].
func (r *reader) destPage(o Object) int {
	a := r.f.array(o)
	if len(a) == 0 {
		return 0
	}
	if ref, ok := a[0].(Ref); ok {
		return r.pageNum[ref.Num]
	}
	return 0
}

func (r *reader) annots(p *Page) {
	f := r.f
	for _, o := range f.array(r.pageDict[p]["Annots"]) {
		d := f.dict(o)
		if d == nil {
			continue
		}
		a := &Annot{Subtype: string(asName(f.resolve(d["Subtype"])))}
		if ref, ok := o.(Ref); ok {
			a.Obj = ref.Num
		}
		if sp, ok := asInt(f.resolve(d["StructParent"])); ok {
			a.StructParent, a.HasStructParent = sp, true
		}
		if s, ok := f.resolve(d["Contents"]).(String); ok {
			a.Contents, a.HasContents = s.Text(), true
		}
		a.F, _ = asInt(f.resolve(d["F"]))
		for _, v := range f.array(d["Rect"]) {
			x, _ := asFloat(f.resolve(v))
			a.Rect = append(a.Rect, x)
		}
		a.DestPage = r.destPage(d["Dest"])
		if act := f.dict(d["A"]); act != nil {
			switch asName(f.resolve(act["S"])) {
			case "URI":
				u, _ := f.resolve(act["URI"]).(String)
				a.URI = string(u)
			case "GoTo":
				a.DestPage = r.destPage(act["D"])
			}
		}
		p.Annots = append(p.Annots, a)
	}
}

// String describes an element for messages.
func (e *Element) String() string {
	if e.Obj > 0 {
		return fmt.Sprintf("%s (object %d)", e.Path, e.Obj)
	}
	return e.Path
}
