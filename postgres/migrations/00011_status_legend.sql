-- An organisation's own legend for the status of goals and activities, as
-- JSON (sqlstore's shape); '' keeps the default legend. As SQLite's 00011.

-- +goose Up
ALTER TABLE organisations ADD COLUMN status_legend TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE organisations DROP COLUMN status_legend;
