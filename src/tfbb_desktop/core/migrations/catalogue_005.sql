-- Catalogue schema version 5: the search index on FTS5's own tokenizers.
--
-- The old index (texts split and marked in Python, see catalogue_002 to catalogue_004) is
-- replaced. All of the index is made from the catalogue's tables by one function,
-- search_index.build_index(): by every import, by an undo, and right after this migration
-- (db.migrate runs it in the same transaction; see catalogue.migrate_catalogue).

DROP TABLE search_fts;
DROP TABLE search_doc;
DROP TABLE search_facet;
DROP TABLE search_info;

-- One row per listed entry. Rowids go in type order, then Swedish alphabetical order, so an
-- ascending list of rowids is sorted; search_text and search_facet use the same rowids.
CREATE TABLE search_entry (
	doc INTEGER NOT NULL,
	entity_type VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL,
	PRIMARY KEY (doc)
);

-- What the filters select: (facet, value) -> doc, e.g. ('principal', 'flen', 17).
CREATE TABLE search_facet (
	facet VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	doc INTEGER NOT NULL,
	PRIMARY KEY (facet, value, doc)
) WITHOUT ROWID;

-- The index's generation (a random token written by every build) and the rowid ranges.
CREATE TABLE search_info (
	"key" VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	PRIMARY KEY ("key")
);

-- The words of each entry, split by unicode61. Columns: the name or title, the short fields
-- (titles, roles, organisation, unit, labels, tags, e-mail, phone) and the long texts, each in
-- its exact form (lower case, accents other than å/ä/ö dropped), then the words of the same
-- field that have å/ä/ö, folded (å/ä to a, ö to o). Contentless: the texts stay in the
-- catalogue's own tables. Prefix indexes make one- and two-letter queries cheap.
CREATE VIRTUAL TABLE search_text USING fts5(
	name, meta, body, name_folded, meta_folded, body_folded,
	content='',
	prefix='1 2',
	tokenize='unicode61 remove_diacritics 0'
);

-- Every distinct term of search_text, one row each.
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_text, 'row');

-- The same terms split into trigrams, for inner parts of compounds ("psykolog" finds the term
-- "skolpsykologer"). The terms are folded already: trigram cannot drop accents before SQLite
-- 3.45.
CREATE VIRTUAL TABLE search_parts USING fts5(
	term,
	tokenize='trigram'
);
