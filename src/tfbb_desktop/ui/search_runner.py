"""Searches on their own thread, latest request wins: typing never waits for a search, and a
search that a newer keystroke has made stale is dropped instead of shown."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


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
    facets: dict[str, dict[str, int]]


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
        self.latest = 0

    def request(self, text: str, filters: Any, favourites: frozenset[tuple[str, str]]) -> int:
        with self._lock:
            self.latest += 1
            self._pending = SearchRequest(self.latest, text, filters, favourites)
            self._lock.notify()
            return self.latest

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify()
        self.wait(5000)

    def run(self) -> None:
        from ..core import search
        from ..core.db import open_sqlite

        conn = open_sqlite(self._path)
        conn.execute("PRAGMA query_only=1")
        try:
            while True:
                with self._lock:
                    while self._pending is None and not self._stopping:
                        self._lock.wait()
                    if self._stopping:
                        return
                    req, self._pending = self._pending, None
                assert req is not None
                filters = req.filters
                try:
                    result = search.search(conn, req.text, filters)
                    if req.generation != self.latest:
                        continue  # a newer keystroke came in meanwhile
                    facets = search.facet_counts(conn, req.text, filters, req.favourites)
                except Exception as exc:  # shown quietly; a search must never crash the app
                    self.failed.emit(str(exc))
                    continue
                if req.generation == self.latest:
                    self.answered.emit(SearchAnswer(req.generation, req.text, result, facets))
        finally:
            conn.close()
