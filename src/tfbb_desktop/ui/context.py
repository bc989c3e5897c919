"""What the window works on: the data folder, the catalogue, the user's data and the trust."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue, recovery
from tfbb_desktop.core.store.health import DamagedDatabase
from tfbb_desktop.core.store.userdata import UserData
from tfbb_desktop.core.sync.signing import (
    MachineConfig,
    TrustPolicy,
    load_machine_config,
    trust_policy,
)

if TYPE_CHECKING:
    # Not at run time: the import pipeline (SQLModel, SQLAlchemy, pydantic) is loaded only when
    # there is something to import (catalogue.ensure_content), not on an everyday start.
    from tfbb_desktop.core.sync.importer import ImportResult

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    paths: DataPaths
    conn: sqlite3.Connection
    userdata: UserData
    config: MachineConfig
    trust: TrustPolicy
    first_import: ImportResult | None = None
    closed: bool = False

    def close(self) -> None:
        self.closed = True
        self.conn.close()
        _backup_userdata(self.userdata, self.paths)  # with this session's notes
        self.userdata.close()


def load_context(paths: DataPaths) -> AppContext:
    """Open (and on first start fill) the catalogue. Runs on a worker thread at start-up.

    A damaged catalogue or user database is set aside and raised as DamagedDatabase, with the
    last good copy to offer (``backup``); a sound user database is copied to ``backups/``."""
    config = load_machine_config()
    trust = trust_policy(config=config)
    try:
        conn = catalogue.open_catalogue(paths)
        try:
            first = catalogue.ensure_content(conn, paths, trust)
            userdata = UserData(paths.userdata)
        except BaseException:
            conn.close()
            raise
    except DamagedDatabase as exc:
        exc.backup = recovery.last_good_copy(paths, exc.kind)
        raise
    _backup_userdata(userdata, paths)
    return AppContext(paths, conn, userdata, config, trust, first)


def _backup_userdata(userdata: UserData, paths: DataPaths) -> None:
    """A copy of the sound user database; a folder that cannot take it does not stop the app."""
    try:
        recovery.backup_userdata(userdata.conn, paths)
    except (OSError, sqlite3.Error) as exc:
        log.warning("no backup of %s: %s", paths.userdata, exc)
