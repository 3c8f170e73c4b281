package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/dutch"
)

// published is koers.Published on a Store. The public tables hold only
// published documents (drafts and versions live in tables of their own),
// so it reads what those tables hold. The questions that span documents
// read in one transaction and a fixed number of queries; the domain's
// functions (koers.PlanPage, koers.CycleOf, koers.PlaceHits, koers.SortPlaced)
// decide what they answer.
type published struct{ s *Store }

var _ koers.Published = published{}

// Published returns the store's published content.
func (s *Store) Published() koers.Published { return published{s} }

func (p published) Organisations(ctx context.Context) ([]*koers.Organisation, error) {
	return p.s.Organisations(ctx)
}

func (p published) Organisation(ctx context.Context, id int64) (*koers.Organisation, error) {
	return p.s.Organisation(ctx, id)
}

func (p published) OrganisationBySlug(ctx context.Context, slug string) (*koers.Organisation, error) {
	return p.s.OrganisationBySlug(ctx, slug)
}

func (p published) Documents(ctx context.Context, f koers.DocumentFilter) ([]*koers.Document, error) {
	return p.s.Documents(ctx, f)
}

func (p published) Document(ctx context.Context, id int64, content bool) (*koers.Document, error) {
	return p.s.Document(ctx, id, content)
}

func (p published) DocumentBySlug(ctx context.Context, orgID int64, slug string) (*koers.Document, error) {
	return p.s.DocumentBySlug(ctx, orgID, slug)
}

// Revision is the store's: today every write is of published content.
func (p published) Revision(ctx context.Context) (int64, error) { return p.s.Revision(ctx) }

// Revisions is the store's, for the same reason.
func (p published) Revisions(ctx context.Context) (global, shared int64, organisations map[string]int64, err error) {
	return p.s.Revisions(ctx)
}

func (p published) Page(ctx context.Context, id int64) (*koers.Page, error) { return p.s.Page(ctx, id) }

func (p published) PageByPath(ctx context.Context, documentID int64, path string) (*koers.Page, error) {
	return p.s.PageByPath(ctx, documentID, path)
}

func (p published) Indicators(ctx context.Context, documentID int64) ([]*koers.Indicator, error) {
	return p.s.Indicators(ctx, documentID)
}

func (p published) Series(ctx context.Context, orgID int64, key string) (*koers.Series, error) {
	return p.s.Series(ctx, orgID, key)
}

func (p published) SeriesByID(ctx context.Context, id int64) (*koers.Series, error) {
	return p.s.SeriesByID(ctx, id)
}

// IndicatorIndex reads the organisation's documents and every page's
// wording of its indicators: 2 queries.
func (p published) IndicatorIndex(ctx context.Context, orgID int64) ([]koers.Wording, error) {
	var list []koers.Wording
	err := p.s.read(ctx, func(q q) error {
		docs, err := loadDocuments(q, "organisation_id = "+strconv.FormatInt(orgID, 10))
		if err != nil {
			return err
		}
		byID := map[int64]*koers.Document{}
		for _, d := range docs {
			byID[d.ID] = d
		}
		return q.each(`SELECT s.key, i.number, i.name, p.document_id
			FROM page_indicators i JOIN indicators s ON s.id = i.indicator_id JOIN pages p ON p.id = i.page_id
			JOIN documents d ON d.id = p.document_id WHERE d.organisation_id = ?`, []any{orgID}, func(rows *sql.Rows) error {
			var w koers.Wording
			var docID int64
			if err := rows.Scan(&w.Key, &w.Number, &w.Name, &docID); err != nil {
				return err
			}
			if w.Document = byID[docID]; w.Document == nil {
				return fmt.Errorf("indicator %s on document %d, which the documents read do not hold", w.Key, docID)
			}
			list = append(list, w)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("indicator index %d: %w", orgID, err)
	}
	return koers.LatestWordings(list), nil
}

// PagesByID reads the pages, their documents' trees and organisations,
// and with content the pages' content: 3 queries, or 3 plus the content
// loader's.
func (p published) PagesByID(ctx context.Context, ids []int64, content bool) ([]koers.PlacedPage, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []koers.PlacedPage
	err := p.s.read(ctx, func(q q) error {
		list := idList(ids)
		docs, orgs, err := loadPlaces(q, "id IN (SELECT document_id FROM pages WHERE id IN ("+list+"))")
		if err != nil {
			return err
		}
		byID := map[int64]*koers.Document{}
		owner := map[int64]*koers.Document{} // page ID -> document
		for _, d := range docs {
			byID[d.ID] = d
			_ = d.Walk(func(pg *koers.Page) error { owner[pg.ID] = d; return nil })
		}
		pages := map[int64]*koers.Page{}
		for _, id := range ids {
			if pages[id] != nil {
				continue
			}
			d := owner[id]
			if d == nil {
				return koers.Errorf(koers.ENOTFOUND, "Pagina %d bestaat niet.", id)
			}
			placed, ok := koers.Place(orgs[d.OrganisationID], d, id)
			if !ok || placed.Organisation == nil {
				return fmt.Errorf("page %d: not in the tree of document %d", id, d.ID)
			}
			pages[id] = placed.Page
			out = append(out, placed)
		}
		if content {
			return loadContent(q, pages)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pages by id: %w", err)
	}
	koers.SortPlaced(out)
	return out, nil
}

// PlanOf reads the page, its document, the organisation's documents, the
// trees of the plan documents among them and the plan page's content.
func (p published) PlanOf(ctx context.Context, pageID int64) (*koers.PlacedPage, error) {
	var out *koers.PlacedPage
	err := p.s.read(ctx, func(q q) error {
		page, err := scanPage(q.queryRow("SELECT "+pageColumns+" FROM pages WHERE id = ?", pageID))
		if err != nil {
			return notFound(err, "Pagina %d bestaat niet.", pageID)
		}
		doc, err := scanDocument(q.queryRow("SELECT "+documentColumns+" FROM documents WHERE id = ?", page.DocumentID))
		if err != nil {
			return err
		}
		docs, err := loadDocuments(q, "organisation_id = "+strconv.FormatInt(doc.OrganisationID, 10))
		if err != nil {
			return err
		}
		plans := koers.PlanDocuments(doc, docs)
		if len(plans) == 0 {
			return nil
		}
		if err := loadTrees(q, plans); err != nil {
			return err
		}
		planDoc, planPage := koers.PlanPage(page, plans)
		if planPage == nil {
			return nil
		}
		org, err := scanOrganisation(q.queryRow("SELECT "+organisationColumns+" FROM organisations WHERE id = ?", doc.OrganisationID))
		if err != nil {
			return err
		}
		placed, ok := koers.Place(org, planDoc, planPage.ID)
		if !ok {
			return fmt.Errorf("plan page %d not in its tree", planPage.ID)
		}
		out = &placed
		return loadContent(q, map[int64]*koers.Page{planPage.ID: planPage})
	})
	if err != nil {
		return nil, fmt.Errorf("plan of page %d: %w", pageID, err)
	}
	return out, nil
}

// Cycle reads the organisation's documents and their trees, and the
// content of the programme's pages in the year.
func (p published) Cycle(ctx context.Context, orgID int64, programme string, year int) (*koers.Cycle, error) {
	var c *koers.Cycle
	err := p.s.read(ctx, func(q q) error {
		docs, err := loadDocuments(q, "organisation_id = "+strconv.FormatInt(orgID, 10))
		if err != nil {
			return err
		}
		if err := loadTrees(q, docs); err != nil {
			return err
		}
		c = koers.CycleOf(programme, year, docs)
		if len(c.Entries) == 0 {
			return koers.Errorf(koers.ENOTFOUND, "Programma %s heeft geen documenten in %d.", strings.ToUpper(programme), year)
		}
		pages := map[int64]*koers.Page{}
		for _, e := range c.Entries {
			pages[e.Page.ID] = e.Page
		}
		return loadContent(q, pages)
	})
	if err != nil {
		return nil, fmt.Errorf("cycle %s %d: %w", programme, year, err)
	}
	return c, nil
}

// Find searches, then reads the hits' pages with the pages above them,
// their documents and their organisations: 4 queries.
func (p published) Find(ctx context.Context, sq koers.SearchQuery) ([]koers.Found, error) {
	if len(dutch.Query(sq.Text)) == 0 || sq.Limit <= 0 {
		return nil, nil
	}
	var out []koers.Found
	err := p.s.read(ctx, func(q q) error {
		hits, err := p.s.dialect.Search(ctx, q.tx, sq)
		if err != nil || len(hits) == 0 {
			return err
		}
		ids, docIDs := make([]int64, len(hits)), make([]int64, len(hits))
		for i, h := range hits {
			ids[i], docIDs[i] = h.PageID, h.DocumentID
		}
		pages, err := loadTrails(q, ids)
		if err != nil {
			return err
		}
		docs, err := loadDocuments(q, "id IN ("+idList(docIDs)+")")
		if err != nil {
			return err
		}
		orgs, err := loadOrganisations(q, docs, false)
		if err != nil {
			return err
		}
		byID := map[int64]*koers.Document{}
		for _, d := range docs {
			byID[d.ID] = d
		}
		out = koers.PlaceHits(hits, pages, byID, orgs)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find %q: %w", sq.Text, err)
	}
	return out, nil
}

// loadTrails reads pages and the pages above them, bare, by ID, in one
// query: up the tree from each page by parent_id.
func loadTrails(q q, ids []int64) (map[int64]*koers.Page, error) {
	pages := map[int64]*koers.Page{}
	// Each step looks its parent up by ID: as a join, PostgreSQL planned a
	// scan of every page per step.
	err := q.each(`WITH RECURSIVE trail (id) AS (
			SELECT id FROM pages WHERE id IN (`+idList(ids)+`)
			UNION SELECT (SELECT p.parent_id FROM pages p WHERE p.id = trail.id) FROM trail WHERE trail.id IS NOT NULL)
		SELECT `+pageColumns+` FROM pages WHERE id IN (SELECT id FROM trail)`, nil, func(rows *sql.Rows) error {
		pg, err := scanPage(rows)
		if err == nil {
			pages[pg.ID] = pg
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pages and their ancestors: %w", err)
	}
	return pages, nil
}

// idList writes IDs as a SQL list. They are integers, so they go into the
// query's text: a list of up to koers.MaxSelection, not a placeholder each.
func idList(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// loadPlaces reads the documents matched by where with their trees and
// organisations: what places a page for a reader.
func loadPlaces(q q, where string) ([]*koers.Document, map[int64]*koers.Organisation, error) {
	docs, err := loadDocuments(q, where)
	if err == nil {
		err = loadTrees(q, docs)
	}
	if err != nil {
		return nil, nil, err
	}
	orgs, err := loadOrganisations(q, docs, true)
	return docs, orgs, err
}

// loadDocuments reads the documents matched by where, by ID; callers
// order them as they need.
func loadDocuments(q q, where string) ([]*koers.Document, error) {
	var docs []*koers.Document
	err := q.each("SELECT "+documentColumns+" FROM documents WHERE "+where+" ORDER BY id", nil, func(rows *sql.Rows) error {
		d, err := scanDocument(rows)
		docs = append(docs, d)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].Less(docs[j]) })
	return docs, nil
}

// loadOrganisations reads the organisations of docs, by ID; without their
// logos unless logos is set.
func loadOrganisations(q q, docs []*koers.Document, logos bool) (map[int64]*koers.Organisation, error) {
	orgs := map[int64]*koers.Organisation{}
	if len(docs) == 0 {
		return orgs, nil
	}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.OrganisationID
	}
	columns := organisationColumns
	if !logos {
		columns = "id, slug, name, cbs_code, theme_colour, '', status_legend, finance_signs, finance_threshold, self_review"
	}
	err := q.each("SELECT "+columns+" FROM organisations WHERE id IN ("+idList(ids)+")", nil, func(rows *sql.Rows) error {
		o, err := scanOrganisation(rows)
		if err == nil {
			orgs[o.ID] = o
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	return orgs, nil
}

// loadTrees fills the page trees of docs, without content, in one query.
func loadTrees(q q, docs []*koers.Document) error {
	if len(docs) == 0 {
		return nil
	}
	byDoc := map[int64]*koers.Document{}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
		byDoc[d.ID] = d
		d.Pages = nil
	}
	var pages []*koers.Page
	byID := map[int64]*koers.Page{}
	err := q.each("SELECT "+pageColumns+" FROM pages WHERE document_id IN ("+idList(ids)+") ORDER BY document_id, position, id", nil,
		func(rows *sql.Rows) error {
			pg, err := scanPage(rows)
			if err != nil {
				return err
			}
			pages = append(pages, pg)
			byID[pg.ID] = pg
			return nil
		})
	if err != nil {
		return fmt.Errorf("page trees: %w", err)
	}
	for _, pg := range pages {
		if parent := byID[pg.ParentID]; parent != nil {
			parent.Children = append(parent.Children, pg)
		} else {
			byDoc[pg.DocumentID].Pages = append(byDoc[pg.DocumentID].Pages, pg)
		}
	}
	return nil
}

// loadContent fills the content of pages, by ID, with one query per kind
// of content.
func loadContent(q q, pages map[int64]*koers.Page) error {
	if len(pages) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(pages))
	for id := range pages {
		ids = append(ids, id)
	}
	// The loader takes one argument; the IDs are in the text.
	return contentLoader{q: q, pages: pages}.load("p.id IN (" + idList(ids) + ")")
}

// Redirect is the store's: redirects are of published pages.
func (p published) Redirect(ctx context.Context, documentID int64, path string) (string, error) {
	return p.s.Redirect(ctx, documentID, path)
}

// PublishedVersions lists the versions of a published document, in one
// query: a slug without a published document has none to show.
func (p published) PublishedVersions(ctx context.Context, orgID int64, slug string) ([]koers.Version, error) {
	var out []koers.Version
	err := p.s.read(ctx, func(q q) error {
		return q.each(`SELECT v.id, v.organisation_id, v.slug, v.title, v.published_at, COALESCE(u.name, ''), v.current, v.number, v.note
			FROM versions v LEFT JOIN users u ON u.id = v.published_by
			WHERE v.organisation_id = ? AND v.slug = ?
			  AND EXISTS (SELECT 1 FROM documents d WHERE d.organisation_id = v.organisation_id AND d.slug = v.slug)
			ORDER BY v.number DESC`, []any{orgID, slug}, func(rows *sql.Rows) error {
			var v koers.Version
			if err := rows.Scan(&v.ID, &v.OrganisationID, &v.Slug, &v.Title, timeScan{&v.PublishedAt}, &v.PublisherName,
				&v.Current, &v.Number, &v.Note); err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("published versions of %s: %w", slug, err)
	}
	return out, nil
}

// VersionDocument reads one version of a published document with its
// content, in one query.
func (p published) VersionDocument(ctx context.Context, orgID int64, slug string, number int) (*koers.Version, *koers.Document, error) {
	v := koers.Version{OrganisationID: orgID, Slug: slug, Number: number}
	var body []byte
	err := p.s.read(ctx, func(q q) error {
		return q.queryRow(`SELECT v.id, v.title, v.published_at, COALESCE(u.name, ''), v.current, v.note, v.body
			FROM versions v LEFT JOIN users u ON u.id = v.published_by
			WHERE v.organisation_id = ? AND v.slug = ? AND v.number = ?
			  AND EXISTS (SELECT 1 FROM documents d WHERE d.organisation_id = v.organisation_id AND d.slug = v.slug)`,
			orgID, slug, number).Scan(&v.ID, &v.Title, timeScan{&v.PublishedAt}, &v.PublisherName, &v.Current, &v.Note, &body)
	})
	if err != nil {
		return nil, nil, notFound(err, "Versie %d van dit document bestaat niet.", number)
	}
	var kept koers.Draft
	if err := koers.DecodeDraft(body, &kept); err != nil {
		return nil, nil, fmt.Errorf("version %d of %s: %w", number, slug, err)
	}
	doc := kept.Document
	doc.Slug = slug // a renamed document's versions keep their old slug inside
	koers.PrepareVersion(orgID, doc)
	return &v, doc, nil
}
