"""The batch writer: statements in order on its own thread, inside the caller's transaction."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tfbb_desktop.core import batch_writer
from tfbb_desktop.core.batch_writer import BatchWriter
from tfbb_desktop.core.db import open_sqlite, transaction


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = open_sqlite(tmp_path / "w.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, word TEXT, extra)")
    return conn


def _rows(count: int, start: int = 0) -> list[tuple[int, str, object]]:
    return [(n, f"ord {n} åäö", None if n % 3 else n * 2) for n in range(start, start + count)]


@pytest.mark.parametrize("count", [0, 1, 5, 7, 8, 9, 23, 64, 100])
def test_every_row_is_written_in_order(conn: sqlite3.Connection, count: int) -> None:
    with transaction(conn), BatchWriter(conn) as writer:
        writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(count), most=8)
    assert conn.execute("SELECT n, word, extra FROM t ORDER BY rowid").fetchall() == _rows(count)


def test_statements_have_few_sizes(conn: sqlite3.Connection) -> None:
    """Full batches, then the rest in powers of two: a few compiled statements are kept."""
    with transaction(conn), BatchWriter(conn) as writer:
        for start, count in ((0, 100), (100, 37), (137, 250)):
            writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(count, start), most=24)
        sizes = {count for (_head, _width, count, _utf8) in writer._sql}
    assert sizes <= {24, 16, 8, 4, 2, 1}
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 387


def test_utf8_columns_are_stored_as_text(conn: sqlite3.Connection) -> None:
    rows = [(1, "Sörmland – Nyköping", "x"), (2, None, "y"), (3, "", "z")]
    with transaction(conn), BatchWriter(conn) as writer:
        writer.insert("INSERT INTO t (n, word, extra)", 3, rows, utf8=(1,))
    stored = conn.execute("SELECT n, word, typeof(word) FROM t ORDER BY n").fetchall()
    assert stored == [(1, "Sörmland – Nyköping", "text"), (2, None, "null"), (3, "", "text")]


def test_statements_run_in_the_order_given(conn: sqlite3.Connection) -> None:
    with transaction(conn), BatchWriter(conn) as writer:
        writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(10), most=4)
        writer.execute("UPDATE t SET word = 'ändrad' WHERE n < 5")
        writer.execute("DELETE FROM t WHERE n = 9")
        writer.insert("INSERT INTO t (n, word, extra)", 3, [(9, "igen", None)])
        writer.wait()
        # After wait() the caller may read again.
        seen = conn.execute("SELECT count(*) FROM t WHERE word = 'ändrad'").fetchone()[0]
    assert seen == 5
    assert conn.execute("SELECT word FROM t WHERE n = 9").fetchone()[0] == "igen"


def test_an_error_reaches_the_caller_and_stops_the_rest(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO t VALUES (1, 'finns', NULL)")
    with pytest.raises(sqlite3.IntegrityError), transaction(conn), BatchWriter(conn) as writer:
        writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(3))  # n = 1 exists
        writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(3, 100))
    # The transaction was rolled back: only the row from before is there.
    assert conn.execute("SELECT n FROM t").fetchall() == [(1,)]
    assert not conn.in_transaction


def test_an_error_in_the_caller_drops_what_is_queued(conn: sqlite3.Connection) -> None:
    """The thread has stopped before the exception leaves the block, so the rollback that
    follows cannot race a statement, and nothing runs after it outside the transaction."""
    with pytest.raises(KeyError), transaction(conn), BatchWriter(conn) as writer:
        for start in range(0, 5000, 50):
            writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(50, start))
        raise KeyError("avbruten")
    assert not writer._thread.is_alive()
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    assert not conn.in_transaction


def test_the_switch_interval_is_restored(conn: sqlite3.Connection) -> None:
    before = sys.getswitchinterval()
    with transaction(conn), BatchWriter(conn) as writer:
        assert sys.getswitchinterval() <= batch_writer.SWITCH_INTERVAL
        writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(3))
    assert sys.getswitchinterval() == before


def test_rows_per_statement_follow_sqlite_limit(conn: sqlite3.Connection) -> None:
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 30)
    with transaction(conn), BatchWriter(conn) as writer:
        assert writer.batch_rows(3, 1000) == 10
        writer.insert("INSERT INTO t (n, word, extra)", 3, _rows(45), most=1000)
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 45
