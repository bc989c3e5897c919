"""The import preview in the words users read: entries by name, references by the name of
what they refer to, the changed fields with their labels (see :mod:`core.outputs.change_report`).
An entry's differences are worked out when it is shown; the names come from the export first,
then from the installed catalogue.
"""

from __future__ import annotations

import json
import sqlite3

from tfbb_desktop.core.entities import REGISTRY
from tfbb_desktop.core.outputs.change_report import FieldDiff, entry_fields
from tfbb_desktop.core.sync.changes import ChangeSet, EntityChange


class PreviewNames:
    """Names of entries and labels of terms for a change set against the catalogue in
    ``conn``: the export's own (new and changed entries) before the installed ones."""

    def __init__(self, conn: sqlite3.Connection, change_set: ChangeSet) -> None:
        self.conn = conn
        self._known = {(change.entity_type, change.entity_id): change.name
                       for change in change_set if change.change != "removed"}

    def referred(self, refers: tuple[str, str], value: str) -> str:
        kind, target = refers
        key = ("vocabularies", f"{target}/{value}") if kind == "vocab" else (target, value)
        if key not in self._known:
            self._known[key] = self._installed(kind, target, value)
        return self._known[key]

    def _installed(self, kind: str, target: str, value: str) -> str:
        """The installed catalogue's label of a term or name of an entry, else ``value``."""
        sql = "SELECT label FROM vocab_term WHERE vocabulary = ? AND id = ?"
        args: tuple[str, ...] = (target, value)
        if kind != "vocab":
            entity = REGISTRY.entity(target)
            if len(entity.key) != 1:
                return value
            key = entity.field(entity.key[0]).column
            sql = f"SELECT {entity.field(entity.named_by).column} FROM {entity.table} " \
                f"WHERE {key} = ?"
            args = (value,)
        row = self.conn.execute(sql, args).fetchone()
        return str(row[0]) if row and row[0] else value

    def entry_name(self, change: EntityChange) -> str:
        """The entry's name as users know it; a component status as "principal: component"
        (the export names it by its ids)."""
        if change.entity_type != "component_status":
            return change.name
        doc = json.loads(change.new_doc or change.old_doc or "{}")
        principal, _, component = change.entity_id.partition("/")
        principal = str(doc.get("principal") or principal)
        component = str(doc.get("component") or component)
        return f"{self.referred(('entity', 'principals'), principal)}: " \
            f"{self.referred(('vocab', 'components'), component)}"


def field_diffs(change: EntityChange, names: PreviewNames) -> tuple[FieldDiff, ...]:
    """The changed fields of a changed entry, in the words of the preview."""
    if change.change != "changed":
        return ()
    return entry_fields(change.entity_type, json.loads(change.old_doc or "{}"),
                        json.loads(change.new_doc or "{}"), names)
