"""What the core tells the user, as a code with parameters; the views and the command line
turn it into text through Qt's translation system (see ui/messages.py).

Each message has one English template here, under its code, marked for translation in the
context ``Messages``; the Swedish text is in resources/i18n/tfbb_sv.ts. A parameter may itself
be a :class:`Message` (a refusal's reason), and is then rendered first. ``str()`` of a message
is the English text, for logs and for tests that do not load a translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Union


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks an English template for translation; scripts/update_translations.py collects it."""
    return text


Param = Union[str, int, float, "Message"]
Translate = Callable[[str], str]

TEMPLATES: dict[str, str] = {
    # A place in the export, before a problem's text.
    "place.entry": QT_TRANSLATE_NOOP("Messages", '{entity} "{id}"'),
    "place.field": QT_TRANSLATE_NOOP("Messages", '{place}, field "{field}"'),
    "place.problem": QT_TRANSLATE_NOOP("Messages", "{place}: {problem}"),
    "entity.manifest": QT_TRANSLATE_NOOP("Messages", "manifest"),
    "entity.principals": QT_TRANSLATE_NOOP("Messages", "principal"),
    "entity.contacts": QT_TRANSLATE_NOOP("Messages", "contact person"),
    "entity.examples": QT_TRANSLATE_NOOP("Messages", "example"),
    "entity.work": QT_TRANSLATE_NOOP("Messages", "ongoing work"),
    "entity.component_status": QT_TRANSLATE_NOOP("Messages", "component status"),
    "entity.vocabularies": QT_TRANSLATE_NOOP("Messages", "vocabulary"),
    "entity.data": QT_TRANSLATE_NOOP("Messages", "data"),
    # The contact persons' files (core/outputs/contacts.py): the CSV's columns, the vCard's
    # note and the clipboard's lines.
    "contact.column.name": QT_TRANSLATE_NOOP("Messages", "Name"),
    "contact.column.title": QT_TRANSLATE_NOOP("Messages", "Title"),
    "contact.column.organisation": QT_TRANSLATE_NOOP("Messages", "Organisation"),
    "contact.column.unit": QT_TRANSLATE_NOOP("Messages", "Unit"),
    "contact.column.email": QT_TRANSLATE_NOOP("Messages", "E-mail"),
    "contact.column.phone": QT_TRANSLATE_NOOP("Messages", "Phone"),
    "contact.column.roles": QT_TRANSLATE_NOOP("Messages", "Roles"),
    "contact.roles": QT_TRANSLATE_NOOP("Messages", "Roles in TFBB: {roles}"),
    "contact.valid_until": QT_TRANSLATE_NOOP("Messages", "Assignment until {date}"),
    "contact.email": QT_TRANSLATE_NOOP("Messages", "E-mail: {email}"),
    "contact.phone": QT_TRANSLATE_NOOP("Messages", "Phone: {phone}"),
    # The data folder.
    "data.network": QT_TRANSLATE_NOOP(
        "Messages", "The data folder {path} is on a network drive, where the catalogue's "
        "database can be damaged. Choose a folder on this computer (TFBB_DATA_DIR or "
        "--data-dir)."),
    # Damaged database files (core/store/health.py) and what can be done about them.
    "db.what.catalogue": QT_TRANSLATE_NOOP("Messages", "The catalogue"),
    "db.what.userdata": QT_TRANSLATE_NOOP(
        "Messages", "The file with your own data (favourites and notes)"),
    "db.reason.empty": QT_TRANSLATE_NOOP("Messages", "the file is empty"),
    "db.reason.not_sqlite": QT_TRANSLATE_NOOP("Messages", "the file is not a database"),
    "db.reason.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "the database is damaged (the check of its content failed)"),
    "db.reason.set_aside": QT_TRANSLATE_NOOP(
        "Messages", "it was found damaged earlier and has not been replaced yet"),
    "db.damaged": QT_TRANSLATE_NOOP(
        "Messages", "{what} ({path}) cannot be used: {reason}. The damaged file was moved to "
        "{moved}; nothing was deleted."),
    "db.damaged_in_place": QT_TRANSLATE_NOOP(
        "Messages", "{what} ({path}) cannot be used: {reason}. The file could not be moved "
        "aside and is left where it is."),
    "db.no_copy.catalogue": QT_TRANSLATE_NOOP(
        "Messages", "There is no sound copy of the catalogue to restore."),
    "db.no_copy.userdata": QT_TRANSLATE_NOOP(
        "Messages", "There is no sound backup of your favourites and notes to restore."),
    "db.cannot_move": QT_TRANSLATE_NOOP(
        "Messages", "{path} is damaged and still cannot be moved aside ({error}). Close the "
        "programs that may have it open, or restart the computer, and try again."),
    "db.in_place": QT_TRANSLATE_NOOP(
        "Messages", "{path} already exists; nothing was restored."),
    "db.cli_damaged": QT_TRANSLATE_NOOP(
        "Messages", "Start the app to restore the last good copy or to begin anew."),
    # Faults of the storage (core/store/storage.py).
    "db.busy": QT_TRANSLATE_NOOP(
        "Messages", "The database is locked by another program (or another import) and stayed "
        "locked too long. Nothing was changed. Try again in a moment."),
    "db.full": QT_TRANSLATE_NOOP(
        "Messages", "The disk is full. Nothing was changed. Free some space and try again."),
    "db.readonly": QT_TRANSLATE_NOOP(
        "Messages", "The data folder cannot be written to (it is write-protected or you lack "
        "permission). Nothing was changed."),
    "db.not_folder": QT_TRANSLATE_NOOP(
        "Messages", "The data folder cannot be created: a file is in the way of the folder. "
        "Nothing was changed."),
    "db.io": QT_TRANSLATE_NOOP(
        "Messages", "The disk could not be read or written (a disk error). Nothing was "
        "changed. Try again; if it happens again, the disk may be failing."),
    "db.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "The database turned out to be damaged. Restart the app to have it "
        "checked and restored."),
    "db.what.backup": QT_TRANSLATE_NOOP("Messages", "The backup"),
    "db.newer": QT_TRANSLATE_NOOP(
        "Messages", "{what} ({path}) has schema version {current}, but this version of the app "
        "can read only version {target} and older. Update the app."),
    # The steps of an import, as its progress shows them.
    "progress.copying": QT_TRANSLATE_NOOP("Messages", "Copying the file"),
    "progress.verifying": QT_TRANSLATE_NOOP("Messages", "Checking the signature and checksums"),
    "progress.checking": QT_TRANSLATE_NOOP("Messages", "Reading and checking the content"),
    "progress.comparing": QT_TRANSLATE_NOOP("Messages", "Comparing with the catalogue"),
    "progress.ready": QT_TRANSLATE_NOOP("Messages", "Ready to import"),
    "progress.backing_up": QT_TRANSLATE_NOOP("Messages", "Backing up the catalogue"),
    "progress.writing": QT_TRANSLATE_NOOP("Messages", "Writing the catalogue"),
    "progress.indexing": QT_TRANSLATE_NOOP("Messages", "Building the search index"),
    "progress.saving": QT_TRANSLATE_NOOP("Messages", "Saving"),
    "progress.done": QT_TRANSLATE_NOOP("Messages", "Done"),
    # What an import or an undo did.
    "import.noop": QT_TRANSLATE_NOOP(
        "Messages", "The catalogue already has version {version}. Nothing was changed."),
    "import.applied": QT_TRANSLATE_NOOP(
        "Messages", "The catalogue is updated to version {version}."),
    "import.dry_run": QT_TRANSLATE_NOOP("Messages", "Trial run: nothing was changed."),
    "import.undone": QT_TRANSLATE_NOOP(
        "Messages", "The catalogue is restored to version {version}."),
    # A refusal of an export: the head line, then its problems.
    "refused.file": QT_TRANSLATE_NOOP("Messages", "The file {file} cannot be imported: {reason}"),
    "refused.export": QT_TRANSLATE_NOOP("Messages", "The export cannot be imported: {reason}"),
    "refused.undo": QT_TRANSLATE_NOOP("Messages", "The last import cannot be undone: {reason}"),
    "refused.more": QT_TRANSLATE_NOOP("Messages", "... and {count} more problems."),
    # A suggestion file that cannot be read (the publisher's inbox).
    "feedback.too_large": QT_TRANSLATE_NOOP("Messages", "the file is larger than {max} bytes"),
    "feedback.the_file": QT_TRANSLATE_NOOP("Messages", "the file"),
    "feedback.more": QT_TRANSLATE_NOOP("Messages", "{first}; and {count} more problems"),
    # The machine's configuration and the keys.
    "config.not_json": QT_TRANSLATE_NOOP(
        "Messages", "{path} is not valid JSON ({error}, line {line})"),
    "config.not_object": QT_TRANSLATE_NOOP("Messages", "{path}: expected a JSON object"),
    "policy.bad_value": QT_TRANSLATE_NOOP(
        "Messages", "The policy value {name} in {key} has the wrong type (expected {expected})"),
    "key.not_ed25519": QT_TRANSLATE_NOOP("Messages", "{path} is not an Ed25519 key"),
    # The update source's quiet line about a file it could not use.
    "source.failed": QT_TRANSLATE_NOOP(
        "Messages", "The file {file} could not be used: {reason} {later}"),
    "source.retry_later": QT_TRANSLATE_NOOP("Messages", "It is tried again later."),
    "source.retry_changed": QT_TRANSLATE_NOOP(
        "Messages", "It is tried again when the file has changed."),
    "source.expired": QT_TRANSLATE_NOOP(
        "Messages", "the export expired on {date}. Fetch a newer export."),
    "source.changed_meanwhile": QT_TRANSLATE_NOOP(
        "Messages", "the file changed while it was being checked."),
    "source.none": QT_TRANSLATE_NOOP("Messages", "No source for updates is set."),
    "source.unexpected": QT_TRANSLATE_NOOP(
        "Messages", "The source could not be checked (unexpected error: {error})."),
    "source.no_folder": QT_TRANSLATE_NOOP(
        "Messages", "The source could not be reached: the folder {folder} does not exist or "
        "cannot be read ({reason})."),
    "source.waiting": QT_TRANSLATE_NOOP(
        "Messages", "A new file is being written ({files}); it is checked again in a while."),
    "source.refused": QT_TRANSLATE_NOOP("Messages", "The source {source} is not used: {problem}"),
    "source.http": QT_TRANSLATE_NOOP(
        "Messages", "The source could not be reached: the server {server} answered {status}."),
    "source.unreachable": QT_TRANSLATE_NOOP(
        "Messages", "The source could not be reached: {reason} ({server})."),
    "source.offer": QT_TRANSLATE_NOOP(
        "Messages", "A newer catalogue is available: version {version} ({file})."),
    "source.up_to_date": QT_TRANSLATE_NOOP(
        "Messages", "No newer catalogue is available (installed version {version})."),
    "source.empty": QT_TRANSLATE_NOOP("Messages", "There is no catalogue to fetch."),
    "url.invalid": QT_TRANSLATE_NOOP("Messages", "the address is invalid."),
    "url.scheme": QT_TRANSLATE_NOOP(
        "Messages", "addresses beginning with {scheme}:// are not supported; give an https "
        "address or a folder."),
    "url.no_host": QT_TRANSLATE_NOOP("Messages", "the address has no server name."),
    "url.plain_http": QT_TRANSLATE_NOOP(
        "Messages", "unencrypted http is allowed only to this computer (127.0.0.1); use an "
        "https address."),
    "os.not_found": QT_TRANSLATE_NOOP("Messages", "does not exist"),
    "os.permission": QT_TRANSLATE_NOOP("Messages", "permission denied"),
    "os.not_folder": QT_TRANSLATE_NOOP("Messages", "is not a folder"),
    "net.redirect": QT_TRANSLATE_NOOP(
        "Messages", "the server redirects to an address that is not allowed ({problem})"),
    "net.certificate": QT_TRANSLATE_NOOP(
        "Messages", "the server's certificate could not be verified"),
    "net.tls": QT_TRANSLATE_NOOP("Messages", "the encrypted connection failed"),
    "net.no_host": QT_TRANSLATE_NOOP("Messages", "the server was not found"),
    "net.timeout": QT_TRANSLATE_NOOP("Messages", "no answer within {seconds} seconds"),
    "net.refused": QT_TRANSLATE_NOOP("Messages", "the connection was refused"),
    "net.reset": QT_TRANSLATE_NOOP("Messages", "the connection was broken off"),
    "download.aborted": QT_TRANSLATE_NOOP("Messages", "the download was interrupted ({reason})."),
    "download.short": QT_TRANSLATE_NOOP(
        "Messages", "the download was interrupted after {got} of {expected} bytes."),
    # The container and the signature.
    "file.unreadable": QT_TRANSLATE_NOOP("Messages", "the file cannot be read ({error})."),
    "file.folder_read_only": QT_TRANSLATE_NOOP(
        "Messages", "the data folder cannot be written to (it is write-protected or you lack "
        "permission), so the file cannot be copied for checking. Nothing was changed."),
    "file.disk_full": QT_TRANSLATE_NOOP(
        "Messages", "the disk is full, so the file cannot be copied for checking. Nothing was "
        "changed. Free some space and try again."),
    "file.too_large": QT_TRANSLATE_NOOP(
        "Messages", "the file is too large ({size} MB; at most {limit} MB is allowed)."),
    "file.not_zip": QT_TRANSLATE_NOOP(
        "Messages", "the file is damaged or incomplete (not a valid ZIP archive)."),
    "file.not_export": QT_TRANSLATE_NOOP(
        "Messages", "the file is not an export from TFBB Katalog."),
    "file.format_version": QT_TRANSLATE_NOOP(
        "Messages", "the file has format version {version}, which this version of the app cannot "
        "read. Update the app."),
    "archive.encrypted": QT_TRANSLATE_NOOP("Messages", "the archive is encrypted."),
    "member.unsafe": QT_TRANSLATE_NOOP(
        "Messages", "the archive contains a forbidden file name: {member}."),
    "member.unknown": QT_TRANSLATE_NOOP(
        "Messages", "the archive contains an unknown file: {member}."),
    "member.twice": QT_TRANSLATE_NOOP("Messages", "the archive contains {member} twice."),
    "member.missing": QT_TRANSLATE_NOOP("Messages", "the archive lacks {member}."),
    "member.zip_bomb": QT_TRANSLATE_NOOP(
        "Messages", "{member} is packed {ratio} times (at most {limit} times is allowed); the "
        "file looks like a ZIP bomb."),
    "member.unpacks_to": QT_TRANSLATE_NOOP(
        "Messages", "{member} unpacks to {size} MB, more than the {limit} MB allowed."),
    "member.larger_than": QT_TRANSLATE_NOOP(
        "Messages", "{member} is larger than the {limit} MB allowed."),
    "member.corrupt": QT_TRANSLATE_NOOP(
        "Messages", "{member} in the archive is damaged or incomplete."),
    "manifest.json": QT_TRANSLATE_NOOP("Messages", "manifest.json is not valid JSON."),
    "manifest.invalid": QT_TRANSLATE_NOOP("Messages", "the manifest is invalid."),
    "manifest.files": QT_TRANSLATE_NOOP(
        "Messages", "the manifest must give the checksum of data.json and nothing else."),
    "data.size": QT_TRANSLATE_NOOP(
        "Messages", "data.json does not have the size the manifest gives (the file is altered or "
        "incomplete)."),
    "data.checksum": QT_TRANSLATE_NOOP(
        "Messages", "the checksum of data.json does not match (the file is altered or damaged)."),
    "signature.none": QT_TRANSLATE_NOOP(
        "Messages", "the file is not signed. Unsigned files are accepted only if the "
        "administrator has allowed it."),
    "signature.file": QT_TRANSLATE_NOOP("Messages", "the signature file is invalid."),
    "signature.unknown_key": QT_TRANSLATE_NOOP(
        "Messages", "the file is signed with a key this computer does not trust (key id {key})."),
    "signature.mismatch": QT_TRANSLATE_NOOP(
        "Messages", "the signature does not match (the file was altered after it was signed, or "
        "forged)."),
    # Validation of data.json and the manifest.
    "data.invalid": QT_TRANSLATE_NOOP("Messages", "the content is invalid."),
    "data.bad_json": QT_TRANSLATE_NOOP(
        "Messages", "data.json is not valid JSON ({place}: {error})."),
    "data.too_deep_file": QT_TRANSLATE_NOOP(
        "Messages", "data.json has too many levels of lists and objects inside each other."),
    "data.too_long_value": QT_TRANSLATE_NOOP(
        "Messages", "data.json has a text longer than {size} MB."),
    "data.member_twice": QT_TRANSLATE_NOOP("Messages", "occurs more than once"),
    "data.duplicate": QT_TRANSLATE_NOOP("Messages", "the id occurs more than once"),
    "data.missing_entry": QT_TRANSLATE_NOOP(
        "Messages", "refers to \"{ref}\", but the entry does not exist"),
    "data.missing_term": QT_TRANSLATE_NOOP(
        "Messages", "refers to \"{ref}\", but the term in the vocabulary {vocabulary} does "
        "not exist"),
    "data.counts": QT_TRANSLATE_NOOP("Messages", "says {said} but data.json holds {found}"),
    "data.too_many": QT_TRANSLATE_NOOP("Messages", "too many entries ({count}; at most {limit})"),
    "value.missing": QT_TRANSLATE_NOOP("Messages", "missing"),
    "value.unknown_field": QT_TRANSLATE_NOOP("Messages", "unknown field"),
    "value.too_long": QT_TRANSLATE_NOOP(
        "Messages", "the text is too long (at most {max} characters)"),
    "value.empty": QT_TRANSLATE_NOOP("Messages", "must not be empty"),
    "value.too_many": QT_TRANSLATE_NOOP("Messages", "too many values (at most {max})"),
    "value.too_deep": QT_TRANSLATE_NOOP(
        "Messages", "too many levels of lists and objects inside each other"),
    "value.bad_id": QT_TRANSLATE_NOOP(
        "Messages", "invalid id (only a–z, 0–9, full stop, hyphen and underscore; at most "
        "100 characters)"),
    "value.bad_email": QT_TRANSLATE_NOOP("Messages", "invalid e-mail address"),
    "value.bad_phone": QT_TRANSLATE_NOOP("Messages", "invalid phone number"),
    "value.bad_url": QT_TRANSLATE_NOOP(
        "Messages", "invalid web address (it must begin with https:// or http://)"),
    "value.control": QT_TRANSLATE_NOOP(
        "Messages", "the text contains forbidden control characters"),
    "value.wrong_type": QT_TRANSLATE_NOOP("Messages", "wrong type (expected {type})"),
    "type.text": QT_TRANSLATE_NOOP("Messages", "text"),
    "type.int": QT_TRANSLATE_NOOP("Messages", "an integer"),
    "type.list": QT_TRANSLATE_NOOP("Messages", "a list"),
    "type.object": QT_TRANSLATE_NOOP("Messages", "an object"),
    "value.bad_aware_time": QT_TRANSLATE_NOOP(
        "Messages", "invalid time (expected YYYY-MM-DDThh:mm:ss with a time zone, e.g. +01:00)"),
    "value.bad_time": QT_TRANSLATE_NOOP(
        "Messages", "invalid time (expected YYYY-MM-DDThh:mm:ss, with or without a time zone)"),
    "value.bad_date": QT_TRANSLATE_NOOP("Messages", "invalid date (expected YYYY-MM-DD)"),
    "value.out_of_range": QT_TRANSLATE_NOOP("Messages", "the value is outside the allowed range"),
    "value.invalid": QT_TRANSLATE_NOOP("Messages", "invalid value"),
    "value.invalid_kind": QT_TRANSLATE_NOOP("Messages", "invalid value ({kind})"),
    # The publisher's workbook.
    "workbook.cell": QT_TRANSLATE_NOOP(
        "Messages", 'sheet "{sheet}", row {row}, column "{column}": {problem}'),
    "workbook.row": QT_TRANSLATE_NOOP("Messages", 'sheet "{sheet}", row {row}: {problem}'),
    "workbook.sheet": QT_TRANSLATE_NOOP("Messages", 'sheet "{sheet}": {problem}'),
    "workbook.missing_sheet": QT_TRANSLATE_NOOP("Messages", "the sheet is missing"),
    "workbook.missing_column": QT_TRANSLATE_NOOP(
        "Messages", 'the column "{column}" is missing (row 2 names the fields)'),
    "workbook.unknown_column": QT_TRANSLATE_NOOP("Messages", "unknown column"),
    "workbook.other": QT_TRANSLATE_NOOP("Messages", "{text}"),
    # The change report between two catalogues.
    "report.heading": QT_TRANSLATE_NOOP("Messages", "Changes from {old} to {new}"),
    "report.none": QT_TRANSLATE_NOOP("Messages", "No changes from {old} to {new}."),
    "report.installed": QT_TRANSLATE_NOOP(
        "Messages", "the installed catalogue (version {version})"),
    "report.file": QT_TRANSLATE_NOOP("Messages", "{file} (version {version})"),
    "report.workbook": QT_TRANSLATE_NOOP("Messages", "the workbook {file}"),
    "report.nothing": QT_TRANSLATE_NOOP("Messages", "an empty catalogue"),
    "build.wrong_passphrase": QT_TRANSLATE_NOOP(
        "Messages", "the passphrase of the key {key} is wrong."),
    "build.no_passphrase": QT_TRANSLATE_NOOP(
        "Messages", "the key {key} is protected by a passphrase; give it."),
    "build.not_a_key": QT_TRANSLATE_NOOP(
        "Messages", "{key} is not a private Ed25519 key (PEM)."),
    "build.key_unreadable": QT_TRANSLATE_NOOP(
        "Messages", "the key {key} cannot be read ({error})."),
    "workbook.unreadable": QT_TRANSLATE_NOOP(
        "Messages", "the workbook {file} cannot be read ({error})."),
    "progress.reading_workbook": QT_TRANSLATE_NOOP("Messages", "Reading the workbook"),
    "report.added": QT_TRANSLATE_NOOP("Messages", "Added: {name}"),
    "report.changed": QT_TRANSLATE_NOOP("Messages", "Changed: {name}"),
    "report.removed": QT_TRANSLATE_NOOP("Messages", "Removed: {name}"),
    "report.empty": QT_TRANSLATE_NOOP("Messages", "(empty)"),
    # Importing.
    "import.expired": QT_TRANSLATE_NOOP(
        "Messages", "the export expired {date}. Get a newer export."),
    "import.older": QT_TRANSLATE_NOOP(
        "Messages", "the export has version {version}, older than the installed "
        "catalogue's version {base}."),
    "import.too_far_ahead": QT_TRANSLATE_NOOP(
        "Messages", "the export has version {version}, more than {step} versions ahead of the "
        "installed catalogue's version {base}. A file like that can be a mistake or signed "
        "with a stolen key. Ask the publisher for the right export."),
    "import.below_key_mark": QT_TRANSLATE_NOOP(
        "Messages", "the export has version {version}, but version {mark} signed with the same "
        "key (key id {key}) has already been imported on this computer. An older export "
        "cannot come back in. Ask the publisher for the newest export."),
    "import.same_version_changed": QT_TRANSLATE_NOOP(
        "Messages", "the export has the same version as the installed catalogue ({version}) "
        "but other content. A changed catalogue must have a new version number. Ask the "
        "publisher for a new export."),
    "import.used": QT_TRANSLATE_NOOP(
        "Messages", "the import has already run. Choose the file again."),
    "import.changed_meanwhile": QT_TRANSLATE_NOOP(
        "Messages", "the catalogue changed in the meantime. Try again."),
    "import.no_backup": QT_TRANSLATE_NOOP(
        "Messages", "there is no earlier catalogue to go back to."),
    "import.backup_schema": QT_TRANSLATE_NOOP(
        "Messages", "the backup comes from another version of the app and cannot be "
        "restored."),
    # Publishing.
    "build.refused": QT_TRANSLATE_NOOP("Messages", "No export was written: {reason}"),
    "build.workbook_invalid": QT_TRANSLATE_NOOP(
        "Messages", "the workbook {file} has mistakes; correct them and build again."),
    "build.app_refuses_file": QT_TRANSLATE_NOOP(
        "Messages", "the app would refuse the export of {file}."),
    "build.app_refuses": QT_TRANSLATE_NOOP("Messages", "the app would refuse the export: {reason}"),
    "build.version_unusable": QT_TRANSLATE_NOOP("Messages", "the version cannot be used."),
    "build.expired": QT_TRANSLATE_NOOP(
        "Messages", "the export expired {date}; the app does not accept it"),
    "build.previous_unreadable": QT_TRANSLATE_NOOP(
        "Messages", "the previous export {file} cannot be read: {reason}"),
    "build.previous_at_target": QT_TRANSLATE_NOOP(
        "Messages", "the previous export {file} cannot be read: {reason} Give the previous "
        "export with --previous, or delete the file."),
    "build.not_json": QT_TRANSLATE_NOOP("Messages", "data.json is not valid JSON."),
    "build.source_unreadable": QT_TRANSLATE_NOOP(
        "Messages", "the source file {file} cannot be read ({error})."),
    "build.source_not_utf8": QT_TRANSLATE_NOOP(
        "Messages", "the source file {file} is not encoded in UTF-8."),
    "build.source_bad_json": QT_TRANSLATE_NOOP(
        "Messages", "the source file {file} is not valid JSON (line {line}, column {column}: "
        "{error})."),
    "build.source_missing": QT_TRANSLATE_NOOP(
        "Messages", "the source file lacks the object \"{part}\""),
    "build.source_shape": QT_TRANSLATE_NOOP(
        "Messages", "the source file {file} must be {{\"manifest\": {{...}}, \"data\": {{...}}}}."),
    "build.version_missing": QT_TRANSLATE_NOOP(
        "Messages", "missing: give it in the source file's manifest or with --dataset-version"),
    "build.version_invalid": QT_TRANSLATE_NOOP(
        "Messages", "version {version} is invalid; it must be at least 1"),
    "build.version_lower": QT_TRANSLATE_NOOP(
        "Messages", "version {version} is lower than version {used} in the previous export "
        "{file}; the app does not accept an older version"),
    "build.version_used": QT_TRANSLATE_NOOP(
        "Messages", "version {version} is already used by the previous export {file}, with "
        "other content; the next version is {next}"),
}

SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class Message:
    """A message for the user: its code (a key of :data:`TEMPLATES`) and its parameters."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in TEMPLATES:
            raise KeyError(f"no template for the message code {self.code!r}")

    def text(self, translate: Translate | None = None) -> str:
        """The message as text: each template through ``translate`` (none: English)."""
        tr = translate or _english
        values = {k: v.text(tr) if isinstance(v, Message) else v for k, v in self.params.items()}
        return tr(TEMPLATES[self.code]).format(**values)

    def __str__(self) -> str:
        return self.text()

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted((k, str(v)) for k, v in self.params.items()))))


def msg(code: str, **params: Param) -> Message:
    """``msg("refused.more", count=3)``: a message with its parameters."""
    return Message(code, params)


def _english(template: str) -> str:
    return template


def lines(head: Message, details: list[Message], translate: Translate | None = None) -> str:
    """A head line and at most :data:`SHOWN_PROBLEMS` details below it, each on its own line."""
    out = [head.text(translate)]
    out.extend(f"  - {d.text(translate)}" for d in details[:SHOWN_PROBLEMS])
    if len(details) > SHOWN_PROBLEMS:
        out.append("  " + msg("refused.more", count=len(details) - SHOWN_PROBLEMS).text(translate))
    return "\n".join(out)
