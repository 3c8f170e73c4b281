-- Review and versions: a draft's review state (koers.Review), who edited
-- it (four eyes), when it is scheduled to be published and with which
-- note, the beoordelaars' comments, and per kept version its number among
-- the versions of its slug (its public address) and its note. An
-- organisation may let a beoordelaar approve their own changes.
--
-- Times are microseconds since 1970 UTC, as in 00005.

-- +goose Up
ALTER TABLE drafts ADD COLUMN state TEXT NOT NULL DEFAULT 'concept'
    CHECK (state IN ('concept', 'ter_beoordeling', 'teruggestuurd', 'goedgekeurd'));
ALTER TABLE drafts ADD COLUMN state_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE drafts ADD COLUMN state_at INTEGER;
ALTER TABLE drafts ADD COLUMN publish_at INTEGER;
ALTER TABLE drafts ADD COLUMN publish_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE drafts ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX drafts_publish_at ON drafts (publish_at);

CREATE TABLE draft_editors (
    draft_id INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (draft_id, user_id)
);

CREATE TABLE review_comments (
    id         INTEGER PRIMARY KEY,
    draft_id   INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    page_key   INTEGER NOT NULL DEFAULT 0,
    block      INTEGER NOT NULL DEFAULT 0,
    text       TEXT    NOT NULL,
    resolved   INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX review_comments_draft ON review_comments (draft_id, id);

ALTER TABLE versions ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
UPDATE versions SET number = (
    SELECT count(*) FROM versions o
    WHERE o.organisation_id = versions.organisation_id AND o.slug = versions.slug
      AND (o.published_at < versions.published_at OR (o.published_at = versions.published_at AND o.id <= versions.id)));
CREATE UNIQUE INDEX versions_number ON versions (organisation_id, slug, number);

ALTER TABLE organisations ADD COLUMN self_review INTEGER NOT NULL DEFAULT 0 CHECK (self_review IN (0, 1));

-- +goose Down
ALTER TABLE organisations DROP COLUMN self_review;
DROP INDEX versions_number;
ALTER TABLE versions DROP COLUMN note;
ALTER TABLE versions DROP COLUMN number;
DROP TABLE review_comments;
DROP TABLE draft_editors;
DROP INDEX drafts_publish_at;
ALTER TABLE drafts DROP COLUMN note;
ALTER TABLE drafts DROP COLUMN publish_by;
ALTER TABLE drafts DROP COLUMN publish_at;
ALTER TABLE drafts DROP COLUMN state_at;
ALTER TABLE drafts DROP COLUMN state_by;
ALTER TABLE drafts DROP COLUMN state;
