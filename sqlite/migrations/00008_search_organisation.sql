-- The search index knows each page's organisation, so that a search in one
-- organisation's pages (from its own site, at a hosting provider) reads
-- that organisation's part of the index only, not every page that matches.
-- An FTS5 table takes no new column: it is built anew from the stems it
-- holds (rowid = page id, kept). The organisation is the token "org_" and
-- its ID: "_" is a letter to the tokenizer here and never in a stem, so no
-- word of a query finds an organisation.

-- +goose Up
CREATE VIRTUAL TABLE page_search_new USING fts5(title, body, organisation, tokenize = "unicode61 tokenchars '_'");
INSERT INTO page_search_new (rowid, title, body, organisation)
SELECT s.rowid, s.title, s.body, 'org_' || d.organisation_id
FROM page_search s JOIN pages p ON p.id = s.rowid JOIN documents d ON d.id = p.document_id;
DROP TABLE page_search;
ALTER TABLE page_search_new RENAME TO page_search;

-- +goose Down
CREATE VIRTUAL TABLE page_search_old USING fts5(title, body, tokenize = 'unicode61');
INSERT INTO page_search_old (rowid, title, body) SELECT rowid, title, body FROM page_search;
DROP TABLE page_search;
ALTER TABLE page_search_old RENAME TO page_search;
