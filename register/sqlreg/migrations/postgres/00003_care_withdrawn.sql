-- A start (305) or stop (307) can be withdrawn (StatusAanlevering 3,
-- "verwijderen"), and reported again (koers.CareEvent): register_care
-- keeps a row per message that reports or withdraws one, and a start or
-- stop counts when more rows report it than withdraw it. The message
-- (sender, identification, date) joins the key, so the same message
-- imported twice still counts once.

-- +goose Up
ALTER TABLE register_care ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
ALTER TABLE register_care DROP CONSTRAINT register_care_pkey;
ALTER TABLE register_care ADD PRIMARY KEY (org, law, assignment, kind, day, withdrawn, message);

-- +goose Down
-- One row per start or stop again: those that count, and of each the
-- first message's row.
DELETE FROM register_care c WHERE (SELECT SUM(1 - 2 * x.withdrawn) FROM register_care x
    WHERE x.org = c.org AND x.law = c.law AND x.assignment = c.assignment AND x.kind = c.kind AND x.day = c.day) <= 0;
DELETE FROM register_care c USING register_care x
    WHERE x.org = c.org AND x.law = c.law AND x.assignment = c.assignment AND x.kind = c.kind AND x.day = c.day
    AND (x.withdrawn, x.message) < (c.withdrawn, c.message);
ALTER TABLE register_care DROP CONSTRAINT register_care_pkey;
ALTER TABLE register_care DROP COLUMN withdrawn;
ALTER TABLE register_care ADD PRIMARY KEY (org, law, assignment, kind, day);
