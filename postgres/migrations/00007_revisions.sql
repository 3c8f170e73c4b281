-- A revision per organisation and one for what every organisation shows;
-- see SQLite's 00007.

-- +goose Up
ALTER TABLE organisations ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE revision ADD COLUMN shared BIGINT NOT NULL DEFAULT 0;
UPDATE organisations SET revision = (SELECT value FROM revision WHERE id = 1);
UPDATE revision SET shared = value;

-- +goose Down
ALTER TABLE revision DROP COLUMN shared;
ALTER TABLE organisations DROP COLUMN revision;
