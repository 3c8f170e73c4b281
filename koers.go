// Package koers holds the domain of koers: the documents of a municipality's
// planning & control cycle (begroting, bestuursrapportage, jaarstukken), their
// page trees and typed content blocks, performance indicators with their
// yearly values, the error codes shared by every layer, and the storage
// contract that each database engine implements.
//
// The package imports nothing else of koers. Technology lives in its own
// packages (sqlstore and its engines sqlite and postgres, bundle, pdf,
// httpx, web, web/api), which depend on this one; cmd/koers wires them
// together. doc/architecture.md draws who may import whom, and
// arch_test.go holds every package to it.
package koers

import (
	"fmt"
	"time"
)

// Organisation is a municipality (or another body) that publishes documents.
type Organisation struct {
	ID      int64
	Slug    string // URL segment, e.g. "leiderdorp"
	Name    string // as shown, e.g. "Gemeente Leiderdorp"
	CBSCode string // CBS municipality code, e.g. "GM0547"
	Theme   Theme
	// StatusLegend is the organisation's own legend for the status of goals
	// and activities; empty means DefaultStatusLegend.
	StatusLegend StatusLegend
	Finance      FinanceSettings // sign convention and toelichting threshold
	// SelfReview lets a beoordelaar approve a draft they changed
	// themselves (four eyes relaxed, for a small organisation).
	SelfReview bool
}

// DocumentKind is the kind of P&C document.
type DocumentKind string

// The documents of the cycle, in the order they appear in a year.
const (
	Kadernota          DocumentKind = "kadernota"
	Begroting          DocumentKind = "begroting"
	Bestuursrapportage DocumentKind = "bestuursrapportage"
	Jaarstukken        DocumentKind = "jaarstukken"
)

// DocumentKinds lists every kind in cycle order.
var DocumentKinds = []DocumentKind{Kadernota, Begroting, Bestuursrapportage, Jaarstukken}

// Valid reports whether k is a known kind.
func (k DocumentKind) Valid() bool {
	for _, v := range DocumentKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Label is the Dutch name of the kind as a reader sees it.
func (k DocumentKind) Label() string {
	switch k {
	case Kadernota:
		return "Kadernota"
	case Begroting:
		return "Begroting"
	case Bestuursrapportage:
		return "Bestuursrapportage"
	case Jaarstukken:
		return "Jaarstukken"
	}
	return string(k)
}

// order is the kind's position in the cycle, used to sort documents.
func (k DocumentKind) order() int {
	for i, v := range DocumentKinds {
		if k == v {
			return i
		}
	}
	return len(DocumentKinds)
}

// Document is one published P&C document with its page tree.
type Document struct {
	ID             int64
	OrganisationID int64
	Kind           DocumentKind
	Year           int
	Sequence       int    // number of a bestuursrapportage in its year (1, 2); 0 for other kinds
	Title          string // as shown, e.g. "Beleidsbegroting 2022"
	Slug           string // URL segment, unique within the organisation
	UpdatedAt      time.Time
	Pages          []*Page // top-level pages; filled only where a method says so
}

// DefaultSlug is the slug a document gets when its bundle names none:
// "begroting-2022", "bestuursrapportage-2020-1".
func (d *Document) DefaultSlug() string {
	if d.Sequence > 0 {
		return fmt.Sprintf("%s-%d-%d", d.Kind, d.Year, d.Sequence)
	}
	return fmt.Sprintf("%s-%d", d.Kind, d.Year)
}

// Less orders documents newest year first and, within a year, in cycle order.
func (d *Document) Less(o *Document) bool {
	if d.Year != o.Year {
		return d.Year > o.Year
	}
	if d.Kind != o.Kind {
		return d.Kind.order() < o.Kind.order()
	}
	return d.Sequence < o.Sequence
}

// Walk calls fn for every page of the tree, parents before children, in
// reading order. It stops at the first error.
func (d *Document) Walk(fn func(p *Page) error) error {
	return walk(d.Pages, fn)
}

func walk(pages []*Page, fn func(p *Page) error) error {
	for _, p := range pages {
		if err := fn(p); err != nil {
			return err
		}
		if err := walk(p.Children, fn); err != nil {
			return err
		}
	}
	return nil
}

// FindPage returns the page with the given path, or nil.
func (d *Document) FindPage(path string) *Page {
	var found *Page
	_ = d.Walk(func(p *Page) error {
		if p.Path == path {
			found = p
			return errStop
		}
		return nil
	})
	return found
}

// Trail returns the pages from the top of the tree down to the page with the
// given ID (inclusive), or nil when the tree does not hold it.
func (d *Document) Trail(pageID int64) []*Page {
	var trail []*Page
	var find func(pages []*Page) bool
	find = func(pages []*Page) bool {
		for _, p := range pages {
			trail = append(trail, p)
			if p.ID == pageID || find(p.Children) {
				return true
			}
			trail = trail[:len(trail)-1]
		}
		return false
	}
	if find(d.Pages) {
		return trail
	}
	return nil
}

// SetPaths fills Path and ParentID-independent positions of every page from
// the slugs, so that a tree built in memory can be addressed before it is
// stored.
func (d *Document) SetPaths() {
	var set func(prefix string, pages []*Page)
	set = func(prefix string, pages []*Page) {
		for i, p := range pages {
			p.Position = i
			p.Path = prefix + p.Slug
			set(p.Path+"/", p.Children)
		}
	}
	set("", d.Pages)
}

var errStop = fmt.Errorf("stop")
