-- An organisation's own colour and logo, as SQLite's 00003. IF NOT EXISTS:
-- databases that applied the old all-in-one 00001 have the columns already.

-- +goose Up
ALTER TABLE organisations ADD COLUMN IF NOT EXISTS theme_colour TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN IF NOT EXISTS logo_svg     TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE organisations DROP COLUMN logo_svg;
ALTER TABLE organisations DROP COLUMN theme_colour;
