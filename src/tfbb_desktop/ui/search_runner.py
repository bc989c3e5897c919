"""Searches on their own thread, latest request wins: typing never waits for a search, and a
search that a newer keystroke has made stale is interrupted and dropped instead of shown.

Each request is answered twice with :attr:`SearchRunner.answered`: first the hits (``facets``
is ``None``), then, once no newer request has come for a pause (:func:`facet_pause`), the same
result with the facet counts and, for a text that found nothing, a "Did you mean …?". While
the user is still typing the counts are not computed at all: counting cannot be interrupted
(it is mostly Python), and done after every keystroke it would delay the next one's hits.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

# How long typing must pause before the facet counts are computed (seconds), at the least.
FACET_PAUSE = 0.12


def facet_pause(search_seconds: float) -> float:
    """The pause before counting, longer the broader the search: counting costs about as much
    as the search did (about 50 ms for one letter at 100,000 entries), so the surer it must be
    that no keystroke is coming to wait for it."""
    return min(0.5, FACET_PAUSE + 3 * search_seconds)


@dataclass(frozen=True)
class SearchRequest:
    generation: int
    text: str
    filters: Any  # core.search.SearchFilters
    favourites: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class SearchAnswer:
    generation: int
    text: str
    result: Any  # core.search.SearchResult
    facets: dict[str, dict[str, int]] | None = None
    suggestion: str | None = None  # with the counts: a near miss corrected, if nothing found


class _Stopping(Exception):
    pass


class SearchRunner(QThread):
    """A worker thread with its own read connection to the catalogue."""

    answered = Signal(object)
    failed = Signal(str)

    def __init__(self, catalogue_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = catalogue_path
        self._lock = threading.Condition()
        self._pending: SearchRequest | None = None
        self._stopping = False
        self._conn: sqlite3.Connection | None = None
        self._busy = False  # SQL of the worker's may be running
        self.latest = 0

    def request(self, text: str, filters: Any, favourites: frozenset[tuple[str, str]]) -> int:
        with self._lock:
            self.latest += 1
            self._pending = SearchRequest(self.latest, text, filters, favourites)
            self._wake()
            return self.latest

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._wake()
        self.wait(5000)

    def _wake(self) -> None:
        """(Holding the lock.) The work under way is stale now: stop its SQL where it stands."""
        if self._busy and self._conn is not None:
            self._conn.interrupt()
        self._lock.notify()

    def _take(self, timeout: float | None, counting: bool) -> SearchRequest | None:
        """The newest request (waiting up to ``timeout`` seconds, or for ever), or ``None``.

        With ``counting`` (facet counts are due) a ``None`` marks the worker busy in the same
        locked step, so a request coming right after interrupts the counting."""
        with self._lock:
            if self._pending is None and not self._stopping:
                self._lock.wait(timeout)
            if self._stopping:
                raise _Stopping
            req, self._pending = self._pending, None
            self._busy = req is not None or counting
            return req

    def _current(self, req: SearchRequest) -> bool:
        with self._lock:
            return req.generation == self.latest and not self._stopping

    def run(self) -> None:
        from tfbb_desktop.core.search import query as search
        from tfbb_desktop.core.search.suggest import did_you_mean
        from tfbb_desktop.core.store.db import open_sqlite

        conn = open_sqlite(self._path)
        conn.execute("PRAGMA query_only=1")
        with self._lock:
            self._conn = conn
        shown: tuple[SearchRequest, Any] | None = None  # hits shown, counts still due
        pause = FACET_PAUSE
        try:
            while True:
                req = self._take(pause if shown else None, counting=shown is not None)
                if req is not None:
                    started = time.perf_counter()
                    result = self._run(conn, req, search.search, conn, req.text, req.filters)
                    pause = facet_pause(time.perf_counter() - started)
                    shown = (req, result) if result is not None and self._current(req) else None
                    if shown:
                        self.answered.emit(SearchAnswer(req.generation, req.text, result))
                    continue
                assert shown is not None  # typing paused: now the counts of the hits shown
                (req, result), shown = shown, None
                facets = self._run(conn, req, search.facet_counts, conn, req.text, req.filters,
                                   req.favourites)
                suggestion = None
                if facets is not None and not result.total and req.text.strip():
                    suggestion = self._run(conn, req, did_you_mean, conn, req.text, req.filters)
                if facets is not None and self._current(req):
                    self.answered.emit(SearchAnswer(req.generation, req.text, result, facets,
                                                    suggestion))
        except _Stopping:
            pass
        finally:
            with self._lock:
                self._conn = None
                self._busy = False
            conn.close()

    def _run(self, conn: sqlite3.Connection, req: SearchRequest, work: Callable[..., Any],
             *args: Any) -> Any:
        """``work(*args)``, or ``None`` if it failed or was interrupted by a newer request."""
        try:
            return work(*args)
        except Exception as exc:  # shown quietly; a search must never crash the app
            if self._current(req):
                self.failed.emit(str(exc))
            return None
        finally:
            with self._lock:
                self._busy = False
                # An interrupt that came after the last statement must not hit the next one.
                stale = req.generation != self.latest
            if stale or conn.in_transaction:
                _settle(conn)


def _settle(conn: sqlite3.Connection) -> None:
    """Leave no read transaction open after an interrupted search (it would pin an old
    snapshot of the catalogue), and let a pending interrupt expire on a trivial statement."""
    for _ in range(2):
        try:
            if conn.in_transaction:
                conn.rollback()
            conn.execute("SELECT 1").fetchone()
            return
        except sqlite3.Error:
            continue
