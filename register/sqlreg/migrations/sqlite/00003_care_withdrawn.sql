-- A start (305) or stop (307) can be withdrawn (see the PostgreSQL
-- migration of the same number).

-- +goose Up
ALTER TABLE register_care ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;

-- +goose Down
-- Before this migration a withdrawn start or stop would count again.
DELETE FROM register_care WHERE withdrawn = 1;
ALTER TABLE register_care DROP COLUMN withdrawn;
