-- Benchmark amounts are whole cents in their own integer column, as
-- indicator values' are; value holds counts and percentages only.

-- +goose Up
ALTER TABLE benchmarks ALTER COLUMN value DROP NOT NULL;
ALTER TABLE benchmarks ADD COLUMN amount BIGINT;
UPDATE benchmarks SET amount = ROUND(value * 100)::BIGINT, value = NULL WHERE unit = 'amount';
ALTER TABLE benchmarks ADD CONSTRAINT benchmarks_amount
    CHECK ((unit = 'amount') = (amount IS NOT NULL) AND (value IS NULL) = (amount IS NOT NULL));

-- +goose Down
ALTER TABLE benchmarks DROP CONSTRAINT benchmarks_amount;
UPDATE benchmarks SET value = amount / 100.0 WHERE amount IS NOT NULL;
ALTER TABLE benchmarks DROP COLUMN amount;
ALTER TABLE benchmarks ALTER COLUMN value SET NOT NULL;
