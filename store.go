package koers

import (
	"context"
	"time"
)

// Store is the storage contract. Every engine (SQLite, PostgreSQL)
// implements it and passes the same contract suite in storetest. Every
// method takes the request's context first; every write is one transaction.
type Store interface {
	// Published reads what the public may see; the site and the API read
	// through it and nothing else.
	Published() Published

	// The back office's storage; nothing of it is public.
	Accounts
	Drafts
	Reviews
	Audit
	APITokens

	// PutDocument writes a whole document in one transaction: it creates or
	// updates the organisation (by slug) and replaces the document with the
	// same organisation and slug. Pages that keep their path keep their ID.
	// It sets the IDs of org, doc and everything in doc.
	PutDocument(ctx context.Context, org *Organisation, doc *Document) error
	// PutAll writes several documents and comparison figures in one
	// transaction: all of them or, on any error, none. It refuses (EINVALID)
	// before writing when a document breaks the domain's rules or when two
	// name the same document (organisation slug and document slug); then
	// it writes each document as PutDocument does, in order, and the
	// figures as PutBenchmarks does.
	PutAll(ctx context.Context, docs []OrganisationDocument, benchmarks []Benchmark) error
	// DeleteDocument removes a document and everything in it.
	DeleteDocument(ctx context.Context, id int64) error

	Organisations(ctx context.Context) ([]*Organisation, error)
	Organisation(ctx context.Context, id int64) (*Organisation, error)
	// UpdateOrganisation stores an organisation's own fields (name, CBS
	// code, theme, status legend, finance settings) by its ID, in one
	// transaction that records the change in the audit log; the slug stays.
	// Its pages are renewed everywhere, like after a document write, and
	// every organisation's when the name or the CBS code changed.
	UpdateOrganisation(ctx context.Context, org *Organisation) error
	OrganisationBySlug(ctx context.Context, slug string) (*Organisation, error)

	// Documents lists documents without their pages, newest year first.
	Documents(ctx context.Context, filter DocumentFilter) ([]*Document, error)
	// Document returns a document with its page tree; pages carry their
	// content only when content is true.
	Document(ctx context.Context, id int64, content bool) (*Document, error)
	DocumentBySlug(ctx context.Context, orgID int64, slug string) (*Document, error)

	// Page returns one page with its content and without children.
	Page(ctx context.Context, id int64) (*Page, error)
	PageByPath(ctx context.Context, documentID int64, path string) (*Page, error)

	// Indicators returns the indicators of a document's pages with the
	// values that document reports, in page and row order.
	Indicators(ctx context.Context, documentID int64) ([]*Indicator, error)

	// Series returns an organisation's indicator, by key, through every
	// document that reports it, with its benchmarks.
	Series(ctx context.Context, orgID int64, key string) (*Series, error)
	SeriesByID(ctx context.Context, id int64) (*Series, error)

	// PutBenchmarks stores comparison figures in one transaction, replacing
	// those with the same indicator, area and period.
	PutBenchmarks(ctx context.Context, list []Benchmark) error
	// Benchmarks returns the comparison figures for an indicator key, or
	// all of them for "".
	Benchmarks(ctx context.Context, indicator string) ([]Benchmark, error)

	// Search finds pages by the Dutch stems of a query, best first, as
	// Published.Find does.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// Selection returns the pages a reader chose (by the token in their
	// cookie), in the order they were added.
	Selection(ctx context.Context, token string) ([]int64, error)
	// Select adds a page to a selection, or removes it; it refuses a page
	// that does not exist and a selection that would grow past
	// MaxSelection. Selections do not change the revision: they are not
	// content.
	Select(ctx context.Context, token string, pageID int64, selected bool) error
	// ClearSelection empties a selection.
	ClearSelection(ctx context.Context, token string) error

	// Revision is a number that grows with every committed write, from any
	// process sharing the database; caches compare it to know they are stale.
	Revision(ctx context.Context) (int64, error)
	// Revisions tells a cache what changed: it reads, in one snapshot, the
	// global revision (Revision), the shared one and each organisation's by
	// slug. Each is the global revision of the last write it covers, so it
	// changes with every such write and never returns to a value it had.
	// An organisation's changes with every write of its content: a
	// document put or deleted, its name, CBS code or theme. The shared one
	// changes with a write of what the pages of every organisation show:
	// benchmark figures that differ from those stored, and a new
	// organisation, name or CBS code, after which the figures' areas are
	// named. A cache that saw Revision change asks this which content did.
	Revisions(ctx context.Context) (global, shared int64, organisations map[string]int64, err error)
	Ping(ctx context.Context) error
	Close() error
}

// OrganisationDocument is a document with the organisation that publishes
// it, as PutAll writes them.
type OrganisationDocument struct {
	Organisation *Organisation
	Document     *Document
}

// SearchHit is a page that matched a search, with the start of its
// readable text for a snippet (HitText).
type SearchHit struct {
	PageID     int64
	DocumentID int64
	Title      string
	Text       string
	Rank       float64 // higher is better
}

// MaxSelection is the most pages one selection, and so one composed PDF,
// may hold.
const MaxSelection = 100

// SelectionLifetime is how long a page stays in a selection.
const SelectionLifetime = 90 * 24 * time.Hour

// DocumentFilter narrows Documents. Zero fields do not filter.
type DocumentFilter struct {
	OrganisationID int64
}
