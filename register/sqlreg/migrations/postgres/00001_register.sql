-- The social-domain register's tables: apart from the publication's,
-- reached only through register/sqlreg. Every row belongs to an
-- organisation (org). Days are integers yyyymmdd (20240131): one SQL text
-- counts on both engines, and they order as dates do; an open end is NULL.
-- A client is a pseudonym (HMAC of the BSN), never the BSN; the facts
-- name it by register_clients.id, a number of the register's own:
-- counting distinct clients compares numbers, not 64 characters. A fact
-- of a client no import described makes a client row of unknowns.
-- register_assignments.care_start and care_end are the care period
-- (koers.CarePeriod), kept up to date by every import that brings the
-- assignment or one of its starts (305) or stops (307). No index holds
-- them, so that the update can stay on its page (HOT): counting reads
-- all of an organisation's assignments of a law anyway, by the primary
-- key's prefix. (On PostgreSQL the table leaves room on its pages for
-- those updates: fillfactor 85.)
-- No secondary indexes on PostgreSQL: an import writes every index of
-- every row, counting scans an organisation's facts by the primary key's
-- prefix, and Forget (rare) is hash anti-joins. SQLite's Forget needs its
-- (org, client) indexes: it has no hash joins.
-- Text is compared byte by byte (COLLATE "C"): it holds codes and
-- pseudonyms, and counting distinct clients sorts millions of them.

-- +goose Up
CREATE TABLE register_clients (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org BIGINT NOT NULL,
    pseudonym TEXT COLLATE "C" NOT NULL,
    birth_year INTEGER NOT NULL,
    sex TEXT COLLATE "C" NOT NULL,
    area TEXT COLLATE "C" NOT NULL,
    UNIQUE (org, pseudonym)
);
CREATE TABLE register_assignments (
    org BIGINT NOT NULL,
    law TEXT COLLATE "C" NOT NULL,
    number TEXT COLLATE "C" NOT NULL,
    client BIGINT NOT NULL,
    category TEXT COLLATE "C" NOT NULL,
    product TEXT COLLATE "C" NOT NULL,
    delivery TEXT COLLATE "C" NOT NULL,
    provider TEXT COLLATE "C" NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER,
    volume BIGINT NOT NULL,
    unit TEXT COLLATE "C" NOT NULL,
    frequency TEXT COLLATE "C" NOT NULL,
    budget BIGINT NOT NULL,
    change_reason TEXT COLLATE "C" NOT NULL,
    message TEXT COLLATE "C" NOT NULL,
    care_start INTEGER NOT NULL,
    care_end INTEGER,
    PRIMARY KEY (org, law, number)
) WITH (fillfactor = 85);
CREATE TABLE register_care (
    org BIGINT NOT NULL,
    law TEXT COLLATE "C" NOT NULL,
    assignment TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    day INTEGER NOT NULL,
    reason TEXT COLLATE "C" NOT NULL,
    message TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (org, law, assignment, kind, day)
);
CREATE TABLE register_registrations (
    org BIGINT NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    client BIGINT NOT NULL,
    day INTEGER NOT NULL,
    end_day INTEGER,
    outcome TEXT COLLATE "C" NOT NULL,
    in_term INTEGER NOT NULL,
    PRIMARY KEY (org, kind, id)
);
CREATE TABLE register_benefits (
    org BIGINT NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    client BIGINT NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER,
    PRIMARY KEY (org, id)
);
CREATE TABLE register_work (
    org BIGINT NOT NULL,
    id TEXT COLLATE "C" NOT NULL,
    client BIGINT NOT NULL,
    placement TEXT COLLATE "C" NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER,
    PRIMARY KEY (org, id)
);
CREATE TABLE register_providers (
    org BIGINT NOT NULL,
    agb TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (org, agb)
);
CREATE TABLE register_ceilings (
    org BIGINT NOT NULL,
    provider TEXT COLLATE "C" NOT NULL,
    year INTEGER NOT NULL,
    amount BIGINT NOT NULL,
    warn_at INTEGER NOT NULL,
    PRIMARY KEY (org, provider, year)
);
CREATE TABLE register_populations (
    org BIGINT NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    year INTEGER NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (org, key, year)
);
CREATE TABLE register_rules (
    org BIGINT NOT NULL,
    indicator TEXT COLLATE "C" NOT NULL,
    version INTEGER NOT NULL,
    rule TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org, indicator, version)
);

-- +goose Down
DROP TABLE register_rules;
DROP TABLE register_populations;
DROP TABLE register_ceilings;
DROP TABLE register_providers;
DROP TABLE register_work;
DROP TABLE register_benefits;
DROP TABLE register_registrations;
DROP TABLE register_care;
DROP TABLE register_assignments;
DROP TABLE register_clients;
