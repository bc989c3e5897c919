"""One running app per user and data folder.

The first start listens on a local socket (a named pipe on Windows) whose name comes from the
user and the data folder, so two users, or two data folders, on one PC never meet. A second
start connects to it, hands over its files (an export to import), waits for the answer and
exits; the first brings its window forward and opens the file in its import dialog.

A lock file in the data folder makes the choice one start at a time, so two starts at the same
moment never both listen (Windows lets two servers share a pipe name). A socket left behind by
a crash answers nobody: it is removed and the next start listens in its place. The command line
is not single-instance: SQLite's locking keeps the database whole when both write.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QCryptographicHash, QLockFile, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from tfbb_desktop.ui.main_window import MainWindow

log = logging.getLogger("tfbb_desktop")

LOCK_NAME = "instance.lock"
CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 10_000  # the first start may still be building its window
LOCK_TIMEOUT_MS = 20_000
ATTEMPTS = 3
MAX_MESSAGE = 64 * 1024
ANSWER = b"ok\n"
ANSWERED, BUSY, GONE = "answered", "busy", "gone"


def server_name(root: Path) -> str:
    """The socket's name for this user and data folder (the same for every start of both)."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no user name in the environment or passwd
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    folder = os.path.normcase(str(root.resolve()))
    digest = QCryptographicHash.hash(f"{user}\0{folder}".encode(),
                                     QCryptographicHash.Algorithm.Sha256).toHex()
    return f"tfbb-katalog-{bytes(digest.data()).decode()[:24]}"


def encode(files: list[str]) -> bytes:
    import json  # here: only a start that hands files over, or is handed some, needs it

    return json.dumps({"files": files}, ensure_ascii=True).encode("ascii") + b"\n"


def decode(message: bytes) -> list[str] | None:
    """The files of a hand-over message; None if it is not one."""
    import json

    try:
        value = json.loads(message.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    files = value.get("files") if isinstance(value, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


def hand_over(name: str, files: list[str]) -> str | None:
    """Give ``files`` to the app listening on ``name``: ANSWERED once it has answered, BUSY if
    it stayed connected but did not answer in time (it will still read the message), GONE if
    it closed the connection without answering (it is closing), None if nobody listens."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return None
    if sys.platform == "win32":  # pragma: no cover - Windows only
        # Only the program in front may bring another window forward: this start is, and
        # lets the first one take its place.
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    socket.write(encode(files))
    socket.flush()
    answer = b""
    deadline = time.monotonic() + ANSWER_TIMEOUT_MS / 1000
    while ANSWER not in answer and time.monotonic() < deadline:
        if socket.bytesAvailable() or socket.waitForReadyRead(100):
            answer += bytes(socket.readAll().data())
        elif socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            break
    gone = socket.state() != QLocalSocket.LocalSocketState.ConnectedState
    socket.abort()
    if ANSWER in answer:
        return ANSWERED
    return GONE if gone else BUSY


def listen(name: str) -> QLocalServer | None:
    """A server on ``name``; a socket left by a crashed start (nobody answered on it) is
    removed first."""
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    if not server.listen(name):
        QLocalServer.removeServer(name)
        if not server.listen(name):
            log.warning("no single-instance socket %s: %s", name, server.errorString())
            return None
    return server


@dataclass
class Claim:
    """How a start went: it is the first (``server`` listens, or None when no socket could be
    had: then it runs on alone), or it handed its files over (``handed_over``), or the
    running one never answered (``no_answer``)."""

    server: QLocalServer | None = None
    handed_over: bool = False
    no_answer: bool = False


def claim(root: Path, files: list[str]) -> Claim:
    """Become the running app for the data folder ``root``, or hand ``files`` to it."""
    name = server_name(root)
    lock = QLockFile(str(root / LOCK_NAME))
    locked = lock.tryLock(LOCK_TIMEOUT_MS)  # else another start hangs: go on without it
    try:
        for _attempt in range(ATTEMPTS):
            answered = hand_over(name, files)
            if answered is None:
                return Claim(server=listen(name))
            if answered == ANSWERED:
                return Claim(handed_over=True)
            if answered == BUSY:  # it has the message: sending it again would open it twice
                return Claim(no_answer=True)
            time.sleep(0.5)  # it closed without answering (closing down): ask once more
        return Claim(no_answer=True)
    finally:
        if locked:
            lock.unlock()


def bring_forward(window: QWidget) -> None:
    """Show ``window`` in front, restored if it was minimised."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def open_files(window: MainWindow, files: list[str]) -> None:
    """Open the first of ``files`` in the import dialog, once the catalogue is open."""
    if not files:
        return
    path = Path(files[0])

    def show() -> None:
        log.info("opening %s in the import dialog", path)
        window.import_file(path)

    if window.ctx is not None:
        show()
    else:
        window.attached.connect(show, Qt.ConnectionType.SingleShotConnection)


def serve(server: QLocalServer, window: MainWindow, before: Callable[[], None]) -> None:
    """Answer later starts: bring ``window`` forward and open their files (``before`` is
    called first, e.g. to set up the log). The socket closes as the app quits, so that a
    start in that moment becomes the next running app instead of waiting for an answer."""

    def read(socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        files = decode(bytes(socket.readLine().data()))
        if files is None:
            socket.abort()
            return
        socket.write(ANSWER)
        socket.flush()
        socket.disconnectFromServer()
        before()
        log.info("another start handed over %d file(s): %s", len(files), files)
        bring_forward(window)
        open_files(window, files)

    def connected() -> None:
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: read(s))
            socket.disconnected.connect(socket.deleteLater)
            read(socket)

    server.newConnection.connect(connected)
    connected()  # a start that came while the window was being built
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(server.close)
