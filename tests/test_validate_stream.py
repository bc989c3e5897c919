"""data.json is read as a stream (ijson), one record at a time: every problem of a file is found
in one pass with its place, broken JSON is refused at its place (no second reading), and the
memory a validation needs beyond its result does not grow with the file."""

from __future__ import annotations

import copy
import importlib.util
import json
import tracemalloc
from collections.abc import Callable
from typing import Any

import ijson
import pytest

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.sync import container, publish, validate
from tfbb_desktop.core.sync import export_format as fmt

FILE_NAME = "prov.zip"
BACKENDS = [pytest.param(ijson, id="default"),
            pytest.param(ijson.get_backend("python"), id="python")]


def _read(data_bytes: bytes, fields: dict[str, Any], counts: dict[str, int] | None = None,
          backend: Any = ijson) -> validate.Documents:
    manifest_bytes = publish.dump_json(publish.manifest_for(data_bytes, fields, counts))
    manifest = container.parse_manifest(manifest_bytes, FILE_NAME)
    return validate.parse_documents(data_bytes, manifest, FILE_NAME, backend)


def _counts(data: dict[str, Any]) -> dict[str, int]:
    return {t: len(data.get(t, [])) for t in fmt.ENTITY_TYPES}


def test_the_c_parser_is_used_where_it_is_built() -> None:
    if importlib.util.find_spec("ijson.backends._yajl2") is None:
        pytest.skip("ijson without its C backend")
    assert ijson.backend == "yajl2_c"
    assert validate.parse_documents.__defaults__ == (ijson,)


@pytest.mark.parametrize("backend", BACKENDS)
def test_several_broken_records_give_every_problem_with_its_place_in_one_pass(
        source: dict[str, Any], backend: Any, sv: Callable[[Any], str]) -> None:
    data = source["data"]
    contacts, examples, work = data["contacts"], data["examples"], data["work"]
    contacts[1]["email"] = "utan-snabel-a"
    gone = contacts[3].pop("id")                           # no id: its place is #4
    contacts[4]["principal"] = "finns-inte"
    examples[0]["levels"] = ["galaktisk"]
    examples.append(copy.deepcopy(examples[1]))            # the same id twice
    work[2]["contacts"] = ["kp-saknas"]                    # contacts come before work
    data["principals"][0]["contacts"] = []                 # a field principals do not have
    # A reference to an entry of a type read later: checked when that type has been read.
    reordered = {"work": data.pop("work"), **data}
    with pytest.raises(ImportRefused) as caught:
        _read(publish.dump_json(reordered, pretty=False), source["manifest"], _counts(reordered),
              backend)
    refused = caught.value
    places = [(p.entity_type, p.entity_id, p.field, sv(p.problem)) for p in refused.problems]
    assert sorted(places) == sorted([
        ("work", work[2]["id"], "contacts",
         'hänvisar till "kp-saknas", men posten finns inte'),
        ("principals", data["principals"][0]["id"], "contacts", "okänt fält"),
        ("contacts", contacts[1]["id"], "email", "ogiltig e-postadress"),
        ("contacts", "#4", "id", "saknas"),
        ("contacts", contacts[4]["id"], "principal",
         'hänvisar till "finns-inte", men posten finns inte'),
        ("examples", examples[0]["id"], "levels",
         'hänvisar till "galaktisk", men termen i ordlistan levels finns inte'),
        ("examples", examples[1]["id"], "id", "id:t förekommer mer än en gång"),
        *((t, r["id"], "contacts", f'hänvisar till "{gone}", men posten finns inte')
          for t, records in (("examples", examples[:-1]), ("work", work))
          for r in records if gone in r.get("contacts", [])),
    ]), sv(refused)
    assert refused.code == "invalid"
    assert 'kontaktperson "#4", fält "id": saknas' in sv(refused)


@pytest.mark.parametrize("backend", BACKENDS)
def test_members_out_of_place_are_problems_too(source: dict[str, Any], backend: Any,
                                               sv: Callable[[Any], str]) -> None:
    data = source["data"]
    text = publish.dump_json(data, pretty=False)[:-1] + b', "extra": 1, "principals": []}'
    data_json = json.loads(text)  # the last "principals" wins in json.loads: not here
    assert data_json["principals"] == []
    with pytest.raises(ImportRefused) as caught:
        _read(text, source["manifest"], _counts(data), backend)
    assert [(p.entity_type, p.field, sv(p.problem)) for p in caught.value.problems] == [
        ("data", "extra", "okänt fält"), ("data", "principals", "förekommer mer än en gång")]
    with pytest.raises(ImportRefused) as caught:
        _read(b'{"vocabularies": {}, "principals": null}', source["manifest"], _counts({}),
              backend)
    problems = [(p.entity_type, p.field, sv(p.problem)) for p in caught.value.problems]
    assert ("data", "principals", "fel typ (väntade en lista)") in problems
    assert ("data", "contacts", "saknas") in problems
    with pytest.raises(ImportRefused) as caught:
        _read(b"[]", source["manifest"], _counts({}), backend)
    assert [sv(p) for p in caught.value.problems] == ["data: fel typ (väntade ett objekt)"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("cut", "place"), [
    (lambda text: text[:text.index(b'"kp-') + 200], 'kontaktperson "#1"'),
    (lambda text: text.replace(b'"name":', b'"name"', 20), "huvudman"),
    (lambda text: text + b" {}", "data"),
    (lambda text: b"\xef\xbb\xbf" + text, "data"),
])
def test_broken_json_is_refused_at_its_place(source: dict[str, Any], backend: Any,
                                             cut: Callable[[bytes], bytes], place: str,
                                             sv: Callable[[Any], str]) -> None:
    text = publish.dump_json(source["data"], pretty=False)
    with pytest.raises(ImportRefused) as caught:
        _read(cut(text), source["manifest"], _counts(source["data"]), backend)
    assert caught.value.code == "bad_json"
    assert caught.value.problems == []
    message = sv(caught.value)
    assert message.startswith(f"Filen {FILE_NAME} kan inte importeras: data.json är inte "
                              f"giltig JSON ({place}"), message


def test_a_long_string_is_read_in_ever_longer_pieces() -> None:
    """yajl lexes a string cut by a piece's end again from its start: the pieces grow while
    they lie inside one string, so a 10 MB text is read in a few pieces, not in ten."""
    data = json.dumps({"a": ["ö" * 5_000_000, "x"]}, ensure_ascii=False).encode()
    reader = validate._Reader(data)
    pieces = list(iter(lambda: reader.read(validate.CHUNK), b""))
    assert b"".join(pieces) == data
    assert [round(len(p) / (1 << 20)) for p in pieces] == [1, 1, 2, 4, 2]
    assert reader.read(0) == b""


def _large(source: dict[str, Any], entries: int) -> tuple[bytes, dict[str, Any]]:
    data = source["data"]
    principal = data["principals"][0]["id"]
    template = {"name": "Anna Andersson", "title": "Samordnare", "principal": principal,
                "email": "anna@example.se", "note": "Kontakt för samverkan. " * 8}
    data["contacts"] = [{"id": f"kp-{i:06d}", **template} for i in range(entries)]
    data["examples"], data["work"] = [], []
    data["component_status"] = []
    return publish.dump_json(data, pretty=False), _counts(data)


def test_peak_memory_beyond_the_documents_stays_flat(source: dict[str, Any]) -> None:
    """What a validation holds besides its result (peak less what is left, the documents)
    does not grow with the file: the records of one piece of it and the ids seen. 20,000
    records need less than twice what 2,000 need (about 7.9 MB and 4.8 MB; json.loads of the
    whole file alone holds 3 MB and 30 MB)."""
    extra = {}
    for entries in (2_000, 20_000):
        data_bytes, counts = _large(copy.deepcopy(source), entries)
        manifest_bytes = publish.dump_json(publish.manifest_for(data_bytes, source["manifest"],
                                                                counts))
        manifest = container.parse_manifest(manifest_bytes, FILE_NAME)
        tracemalloc.start()
        try:
            docs = validate.parse_documents(data_bytes, manifest, FILE_NAME)
            current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(docs["contacts"]) == entries
        extra[entries] = peak - current
    assert extra[20_000] < 2 * extra[2_000], extra
