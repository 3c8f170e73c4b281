-- Tokens for the write API: one organisation's each, with one role. The
-- token itself is shown once and never stored; hash is its SHA-256, which
-- is all a call is looked up by.
--
-- As SQLite's 00014; times are TIMESTAMPTZ, NULL for a token never
-- revoked or never used.

-- +goose Up
CREATE TABLE api_tokens (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('redacteur', 'publicist')),
    hash            TEXT    NOT NULL UNIQUE,
    created_by      TEXT    NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ,
    UNIQUE (organisation_id, name)
);

-- +goose Down
DROP TABLE api_tokens;
