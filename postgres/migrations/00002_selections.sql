-- A reader's own PDF selection, as SQLite's 00002. IF NOT EXISTS: databases
-- that applied the old all-in-one 00001 have the table already.

-- +goose Up
CREATE TABLE IF NOT EXISTS selections (
    token    TEXT   NOT NULL,
    page_id  BIGINT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    added_at TEXT   NOT NULL,
    PRIMARY KEY (token, page_id)
);
CREATE INDEX IF NOT EXISTS selections_added ON selections (added_at);

-- +goose Down
DROP TABLE selections;
