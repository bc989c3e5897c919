-- Catalogue schema version 1: the tables of export format v1.

CREATE TABLE catalogue_info (
	"key" VARCHAR NOT NULL, 
	value VARCHAR NOT NULL, 
	PRIMARY KEY ("key")
);

CREATE TABLE vocab_term (
	vocabulary VARCHAR NOT NULL, 
	id VARCHAR NOT NULL, 
	label VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	sort_order INTEGER NOT NULL, 
	doc VARCHAR NOT NULL, 
	PRIMARY KEY (vocabulary, id)
);

CREATE TABLE principal (
	id VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	short_name VARCHAR NOT NULL, 
	description VARCHAR NOT NULL, 
	website VARCHAR, 
	sort_key VARCHAR NOT NULL, 
	doc VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_principal_sort_key ON principal (sort_key);

CREATE TABLE contact (
	id VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	principal_id VARCHAR NOT NULL, 
	unit VARCHAR NOT NULL, 
	email VARCHAR, 
	phone VARCHAR, 
	valid_until VARCHAR, 
	note VARCHAR NOT NULL, 
	sort_key VARCHAR NOT NULL, 
	doc VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_contact_principal_id ON contact (principal_id);

CREATE INDEX ix_contact_sort_key ON contact (sort_key);

CREATE TABLE example (
	id VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	summary VARCHAR NOT NULL, 
	target_group VARCHAR NOT NULL, 
	purpose VARCHAR NOT NULL, 
	method VARCHAR NOT NULL, 
	results VARCHAR NOT NULL, 
	lessons VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	date VARCHAR, 
	sort_key VARCHAR NOT NULL, 
	doc VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_example_sort_key ON example (sort_key);

CREATE TABLE work (
	id VARCHAR NOT NULL, 
	title VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	summary VARCHAR NOT NULL, 
	start_date VARCHAR, 
	end_date VARCHAR, 
	starts_at VARCHAR, 
	ends_at VARCHAR, 
	location VARCHAR NOT NULL, 
	next_step VARCHAR NOT NULL, 
	decision VARCHAR NOT NULL, 
	risks VARCHAR NOT NULL, 
	source VARCHAR NOT NULL, 
	sort_key VARCHAR NOT NULL, 
	doc VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_work_sort_key ON work (sort_key);

CREATE TABLE work_link (
	work_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	label VARCHAR NOT NULL, 
	url VARCHAR NOT NULL, 
	PRIMARY KEY (work_id, position)
);

CREATE TABLE component_status (
	principal_id VARCHAR NOT NULL, 
	component_id VARCHAR NOT NULL, 
	status VARCHAR NOT NULL, 
	note VARCHAR NOT NULL, 
	doc VARCHAR NOT NULL, 
	PRIMARY KEY (principal_id, component_id)
);

CREATE TABLE relation (
	relation VARCHAR NOT NULL, 
	source_id VARCHAR NOT NULL, 
	target_id VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (relation, source_id, target_id)
);

CREATE INDEX ix_relation_target ON relation (relation, target_id);

CREATE TABLE import_log (
	seq INTEGER NOT NULL, 
	action VARCHAR NOT NULL, 
	at VARCHAR NOT NULL, 
	file_name VARCHAR NOT NULL, 
	dataset_version INTEGER NOT NULL, 
	publisher VARCHAR NOT NULL, 
	counts VARCHAR NOT NULL, 
	PRIMARY KEY (seq)
);

CREATE TABLE change_mark (
	entity_type VARCHAR NOT NULL, 
	entity_id VARCHAR NOT NULL, 
	change VARCHAR NOT NULL, 
	PRIMARY KEY (entity_type, entity_id)
);

CREATE TABLE removed_entry (
	entity_type VARCHAR NOT NULL, 
	entity_id VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (entity_type, entity_id)
);
