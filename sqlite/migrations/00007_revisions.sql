-- A revision per organisation and one for what every organisation shows,
-- beside the global one, so that a cache drops only what a write changed:
-- organisations.revision is the global revision of the last write of that
-- organisation's content, revision.shared that of the last write of
-- benchmark figures or of an organisation's name or CBS code (the figures'
-- areas are named after them on every organisation's indicator pages).

-- +goose Up
ALTER TABLE organisations ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revision ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
UPDATE organisations SET revision = (SELECT value FROM revision WHERE id = 1);
UPDATE revision SET shared = value;

-- +goose Down
ALTER TABLE revision DROP COLUMN shared;
ALTER TABLE organisations DROP COLUMN revision;
