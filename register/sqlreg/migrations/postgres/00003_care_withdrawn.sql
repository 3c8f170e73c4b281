-- A start (305) or stop (307) can be withdrawn (StatusAanlevering 3,
-- "verwijderen"): the row stays, marked, so that the withdrawal also holds
-- when the start or stop it takes back arrives after it. Counting and
-- Forget pass over withdrawn rows. Adding a column with a constant
-- default rewrites nothing.

-- +goose Up
ALTER TABLE register_care ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;

-- +goose Down
-- Before this migration a withdrawn start or stop would count again.
DELETE FROM register_care WHERE withdrawn = 1;
ALTER TABLE register_care DROP COLUMN withdrawn;
