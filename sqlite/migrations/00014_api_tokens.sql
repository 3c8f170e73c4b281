-- Tokens for the write API: one organisation's each, with one role. The
-- token itself is shown once and never stored; hash is its SHA-256, which
-- is all a call is looked up by.
--
-- Times are microseconds since 1970 UTC, as in 00005; NULL for a token never
-- revoked or never used.

-- +goose Up
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('redacteur', 'publicist')),
    hash            TEXT    NOT NULL UNIQUE,
    created_by      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER,
    last_used_at    INTEGER,
    UNIQUE (organisation_id, name)
);

-- +goose Down
DROP TABLE api_tokens;
