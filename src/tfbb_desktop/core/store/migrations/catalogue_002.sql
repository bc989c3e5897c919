-- Catalogue schema version 2: the search index (see core/search.py).
--
-- The index is rebuilt by search.index_catalogue() in the same transaction as every import,
-- so it always describes the catalogue in the same file (an undo rebuilds it as well).
-- Texts are folded in Python before they reach FTS5: each word is indexed once fully folded
-- (å/ä to a, ö to o, é to e) and, if it has å/ä/ö, once more in its exact form behind a
-- marker character; inner parts of compounds are indexed behind other markers.

-- One row per searchable entry. The rowid is shared with search_fts; rowids are given in
-- type order, then Swedish alphabetical order, so an id list in rowid order is sorted.
-- The *_words columns hold each field's distinct words in exact form, for the fine ranking.
CREATE TABLE search_doc (
	doc INTEGER NOT NULL,
	entity_type VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL,
	name_words VARCHAR NOT NULL,
	meta_words VARCHAR NOT NULL,
	body_words VARCHAR NOT NULL,
	PRIMARY KEY (doc)
);

-- What the filters select: (facet, value) -> doc, e.g. ('principal', 'flen', 17).
CREATE TABLE search_facet (
	facet VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	doc INTEGER NOT NULL,
	PRIMARY KEY (facet, value, doc)
) WITHOUT ROWID;

-- The index's generation (a random token written by every rebuild) and the rowid ranges.
CREATE TABLE search_info (
	"key" VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	PRIMARY KEY ("key")
);

-- The full-text index. Contentless: the texts stay in the catalogue's own tables. Columns:
-- the entry's name or title, its short fields (titles, roles, organisation, unit, labels,
-- tags, e-mail, phone) and its long texts. detail=column: no positions are needed, as every
-- query is a set of one-token prefix queries; prefix indexes make 1-4 letter queries cheap.
CREATE VIRTUAL TABLE search_fts USING fts5(
	name, meta, body,
	content='',
	detail=column,
	prefix='1 2 3 4',
	tokenize='unicode61 remove_diacritics 0'
);
