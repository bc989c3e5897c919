"""The automatic look for a newer export: a watched folder and an address (a local HTTP server)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync import importer, source_check
from tfbb_desktop.core.sync.signing import TrustPolicy
from tfbb_desktop.core.sync.source_check import CheckState, check_source

MakeExport = Callable[..., Path]


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def drop(folder: Path, export: Path, name: str, *, age: float = 100.0) -> Path:
    """Put ``export`` into the watched folder as ``name``, last modified ``age`` seconds ago."""
    target = folder / name
    shutil.copyfile(export, target)
    stamp = time.time() - age
    os.utime(target, (stamp, stamp))
    return target


def offers(paths: DataPaths) -> list[str]:
    folder = paths.incoming / source_check.OFFERS_DIR_NAME
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# Folder sources ----------------------------------------------------------------------------

def test_finds_a_newer_file_in_the_folder_and_it_imports(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport, catalogue_conn: Any, sv: Callable[[Any], str]) -> None:
    drop(share, make_export(source, version=2), "tfbb-export-2026-01.zip")
    result = check_source(str(share), paths, trust, 1, CheckState())
    assert result.status == "offer", result.message
    offer = result.offer
    assert offer is not None
    assert offer.dataset_version == 2
    assert offer.file_name == "tfbb-export-2026-01.zip"
    assert offer.source == str(share)
    assert offer.path.is_file() and offer.path.is_relative_to(paths.incoming)
    assert offer.path.name == "tfbb-export-2026-01.zip"
    assert "version 2" in sv(result.message)

    prepared = importer.prepare(catalogue_conn, paths, offer.path, trust)
    assert prepared.file_name == "tfbb-export-2026-01.zip"
    importer.commit(catalogue_conn, paths, prepared)
    assert importer.current_version(catalogue_conn) == 2

    again = check_source(str(share), paths, trust, 2, result.state)
    assert again.offer is None
    assert again.status == "up_to_date"
    assert offers(paths) == []  # the kept copy is gone once it is no longer newer


def test_picks_the_newest_by_the_manifest_not_by_name_or_time(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport) -> None:
    drop(share, make_export(source, version=5), "a-aldst.zip", age=5000)
    drop(share, make_export(source, version=3), "z-senast.zip", age=100)
    drop(share, make_export(source, version=4), "tfbb-9999.zip", age=1000)
    (share / "notes.txt").write_text("inte en export", encoding="utf-8")
    result = check_source(str(share), paths, trust, 2, CheckState())
    assert result.offer is not None
    assert (result.offer.dataset_version, result.offer.file_name) == (5, "a-aldst.zip")
    # A later look offers the same kept copy again, without copying it anew.
    mtime = result.offer.path.stat().st_mtime_ns
    again = check_source(str(share), paths, trust, 2, result.state)
    assert again.offer is not None and again.offer.dataset_version == 5
    assert again.offer.path.stat().st_mtime_ns == mtime
    assert offers(paths) == ["a-aldst.zip"]


def test_a_file_still_being_written_is_left_for_later(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport, sv: Callable[[Any], str]) -> None:
    payload = make_export(source, version=2).read_bytes()
    target = share / "tfbb-export.zip"
    target.write_bytes(payload[: len(payload) // 3])
    start = time.time()

    # First look: modified just now (within stable_seconds).
    first = check_source(str(share), paths, trust, 1, CheckState(), now=start)
    assert first.offer is None
    assert first.status == "waiting"
    assert "tfbb-export.zip" in sv(first.message)
    assert first.recheck_after is not None
    assert first.state.files["tfbb-export.zip"].size == len(payload) // 3

    # The file grows: still skipped, even long after the first look.
    with target.open("ab") as out:
        out.write(payload[len(payload) // 3: 2 * len(payload) // 3])
    second = check_source(str(share), paths, trust, 1, first.state, now=start + 100)
    assert second.offer is None and second.status == "waiting"
    assert not second.state.failures  # never opened, so never failed

    # Complete: the changed size still means "wait" once more ...
    with target.open("ab") as out:
        out.write(payload[2 * len(payload) // 3:])
    third = check_source(str(share), paths, trust, 1, second.state, now=start + 200)
    assert third.offer is None and third.status == "waiting"

    # ... and when it has stayed the same, it is offered.
    fourth = check_source(str(share), paths, trust, 1, third.state, now=start + 300)
    assert fourth.offer is not None and fourth.offer.dataset_version == 2
    assert not fourth.state.failures


def test_a_file_whose_clock_is_ahead_becomes_stable_by_our_own_looks(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport) -> None:
    target = drop(share, make_export(source, version=2), "x.zip")
    future = time.time() + 3600  # the file server's clock is an hour ahead
    os.utime(target, (future, future))
    start = time.time()
    first = check_source(str(share), paths, trust, 1, CheckState(), now=start)
    assert first.status == "waiting"
    second = check_source(str(share), paths, trust, 1, first.state, now=start + 30)
    assert second.offer is not None


def test_an_incomplete_file_is_retried_once_it_is_complete(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport, sv: Callable[[Any], str]) -> None:
    payload = make_export(source, version=2).read_bytes()
    target = share / "tfbb-export.zip"
    # A copy that keeps the original's old time but is not finished: it looks stable.
    target.write_bytes(payload[:-200])
    old = time.time() - 1000
    os.utime(target, (old, old))
    start = time.time()

    first = check_source(str(share), paths, trust, 1, CheckState(), now=start)
    assert first.offer is None
    assert first.status == "failed"
    failure = first.state.failures["tfbb-export.zip"]
    assert failure.code == "not_zip" and failure.incomplete
    assert sv(first.message) == (
        "Filen tfbb-export.zip kunde inte användas: filen är skadad eller ofullständig (inget "
        "giltigt ZIP-arkiv). Den prövas igen senare.")
    stored = CheckState.from_json(first.state.to_json()).failures["tfbb-export.zip"]
    assert stored == failure
    assert first.recheck_after == source_check.RETRY_INCOMPLETE_SECONDS

    # Unchanged and not yet due: left alone, quietly.
    second = check_source(str(share), paths, trust, 1, first.state, now=start + 60)
    assert second.offer is None and second.status == "up_to_date"
    assert second.state.failures["tfbb-export.zip"].at == start

    # Unchanged but due: tried again (not blacklisted for ever).
    later = start + source_check.RETRY_INCOMPLETE_SECONDS + 1
    third = check_source(str(share), paths, trust, 1, second.state, now=later)
    assert third.status == "failed"
    assert third.state.failures["tfbb-export.zip"].at == later

    # The copy finishes (the time is kept again): first a wait, then the offer.
    target.write_bytes(payload)
    os.utime(target, (old, old))
    fourth = check_source(str(share), paths, trust, 1, third.state, now=later + 10)
    assert fourth.status == "waiting"
    fifth = check_source(str(share), paths, trust, 1, fourth.state, now=later + 30)
    assert fifth.offer is not None and fifth.offer.dataset_version == 2
    assert fifth.state.failures == {}


def test_a_refused_file_is_tried_again_only_when_changed_or_after_a_day(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport) -> None:
    drop(share, make_export(source, version=3, sign=False), "osignerad.zip")
    drop(share, make_export(source, version=2), "signerad.zip")
    start = time.time()
    first = check_source(str(share), paths, trust, 1, CheckState(), now=start)
    # The newest is refused, so the next newest that passes is offered.
    assert first.offer is not None and first.offer.file_name == "signerad.zip"
    failure = first.state.failures["osignerad.zip"]
    assert failure.code == "unsigned" and not failure.incomplete

    second = check_source(str(share), paths, trust, 1, first.state, now=start + 3600)
    assert second.state.failures["osignerad.zip"].at == start
    day = start + source_check.RETRY_REFUSED_SECONDS + 1
    third = check_source(str(share), paths, trust, 1, second.state, now=day)
    assert third.state.failures["osignerad.zip"].at == day
    # Once the administrator allows unsigned files, the retry takes it.
    lenient = TrustPolicy(keys=dict(trust.keys), allow_unsigned=True)
    fourth = check_source(str(share), paths, lenient, 1, third.state,
                          now=day + source_check.RETRY_REFUSED_SECONDS + 1)
    assert fourth.offer is not None and fourth.offer.dataset_version == 3


def test_older_and_same_versions_are_ignored_quietly(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport, sv: Callable[[Any], str]) -> None:
    drop(share, make_export(source, version=2), "v2.zip")
    drop(share, make_export(source, version=3), "v3.zip")
    result = check_source(str(share), paths, trust, 3, CheckState())
    assert result.offer is None
    assert result.status == "up_to_date"
    assert sv(result.message) == "Ingen nyare katalog finns (installerad version 3)."
    assert result.state.failures == {}
    assert result.recheck_after is None
    assert offers(paths) == []


def test_an_expired_export_is_not_offered(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport, sv: Callable[[Any], str]) -> None:
    drop(share, make_export(source, version=2, expires="2020-01-01"), "gammal.zip")
    result = check_source(str(share), paths, trust, 1, CheckState())
    assert result.offer is None
    assert result.state.failures["gammal.zip"].code == "expired"
    assert "gick ut" in sv(result.message)


def test_a_missing_folder_gives_a_quiet_message(tmp_path: Path, paths: DataPaths,
                                               trust: TrustPolicy,
                                               sv: Callable[[Any], str]) -> None:
    missing = tmp_path / "ingen-sadan-mapp"
    result = check_source(str(missing), paths, trust, 1, CheckState())
    assert result.offer is None
    assert result.status == "unreachable"
    assert sv(result.message).startswith("Källan kunde inte nås: mappen")
    assert "finns inte" in sv(result.message)


def test_no_source_set(paths: DataPaths, trust: TrustPolicy) -> None:
    result = check_source("  ", paths, trust, 1, None)
    assert result.status == "not_configured"
    assert result.offer is None


def test_a_new_source_starts_a_new_state_and_the_old_state_is_not_changed(
        share: Path, tmp_path: Path, paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport) -> None:
    drop(share, make_export(source, version=2), "v2.zip")
    first = check_source(str(share), paths, trust, 1, CheckState())
    saved = first.state.to_json()
    other = tmp_path / "annan"
    other.mkdir()
    second = check_source(str(other), paths, trust, 1, first.state)
    assert first.state.to_json() == saved
    assert second.state.source == str(other) and second.state.files == {}
    assert offers(paths) == []


def test_state_round_trips_through_json(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport) -> None:
    drop(share, make_export(source, version=3, sign=False), "osignerad.zip")
    drop(share, make_export(source, version=2), "signerad.zip")
    state = check_source(str(share), paths, trust, 1, CheckState()).state
    assert state.offer is not None and state.failures and state.files
    assert CheckState.from_json(state.to_json()) == state
    assert CheckState.from_json("") == CheckState()
    assert CheckState.from_json("{inte json") == CheckState()
    assert CheckState.from_json('{"state_version": 1, "files": {"x": {"size": "?"}}}') == \
        CheckState()
    # One entry that cannot be read (a message code of an older app) loses only itself.
    stored = json.loads(state.to_json())
    name = next(iter(stored["failures"]))
    stored["failures"][name]["reason"]["code"] = "no.such.code"
    stored["files"]["trasig.zip"] = {"size": "?"}
    kept = CheckState.from_json(json.dumps(stored))
    assert kept.failures == {n: f for n, f in state.failures.items() if n != name}
    assert kept.files == state.files and kept.offer == state.offer


# Address sources ---------------------------------------------------------------------------

@dataclass
class Served:
    """What the test server serves and what it saw."""

    payload: bytes = b""
    etag: str = '"v-1"'
    last_modified: str = "Wed, 26 Nov 2025 08:00:00 GMT"
    mode: str = "ok"  # "ok", "truncate", "redirect", "missing"
    location: str = ""
    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    paths: list[str] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[tuple[str, Served]]:
    served = Served()

    class Handler(BaseHTTPRequestHandler):
        timeout = 5

        def do_GET(self) -> None:
            served.requests += 1
            served.paths.append(self.path)
            if served.mode == "missing":
                self.send_error(404)
                return
            if served.mode == "redirect":
                self.send_response(302)
                self.send_header("Location", served.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
                served.conditional += 1
                if self.headers.get("If-None-Match") == served.etag:
                    served.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", served.etag)
                    self.end_headers()
                    return
            body = served.payload
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", served.etag)
            self.send_header("Last-Modified", served.last_modified)
            self.end_headers()
            if served.mode == "truncate":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", served
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_a_newer_file_at_an_address_is_found_and_then_not_fetched_again(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport, catalogue_conn: Any) -> None:
    base, served = server
    served.payload = make_export(source, version=2).read_bytes()
    url = f"{base}/exporter/tfbb-export%202026-01.zip"
    first = check_source(url, paths, trust, 1, CheckState(), timeout=5)
    assert first.status == "offer", first.message
    assert first.offer is not None and first.offer.dataset_version == 2
    assert first.offer.file_name == "tfbb-export 2026-01.zip"
    assert first.offer.path.is_relative_to(paths.incoming)
    assert (served.requests, served.conditional) == (1, 0)
    assert first.state.etag == served.etag
    assert first.state.last_modified == served.last_modified

    importer.import_file(catalogue_conn, paths, first.offer.path, trust)
    first.offer.path.unlink()  # the caller may delete the copy after the import
    second = check_source(url, paths, trust, importer.current_version(catalogue_conn),
                          first.state, timeout=5)
    assert (served.requests, served.conditional, served.not_modified) == (2, 1, 1)
    assert second.offer is None
    assert second.status == "up_to_date"


def test_a_304_offers_the_kept_copy_again_while_it_is_newer(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport) -> None:
    base, served = server
    served.payload = make_export(source, version=2).read_bytes()
    url = f"{base}/tfbb.zip"
    first = check_source(url, paths, trust, 1, CheckState(), timeout=5)
    assert first.offer is not None
    second = check_source(url, paths, trust, 1, first.state, timeout=5)
    assert served.not_modified == 1  # not downloaded again
    assert second.offer is not None and second.offer.dataset_version == 2
    assert second.offer.path.is_file()
    # The kept copy is gone (say, cleaned up): the file is fetched again, not just a 304.
    second.offer.path.unlink()
    third = check_source(url, paths, trust, 1, second.state, timeout=5)
    assert third.offer is not None and third.offer.path.is_file()
    assert (served.requests, served.not_modified) == (3, 1)


def test_an_older_file_at_an_address_is_ignored_and_not_fetched_again(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport) -> None:
    base, served = server
    served.payload = make_export(source, version=1).read_bytes()
    first = check_source(f"{base}/tfbb.zip", paths, trust, 1, CheckState(), timeout=5)
    assert first.offer is None and first.status == "up_to_date"
    second = check_source(f"{base}/tfbb.zip", paths, trust, 1, first.state, timeout=5)
    assert second.offer is None and served.not_modified == 1
    assert offers(paths) == []


def test_a_broken_download_is_retried(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport) -> None:
    base, served = server
    served.payload = make_export(source, version=2).read_bytes()
    served.mode = "truncate"
    first = check_source(f"{base}/tfbb.zip", paths, trust, 1, CheckState(), timeout=5)
    assert first.offer is None and first.status == "failed"
    assert first.state.failures[f"{base}/tfbb.zip"].code == "download"
    assert first.state.etag == ""  # so that the next look fetches it whole
    assert offers(paths) == []
    served.mode = "ok"
    second = check_source(f"{base}/tfbb.zip", paths, trust, 1, first.state, timeout=5)
    assert second.offer is not None and second.state.failures == {}
    assert served.conditional == 0


def test_a_download_over_the_size_limit_is_refused(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport,
        monkeypatch: pytest.MonkeyPatch) -> None:
    base, served = server
    served.payload = make_export(source, version=2).read_bytes()
    monkeypatch.setattr(fmt, "MAX_ARCHIVE_BYTES", 1000)
    result = check_source(f"{base}/tfbb.zip", paths, trust, 1, CheckState(), timeout=5)
    assert result.offer is None
    assert result.state.failures[f"{base}/tfbb.zip"].code == "too_large"
    assert offers(paths) == []


def test_an_http_error_gives_a_quiet_message(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        sv: Callable[[Any], str]) -> None:
    base, served = server
    served.mode = "missing"
    result = check_source(f"{base}/tfbb.zip", paths, trust, 1, CheckState(), timeout=5)
    assert result.status == "unreachable"
    assert sv(result.message).startswith("Källan kunde inte nås")
    assert "404" in sv(result.message)


def test_an_unreachable_address_gives_a_quiet_message(paths: DataPaths,
                                                      trust: TrustPolicy,
                                                      sv: Callable[[Any], str]) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    result = check_source(f"http://127.0.0.1:{port}/tfbb.zip", paths, trust, 1, CheckState(),
                          timeout=2)
    assert time.monotonic() - started < 5
    assert result.offer is None
    assert result.status == "unreachable"
    assert sv(result.message).startswith("Källan kunde inte nås")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any attempt to look up a name or open a connection is recorded and fails."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args))
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.mark.parametrize("url", [
    "http://example.com/tfbb.zip",
    "http://192.168.1.10/tfbb.zip",
    "HTTP://intranet.region.se/tfbb.zip",
    "http://localhost/tfbb.zip",
    "ftp://example.com/tfbb.zip",
    "file:///etc/passwd",
])
def test_plain_http_elsewhere_is_refused_without_network(
        url: str, no_network: list[str], paths: DataPaths, trust: TrustPolicy,
        sv: Callable[[Any], str]) -> None:
    result = check_source(url, paths, trust, 1, CheckState())
    assert result.status == "refused_source"
    assert result.offer is None
    assert "används inte" in sv(result.message)
    assert no_network == []


def test_a_redirect_to_plain_http_elsewhere_is_not_followed(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        sv: Callable[[Any], str]) -> None:
    base, served = server
    served.mode = "redirect"
    served.location = "http://example.com/tfbb.zip"
    result = check_source(f"{base}/tfbb.zip", paths, trust, 1, CheckState(), timeout=5)
    assert result.status == "unreachable"
    assert "otillåten adress" in sv(result.message)
    assert served.requests == 1


def test_url_rules() -> None:
    assert source_check.url_problem("https://katalog.region.se/tfbb.zip") is None
    assert source_check.url_problem("http://127.0.0.1:8080/x.zip") is None
    assert source_check.url_problem("http://[::1]/x.zip") is None
    assert source_check.url_problem("https://") is not None
    assert source_check.url_problem("https://host:notaport/x") is not None
    assert source_check._display("https://user:secret@host/x.zip?token=1") == \
        "https://host/x.zip"
    # An address urllib cannot read (its port is no number) still loses its secrets.
    assert source_check._display("https://user:secret@host:port/x.zip?token=1#a") == \
        "https://host:port/x.zip"


def test_a_damaged_kept_copy_is_replaced(
        share: Path, paths: DataPaths, trust: TrustPolicy, source: dict[str, Any],
        make_export: MakeExport) -> None:
    drop(share, make_export(source, version=2), "v2.zip")
    first = check_source(str(share), paths, trust, 1, CheckState())
    assert first.offer is not None
    first.offer.path.write_bytes(b"trasig")
    second = check_source(str(share), paths, trust, 1, first.state)
    assert second.offer is not None and second.offer.dataset_version == 2
    assert second.state.failures == {}
    assert second.offer.path.read_bytes() == (share / "v2.zip").read_bytes()


def test_a_damaged_kept_download_is_fetched_again(
        server: tuple[str, Served], paths: DataPaths, trust: TrustPolicy,
        source: dict[str, Any], make_export: MakeExport) -> None:
    base, served = server
    served.payload = make_export(source, version=2).read_bytes()
    first = check_source(f"{base}/tfbb.zip", paths, trust, 1, CheckState(), timeout=5)
    assert first.offer is not None
    first.offer.path.write_bytes(served.payload[:100])
    second = check_source(f"{base}/tfbb.zip", paths, trust, 1, first.state, timeout=5)
    assert (served.requests, served.conditional) == (2, 0)
    assert second.offer is not None and second.offer.path.read_bytes() == served.payload
