"""The Qt binding the app is locked to keeps Python's reference counts right.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``None`` on every call of a C++ method
returning void; after some thousands of calls (a few keystrokes in a large search result)
Python aborted with "none_dealloc". ``requirements/runtime.txt`` locks a release without the
fault; this test keeps any other from being locked in again.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QFont


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_void_methods_leave_the_count_of_none_alone() -> None:
    target = QObject()
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(2000):
        target.setObjectName("x")
        font.setBold(True)
    lost = before - sys.getrefcount(None)
    assert abs(lost) < 100, f"{lost} references to None lost by 4000 calls"
