"""What the window works on: the data folder, the catalogue, the user's data and the trust."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.store import catalogue
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
        self.userdata.close()


def load_context(paths: DataPaths) -> AppContext:
    """Open (and on first start fill) the catalogue. Runs on a worker thread at start-up."""
    config = load_machine_config()
    trust = trust_policy(config=config)
    conn = catalogue.open_catalogue(paths)
    try:
        first = catalogue.ensure_content(conn, paths, trust)
        userdata = UserData(paths.userdata)
    except BaseException:
        conn.close()
        raise
    return AppContext(paths, conn, userdata, config, trust, first)
