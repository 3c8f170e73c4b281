-- Each document keeps its own words about an indicator: unit, direction,
-- definition, source and privacy threshold move from the indicator (one row
-- per organisation and key, which the last import overwrote) to the page
-- that shows it. Amounts of money are whole cents in their own integer
-- column; floats stay for counts and percentages; values keep their order. Times are TIMESTAMPTZ.

-- +goose Up
ALTER TABLE page_indicators
    ADD COLUMN unit       TEXT    NOT NULL DEFAULT 'count' CHECK (unit IN ('count', 'percentage', 'amount')),
    ADD COLUMN direction  TEXT    NOT NULL DEFAULT '',
    ADD COLUMN definition TEXT    NOT NULL DEFAULT '',
    ADD COLUMN source     TEXT    NOT NULL DEFAULT '',
    ADD COLUMN threshold  INTEGER NOT NULL DEFAULT 0;
UPDATE page_indicators p SET unit = i.unit, direction = i.direction, definition = i.definition,
    source = i.source, threshold = i.threshold
FROM indicators i WHERE i.id = p.indicator_id;
ALTER TABLE indicators DROP COLUMN unit, DROP COLUMN direction, DROP COLUMN definition,
    DROP COLUMN source, DROP COLUMN threshold;

ALTER TABLE indicator_values ADD COLUMN amount BIGINT;
-- Values keep the order their document gives them, for a faithful export.
ALTER TABLE indicator_values ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE indicator_values v SET amount = ROUND(v.value * 100)::BIGINT, value = NULL
FROM page_indicators i JOIN pages p ON p.id = i.page_id
WHERE v.value IS NOT NULL AND i.indicator_id = v.indicator_id AND p.document_id = v.document_id
    AND i.unit = 'amount';

ALTER TABLE documents ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at::timestamptz;
ALTER TABLE selections ALTER COLUMN added_at TYPE TIMESTAMPTZ USING added_at::timestamptz;

-- +goose Down
ALTER TABLE selections ALTER COLUMN added_at TYPE TEXT
    USING to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
ALTER TABLE documents ALTER COLUMN updated_at TYPE TEXT
    USING to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

UPDATE indicator_values SET value = amount / 100.0 WHERE amount IS NOT NULL;
ALTER TABLE indicator_values DROP COLUMN position;
ALTER TABLE indicator_values DROP COLUMN amount;

ALTER TABLE indicators
    ADD COLUMN unit       TEXT    NOT NULL DEFAULT 'count' CHECK (unit IN ('count', 'percentage', 'amount')),
    ADD COLUMN direction  TEXT    NOT NULL DEFAULT '',
    ADD COLUMN definition TEXT    NOT NULL DEFAULT '',
    ADD COLUMN source     TEXT    NOT NULL DEFAULT '',
    ADD COLUMN threshold  INTEGER NOT NULL DEFAULT 0;
UPDATE indicators i SET unit = p.unit, direction = p.direction, definition = p.definition,
    source = p.source, threshold = p.threshold
FROM (SELECT DISTINCT ON (indicator_id) * FROM page_indicators ORDER BY indicator_id, page_id DESC) p
WHERE p.indicator_id = i.id;
ALTER TABLE page_indicators DROP COLUMN unit, DROP COLUMN direction, DROP COLUMN definition,
    DROP COLUMN source, DROP COLUMN threshold;
