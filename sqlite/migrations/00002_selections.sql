-- A reader's own PDF selection: pages chosen while browsing, bound to the
-- random token in their cookie. No login, no personal data.

-- +goose Up
CREATE TABLE selections (
    token    TEXT    NOT NULL,
    page_id  INTEGER NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    added_at TEXT    NOT NULL,
    PRIMARY KEY (token, page_id)
);
CREATE INDEX selections_added ON selections (added_at);

-- +goose Down
DROP TABLE selections;
