-- The P&C document model: organisations, documents, their page trees and
-- typed blocks, and the plan items (SMART goals, activities, indicators)
-- whose identity outlives one document while their wording does not.

-- +goose Up
CREATE TABLE organisations (
    id       INTEGER PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    cbs_code TEXT NOT NULL DEFAULT ''
);

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('kadernota', 'begroting', 'bestuursrapportage', 'jaarstukken')),
    year            INTEGER NOT NULL,
    sequence        INTEGER NOT NULL DEFAULT 0,
    title           TEXT    NOT NULL,
    slug            TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (organisation_id, slug)
);

CREATE TABLE pages (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES pages (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    number      TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    UNIQUE (document_id, path)
);
CREATE INDEX pages_parent ON pages (parent_id);

-- body is the block's JSON (koers.Block): prose and references by number.
CREATE TABLE blocks (
    id       INTEGER PRIMARY KEY,
    page_id  INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    body     TEXT    NOT NULL
);
CREATE INDEX blocks_page ON blocks (page_id, position);

-- A SMART goal is the same goal in every document that has its programme
-- and number; page_smart_goals holds each document's wording.
CREATE TABLE smart_goals (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    programme       TEXT    NOT NULL,
    number          TEXT    NOT NULL,
    UNIQUE (organisation_id, programme, number)
);

CREATE TABLE page_smart_goals (
    page_id       INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    smart_goal_id INTEGER NOT NULL REFERENCES smart_goals (id),
    position      INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    PRIMARY KEY (page_id, smart_goal_id)
);
CREATE INDEX page_smart_goals_goal ON page_smart_goals (smart_goal_id);

CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    programme       TEXT    NOT NULL,
    number          TEXT    NOT NULL,
    UNIQUE (organisation_id, programme, number)
);

CREATE TABLE page_activities (
    page_id         INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    activity_id     INTEGER NOT NULL REFERENCES activities (id),
    position        INTEGER NOT NULL,
    title           TEXT    NOT NULL,
    footnote_marker TEXT    NOT NULL DEFAULT '',
    footnote_text   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (page_id, activity_id)
);
CREATE INDEX page_activities_activity ON page_activities (activity_id);

-- An indicator is one series across documents, identified by its key.
CREATE TABLE indicators (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    key             TEXT    NOT NULL,
    unit            TEXT    NOT NULL CHECK (unit IN ('count', 'percentage', 'amount')),
    UNIQUE (organisation_id, key)
);

CREATE TABLE page_indicators (
    page_id         INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    indicator_id    INTEGER NOT NULL REFERENCES indicators (id),
    position        INTEGER NOT NULL,
    number          TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    footnote_marker TEXT    NOT NULL DEFAULT '',
    footnote_text   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (page_id, indicator_id)
);
CREATE INDEX page_indicators_indicator ON page_indicators (indicator_id);

-- A NULL value is known to be missing ("nnb"), which is not zero.
CREATE TABLE indicator_values (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('realised', 'budgeted')),
    value        REAL,
    PRIMARY KEY (indicator_id, document_id, year, kind)
);
CREATE INDEX indicator_values_document ON indicator_values (document_id);

-- One row that every write bumps, so that caches in any process can tell
-- they are stale.
CREATE TABLE revision (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT INTO revision (id, value) VALUES (1, 0);

-- +goose Down
DROP TABLE revision;
DROP TABLE indicator_values;
DROP TABLE page_indicators;
DROP TABLE indicators;
DROP TABLE page_activities;
DROP TABLE activities;
DROP TABLE page_smart_goals;
DROP TABLE smart_goals;
DROP TABLE blocks;
DROP TABLE pages;
DROP TABLE documents;
DROP TABLE organisations;
