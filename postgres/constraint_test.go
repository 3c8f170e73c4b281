package postgres

import (
	"context"
	"testing"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/storetest"
)

// TestConstraintCodes: the database's own refusals are told apart, so that
// the store can answer with a code instead of the driver's words.
func TestConstraintCodes(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := s.DB()
	if _, err := db.ExecContext(ctx, "INSERT INTO organisations (slug, name) VALUES ('a', 'A')"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		stmt, code string
	}{
		{"INSERT INTO organisations (slug, name) VALUES ('a', 'A')", koers.ECONFLICT},
		{"INSERT INTO organisations (slug) VALUES ('b')", koers.EINVALID},
		{"INSERT INTO documents (organisation_id, kind, year, title, slug, updated_at) VALUES ((SELECT id FROM organisations), 'nota', 2020, 't', 's', now())", koers.EINVALID},
		{"INSERT INTO pages (document_id, position, kind, title, slug, path) VALUES (999, 0, 'page', 't', 's', 's')", koers.EINVALID},
		{"SELECT * FROM nowhere", ""},
	}
	for _, tt := range tests {
		_, err := db.ExecContext(ctx, tt.stmt)
		if err == nil {
			t.Errorf("%s: no error", tt.stmt)
			continue
		}
		if got := (dialect{}).Constraint(err); got != tt.code {
			t.Errorf("%s: %v is %q, want %q", tt.stmt, err, got, tt.code)
		}
	}
}
