-- As SQLite's 00013: review state, editors, comments, scheduled
-- publication, version numbers and notes, self review. Times are
-- TIMESTAMPTZ.

-- +goose Up
ALTER TABLE drafts ADD COLUMN state TEXT NOT NULL DEFAULT 'concept'
    CHECK (state IN ('concept', 'ter_beoordeling', 'teruggestuurd', 'goedgekeurd'));
ALTER TABLE drafts ADD COLUMN state_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE drafts ADD COLUMN state_at TIMESTAMPTZ;
ALTER TABLE drafts ADD COLUMN publish_at TIMESTAMPTZ;
ALTER TABLE drafts ADD COLUMN publish_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE drafts ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX drafts_publish_at ON drafts (publish_at);

CREATE TABLE draft_editors (
    draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (draft_id, user_id)
);

CREATE TABLE review_comments (
    id         BIGSERIAL PRIMARY KEY,
    draft_id   BIGINT  NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    version    BIGINT  NOT NULL,
    page_key   BIGINT  NOT NULL DEFAULT 0,
    block      INTEGER NOT NULL DEFAULT 0,
    text       TEXT    NOT NULL,
    resolved   BOOLEAN NOT NULL DEFAULT FALSE,
    author_id  BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX review_comments_draft ON review_comments (draft_id, id);

ALTER TABLE versions ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN note TEXT NOT NULL DEFAULT '';
UPDATE versions SET number = (
    SELECT count(*) FROM versions o
    WHERE o.organisation_id = versions.organisation_id AND o.slug = versions.slug
      AND (o.published_at < versions.published_at OR (o.published_at = versions.published_at AND o.id <= versions.id)));
CREATE UNIQUE INDEX versions_number ON versions (organisation_id, slug, number);

ALTER TABLE organisations ADD COLUMN self_review BOOLEAN NOT NULL DEFAULT FALSE;

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
