package koers

import (
	"slices"
	"strconv"
	"strings"
)

// The page tree operations of the back office's editor. Each works on a
// draft's document, whose pages carry draft-local keys in Page.ID, and
// returns the keys of the pages whose path or content it changed, for
// Draft.Touch. An impossible operation returns an *Error (EINVALID or
// ENOTFOUND) with a Dutch message and leaves the document as it was.

// NewPage is what AddPage needs to know of a new page.
type NewPage struct {
	Kind   PageKind
	Number string
	Title  string
	Slug   string // empty: made from the title
}

// AddPage adds a page with key under the page with parentKey (0: at the
// top) at position among its siblings (clamped to the ends).
func AddPage(doc *Document, parentKey int64, np NewPage, position int, key int64) ([]int64, error) {
	if key <= 0 || findPage(doc, key) != nil {
		return nil, Errorf(EINVALID, "De sleutel %d van de nieuwe pagina is al in gebruik.", key)
	}
	siblings, parent, err := childrenOf(doc, parentKey)
	if err != nil {
		return nil, err
	}
	if parentKey != 0 && len(doc.Trail(parentKey)) >= MaxPageDepth {
		return nil, Errorf(EINVALID, "Pagina's kunnen niet dieper dan %d niveaus genest worden.", MaxPageDepth)
	}
	p := &Page{ID: key, Kind: np.Kind, Number: strings.TrimSpace(np.Number), Title: strings.TrimSpace(np.Title)}
	if err := setProperties(p, np, *siblings); err != nil {
		return nil, err
	}
	position = clamp(position, 0, len(*siblings))
	*siblings = slices.Insert(*siblings, position, p)
	if parent != nil {
		p.ParentID = parent.ID
	}
	doc.SetPaths()
	return []int64{key}, nil
}

// RenamePage changes a page's kind, number, title and slug (empty: made
// from the title). The keys returned are the page and everything under
// it, whose paths follow its slug.
func RenamePage(doc *Document, key int64, np NewPage) ([]int64, error) {
	p := findPage(doc, key)
	if p == nil {
		return nil, notFound(key)
	}
	siblings, _, _ := childrenOf(doc, parentKey(doc, key))
	others := slices.DeleteFunc(slices.Clone(*siblings), func(o *Page) bool { return o == p })
	renamed := *p
	renamed.Number, renamed.Title = strings.TrimSpace(np.Number), strings.TrimSpace(np.Title)
	renamed.Kind = np.Kind
	if err := setProperties(&renamed, np, others); err != nil {
		return nil, err
	}
	*p = renamed
	doc.SetPaths()
	return subtreeKeys(p), nil
}

// MovePage moves a page (with its children) under the page with
// newParentKey (0: the top) at position among its new siblings. It
// refuses to move a page under itself or deeper than MaxPageDepth, and
// onto a level where its slug is taken.
func MovePage(doc *Document, key, newParentKey int64, position int) ([]int64, error) {
	p := findPage(doc, key)
	if p == nil {
		return nil, notFound(key)
	}
	if newParentKey != 0 && findPage(p, newParentKey) != nil || newParentKey == key {
		return nil, Errorf(EINVALID, "Een pagina kan niet onder zichzelf geplaatst worden.")
	}
	siblings, parent, err := childrenOf(doc, newParentKey)
	if err != nil {
		return nil, err
	}
	depth := 0
	if newParentKey != 0 {
		depth = len(doc.Trail(newParentKey))
	}
	if depth+treeDepth(p) > MaxPageDepth {
		return nil, Errorf(EINVALID, "Pagina's kunnen niet dieper dan %d niveaus genest worden.", MaxPageDepth)
	}
	for _, o := range *siblings {
		if o != p && o.Slug == p.Slug {
			return nil, Errorf(EINVALID, "Op die plek heeft de pagina %q al het webadres %q.", o.Title, p.Slug)
		}
	}
	old, _, _ := childrenOf(doc, parentKey(doc, key))
	i := slices.Index(*old, p)
	*old = slices.Delete(*old, i, i+1)
	position = clamp(position, 0, len(*siblings))
	*siblings = slices.Insert(*siblings, position, p)
	p.ParentID = 0
	if parent != nil {
		p.ParentID = parent.ID
	}
	doc.SetPaths()
	return subtreeKeys(p), nil
}

// ReorderPage moves a page one place up (delta -1) or down (delta 1)
// among its siblings. Paths stay as they are; the keys returned are the
// two pages that swapped places.
func ReorderPage(doc *Document, key int64, delta int) ([]int64, error) {
	if findPage(doc, key) == nil {
		return nil, notFound(key)
	}
	siblings, _, _ := childrenOf(doc, parentKey(doc, key))
	i := slices.IndexFunc(*siblings, func(o *Page) bool { return o.ID == key })
	j := i + delta
	if delta != -1 && delta != 1 || j < 0 || j >= len(*siblings) {
		return nil, Errorf(EINVALID, "De pagina kan niet verder naar %s.", map[bool]string{true: "boven", false: "beneden"}[delta < 0])
	}
	s := *siblings
	s[i], s[j] = s[j], s[i]
	doc.SetPaths()
	return []int64{s[j].ID, s[i].ID}, nil
}

// DeletePage deletes a page with its children; the keys returned are
// every page deleted.
func DeletePage(doc *Document, key int64) ([]int64, error) {
	p := findPage(doc, key)
	if p == nil {
		return nil, notFound(key)
	}
	siblings, _, _ := childrenOf(doc, parentKey(doc, key))
	i := slices.Index(*siblings, p)
	*siblings = slices.Delete(*siblings, i, i+1)
	doc.SetPaths()
	return subtreeKeys(p), nil
}

// pageTree is what findPage searches: a document or a page's subtree.
type pageTree interface{ tree() []*Page }

func (d *Document) tree() []*Page { return d.Pages }
func (p *Page) tree() []*Page     { return []*Page{p} }

func findPage(t pageTree, key int64) *Page {
	var found *Page
	_ = walk(t.tree(), func(p *Page) error {
		if p.ID == key {
			found = p
			return errStop
		}
		return nil
	})
	return found
}

// parentKey is the key of the page's parent, 0 at the top.
func parentKey(doc *Document, key int64) int64 {
	trail := doc.Trail(key)
	if len(trail) < 2 {
		return 0
	}
	return trail[len(trail)-2].ID
}

// childrenOf returns the slice holding the children of the page with key
// (the document's top level for 0), to change in place.
func childrenOf(doc *Document, key int64) (*[]*Page, *Page, error) {
	if key == 0 {
		return &doc.Pages, nil, nil
	}
	p := findPage(doc, key)
	if p == nil {
		return nil, nil, notFound(key)
	}
	return &p.Children, p, nil
}

// setProperties checks the kind, number and title of p and gives it its
// slug, unique among others.
func setProperties(p *Page, np NewPage, others []*Page) error {
	if !p.Kind.Valid() {
		return Errorf(EINVALID, "Kies het soort pagina: hoofdstuk, programma, deelprogramma of pagina.")
	}
	if p.Title == "" {
		return Errorf(EINVALID, "Geef de pagina een titel.")
	}
	if strings.ContainsAny(p.Number, `/\?#%`) {
		return Errorf(EINVALID, "Het nummer %q mag geen / \\ ? # of %% bevatten.", p.Number)
	}
	if p.Number == "" && (len(p.SmartGoals) > 0 || len(p.Activities) > 0) {
		return Errorf(EINVALID, "Een pagina met SMART-doelen of activiteiten heeft een nummer nodig.")
	}
	slug := strings.TrimSpace(np.Slug)
	if slug == "" {
		slug = Slugify(p.Title)
		if slug == "" {
			slug = "pagina"
		}
		base := slug
		for n := 2; slices.ContainsFunc(others, func(o *Page) bool { return o.Slug == slug }); n++ {
			slug = base + "-" + strconv.Itoa(n)
		}
	} else if !ValidSlug(slug) {
		return Errorf(EINVALID, "Het webadres %q mag alleen kleine letters en cijfers bevatten, in groepjes met een streepje ertussen.", slug)
	}
	for _, o := range others {
		if o.Slug == slug {
			return Errorf(EINVALID, "De pagina %q op hetzelfde niveau heeft al het webadres %q.", o.Title, slug)
		}
	}
	p.Slug = slug
	return nil
}

// treeDepth is how many levels p and its descendants span.
func treeDepth(p *Page) int {
	d := 0
	for _, c := range p.Children {
		d = max(d, treeDepth(c))
	}
	return d + 1
}

func subtreeKeys(p *Page) []int64 {
	var keys []int64
	_ = walk([]*Page{p}, func(p *Page) error {
		keys = append(keys, p.ID)
		return nil
	})
	return keys
}

func notFound(key int64) error {
	return Errorf(ENOTFOUND, "De pagina %d bestaat niet (meer) in dit concept.", key)
}

func clamp(n, lo, hi int) int { return max(lo, min(n, hi)) }
