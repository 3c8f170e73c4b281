package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/koers-nl/koers"
)

// PutDocument writes org and doc in one transaction; see koers.Store.
func (s *Store) PutDocument(ctx context.Context, org *koers.Organisation, doc *koers.Document) error {
	// The domain's rules first: nothing is written that breaks them.
	if err := koers.ValidateDocument(org, doc); err != nil {
		return err
	}
	return s.write(ctx, func(q q) error { return putDocument(q, org, doc) })
}

// putDocument writes an organisation and one of its documents in q.
func putDocument(q q, org *koers.Organisation, doc *koers.Document) error {
	doc.SetPaths()
	w := &writer{q: q}
	err := w.organisation(org)
	if err == nil {
		doc.OrganisationID = org.ID
		err = w.document(doc)
	}
	if err != nil {
		return fmt.Errorf("put document %s/%s: %w", org.Slug, doc.Slug, err)
	}
	return nil
}

// DeleteDocument removes a document; its pages, blocks and values go with it.
func (s *Store) DeleteDocument(ctx context.Context, id int64) error {
	return s.write(ctx, func(q q) error { return deleteDocument(q, id) })
}

// deleteDocument removes a document in q and stamps its organisation.
func deleteDocument(q q, id int64) error {
	if _, err := q.exec(`UPDATE organisations SET revision = (SELECT value FROM revision WHERE id = 1)
		WHERE id = (SELECT organisation_id FROM documents WHERE id = ?)`, id); err != nil {
		return fmt.Errorf("delete document %d: %w", id, err)
	}
	if err := q.s.dialect.Unindex(q.ctx, q.tx, id); err != nil {
		return fmt.Errorf("delete document %d: %w", id, err)
	}
	res, err := q.exec("DELETE FROM documents WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete document %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return koers.Errorf(koers.ENOTFOUND, "Document %d bestaat niet.", id)
	}
	return nil
}

// writer holds one write transaction.
type writer struct {
	q
	org int64
}

func (w *writer) exec(query string, args ...any) error {
	_, err := w.q.exec(query, args...)
	return err
}

// organisation creates or updates the organisation and stamps it with the
// write's revision: the caller writes its content. A new organisation, or a
// new name or CBS code, changes what every organisation's indicator pages
// show (the benchmark areas are named after organisations): that stamps the
// shared revision too.
func (w *writer) organisation(org *koers.Organisation) error {
	var name, code string
	err := w.queryRow("SELECT name, cbs_code FROM organisations WHERE slug = ?", org.Slug).Scan(&name, &code)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("organisation: %w", err)
	}
	if err != nil || name != org.Name || code != org.CBSCode {
		if err := w.touchShared(); err != nil {
			return fmt.Errorf("organisation: %w", err)
		}
	}
	legend, err := encodeStatusLegend(org.StatusLegend)
	if err != nil {
		return fmt.Errorf("organisation: %w", err)
	}
	id, err := w.id(`INSERT INTO organisations (slug, name, cbs_code, theme_colour, logo_svg, status_legend, finance_signs, finance_threshold, revision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT value FROM revision WHERE id = 1))
		ON CONFLICT (slug) DO UPDATE SET name = excluded.name, cbs_code = excluded.cbs_code,
			theme_colour = excluded.theme_colour, logo_svg = excluded.logo_svg, status_legend = excluded.status_legend,
			finance_signs = excluded.finance_signs, finance_threshold = excluded.finance_threshold,
			revision = excluded.revision
		RETURNING id`, org.Slug, org.Name, org.CBSCode, org.Theme.Colour, org.Theme.Logo, legend, string(org.Finance.Signs), int64(org.Finance.Threshold))
	if err != nil {
		return fmt.Errorf("organisation: %w", err)
	}
	org.ID, w.org = id, id
	return nil
}

func (w *writer) document(doc *koers.Document) error {
	doc.UpdatedAt = w.now
	id, err := w.id(`INSERT INTO documents (organisation_id, kind, year, sequence, title, slug, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (organisation_id, slug) DO UPDATE SET kind = excluded.kind, year = excluded.year,
			sequence = excluded.sequence, title = excluded.title, updated_at = excluded.updated_at
		RETURNING id`,
		doc.OrganisationID, doc.Kind, doc.Year, doc.Sequence, doc.Title, doc.Slug, w.time(doc.UpdatedAt))
	if err != nil {
		return fmt.Errorf("document: %w", err)
	}
	doc.ID = id

	// Content is replaced whole; pages that keep their path keep their ID so
	// that links and PDF selections survive a re-import.
	existing := map[string]int64{}
	rows, err := w.query("SELECT path, id FROM pages WHERE document_id = ?", id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var path string
		var pid int64
		if err := rows.Scan(&path, &pid); err != nil {
			rows.Close()
			return err
		}
		existing[path] = pid
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, table := range []string{"blocks", "page_smart_goals", "page_activities", "page_indicators"} {
		if err := w.exec("DELETE FROM "+table+" WHERE page_id IN (SELECT id FROM pages WHERE document_id = ?)", id); err != nil {
			return err
		}
	}
	if err := w.exec("DELETE FROM indicator_values WHERE document_id = ?", id); err != nil {
		return err
	}
	if err := w.s.dialect.Unindex(w.ctx, w.tx, id); err != nil {
		return err
	}

	kept := map[int64]bool{}
	var put func(parent int64, pages []*koers.Page) error
	put = func(parent int64, pages []*koers.Page) error {
		for _, p := range pages {
			p.DocumentID, p.ParentID = id, parent
			if err := w.page(p, existing[p.Path]); err != nil {
				return fmt.Errorf("page %s: %w", p.Path, err)
			}
			kept[p.ID] = true
			if err := put(p.ID, p.Children); err != nil {
				return err
			}
		}
		return nil
	}
	if err := put(0, doc.Pages); err != nil {
		return err
	}
	for _, pid := range existing {
		if !kept[pid] {
			if err := w.exec("DELETE FROM pages WHERE id = ?", pid); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) page(p *koers.Page, existingID int64) error {
	parent := sql.NullInt64{Int64: p.ParentID, Valid: p.ParentID != 0}
	if existingID != 0 {
		p.ID = existingID
		if err := w.exec(`UPDATE pages SET parent_id = ?, position = ?, kind = ?, number = ?, title = ?, slug = ?
			WHERE id = ?`, parent, p.Position, p.Kind, p.Number, p.Title, p.Slug, p.ID); err != nil {
			return err
		}
	} else {
		id, err := w.id(`INSERT INTO pages (document_id, parent_id, position, kind, number, title, slug, path)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.DocumentID, parent, p.Position, p.Kind, p.Number, p.Title, p.Slug, p.Path)
		if err != nil {
			return err
		}
		p.ID = id
	}
	for i := range p.SmartGoals {
		g := &p.SmartGoals[i]
		id, err := w.planItem("smart_goals", p.Number, g.Number)
		if err == nil {
			g.ID = id
			err = w.exec("INSERT INTO page_smart_goals (page_id, smart_goal_id, position, title) VALUES (?, ?, ?, ?)",
				p.ID, id, i, g.Title)
		}
		if err != nil {
			return fmt.Errorf("smart goal %s: %w", g.Number, err)
		}
	}
	for i := range p.Activities {
		a := &p.Activities[i]
		id, err := w.planItem("activities", p.Number, a.Number)
		if err == nil {
			a.ID = id
			marker, text := footnote(a.Footnote)
			err = w.exec(`INSERT INTO page_activities (page_id, activity_id, position, title, footnote_marker, footnote_text)
				VALUES (?, ?, ?, ?, ?, ?)`, p.ID, id, i, a.Title, marker, text)
		}
		if err != nil {
			return fmt.Errorf("activity %s: %w", a.Number, err)
		}
	}
	for i, in := range p.Indicators {
		// The indicator row is its identity only; what it is (unit,
		// definition ...) is this page's, so that no document rewrites
		// another's words.
		id, err := w.id(`INSERT INTO indicators (organisation_id, key) VALUES (?, ?)
			ON CONFLICT (organisation_id, key) DO UPDATE SET key = excluded.key
			RETURNING id`, w.org, in.Key)
		if err != nil {
			return fmt.Errorf("indicator %s: %w", in.Key, err)
		}
		in.ID, in.PageID = id, p.ID
		marker, text := footnote(in.Footnote)
		if err := w.exec(`INSERT INTO page_indicators (page_id, indicator_id, position, number, name, footnote_marker, footnote_text,
				unit, direction, definition, source, threshold)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ID, id, i, in.Number, in.Name, marker, text,
			in.Unit, in.Direction, in.Definition, in.Source, in.Threshold); err != nil {
			return fmt.Errorf("indicator %s: %w", in.Key, err)
		}
		for j := range in.Values {
			v := &in.Values[j]
			v.DocumentID = p.DocumentID
			if err := w.exec(`INSERT INTO indicator_values (indicator_id, document_id, year, kind, value, amount, position)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, id, p.DocumentID, v.Year, v.Kind, v.Number, (*int64)(v.Amount), j); err != nil {
				return fmt.Errorf("indicator %s value %d %s: %w", in.Key, v.Year, v.Kind, err)
			}
		}
	}
	if err := w.index(p); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for i, b := range p.Blocks {
		body, err := encodeBlock(b)
		if err != nil {
			return fmt.Errorf("block %d: %w", i, err)
		}
		if err := w.exec("INSERT INTO blocks (page_id, position, type, body) VALUES (?, ?, ?, ?)",
			p.ID, i, b.Type, body); err != nil {
			return fmt.Errorf("block %d: %w", i, err)
		}
	}
	return nil
}

// index makes the page findable.
func (w *writer) index(p *koers.Page) error {
	return w.s.dialect.Index(w.ctx, w.tx, p.ID, w.org, p.Title, p.Text())
}

// planItem returns the identity of a SMART goal or activity (table
// smart_goals or activities), creating it on first sight.
func (w *writer) planItem(table, programme, number string) (int64, error) {
	return w.id(`INSERT INTO `+table+` (organisation_id, programme, number) VALUES (?, ?, ?)
		ON CONFLICT (organisation_id, programme, number) DO UPDATE SET number = excluded.number
		RETURNING id`, w.org, programme, number)
}

func footnote(f *koers.Footnote) (marker, text string) {
	if f == nil {
		return "", ""
	}
	return f.Marker, f.Text
}
