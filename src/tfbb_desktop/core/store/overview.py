"""The overview ("Helheten"): every principal's status for every model component.

The matrix has one row per principal that has at least one component status (in Swedish
alphabetical order) and one column per model component (in the vocabulary's order). Each cell
holds the status term (label and ``order``) and the note behind it.

Two counts summarise each row and column:

* **in place** - the principals (or components) at the status with the highest ``order`` in the
  ``component_statuses`` vocabulary ("På plats" in the bundled catalogue). If several terms share
  the highest order, each of them counts as in place;
* **known** - those at any status above the lowest ``order`` ("Uppgift saknas", no
  information). "Ej påbörjad" is known: it says something about the principal.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cached_property

from tfbb_desktop.core.store.queries import Term, vocabulary


@dataclass(frozen=True)
class Cell:
    """One principal's status for one component; ``status`` is None when nothing is recorded
    (or the recorded status is not in the vocabulary)."""

    status: Term | None
    note: str = ""
    status_id: str = ""


@dataclass(frozen=True)
class Row:
    principal_id: str
    name: str
    short_name: str


@dataclass
class Overview:
    rows: list[Row]
    components: list[Term]
    statuses: list[Term]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    # The principals of the catalogue that the matrix leaves out: no status is recorded for
    # any model component (for example a support function that has no part in the model).
    left_out: list[Row] = field(default_factory=list)

    @cached_property
    def in_place_statuses(self) -> list[Term]:
        """The status(es) that mean "in place": those with the highest ``order``."""
        top = max((s.order for s in self.statuses), default=None)
        return [s for s in self.statuses if s.order == top]

    @cached_property
    def _lowest(self) -> int | None:
        return min((s.order for s in self.statuses), default=None)

    def cell(self, principal_id: str, component_id: str) -> Cell:
        return self.cells.get((principal_id, component_id), Cell(None))

    def is_in_place(self, cell: Cell) -> bool:
        # With a single status term, "in place" and "no information" would coincide.
        return (cell.status is not None and len(self.statuses) > 1
                and cell.status in self.in_place_statuses)

    def is_known(self, cell: Cell) -> bool:
        return cell.status is not None and self._lowest is not None \
            and cell.status.order > self._lowest

    def rank(self, status: Term | None) -> int:
        """The position of ``status`` in the vocabulary (0 = lowest), -1 for no status."""
        ids = [term.id for term in self.statuses]
        return ids.index(status.id) if status is not None and status.id in ids else -1

    @cached_property
    def _tally(self) -> dict[tuple[str | None, str | None], tuple[int, int]]:
        """(in place, known) of each row ``(principal, None)``, each column ``(None,
        component)`` and the whole matrix ``(None, None)``, counted once: the view asks for
        the totals with every cell it paints."""
        tally: dict[tuple[str | None, str | None], tuple[int, int]] = {}
        for row in self.rows:
            for component in self.components:
                cell = self.cell(row.principal_id, component.id)
                in_place, known = self.is_in_place(cell), self.is_known(cell)
                for key in ((row.principal_id, None), (None, component.id), (None, None)):
                    before = tally.get(key, (0, 0))
                    tally[key] = (before[0] + in_place, before[1] + known)
        return tally

    def component_in_place(self, component_id: str) -> int:
        return self._tally.get((None, component_id), (0, 0))[0]

    def component_known(self, component_id: str) -> int:
        return self._tally.get((None, component_id), (0, 0))[1]

    def principal_in_place(self, principal_id: str) -> int:
        return self._tally.get((principal_id, None), (0, 0))[0]

    def principal_known(self, principal_id: str) -> int:
        return self._tally.get((principal_id, None), (0, 0))[1]

    def status_count(self, status_id: str) -> int:
        """How many cells of the whole matrix have this status."""
        return sum(1 for c in self.cells.values() if c.status and c.status.id == status_id)

    def empty_count(self) -> int:
        """How many cells of the matrix have no (known) status."""
        return sum(1 for r in self.rows for c in self.components
                   if self.cell(r.principal_id, c.id).status is None)

    def total_in_place(self) -> int:
        return self._tally.get((None, None), (0, 0))[0]

    def total_known(self) -> int:
        return self._tally.get((None, None), (0, 0))[1]


def build(conn: sqlite3.Connection) -> Overview:
    """The matrix of the catalogue in ``conn``."""
    components = vocabulary(conn, "components")
    statuses = sorted(vocabulary(conn, "component_statuses"), key=lambda t: (t.order, t.label))
    by_id = {s.id: s for s in statuses}
    known_components = {c.id for c in components}
    cells: dict[tuple[str, str], Cell] = {}
    principal_ids: set[str] = set()
    for principal_id, component_id, status_id, note in conn.execute(
            "SELECT principal_id, component_id, status, note FROM component_status"):
        if component_id not in known_components:
            continue
        principal_ids.add(principal_id)
        cells[(principal_id, component_id)] = Cell(by_id.get(status_id), note or "", status_id)
    every = [Row(pid, name, short or "") for pid, name, short in conn.execute(
        "SELECT id, name, short_name FROM principal ORDER BY sort_key")]
    rows = [r for r in every if r.principal_id in principal_ids]
    present = {r.principal_id for r in rows}
    return Overview(rows, components, statuses,
                    {k: v for k, v in cells.items() if k[0] in present},
                    [r for r in every if r.principal_id not in principal_ids])

