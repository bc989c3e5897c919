"""The entity registry: the types the user lists, labels, the reference checks, copies.

The export's models, the tables and the search document are made from it; the tests of the
JSON Schema (byte for byte), of the migrations and of the search check what they make.
"""

from __future__ import annotations

from tfbb_desktop.core.entities import REGISTRY, Field
from tfbb_desktop.core.sync import validate


def test_the_listed_types() -> None:
    assert REGISTRY.listed == ("principals", "contacts", "examples", "work")


def test_every_field_but_the_id_has_a_label() -> None:
    for entity in REGISTRY.entities:
        assert all(f.label for f in entity.fields if f.name != "id"), entity.name


def test_references_are_the_hand_written_ones() -> None:
    assert {e.name: e.references() for e in REGISTRY.entities} == validate.REFERENCES


def test_a_copy_with_a_new_field_leaves_the_registry_alone() -> None:
    copy = REGISTRY.with_field("work", Field("contact_hours", "text", "Contact hours",
                                             search="meta"), after="location")
    names = [f.name for f in copy.entity("work").fields]
    assert names[names.index("location") + 1] == "contact_hours"
    assert "contact_hours" in copy.entity("work").columns()
    assert "contact_hours" not in REGISTRY.entity("work").columns()
