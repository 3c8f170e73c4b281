package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/koers-nl/koers"
)

// Selection returns the pages of a selection in the order they were added.
func (s *Store) Selection(ctx context.Context, token string) ([]int64, error) {
	var ids []int64
	err := s.read(ctx, func(q q) error {
		return q.each("SELECT page_id FROM selections WHERE token = ? ORDER BY added_at, page_id", []any{token}, func(rows *sql.Rows) error {
			var id int64
			ids = append(ids, id)
			return rows.Scan(&ids[len(ids)-1])
		})
	})
	if err != nil {
		return nil, fmt.Errorf("selection: %w", err)
	}
	return ids, nil
}

// Select adds or removes one page; see koers.Store.
func (s *Store) Select(ctx context.Context, token string, pageID int64, selected bool) error {
	return s.tx(ctx, false, func(q q) error {
		// Forget selections nobody touched for a long time.
		if _, err := q.exec("DELETE FROM selections WHERE added_at < ?",
			q.time(q.now.Add(-koers.SelectionLifetime))); err != nil {
			return err
		}
		if !selected {
			_, err := q.exec("DELETE FROM selections WHERE token = ? AND page_id = ?", token, pageID)
			return err
		}
		var exists int
		if err := q.queryRow("SELECT COUNT(*) FROM pages WHERE id = ?", pageID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return koers.Errorf(koers.ENOTFOUND, "Pagina %d bestaat niet.", pageID)
		}
		var n, here int
		if err := q.queryRow("SELECT COUNT(*), COALESCE(SUM(CASE WHEN page_id = ? THEN 1 ELSE 0 END), 0) FROM selections WHERE token = ?",
			pageID, token).Scan(&n, &here); err != nil {
			return err
		}
		if here > 0 {
			return nil // selected already
		}
		if n >= koers.MaxSelection {
			return koers.Errorf(koers.EINVALID, "Uw selectie heeft al %d pagina's, het maximum. Verwijder eerst een pagina.", koers.MaxSelection)
		}
		var total int
		if err := q.queryRow("SELECT COUNT(*) FROM selections").Scan(&total); err != nil {
			return err
		}
		if total >= s.selectionCap() {
			return koers.Errorf(koers.ECONFLICT, "Er worden op dit moment te veel pagina's bewaard om er een bij te zetten. Probeer het later opnieuw.")
		}
		_, err := q.exec(`INSERT INTO selections (token, page_id, added_at) VALUES (?, ?, ?)
			ON CONFLICT (token, page_id) DO NOTHING`, token, pageID, q.time(q.now))
		return err
	})
}

// selectionCap is the most rows all selections together may hold.
func (s *Store) selectionCap() int {
	if s.maxSelectionRows > 0 {
		return s.maxSelectionRows
	}
	return koers.MaxSelectionRows
}

// SetMaxSelectionRows lowers the cap on all selections' rows, so that the
// contract suite can reach it; 0 restores koers.MaxSelectionRows.
func (s *Store) SetMaxSelectionRows(n int) { s.maxSelectionRows = n }

// ClearSelection empties a selection.
func (s *Store) ClearSelection(ctx context.Context, token string) error {
	return s.tx(ctx, false, func(q q) error {
		_, err := q.exec("DELETE FROM selections WHERE token = ?", token)
		return err
	})
}
