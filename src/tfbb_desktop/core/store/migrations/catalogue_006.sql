-- Catalogue schema version 6: the highest dataset version each publisher key has signed.
--
-- Every successful import raises the mark of each trusted key whose signature verified to the
-- export's version; an export below the mark of a key that signed it is refused
-- ("below_key_mark"). Neither an import nor an undo ever lowers a mark: an undo restores the
-- catalogue's tables (importer.RESTORED_TABLES), not this one, so after an undo the versions
-- between the restored catalogue and the mark cannot be brought in by a copy of an old file.
--
-- The SHA-256 of the installed export's data.json is kept in catalogue_info under the key
-- "data_sha256" (written by every import from now on; a catalogue imported before this
-- version has none until its next import). It tells an export with the installed version
-- and the same content (a quiet no-op) from one with other content ("same_version_changed").

CREATE TABLE key_high_water (
	key_id VARCHAR NOT NULL,
	version INTEGER NOT NULL,
	PRIMARY KEY (key_id)
);
