package koers

import (
	"context"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Published is what the public site and the API read: published content
// only. Drafts arrive later; whatever a store keeps of them never comes
// through this interface, so that a reader of Published cannot leak one.
// Every method reads one consistent state of the store. The questions that
// span documents are answered in a fixed number of queries, whatever the
// number of documents; the functions in this file decide what they answer.
type Published interface {
	Organisations(ctx context.Context) ([]*Organisation, error)
	Organisation(ctx context.Context, id int64) (*Organisation, error)
	OrganisationBySlug(ctx context.Context, slug string) (*Organisation, error)

	// Documents lists published documents without their pages, newest year
	// first.
	Documents(ctx context.Context, filter DocumentFilter) ([]*Document, error)
	// Document returns a document with its page tree; pages carry their
	// content only when content is true.
	Document(ctx context.Context, id int64, content bool) (*Document, error)
	// DocumentBySlug returns an organisation's document with its page tree,
	// without content.
	DocumentBySlug(ctx context.Context, orgID int64, slug string) (*Document, error)
	// DocumentWindow lists at most limit published documents (1 to
	// MaxLimit) in the order of Documents, after the one at after (nil: from
	// the first), with their organisations.
	DocumentWindow(ctx context.Context, filter DocumentFilter, after *DocumentKey, limit int) (*DocumentWindow, error)
	// Outline returns what addresses an organisation's public pages (see
	// Outline): documents with their trees, without content.
	Outline(ctx context.Context, orgID int64) (*Outline, error)
	// Extents counts, for every organisation by slug, what Outline would
	// read (see Extent), without reading it.
	Extents(ctx context.Context) ([]Extent, error)

	// Page returns one page with its content and without children.
	Page(ctx context.Context, id int64) (*Page, error)
	PageByPath(ctx context.Context, documentID int64, path string) (*Page, error)
	// PagesByID returns pages with their place, in the order of
	// SortPlaced; with content false the pages are bare. An ID that names
	// no page is an ENOTFOUND error.
	PagesByID(ctx context.Context, ids []int64, content bool) ([]PlacedPage, error)

	// Redirect returns the path a page of the document moved to when a
	// draft that renamed or moved it was published, or "" when the path
	// never moved.
	Redirect(ctx context.Context, documentID int64, path string) (string, error)

	// PublishedVersions lists the versions of the document published
	// under slug, newest first, with the publisher's name and never their
	// e-mail address; none when no document is published under slug (a
	// withdrawn document's versions are not public) and for a document
	// only ever imported.
	PublishedVersions(ctx context.Context, orgID int64, slug string) ([]Version, error)
	// VersionDocument returns the version numbered number of the document
	// published under slug (as PublishedVersions lists it) with its whole
	// document, pages with content, prepared by PrepareVersion;
	// ENOTFOUND when there is no such version or document.
	VersionDocument(ctx context.Context, orgID int64, slug string, number int) (*Version, *Document, error)

	// Indicators returns the indicators of a document's pages with the
	// values that document reports, in page and row order.
	Indicators(ctx context.Context, documentID int64) ([]*Indicator, error)
	// IndicatorWindow lists at most limit of a document's indicators (1 to
	// MaxLimit) in the order of Indicators, after the row at after (nil:
	// from the first); ENOTFOUND when there is no such document.
	IndicatorWindow(ctx context.Context, documentID int64, after *IndicatorKey, limit int) (*IndicatorWindow, error)
	// Series returns an organisation's indicator, by key, through every
	// published document that reports it, with its benchmarks.
	Series(ctx context.Context, orgID int64, key string) (*Series, error)
	SeriesByID(ctx context.Context, id int64) (*Series, error)
	// IndicatorIndex lists an organisation's indicators, each once, worded
	// as the latest document that shows it (see LatestWordings).
	IndicatorIndex(ctx context.Context, orgID int64) ([]Wording, error)

	// PlanOf returns the page of the plan a page reports on (see PlanPage),
	// with its content, or nil when koers does not have it.
	PlanOf(ctx context.Context, pageID int64) (*PlacedPage, error)
	// Cycle returns a programme through one year's documents of an
	// organisation (see CycleOf), its pages with content; ENOTFOUND when no
	// document of that year has it.
	Cycle(ctx context.Context, orgID int64, programme string, year int) (*Cycle, error)
	// Trajectory returns a SMART goal (scope ScopeSmartGoals) or an
	// activity (ScopeActivities) of a sub-programme through every
	// document of an organisation (see TrajectoryOf), in a fixed number of
	// queries; ENOTFOUND when no document has it.
	Trajectory(ctx context.Context, orgID int64, programme, number string, scope Scope) (*Trajectory, error)
	// Find finds pages by the Dutch stems of a query, best first (see
	// SearchQuery), each placed in its document (see PlaceHits), in a
	// fixed number of queries: the hits, their pages and the pages above
	// them, their documents and organisations, never whole trees.
	Find(ctx context.Context, q SearchQuery) ([]Found, error)

	// Revision is a number that changes whenever published content does,
	// from any process sharing the store; caches of what they read compare
	// it to know they are stale.
	Revision(ctx context.Context) (int64, error)
	// Revisions says which published content changed (see
	// Store.Revisions), for a cache of what the reader sees.
	Revisions(ctx context.Context) (global, shared int64, organisations map[string]int64, err error)
}

// Selections are readers' own choices of pages for a composed PDF. They
// are not content: they do not change the revision.
type Selections interface {
	// Selection returns the pages a reader chose (by the token in their
	// cookie), in the order they were added.
	Selection(ctx context.Context, token string) ([]int64, error)
	// Select adds a page to a selection, or removes it. It refuses a page
	// that does not exist (ENOTFOUND), a selection that would grow past
	// MaxSelection (EINVALID), and any page while all selections together
	// hold MaxSelectionRows (ECONFLICT). Selections untouched for
	// SelectionLifetime are forgotten.
	Select(ctx context.Context, token string, pageID int64, selected bool) error
	// ClearSelection empties a selection.
	ClearSelection(ctx context.Context, token string) error
}

// MaxSelectionRows bounds the pages kept in all readers' selections
// together, so that requests without a cookie, each starting a selection of
// its own, cannot fill the database: past it, pages are added again when
// old selections expire. About 10 MB of rows.
const MaxSelectionRows = 100_000

// PlacedPage is a page with where it is: its organisation, its document
// and the pages above it.
type PlacedPage struct {
	Organisation *Organisation
	Document     *Document // without its tree
	Page         *Page
	Ancestors    []*Page // from the top of the tree down, without content
	position     int     // in the document's reading order
}

// Place finds a page in a document's tree and places it; false when the
// tree does not hold it.
func Place(org *Organisation, doc *Document, pageID int64) (PlacedPage, bool) {
	trail := doc.Trail(pageID)
	if trail == nil {
		return PlacedPage{}, false
	}
	pos := 0
	_ = doc.Walk(func(p *Page) error {
		if p.ID == pageID {
			return errStop
		}
		pos++
		return nil
	})
	bare := *doc
	bare.Pages = nil
	return PlacedPage{Organisation: org, Document: &bare, Page: trail[len(trail)-1], Ancestors: trail[:len(trail)-1], position: pos}, true
}

// SortPlaced puts pages in document order: organisations by slug, their
// documents as they are listed (Document.Less), and each document's pages
// in reading order. A composed PDF follows it, whatever order the reader
// chose the pages in.
func SortPlaced(list []PlacedPage) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Document.ID != b.Document.ID {
			if a.Organisation.Slug != b.Organisation.Slug {
				return a.Organisation.Slug < b.Organisation.Slug
			}
			return a.Document.Less(b.Document)
		}
		return a.position < b.position
	})
}

// SearchQuery is a search: pages that hold every one of its words'
// Dutch stems (stop words aside). When more than SearchCandidates pages
// match, only the SearchCandidates most recently added are ranked, so that
// a word on every page costs no more than a rare one; the best Limit of
// those after the first Offset are the hits, best first. Pages of equal
// rank are in page ID order, so that windows of one search (Offset 0,
// Limit, 2×Limit, …) neither repeat nor skip a page while nothing is
// published.
type SearchQuery struct {
	Text string // as the reader typed it
	// OrganisationID narrows the search to one organisation's pages; 0
	// searches them all.
	OrganisationID int64
	Limit          int
	// Offset skips the best ranked pages; past the ranked ones there are
	// no hits. Negative is 0.
	Offset int
	// Candidates is how many matching pages are ranked; 0 is
	// SearchCandidates.
	Candidates int
}

// Ranked is how many matching pages the search ranks.
func (q SearchQuery) Ranked() int {
	if q.Candidates > 0 {
		return q.Candidates
	}
	return SearchCandidates
}

// SearchCandidates bounds the matching pages a search ranks.
const SearchCandidates = 500

// MaxHitText bounds the text a search hit carries, in bytes: the start of
// its page's text, for a snippet (see HitText). Bytes, not characters:
// stores cut bytes without reading the text through.
const MaxHitText = 16 << 10

// HitText is the text a hit carries, from the start of a page's text as a
// store read it, up to MaxHitText+1 bytes: as it is when it has at most
// MaxHitText bytes; else cut back to the last space within them, with an
// ellipsis. A character the store's cut split is dropped.
func HitText(start string) string {
	if len(start) <= MaxHitText {
		return whole(start)
	}
	cut := whole(start[:MaxHitText])
	if sp := strings.LastIndexAny(cut, " \t\n\r"); sp > 0 {
		cut = cut[:sp]
	}
	return cut + " …"
}

// whole drops a character cut short at the end of s.
func whole(s string) string {
	for i := len(s) - 1; i >= 0 && i >= len(s)-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			if !utf8.FullRuneInString(s[i:]) {
				return s[:i]
			}
			break
		}
	}
	return s
}

// Found is a search hit placed in its document.
type Found struct {
	// The page and those above it are bare: no content, no children. The
	// document is without its tree, the organisation without its logo.
	PlacedPage
	Text string  // the start of the page's readable text (HitText), for a snippet
	Rank float64 // higher is better
}

// PlaceHits places search hits, keeping their order: each hit's page, the
// pages above it (from pages, by ID, through ParentID), its document and
// its organisation. A hit whose page, ancestors, document or organisation
// are not given is left out.
func PlaceHits(hits []SearchHit, pages map[int64]*Page, docs map[int64]*Document, orgs map[int64]*Organisation) []Found {
	var out []Found
next:
	for _, h := range hits {
		pg := pages[h.PageID]
		if pg == nil {
			continue
		}
		doc := docs[pg.DocumentID]
		if doc == nil || orgs[doc.OrganisationID] == nil {
			continue
		}
		var above []*Page
		for id := pg.ParentID; id != 0; id = pages[id].ParentID {
			if pages[id] == nil || pages[id].DocumentID != doc.ID || len(above) == len(pages) {
				continue next // not given, or not a tree
			}
			above = append(above, pages[id])
		}
		slices.Reverse(above)
		out = append(out, Found{PlacedPage: PlacedPage{Organisation: orgs[doc.OrganisationID], Document: doc, Page: pg, Ancestors: above},
			Text: h.Text, Rank: h.Rank})
	}
	return out
}

// ReportsOnPlan reports whether a page of doc reports on a plan made
// elsewhere: a numbered page of a document other than a begroting, with
// deviations. Its plan is found with PlanDocuments and PlanPage.
func ReportsOnPlan(doc *Document, p *Page) bool {
	if p.Number == "" || doc.Kind == Begroting {
		return false
	}
	for _, b := range p.Blocks {
		if b.Type == DeviationsBlock {
			return true
		}
	}
	return false
}

// PlanDocuments returns the documents that may hold the plan a document
// reports on: the begrotingen of its organisation and year, in the order
// given.
func PlanDocuments(reporting *Document, docs []*Document) []*Document {
	var out []*Document
	for _, d := range docs {
		if d.Kind == Begroting && d.Year == reporting.Year && d.OrganisationID == reporting.OrganisationID {
			out = append(out, d)
		}
	}
	return out
}

// PlanPage returns the page of the plan a page reports on: in the first of
// the plan documents (with their trees) that has one, the first page in
// reading order with the same programme number. Nil when none has it.
func PlanPage(p *Page, plans []*Document) (*Document, *Page) {
	for _, d := range plans {
		var found *Page
		_ = d.Walk(func(q *Page) error {
			if strings.EqualFold(q.Number, p.Number) {
				found = q
				return errStop
			}
			return nil
		})
		if found != nil {
			return d, found
		}
	}
	return nil, nil
}

// Cycle is one programme through one year of the planning & control
// cycle: what the begroting planned, what the bestuursrapportages
// reported, what the jaarstukken realised.
type Cycle struct {
	Programme string // as asked, e.g. "1c"
	Year      int
	// Years are the years in which a document has the programme, in order.
	Years []int
	// Entries are the programme's page in each document of the year, in
	// the order the cycle publishes them (Document.Later).
	Entries []CycleEntry
}

// CycleEntry is the programme's page in one document.
type CycleEntry struct {
	Document *Document // without its tree
	Page     *Page
}

// CycleOf picks a programme's pages from an organisation's documents with
// their trees: a page with the programme's number (in any case) that can
// carry a plan (Page.HasContentHint). Entries holds those of the year.
func CycleOf(programme string, year int, docs []*Document) *Cycle {
	c := &Cycle{Programme: programme, Year: year}
	ordered := append([]*Document(nil), docs...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[j].Later(ordered[i]) })
	years := map[int]bool{}
	for _, d := range ordered {
		bare := *d
		bare.Pages = nil
		_ = d.Walk(func(p *Page) error {
			if !strings.EqualFold(p.Number, programme) || !p.HasContentHint() {
				return nil
			}
			years[d.Year] = true
			if d.Year == year {
				c.Entries = append(c.Entries, CycleEntry{Document: &bare, Page: p})
			}
			return nil
		})
	}
	for y := range years {
		c.Years = append(c.Years, y)
	}
	sort.Ints(c.Years)
	return c
}

// Wording is how one document names an indicator.
type Wording struct {
	Key      string
	Number   string
	Name     string
	Document *Document
}

// LatestWordings keeps, per indicator key, the wording of the latest
// document that shows it (Document.Later), ordered by key.
func LatestWordings(list []Wording) []Wording {
	latest := map[string]Wording{}
	for _, w := range list {
		if prev, ok := latest[w.Key]; !ok || w.Document.Later(prev.Document) {
			latest[w.Key] = w
		}
	}
	out := make([]Wording, 0, len(latest))
	for _, w := range latest {
		out = append(out, w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
