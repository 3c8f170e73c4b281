-- A search ranks the 500 matching pages added last (koers.SearchCandidates),
-- but a GIN index finds matching pages in no order: for a word on nearly
-- every page, the search read every match from the table and sorted them
-- all, to keep 500. The index now also holds each page's bucket of 1,024
-- page IDs (page_id >> 10) and its organisation, so that the search asks it
-- for the matches of the newest bucket, then the one before, until it has
-- 500: the index intersects the word's list with the bucket's (and the
-- organisation's) and the search reads about the matches it keeps. It
-- replaces the GIN index on doc alone (a GIN index answers for any of its
-- columns) and the organisation's B-tree (a search by organisation read
-- every vector of the organisation through it).
--
-- Page texts are compressed with lz4 where the server has it: a search
-- reads up to 50 texts of 16 KiB (koers.MaxHitText), which pglz, the
-- default, decompresses four times slower. Texts written before are
-- rewritten once, before the index is built. Without lz4 (a server built
-- without it) they stay as they are.
--
-- SQLite's 00009 changes nothing: its FTS5 table reads its lists in page
-- order already.

-- +goose Up
DROP INDEX page_search_doc;
DROP INDEX page_search_organisation;
-- +goose StatementBegin
DO $$
BEGIN
    ALTER TABLE page_search ALTER COLUMN text SET COMPRESSION lz4;
    UPDATE page_search SET text = text || '';
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END
$$;
-- +goose StatementEnd
CREATE INDEX page_search_recent ON page_search
    USING GIN (doc, (ARRAY[(page_id >> 10)::integer]), (ARRAY[organisation_id]));

-- +goose Down
DROP INDEX page_search_recent;
ALTER TABLE page_search ALTER COLUMN text SET COMPRESSION DEFAULT;
CREATE INDEX page_search_organisation ON page_search (organisation_id);
CREATE INDEX page_search_doc ON page_search USING GIN (doc);
