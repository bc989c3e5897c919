-- User data schema version 1: what belongs to the user and no import ever writes.
-- Entries are referred to by the export's stable ids, never by SQLite row ids.

CREATE TABLE favourite (
	entity_type VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL,
	created_at VARCHAR NOT NULL,
	PRIMARY KEY (entity_type, entity_id)
);

CREATE TABLE note (
	entity_type VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL,
	text VARCHAR NOT NULL,
	entity_name VARCHAR NOT NULL,
	updated_at VARCHAR NOT NULL,
	PRIMARY KEY (entity_type, entity_id)
);

CREATE TABLE seen (
	entity_type VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL,
	doc_hash VARCHAR NOT NULL,
	PRIMARY KEY (entity_type, entity_id)
);

CREATE TABLE setting (
	"key" VARCHAR NOT NULL,
	value VARCHAR NOT NULL,
	PRIMARY KEY ("key")
);
