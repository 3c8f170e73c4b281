-- Indicators through the years, benchmarks and full-text search, as SQLite's
-- 00004. IF NOT EXISTS: databases that applied the old all-in-one 00001 have
-- these already.

-- +goose Up
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS direction  TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS definition TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS source     TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN IF NOT EXISTS threshold  INTEGER NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS benchmarks (
    indicator      TEXT NOT NULL,
    area           TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    unit           TEXT NOT NULL CHECK (unit IN ('count', 'percentage', 'amount')),
    source         TEXT NOT NULL DEFAULT '',
    reference_date TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator, area, period)
);

-- Search with PostgreSQL's own Dutch text search configuration (SQLite has
-- page_text and an FTS5 table instead); the title weighs as A, the body as D.
CREATE TABLE IF NOT EXISTS page_search (
    page_id BIGINT PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
    text    TEXT     NOT NULL,
    doc     TSVECTOR NOT NULL
);
CREATE INDEX IF NOT EXISTS page_search_doc ON page_search USING GIN (doc);

-- +goose Down
DROP TABLE page_search;
DROP TABLE benchmarks;
ALTER TABLE indicators DROP COLUMN threshold;
ALTER TABLE indicators DROP COLUMN source;
ALTER TABLE indicators DROP COLUMN definition;
ALTER TABLE indicators DROP COLUMN direction;
