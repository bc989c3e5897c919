"""Statements run on a second thread, so that SQLite's work overlaps the caller's Python work.

SQLite lets go of Python's global lock while a statement runs, and a multi-row ``INSERT ...
VALUES (...), (...)`` runs as one call: while the writer's thread inserts one batch, the
caller's thread makes the next. An import spends seconds in each (see docs/performance.md).

While a writer is open, only it uses the connection: the caller hands it every statement,
in order, and reads nothing until :meth:`BatchWriter.wait` has returned. The writer does not
begin or end transactions; it runs inside the caller's. On any exception in the ``with``
block the statements still queued are dropped and the thread is joined before the exception
goes on, so the caller's rollback never races a statement.
"""

from __future__ import annotations

import queue
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from types import TracebackType
from typing import cast

# Bound parameters per statement at most (SQLite's own default limit).
MAX_PARAMS = 32_766
# Rows per statement unless the caller asks for more (see BatchWriter.insert).
ROWS = 1024
# Bytes of values waiting for the thread at most (the UTF-8 texts of BatchWriter.insert counted
# by their length, other values as 8): the caller waits while more are queued. One statement
# is always let through.
QUEUED_BYTES = 24 * 1024 * 1024
# How soon a waiting thread gets Python's lock from a busy one (Python's default: 5 ms). The
# writer needs it briefly after every statement; waiting 5 ms each time would cost more than
# the overlap gains.
SWITCH_INTERVAL = 0.0005

_STOP = ("", (), 0)

# The switch interval is the process's: lowered while any writer is open, restored by the last.
_OPEN_LOCK = threading.Lock()
_open_writers = 0
_saved_interval = 0.0


class BatchWriter:
    """Runs statements on the connection from its own thread, in the order they are given."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._max_params = min(MAX_PARAMS, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
        self._queue: queue.Queue[tuple[str, Sequence[object], int]] = queue.Queue()
        self._room = threading.Condition()
        self._queued = 0  # bytes in the queue
        self._error: BaseException | None = None
        self._dropping = False
        self._sql: dict[tuple[str, int, int, tuple[int, ...]], str] = {}
        _opened()
        self._thread = threading.Thread(target=self._run, name="tfbb-batch-writer", daemon=True)
        self._thread.start()

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if kind is not None:
            self._dropping = True
        self._finish()
        if kind is None:
            self._raise()

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        """Queue one statement."""
        self._put(sql, params, 8 * len(params))

    def _put(self, sql: str, params: Sequence[object], size: int) -> None:
        self._raise()
        with self._room:
            while self._queued and self._queued + size > QUEUED_BYTES:
                self._room.wait()
            self._queued += size
        self._queue.put((sql, params, size))

    def insert(self, head: str, width: int, rows: Iterable[Sequence[object]],
               most: int = ROWS, utf8: Sequence[int] = ()) -> None:
        """Queue ``rows`` (each ``width`` values) for ``head`` (``INSERT INTO t (a, b)``) as
        multi-row statements of at most ``most`` rows (fewer if SQLite allows fewer values).

        Full batches have one size, and the rest goes in falling powers of two: SQLite's
        compiled form of a statement takes about 1 kB per row, and the connection keeps the
        compiled statements it has run, so a few sizes are all it keeps.

        The columns ``utf8`` take text as UTF-8 ``bytes`` (or ``str``) and store it as text.
        Binding a ``str`` leaves a UTF-8 copy inside the string for as long as it lives, which
        doubles the memory of texts that are kept after they are written: those are better
        handed over as bytes.
        """
        per = self.batch_rows(width, most)
        for batch in _chunks(rows, per):
            start = 0
            while start < len(batch):
                left = len(batch) - start
                size = left if left == per else 1 << (left.bit_length() - 1)
                params = list(chain.from_iterable(batch[start:start + size]))
                # The texts handed over in UTF-8 are the large values.
                weight = 8 * len(params) + sum(_text_length(params[i::width]) for i in utf8)
                self._put(self._values_sql(head, width, size, tuple(utf8)), params, weight)
                start += size

    def batch_rows(self, width: int, most: int = ROWS) -> int:
        """The rows of a full batch of :meth:`insert`."""
        return max(1, min(most, self._max_params // width))

    def wait(self) -> None:
        """Block until every queued statement has run; raise the first one's error, if any."""
        self._queue.join()
        self._raise()

    def _values_sql(self, head: str, width: int, count: int, utf8: tuple[int, ...]) -> str:
        key = (head, width, count, utf8)
        sql = self._sql.get(key)
        if sql is None:
            one = "(" + ", ".join("CAST(? AS TEXT)" if i in utf8 else "?"
                                  for i in range(width)) + ")"
            sql = self._sql[key] = f"{head} VALUES {', '.join([one] * count)}"
        return sql

    def _run(self) -> None:
        while True:
            sql, params, size = self._queue.get()
            try:
                if not sql:
                    return
                if self._error is None and not self._dropping:
                    self._conn.execute(sql, params)
            except BaseException as exc:  # handed to the caller's thread
                self._error = exc
            finally:
                with self._room:
                    self._queued -= size
                    self._room.notify()
                self._queue.task_done()

    def _finish(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()
        _closed()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error


def _chunks(rows: Iterable[Sequence[object]], size: int) -> Iterator[list[Sequence[object]]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _text_length(values: Sequence[object]) -> int:
    return sum(map(len, cast(Iterable[str | bytes], filter(None, values))))


def _opened() -> None:
    global _open_writers, _saved_interval
    with _OPEN_LOCK:
        if not _open_writers:
            _saved_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved_interval, SWITCH_INTERVAL))
        _open_writers += 1


def _closed() -> None:
    global _open_writers
    with _OPEN_LOCK:
        _open_writers -= 1
        if not _open_writers:
            sys.setswitchinterval(_saved_interval)
