package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// Windows on long lists (keyset pagination: the window after a key is the
// rows whose sort values compare greater than the key's, so the database
// skips to it instead of counting rows), and what the sitemap reads.

// kindRank is a document's kind as its place in the cycle, the order of
// koers.DocumentKinds (DocumentKind.Rank).
var kindRank = func() string {
	var b strings.Builder
	b.WriteString("CASE kind")
	for i, k := range koers.DocumentKinds {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", k, i)
	}
	fmt.Fprintf(&b, " ELSE %d END", len(koers.DocumentKinds))
	return b.String()
}()

// documentOrder is the order of Documents: newest year first, then the
// cycle, the sequence and the ID.
var documentOrder = "year DESC, " + kindRank + ", sequence, id"

func invalidLimit(limit int) error {
	return koers.Errorf(koers.EINVALID, "Een lijst kan 1 tot en met %d items tegelijk geven, niet %d.", koers.MaxLimit, limit)
}

// DocumentWindow reads the window's documents and their organisations: 2
// queries.
func (p published) DocumentWindow(ctx context.Context, f koers.DocumentFilter, after *koers.DocumentKey, limit int) (*koers.DocumentWindow, error) {
	if !koers.ValidLimit(limit) {
		return nil, invalidLimit(limit)
	}
	query, args := "SELECT "+documentColumns+" FROM documents WHERE 1 = 1", []any{}
	if f.OrganisationID != 0 {
		query += " AND organisation_id = ?"
		args = append(args, f.OrganisationID)
	}
	if after != nil {
		// The year descends: compare its negation.
		query += " AND (-year, " + kindRank + ", sequence, id) > (?, ?, ?, ?)"
		args = append(args, -after.Year, after.Kind.Rank(), after.Sequence, after.ID)
	}
	query += " ORDER BY " + documentOrder + " LIMIT ?"
	args = append(args, limit+1) // one more tells whether more follow
	w := &koers.DocumentWindow{}
	err := p.s.read(ctx, func(q q) error {
		err := q.each(query, args, func(rows *sql.Rows) error {
			d, err := scanDocument(rows)
			w.Documents = append(w.Documents, d)
			return err
		})
		if err != nil {
			return err
		}
		if len(w.Documents) > limit {
			w.Documents = w.Documents[:limit]
			key := w.Documents[limit-1].Key()
			w.Next = &key
		}
		w.Organisations, err = loadOrganisations(q, w.Documents, true)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("document window: %w", err)
	}
	return w, nil
}

// placeDigits is the width of a position in a page's place key: positions
// among siblings are below 10^10.
const placeDigits = 10

// pageOrder is a recursive query over one document's pages (the first
// argument) that gives every page its place key: the positions from the
// top of the tree down, each in placeDigits digits, joined. Place keys sort
// as text in reading order, parents before their children.
var pageOrder = func() string {
	zeros := "'" + strings.Repeat("0", placeDigits) + "'"
	pad := func(col string) string {
		return fmt.Sprintf("substr(%s || %s, length(%s || %s) - %d)", zeros, col, zeros, col, placeDigits-1)
	}
	return `WITH RECURSIVE tree (id, place) AS (
		SELECT id, ` + pad("position") + ` FROM pages WHERE document_id = ? AND parent_id IS NULL
		UNION ALL
		SELECT p.id, t.place || ` + pad("p.position") + ` FROM pages p JOIN tree t ON p.parent_id = t.id)`
}()

// placeKey writes a page's place as pageOrder does.
func placeKey(place []int) string {
	var b strings.Builder
	for _, n := range place {
		fmt.Fprintf(&b, "%0*d", placeDigits, n)
	}
	return b.String()
}

// parsePlace reads a place key back.
func parsePlace(key string) ([]int, error) {
	if len(key)%placeDigits != 0 {
		return nil, fmt.Errorf("place key %q", key)
	}
	var place []int
	for i := 0; i < len(key); i += placeDigits {
		n, err := strconv.Atoi(key[i : i+placeDigits])
		if err != nil {
			return nil, fmt.Errorf("place key %q: %w", key, err)
		}
		place = append(place, n)
	}
	return place, nil
}

// indicatorColumns are an indicator as a page words it (page_indicators i,
// indicators s), as scanIndicator reads them.
const indicatorColumns = `i.page_id, s.id, s.key, i.unit, i.direction, i.definition, i.source, i.threshold,
	i.number, i.name, i.footnote_marker, i.footnote_text`

func scanIndicator(rows *sql.Rows, extra ...any) (*koers.Indicator, error) {
	in := &koers.Indicator{}
	var marker, text string
	dest := append([]any{&in.PageID, &in.ID, &in.Key, &in.Unit, &in.Direction, &in.Definition, &in.Source, &in.Threshold,
		&in.Number, &in.Name, &marker, &text}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	in.Footnote = makeFootnote(marker, text)
	return in, nil
}

// IndicatorWindow checks that the document exists and reads the window's
// rows and their values: 3 queries.
func (p published) IndicatorWindow(ctx context.Context, documentID int64, after *koers.IndicatorKey, limit int) (*koers.IndicatorWindow, error) {
	if !koers.ValidLimit(limit) {
		return nil, invalidLimit(limit)
	}
	query := pageOrder + " SELECT " + indicatorColumns + `, t.place, i.position
		FROM page_indicators i JOIN tree t ON t.id = i.page_id JOIN indicators s ON s.id = i.indicator_id`
	args := []any{documentID}
	if after != nil {
		query += " WHERE (t.place, i.page_id, i.position, i.indicator_id) > (?, ?, ?, ?)"
		args = append(args, placeKey(after.Place), after.PageID, after.Row, after.IndicatorID)
	}
	query += " ORDER BY t.place, i.page_id, i.position, i.indicator_id LIMIT ?"
	args = append(args, limit+1)
	w := &koers.IndicatorWindow{}
	err := p.s.read(ctx, func(q q) error {
		var id int64
		if err := q.queryRow("SELECT id FROM documents WHERE id = ?", documentID).Scan(&id); err != nil {
			return notFound(err, "Document %d bestaat niet.", documentID)
		}
		var last koers.IndicatorKey
		var lastPlace string
		err := q.each(query, args, func(rows *sql.Rows) error {
			var place string
			var row int
			in, err := scanIndicator(rows, &place, &row)
			if err != nil {
				return err
			}
			if len(w.Indicators) < limit {
				w.Indicators = append(w.Indicators, in)
				last, lastPlace = koers.IndicatorKey{PageID: in.PageID, Row: row, IndicatorID: in.ID}, place
			} else {
				w.Next = &last
			}
			return nil
		})
		if err != nil {
			return err
		}
		if w.Next != nil {
			if w.Next.Place, err = parsePlace(lastPlace); err != nil {
				return err
			}
		}
		return loadValues(q, documentID, w.Indicators)
	})
	if err != nil {
		return nil, fmt.Errorf("indicator window of document %d: %w", documentID, err)
	}
	return w, nil
}

// loadValues fills in the values a document reports for its indicators
// as its pages show them, in one query.
func loadValues(q q, documentID int64, list []*koers.Indicator) error {
	if len(list) == 0 {
		return nil
	}
	type key struct{ page, indicator int64 }
	byKey := map[key]*koers.Indicator{}
	var pages []int64
	for _, in := range list {
		if len(byKey) == 0 || pages[len(pages)-1] != in.PageID {
			pages = append(pages, in.PageID)
		}
		byKey[key{in.PageID, in.ID}] = in
	}
	return q.each(`SELECT i.page_id, v.indicator_id, v.year, v.kind, v.value, v.amount
		FROM indicator_values v JOIN page_indicators i ON i.indicator_id = v.indicator_id
		WHERE v.document_id = ? AND i.page_id IN (`+idList(pages)+`)
		ORDER BY v.position, v.year, v.kind DESC`, []any{documentID}, func(rows *sql.Rows) error {
		var pid, iid int64
		v := koers.Value{DocumentID: documentID}
		if err := rows.Scan(&pid, &iid, &v.Year, &v.Kind, &v.Number, &v.Amount); err != nil {
			return err
		}
		// A page at the window's edge may show rows outside it.
		if in := byKey[key{pid, iid}]; in != nil {
			in.Values = append(in.Values, v)
		}
		return nil
	})
}

// Outline reads the organisation's documents, their trees, its
// indicators' keys and which documents have money: 4 queries.
func (p published) Outline(ctx context.Context, orgID int64) (*koers.Outline, error) {
	o := &koers.Outline{}
	err := p.s.read(ctx, func(q q) (err error) {
		if o.Documents, err = loadDocuments(q, "organisation_id = "+strconv.FormatInt(orgID, 10)); err != nil {
			return err
		}
		if err := loadTrees(q, o.Documents); err != nil {
			return err
		}
		err = q.each(`SELECT s.key FROM indicators s WHERE s.organisation_id = ?
			AND EXISTS (SELECT 1 FROM page_indicators i WHERE i.indicator_id = s.id)`, []any{orgID}, func(rows *sql.Rows) error {
			var key string
			err := rows.Scan(&key)
			o.Indicators = append(o.Indicators, key)
			return err
		})
		if err != nil {
			return err
		}
		return q.each(`SELECT d.id FROM documents d WHERE d.organisation_id = ? AND EXISTS (SELECT 1 FROM pages p
			JOIN blocks b ON b.page_id = p.id WHERE p.document_id = d.id AND b.type = ?) ORDER BY d.id`,
			[]any{orgID, string(koers.FinanceTableBlock)}, func(rows *sql.Rows) error {
				var id int64
				err := rows.Scan(&id)
				o.Money = append(o.Money, id)
				return err
			})
	})
	if err != nil {
		return nil, fmt.Errorf("outline of organisation %d: %w", orgID, err)
	}
	sort.Strings(o.Indicators) // in Go's order, not the database's collation
	return o, nil
}

// Extents counts per organisation in 4 queries, one row per organisation
// each.
func (p published) Extents(ctx context.Context) ([]koers.Extent, error) {
	var out []koers.Extent
	err := p.s.read(ctx, func(q q) error {
		byID := map[int64]*koers.Extent{}
		err := q.each("SELECT "+organisationColumns+" FROM organisations", nil, func(rows *sql.Rows) error {
			o, err := scanOrganisation(rows)
			if err == nil {
				out = append(out, koers.Extent{Organisation: o})
			}
			return err
		})
		if err != nil {
			return err
		}
		for i := range out {
			byID[out[i].Organisation.ID] = &out[i]
		}
		// Each query adds to the extents of the organisations it counts.
		count := func(what, query string, columns int, add func(e *koers.Extent, n []int)) error {
			err := q.each(query, nil, func(rows *sql.Rows) error {
				var id int64
				n := make([]int, columns) // after the ID
				dest := []any{&id}
				for i := range n {
					dest = append(dest, &n[i])
				}
				if err := rows.Scan(dest...); err != nil {
					return err
				}
				e := byID[id]
				if e == nil {
					return fmt.Errorf("organisation %d, which the organisations read do not hold", id)
				}
				add(e, n)
				return nil
			})
			if err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			return nil
		}
		if err := count("documents", `SELECT organisation_id, COUNT(*), MAX(LENGTH(slug)) FROM documents GROUP BY organisation_id`, 2,
			func(e *koers.Extent, n []int) {
				e.Documents, e.LongestPath = n[0], max(e.LongestPath, n[1])
			}); err != nil {
			return err
		}
		if err := count("pages", `SELECT d.organisation_id, COUNT(*), SUM(CASE WHEN p.number <> '' THEN 1 ELSE 0 END),
				MAX(LENGTH(d.slug) + 1 + LENGTH(p.path)), MAX(LENGTH(p.number))
			FROM pages p JOIN documents d ON d.id = p.document_id GROUP BY d.organisation_id`, 4,
			func(e *koers.Extent, n []int) {
				e.Pages, e.NumberedPages, e.LongestPath, e.LongestNumber = n[0], n[1], max(e.LongestPath, n[2]), n[3]
			}); err != nil {
			return err
		}
		if err := count("indicators", `SELECT s.organisation_id, COUNT(*), MAX(LENGTH(s.key)) FROM indicators s
			WHERE EXISTS (SELECT 1 FROM page_indicators i WHERE i.indicator_id = s.id) GROUP BY s.organisation_id`, 2,
			func(e *koers.Extent, n []int) { e.Indicators, e.LongestKey = n[0], n[1] }); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("extents: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Organisation.Slug < out[j].Organisation.Slug })
	return out, nil
}
