-- What the social-domain register computed, kept on the publication side:
-- per organisation, indicator key and year one value with the rule that
-- made it. Aggregates only: number is NULL when the value is suppressed
-- (below then holds the threshold it is under), parts is the breakdown as
-- JSON ([{"name": …, "number": … or null, "below": …}]). A document's own
-- value for the same year stays in indicator_values: both are kept.
--
-- The register role joins the roles of grants; SQLite changes a CHECK
-- only by rebuilding the table.
--
-- Times are microseconds since 1970 UTC, as in 00005.

-- +goose Up
CREATE TABLE computed_values (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    indicator_key   TEXT    NOT NULL,
    year            INTEGER NOT NULL,
    number          REAL,
    below           INTEGER NOT NULL DEFAULT 0,
    parts           TEXT    NOT NULL DEFAULT '[]',
    rule            TEXT    NOT NULL DEFAULT '',
    rule_version    INTEGER NOT NULL DEFAULT 0,
    computed_at     INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, indicator_key, year)
);

CREATE TABLE grants_new (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('redacteur', 'beoordelaar', 'publicist', 'beheerder', 'register')),
    PRIMARY KEY (user_id, organisation_id, role)
);
INSERT INTO grants_new (user_id, organisation_id, role) SELECT user_id, organisation_id, role FROM grants;
DROP TABLE grants;
ALTER TABLE grants_new RENAME TO grants;
CREATE INDEX grants_organisation ON grants (organisation_id);

-- +goose Down
DELETE FROM grants WHERE role = 'register';
CREATE TABLE grants_old (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('redacteur', 'beoordelaar', 'publicist', 'beheerder')),
    PRIMARY KEY (user_id, organisation_id, role)
);
INSERT INTO grants_old (user_id, organisation_id, role) SELECT user_id, organisation_id, role FROM grants;
DROP TABLE grants;
ALTER TABLE grants_old RENAME TO grants;
CREATE INDEX grants_organisation ON grants (organisation_id);
DROP TABLE computed_values;
