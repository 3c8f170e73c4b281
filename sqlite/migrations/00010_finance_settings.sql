-- An organisation's finance settings: how its finance tables print
-- amounts ('' both positive, 'lasten_positief', 'baten_positief'), and the
-- difference in cents from which a line needs a toelichting (0: none).

-- +goose Up
ALTER TABLE organisations ADD COLUMN finance_signs TEXT NOT NULL DEFAULT ''
    CHECK (finance_signs IN ('', 'lasten_positief', 'baten_positief'));
ALTER TABLE organisations ADD COLUMN finance_threshold INTEGER NOT NULL DEFAULT 0
    CHECK (finance_threshold >= 0);

-- +goose Down
ALTER TABLE organisations DROP COLUMN finance_threshold;
ALTER TABLE organisations DROP COLUMN finance_signs;
