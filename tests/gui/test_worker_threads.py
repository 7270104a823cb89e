"""Where a job's runner object is destroyed.

A Python QObject destroyed in a worker thread makes PySide take the GIL while Qt holds a signal lock;
a GUI thread that holds the GIL while connecting a signal then waits on that lock for ever. A test of
the Review page hung that way in CI. The runner must therefore be destroyed in the GUI thread, after
its thread has ended.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from medlabel.gui.workers import run_job


def _destroyed_in(qobject) -> list[str]:  # type: ignore[no-untyped-def]
    where: list[str] = []
    # Direct: a queued call would always run in the GUI thread and prove nothing.
    qobject.destroyed.connect(
        lambda *_: where.append(threading.current_thread().name), Qt.ConnectionType.DirectConnection
    )
    return where


def test_a_jobs_runner_is_destroyed_in_the_gui_thread(qtbot):
    worker = run_job(lambda reporter, cancel: 42)
    where = _destroyed_in(worker._runner)
    with qtbot.waitSignal(worker.finished, timeout=10000) as blocker:
        pass
    assert blocker.args == [42]
    qtbot.waitUntil(lambda: bool(where), timeout=10000)
    assert where == [threading.main_thread().name]


def test_a_failed_jobs_runner_is_destroyed_in_the_gui_thread(qtbot):
    def fails(reporter, cancel):  # type: ignore[no-untyped-def]
        raise ValueError("bad input")

    worker = run_job(fails)
    where = _destroyed_in(worker._runner)
    with qtbot.waitSignal(worker.errored, timeout=10000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)
    qtbot.waitUntil(lambda: bool(where), timeout=10000)
    assert where == [threading.main_thread().name]
