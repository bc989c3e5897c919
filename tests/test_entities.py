"""The entity registry agrees with the export, the tables and the checks it is to describe."""

from __future__ import annotations

from tfbb_desktop.core.entities import REGISTRY, Field
from tfbb_desktop.core.store.schema import CATALOGUE_TABLES
from tfbb_desktop.core.sync import apply, validate
from tfbb_desktop.core.sync import export_format as fmt


def test_types_and_vocabularies_are_the_exports() -> None:
    assert REGISTRY.types == fmt.ENTITY_TYPES
    assert REGISTRY.vocabularies == fmt.VOCABULARIES
    assert REGISTRY.listed == ("principals", "contacts", "examples", "work")


def test_fields_are_the_models_fields_in_order() -> None:
    for entity in REGISTRY.entities:
        model = fmt.ENTITY_MODELS[entity.name]
        assert [f.name for f in entity.fields] == list(model.model_fields), entity.name
        assert [f.required for f in entity.fields] == [
            i.is_required() for i in model.model_fields.values()], entity.name
        assert all(f.label for f in entity.fields if f.name != "id"), entity.name


def test_references_and_relations_are_the_hand_written_ones() -> None:
    assert {e.name: e.references() for e in REGISTRY.entities} == validate.REFERENCES
    assert {(e.name, f): r for e in REGISTRY.entities
            for f, r in e.relations().items()} == apply.RELATION_FIELDS


def test_columns_are_the_tables_columns() -> None:
    tables = {m.__tablename__: [c.name for c in m.__table__.columns] for m in CATALOGUE_TABLES}
    for entity in REGISTRY.entities:
        assert list(entity.columns()) == tables[entity.table], entity.name


def test_a_copy_with_a_new_field_leaves_the_registry_alone() -> None:
    copy = REGISTRY.with_field("work", Field("contact_hours", "text", "Contact hours",
                                             search="meta"), after="location")
    names = [f.name for f in copy.entity("work").fields]
    assert names[names.index("location") + 1] == "contact_hours"
    assert "contact_hours" in copy.entity("work").columns()
    assert "contact_hours" not in REGISTRY.entity("work").columns()
