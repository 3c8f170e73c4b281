-- An assignment no longer keeps its care period: counting takes it from
-- the starts (305) and stops (307) themselves (see the PostgreSQL
-- migration of the same number).

-- +goose Up
ALTER TABLE register_assignments DROP COLUMN care_start;
ALTER TABLE register_assignments DROP COLUMN care_end;

-- +goose Down
ALTER TABLE register_assignments ADD COLUMN care_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE register_assignments ADD COLUMN care_end INTEGER;
UPDATE register_assignments SET
    care_start = COALESCE((SELECT MIN(c.day) FROM register_care c WHERE c.org = register_assignments.org AND c.law = register_assignments.law AND c.assignment = register_assignments.number AND c.kind = 'start'), start_day),
    care_end = COALESCE((SELECT MAX(c.day) FROM register_care c WHERE c.org = register_assignments.org AND c.law = register_assignments.law AND c.assignment = register_assignments.number AND c.kind = 'stop'), end_day);
