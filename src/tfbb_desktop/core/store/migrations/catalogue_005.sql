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

CREATE UNIQUE INDEX ix_search_entry_id ON search_entry (entity_type, entity_id);

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

-- The texts of each listed entry, as the index sees them (the source of search_text and
-- search_exact): its name or title; its short fields (titles, roles, organisation, unit,
-- labels, tags, e-mail, phone, and the phone number's digits in both forms, 0155... and
-- 46155...); its long texts. æ counts as ä and ø as ö.
CREATE VIEW search_source AS
WITH related (kind, source_id, labels) AS (
  -- The labels and names of each entry's related terms and principals, in their order.
  SELECT kind, source_id, group_concat(label, ' ') FROM (
    SELECT substr(r.relation, 1, instr(r.relation, '.') - 1) AS kind, r.source_id,
      coalesce(v.label, p.name, r.target_id) AS label
    FROM relation r
    LEFT JOIN vocab_term v ON v.id = r.target_id AND v.vocabulary = CASE r.relation
      WHEN 'contact.roles' THEN 'roles'
      WHEN 'example.professional_groups' THEN 'professional_groups'
      WHEN 'example.levels' THEN 'levels' WHEN 'example.domains' THEN 'domains'
      WHEN 'work.components' THEN 'components' END
    LEFT JOIN principal p ON r.relation IN ('example.principals', 'work.principals')
      AND p.id = r.target_id
    WHERE r.relation IN ('contact.roles', 'example.principals', 'example.professional_groups',
      'example.levels', 'example.domains', 'example.tags', 'work.principals',
      'work.components')
    ORDER BY 1, r.source_id, r.relation, r.position)
  GROUP BY kind, source_id
)
SELECT doc,
  replace(replace(replace(replace(name, 'æ', 'ä'), 'Æ', 'Ä'), 'ø', 'ö'), 'Ø', 'Ö') AS name,
  replace(replace(replace(replace(meta, 'æ', 'ä'), 'Æ', 'Ä'), 'ø', 'ö'), 'Ø', 'Ö') AS meta,
  replace(replace(replace(replace(body, 'æ', 'ä'), 'Æ', 'Ä'), 'ø', 'ö'), 'Ø', 'Ö') AS body
FROM (
  SELECT e.doc, p.name || ' ' || p.short_name AS name,
    ifnull((SELECT label FROM vocab_term WHERE vocabulary = 'principal_kinds'
            AND id = p.kind), p.kind) AS meta,
    p.description AS body
  FROM search_entry e JOIN principal p ON p.id = e.entity_id
  WHERE +e.entity_type = 'principals'
  UNION ALL
  SELECT e.doc, c.name,
    c.title || ' ' || ifnull(l.labels, '')
    || ' ' || ifnull((SELECT name FROM principal WHERE id = c.principal_id), '')
    || ' ' || c.unit || ' ' || ifnull(c.email, '') || ' ' || ifnull(c.phone, '')
    || ' ' || ifnull(c.digits, '') || ' ' || CASE
         WHEN ltrim(c.phone) LIKE '+%' AND c.digits LIKE '46_%' THEN '0' || substr(c.digits, 3)
         WHEN c.digits LIKE '0_%' AND c.digits NOT LIKE '00%' THEN '46' || substr(c.digits, 2)
         ELSE '' END,
    c.note
  FROM search_entry e JOIN (SELECT contact.*, replace(replace(replace(replace(replace(replace(
      replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', ''), '+', '')
      AS digits FROM contact) c ON c.id = e.entity_id
  LEFT JOIN related l ON l.kind = 'contact' AND l.source_id = c.id
  WHERE +e.entity_type = 'contacts'
  UNION ALL
  SELECT e.doc, x.title,
    ifnull((SELECT label FROM vocab_term WHERE vocabulary = 'example_kinds' AND id = x.kind),
           x.kind) || ' ' || x.source || ' ' || ifnull(l.labels, ''),
    x.summary || ' ' || x.target_group || ' ' || x.purpose || ' ' || x.method || ' '
    || x.results || ' ' || x.lessons
  FROM search_entry e JOIN example x ON x.id = e.entity_id
  LEFT JOIN related l ON l.kind = 'example' AND l.source_id = x.id
  WHERE +e.entity_type = 'examples'
  UNION ALL
  SELECT e.doc, w.title,
    ifnull((SELECT label FROM vocab_term WHERE vocabulary = 'work_kinds' AND id = w.kind),
           w.kind)
    || ' ' || ifnull((SELECT label FROM vocab_term WHERE vocabulary = 'work_statuses'
                      AND id = w.status), w.status)
    || ' ' || w.location || ' ' || w.source || ' ' || ifnull(l.labels, ''),
    w.summary || ' ' || w.next_step || ' ' || w.decision || ' ' || w.risks
  FROM search_entry e JOIN work w ON w.id = e.entity_id
  LEFT JOIN related l ON l.kind = 'work' AND l.source_id = w.id
  WHERE +e.entity_type = 'work'
);

-- The words of each entry split by unicode61 and fully folded (å/ä to a, ö to o, every other
-- accent dropped: a query word without å/ä/ö searches here), in three columns: the name, the
-- short fields, the long texts. The texts stay in the catalogue's tables (search_source).
-- Prefix indexes make one- and two-letter queries cheap.
CREATE VIRTUAL TABLE search_text USING fts5(
	name, meta, body,
	content='search_source', content_rowid='doc',
	prefix='1 2',
	tokenize='unicode61 remove_diacritics 2'
);

-- The same words with their accents (a query word with å/ä/ö searches here, and the
-- ranking looks for exact forms here).
CREATE VIRTUAL TABLE search_exact USING fts5(
	name, meta, body,
	content='search_source', content_rowid='doc',
	prefix='1 2',
	tokenize='unicode61 remove_diacritics 0'
);

-- Every distinct term of the two.
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_text, 'row');
CREATE VIRTUAL TABLE search_exact_terms USING fts5vocab(search_exact, 'row');

-- The terms split into trigrams, for parts of words ("psykolog" finds the term
-- "skolpsykologer"): those of search_text, and those of search_exact with å/ä/ö. Trigram
-- cannot drop accents before SQLite 3.45; the terms are folded already.
CREATE VIRTUAL TABLE search_parts USING fts5(
	term,
	tokenize='trigram'
);
