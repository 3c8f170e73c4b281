-- A start (305) or stop (307) can be withdrawn, and reported again (see
-- the PostgreSQL migration of the same number). SQLite cannot change a
-- primary key: the table is made again.

-- +goose Up
CREATE TABLE register_care_new (
    org INTEGER NOT NULL,
    law TEXT NOT NULL,
    assignment TEXT NOT NULL,
    kind TEXT NOT NULL,
    day INTEGER NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org, law, assignment, kind, day, withdrawn, message)
);
INSERT INTO register_care_new (org, law, assignment, kind, day, reason, message)
    SELECT org, law, assignment, kind, day, reason, message FROM register_care;
DROP TABLE register_care;
ALTER TABLE register_care_new RENAME TO register_care;

-- +goose Down
-- One row per start or stop again: those that count, and of each the
-- first message's row.
CREATE TABLE register_care_old (
    org INTEGER NOT NULL,
    law TEXT NOT NULL,
    assignment TEXT NOT NULL,
    kind TEXT NOT NULL,
    day INTEGER NOT NULL,
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (org, law, assignment, kind, day)
);
INSERT INTO register_care_old (org, law, assignment, kind, day, reason, message)
    SELECT org, law, assignment, kind, day, reason, message FROM register_care c
    WHERE withdrawn = 0
    AND (SELECT SUM(1 - 2 * x.withdrawn) FROM register_care x
        WHERE x.org = c.org AND x.law = c.law AND x.assignment = c.assignment AND x.kind = c.kind AND x.day = c.day) > 0
    AND NOT EXISTS (SELECT 1 FROM register_care x
        WHERE x.org = c.org AND x.law = c.law AND x.assignment = c.assignment AND x.kind = c.kind AND x.day = c.day
        AND x.withdrawn = 0 AND x.message < c.message);
DROP TABLE register_care;
ALTER TABLE register_care_old RENAME TO register_care;
