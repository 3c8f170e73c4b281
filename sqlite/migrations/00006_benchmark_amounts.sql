-- Benchmark amounts are whole cents in their own integer column, as
-- indicator values' are; value holds counts and percentages only. SQLite
-- cannot drop a NOT NULL, so the table is rebuilt (nothing refers to it).

-- +goose Up
CREATE TABLE benchmarks_new (
    indicator      TEXT NOT NULL,
    area           TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          REAL,
    amount         INTEGER,
    unit           TEXT NOT NULL CHECK (unit IN ('count', 'percentage', 'amount')),
    source         TEXT NOT NULL DEFAULT '',
    reference_date TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator, area, period),
    CHECK ((unit = 'amount') = (amount IS NOT NULL) AND (value IS NULL) = (amount IS NOT NULL))
);
INSERT INTO benchmarks_new (indicator, area, period, value, amount, unit, source, reference_date)
SELECT indicator, area, period,
       CASE WHEN unit = 'amount' THEN NULL ELSE value END,
       CASE WHEN unit = 'amount' THEN CAST(ROUND(value * 100) AS INTEGER) END,
       unit, source, reference_date
FROM benchmarks;
DROP TABLE benchmarks;
ALTER TABLE benchmarks_new RENAME TO benchmarks;

-- +goose Down
CREATE TABLE benchmarks_old (
    indicator      TEXT NOT NULL,
    area           TEXT NOT NULL,
    period         TEXT NOT NULL,
    value          REAL NOT NULL,
    unit           TEXT NOT NULL CHECK (unit IN ('count', 'percentage', 'amount')),
    source         TEXT NOT NULL DEFAULT '',
    reference_date TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator, area, period)
);
INSERT INTO benchmarks_old (indicator, area, period, value, unit, source, reference_date)
SELECT indicator, area, period, COALESCE(value, amount / 100.0), unit, source, reference_date FROM benchmarks;
DROP TABLE benchmarks;
ALTER TABLE benchmarks_old RENAME TO benchmarks;
