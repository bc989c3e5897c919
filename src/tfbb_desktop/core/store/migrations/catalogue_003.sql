-- Catalogue schema version 3: the full-text index keeps prefix indexes for one- and
-- two-character prefixes only (see core/search.py).
--
-- Longer prefixes are fast enough from the term list itself, and every prefix index costs
-- about as much to fill as the index itself, in every import. The index is emptied here and
-- rebuilt by search.ensure_index() the next time the catalogue is opened or searched.

DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
	name, meta, body,
	content='',
	detail=column,
	prefix='1 2',
	tokenize='unicode61 remove_diacritics 0'
);

DELETE FROM search_doc;
DELETE FROM search_facet;
DELETE FROM search_info;
