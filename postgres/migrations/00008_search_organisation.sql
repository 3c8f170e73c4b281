-- The search index knows each page's organisation, so that a search in one
-- organisation's pages (from its own site, at a hosting provider) reads
-- that organisation's matching pages only, as SQLite's 00007.

-- +goose Up
ALTER TABLE page_search ADD COLUMN organisation_id BIGINT;
UPDATE page_search s SET organisation_id = d.organisation_id
FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = s.page_id;
ALTER TABLE page_search ALTER COLUMN organisation_id SET NOT NULL;
CREATE INDEX page_search_organisation ON page_search (organisation_id);

-- +goose Down
DROP INDEX page_search_organisation;
ALTER TABLE page_search DROP COLUMN organisation_id;
