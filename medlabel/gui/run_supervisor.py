"""The app's handle on one training run that a child process executes (docs/architecture.md, "Events"
and "Recording a run").

The app holds the project's write lock, so it prepares the run (``prepare_attached_run``), starts
``medlabel train PROJECT --attached ID --events-fd N --cancel-on-stdin`` and, once the child has
exited, records it (``collect_attached_run``) in the GUI thread, which owns the project's SQLite
connection. The child never opens the project, so however it ends — finished, cancelled, crashed or
killed — the run is recorded and the project stays unlocked for everyone but the app.

A reader moved to its own QThread (the pattern of ``gui/workers.py``) reads the event pipe and the
child's stderr, turns each event line into signals with ``events.deliver`` and, after the child has
exited and the pipes are drained, tells the supervisor, which records the run and emits ``ended``.
Every signal of ``RunSupervisor`` is emitted in the GUI thread, in the order the child wrote the events.

Choices:

- ``start(project, settings)`` prepares the run itself; ``start(project, run_id=ID)`` takes a run that
  the caller has already prepared (the same contract, for a caller that needs the id first).
- ``cancel()`` asks the child to stop (a line on its stdin); the child records the run as cancelled and
  exits with 130. A child still running ``kill_after_s`` (10 s) later is killed. A killed child leaves no
  ``result.json``, which ``collect_attached_run`` alone would record as failed ("ended without a
  result"); since the user asked for the stop, the supervisor first records it as cancelled
  (``record_result`` with status cancelled, as the child would have), and ``collect_attached_run`` then
  leaves that record alone and removes the snapshot. This holds for any cancelled run that left no
  result, however its child ended.
- ``shutdown(timeout_s)`` (closing the app) cancels, waits while processing events, kills, and records
  before it returns, so the project can be closed right after it.

The supervisor emits no text of its own for the user: the events carry the child's words, and an
undecodable line is passed on ``log`` as it is.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import sys
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot

from medlabel.core.events import EventFormatError, decode, deliver
from medlabel.core.project import Project
from medlabel.core.run_results import RESULT_FILE, RunResult, record_result
from medlabel.core.runs import Run
from medlabel.ml.attached import collect_attached_run, prepare_attached_run
from medlabel.ml.run_log import LOG_FILE

KILL_AFTER_S = 10.0
STDERR_LINES = 30
# Stored with the run like the child's own cancelled record ("cancelled by the user", ml/train.py).
KILLED_AFTER_CANCEL = "cancelled by the user; the training process did not stop in time and was ended"
ENDINGS = {"finished": "completed", "cancelled": "cancelled", "failed": "failed"}
_POLL_S = 0.2
_CHUNK = 65536

# Supervisors whose run has not ended. Without this, a caller that drops its reference would let Python
# delete a QThread that is still running, which aborts the whole process.
_LIVE: set[RunSupervisor] = set()


@dataclass(frozen=True)
class RunEnding:
    """How a supervised run ended, as ``RunSupervisor.ended`` reports it."""

    run: Run | None  # as recorded; None only when recording it failed (see ``error``)
    status: str  # completed, cancelled or failed (the recorded status)
    event: dict[str, Any] | None  # the finished / cancelled / failed event, if the child sent one
    exit_code: int | None  # the child's (negative: the signal that ended it); None if it never started
    stderr_tail: str  # the child's last lines on stderr
    log_file: Path  # runs/<id>/run.log: what the libraries said
    killed: bool = False  # the supervisor killed the child (no stop in time after cancel)
    error: str | None = None  # why the run could not be recorded (the next open closes it)


class _SignalReporter:
    """A ``RunReporter`` for ``events.deliver`` that speaks the reader's signals; ``record`` is the
    event being delivered, so the dict-carrying signals send the whole event."""

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader
        self.record: dict[str, Any] = {}

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        # The detail first, so that a slot of progress may read the latest detail.
        self._reader.progress_detail.emit(dict(self.record))
        self._reader.progress.emit(int(done), int(total), phase)

    def log(self, message: str) -> None:
        self._reader.log.emit(str(message))

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        self._reader.metrics.emit(dict(values), step)

    def warning(self, code: str, params: Mapping[str, Any], message: str) -> None:
        self._reader.warning.emit(code, dict(params), message)

    def started(self, **_fields: Any) -> None:
        self._reader.started.emit(dict(self.record))

    def finished(self, **_fields: Any) -> None:
        self._reader.terminal.emit(dict(self.record))

    def cancelled(self, **_fields: Any) -> None:
        self._reader.terminal.emit(dict(self.record))

    def failed(self, **_fields: Any) -> None:
        self._reader.terminal.emit(dict(self.record))


class _Reader(QObject):
    """Lives in the reader's thread: reads the event pipe and stderr until the child has exited."""

    started = Signal(object)
    progress = Signal(int, int, str)
    progress_detail = Signal(object)
    metrics = Signal(object, object)
    log = Signal(str)
    warning = Signal(str, object, str)
    terminal = Signal(object)
    exited = Signal(int)

    def __init__(self, proc: subprocess.Popen, events_fd: int, tail: deque[str]) -> None:
        super().__init__()
        self._proc, self._events_fd, self._tail = proc, events_fd, tail
        self._reporter = _SignalReporter(self)

    @Slot()
    def run(self) -> None:
        try:
            self._pump()
        except BaseException as exc:  # nothing may escape the thread; the run is still recorded
            self._tail.append(f"(medlabel: reading the run's output failed: {exc!r})")
        finally:
            os.close(self._events_fd)
            self.exited.emit(self._proc.wait())
            QThread.currentThread().quit()

    def _pump(self) -> None:
        assert self._proc.stderr is not None
        kinds = {self._events_fd: "events", self._proc.stderr.fileno(): "stderr"}
        pending = dict.fromkeys(kinds, b"")
        with selectors.DefaultSelector() as selector:
            for fd in kinds:
                os.set_blocking(fd, False)
                selector.register(fd, selectors.EVENT_READ)
            while selector.get_map():
                ready = selector.select(timeout=_POLL_S)
                for key, _ in ready:
                    try:
                        chunk = os.read(key.fd, _CHUNK)
                    except BlockingIOError:
                        continue
                    if not chunk:
                        selector.unregister(key.fd)
                        chunk = b"\n"  # ends a last line written without a newline
                    *lines, pending[key.fd] = (pending[key.fd] + chunk).split(b"\n")
                    for line in lines:
                        self._line(kinds[key.fd], line)
                # A process the child started may hold the pipes open after the child has gone: once
                # the child has exited and nothing more arrives, the run is over.
                if not ready and self._proc.poll() is not None:
                    break
        for fd, rest in pending.items():
            self._line(kinds[fd], rest)

    def _line(self, kind: str, raw: bytes) -> None:
        text = raw.decode("utf-8", errors="replace").rstrip("\r")
        if not text.strip():
            return
        if kind == "stderr":
            self._tail.append(text)
            return
        try:
            record = decode(text)
        except EventFormatError:
            self.log.emit(text)  # not an event; shown as it is, and reading goes on
            return
        self._reporter.record = record
        deliver(record, self._reporter)


class RunSupervisor(QObject):
    """One training run in a child process: start it, hear its events, cancel it, record its end.

    Lives in the GUI thread, and so do all its signals. The project passed to ``start`` must stay open
    until ``ended`` (``shutdown`` before closing it)."""

    started = Signal(object)  # the started event (dict)
    progress = Signal(int, int, str)  # done, total (0 = unknown), phase
    progress_detail = Signal(object)  # the whole progress event (eta_s, member, members, epoch, epochs)
    metrics = Signal(object, object)  # values dict, step or None
    log = Signal(str)
    warning = Signal(str, object, str)  # code, params, message
    ended = Signal(object)  # a RunEnding, once the run is recorded; always the last signal

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        extra_env: Mapping[str, str] | None = None,
        kill_after_s: float = KILL_AFTER_S,
    ) -> None:
        super().__init__(parent)
        self._extra_env = dict(extra_env or {})
        self._project: Project | None = None
        self._run_id: int | None = None
        self._proc: subprocess.Popen | None = None
        self._thread: QThread | None = None
        self._reader: _Reader | None = None
        self._tail: deque[str] = deque(maxlen=STDERR_LINES)
        self._event: dict[str, Any] | None = None
        self._running = False
        self._cancel_requested = False
        self._killed = False
        self._ending: RunEnding | None = None
        self._kill_timer = QTimer(self)
        self._kill_timer.setSingleShot(True)
        self._kill_timer.setInterval(int(kill_after_s * 1000))
        self._kill_timer.timeout.connect(self._kill)

    # -- what the child runs (overridable, e.g. by a test) -------------------------------------------

    def command(self, root: Path, run_id: int, events_fd: int) -> list[str]:
        """The child's command line for run ``run_id`` of the project at ``root``."""
        return [
            sys.executable, "-m", "medlabel", "train", str(root), "--attached", str(run_id),
            "--events-fd", str(events_fd), "--cancel-on-stdin",
        ]  # fmt: skip

    def environment(self) -> dict[str, str]:
        """The child's environment: the app's own, plus ``extra_env``."""
        return {**os.environ, **self._extra_env}

    # -- the run ---------------------------------------------------------------------------------------

    @property
    def run_id(self) -> int | None:
        return self._run_id

    @property
    def pid(self) -> int | None:
        """The child's process id (None before ``start`` or when it could not start)."""
        return self._proc.pid if self._proc is not None else None

    @property
    def ending(self) -> RunEnding | None:
        """How the run ended, once ``ended`` has been emitted."""
        return self._ending

    def is_running(self) -> bool:
        """True from ``start`` until ``ended`` is emitted."""
        return self._running

    def is_cancel_requested(self) -> bool:
        return self._cancel_requested

    def start(
        self, project: Project, settings: Mapping[str, Any] | None = None, *, run_id: int | None = None
    ) -> int:
        """Prepare a run of ``settings`` (or take the prepared run ``run_id``) and start its child;
        returns the run id. A setting refused while preparing raises (``MedlabelError``) and records
        nothing; once a run is prepared, it always ends with ``ended``, recorded."""
        if self._run_id is not None:
            raise RuntimeError("a RunSupervisor supervises one run")
        if (settings is None) == (run_id is None):
            raise TypeError("start() takes either settings or a prepared run_id")
        if run_id is None:
            assert settings is not None
            run_id = prepare_attached_run(project, settings)
        self._project, self._run_id, self._running = project, run_id, True
        _LIVE.add(self)
        read_fd, write_fd = os.pipe()
        try:
            self._proc = subprocess.Popen(
                self.command(project.root, run_id, write_fd),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=(write_fd,),
                env=self.environment(),
            )
        except OSError as exc:
            os.close(read_fd)
            self._tail.append(f"the training process could not start: {exc}")
            # Ended on the next turn of the event loop, so a caller may connect to ended after start().
            QTimer.singleShot(0, self, lambda: self._finish(None))
            return run_id
        finally:
            # Only the child may hold the writing end: its exit then ends the pipe.
            os.close(write_fd)
        self._start_reader(read_fd)
        return run_id

    def _start_reader(self, read_fd: int) -> None:
        assert self._proc is not None
        thread = QThread()
        thread.setObjectName("medlabel-run-reader")
        reader = _Reader(self._proc, read_fd, self._tail)
        reader.moveToThread(thread)
        queued = Qt.ConnectionType.QueuedConnection
        reader.started.connect(self.started, queued)
        reader.progress_detail.connect(self.progress_detail, queued)
        reader.progress.connect(self.progress, queued)
        reader.metrics.connect(self.metrics, queued)
        reader.log.connect(self.log, queued)
        reader.warning.connect(self.warning, queued)
        reader.terminal.connect(self._on_terminal, queued)
        reader.exited.connect(self._on_exited, queued)
        thread.started.connect(reader.run)
        # Not deleted in its own thread (see gui/workers.py, Worker.start): _finish drops the reader in
        # the GUI thread once the reader's thread has ended.
        self._thread, self._reader = thread, reader
        thread.start()

    def cancel(self) -> None:
        """Ask the child to stop; it records the run as cancelled and exits. A child still running
        ``kill_after_s`` later is killed, and the run is recorded as cancelled all the same."""
        if not self._running or self._proc is None or self._cancel_requested:
            return
        if self._proc.poll() is not None:
            return  # it has already ended on its own; that ending is the one to record
        self._cancel_requested = True
        try:
            assert self._proc.stdin is not None
            self._proc.stdin.write(b"cancel\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # the child has already gone; its exit is on the way
        self._kill_timer.start()

    def shutdown(self, timeout_s: float = KILL_AFTER_S) -> RunEnding | None:
        """For closing the app: cancel, wait up to ``timeout_s`` (processing events), kill, and record
        the run before returning; returns how it ended (None if no run was started)."""
        if not self._running:
            return self._ending
        if self._proc is not None:
            self.cancel()
            deadline = time.monotonic() + timeout_s
            while self._proc.poll() is None and time.monotonic() < deadline:
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._proc.wait(timeout=0.05)
            self._kill()
            self._proc.wait()
            if self._thread is not None:
                self._thread.wait()
            # Deliver what the reader sent (its last events, then its exit) in order, so that ended is
            # still the last signal.
            QCoreApplication.sendPostedEvents(self)
        if self._ending is None:
            self._finish(self._proc.returncode if self._proc is not None else None)
        return self._ending

    @Slot()
    def _kill(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()
            self._killed = True

    @Slot(object)
    def _on_terminal(self, event: dict[str, Any]) -> None:
        self._event = event

    @Slot(int)
    def _on_exited(self, exit_code: int) -> None:
        self._finish(exit_code)

    def _finish(self, exit_code: int | None) -> None:
        if self._ending is not None:
            return
        self._kill_timer.stop()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        if self._proc is not None:
            for stream in (self._proc.stdin, self._proc.stderr):
                # Closing the stdin of a dead child may fail to flush a cancel line; it no longer matters.
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
        assert self._project is not None and self._run_id is not None
        project, run_id = self._project, self._run_id
        folder = project.runs_dir / str(run_id)
        run, error = None, None
        try:
            if self._cancel_requested and not (folder / RESULT_FILE).exists():
                record_result(
                    project,
                    run_id,
                    RunResult("cancelled", error=KILLED_AFTER_CANCEL, info={"killed": self._killed}),
                )
            run = collect_attached_run(project, run_id)
        except Exception as exc:  # ended must still come; the run stays running until the next open
            error = str(exc)
        said = (self._event or {}).get("event", "")
        status = run.status if run is not None else ENDINGS.get(said, "failed")
        self._ending = RunEnding(
            run=run,
            status=status,
            event=self._event,
            exit_code=exit_code,
            stderr_tail="\n".join(self._tail),
            log_file=folder / LOG_FILE,
            killed=self._killed,
            error=error,
        )
        self._running = False
        if self._reader is not None:
            shiboken6.delete(self._reader)  # here, in the GUI thread: see _start_reader
        self._thread, self._reader = None, None
        self.ended.emit(self._ending)
        # Dropping what may be the last reference inside one of this object's own slots would delete it
        # mid-delivery; a zero-time timer lets the delivery finish first.
        QTimer.singleShot(0, lambda: _LIVE.discard(self))
