"""Reading a JSON object member by member gives what json.loads gives, whatever the piece size,
and refuses what json.loads refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tfbb_desktop.core.sync import json_stream

ARRAYS = frozenset({"a", "b"})

DOCUMENT: dict[str, Any] = {
    "meta": {"namn": "Sörmland – Nyköping", "n": [1, 2.5, -3e2, True, None]},
    "a": [{"id": f"p{i}", "text": "åäö😀 \"citat\" \\ \u2028" * (i % 5),
           "tal": 12345678901234567890} for i in range(40)],
    "b": [],
    "tom": "",
    "sist": 1234567,
}


def rebuild(data: bytes) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, index, item in json_stream.members(data, ARRAYS):
        if key in ARRAYS:
            out.setdefault(key, [])
            if index >= 0:
                assert index == len(out[key])
                out[key].append(item)
        else:
            out[key] = item
    return out


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64, 1 << 20])
@pytest.mark.parametrize("indent", [None, 2])
def test_reads_what_json_loads_reads(monkeypatch: pytest.MonkeyPatch, chunk: int,
                                     indent: int | None) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", chunk)
    data = json.dumps(DOCUMENT, ensure_ascii=False, indent=indent).encode("utf-8")
    assert rebuild(data) == json.loads(data)


def test_a_long_value_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 16)
    long_text = "ö" * 100_000
    data = json.dumps({"a": [{"t": long_text}, {"t": "x"}]}, ensure_ascii=False).encode()
    assert rebuild(data) == {"a": [{"t": long_text}, {"t": "x"}]}


def test_a_number_cut_at_a_piece_boundary_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"a": [1234567890, 98765]}'
    for chunk in range(1, len(data) + 1):
        monkeypatch.setattr(json_stream, "CHUNK", chunk)
        assert rebuild(data) == {"a": [1234567890, 98765]}, chunk


@pytest.mark.parametrize("data", [
    b"",
    b"[]",
    b'{"a": [1, 2}',
    b'{"a": [1, 2]',
    b'{"a": 1}',                      # an array member that is not an array
    b'{"x": 1, "x": 2}',              # a key twice
    b'{"x": 1} {"y": 2}',             # something after the object
    b'{"x": 1,}',
    b'{"x": tru}',
    b'{"x": "\xff"}',                 # not UTF-8
    b'{1: 2}',
    b'\xef\xbb\xbf{"x": 1}',          # a byte order mark
])
def test_broken_input_is_unreadable(data: bytes) -> None:
    with pytest.raises(json_stream.Unreadable):
        rebuild(data)


def test_empty_object_and_white_space() -> None:
    assert rebuild(b" \n{ } \t") == {}
    assert rebuild(b'{"b" : [ ] }') == {"b": []}


def test_pieces_of_every_size_read_every_kind_of_value(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (b'{"a": [{"x": 1}, 12.5, -0.25e-3, 7E+2, 0, true, null, "s\\u00e5\\"", [], {}],'
            b' "sist": 1.25, "e": 2e10, "n": -17}')
    for chunk in range(1, len(data) + 1):
        monkeypatch.setattr(json_stream, "CHUNK", chunk)
        assert rebuild(data) == json.loads(data), chunk


@pytest.mark.parametrize("broken", ['{"id": tru}', "1.", "1e", "-", "1-2", "[1., 2]"])
def test_an_error_early_in_a_large_file_is_found_without_reading_the_rest(
        monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 4096)
    items = [json.dumps({"id": f"p{i}", "text": "ö" * 200}, ensure_ascii=False)
             for i in range(5000)]
    items[3] = broken  # the fourth item of the array
    data = ('{"a": [' + ", ".join(items) + "]}").encode()
    decoded: list[int] = []
    more = json_stream._Text.more

    def counting(self: Any, at_least: int = 0) -> bool:
        decoded.append(self.offset)
        return more(self, at_least)

    monkeypatch.setattr(json_stream._Text, "more", counting)
    with pytest.raises(json_stream.Unreadable):
        rebuild(data)
    assert max(decoded) < 10 * 4096 < len(data) // 50


def test_a_value_over_the_limit_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 256)
    monkeypatch.setattr(json_stream, "MAX_VALUE_CHARS", 10_000)
    with pytest.raises(json_stream.Unreadable):
        rebuild(json.dumps({"a": [{"t": "x" * 20_000}]}).encode())
    assert rebuild(json.dumps({"a": [{"t": "x" * 5_000}]}).encode()) == {"a": [{"t": "x" * 5_000}]}
