-- The back office: the people who sign in, their roles per organisation
-- and sessions, the counts of failed sign-ins, drafts beside the published
-- documents, the versions that publishing replaced, the redirects of
-- moved pages, and the append-only audit log.
--
-- As SQLite's 00012; times are TIMESTAMPTZ, bodies BYTEA. A draft's and a
-- version's body is koers.EncodeDraft's versioned JSON.
--
-- The audit log names organisations and users by ID without foreign keys:
-- its entries outlive both, and no cascade may change or delete one.

-- +goose Up
CREATE TABLE users (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE grants (
    user_id         BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('redacteur', 'beoordelaar', 'publicist', 'beheerder')),
    PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX grants_organisation ON grants (organisation_id);

-- A session is known by the hash of its ID only.
CREATE TABLE sessions (
    id_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    seen_at    TIMESTAMPTZ NOT NULL,
    address    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- key is koers.AttemptKey: "account:" or "address:" and its value.
CREATE TABLE sign_in_failures (
    key      TEXT    NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  TIMESTAMPTZ NOT NULL
);

-- A draft is the whole working copy of a document; the public tables hold
-- only what is published. document_id is the published document it will
-- replace (NULL for a new one), at most one draft each.
CREATE TABLE drafts (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    document_id     BIGINT  REFERENCES documents (id) ON DELETE SET NULL,
    slug            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    year            INTEGER NOT NULL,
    sequence        INTEGER NOT NULL DEFAULT 0,
    title           TEXT    NOT NULL,
    body            BYTEA   NOT NULL,
    version         INTEGER NOT NULL DEFAULT 0,
    base            TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (organisation_id, slug),
    UNIQUE (document_id)
);

-- The published versions of a document, by slug, so that they outlive a
-- withdrawn document. current marks the one the public sees now.
CREATE TABLE versions (
    id              BIGSERIAL PRIMARY KEY,
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    slug            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    body            BYTEA   NOT NULL,
    published_at    TIMESTAMPTZ NOT NULL,
    published_by    BIGINT  REFERENCES users (id) ON DELETE SET NULL,
    current         BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX versions_slug ON versions (organisation_id, slug);

-- The old addresses of pages that a publication moved.
CREATE TABLE page_redirects (
    document_id BIGINT  NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    old_path    TEXT    NOT NULL,
    new_path    TEXT    NOT NULL,
    PRIMARY KEY (document_id, old_path)
);

CREATE TABLE audit_log (
    id              BIGSERIAL PRIMARY KEY,
    at              TIMESTAMPTZ NOT NULL,
    organisation_id BIGINT,
    user_id         BIGINT,
    actor           TEXT    NOT NULL DEFAULT '',
    action          TEXT    NOT NULL,
    document        TEXT    NOT NULL DEFAULT '',
    page            TEXT    NOT NULL DEFAULT '',
    block           TEXT    NOT NULL DEFAULT '',
    before_text     TEXT    NOT NULL DEFAULT '',
    after_text      TEXT    NOT NULL DEFAULT '',
    address         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);

-- +goose Down
DROP TABLE audit_log, page_redirects, versions, drafts, sign_in_failures, sessions, grants, users;
