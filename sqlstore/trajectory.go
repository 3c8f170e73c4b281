package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
)

// Trajectory reads the organisation's documents and their trees, and the
// content of the sub-programme's pages in every year: four queries for
// trees and documents plus the content loader's, whatever the number of
// documents. koers.TrajectoryOf decides the steps.
func (p published) Trajectory(ctx context.Context, orgID int64, programme, number string, scope koers.Scope) (*koers.Trajectory, error) {
	var t *koers.Trajectory
	err := p.s.read(ctx, func(q q) error {
		docs, err := loadDocuments(q, "organisation_id = "+strconv.FormatInt(orgID, 10))
		if err != nil {
			return err
		}
		if err := loadTrees(q, docs); err != nil {
			return err
		}
		pages := map[int64]*koers.Page{}
		for _, d := range docs {
			_ = d.Walk(func(pg *koers.Page) error {
				if strings.EqualFold(pg.Number, programme) && pg.HasContentHint() {
					pages[pg.ID] = pg
				}
				return nil
			})
		}
		if err := loadContent(q, pages); err != nil {
			return err
		}
		t = koers.TrajectoryOf(programme, scope, number, docs)
		if len(t.Steps) == 0 {
			what := "Doel"
			if scope == koers.ScopeActivities {
				what = "Activiteit"
			}
			return koers.Errorf(koers.ENOTFOUND, "%s %s van programma %s staat in geen document.", what, number, strings.ToUpper(programme))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trajectory %s %s %s: %w", programme, scope, number, err)
	}
	return t, nil
}
