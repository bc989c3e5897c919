-- User data schema version 2: the user's suggestions of changes to the catalogue
-- ("Föreslå ändring", see core/feedback.py and docs/feedback-format.md).
-- Saved here first, then sent by e-mail or as a file. sent_at is '' until the suggestion has
-- been sent. The entry is referred to by its stable id, with the name it had when the
-- suggestion was written.

CREATE TABLE suggestion (
	id VARCHAR NOT NULL,
	created_at VARCHAR NOT NULL,
	entity_type VARCHAR NOT NULL,
	entity_id VARCHAR NOT NULL,
	entity_name VARCHAR NOT NULL,
	category VARCHAR NOT NULL,
	text VARCHAR NOT NULL,
	sender_name VARCHAR NOT NULL,
	sender_email VARCHAR NOT NULL,
	dataset_version INTEGER NOT NULL,
	publisher VARCHAR NOT NULL,
	sent_at VARCHAR NOT NULL,
	sent_via VARCHAR NOT NULL,
	sent_to VARCHAR NOT NULL,
	PRIMARY KEY (id)
);

CREATE INDEX ix_suggestion_created_at ON suggestion (created_at)
