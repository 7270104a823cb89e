"""The installed Qt binding itself: a known PySide6 release (6.12.0) loses a reference to True on every
signal emitted from Python, and Python 3.11 aborts once a few thousand are gone — mid-session."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_emitting_signals_does_not_leak_references(qapp):
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.fired.emit(i)
    assert abs(sys.getrefcount(True) - before) < 20, "this PySide6 release corrupts reference counts"
