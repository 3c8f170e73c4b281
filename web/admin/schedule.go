package admin

import (
	"context"
	"log/slog"
	"time"

	"github.com/koers-nl/koers"
)

// RunScheduler publishes the drafts whose time has come, checking every
// interval until ctx ends, and calls published after it published any.
// Every instance of koers serve runs one: the store lets exactly one of
// them publish each draft (koers.Reviews.PublishDue), and the others learn
// of it through the revision, as after any publication.
func RunScheduler(ctx context.Context, s koers.Reviews, every time.Duration, published func(), log *slog.Logger) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			docs, err := s.PublishDue(ctx, now)
			if len(docs) > 0 {
				published()
			}
			for _, d := range docs {
				log.Info("published at its time", "organisation", d.OrganisationID, "document", d.Slug, "title", d.Title)
			}
			if err != nil && ctx.Err() == nil {
				log.Error("publishing at its time", "err", err)
			}
		}
	}
}
