-- An assignment no longer keeps its care period: counting takes it from
-- the starts (305) and stops (307) themselves, COALESCE(earliest start,
-- start_day) to COALESCE(latest stop, end_day) (koers.CarePeriod). Keeping
-- it meant updating an assignment for every start and stop arriving after
-- it, the larger part of an import's work; counting an assignment rule
-- aggregates the law's starts and stops once instead.

-- +goose Up
ALTER TABLE register_assignments DROP COLUMN care_start, DROP COLUMN care_end;

-- +goose Down
ALTER TABLE register_assignments ADD COLUMN care_start INTEGER, ADD COLUMN care_end INTEGER;
UPDATE register_assignments a SET care_start = COALESCE(x.s, a.start_day), care_end = COALESCE(x.e, a.end_day)
FROM register_assignments b
LEFT JOIN (SELECT org, law, assignment, MIN(day) FILTER (WHERE kind = 'start') AS s, MAX(day) FILTER (WHERE kind = 'stop') AS e
      FROM register_care GROUP BY org, law, assignment) x ON x.org = b.org AND x.law = b.law AND x.assignment = b.number
WHERE a.org = b.org AND a.law = b.law AND a.number = b.number;
ALTER TABLE register_assignments ALTER COLUMN care_start SET NOT NULL;
