-- Nothing to change: PostgreSQL's 00009 makes its GIN index give the
-- matching pages added last without reading every match, which SQLite's
-- FTS5 table does already (it reads its lists in page order). This
-- migration keeps the two engines' numbers in step.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
