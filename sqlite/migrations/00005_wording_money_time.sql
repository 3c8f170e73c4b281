-- Each document keeps its own words about an indicator: unit, direction,
-- definition, source and privacy threshold move from the indicator (one row
-- per organisation and key, which the last import overwrote) to the page
-- that shows it. Amounts of money are whole cents in their own integer
-- column; floats stay for counts and percentages; values keep their order. Times are integers:
-- microseconds since 1970 UTC, which sort as times.

-- +goose Up
ALTER TABLE page_indicators ADD COLUMN unit TEXT NOT NULL DEFAULT 'count'
    CHECK (unit IN ('count', 'percentage', 'amount'));
ALTER TABLE page_indicators ADD COLUMN direction  TEXT    NOT NULL DEFAULT '';
ALTER TABLE page_indicators ADD COLUMN definition TEXT    NOT NULL DEFAULT '';
ALTER TABLE page_indicators ADD COLUMN source     TEXT    NOT NULL DEFAULT '';
ALTER TABLE page_indicators ADD COLUMN threshold  INTEGER NOT NULL DEFAULT 0;
UPDATE page_indicators SET
    unit       = (SELECT i.unit       FROM indicators i WHERE i.id = indicator_id),
    direction  = (SELECT i.direction  FROM indicators i WHERE i.id = indicator_id),
    definition = (SELECT i.definition FROM indicators i WHERE i.id = indicator_id),
    source     = (SELECT i.source     FROM indicators i WHERE i.id = indicator_id),
    threshold  = (SELECT i.threshold  FROM indicators i WHERE i.id = indicator_id);
ALTER TABLE indicators DROP COLUMN unit;
ALTER TABLE indicators DROP COLUMN direction;
ALTER TABLE indicators DROP COLUMN definition;
ALTER TABLE indicators DROP COLUMN source;
ALTER TABLE indicators DROP COLUMN threshold;

ALTER TABLE indicator_values ADD COLUMN amount INTEGER;
-- Values keep the order their document gives them, for a faithful export.
ALTER TABLE indicator_values ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE indicator_values SET amount = CAST(ROUND(value * 100) AS INTEGER), value = NULL
    WHERE value IS NOT NULL AND EXISTS (
        SELECT 1 FROM page_indicators i JOIN pages p ON p.id = i.page_id
        WHERE i.indicator_id = indicator_values.indicator_id AND p.document_id = indicator_values.document_id
            AND i.unit = 'amount');

ALTER TABLE documents ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET updated = CAST(strftime('%s', updated_at) AS INTEGER) * 1000000;
ALTER TABLE documents DROP COLUMN updated_at;
ALTER TABLE documents RENAME COLUMN updated TO updated_at;

DROP INDEX selections_added;
ALTER TABLE selections ADD COLUMN added INTEGER NOT NULL DEFAULT 0;
-- SQLite's date functions keep milliseconds, which is all the order of a
-- selection needs.
UPDATE selections SET added = CAST(strftime('%s', added_at) AS INTEGER) * 1000000
    + CAST(ROUND((strftime('%f', added_at) - CAST(strftime('%S', added_at) AS INTEGER)) * 1000) AS INTEGER) * 1000;
ALTER TABLE selections DROP COLUMN added_at;
ALTER TABLE selections RENAME COLUMN added TO added_at;
CREATE INDEX selections_added ON selections (added_at);

-- +goose Down
DROP INDEX selections_added;
ALTER TABLE selections ADD COLUMN added TEXT NOT NULL DEFAULT '';
UPDATE selections SET added = strftime('%Y-%m-%dT%H:%M:%fZ', added_at / 1000000.0, 'unixepoch');
ALTER TABLE selections DROP COLUMN added_at;
ALTER TABLE selections RENAME COLUMN added TO added_at;
CREATE INDEX selections_added ON selections (added_at);

ALTER TABLE documents ADD COLUMN updated TEXT NOT NULL DEFAULT '';
UPDATE documents SET updated = strftime('%Y-%m-%dT%H:%M:%SZ', updated_at / 1000000, 'unixepoch');
ALTER TABLE documents DROP COLUMN updated_at;
ALTER TABLE documents RENAME COLUMN updated TO updated_at;

UPDATE indicator_values SET value = amount / 100.0 WHERE amount IS NOT NULL;
ALTER TABLE indicator_values DROP COLUMN position;
ALTER TABLE indicator_values DROP COLUMN amount;

ALTER TABLE indicators ADD COLUMN unit TEXT NOT NULL DEFAULT 'count'
    CHECK (unit IN ('count', 'percentage', 'amount'));
ALTER TABLE indicators ADD COLUMN direction  TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN definition TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN source     TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN threshold  INTEGER NOT NULL DEFAULT 0;
UPDATE indicators SET
    unit       = COALESCE((SELECT p.unit       FROM page_indicators p WHERE p.indicator_id = indicators.id ORDER BY p.page_id DESC LIMIT 1), 'count'),
    direction  = COALESCE((SELECT p.direction  FROM page_indicators p WHERE p.indicator_id = indicators.id ORDER BY p.page_id DESC LIMIT 1), ''),
    definition = COALESCE((SELECT p.definition FROM page_indicators p WHERE p.indicator_id = indicators.id ORDER BY p.page_id DESC LIMIT 1), ''),
    source     = COALESCE((SELECT p.source     FROM page_indicators p WHERE p.indicator_id = indicators.id ORDER BY p.page_id DESC LIMIT 1), ''),
    threshold  = COALESCE((SELECT p.threshold  FROM page_indicators p WHERE p.indicator_id = indicators.id ORDER BY p.page_id DESC LIMIT 1), 0);
ALTER TABLE page_indicators DROP COLUMN threshold;
ALTER TABLE page_indicators DROP COLUMN source;
ALTER TABLE page_indicators DROP COLUMN definition;
ALTER TABLE page_indicators DROP COLUMN direction;
ALTER TABLE page_indicators DROP COLUMN unit;
