-- An organisation's own colour and logo on the site.

-- +goose Up
ALTER TABLE organisations ADD COLUMN theme_colour TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN logo_svg TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE organisations DROP COLUMN logo_svg;
ALTER TABLE organisations DROP COLUMN theme_colour;
