package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/koers-nl/koers"
)

const organisationColumns = "id, slug, name, cbs_code, theme_colour, logo_svg, status_legend, finance_signs, finance_threshold, self_review"

func scanOrganisation(row interface{ Scan(...any) error }) (*koers.Organisation, error) {
	var o koers.Organisation
	var legend string
	if err := row.Scan(&o.ID, &o.Slug, &o.Name, &o.CBSCode, &o.Theme.Colour, &o.Theme.Logo, &legend, &o.Finance.Signs, &o.Finance.Threshold, &o.SelfReview); err != nil {
		return nil, err
	}
	var err error
	o.StatusLegend, err = decodeStatusLegend(legend)
	return &o, err
}

// Organisations lists every organisation by name.
func (s *Store) Organisations(ctx context.Context) ([]*koers.Organisation, error) {
	var orgs []*koers.Organisation
	err := s.read(ctx, func(q q) error {
		return q.each("SELECT "+organisationColumns+" FROM organisations ORDER BY name, id", nil, func(rows *sql.Rows) error {
			o, err := scanOrganisation(rows)
			orgs = append(orgs, o)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("organisations: %w", err)
	}
	return orgs, nil
}

// Organisation returns the organisation with the given ID.
func (s *Store) Organisation(ctx context.Context, id int64) (*koers.Organisation, error) {
	var o *koers.Organisation
	err := s.read(ctx, func(q q) (err error) {
		o, err = scanOrganisation(q.queryRow("SELECT "+organisationColumns+" FROM organisations WHERE id = ?", id))
		return err
	})
	if err != nil {
		return nil, notFound(err, "Organisatie %d bestaat niet.", id)
	}
	return o, nil
}

// OrganisationBySlug returns the organisation with the given slug.
func (s *Store) OrganisationBySlug(ctx context.Context, slug string) (*koers.Organisation, error) {
	var o *koers.Organisation
	err := s.read(ctx, func(q q) (err error) {
		o, err = scanOrganisation(q.queryRow("SELECT "+organisationColumns+" FROM organisations WHERE slug = ?", slug))
		return err
	})
	if err != nil {
		return nil, notFound(err, "Organisatie %q bestaat niet.", slug)
	}
	return o, nil
}

const documentColumns = "id, organisation_id, kind, year, sequence, title, slug, updated_at"

func scanDocument(row interface{ Scan(...any) error }) (*koers.Document, error) {
	var d koers.Document
	if err := row.Scan(&d.ID, &d.OrganisationID, &d.Kind, &d.Year, &d.Sequence, &d.Title, &d.Slug, timeScan{&d.UpdatedAt}); err != nil {
		return nil, err
	}
	return &d, nil
}

// Documents lists documents, newest year first and in cycle order within a
// year.
func (s *Store) Documents(ctx context.Context, f koers.DocumentFilter) ([]*koers.Document, error) {
	query, args := "SELECT "+documentColumns+" FROM documents", []any{}
	if f.OrganisationID != 0 {
		query += " WHERE organisation_id = ?"
		args = append(args, f.OrganisationID)
	}
	query += " ORDER BY " + documentOrder
	var docs []*koers.Document
	err := s.read(ctx, func(q q) error {
		return q.each(query, args, func(rows *sql.Rows) error {
			d, err := scanDocument(rows)
			docs = append(docs, d)
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	return docs, nil
}

// Document returns a document with its page tree.
func (s *Store) Document(ctx context.Context, id int64, content bool) (*koers.Document, error) {
	var d *koers.Document
	err := s.read(ctx, func(q q) (err error) {
		if d, err = scanDocument(q.queryRow("SELECT "+documentColumns+" FROM documents WHERE id = ?", id)); err != nil {
			return notFound(err, "Document %d bestaat niet.", id)
		}
		return loadTree(q, d, content)
	})
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	return d, nil
}

// DocumentBySlug returns an organisation's document with its page tree,
// without content.
func (s *Store) DocumentBySlug(ctx context.Context, orgID int64, slug string) (*koers.Document, error) {
	var d *koers.Document
	err := s.read(ctx, func(q q) (err error) {
		d, err = scanDocument(q.queryRow(
			"SELECT "+documentColumns+" FROM documents WHERE organisation_id = ? AND slug = ?", orgID, slug))
		if err != nil {
			return notFound(err, "Document %q bestaat niet.", slug)
		}
		return loadTree(q, d, false)
	})
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", slug, err)
	}
	return d, nil
}

const pageColumns = "id, document_id, COALESCE(parent_id, 0), position, kind, number, title, slug, path"

func scanPage(row interface{ Scan(...any) error }) (*koers.Page, error) {
	var p koers.Page
	err := row.Scan(&p.ID, &p.DocumentID, &p.ParentID, &p.Position, &p.Kind, &p.Number, &p.Title, &p.Slug, &p.Path)
	return &p, err
}

// loadTree fills d.Pages with the document's tree and, when content is set,
// every page's content.
func loadTree(q q, d *koers.Document, content bool) error {
	rows, err := q.query("SELECT "+pageColumns+" FROM pages WHERE document_id = ? ORDER BY position, id", d.ID)
	if err != nil {
		return err
	}
	var pages []*koers.Page
	byID := map[int64]*koers.Page{}
	for rows.Next() {
		p, err := scanPage(rows)
		if err != nil {
			rows.Close()
			return err
		}
		pages = append(pages, p)
		byID[p.ID] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	d.Pages = nil
	for _, p := range pages {
		if parent := byID[p.ParentID]; parent != nil {
			parent.Children = append(parent.Children, p)
		} else {
			d.Pages = append(d.Pages, p)
		}
	}
	if !content {
		return nil
	}
	c := contentLoader{q: q, pages: byID}
	return c.load("p.document_id = ?", d.ID)
}

// Page returns one page with its content.
func (s *Store) Page(ctx context.Context, id int64) (*koers.Page, error) {
	var p *koers.Page
	err := s.read(ctx, func(q q) (err error) {
		p, err = loadPage(q, "id = ?", id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", id, notFound(err, "Pagina %d bestaat niet.", id))
	}
	return p, nil
}

// loadPage reads the page matched by where (on pages) with its content.
func loadPage(q q, where string, args ...any) (*koers.Page, error) {
	p, err := scanPage(q.queryRow("SELECT "+pageColumns+" FROM pages WHERE "+where, args...))
	if err != nil {
		return nil, err
	}
	c := contentLoader{q: q, pages: map[int64]*koers.Page{p.ID: p}}
	if err := c.load("p.id = ?", p.ID); err != nil {
		return nil, err
	}
	return p, nil
}

// PageByPath returns the page of a document at path, with its content.
func (s *Store) PageByPath(ctx context.Context, documentID int64, path string) (*koers.Page, error) {
	var p *koers.Page
	err := s.read(ctx, func(q q) (err error) {
		p, err = loadPage(q, "document_id = ? AND path = ?", documentID, path)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", path, notFound(err, "Pagina %q bestaat niet.", path))
	}
	return p, nil
}

// Indicators returns a document's indicators in page and row order.
func (s *Store) Indicators(ctx context.Context, documentID int64) ([]*koers.Indicator, error) {
	d, err := s.Document(ctx, documentID, true)
	if err != nil {
		return nil, err
	}
	var out []*koers.Indicator
	_ = d.Walk(func(p *koers.Page) error {
		out = append(out, p.Indicators...)
		return nil
	})
	return out, nil
}

// contentLoader fills the content of a set of pages with one query per kind
// of content, whatever the number of pages.
type contentLoader struct {
	q
	pages map[int64]*koers.Page
}

// page returns a page of the set. Content of a page outside it means the
// reads did not share one snapshot: an error, never a nil dereference.
func (c contentLoader) page(id int64) (*koers.Page, error) {
	if p := c.pages[id]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("content of page %d, which the tree read does not hold", id)
}

// load reads the content of the pages matched by where (on pages p).
func (c contentLoader) load(where string, args ...any) error {
	err := c.each(`SELECT g.page_id, s.id, s.number, g.title FROM page_smart_goals g
		JOIN smart_goals s ON s.id = g.smart_goal_id JOIN pages p ON p.id = g.page_id
		WHERE `+where+` ORDER BY g.page_id, g.position`, args, func(rows *sql.Rows) error {
		var pid int64
		var g koers.SmartGoal
		if err := rows.Scan(&pid, &g.ID, &g.Number, &g.Title); err != nil {
			return err
		}
		p, err := c.page(pid)
		if err != nil {
			return err
		}
		p.SmartGoals = append(p.SmartGoals, g)
		return nil
	})
	if err != nil {
		return fmt.Errorf("smart goals: %w", err)
	}
	err = c.each(`SELECT a.page_id, s.id, s.number, a.title, a.footnote_marker, a.footnote_text FROM page_activities a
		JOIN activities s ON s.id = a.activity_id JOIN pages p ON p.id = a.page_id
		WHERE `+where+` ORDER BY a.page_id, a.position`, args, func(rows *sql.Rows) error {
		var pid int64
		var a koers.Activity
		var marker, text string
		if err := rows.Scan(&pid, &a.ID, &a.Number, &a.Title, &marker, &text); err != nil {
			return err
		}
		a.Footnote = makeFootnote(marker, text)
		p, err := c.page(pid)
		if err != nil {
			return err
		}
		p.Activities = append(p.Activities, a)
		return nil
	})
	if err != nil {
		return fmt.Errorf("activities: %w", err)
	}
	type key struct{ page, indicator int64 }
	byKey := map[key]*koers.Indicator{}
	err = c.each(`SELECT `+indicatorColumns+`
		FROM page_indicators i JOIN indicators s ON s.id = i.indicator_id JOIN pages p ON p.id = i.page_id
		WHERE `+where+` ORDER BY i.page_id, i.position`, args, func(rows *sql.Rows) error {
		in, err := scanIndicator(rows)
		if err != nil {
			return err
		}
		p, err := c.page(in.PageID)
		if err != nil {
			return err
		}
		p.Indicators = append(p.Indicators, in)
		byKey[key{in.PageID, in.ID}] = in
		return nil
	})
	if err != nil {
		return fmt.Errorf("indicators: %w", err)
	}
	if len(byKey) > 0 {
		// A page shows the values its own document reports.
		err = c.each(`SELECT i.page_id, v.indicator_id, v.year, v.kind, v.value, v.amount
			FROM indicator_values v JOIN page_indicators i ON i.indicator_id = v.indicator_id
			JOIN pages p ON p.id = i.page_id AND p.document_id = v.document_id
			WHERE `+where+` ORDER BY v.position, v.year, v.kind DESC`, args, func(rows *sql.Rows) error {
			var pid, iid int64
			var v koers.Value
			if err := rows.Scan(&pid, &iid, &v.Year, &v.Kind, &v.Number, &v.Amount); err != nil {
				return err
			}
			in := byKey[key{pid, iid}]
			if in == nil {
				return fmt.Errorf("values of indicator %d on page %d, which the pages read do not show", iid, pid)
			}
			v.DocumentID = c.pages[pid].DocumentID // in byKey, so in the set
			in.Values = append(in.Values, v)
			return nil
		})
		if err != nil {
			return fmt.Errorf("indicator values: %w", err)
		}
	}
	err = c.each(`SELECT b.page_id, b.body FROM blocks b JOIN pages p ON p.id = b.page_id
		WHERE `+where+` ORDER BY b.page_id, b.position`, args, func(rows *sql.Rows) error {
		var pid int64
		var body []byte
		if err := rows.Scan(&pid, &body); err != nil {
			return err
		}
		b, err := decodeBlock(body)
		if err != nil {
			return fmt.Errorf("page %d: %w", pid, err)
		}
		p, err := c.page(pid)
		if err != nil {
			return err
		}
		p.Blocks = append(p.Blocks, b)
		return nil
	})
	if err != nil {
		return fmt.Errorf("blocks: %w", err)
	}
	return nil
}

func makeFootnote(marker, text string) *koers.Footnote {
	if marker == "" && text == "" {
		return nil
	}
	return &koers.Footnote{Marker: marker, Text: text}
}
