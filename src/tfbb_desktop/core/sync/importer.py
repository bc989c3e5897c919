"""The one import pipeline: copy → size limits → checksums and signature → parse and validate
→ change set → apply in one transaction → import history. The GUI, the command line and the
first start with the bundled catalogue all call :func:`prepare` and then :func:`commit`."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tfbb_desktop.core.errors import ImportCancelled, ImportRefused, UndoRefused
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.paths import PENDING_SUFFIX, DataPaths
from tfbb_desktop.core.search import index as search_index
from tfbb_desktop.core.search import query as search
from tfbb_desktop.core.store.catalogue import installed_version, migrate_catalogue
from tfbb_desktop.core.store.db import backup_copy, open_sqlite, transaction, user_version
from tfbb_desktop.core.sync import changes, container
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.apply import DATA_TABLES, replace_catalogue
from tfbb_desktop.core.sync.changes import Documents
from tfbb_desktop.core.sync.signing import TrustPolicy
from tfbb_desktop.core.sync.validate import parse_documents

log = logging.getLogger(__name__)

KEEP_BACKUPS = 3
# What an undo copies back from a backup: the catalogue and the last import's marks.
RESTORED_TABLES = (*DATA_TABLES, "change_mark", "removed_entry")

current_version = installed_version
Progress = Callable[[Message, float], None]
Cancelled = Callable[[], bool]


@dataclass
class PreparedImport:
    """A verified, validated export and what it would change; nothing is written yet."""

    file_name: str
    manifest: fmt.Manifest
    docs: Documents | None
    change_set: changes.ChangeSet
    base_version: int
    signers: tuple[str, ...] = ()  # every trusted key whose signature verified, in order

    @property
    def is_noop(self) -> bool:
        return self.base_version == self.manifest.dataset_version


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    dataset_version: int
    previous_version: int
    counts: dict[str, dict[str, int]]
    applied: bool
    message: Message


def _check(step: str, fraction: float, progress: Progress | None,
           cancelled: Cancelled | None) -> None:
    """Stop if cancelled, else tell ``progress`` the step (``progress.<step>``) and fraction."""
    if cancelled is not None and cancelled():
        raise ImportCancelled()
    if progress is not None:
        progress(msg(f"progress.{step}"), fraction)


def prepare(conn: sqlite3.Connection, paths: DataPaths, source: Path, trust: TrustPolicy, *,
            builtin: bool = False, today: date | None = None, max_version_step: int | None = None,
            progress: Progress | None = None, cancelled: Cancelled | None = None,
            ) -> PreparedImport:
    """Verify and validate the export at ``source`` and compute its change set."""
    today = today or date.today()
    step = max_version_step or fmt.MAX_VERSION_STEP
    _check("copying", 0.0, progress, cancelled)
    local = container.copy_to_local(source, paths.incoming)
    try:
        _check("verifying", 0.1, progress, cancelled)
        verified = container.read_export(local, trust, builtin=builtin, display_name=source.name)
    finally:
        container.remove_quietly(local)
    manifest = verified.manifest
    name = verified.file_name
    signers = verified.signers
    base = current_version(conn)
    version = manifest.dataset_version
    if not builtin and manifest.expires < today:
        raise ImportRefused("expired", msg("import.expired", date=manifest.expires.isoformat()),
                            name)
    # Refuse a version that goes back (below the catalogue's, or below the mark of a key that
    # signed it), jumps too far ahead, or repeats the installed one with other content. A
    # key's mark outlives an undo: the versions between the restored catalogue and the mark
    # are not taken again under that key. The bundled catalogue is part of the installed app,
    # not a file from the share: like the first import into an empty catalogue it may be any
    # step ahead, and it fills an empty catalogue even when marks carried over are higher.
    if version < base:
        raise ImportRefused("older", msg("import.older", version=version, base=base), name)
    marks = key_marks(conn) if version != base and not builtin else {}
    for key in signers:
        if version < marks.get(key, 0):
            raise ImportRefused("below_key_mark", msg(
                "import.below_key_mark", version=version, key=key, mark=marks[key]), name)
    if base and not builtin and version > base + step:
        raise ImportRefused("too_far_ahead", msg("import.too_far_ahead", version=version,
                                                 base=base, step=step), name)
    installed_sha = installed_data_sha256(conn)
    if version == base and installed_sha and installed_sha != manifest.files[fmt.DATA_NAME].sha256:
        raise ImportRefused("same_version_changed", msg("import.same_version_changed",
                                                        version=version), name)
    _check("checking", 0.3, progress, cancelled)
    docs = parse_documents(verified.data_bytes, manifest, name)
    del verified  # the unpacked bytes go as soon as they are parsed
    _check("comparing", 0.6, progress, cancelled)
    # The same version is compared only when the catalogue has no checksum to tell (imported
    # before schema version 6): the same content is a no-op, other content is refused.
    compare = version != base or not installed_sha
    change_set = changes.compute(conn, docs) if compare else changes.ChangeSet()
    if version == base and any(change_set):
        raise ImportRefused("same_version_changed", msg("import.same_version_changed",
                                                        version=version), name)
    _check("ready", 0.7, progress, cancelled)
    return PreparedImport(name, manifest, docs, change_set, base, signers)


def installed_data_sha256(conn: sqlite3.Connection) -> str:
    """That of the installed catalogue; '' for none, or one imported before schema 6."""
    row = conn.execute("SELECT value FROM catalogue_info WHERE key = 'data_sha256'").fetchone()
    return str(row[0]) if row else ""


def key_marks(conn: sqlite3.Connection) -> dict[str, int]:
    """The highest dataset version imported here under each trusted key's signature."""
    return {str(key): int(version)
            for key, version in conn.execute("SELECT key_id, version FROM key_high_water")}


def commit(conn: sqlite3.Connection, paths: DataPaths, prepared: PreparedImport, *,
           progress: Progress | None = None, cancelled: Cancelled | None = None,
           now: datetime | None = None) -> ImportResult:
    """Apply a prepared import in one transaction, after a backup of the current catalogue."""
    manifest = prepared.manifest
    counts = prepared.change_set.counts()
    if prepared.is_noop:
        return ImportResult(prepared.file_name, manifest.dataset_version, prepared.base_version,
                            counts, False, msg("import.noop", version=manifest.dataset_version))
    _check("backing_up", 0.75, progress, cancelled)
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    info = {
        "dataset_version": str(manifest.dataset_version),
        "created": manifest.created.isoformat(),
        "expires": manifest.expires.isoformat(),
        "publisher_id": manifest.publisher.id,
        "publisher_name": manifest.publisher.name,
        "feedback_email": manifest.feedback.email or "",
        "feedback_folder": manifest.feedback.folder,
        "file_name": prepared.file_name,
        "signed_by": prepared.signers[0] if prepared.signers else "",
        "data_sha256": manifest.files[fmt.DATA_NAME].sha256,
        "imported_at": stamp,
    }

    def on_progress(fraction: float) -> None:
        _check("writing", 0.8 + 0.05 * fraction, progress, cancelled)

    def on_index(fraction: float) -> None:
        _check("indexing", 0.85 + 0.13 * fraction, progress, cancelled)

    docs = prepared.docs
    if docs is None:
        raise ImportRefused("used", msg("import.used"), prepared.file_name)
    pending: Path | None = None
    try:
        with transaction(conn):
            if current_version(conn) != prepared.base_version:
                raise ImportRefused("changed_meanwhile", msg("import.changed_meanwhile"),
                                    prepared.file_name)
            _settle_pending(conn, paths)
            # Made under the write lock, so it is exactly the catalogue being replaced. It is
            # "pending" until the import is committed: a process that dies before that leaves
            # nothing that an undo could mistake for an earlier catalogue.
            if prepared.base_version:
                pending = make_backup(conn, paths, prepared.base_version, now,
                                      pending_version=manifest.dataset_version)
            prepared.docs = None  # used from here on, even if this import fails
            replace_catalogue(conn, docs, info, on_progress)
            del docs
            _record_changes(conn, prepared)
            conn.executemany(
                "INSERT INTO key_high_water (key_id, version) VALUES (?, ?) ON CONFLICT (key_id) "
                "DO UPDATE SET version = max(version, excluded.version)",
                [(key, manifest.dataset_version) for key in prepared.signers])
            search_index.build_index(conn, on_index)
            conn.execute(
                "INSERT INTO import_log (action, at, file_name, dataset_version, publisher, "
                "counts) VALUES ('import', ?, ?, ?, ?, ?)",
                (stamp, prepared.file_name, manifest.dataset_version,
                 manifest.publisher.name, json.dumps(counts)),
            )
            _check("saving", 0.98, progress, cancelled)
    except BaseException:
        if pending is not None:
            pending.unlink(missing_ok=True)  # nothing changed, so nothing to go back to
        raise
    if pending is not None:
        _keep(pending)
    prune_backups(paths)
    _check("done", 1.0, progress, None)
    return ImportResult(prepared.file_name, manifest.dataset_version, prepared.base_version,
                        counts, True, msg("import.applied", version=manifest.dataset_version))


def _record_changes(conn: sqlite3.Connection, prepared: PreparedImport) -> None:
    conn.execute("DELETE FROM change_mark")
    conn.execute("DELETE FROM removed_entry")
    if not prepared.base_version:
        return  # the first catalogue: nothing is "new since the last update"
    # The entries the lists show.
    listed = [c for c in prepared.change_set if c.entity_type in search.ENTITY_TYPES]
    conn.executemany("INSERT INTO change_mark VALUES (?, ?, ?)",
                     [(c.entity_type, c.entity_id, c.change) for c in listed
                      if c.change != "removed"])
    conn.executemany("INSERT INTO removed_entry VALUES (?, ?, ?)",
                     [(c.entity_type, c.entity_id, c.name) for c in listed
                      if c.change == "removed"])


def totals(change_set: changes.ChangeSet) -> tuple[int, int, int]:
    """(added, changed, removed) over the entries and component statuses, as the preview
    lists them (vocabulary terms are counted in their own row only)."""
    counts = change_set.counts()
    added, changed, removed = (sum(counts[t][k] for t in fmt.ENTITY_TYPES)
                               for k in ("added", "changed", "removed"))
    return added, changed, removed


def import_file(conn: sqlite3.Connection, paths: DataPaths, source: Path, trust: TrustPolicy,
                *, builtin: bool = False, dry_run: bool = False, today: date | None = None,
                max_version_step: int | None = None, progress: Progress | None = None,
                cancelled: Cancelled | None = None) -> ImportResult:
    """Prepare and, unless ``dry_run``, commit: the whole pipeline in one call."""
    prepared = prepare(conn, paths, source, trust, builtin=builtin, today=today,
                       max_version_step=max_version_step, progress=progress, cancelled=cancelled)
    if dry_run and not prepared.is_noop:
        return ImportResult(prepared.file_name, prepared.manifest.dataset_version,
                            prepared.base_version, prepared.change_set.counts(), False,
                            msg("import.dry_run"))
    return commit(conn, paths, prepared, progress=progress, cancelled=cancelled)


# Backups and undo ---------------------------------------------------------------------------



def make_backup(conn: sqlite3.Connection, paths: DataPaths, version: int,
                now: datetime | None = None, *, pending_version: int | None = None) -> Path:
    """A copy of the catalogue (at ``version``) in ``backups/``.

    With ``pending_version`` (the version the running import installs) the copy is named
    ``...db.to-vN.pending`` and only becomes a backup when :func:`_keep` renames it after the
    import was committed.
    """
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%f")
    target = paths.backups / f"catalogue-{stamp}-v{version}.db"
    if pending_version is not None:
        target = target.with_name(f"{target.name}.to-v{pending_version}{PENDING_SUFFIX}")
    # SQLite cannot copy from a connection inside a write transaction; a second connection
    # reads the last committed state, which the write lock held by ``conn`` keeps unchanged.
    file_name = next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")
    with closing(sqlite3.connect(file_name, isolation_level=None)) as reader:
        reader.execute("PRAGMA query_only=1")
        backup_copy(reader, target)
    return target


def _quietly(action: Callable[[], object], what: Path) -> None:
    """File housekeeping that must never fail an import: a file another process has settled
    already, or one held open (antivirus, indexer), is dealt with at the next import."""
    try:
        action()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("could not tidy %s: %s", what, exc)


def _keep(pending: Path) -> None:
    """Turn the pending copy of a committed import into a backup."""
    final = pending.with_name(pending.name.split(".to-v", 1)[0])
    _quietly(lambda: pending.replace(final), pending)


def _settle_pending(conn: sqlite3.Connection, paths: DataPaths) -> None:
    """Deal with what an import that died half-way left in ``backups/``. Call under the
    catalogue's write lock, so no other import is between its backup and its commit.

    A pending copy whose import was committed (the catalogue has its version) becomes a
    backup; any other pending copy, and unfinished ``.part`` files, are deleted, because the
    import they belong to changed nothing.
    """
    if not paths.backups.is_dir():
        return
    version = current_version(conn)
    for leftover in paths.pending_backups():
        target = leftover.name.rsplit(".to-v", 1)[-1].removesuffix(PENDING_SUFFIX)
        if target.isdigit() and int(target) == version:
            _keep(leftover)
        else:
            _quietly(leftover.unlink, leftover)
    for leftover in paths.backups.glob("catalogue-*.part"):
        _quietly(leftover.unlink, leftover)


def prune_backups(paths: DataPaths) -> None:
    """Keep the newest :data:`KEEP_BACKUPS` backups (called after an import succeeded)."""
    for old in paths.catalogue_backups()[KEEP_BACKUPS:]:
        _quietly(old.unlink, old)


def undo_last_import(conn: sqlite3.Connection, paths: DataPaths,
                     now: datetime | None = None) -> ImportResult:
    """Restore the catalogue as it was before the last import, exactly, in one transaction
    (a backup of an older schema is migrated first, on a copy). The import history is kept:
    the undone import stays in it, followed by the undo."""
    with transaction(conn):
        _settle_pending(conn, paths)
    available = paths.catalogue_backups()
    if not available:
        raise UndoRefused("no_backup", msg("import.no_backup"))
    newest = available[0]
    before = current_version(conn)
    ours = user_version(conn)
    theirs = _schema_of(newest)
    if theirs > ours or theirs < 1:
        raise UndoRefused("backup_schema", msg("import.backup_schema"))
    paths.incoming.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="undo-", dir=paths.incoming))
    try:
        source = newest
        if theirs < ours:  # made before an update of the app: bring a copy up to date
            source = scratch / newest.name
            shutil.copyfile(newest, source)
            with closing(open_sqlite(source)) as copy:
                migrate_catalogue(copy, source, msg("db.what.backup"))
        conn.execute("ATTACH DATABASE ? AS previous", (str(source),))
        try:
            with transaction(conn):
                for table in RESTORED_TABLES:
                    conn.execute(f"DELETE FROM main.{table}")
                    conn.execute(f"INSERT INTO main.{table} SELECT * FROM previous.{table}")
                search_index.build_index(conn)
                version = current_version(conn)
                conn.execute(
                    "INSERT INTO import_log (action, at, file_name, dataset_version, publisher, "
                    "counts) VALUES ('undo', ?, ?, ?, '', '{}')",
                    ((now or datetime.now(UTC)).isoformat(timespec="seconds"), newest.name,
                     version))
        finally:
            conn.execute("DETACH DATABASE previous")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _quietly(newest.unlink, newest)
    return ImportResult(newest.name, version, before, {}, True,
                        msg("import.undone", version=version))


def _schema_of(path: Path) -> int:
    with closing(sqlite3.connect(str(path))) as reader:
        try:
            return int(reader.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError:
            return 0

