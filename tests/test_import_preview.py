"""The import preview's words, from the core: names for references and entries, labels and
word-level differences for the changed fields."""

from __future__ import annotations

import copy
import sqlite3
from typing import Any

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import importer
from tfbb_desktop.core.sync.preview import PreviewNames, field_diffs
from tfbb_desktop.core.sync.signing import TrustPolicy


def test_references_become_names_and_long_texts_word_differences(
        catalogue_conn: sqlite3.Connection, paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: Any) -> None:
    src = copy.deepcopy(source)
    data = src["data"]
    example = data["examples"][0]
    before = example["summary"]
    example["summary"] = before + " Nu även i Flen."
    contact = next(c for c in data["contacts"] if c["id"] == "kp-johan-lindeberg")
    old_principal = contact["principal"]
    contact["principal"] = "flen"
    data["principals"].append({"id": "ny-skola", "name": "Ny skola",
                               "kind": data["principals"][0]["kind"]})
    data["examples"][1]["principals"] = ["ny-skola"]
    prepared = importer.prepare(catalogue_conn, paths, make_export(src, version=2), trust)
    names = PreviewNames(catalogue_conn, prepared.change_set)
    changed = {c.entity_id: c for c in prepared.change_set if c.change == "changed"}

    (moved,) = field_diffs(changed["kp-johan-lindeberg"], names)
    old_name = catalogue_conn.execute("SELECT name FROM principal WHERE id = ?",
                                      (old_principal,)).fetchone()[0]
    assert (moved.field, moved.label, moved.old, moved.new) == (
        "principal", "Principal", old_name, "Flens kommun")

    (summary,) = field_diffs(changed[example["id"]], names)
    assert summary.label == "Summary"
    assert [(w.kind, w.text) for w in summary.words if w.kind != "same"] == [
        ("added", "Nu även i Flen.")]

    (linked,) = field_diffs(changed[data["examples"][1]["id"]], names)
    assert linked.new == "Ny skola"  # a new entry's name, from the export itself

    assert prepared.change_set.changes["component_status"] == []
    assert names.referred(("vocab", "components"), "sip") == "SIP (samordnad individuell plan)"
    assert names.referred(("entity", "principals"), "unknown-id") == "unknown-id"
