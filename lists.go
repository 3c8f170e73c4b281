package koers

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Lists that grow with an installation are read in windows: at most a
// limit of items, after the key of the last item of the window before. A
// key holds the values the list is ordered by, not an offset, so that a
// document published or removed between two windows does not shift the
// next one (keyset pagination); the store reads a window in a fixed number
// of queries, whatever the length of the list.

// MaxLimit is the most items one window of a list holds.
const MaxLimit = 500

// DocumentKey is where a document stands in the order of Documents: newest
// year first, then the cycle's order of kinds, the sequence and the ID.
type DocumentKey struct {
	Year     int
	Kind     DocumentKind
	Sequence int
	ID       int64
}

// Key is the document's place in the order of Documents.
func (d *Document) Key() DocumentKey {
	return DocumentKey{Year: d.Year, Kind: d.Kind, Sequence: d.Sequence, ID: d.ID}
}

// Rank is the kind's place in the cycle (kadernota first); an unknown kind
// comes last.
func (k DocumentKind) Rank() int { return k.order() }

// DocumentWindow is a window on the published documents.
type DocumentWindow struct {
	Documents     []*Document             // without their trees
	Organisations map[int64]*Organisation // of the documents, by ID
	// Next is the key of the last document when more follow: the window
	// after this one starts after it. Nil at the end of the list.
	Next *DocumentKey
}

// IndicatorKey is where an indicator row stands in the order of
// Indicators: its page in reading order, its row on the page.
type IndicatorKey struct {
	// Place is the page's position among its siblings and those of its
	// ancestors, from the top of the tree down.
	Place       []int
	PageID      int64
	Row         int // the row's position on the page
	IndicatorID int64
}

// IndicatorWindow is a window on a document's indicators.
type IndicatorWindow struct {
	// Indicators hold the values the document reports, as Indicators
	// gives them.
	Indicators []*Indicator
	// Next is the key of the last row when more follow; nil at the end.
	Next *IndicatorKey
}

// ValidLimit reports whether a window of n items may be asked for.
func ValidLimit(n int) bool { return n >= 1 && n <= MaxLimit }

// Outline is what addresses an organisation's public pages, read without
// the pages' content: its documents with their page trees, and the keys of
// the indicators its documents show. The sitemap is built from it.
type Outline struct {
	Documents  []*Document // in the order of Documents, with trees without content
	Indicators []string    // keys, sorted
	// Money holds the IDs of the documents with a finance table, which
	// have an overview per taakveld (OverviewByTaakveld); ascending.
	Money []int64
}

// CycleView is one cycle view an organisation has: a programme through one
// year.
type CycleView struct {
	Programme string // lower case, as its address has it: "1c"
	Year      int
}

// Cycles lists the cycle views an organisation's documents give, the
// programmes and years for which Cycle finds pages (see CycleOf), by year
// and programme.
func (o *Outline) Cycles() []CycleView {
	seen := map[CycleView]bool{}
	var out []CycleView
	for _, d := range o.Documents {
		_ = d.Walk(func(p *Page) error {
			if !p.HasContentHint() {
				return nil
			}
			v := CycleView{Programme: strings.ToLower(p.Number), Year: d.Year}
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		return out[i].Programme < out[j].Programme
	})
	return out
}

// Extent is how much an organisation publishes, counted without reading
// its documents: what bounds the number and the length of the addresses of
// its public pages, so that a sitemap index can tell how many files an
// organisation's sitemap needs before any of them is built. Lengths are in
// characters.
type Extent struct {
	Organisation  *Organisation
	Documents     int
	Pages         int
	NumberedPages int // pages with a number; an organisation has fewer cycle views
	Indicators    int // distinct keys its documents show
	// LongestPath is the longest document slug, or document slug, "/" and
	// page path.
	LongestPath   int
	LongestKey    int // the longest indicator key
	LongestNumber int // the longest page number
}

// Extent counts what the outline holds as Published.Extents counts it in
// the store: the contract suite holds the two to the same answer.
func (o *Outline) Extent(org *Organisation) Extent {
	e := Extent{Organisation: org, Documents: len(o.Documents), Indicators: len(o.Indicators)}
	for _, d := range o.Documents {
		e.LongestPath = max(e.LongestPath, utf8.RuneCountInString(d.Slug))
		_ = d.Walk(func(p *Page) error {
			e.Pages++
			if p.Number != "" {
				e.NumberedPages++
			}
			e.LongestPath = max(e.LongestPath, utf8.RuneCountInString(d.Slug)+1+utf8.RuneCountInString(p.Path))
			e.LongestNumber = max(e.LongestNumber, utf8.RuneCountInString(p.Number))
			return nil
		})
	}
	for _, k := range o.Indicators {
		e.LongestKey = max(e.LongestKey, utf8.RuneCountInString(k))
	}
	return e
}
