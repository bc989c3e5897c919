"""The automatic look for a newer export at the update source: a folder or an https address.

:func:`check_source` runs off the GUI thread, never raises and never writes the catalogue. It
finds the newest export whose manifest's ``dataset_version`` is above the installed one (never
by file names or times), copies it to local disk, verifies the copy with the import's checks
and trust, and keeps it in ``incoming/offers/`` to offer while it is newer. In a folder, a file
still being written waits for a later look; a refused one is tried again as
:data:`INCOMPLETE_CODES` says. An address (plain ``http://`` only to 127.0.0.1 or ::1) gets a
conditional GET with a timeout and a size cap. What a check learns is a :class:`CheckState`.
"""

from __future__ import annotations

import contextlib
import copy
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
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TypeVar

from pydantic import TypeAdapter

from tfbb_desktop.core.errors import ImportRefused
from tfbb_desktop.core.messages import Message, msg
from tfbb_desktop.core.paths import DataPaths
from tfbb_desktop.core.sync import container
from tfbb_desktop.core.sync import export_format as fmt
from tfbb_desktop.core.sync.signing import TrustPolicy

log = logging.getLogger(__name__)

STATE_VERSION = 1
OFFERS_DIR_NAME = "offers"
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
# A file in a folder is taken once it has not changed for this long (else it may be written).
STABLE_SECONDS = 10
USER_AGENT = "TFBB-Katalog (uppdateringskontroll)"

_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_UNSAFE_NAME_CHARS = re.compile(r"[^\w.()\- ]+")


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
    state_version: int = STATE_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CheckState:
        """A stored state; what cannot be read is dropped (the worst case is a re-check): a
        file or failure entry on its own (say, a message of an older app), else the whole."""
        try:
            raw = json.loads(text)
            items = {name: raw.pop(name, {}) for name in ("files", "failures")}
            state = TypeAdapter(cls).validate_python(raw)
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls()
        state.files, state.failures = (_readable(items["files"], FileSeen),
                                       _readable(items["failures"], Failure))
        return state if state.state_version == STATE_VERSION else cls()


T = TypeVar("T")


def _readable(items: object, kind: type[T]) -> dict[str, T]:
    """The stored items (by name) that can be read back as ``kind``."""
    adapter, out = TypeAdapter(kind), {}
    for name, item in items.items() if isinstance(items, dict) else ():
        with contextlib.suppress(ValueError, KeyError):  # invalid, or an unknown message code
            out[str(name)] = adapter.validate_python(item)
    return out


@dataclass(frozen=True)
class Offer:
    """A newer export, verified, as a local file ready for ``importer.prepare``."""

    path: Path
    dataset_version: int
    source: str
    file_name: str  # the file's name at the source


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``status`` is "offer", "up_to_date", "waiting" (a file is
    still being written), "failed" (tried again later), "unreachable", "refused_source" or
    "not_configured"; ``message`` is a quiet line for the status bar; ``recheck_after``
    suggests an early next look, in seconds."""

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
    timeout: float

    @property
    def offers_dir(self) -> Path:
        return self.paths.incoming / OFFERS_DIR_NAME

    def result(self, status: str, message: Message, offer: Offer | None = None,
               recheck_after: float | None = None) -> CheckResult:
        return CheckResult(offer, message, self.state, status, recheck_after)

    def offered(self, offer: Offer, recheck_after: float | None = None) -> CheckResult:
        return self.result("offer", msg("source.offer", version=offer.dataset_version,
                                        file=offer.file_name), offer, recheck_after)

    def up_to_date(self, recheck_after: float | None = None) -> CheckResult:
        self.drop_offer()
        message = (msg("source.up_to_date", version=self.current_version)
                   if self.current_version else msg("source.empty"))
        return self.result("up_to_date", message, recheck_after=recheck_after)

    def failed(self, name: str, failure: Failure) -> CheckResult:
        later = msg("source.retry_later" if failure.incomplete else "source.retry_changed")
        return self.result("failed", msg("source.failed", file=name, reason=failure.reason,
                                         later=later),
                           recheck_after=RETRY_INCOMPLETE_SECONDS if failure.incomplete else None)

    def fail(self, key: str, size: int, mtime: float, exc: ImportRefused) -> None:
        log.info("update source: %s refused (%s): %s", key, exc.code, exc.reason)
        self.state.failures[key] = Failure(size, mtime, exc.code, exc.reason, self.now)

    def verify(self, local: Path, name: str) -> fmt.Manifest:
        """The import's own checks on the local copy: container, checksums, signature, expiry."""
        manifest = container.read_export(local, self.trust, display_name=name).manifest
        if manifest.expires < date.fromtimestamp(self.now):
            raise ImportRefused("expired", msg("source.expired",
                                               date=manifest.expires.isoformat()), name)
        return manifest

    def keep(self, local: Path, name: str, size: int, mtime: float, version: int) -> Offer:
        """Make ``local`` the kept offer copy (under the source's file name) and offer it."""
        target = self.offers_dir / _safe_name(name)
        if local != target:
            local.replace(target)
        self.state.offer = KeptOffer(target.name, name, size, mtime, version)
        self.drop_offer(keep=target.name)
        self.state.failures.pop(name, None)
        return Offer(target, version, self.source, name)

    def drop_offer(self, keep: str | None = None) -> None:
        """Delete the kept copies but ``keep``; without one, there is no offer any more."""
        if keep is None:
            self.state.offer = None
        if self.offers_dir.is_dir():
            for path in self.offers_dir.iterdir():
                if path.name != keep:
                    container.remove_quietly(path)


def check_source(source: str, paths: DataPaths, trust: TrustPolicy, current_version: int,
                 state: CheckState | None = None, *, now: float | None = None,
                 timeout: float = 10) -> CheckResult:
    """Look at ``source`` for an export newer than ``current_version``. Never raises.

    ``state`` is not changed; the result carries the new state for the caller to keep.
    """
    source = source.strip()
    state = copy.deepcopy(state) if state is not None else CheckState()
    if state.source != source:
        state = CheckState(source=source)
    ctx = _Context(source, paths, trust, current_version, state,
                   time.time() if now is None else now, timeout)
    if not source:
        ctx.drop_offer()
        return ctx.result("not_configured", msg("source.none"))
    try:
        if _URL_LIKE.match(source):
            return _check_url(ctx)
        return _check_folder(ctx, Path(source))
    except Exception as exc:  # a background check must never take the app down
        log.exception("update check of %s failed", _display(source))
        return ctx.result("failed", msg("source.unexpected", error=type(exc).__name__))


def _check_folder(ctx: _Context, folder: Path) -> CheckResult:
    state = ctx.state
    present: dict[str, tuple[Path, int, float]] = {}
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if e.name.lower().endswith(".zip")
                       and not e.name.startswith((".", "~$"))]
    except OSError as exc:
        return ctx.result("unreachable", msg("source.no_folder", folder=str(folder),
                                             reason=_os_reason(exc)))
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.is_file():
                info = entry.stat()
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
        if changed or max(ctx.now - mtime, ctx.now - seen.seen_at) < STABLE_SECONDS:
            waiting.append(name)  # still being written: look again later
            continue
        failure = state.failures.get(name)
        if failure is not None:
            if (failure.size, failure.mtime) != (size, mtime):
                del state.failures[name]  # the file has changed since: try it again
            elif not failure.due(ctx.now):
                held_back.append(failure)
                continue
        try:
            if seen.version is None:
                seen.version = _peek_version(path, size, name)
        except ImportRefused as exc:
            ctx.fail(name, size, mtime, exc)
            failed_now.append(name)
            continue
        if seen.version > ctx.current_version:
            newer.append((seen.version, name))
        else:
            state.failures.pop(name, None)  # older or the same: ignored quietly

    recheck = STABLE_SECONDS + 1 if waiting else None
    for version, name in sorted(newer, reverse=True):
        path, size, mtime = present[name]
        try:
            return ctx.offered(_take_from_folder(ctx, name, path, size, mtime, version),
                               recheck)
        except ImportRefused as exc:
            ctx.fail(name, size, mtime, exc)
            failed_now.append(name)
    ctx.drop_offer()
    if waiting:
        return ctx.result("waiting", msg("source.waiting", files=", ".join(waiting)),
                          recheck_after=recheck)
    if failed_now:
        return ctx.failed(failed_now[0], state.failures[failed_now[0]])
    return ctx.up_to_date(RETRY_INCOMPLETE_SECONDS if any(f.incomplete for f in held_back)
                          else None)


def _peek_version(path: Path, size: int, name: str) -> int:
    """The dataset_version in the manifest of the ZIP at ``path``, read through the same
    member checks as an import (nothing but ``manifest.json`` is unpacked)."""
    if size > fmt.MAX_ARCHIVE_BYTES:
        raise ImportRefused("too_large", container.too_large(size), name)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise ImportRefused("unreadable", msg("file.unreadable", error=_os_reason(exc)),
                            name) from exc
    with stream:
        return container.read_manifest(stream, name).dataset_version


def _take_from_folder(ctx: _Context, name: str, path: Path, size: int, mtime: float,
                      version: int) -> Offer:
    """Copy (unless the kept copy is the same file), verify the copy, and keep it."""
    def offer(local: Path) -> Offer:
        if ctx.verify(local, name).dataset_version != version:
            raise ImportRefused("changed_meanwhile", msg("source.changed_meanwhile"), name)
        return ctx.keep(local, name, size, mtime, version)

    kept = ctx.state.offer
    if (kept is not None and (kept.origin, kept.size, kept.mtime, kept.version)
            == (name, size, mtime, version) and (ctx.offers_dir / kept.file).is_file()):
        try:
            return offer(ctx.offers_dir / kept.file)
        except ImportRefused:
            ctx.drop_offer()  # the kept copy itself may be damaged: copy the file afresh
    local = container.copy_to_local(path, ctx.offers_dir)
    try:
        return offer(local)
    finally:
        container.remove_quietly(local)


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


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address that would be allowed as a source itself."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, text: str,
                         headers: http.client.HTTPMessage,
                         newurl: str) -> urllib.request.Request | None:
        problem = url_problem(newurl)
        if problem is not None:
            raise _Unreachable(msg("source.unreachable", server=_display(req.full_url),
                                   reason=msg("net.redirect", problem=problem)))
        return super().redirect_request(req, fp, code, text, headers, newurl)


class _Unreachable(Exception):
    """The address could not be reached; ``args[0]`` is the message saying so."""


def _check_url(ctx: _Context) -> CheckResult:
    url, state = ctx.source, ctx.state
    problem = url_problem(url)
    if problem is not None:
        ctx.drop_offer()
        return ctx.result("refused_source", msg("source.refused", source=_display(url),
                                                problem=problem))
    name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1]) or "export.zip"
    kept = _usable_kept_offer(ctx)
    failure = state.failures.get(url)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    # A 304 is only of use if nothing is missing: after losing the kept copy of a still newer
    # export, or once a refusal is due for a retry (the trust may differ), fetch it whole.
    lost_offer = (kept is None and state.offer is not None
                  and state.offer.version > ctx.current_version)
    if kept is None and state.offer is not None:
        ctx.drop_offer()  # lost, damaged, or no longer newer
    if not lost_offer and (failure is None or not failure.due(ctx.now)):
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
    ctx.offers_dir.mkdir(parents=True, exist_ok=True)
    part = ctx.offers_dir / "download.part"
    try:
        fetched = _download(ctx, url, headers, part, name)
        if fetched is None:  # 304 Not Modified
            return ctx.offered(kept) if kept is not None else ctx.up_to_date()
        etag, last_modified, size = fetched
        try:
            version = ctx.verify(part, name).dataset_version
        except ImportRefused as exc:
            if exc.code not in INCOMPLETE_CODES:  # the same file until it changes: no re-fetch
                state.etag, state.last_modified = etag, last_modified
            raise
        state.etag, state.last_modified = etag, last_modified
        state.failures.pop(url, None)
        if version <= ctx.current_version:
            return ctx.up_to_date()
        return ctx.offered(ctx.keep(part, name, size, 0.0, version))
    except _Unreachable as exc:
        return ctx.result("unreachable", exc.args[0])
    except ImportRefused as exc:
        ctx.drop_offer()
        ctx.fail(url, 0, 0.0, exc)
        return ctx.failed(name, ctx.state.failures[url])
    finally:
        container.remove_quietly(part)


def _usable_kept_offer(ctx: _Context) -> Offer | None:
    """The kept copy of an earlier download, if it is still newer and still verifies."""
    kept = ctx.state.offer
    if kept is None or kept.version <= ctx.current_version:
        return None
    path = ctx.offers_dir / kept.file
    with contextlib.suppress(ImportRefused):
        if path.is_file() and ctx.verify(path, kept.origin).dataset_version == kept.version:
            return Offer(path, kept.version, ctx.source, kept.origin)
    return None


def _download(ctx: _Context, url: str, headers: dict[str, str], part: Path,
              name: str) -> tuple[str, str, int] | None:
    """GET ``url`` into ``part``: (etag, last-modified, size), or None for 304. Raises
    :class:`_Unreachable`, or ImportRefused for a download that is refused."""
    shown = _display(url)
    handlers: list[urllib.request.BaseHandler] = [_CheckedRedirects()]
    if _is_loopback(urllib.parse.urlsplit(url).hostname or ""):
        handlers.append(urllib.request.ProxyHandler({}))  # never send the own computer to a proxy
    try:
        response = urllib.request.build_opener(*handlers).open(
            urllib.request.Request(url, headers=headers), timeout=ctx.timeout)
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
        if status != 200:
            raise _Unreachable(msg("source.http", server=shown, status=str(status)))
        declared = response.headers.get("Content-Length")
        expected = int(declared) if declared and declared.isdigit() else None
        if expected is not None and expected > fmt.MAX_ARCHIVE_BYTES:
            raise ImportRefused("too_large", container.too_large(expected), name)
        deadline = time.monotonic() + MAX_DOWNLOAD_SECONDS
        total = 0
        try:
            with part.open("wb") as out:
                while chunk := response.read(1 << 20):
                    total += len(chunk)
                    if total > fmt.MAX_ARCHIVE_BYTES:
                        raise ImportRefused("too_large", container.too_large(total), name)
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


def _safe_name(name: str) -> str:
    """A harmless local file name for ``name``: no folders, no odd characters, ends in .zip."""
    base = re.split(r"[\\/]", name)[-1]
    base = _UNSAFE_NAME_CHARS.sub("_", base).strip(" .")[:120]
    if not base.lower().endswith(".zip"):
        base = (base or "export") + ".zip"
    return base


def _display(source: str) -> str:
    """An address without user name, password or query, for messages and the log."""
    if not _URL_LIKE.match(source):
        return source
    try:
        parts = urllib.parse.urlsplit(source)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:  # not an address urllib can read (a bad port): cut off the same parts
        without_query = re.split(r"[?#]", source, maxsplit=1)[0]
        return re.sub(r"^([^:/]+://)[^/]*@", r"\1", without_query)
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
    reason: object = exc
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason
    code = next((c for kind, c in _NET_REASONS if isinstance(reason, kind)), None)
    if code:
        return msg(code, seconds=f"{timeout:g}") if code == "net.timeout" else msg(code)
    if isinstance(reason, OSError):
        return reason.strerror or str(reason)
    return str(reason)
