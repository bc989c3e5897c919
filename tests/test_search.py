"""The catalogue search: matching rules, ranking, filters, facets, highlights, hostile input.

Runs on the bundled catalogue (fixture ``catalogue_conn``) and on a synthetic catalogue from
``benchmarks/generate_catalogue.py`` with a few known entries added, both imported through the
real export and import pipeline. No timings here: performance lives in ``benchmarks/``.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tfbb_desktop.core.errors import ImportCancelled
from tfbb_desktop.core.messages import Message
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.search import index as search_index
from tfbb_desktop.core.search import query as search
from tfbb_desktop.core.search.query import SearchFilters, highlight_spans
from tfbb_desktop.core.store import catalogue, db, queries
from tfbb_desktop.core.store.db import transaction
from tfbb_desktop.core.sync import importer, signing

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("principals", "contacts", "examples", "work")


def _generator() -> ModuleType:
    path = ROOT / "benchmarks" / "generate_catalogue.py"
    spec = importlib.util.spec_from_file_location("generate_catalogue", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate_catalogue = _generator()

# Entries added to the generated catalogue: each makes one rule checkable.
ADDED: dict[str, list[dict[str, Any]]] = {
    "principals": [
        {"id": "habo-jonkoping", "name": "Habo kommun", "kind": "kommun", "short_name": "Habo",
         "description": "Kommun i Jönköpings län."},
        {"id": "habo-uppsala", "name": "Håbo kommun", "kind": "kommun", "short_name": "Håbo",
         "description": "Kommun i Uppsala län."},
    ],
    "contacts": [
        {"id": "kp-test-telefon", "name": "Åsa Testberg", "title": "Skolkurator",
         "principal": "habo-uppsala", "unit": "Elevhälsan", "email": "asa.testberg@habo.se",
         "phone": "0155-12 34 56", "roles": ["nyckelperson"]},
        {"id": "kp-test-utland", "name": "Per Testström", "title": "Samordnare",
         "principal": "habo-jonkoping", "phone": "+46 8 765 43 21"},
    ],
    "examples": [
        {"id": "ex-test-cafe", "title": "Föräldracafé enligt Zürichmodellen",
         "kind": "gott-exempel", "summary": "Ett café för föräldrar, som i Zürich.",
         "principals": ["habo-uppsala"], "professional_groups": ["elevhalsa"],
         "levels": ["framjande"], "domains": ["processen"], "tags": ["föräldrastöd"]},
    ],
    "work": [
        {"id": "arb-test-ord", "title": "Ekorre i skolan", "kind": "delprojekt",
         "status": "pagar", "summary": "Ett arbete.", "principals": ["habo-uppsala"]},
        {"id": "arb-test-prefix", "title": "Ekorrens bo", "kind": "delprojekt",
         "status": "pagar", "summary": "Ett arbete."},
        {"id": "arb-test-inre", "title": "Gråekorre och andra djur", "kind": "delprojekt",
         "status": "planerad", "summary": "Ett arbete."},
        {"id": "arb-test-text", "title": "Skogens djur", "kind": "delprojekt",
         "status": "pagar", "summary": "En ekorre sprang förbi. Vi arbetar med "
                                      "skolpsykologerna."},
        {"id": "arb-test-kort", "title": "Zebrafinkar", "kind": "delprojekt",
         "status": "pagar", "location": "Ekorrängen"},
    ],
}


def generated_source(entries: int = 500) -> dict[str, Any]:
    source: dict[str, Any] = generate_catalogue.generate(entries, seed=7)
    for entity_type, records in ADDED.items():
        source["data"][entity_type].extend(records)
    return source


def _import(paths: DataPaths, source: dict[str, Any], name: str) -> sqlite3.Connection:
    export = generate_catalogue.write(source, paths.root.parent / name)
    conn = catalogue.open_catalogue(paths)
    importer.import_file(conn, paths, export, signing.TrustPolicy(), builtin=True)
    return conn


@pytest.fixture(scope="module")
def gen_conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    """A generated catalogue of about 500 entries plus :data:`ADDED`, read-only in tests."""
    root = tmp_path_factory.mktemp("generated")
    conn = _import(DataPaths(root / "data"), generated_source(), "generated.zip")
    yield conn
    conn.close()


NO_FILTERS = SearchFilters()


def hits(conn: sqlite3.Connection, text: str, entity_type: str,
         filters: SearchFilters = NO_FILTERS) -> list[str]:
    return list(search.search(conn, text, filters).hits[entity_type])


def all_hits(conn: sqlite3.Connection, text: str) -> set[tuple[str, str]]:
    result = search.search(conn, text)
    return {(t, i) for t in TYPES for i in result.hits[t]}


# Matching ------------------------------------------------------------------------------------


def test_prefix_finds_the_start_of_a_word(catalogue_conn: sqlite3.Connection) -> None:
    # "Skolpsykologer" is a professional group of the example, and in the work item's text.
    assert "ex-risk-npf-kunskap-forloras" in hits(catalogue_conn, "skolps", "examples")
    assert "arb-npf-delprojekt-2" in hits(catalogue_conn, "skolps", "work")
    assert "kp-katarina-haddon" in hits(catalogue_conn, "kata", "contacts")


def test_every_word_must_match_in_any_order(catalogue_conn: sqlite3.Connection) -> None:
    for text in ("Katarina Haddon", "haddon katarina", "hadd kat", "katarina oxelösund"):
        assert "kp-katarina-haddon" in hits(catalogue_conn, text, "contacts"), text
    found = all_hits(catalogue_conn, "katarina larsson")
    assert ("contacts", "kp-katarina-haddon") not in found
    assert ("contacts", "kp-lina-larsson") not in found


def test_search_is_case_insensitive(catalogue_conn: sqlite3.Connection) -> None:
    for text in ("KATARINA", "katarina", "KaTaRiNa"):
        assert hits(catalogue_conn, text, "contacts")[0] == "kp-katarina-haddon"


def test_query_without_swedish_letters_finds_them(catalogue_conn: sqlite3.Connection) -> None:
    assert "region-sormland" in hits(catalogue_conn, "sormland", "principals")
    assert hits(catalogue_conn, "oxelosund", "principals") == ["oxelosund"]
    assert hits(catalogue_conn, "strangnas", "principals") == ["strangnas"]
    assert hits(catalogue_conn, "vingaker", "principals") == ["vingaker"]
    assert hits(catalogue_conn, "vingåker", "principals") == ["vingaker"]
    assert hits(catalogue_conn, "vingäker", "principals") == []
    # Typed with the letters, the same entries are found.
    assert hits(catalogue_conn, "Strängnäs", "principals") == ["strangnas"]
    assert hits(catalogue_conn, "OXELÖSUND", "principals") == ["oxelosund"]


def test_query_with_swedish_letters_keeps_them_distinct(gen_conn: sqlite3.Connection) -> None:
    assert hits(gen_conn, "håbo", "principals") == ["habo-uppsala"]
    assert hits(gen_conn, "HÅBO", "principals") == ["habo-uppsala"]
    # Without å, both are found, the exact spelling first.
    assert hits(gen_conn, "habo", "principals")[:2] == ["habo-jonkoping", "habo-uppsala"]
    assert hits(gen_conn, "habo kommun", "principals")[:2] == ["habo-jonkoping",
                                                                "habo-uppsala"]


def test_other_accents_are_always_folded(gen_conn: sqlite3.Connection) -> None:
    for text in ("cafe", "café", "CAFÉ", "zurich", "zürich", "Zurichmodellen"):
        assert "ex-test-cafe" in hits(gen_conn, text, "examples"), text
    assert "kp-test-telefon" in hits(gen_conn, "asa testberg", "contacts")


def test_phone_numbers_match_with_or_without_separators(gen_conn: sqlite3.Connection) -> None:
    for text in ("0155-12 34 56", "0155123456", "0155 12 34 56", "12 34", "015512",
                 "123456", "+46 155 12 34 56", "46155123456"):
        assert "kp-test-telefon" in hits(gen_conn, text, "contacts"), text
    for text in ("+46 8 765 43 21", "087654321", "08-765 43 21", "765 43"):
        assert "kp-test-utland" in hits(gen_conn, text, "contacts"), text
    assert "kp-test-telefon" not in hits(gen_conn, "0155 99", "contacts")


def test_email_addresses_match(gen_conn: sqlite3.Connection) -> None:
    for text in ("asa.testberg@habo.se", "asa.testberg", "testberg@habo", "ASA.TESTBERG"):
        assert "kp-test-telefon" in hits(gen_conn, text, "contacts"), text


def test_parts_of_compounds_are_found(catalogue_conn: sqlite3.Connection,
                                      gen_conn: sqlite3.Connection) -> None:
    # "Skolpsykologer" (a professional group) in the bundled catalogue.
    assert "ex-risk-npf-kunskap-forloras" in hits(catalogue_conn, "psykolog", "examples")
    assert "arb-implementeringsplan-region-sormland" in hits(catalogue_conn, "plan", "work")
    # In a name, in a short field and in a long text.
    assert "arb-test-inre" in hits(gen_conn, "ekorre", "work")
    assert "arb-test-kort" in hits(gen_conn, "ängen", "work")
    assert "arb-test-text" in hits(gen_conn, "psykolog", "work")
    # Inner parts need three characters.
    assert "arb-test-inre" in hits(gen_conn, "ekor", "work")
    assert "arb-test-inre" not in hits(gen_conn, "ek", "work")


def test_labels_organisations_units_and_tags_are_searched(
        catalogue_conn: sqlite3.Connection) -> None:
    # Role label, principal name and unit of a contact.
    assert "kp-katarina-haddon" in hits(catalogue_conn, "representant länsstyrgruppen",
                                        "contacts")
    assert "kp-katarina-haddon" in hits(catalogue_conn, "oxelösunds kommun", "contacts")
    assert "kp-malin-sjoqvist" in hits(catalogue_conn, "länsgemensam regional", "contacts")
    # Tag and professional group of an example; status of work.
    assert "ex-risk-npf-kunskap-forloras" in hits(catalogue_conn, "kunskapsöverföring",
                                                  "examples")
    assert "ex-ledarskap-i-implementeringen" in hits(catalogue_conn, "chefer ledarskap",
                                                     "examples")
    assert "arb-npf-delprojekt-2" in hits(catalogue_conn, "bereds", "work")


def test_long_text_fields_are_searched(catalogue_conn: sqlite3.Connection) -> None:
    # Words only in decision, risks and next_step of "NPF delprojekt 2.0".
    for text in ("januari 2026 förberedelse", "angreppssätt", "resursanvändning"):
        assert "arb-npf-delprojekt-2" in hits(catalogue_conn, text, "work"), text


# Ranking -------------------------------------------------------------------------------------


def test_whole_word_before_prefix_before_inner_part_before_text(
        gen_conn: sqlite3.Connection) -> None:
    found = hits(gen_conn, "ekorre", "work")
    order = [found.index(i) for i in ("arb-test-ord", "arb-test-prefix", "arb-test-inre",
                                      "arb-test-text")]
    assert order == sorted(order)
    assert found[0] == "arb-test-ord"


def test_names_before_long_texts(catalogue_conn: sqlite3.Connection) -> None:
    # "Region Sörmland" in the name comes before mentions of Sörmland in texts.
    principals = hits(catalogue_conn, "sörmland", "principals")
    assert principals[:2] == ["fou-i-sormland", "region-sormland"]
    work = hits(catalogue_conn, "sörmland", "work")
    assert work[0] == "arb-implementeringsplan-region-sormland"


def test_a_broad_query_ranks_its_first_hits_and_lists_the_rest_in_swedish_order(
        catalogue_conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above SCORED_HITS hits, the first TIER_TOP of each type are put by tier (name before
    texts) and the rest follow in Swedish order; the hits themselves are the same."""
    ranked = search.search(catalogue_conn, "sörmland")
    monkeypatch.setattr(search, "SCORED_HITS", 1)
    monkeypatch.setattr(search, "TIER_TOP", 2)
    broad = search.search(catalogue_conn, "sörmland")
    for entity_type in TYPES:
        assert sorted(broad.hits[entity_type]) == sorted(ranked.hits[entity_type])
    assert list(broad.hits["principals"])[:2] == ["fou-i-sormland", "region-sormland"]
    work = list(broad.hits["work"])
    assert work[0] == "arb-implementeringsplan-region-sormland"
    rest = work[2:]
    keys = dict(catalogue_conn.execute("SELECT id, sort_key FROM work"))
    assert len(rest) >= 2 and [keys[i] for i in rest] == sorted(keys[i] for i in rest)


def test_exact_accents_before_folded_ones(gen_conn: sqlite3.Connection) -> None:
    assert hits(gen_conn, "habo", "principals")[0] == "habo-jonkoping"


def test_results_are_grouped_with_counts(catalogue_conn: sqlite3.Connection) -> None:
    result = search.search(catalogue_conn, "sörmland")
    assert set(result.hits) == set(TYPES)
    for entity_type in TYPES:
        assert result.counts[entity_type] == len(result.hits[entity_type])
        assert len(set(result.hits[entity_type])) == len(result.hits[entity_type])
    assert result.total == sum(result.counts.values()) > 0


def test_limit_per_type_keeps_counts(gen_conn: sqlite3.Connection) -> None:
    full = search.search(gen_conn, "barn")
    limited = search.search(gen_conn, "barn", limit_per_type=3)
    for entity_type in TYPES:
        assert limited.counts[entity_type] == full.counts[entity_type]
        assert list(limited.hits[entity_type]) == list(full.hits[entity_type][:3])


def test_hits_can_be_fetched_lazily_with_list_rows(gen_conn: sqlite3.Connection) -> None:
    result = search.search(gen_conn, "ekorre")
    work = result.hits["work"]
    rows = queries.list_rows(gen_conn, "work", work[:3])
    assert [r.entity_id for r in rows] == list(work[:3])
    assert rows[0].title == "Ekorre i skolan"
    assert work == list(work) and work[0] == "arb-test-ord"


def test_empty_query_lists_everything_in_swedish_order(gen_conn: sqlite3.Connection) -> None:
    for text in ("", "   "):
        result = search.search(gen_conn, text)
        for entity_type in TYPES:
            assert list(result.hits[entity_type]) == queries.list_ids(gen_conn, entity_type)


# Hostile input -------------------------------------------------------------------------------

HOSTILE = ['"', '""', "'", "*", "**", "a*", "AND OR NOT", "AND", "NOT barn", "(", ")",
           "(barn", "-", "-barn", ":", "name:barn", "{name}: barn", "NEAR(barn skola)",
           "^barn", "barn OR", "+", "\\", ";", "'; DROP TABLE search_fts; --", "%", "_",
           "x" * 10_000, "barn " * 2_000, " ".join(f"ord{i}" for i in range(5_000)),
           "🙂", "barn 🙂", "👩‍👩‍👧", "\x00", "ba\x00rn", "\x00" * 10, "\ud800", "\ufeff",
           "\u0301", "\ue001håbo", "\ue002barn", "𝔅𝔞𝔯𝔫", "ｂａｒｎ", "İstanbul", "ß",
           "\t\n\r", "٣٤٥", "中文", "ﬁ"]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_never_fails(gen_conn: sqlite3.Connection, text: str) -> None:
    result = search.search(gen_conn, text)
    assert result.total == sum(len(v) for v in result.hits.values())
    filtered = search.search(gen_conn, text, SearchFilters(work_status="pagar", new_only=True))
    assert filtered.total >= 0
    search.facet_counts(gen_conn, text, SearchFilters(principal="habo-uppsala"))
    for sample in ("Barn och skola", text, "0155-12 34 56", ""):
        for start, end in highlight_spans(sample, text):
            assert 0 <= start < end <= len(sample)


def test_query_of_only_punctuation_finds_nothing(gen_conn: sqlite3.Connection) -> None:
    for text in ('"', "*", "-", ":", "()", "🙂", "\x00"):
        assert search.search(gen_conn, text).total == 0, repr(text)


def test_search_operators_are_plain_words(catalogue_conn: sqlite3.Connection) -> None:
    # "NOT" is a word, not an operator: no entry has words starting with both.
    assert search.search(catalogue_conn, "region NOT sörmland").total == 0
    expected = hits(catalogue_conn, "region sörmland", "principals")
    assert expected[0] == "region-sormland"
    for text in ('"region" sörmland*', "region-sörmland", "(region) sörmland",
                 "region:sörmland", "{region} sörmland", "region^ -sörmland"):
        assert hits(catalogue_conn, text, "principals") == expected, text


# Filters and facets --------------------------------------------------------------------------


def _status(conn: sqlite3.Connection, work_id: str) -> str:
    return str(conn.execute("SELECT status FROM work WHERE id = ?", (work_id,)).fetchone()[0])


def test_type_filter(gen_conn: sqlite3.Connection) -> None:
    result = search.search(gen_conn, "barn", SearchFilters(entity_types=frozenset({"work"})))
    full = search.search(gen_conn, "barn")
    assert list(result.hits["work"]) == list(full.hits["work"])
    assert all(result.counts[t] == 0 for t in TYPES if t != "work")


def test_status_filter_combines_with_text(gen_conn: sqlite3.Connection) -> None:
    unfiltered = hits(gen_conn, "ekorre", "work")
    filtered = search.search(gen_conn, "ekorre", SearchFilters(work_status="pagar"))
    assert list(filtered.hits["work"]) == [i for i in unfiltered
                                           if _status(gen_conn, i) == "pagar"]
    assert "arb-test-inre" not in filtered.hits["work"]
    assert all(filtered.counts[t] == 0 for t in TYPES if t != "work")


def test_principal_filter_selects_every_type(gen_conn: sqlite3.Connection) -> None:
    result = search.search(gen_conn, "", SearchFilters(principal="habo-uppsala"))
    assert list(result.hits["principals"]) == ["habo-uppsala"]
    assert list(result.hits["contacts"]) == ["kp-test-telefon"]
    assert list(result.hits["examples"]) == ["ex-test-cafe"]
    assert list(result.hits["work"]) == ["arb-test-ord"]
    narrowed = search.search(gen_conn, "ekorre", SearchFilters(principal="habo-uppsala"))
    assert narrowed.total == 1 and list(narrowed.hits["work"]) == ["arb-test-ord"]


def _related(conn: sqlite3.Connection, relation: str, target: str) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT source_id FROM relation WHERE relation = ? AND target_id = ?",
        (relation, target))}


def test_example_filters(gen_conn: sqlite3.Connection) -> None:
    unfiltered = hits(gen_conn, "zürich", "examples")
    for filters, relation, value in (
            (SearchFilters(professional_group="elevhalsa"), "example.professional_groups",
             "elevhalsa"),
            (SearchFilters(level="framjande"), "example.levels", "framjande"),
            (SearchFilters(domain="processen"), "example.domains", "processen")):
        result = search.search(gen_conn, "zürich", filters)
        selected = _related(gen_conn, relation, value)
        assert list(result.hits["examples"]) == [i for i in unfiltered if i in selected]
        assert "ex-test-cafe" in result.hits["examples"]
        assert result.total == result.counts["examples"]
    expected = _related(gen_conn, "example.levels", "specialist")
    result = search.search(gen_conn, "", SearchFilters(level="specialist"))
    assert set(result.hits["examples"]) == expected and result.total == len(expected)


def test_favourites_filter(gen_conn: sqlite3.Connection) -> None:
    favourites = frozenset({("contacts", "kp-test-telefon"), ("principals", "habo-uppsala"),
                            ("work", "no-such-id")})
    result = search.search(gen_conn, "", SearchFilters(only=favourites))
    assert result.total == 2
    assert list(result.hits["contacts"]) == ["kp-test-telefon"]
    assert search.search(gen_conn, "håbo", SearchFilters(only=favourites)).total == 2
    assert search.search(gen_conn, "ekorre", SearchFilters(only=favourites)).total == 0
    assert search.search(gen_conn, "", SearchFilters(only=frozenset())).total == 0


def test_facet_counts_match_the_filtered_searches(gen_conn: sqlite3.Connection) -> None:
    text = "barn"
    counts = search.facet_counts(gen_conn, text)
    result = search.search(gen_conn, text)
    assert counts["type"] == {t: n for t, n in result.counts.items() if n}
    facets = {"principal": "principal", "professional_group": "professional_group",
              "level": "level", "domain": "domain", "work_status": "work_status"}
    for facet, attribute in facets.items():
        assert counts[facet], facet
        for value, count in list(counts[facet].items())[:5]:
            filtered = search.search(gen_conn, text, SearchFilters(**{attribute: value}))
            assert filtered.total == count, (facet, value)


def test_facet_counts_leave_out_their_own_filter(gen_conn: sqlite3.Connection) -> None:
    filters = SearchFilters(work_status="pagar", entity_types=frozenset({"work"}))
    counts = search.facet_counts(gen_conn, "ekorre", filters)
    # The status facet counts every status (with the type filter), not only "pagar".
    assert counts["work_status"] == {"pagar": 3, "planerad": 1}
    # The type facet counts every type (with the status filter, which only work has).
    assert counts["type"] == {"work": 3}
    assert counts["principal"] == {"habo-uppsala": 1}
    assert counts["level"] == {}


def test_facet_counts_of_favourites(gen_conn: sqlite3.Connection) -> None:
    favourites = frozenset({("contacts", "kp-test-telefon"), ("work", "arb-test-ord")})
    counts = search.facet_counts(gen_conn, "", favourites=favourites)
    assert counts["favourites"] == {search.YES: 2}
    counts = search.facet_counts(gen_conn, "ekorre", SearchFilters(only=favourites))
    assert counts["favourites"] == {search.YES: 1}
    assert counts["type"] == {"work": 1}
    assert counts["new"] == {}


def _changed_source() -> dict[str, Any]:
    source = generated_source()
    data = source["data"]
    data["work"] = [dict(w, summary="Nu med en ekorre.") if w["id"] == "arb-test-kort" else w
                    for w in data["work"]]
    data["principals"].append({"id": "ny-huvudman", "name": "Nya Ekorrskolan",
                               "kind": "fristaende-huvudman"})
    data["contacts"] = [c for c in data["contacts"] if c["id"] != "kp-test-utland"]
    return source


@pytest.fixture
def updated(paths: DataPaths) -> Iterator[sqlite3.Connection]:
    """The generated catalogue, then version 2 of it with one change, one addition and one
    removal, both imported through the pipeline."""
    conn = _import(paths, generated_source(), "v1.zip")
    source = _changed_source()
    source["manifest"]["dataset_version"] = 2
    export = generate_catalogue.write(source, paths.root.parent / "v2.zip")
    importer.import_file(conn, paths, export, signing.TrustPolicy(), builtin=True)
    yield conn
    conn.close()


def test_new_since_last_update(updated: sqlite3.Connection) -> None:
    result = search.search(updated, "", SearchFilters(new_only=True))
    assert {(t, i) for t in TYPES for i in result.hits[t]} == {
        ("work", "arb-test-kort"), ("principals", "ny-huvudman")}
    assert list(search.search(updated, "ekorr", SearchFilters(new_only=True)).hits["work"]) \
        == ["arb-test-kort"]
    counts = search.facet_counts(updated, "ekorr")
    assert counts["new"] == {search.YES: 2}
    assert counts["type"]["work"] == search.search(updated, "ekorr").counts["work"]


def test_index_follows_imports_and_undo(updated: sqlite3.Connection, paths: DataPaths) -> None:
    assert hits(updated, "nya ekorrskolan", "principals") == ["ny-huvudman"]
    assert hits(updated, "testström", "contacts") == []
    importer.undo_last_import(updated, paths)
    assert hits(updated, "nya ekorrskolan", "principals") == []
    assert hits(updated, "testström", "contacts") == ["kp-test-utland"]
    assert search.search(updated, "", SearchFilters(new_only=True)).total == 0


def test_a_cancelled_import_leaves_the_index_as_it_was(paths: DataPaths) -> None:
    conn = _import(paths, generated_source(), "v1.zip")
    source = _changed_source()
    source["manifest"]["dataset_version"] = 2
    export = generate_catalogue.write(source, paths.root.parent / "v2.zip")
    steps: list[str] = []

    def progress(step: Message, _fraction: float) -> None:
        steps.append(step.code)

    def cancelled() -> bool:  # cancel while the catalogue is being written
        return "progress.writing" in steps

    before = conn.execute("SELECT value FROM search_info WHERE key = 'generation'").fetchone()
    with pytest.raises(ImportCancelled):
        importer.import_file(conn, paths, export, signing.TrustPolicy(), builtin=True,
                             progress=progress, cancelled=cancelled)
    after = conn.execute("SELECT value FROM search_info WHERE key = 'generation'").fetchone()
    assert before == after
    assert hits(conn, "nya ekorrskolan", "principals") == []
    assert hits(conn, "testström", "contacts") == ["kp-test-utland"]
    conn.close()


def _with_old_index(conn: sqlite3.Connection, target: Path) -> None:
    """A copy of the catalogue in ``conn`` as schema version 4 had it: the same tables, the
    old index's tables (empty), user_version 4."""
    conn.execute("VACUUM INTO ?", (str(target),))
    old = sqlite3.connect(str(target))
    old.execute("DROP VIEW search_source")
    for table in ("key_high_water", "search_terms", "search_exact_terms", "search_text",
                  "search_exact", "search_parts", "search_entry", "search_facet",
                  "search_info"):
        old.execute(f"DROP TABLE {table}")
    for number in range(2, 5):
        script = (db.MIGRATIONS_DIR / f"catalogue_{number:03d}.sql").read_text("utf-8")
        for statement in db._statements(script):
            old.execute(statement)
    old.execute("PRAGMA user_version = 4")
    old.commit()
    old.close()


def test_the_migration_builds_the_index_of_an_older_catalogue(
        catalogue_conn: sqlite3.Connection, tmp_path: Path) -> None:
    expected = all_hits(catalogue_conn, "sörmland")
    paths = DataPaths(tmp_path / "older")
    paths.ensure()
    _with_old_index(catalogue_conn, paths.catalogue)
    conn = catalogue.open_catalogue(paths)
    try:
        assert db.user_version(conn) == len(db.migration_files("catalogue"))
        assert all_hits(conn, "sörmland") == expected
        assert _index_dump(conn) == _index_dump(catalogue_conn)
    finally:
        conn.close()


def test_searching_only_reads(catalogue_conn: sqlite3.Connection, paths: DataPaths) -> None:
    """The read path builds nothing: it works on a read-only connection, and an empty index
    stays empty."""
    expected = all_hits(catalogue_conn, "sörmland")
    reader = sqlite3.connect(f"file:{paths.catalogue}?mode=ro", uri=True,
                             isolation_level=None)
    try:
        reader.execute("PRAGMA query_only=1")
        assert all_hits(reader, "sörmland") == expected
        search.facet_counts(reader, "sörmland")
    finally:
        reader.close()
    with transaction(catalogue_conn):
        catalogue_conn.execute("DELETE FROM search_info")
    assert all_hits(catalogue_conn, "sörmland") == set()
    assert catalogue_conn.execute("SELECT count(*) FROM search_info").fetchone()[0] == 0


def _index_dump(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the index holds (not its generation), FTS5's terms by entry and column."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.index_terms "
                 "USING fts5vocab(main, search_text, 'instance')")
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.exact_terms "
                 "USING fts5vocab(main, search_exact, 'instance')")
    return {
        "entry": conn.execute("SELECT * FROM search_entry ORDER BY doc").fetchall(),
        "facet": conn.execute("SELECT facet, value, doc FROM search_facet "
                              "ORDER BY facet, value, doc").fetchall(),
        "info": conn.execute("SELECT key, value FROM search_info WHERE key != 'generation' "
                             "ORDER BY key").fetchall(),
        "terms": conn.execute("SELECT term, doc, col, offset FROM temp.index_terms "
                              "ORDER BY term, doc, col, offset").fetchall(),
        "exact": conn.execute("SELECT term, doc, col, offset FROM temp.exact_terms "
                              "ORDER BY term, doc, col, offset").fetchall(),
        "parts": conn.execute("SELECT term FROM search_parts ORDER BY term").fetchall(),
    }


def test_an_import_indexes_as_a_rebuild_from_the_tables_does(gen_conn: sqlite3.Connection
                                                              ) -> None:
    """An import, an undo and a migration build the index with the same function, from the
    tables: building it again gives the same index."""
    imported = _index_dump(gen_conn)
    gen_conn.execute("BEGIN IMMEDIATE")
    try:
        search_index.build_index(gen_conn)
        rebuilt = _index_dump(gen_conn)
    finally:
        gen_conn.execute("ROLLBACK")
    assert len(imported["entry"]) > 400 and len(imported["terms"]) > 10_000
    assert rebuilt == imported


# Every kind of character the word splitting treats specially, and some it does not.
TRICKY_CHARACTERS = ("aAzZ09_-.:'^`’–\u00a0 \t\nåäöÅÄÖéÈüßæøÆØÿ\u0301\u0308\u0338<=>ΣσςΑΒ"
                     "\ue001\u0130\u212a½²µ€😀ǅ\x00")


def test_unicode61_splits_the_index_texts_as_queries_are_split() -> None:
    """Texts folded by :func:`search.fold_exact` (as the highlighting folds them) are split
    by FTS5's unicode61 into the words :func:`search.words` finds, each one token. (A lone
    surrogate cannot be stored in SQLite at all.)"""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='unicode61 "
                 "remove_diacritics 0')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")

    def tokens(rowid: int, text: str) -> list[str]:
        conn.execute("INSERT INTO t (rowid, a) VALUES (?, ?)", (rowid, text))
        return [term for (term,) in conn.execute(
            "SELECT term FROM v WHERE doc = ? ORDER BY offset", (rowid,))]

    rng = random.Random(11)
    for number in range(3000):
        text = "".join(rng.choice(TRICKY_CHARACTERS) for _ in range(rng.randint(0, 30)))
        query_words = search.words(text)
        split = tokens(2 * number, search.fold_exact(text))
        assert split == tokens(2 * number + 1, " ".join(query_words)), repr(text)
        assert len(split) == len(query_words), repr(text)
    conn.close()


def test_rebuilding_gives_the_same_results(catalogue_conn: sqlite3.Connection) -> None:
    before = search.search(catalogue_conn, "plan")
    with transaction(catalogue_conn):
        search_index.build_index(catalogue_conn)
    after = search.search(catalogue_conn, "plan")
    assert {t: list(v) for t, v in before.hits.items()} == \
        {t: list(v) for t, v in after.hits.items()}


# Highlighting --------------------------------------------------------------------------------


def _marked(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in highlight_spans(text, query)]


def test_highlight_follows_the_matching_rules() -> None:
    assert highlight_spans("Region Sörmland", "sormland") == [(7, 15)]
    assert _marked("Region Sörmland", "sörm reg") == ["Reg", "Sörm"]
    assert _marked("Håbo kommun", "habo") == ["Håbo"]
    assert _marked("Habo kommun", "håbo") == []
    assert _marked("Café i Zürich", "cafe zurich") == ["Café", "Zürich"]
    assert _marked("Skolpsykologer och BUP-psykologer", "psykolog") == ["psykolog",
                                                                         "psykolog"]
    assert _marked("Gråekorre", "ek") == []  # an inner part needs three characters
    assert _marked("Ring 0155-12 34 56", "0155123456") == ["0155-12 34 56"]
    assert _marked("Ring 0155-12 34 56", "12 34") == ["12", "34"]
    assert _marked("Ring +46 155 12 34 56", "0155 12") == ["155", "12"]
    assert _marked("KATARINA", "katarina") == ["KATARINA"]


def test_highlight_spans_are_sorted_and_apart() -> None:
    spans = highlight_spans("barnbarnsbarn barn", "barn barnbarn arnb")
    assert spans == sorted(spans)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))


def test_highlight_maps_back_to_decomposed_text() -> None:
    text = "Region So\u0308rmland"  # "ö" as o + combining diaeresis
    assert highlight_spans(text, "sörmland") == [(7, 16)]
    assert highlight_spans(text, "sormland") == [(7, 16)]


def test_highlight_without_query_words() -> None:
    for query in ("", "  ", "🙂", '"', "\x00"):
        assert highlight_spans("Region Sörmland", query) == []
    assert highlight_spans("", "sörmland") == []

