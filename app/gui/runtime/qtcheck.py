"""Refusing to start on a Qt binding that corrupts Python's memory.

PySide6 6.12.0 returns None from every method without a result, and True from signal emits, without
owning a reference to it. From Python 3.12 on those objects are immortal and nothing happens; on 3.11
each call takes a reference away, and after some thousands of them (a few minutes of scrolling) the
interpreter aborts with "Fatal Python error: none_dealloc". pyproject.toml keeps 6.12 out; this
check stops a wrongly built installation with a message instead of a crash in front of the person.
"""

from __future__ import annotations

import ctypes
import sys

import PySide6
from PySide6.QtCore import QObject

PROBES = 64


def binding_problem() -> str | None:
    """A sentence for IT when the installed PySide6 is unusable here; None when it is fine."""
    if sys.version_info >= (3, 12):
        return None
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBES):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    if lost <= 0:
        return None
    for _ in range(lost):                    # give back what the probe took
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return (f"This installation of Vidne uses PySide6 {PySide6.__version__} with Python "
            f"{sys.version_info.major}.{sys.version_info.minor}, a combination that crashes. "
            "Reinstall Vidne with the versions it was built for (PySide6 below 6.12, or Python 3.12 "
            "or newer).")
