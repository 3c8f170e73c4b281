-- What the social-domain register computed, kept on the publication side:
-- per organisation, indicator key and year one value with the rule that
-- made it. As SQLite's 00015: number is NULL when suppressed, parts is the
-- breakdown as JSON text; computed_at is a TIMESTAMPTZ.
--
-- The register role joins the roles of grants.

-- +goose Up
CREATE TABLE computed_values (
    organisation_id BIGINT  NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    indicator_key   TEXT    NOT NULL,
    year            INTEGER NOT NULL,
    number          DOUBLE PRECISION,
    below           INTEGER NOT NULL DEFAULT 0,
    parts           TEXT    NOT NULL DEFAULT '[]',
    rule            TEXT    NOT NULL DEFAULT '',
    rule_version    INTEGER NOT NULL DEFAULT 0,
    computed_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, indicator_key, year)
);

ALTER TABLE grants DROP CONSTRAINT grants_role_check;
ALTER TABLE grants ADD CONSTRAINT grants_role_check
    CHECK (role IN ('redacteur', 'beoordelaar', 'publicist', 'beheerder', 'register'));

-- +goose Down
DELETE FROM grants WHERE role = 'register';
ALTER TABLE grants DROP CONSTRAINT grants_role_check;
ALTER TABLE grants ADD CONSTRAINT grants_role_check
    CHECK (role IN ('redacteur', 'beoordelaar', 'publicist', 'beheerder'));
DROP TABLE computed_values;
