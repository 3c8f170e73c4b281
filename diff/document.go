package diff

import (
	"github.com/koers-nl/koers"
)

// Documents compares two versions of a document, each with its page tree
// and content (Children filled, as koers.DecodeDraft and a store's
// Document(id, true) give them). Either may be nil: nothing before (all
// added) or nothing after (all removed). The versions are not changed.
//
// Pages are matched by identity, not by place: a programme or
// sub-programme by kind and number, any page by its path, and what is left
// by slug and then by title. See doc/diffs.md.
func Documents(old, new *koers.Document) *Document {
	var oldTitle, newTitle string
	year := 0
	var oldPages, newPages []*koers.Page
	if old != nil {
		oldTitle, year, oldPages = old.Title, old.Year, old.Pages
	}
	if new != nil {
		newTitle, year, newPages = new.Title, new.Year, new.Pages
	}
	d := &Document{Title: Words(oldTitle, newTitle)}
	os, ns := flatten(oldPages), flatten(newPages)
	oldToNew := matchPages(os, ns)
	movedAt := movedPages(os, ns, oldToNew)
	for _, pr := range interleave(oldToNew, len(ns)) {
		var o, n *flat
		if pr.old >= 0 {
			o = &os[pr.old]
		}
		if pr.new >= 0 {
			n = &ns[pr.new]
		}
		p := comparePage(o, n, year)
		if o != nil && n != nil && movedAt[pr.old] {
			p.Moved = true
			p.Position = Position{o.pos, n.pos}
			if po, pn := parentTitle(os, o.parent), parentTitle(ns, n.parent); (o.parent < 0) != (n.parent < 0) || (o.parent >= 0 && oldToNew[o.parent] != n.parent) {
				p.Parent = &Move{po, pn}
			}
		}
		p.settle()
		d.Pages = append(d.Pages, p)
		switch p.Status {
		case Added:
			d.Summary.Added++
		case Removed:
			d.Summary.Removed++
		case Same:
			d.Summary.Same++
		default:
			d.Summary.Changed++
			if p.Moved {
				d.Summary.Moved++
			}
			if p.Renamed {
				d.Summary.Renamed++
			}
		}
	}
	return d
}

// flat is a page of a tree flattened in reading order.
type flat struct {
	page   *koers.Page
	parent int // index of the parent; -1 at the top
	depth  int
	pos    int    // among its siblings, from 1
	path   string // the page's Path, or made from the slugs when not set
}

func flatten(pages []*koers.Page) []flat {
	var out []flat
	var walk func(pages []*koers.Page, parent, depth int, prefix string)
	walk = func(pages []*koers.Page, parent, depth int, prefix string) {
		for i, p := range pages {
			path := p.Path
			if path == "" {
				path = prefix + p.Slug
			}
			out = append(out, flat{p, parent, depth, i + 1, path})
			walk(p.Children, len(out)-1, depth+1, path+"/")
		}
	}
	walk(pages, -1, 0, "")
	return out
}

func parentTitle(fs []flat, i int) string {
	if i < 0 {
		return ""
	}
	return fs[i].page.Title
}

// matchPages pairs the pages of two trees, pass by pass: programme and
// sub-programme numbers, paths, then slugs and titles among the pages
// still unmatched (of the same kind).
func matchPages(os, ns []flat) []int {
	oldToNew := make([]int, len(os))
	for i := range oldToNew {
		oldToNew[i] = -1
	}
	taken := make([]bool, len(ns))
	passFlat := func(key func(f flat) string) {
		at := map[string][]int{}
		for j, f := range ns {
			if k := key(f); k != "" && !taken[j] {
				at[k] = append(at[k], j)
			}
		}
		for i, f := range os {
			if oldToNew[i] >= 0 {
				continue
			}
			k := key(f)
			if js := at[k]; k != "" && len(js) > 0 {
				oldToNew[i], taken[js[0]] = js[0], true
				at[k] = js[1:]
			}
		}
	}
	pass := func(key func(p *koers.Page) string) { passFlat(func(f flat) string { return key(f.page) }) }
	pass(func(p *koers.Page) string {
		if p.Number != "" && (p.Kind == koers.Programme || p.Kind == koers.SubProgramme) {
			return string(p.Kind) + "\x00" + p.Number
		}
		return ""
	})
	passFlat(func(f flat) string { return f.path })
	pass(func(p *koers.Page) string { return string(p.Kind) + "\x00" + p.Slug })
	pass(func(p *koers.Page) string { return string(p.Kind) + "\x00" + p.Title })
	return oldToNew
}

// movedPages says which matched pages moved: to another parent, or out of
// order among the siblings that stayed with their parent.
func movedPages(os, ns []flat, oldToNew []int) map[int]bool {
	out := map[int]bool{}
	sameParent := func(i int) bool {
		po, pn := os[i].parent, ns[oldToNew[i]].parent
		if po < 0 || pn < 0 {
			return po == pn
		}
		return oldToNew[po] == pn
	}
	// Group the old pages that kept their parent by that parent, in old
	// order, and find those out of order within each group.
	groups := map[int][]int{}
	var order []int
	for i, j := range oldToNew {
		if j < 0 {
			continue
		}
		if !sameParent(i) {
			out[i] = true
			continue
		}
		p := os[i].parent
		if _, ok := groups[p]; !ok {
			order = append(order, p)
		}
		groups[p] = append(groups[p], i)
	}
	for _, p := range order {
		members := groups[p]
		seq := make([]int, len(members))
		for k, i := range members {
			seq[k] = oldToNew[i]
		}
		for k := range moved(seq) {
			out[members[k]] = true
		}
	}
	return out
}

// comparePage compares one page, either side of which may be missing.
func comparePage(o, n *flat, year int) *Page {
	p := &Page{Status: Same}
	var op, np *koers.Page
	switch {
	case o == nil:
		p.Status, p.Depth = Added, n.depth
		np, op = n.page, &koers.Page{}
	case n == nil:
		p.Status, p.Depth = Removed, o.depth
		op, np = o.page, &koers.Page{}
	default:
		p.Depth = n.depth
		op, np = o.page, n.page
	}
	if o != nil {
		p.Old, p.OldPath = o.page, o.path
	}
	if n != nil {
		p.New, p.NewPath = n.page, n.path
	}
	p.Title = Words(op.Title, np.Title)
	if o != nil && n != nil {
		p.Renamed = op.Title != np.Title || op.Slug != np.Slug
		p.Properties = appendValue(p.Properties, "Adres (slug)", op.Slug, np.Slug)
		p.Properties = appendValue(p.Properties, "Soort pagina", kindLabel(op.Kind), kindLabel(np.Kind))
		p.Properties = appendValue(p.Properties, "Nummer", op.Number, np.Number)
	}
	p.Goals = compareGoals(op.SmartGoals, np.SmartGoals)
	p.Activities = compareActivities(op.Activities, np.Activities)
	p.Indicators = compareIndicators(op.Indicators, np.Indicators)
	p.Blocks = compareBlocks(op, np, year)
	return p
}

// settle decides a matched page's status from what was found.
func (p *Page) settle() {
	if p.Status == Added || p.Status == Removed {
		return
	}
	switch {
	case p.Moved:
		p.Status = Moved
	case p.Renamed || len(p.Properties)+len(p.Goals)+len(p.Activities)+len(p.Indicators)+len(p.Blocks) > 0:
		p.Status = Modified
	default:
		p.Unchanged = true
	}
}

func kindLabel(k koers.PageKind) string {
	switch k {
	case koers.Chapter:
		return "hoofdstuk"
	case koers.Programme:
		return "programma"
	case koers.SubProgramme:
		return "deelprogramma"
	case koers.PlainPage:
		return "pagina"
	}
	return string(k)
}

// appendValue appends a change of a value when old and new differ.
func appendValue(vs []Value, label, old, new string) []Value {
	if old == new {
		return vs
	}
	return append(vs, Value{label, old, new})
}
