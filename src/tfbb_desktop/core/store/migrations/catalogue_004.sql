-- Catalogue schema version 4: the full-text index splits with FTS5's "ascii" tokenizer.
--
-- Every text is folded and split into words in Python (core/search.py); FTS5 only splits the
-- tokens it is given on spaces. The "ascii" tokenizer does that with less work than
-- "unicode61" (which also looks up every character's category and case) and finds the same
-- tokens: they hold only lower-case letters, digits and the index's marker characters. The
-- index is emptied here and rebuilt by search.ensure_index() the next time the catalogue is
-- opened or searched.

DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
	name, meta, body,
	content='',
	detail=column,
	prefix='1 2',
	tokenize='ascii'
);

DELETE FROM search_doc;
DELETE FROM search_facet;
DELETE FROM search_info;
