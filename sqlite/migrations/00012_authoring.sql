-- The back office: the people who sign in, their roles per organisation
-- and sessions, the counts of failed sign-ins, drafts beside the published
-- documents, the versions that publishing replaced, the redirects of
-- moved pages, and the append-only audit log.
--
-- Times are microseconds since 1970 UTC, as in 00005. A draft's and a
-- version's body is koers.EncodeDraft's versioned JSON.
--
-- The audit log names organisations and users by ID without foreign keys:
-- its entries outlive both, and no cascade may change or delete one.

-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    INTEGER NOT NULL
);

CREATE TABLE grants (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('redacteur', 'beoordelaar', 'publicist', 'beheerder')),
    PRIMARY KEY (user_id, organisation_id, role)
);
CREATE INDEX grants_organisation ON grants (organisation_id);

-- A session is known by the hash of its ID only.
CREATE TABLE sessions (
    id_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL,
    address    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- key is koers.AttemptKey: "account:" or "address:" and its value.
CREATE TABLE sign_in_failures (
    key      TEXT    NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  INTEGER NOT NULL
);

-- A draft is the whole working copy of a document; the public tables hold
-- only what is published. document_id is the published document it will
-- replace (NULL for a new one), at most one draft each.
CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    document_id     INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    slug            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    year            INTEGER NOT NULL,
    sequence        INTEGER NOT NULL DEFAULT 0,
    title           TEXT    NOT NULL,
    body            BLOB    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 0,
    base            INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    updated_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    UNIQUE (organisation_id, slug),
    UNIQUE (document_id)
);

-- The published versions of a document, by slug, so that they outlive a
-- withdrawn document. current marks the one the public sees now.
CREATE TABLE versions (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    slug            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    body            BLOB    NOT NULL,
    published_at    INTEGER NOT NULL,
    published_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    current         INTEGER NOT NULL DEFAULT 0 CHECK (current IN (0, 1))
);
CREATE INDEX versions_slug ON versions (organisation_id, slug);

-- The old addresses of pages that a publication moved.
CREATE TABLE page_redirects (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    old_path    TEXT    NOT NULL,
    new_path    TEXT    NOT NULL,
    PRIMARY KEY (document_id, old_path)
);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    organisation_id INTEGER,
    user_id         INTEGER,
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
DROP TABLE audit_log;
DROP TABLE page_redirects;
DROP TABLE versions;
DROP TABLE drafts;
DROP TABLE sign_in_failures;
DROP TABLE sessions;
DROP TABLE grants;
DROP TABLE users;
