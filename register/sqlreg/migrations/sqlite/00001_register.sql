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
-- key's prefix.

-- +goose Up
CREATE TABLE register_clients (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL,
    pseudonym TEXT NOT NULL,
    birth_year INTEGER NOT NULL,
    sex TEXT NOT NULL,
    area TEXT NOT NULL,
    UNIQUE (org, pseudonym)
);
CREATE TABLE register_assignments (
    org INTEGER NOT NULL,
    law TEXT NOT NULL,
    number TEXT NOT NULL,
    client INTEGER NOT NULL,
    category TEXT NOT NULL,
    product TEXT NOT NULL,
    delivery TEXT NOT NULL,
    provider TEXT NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER,
    volume INTEGER NOT NULL,
    unit TEXT NOT NULL,
    frequency TEXT NOT NULL,
    budget INTEGER NOT NULL,
    change_reason TEXT NOT NULL,
    message TEXT NOT NULL,
    care_start INTEGER NOT NULL,
    care_end INTEGER,
    PRIMARY KEY (org, law, number)
);
CREATE TABLE register_care (
    org INTEGER NOT NULL,
    law TEXT NOT NULL,
    assignment TEXT NOT NULL,
    kind TEXT NOT NULL,
    day INTEGER NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (org, law, assignment, kind, day)
);
CREATE TABLE register_registrations (
    org INTEGER NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    client INTEGER NOT NULL,
    day INTEGER NOT NULL,
    end_day INTEGER,
    outcome TEXT NOT NULL,
    in_term INTEGER NOT NULL,
    PRIMARY KEY (org, kind, id)
);
CREATE TABLE register_benefits (
    org INTEGER NOT NULL,
    id TEXT NOT NULL,
    client INTEGER NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER,
    PRIMARY KEY (org, id)
);
CREATE TABLE register_work (
    org INTEGER NOT NULL,
    id TEXT NOT NULL,
    client INTEGER NOT NULL,
    placement TEXT NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER,
    PRIMARY KEY (org, id)
);
CREATE TABLE register_providers (
    org INTEGER NOT NULL,
    agb TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (org, agb)
);
CREATE TABLE register_ceilings (
    org INTEGER NOT NULL,
    provider TEXT NOT NULL,
    year INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    warn_at INTEGER NOT NULL,
    PRIMARY KEY (org, provider, year)
);
CREATE TABLE register_populations (
    org INTEGER NOT NULL,
    key TEXT NOT NULL,
    year INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (org, key, year)
);
CREATE TABLE register_rules (
    org INTEGER NOT NULL,
    indicator TEXT NOT NULL,
    version INTEGER NOT NULL,
    rule TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org, indicator, version)
);
CREATE INDEX register_assignments_client ON register_assignments (org, client);
CREATE INDEX register_registrations_count ON register_registrations (org, kind, day);
CREATE INDEX register_registrations_client ON register_registrations (org, client);
CREATE INDEX register_benefits_client ON register_benefits (org, client);
CREATE INDEX register_work_client ON register_work (org, client);

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
