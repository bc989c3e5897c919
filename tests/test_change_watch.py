"""core.change_watch: another connection's commit is noticed, nothing else is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tfbb_desktop.core.store.change_watch import ChangeWatch
from tfbb_desktop.core.store.db import open_sqlite


def make_db(tmp_path: Path) -> Path:
    path = tmp_path / "watched.db"
    conn = open_sqlite(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.close()
    return path


def test_a_commit_by_another_connection_is_noticed_once_marked(tmp_path: Path) -> None:
    path = make_db(tmp_path)
    ours, other = open_sqlite(path), open_sqlite(path)
    try:
        watch = ChangeWatch(ours)
        assert not watch.changed()
        other.execute("INSERT INTO t VALUES (1)")
        assert watch.changed()
        assert watch.changed()  # asking does not use the news up
        watch.mark()
        assert not watch.changed()
        other.execute("INSERT INTO t VALUES (2)")
        assert watch.changed()
    finally:
        ours.close()
        other.close()


def test_reads_own_commits_and_open_transactions_are_not_changes(tmp_path: Path) -> None:
    path = make_db(tmp_path)
    ours, other = open_sqlite(path), open_sqlite(path)
    try:
        watch = ChangeWatch(ours)
        ours.execute("INSERT INTO t VALUES (1)")  # our own commit
        other.execute("SELECT count(*) FROM t").fetchone()  # a read elsewhere
        assert not watch.changed()
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO t VALUES (2)")
        assert not watch.changed()  # not committed yet
        other.execute("COMMIT")
        assert watch.changed()
    finally:
        ours.close()
        other.close()


def test_another_process_commit_is_noticed(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = make_db(tmp_path)
    ours = open_sqlite(path)
    try:
        watch = ChangeWatch(ours)
        code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                "c.execute('INSERT INTO t VALUES (3)'); c.commit(); c.close()")
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
        assert watch.changed()
        assert ours.execute("SELECT x FROM t").fetchall() == [(3,)]
    finally:
        ours.close()


def test_the_watch_needs_no_table(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    try:
        assert not ChangeWatch(conn).changed()
    finally:
        conn.close()
