-- The P&C document model, as SQLite's 00001: organisations, documents,
-- their page trees and typed blocks, and the plan items. See the SQLite
-- files for the reasons behind each table. Migrations 00002 and on mirror
-- SQLite's one for one, with the same numbers.
--
-- Until the trees were brought in step, this file held the whole schema of
-- SQLite's 00001 to 00004; databases that applied that version find the
-- tables of 00002 to 00004 present, which is why those create and add only
-- what is missing.

-- +goose Up
CREATE TABLE organisations (
    id       BIGSERIAL PRIMARY KEY,
    slug     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    cbs_code TEXT NOT NULL DEFAULT ''
);

CREATE TABLE documents (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('kadernota', 'begroting', 'bestuursrapportage', 'jaarstukken')),
    year            INTEGER NOT NULL,
    sequence        INTEGER NOT NULL DEFAULT 0,
    title           TEXT    NOT NULL,
    slug            TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (organisation_id, slug)
);

CREATE TABLE pages (
    id          BIGSERIAL PRIMARY KEY,
    document_id BIGINT  NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    parent_id   BIGINT  REFERENCES pages (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    number      TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL,
    slug        TEXT    NOT NULL,
    path        TEXT    NOT NULL,
    UNIQUE (document_id, path)
);
CREATE INDEX pages_parent ON pages (parent_id);

CREATE TABLE blocks (
    id       BIGSERIAL PRIMARY KEY,
    page_id  BIGINT  NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    type     TEXT    NOT NULL,
    body     TEXT    NOT NULL
);
CREATE INDEX blocks_page ON blocks (page_id, position);

CREATE TABLE smart_goals (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    programme       TEXT   NOT NULL,
    number          TEXT   NOT NULL,
    UNIQUE (organisation_id, programme, number)
);

CREATE TABLE page_smart_goals (
    page_id       BIGINT  NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    smart_goal_id BIGINT  NOT NULL REFERENCES smart_goals (id),
    position      INTEGER NOT NULL,
    title         TEXT    NOT NULL,
    PRIMARY KEY (page_id, smart_goal_id)
);
CREATE INDEX page_smart_goals_goal ON page_smart_goals (smart_goal_id);

CREATE TABLE activities (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    programme       TEXT   NOT NULL,
    number          TEXT   NOT NULL,
    UNIQUE (organisation_id, programme, number)
);

CREATE TABLE page_activities (
    page_id         BIGINT  NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    activity_id     BIGINT  NOT NULL REFERENCES activities (id),
    position        INTEGER NOT NULL,
    title           TEXT    NOT NULL,
    footnote_marker TEXT    NOT NULL DEFAULT '',
    footnote_text   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (page_id, activity_id)
);
CREATE INDEX page_activities_activity ON page_activities (activity_id);

CREATE TABLE indicators (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    key             TEXT    NOT NULL,
    unit            TEXT    NOT NULL CHECK (unit IN ('count', 'percentage', 'amount')),
    UNIQUE (organisation_id, key)
);

CREATE TABLE page_indicators (
    page_id         BIGINT  NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    indicator_id    BIGINT  NOT NULL REFERENCES indicators (id),
    position        INTEGER NOT NULL,
    number          TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    footnote_marker TEXT    NOT NULL DEFAULT '',
    footnote_text   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (page_id, indicator_id)
);
CREATE INDEX page_indicators_indicator ON page_indicators (indicator_id);

CREATE TABLE indicator_values (
    indicator_id BIGINT  NOT NULL REFERENCES indicators (id),
    document_id  BIGINT  NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('realised', 'budgeted')),
    value        DOUBLE PRECISION,
    PRIMARY KEY (indicator_id, document_id, year, kind)
);
CREATE INDEX indicator_values_document ON indicator_values (document_id);

CREATE TABLE revision (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO revision (id, value) VALUES (1, 0);

-- +goose Down
DROP TABLE revision, indicator_values, page_indicators, indicators,
    page_activities, activities, page_smart_goals, smart_goals, blocks, pages, documents, organisations;
