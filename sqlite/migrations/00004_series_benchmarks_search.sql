-- Indicators through the years: what they measure and which way is better;
-- comparison figures from outside sources; and full-text search.

-- +goose Up
ALTER TABLE indicators ADD COLUMN direction  TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN definition TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN source     TEXT    NOT NULL DEFAULT '';
ALTER TABLE indicators ADD COLUMN threshold  INTEGER NOT NULL DEFAULT 0;

-- Benchmarks are keyed by the indicator's key, not its row: a national
-- series compares with the same indicator of every organisation.
CREATE TABLE benchmarks (
    indicator      TEXT NOT NULL,
    area           TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          REAL NOT NULL,
    unit           TEXT NOT NULL CHECK (unit IN ('count', 'percentage', 'amount')),
    source         TEXT NOT NULL DEFAULT '',
    reference_date TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator, area, period)
);

-- The readable text of every page, for snippets; page_search indexes its
-- Dutch stems (rowid = page id).
CREATE TABLE page_text (
    page_id INTEGER PRIMARY KEY REFERENCES pages (id) ON DELETE CASCADE,
    text    TEXT NOT NULL
);
CREATE VIRTUAL TABLE page_search USING fts5(title, body, tokenize = 'unicode61');

-- +goose Down
DROP TABLE page_search;
DROP TABLE page_text;
DROP TABLE benchmarks;
ALTER TABLE indicators DROP COLUMN threshold;
ALTER TABLE indicators DROP COLUMN source;
ALTER TABLE indicators DROP COLUMN definition;
ALTER TABLE indicators DROP COLUMN direction;
