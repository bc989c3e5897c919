"""Swedish alphabetical order: the stored sort key, the lists, and Qt's Swedish collator."""

from __future__ import annotations

import functools
import sqlite3
import unicodedata

import pytest

from tfbb_desktop.core.sorting import sort_key
from tfbb_desktop.core.store import queries

MIXED = ["Örebro", "Åre", "Ängelholm", "Zürich", "Eskilstuna", "Ekerö", "Ödeshög", "Älvsbyn",
         "Östra", "Émile"]
# E-words (é counts as e), then Z (ü counts as y, so Zürich is still a Z-word), then Å, Ä, Ö.
MIXED_SORTED = ["Ekerö", "Émile", "Eskilstuna", "Zürich", "Åre", "Älvsbyn", "Ängelholm",
                "Ödeshög", "Örebro", "Östra"]

SWEDISH_NAMES = [
    "Örjan Åkesson", "Åsa Öberg", "Ärla skola", "Anna Andersson", "Ann-Sofie Ek", "Ove Ahlén",
    "Åke Ärlig", "Östen Zetterberg", "Zara Ålund", "Yvonne Ytterberg", "Ebba Ek", "Éva Eker",
    "Björn Bäck", "Bo Back", "Lena Lööf", "Lars Lundh", "Märta Mörk", "Mats Mark",
    "Vingåkers kommun", "Vagnhärad", "Oxelösunds kommun", "Region Sörmland", "Strängnäs kommun",
    "Stora Sundby", "Åkers styckebruk", "Ängsbacken", "Öja", "Zinkgruvan", "Yngsjö",
]


def test_mixed_names_sort_in_swedish_order() -> None:
    assert sorted(MIXED, key=sort_key) == MIXED_SORTED


@pytest.mark.parametrize(("first", "second"), [
    ("Zürich", "Åre"), ("Åre", "Ärla"), ("Ärla", "Öja"), ("Ödeshög", "Östra"),
    ("eskilstuna", "Flen"), ("Flen", "flens"), ("Ö", "Öa"), ("Vingåker", "Ödeshög"),
    ("Oxelösund", "Region"), ("Ekerö", "Émile"), ("Émile", "Eskilstuna"),
])
def test_pairs(first: str, second: str) -> None:
    assert sort_key(first) < sort_key(second)


def test_case_does_not_decide_the_order() -> None:
    assert sorted(["bo", "Anna", "anders", "Bengt"], key=sort_key) == [
        "anders", "Anna", "Bengt", "bo"]


def test_equal_names_still_have_distinct_keys() -> None:
    assert sort_key("Ek") != sort_key("ek")
    assert sort_key("Émile") != sort_key("Emile")


def test_decomposed_letters_sort_like_composed_ones() -> None:
    """Text pasted from a Mac arrives decomposed (A + combining ring): still an Å-word."""
    for word in ("Åre", "Älvsbyn", "Östra"):
        decomposed = unicodedata.normalize("NFD", word)
        assert decomposed != word
        assert sort_key(decomposed).split("\x00")[0] == sort_key(word).split("\x00")[0]
        assert sort_key("Zürich") < sort_key(decomposed)


def test_principals_are_listed_in_swedish_order(catalogue_conn: sqlite3.Connection) -> None:
    ids = queries.list_ids(catalogue_conn, "principals")
    rows = queries.list_rows(catalogue_conn, "principals", ids)
    names = [r.title for r in rows]
    assert len(names) >= 12
    assert names == sorted(names, key=sort_key)
    assert names.index("Oxelösunds kommun") < names.index("Region Sörmland")
    assert names.index("Vingåkers kommun") > names.index("Trosa kommun")
    # no Ö-name comes before Vingåker, whatever names the catalogue holds
    after_v = names[names.index("Vingåkers kommun") + 1:]
    assert all(not n.startswith(("Ö", "Ä", "Å")) for n in names[:names.index("Vingåkers kommun")])
    assert after_v == sorted(after_v, key=sort_key)


@pytest.mark.parametrize("entity_type", ["contacts", "examples", "work"])
def test_other_lists_are_in_swedish_order(catalogue_conn: sqlite3.Connection,
                                          entity_type: str) -> None:
    ids = queries.list_ids(catalogue_conn, entity_type)
    titles = [r.title for r in queries.list_rows(catalogue_conn, entity_type, ids)]
    assert len(titles) == len(ids) > 0
    assert titles == sorted(titles, key=sort_key)


def _qt_sorted(names: list[str]) -> list[str]:
    qtcore = pytest.importorskip("PySide6.QtCore")
    collator = qtcore.QCollator(qtcore.QLocale(qtcore.QLocale.Language.Swedish,
                                               qtcore.QLocale.Country.Sweden))
    if collator.compare("Åre", "Zürich") < 0:
        pytest.skip("this Qt build has no Swedish collation (no ICU)")
    return sorted(names, key=functools.cmp_to_key(collator.compare))


def test_same_order_as_qt_swedish_collator() -> None:
    assert sorted(SWEDISH_NAMES, key=sort_key) == _qt_sorted(SWEDISH_NAMES)


def test_mixed_names_same_order_as_qt() -> None:
    assert _qt_sorted(MIXED) == MIXED_SORTED


def test_catalogue_names_same_order_as_qt(catalogue_conn: sqlite3.Connection) -> None:
    for entity_type in ("principals", "contacts", "examples", "work"):
        ids = queries.list_ids(catalogue_conn, entity_type)
        titles = [r.title for r in queries.list_rows(catalogue_conn, entity_type, ids)]
        assert titles == _qt_sorted(titles), entity_type
