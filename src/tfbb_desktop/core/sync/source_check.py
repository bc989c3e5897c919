"""The automatic look for a newer export at the update source: a folder or an https address.

The GUI calls :func:`check_source` from a worker thread at start and every few hours. It never
raises and never writes the catalogue: it finds the newest export at the source whose
``dataset_version`` is above the installed one, copies it to local disk, verifies the copy with
the import's own checks and trust, and offers it for ``importer.prepare``/``commit``.

* A folder (often a network share): every ``*.zip`` is a candidate, the newest chosen by its
  manifest's ``dataset_version`` (never by file names or times). A file still being written
  (changed since the last look, or modified less than ``stable_seconds`` ago) waits for a later
  look; refused files are tried again as :data:`INCOMPLETE_CODES` says; older ones are ignored.
* An ``https://`` address (plain ``http://`` only to 127.0.0.1 or ::1, for tests): a
  conditional GET with a timeout and a size cap; ``304 Not Modified`` means nothing new.

What the checks learn lives in :class:`CheckState`, kept by the caller as JSON. An offer's copy
is kept in ``incoming/offers/`` and offered again (also after a ``304``) while its version is
above the installed one. Do not run a check at the same time as an import of an offered file.
"""

from __future__ import annotations

import copy
import hashlib
import http.client
import ipaddress
import json
import logging
import os
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import container
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.signing import TrustPolicy

log = logging.getLogger(__name__)

STATE_VERSION = 1
OFFERS_DIR_NAME = "offers"
CHUNK_BYTES = 1024 * 1024
# Refusals that suggest a file that is not complete yet (or a transfer that broke off): these
# are tried again after RETRY_INCOMPLETE_SECONDS even if the file looks unchanged.
INCOMPLETE_CODES = frozenset({"not_zip", "corrupt", "checksum", "missing_member", "unreadable",
                              "download"})
RETRY_INCOMPLETE_SECONDS = 15 * 60
# Any other refusal (unknown key, bad signature, expired, wrong format ...) is tried again when
# the file changes, or after a day (the administrator may have added a key meanwhile).
RETRY_REFUSED_SECONDS = 24 * 3600
# A whole download may take this long at most (the timeout covers each network operation).
MAX_DOWNLOAD_SECONDS = 15 * 60
USER_AGENT = "TFBB-Katalog (uppdateringskontroll)"

_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_UNSAFE_NAME_CHARS = re.compile(r"[^\w.()\- ]+")
T = TypeVar("T")


# State -------------------------------------------------------------------------------------

@dataclass
class FileSeen:
    """What the last look saw of one file at a folder source."""

    size: int
    mtime: float
    seen_at: float  # when these size and time were first seen (our clock)
    version: int | None = None  # the manifest's dataset_version, once read


@dataclass
class Failure:
    """A file (or, for an address, the download) that was refused, and when."""

    size: int
    mtime: float
    code: str
    reason: Message
    at: float

    @property
    def incomplete(self) -> bool:
        return self.code in INCOMPLETE_CODES

    def due(self, now: float) -> bool:
        wait = RETRY_INCOMPLETE_SECONDS if self.incomplete else RETRY_REFUSED_SECONDS
        return now - self.at >= wait


@dataclass
class KeptOffer:
    """The verified local copy behind the current offer (in ``incoming/offers/``)."""

    file: str  # the copy's file name in the offers folder
    origin: str  # the file's name at the source
    size: int
    mtime: float
    version: int


@dataclass
class CheckState:
    """What the checks have learnt so far; kept by the caller as JSON between runs."""

    source: str = ""
    etag: str = ""
    last_modified: str = ""
    files: dict[str, FileSeen] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)
    offer: KeptOffer | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"state_version": STATE_VERSION, **asdict(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, raw: object) -> CheckState:
        """Read a stored state; anything unreadable is dropped (the worst case is a re-check)."""
        if not isinstance(raw, dict) or raw.get("state_version") != STATE_VERSION:
            return cls()
        offer = _read({"offer": raw.get("offer")}, lambda o: KeptOffer(
            str(o["file"]), str(o["origin"]), int(o["size"]), float(o["mtime"]),
            int(o["version"])))
        return cls(
            source=_str(raw.get("source")), etag=_str(raw.get("etag")),
            last_modified=_str(raw.get("last_modified")),
            files=_read(raw.get("files"), lambda i: FileSeen(
                int(i["size"]), float(i["mtime"]), float(i["seen_at"]),
                i["version"] if isinstance(i.get("version"), int) else None)),
            failures=_read(raw.get("failures"), lambda i: Failure(
                int(i["size"]), float(i["mtime"]), str(i["code"]),
                Message.from_dict(i["reason"]), float(i["at"]))),
            offer=offer.get("offer"))

    @classmethod
    def from_json(cls, text: str) -> CheckState:
        try:
            return cls.from_dict(json.loads(text)) if text else cls()
        except ValueError:
            return cls()


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _read(items: object, build: Callable[[dict[str, Any]], T]) -> dict[str, T]:
    """The stored items that can be read back (by ``build``), by name."""
    out: dict[str, T] = {}
    for name, item in (items.items() if isinstance(items, dict) else []):
        if isinstance(name, str) and isinstance(item, dict):
            try:
                out[name] = build(item)
            except (KeyError, TypeError, ValueError):
                continue
    return out


# Results -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Offer:
    """A newer export, verified, as a local file ready for ``importer.prepare``."""

    path: Path
    dataset_version: int
    source: str
    file_name: str  # the file's name at the source


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check.

    ``status`` is one of ``"offer"``, ``"up_to_date"``, ``"waiting"`` (a file is still being
    written), ``"failed"`` (a newer-looking file was refused; it is tried again later),
    ``"unreachable"``, ``"refused_source"`` (the source setting is not allowed) and
    ``"not_configured"``. ``message`` is a quiet line for a status bar or the log.
    ``recheck_after``, when set, suggests looking again after that many seconds rather than
    waiting for the next regular check.
    """

    offer: Offer | None
    message: Message
    state: CheckState
    status: str
    recheck_after: float | None = None


@dataclass
class _Context:
    source: str
    paths: DataPaths
    trust: TrustPolicy
    current_version: int
    state: CheckState
    now: float
    stable_seconds: float
    timeout: float
    max_download_seconds: float

    @property
    def offers_dir(self) -> Path:
        return self.paths.incoming / OFFERS_DIR_NAME

    def result(self, status: str, message: Message, offer: Offer | None = None,
               recheck_after: float | None = None) -> CheckResult:
        return CheckResult(offer, message, self.state, status, recheck_after)


# Entry point -------------------------------------------------------------------------------

def check_source(source: str, paths: DataPaths, trust: TrustPolicy, current_version: int,
                 state: CheckState | None = None, *, now: float | None = None,
                 stable_seconds: float = 10, timeout: float = 10,
                 max_download_seconds: float = MAX_DOWNLOAD_SECONDS) -> CheckResult:
    """Look at ``source`` for an export newer than ``current_version``. Never raises.

    ``state`` is not changed; the result carries the new state for the caller to keep.
    """
    source = source.strip()
    state = copy.deepcopy(state) if state is not None else CheckState()
    if state.source != source:
        state = CheckState(source=source)
    ctx = _Context(source, paths, trust, current_version, state,
                   time.time() if now is None else now, stable_seconds, timeout,
                   max_download_seconds)
    if not source:
        _drop_offer(ctx)
        return ctx.result("not_configured", msg("source.none"))
    try:
        if _URL_LIKE.match(source):
            return _check_url(ctx)
        return _check_folder(ctx, Path(source))
    except Exception as exc:  # a background check must never take the app down
        log.exception("update check of %s failed", _display(source))
        return ctx.result("failed", msg("source.unexpected", error=type(exc).__name__))


# Folder sources ----------------------------------------------------------------------------

def _check_folder(ctx: _Context, folder: Path) -> CheckResult:
    state = ctx.state
    try:
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError as exc:
        return ctx.result("unreachable", msg("source.no_folder", folder=str(folder),
                                             reason=_os_reason(exc)))
    present: dict[str, tuple[Path, int, float]] = {}
    for entry in entries:
        if not entry.name.lower().endswith(".zip") or entry.name.startswith((".", "~$")):
            continue
        try:
            if not entry.is_file():
                continue
            info = entry.stat()
        except OSError:
            continue
        present[entry.name] = (Path(entry.path), info.st_size, info.st_mtime)
    state.files = {n: s for n, s in state.files.items() if n in present}
    state.failures = {n: f for n, f in state.failures.items() if n in present}

    waiting: list[str] = []
    held_back: list[Failure] = []
    failed_now: list[str] = []
    newer: list[tuple[int, str]] = []
    for name, (path, size, mtime) in sorted(present.items()):
        seen = state.files.get(name)
        changed = seen is not None and (seen.size, seen.mtime) != (size, mtime)
        if seen is None or changed:
            seen = FileSeen(size, mtime, ctx.now)
            state.files[name] = seen
        # Unchanged for long enough, by the file's time or by our own looks (the clock of a
        # file server may differ from ours).
        quiet_for = max(ctx.now - mtime, ctx.now - seen.seen_at)
        if changed or quiet_for < ctx.stable_seconds:
            waiting.append(name)  # still being written: look again later
            continue
        failure = state.failures.get(name)
        if failure is not None:
            if (failure.size, failure.mtime) != (size, mtime):
                del state.failures[name]  # the file has changed since: try it again
            elif not failure.due(ctx.now):
                held_back.append(failure)
                continue
        if seen.version is None:
            try:
                seen.version = _peek_version(path, size, name)
            except ImportRefused as exc:
                _fail(ctx, name, size, mtime, exc)
                failed_now.append(name)
                continue
        if seen.version > ctx.current_version:
            newer.append((seen.version, name))
        else:
            state.failures.pop(name, None)  # older or the same: ignored quietly

    recheck = ctx.stable_seconds + 1 if waiting else None
    for version, name in sorted(newer, reverse=True):
        path, size, mtime = present[name]
        try:
            offer = _take_from_folder(ctx, name, path, size, mtime, version)
        except ImportRefused as exc:
            _fail(ctx, name, size, mtime, exc)
            failed_now.append(name)
            continue
        return ctx.result("offer", _offer_message(offer), offer, recheck)
    _drop_offer(ctx)

    if waiting:
        return ctx.result("waiting", msg("source.waiting", files=", ".join(waiting)),
                          recheck_after=recheck)
    if failed_now:
        return _failed(ctx, failed_now[0], state.failures[failed_now[0]])
    retry = RETRY_INCOMPLETE_SECONDS if any(f.incomplete for f in held_back) else None
    return ctx.result("up_to_date", _up_to_date(ctx), recheck_after=retry)


def _peek_version(path: Path, size: int, name: str) -> int:
    """The dataset_version in the manifest of the ZIP at ``path``, read through the same
    member checks as an import (nothing but ``manifest.json`` is unpacked)."""
    if size > fmt.MAX_ARCHIVE_BYTES:
        raise ImportRefused("too_large", container._too_large(size), name)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise ImportRefused("unreadable", msg("file.unreadable", error=_os_reason(exc)),
                            name) from exc
    with stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ImportRefused("not_zip", msg("file.not_zip"), name) from exc
        with archive:
            members = container._check_members(archive, name)
            raw = container._read_member(archive, members[fmt.MANIFEST_NAME],
                                         fmt.MAX_MANIFEST_BYTES, name)
    return container.parse_manifest(raw, name).dataset_version


def _take_from_folder(ctx: _Context, name: str, path: Path, size: int, mtime: float,
                      version: int) -> Offer:
    """Copy (unless the kept copy is the same file), verify the copy, and offer it."""
    kept = ctx.state.offer
    if (kept is not None and (kept.origin, kept.size, kept.mtime, kept.version)
            == (name, size, mtime, version) and (ctx.offers_dir / kept.file).is_file()):
        try:
            return _offer_local(ctx, ctx.offers_dir / kept.file, name, size, mtime, version)
        except ImportRefused:
            _drop_offer(ctx)  # the kept copy itself may be damaged: copy the file afresh
    local = container.copy_to_local(path, ctx.offers_dir)
    try:
        return _offer_local(ctx, local, name, size, mtime, version)
    finally:
        container.remove_quietly(local)


# Address sources ---------------------------------------------------------------------------

def url_problem(url: str) -> Message | None:
    """Why ``url`` may not be used as a source, or None. No network is touched."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return msg("url.invalid")
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        return msg("url.scheme", scheme=scheme)
    if not host:
        return msg("url.no_host")
    if scheme == "http" and not _is_loopback(host):
        return msg("url.plain_http")
    return None


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name would need a lookup; only literal loopback addresses pass


class _Redirected(urllib.error.URLError):
    """A redirect to an address that is not allowed as a source."""

    def __init__(self, problem: Message) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address that would be allowed as a source itself."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: http.client.HTTPMessage,
                         newurl: str) -> urllib.request.Request | None:
        problem = url_problem(newurl)
        if problem is not None:
            raise _Redirected(problem)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_CheckedRedirects()]
    host = urllib.parse.urlsplit(url).hostname or ""
    if _is_loopback(host):
        handlers.append(urllib.request.ProxyHandler({}))  # never send the own computer to a proxy
    return urllib.request.build_opener(*handlers)


class _Unreachable(Exception):
    """The address could not be reached; ``args[0]`` is the message saying so."""


def _check_url(ctx: _Context) -> CheckResult:
    url, state = ctx.source, ctx.state
    problem = url_problem(url)
    if problem is not None:
        _drop_offer(ctx)
        return ctx.result("refused_source", msg("source.refused", source=_display(url),
                                                problem=problem))
    name = _url_file_name(url)
    kept = _usable_kept_offer(ctx)
    failure = state.failures.get(url)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    # A 304 is only of use if nothing is missing: after losing the kept copy of a still newer
    # export, or once a refusal is due for a retry (the trust may differ), fetch it whole.
    lost_offer = (kept is None and state.offer is not None
                  and state.offer.version > ctx.current_version)
    if kept is None and state.offer is not None:
        _drop_offer(ctx)  # lost, damaged, or no longer newer
    if not lost_offer and (failure is None or not failure.due(ctx.now)):
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
    part = _part_path(ctx, name)
    try:
        fetched = _download(ctx, url, headers, part, name)
        if fetched is None:  # 304 Not Modified
            if kept is not None:
                return ctx.result("offer", _offer_message(kept), kept)
            _drop_offer(ctx)
            return ctx.result("up_to_date", _up_to_date(ctx))
        etag, last_modified, size = fetched
        try:
            version = _verify(ctx, part, name).dataset_version
        except ImportRefused as exc:
            if exc.code not in INCOMPLETE_CODES:  # the same file until it changes: no re-fetch
                state.etag, state.last_modified = etag, last_modified
            raise
        state.etag, state.last_modified = etag, last_modified
        state.failures.pop(url, None)
        if version <= ctx.current_version:
            _drop_offer(ctx)
            return ctx.result("up_to_date", _up_to_date(ctx))
        offer = _keep(ctx, part, name, size, 0.0, version)
        return ctx.result("offer", _offer_message(offer), offer)
    except _Unreachable as exc:
        return ctx.result("unreachable", exc.args[0])
    except ImportRefused as exc:
        _drop_offer(ctx)
        _fail(ctx, url, 0, 0.0, exc)
        return _failed(ctx, name, ctx.state.failures[url])
    finally:
        container.remove_quietly(part)


def _usable_kept_offer(ctx: _Context) -> Offer | None:
    """The kept copy of an earlier download, if it is still newer and still verifies."""
    kept = ctx.state.offer
    if kept is None or kept.version <= ctx.current_version:
        return None
    path = ctx.offers_dir / kept.file
    try:
        if path.is_file() and _verify(ctx, path, kept.origin).dataset_version == kept.version:
            return Offer(path, kept.version, ctx.source, kept.origin)
    except ImportRefused:
        pass
    return None


def _download(ctx: _Context, url: str, headers: dict[str, str], part: Path,
              name: str) -> tuple[str, str, int] | None:
    """GET ``url`` into ``part``: (etag, last-modified, size), or None for 304. Raises
    :class:`_Unreachable`, or ImportRefused for a download that is refused."""
    shown = _display(url)
    try:
        response = _opener(url).open(urllib.request.Request(url, headers=headers),
                                     timeout=ctx.timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 304:
            return None
        raise _Unreachable(msg("source.http", server=shown,
                               status=f"{exc.code} {exc.reason}")) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        raise _Unreachable(msg("source.unreachable", server=shown,
                               reason=_net_reason(exc, ctx.timeout))) from None
    with response:
        status = getattr(response, "status", 200)
        if status == 304:
            return None
        if status != 200:
            raise _Unreachable(msg("source.http", server=shown, status=str(status)))
        declared = response.headers.get("Content-Length")
        expected = int(declared) if declared and declared.isdigit() else None
        if expected is not None and expected > fmt.MAX_ARCHIVE_BYTES:
            raise ImportRefused("too_large", container._too_large(expected), name)
        deadline = time.monotonic() + ctx.max_download_seconds
        total = 0
        try:
            with part.open("wb") as out:
                while chunk := response.read(CHUNK_BYTES):
                    total += len(chunk)
                    if total > fmt.MAX_ARCHIVE_BYTES:
                        raise ImportRefused("too_large", container._too_large(total), name)
                    if time.monotonic() > deadline:
                        raise TimeoutError()
                    out.write(chunk)
        except (OSError, http.client.HTTPException) as exc:
            reason = _net_reason(exc, ctx.timeout)
            raise ImportRefused("download", msg("download.aborted", reason=reason), name) from exc
        if expected is not None and total != expected:
            raise ImportRefused("download", msg("download.short", got=total, expected=expected),
                                name)
        return (response.headers.get("ETag", "") or "",
                response.headers.get("Last-Modified", "") or "", total)


def _url_file_name(url: str) -> str:
    path = urllib.parse.urlsplit(url).path
    return urllib.parse.unquote(path.rsplit("/", 1)[-1]) or "export.zip"


# Shared steps ------------------------------------------------------------------------------

def _verify(ctx: _Context, local: Path, name: str) -> fmt.Manifest:
    """The import's own checks on the local copy: container, checksums, signature, expiry."""
    verified = container.read_export(local, ctx.trust, display_name=name)
    manifest = verified.manifest
    del verified  # the data itself is not needed here
    today = date.fromtimestamp(ctx.now)
    if manifest.expires < today:
        raise ImportRefused("expired", msg("source.expired", date=manifest.expires.isoformat()),
                            name)
    return manifest


def _offer_local(ctx: _Context, local: Path, name: str, size: int, mtime: float,
                 version: int) -> Offer:
    manifest = _verify(ctx, local, name)
    if manifest.dataset_version != version:
        raise ImportRefused("changed_meanwhile", msg("source.changed_meanwhile"), name)
    return _keep(ctx, local, name, size, mtime, version)


def _keep(ctx: _Context, local: Path, name: str, size: int, mtime: float,
          version: int) -> Offer:
    """Make ``local`` the kept offer copy (under the source's file name) and offer it."""
    target = ctx.offers_dir / _safe_name(name)
    if local != target:
        local.replace(target)
    ctx.state.offer = KeptOffer(target.name, name, size, mtime, version)
    _clear_offers_dir(ctx, keep=target.name)
    ctx.state.failures.pop(name, None)
    return Offer(target, version, ctx.source, name)


def _drop_offer(ctx: _Context) -> None:
    ctx.state.offer = None
    _clear_offers_dir(ctx, keep=None)


def _clear_offers_dir(ctx: _Context, keep: str | None) -> None:
    try:
        with os.scandir(ctx.offers_dir) as scan:
            names = [e.name for e in scan]
    except OSError:
        return
    for name in names:
        if name != keep:
            container.remove_quietly(ctx.offers_dir / name)


def _part_path(ctx: _Context, name: str) -> Path:
    ctx.offers_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(f"{ctx.source}\0{name}".encode()).hexdigest()[:12]
    return ctx.offers_dir / f"{digest}.part"


def _safe_name(name: str) -> str:
    """A harmless local file name for ``name``: no folders, no odd characters, ends in .zip."""
    base = re.split(r"[\\/]", name)[-1]
    base = _UNSAFE_NAME_CHARS.sub("_", base).strip(" .")[:120]
    if not base.lower().endswith(".zip"):
        base = (base or "export") + ".zip"
    return base


def _fail(ctx: _Context, key: str, size: int, mtime: float, exc: ImportRefused) -> None:
    log.info("update source: %s refused (%s): %s", key, exc.code, exc.reason)
    ctx.state.failures[key] = Failure(size, mtime, exc.code, exc.reason, ctx.now)


# Messages ----------------------------------------------------------------------------------

def _offer_message(offer: Offer) -> Message:
    return msg("source.offer", version=offer.dataset_version, file=offer.file_name)


def _up_to_date(ctx: _Context) -> Message:
    if ctx.current_version:
        return msg("source.up_to_date", version=ctx.current_version)
    return msg("source.empty")


def _failed(ctx: _Context, name: str, failure: Failure) -> CheckResult:
    later = msg("source.retry_later" if failure.incomplete else "source.retry_changed")
    return ctx.result("failed", msg("source.failed", file=name, reason=failure.reason,
                                    later=later),
                      recheck_after=RETRY_INCOMPLETE_SECONDS if failure.incomplete else None)


def _display(source: str) -> str:
    """An address without user name, password or query, for messages and the log."""
    if not _URL_LIKE.match(source):
        return source
    try:
        parts = urllib.parse.urlsplit(source)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "(ogiltig adress)"
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}{parts.path}"


_OS_REASONS = ((FileNotFoundError, "os.not_found"), (PermissionError, "os.permission"),
               (NotADirectoryError, "os.not_folder"))
_NET_REASONS = ((ssl.SSLCertVerificationError, "net.certificate"), (ssl.SSLError, "net.tls"),
                (socket.gaierror, "net.no_host"), (TimeoutError, "net.timeout"),
                (ConnectionRefusedError, "net.refused"),
                ((ConnectionResetError, ConnectionAbortedError), "net.reset"))


def _os_reason(exc: OSError) -> Message | str:
    code = next((c for kind, c in _OS_REASONS if isinstance(exc, kind)), None)
    return msg(code) if code else exc.strerror or str(exc)


def _net_reason(exc: BaseException, timeout: float) -> Message | str:
    if isinstance(exc, _Redirected):
        return msg("net.redirect", problem=exc.problem)
    reason: object = exc
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason
    code = next((c for kind, c in _NET_REASONS if isinstance(reason, kind)), None)
    if code:
        return msg(code, seconds=f"{timeout:g}") if code == "net.timeout" else msg(code)
    if isinstance(reason, OSError):
        return reason.strerror or str(reason)
    return str(reason)
