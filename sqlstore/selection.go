package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/koers-nl/koers"
)

// Selection returns the pages of a selection in the order they were added.
func (s *Store) Selection(ctx context.Context, token string) ([]int64, error) {
	rows, err := s.query(ctx, "SELECT page_id FROM selections WHERE token = ? ORDER BY added_at, page_id", token)
	if err != nil {
		return nil, fmt.Errorf("selection: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("selection: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Select adds or removes one page; see koers.Store.
func (s *Store) Select(ctx context.Context, token string, pageID int64, selected bool) error {
	return s.tx(ctx, false, func(tx *sql.Tx) error {
		now := time.Now().UTC()
		// Forget selections nobody touched for a long time.
		if _, err := s.execTx(ctx, tx, "DELETE FROM selections WHERE added_at < ?",
			now.Add(-koers.SelectionLifetime).Format(time.RFC3339Nano)); err != nil {
			return err
		}
		if !selected {
			_, err := s.execTx(ctx, tx, "DELETE FROM selections WHERE token = ? AND page_id = ?", token, pageID)
			return err
		}
		var exists int
		if err := s.queryRowTx(ctx, tx, "SELECT COUNT(*) FROM pages WHERE id = ?", pageID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return koers.Errorf(koers.ENOTFOUND, "Pagina %d bestaat niet.", pageID)
		}
		var n int
		if err := s.queryRowTx(ctx, tx, "SELECT COUNT(*) FROM selections WHERE token = ? AND page_id <> ?", token, pageID).Scan(&n); err != nil {
			return err
		}
		if n >= koers.MaxSelection {
			return koers.Errorf(koers.EINVALID, "Uw selectie heeft al %d pagina's, het maximum. Verwijder eerst een pagina.", koers.MaxSelection)
		}
		_, err := s.execTx(ctx, tx, `INSERT INTO selections (token, page_id, added_at) VALUES (?, ?, ?)
			ON CONFLICT (token, page_id) DO NOTHING`, token, pageID, now.Format(time.RFC3339Nano))
		return err
	})
}

// ClearSelection empties a selection.
func (s *Store) ClearSelection(ctx context.Context, token string) error {
	return s.tx(ctx, false, func(tx *sql.Tx) error {
		_, err := s.execTx(ctx, tx, "DELETE FROM selections WHERE token = ?", token)
		return err
	})
}
