"""Running a long core job ``fn(*args, reporter, cancel)`` off the GUI thread.

A ``Worker`` is the handle the GUI keeps: it lives in the GUI thread and re-emits what the job
reports, so every slot — a bound method or a lambda — runs in the GUI thread and may touch widgets.
The job itself runs in a ``_Runner`` moved to its own QThread (the superqt pattern): every exception
is caught there and arrives as ``errored``; nothing escapes the thread. ``cancel()`` only sets a
``threading.Event``; the job decides where it can stop (``jobs.check_cancel``) and raises
``Cancelled``, which also arrives as ``errored``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from medlabel.core.jobs import Cancelled
from medlabel.gui.i18n import tr

# Handles whose job still runs. Without this, a caller that drops its reference would let Python
# delete a QThread that is still running, which aborts the whole process.
_LIVE: set[Worker] = set()


class SignalReporter:
    """The core ``Reporter`` protocol, spoken as Qt signals of a runner (callable from any thread)."""

    def __init__(self, runner: _Runner) -> None:
        self._runner = runner

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        self._runner.progress.emit(int(done), int(total), phase)

    def log(self, message: str) -> None:
        self._runner.log.emit(str(message))

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        self._runner.metrics.emit(dict(values), step)


class _Runner(QObject):
    """Lives in the job's thread; calls the job once and reports how it ended."""

    progress = Signal(int, int, str)
    log = Signal(str)
    metrics = Signal(object, object)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, cancel: threading.Event) -> None:
        super().__init__()
        self._fn, self._args, self._kwargs, self._cancel = fn, args, kwargs, cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(*self._args, SignalReporter(self), self._cancel, **self._kwargs)
        except BaseException as exc:  # a job must never take the application down
            self.failed.emit(exc)
        else:
            self.done.emit(result)
        finally:
            # End the thread's event loop here, not only in Worker._end: a GUI thread blocked in
            # Worker.wait() (shutdown) cannot run _end, and would otherwise wait forever.
            QThread.currentThread().quit()


class Worker(QObject):
    """Runs ``fn(*args, reporter, cancel, **kwargs)`` in a QThread once ``start()`` is called."""

    progress = Signal(int, int, str)  # done, total (0 = unknown), phase
    log = Signal(str)
    metrics = Signal(object, object)  # values dict, step or None
    finished = Signal(object)  # the job's return value
    errored = Signal(object)  # the exception (Cancelled when the user cancelled)

    def __init__(
        self, fn: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any
    ) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._runner: _Runner | None = _Runner(fn, args, kwargs, self._cancel)
        self._thread: QThread | None = None
        self._running = False

    def start(self) -> Worker:
        if self._runner is None or self._thread is not None:
            raise RuntimeError("a Worker runs its job once")
        thread = QThread()
        thread.setObjectName("medlabel-job")
        runner = self._runner
        runner.moveToThread(thread)
        # Signal-to-signal connections, queued into the GUI thread in the order the job emitted them.
        # _end is connected before the public signals, so the thread has ended when they arrive.
        runner.progress.connect(self.progress)
        runner.log.connect(self.log)
        runner.metrics.connect(self.metrics)
        runner.done.connect(self._end)
        runner.failed.connect(self._end)
        runner.done.connect(self.finished)
        runner.failed.connect(self.errored)
        runner.done.connect(self._release)
        runner.failed.connect(self._release)
        thread.started.connect(runner.run)
        # No deleteLater on thread.finished: the runner would then be destroyed in the job's thread,
        # where PySide needs the GIL while Qt holds a signal lock, and a GUI thread that holds the GIL
        # while connecting a signal deadlocks against it (seen as a hung test). _end drops the runner
        # in the GUI thread once the job's thread has ended.
        self._thread = thread
        self._running = True
        _LIVE.add(self)
        thread.start()
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it then ends with ``errored(Cancelled)``."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._running

    def wait(self, msecs: int = -1) -> bool:
        """Block until the job's thread has ended (for shutdown); True if it did."""
        if self._thread is None:
            return True
        return self._thread.wait() if msecs < 0 else self._thread.wait(msecs)

    @Slot()
    def _end(self) -> None:
        # The job has returned; stop the thread's event loop and wait for it, so that whoever
        # receives finished/errored may drop this handle (and the thread with it) at once.
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        if self._runner is not None:
            shiboken6.delete(self._runner)  # here, in the GUI thread: see start()
        self._runner = None
        self._running = False

    @Slot()
    def _release(self) -> None:
        # Dropping what may be the last reference inside one of this object's own slots would delete
        # it mid-delivery; a zero-time timer lets the delivery finish first.
        QTimer.singleShot(0, lambda: _LIVE.discard(self))


def run_job(fn: Callable[..., Any], *args: Any, parent: QObject | None = None, **kwargs: Any) -> Worker:
    """Start ``fn(*args, reporter, cancel, **kwargs)`` in a thread; connect to the returned handle."""
    return Worker(fn, *args, parent=parent, **kwargs).start()


def progress_dialog(worker: Worker, parent: QWidget | None, title: str, text: str) -> QProgressDialog:
    """A window-modal progress dialog that follows ``worker`` and closes when it ends; its Cancel
    button cancels the job."""
    dialog = QProgressDialog(text, tr("Cancel"), 0, 0, parent)
    dialog.setObjectName("jobProgress")
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def on_progress(done: int, total: int, phase: str) -> None:
        # total 0 means "unknown": a busy indicator instead of a bar that never moves.
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if phase:
            dialog.setLabelText(f"{text}\n{phase}")

    def on_cancel() -> None:
        worker.cancel()
        dialog.setLabelText(tr("Stopping…"))

    def on_end(_result: object) -> None:
        # Closing a progress dialog emits canceled; the job has ended, there is nothing to cancel.
        dialog.canceled.disconnect(on_cancel)
        dialog.close()
        dialog.deleteLater()

    worker.progress.connect(on_progress)
    dialog.canceled.connect(on_cancel)
    worker.finished.connect(on_end)
    worker.errored.connect(on_end)
    dialog.open()
    return dialog


def is_cancelled(exc: object) -> bool:
    """True if a job ended because the user cancelled it (not an error to show)."""
    return isinstance(exc, Cancelled)
