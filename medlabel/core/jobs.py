"""How long jobs talk to whoever started them.

A long job is a plain function ``job(inputs, reporter, cancel)``: it reports through a ``Reporter``
and checks ``cancel`` (a ``threading.Event``) between steps. The GUI adapts the reporter to Qt
signals, the CLI prints (``TextReporter``) or writes JSON lines for a parent process
(``events.EventWriter``), and tests record the events (``RecordingReporter``).
"""

from __future__ import annotations

import math
import sys
import threading
from collections.abc import Mapping
from typing import Any, Protocol, TextIO

RUN_EVENTS = ("started", "warning", "finished", "cancelled", "failed")


class Reporter(Protocol):
    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None: ...

    def log(self, message: str) -> None: ...

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None: ...


class Cancelled(Exception):
    """Raised inside a job when ``cancel`` was set; the job's caller records the run as cancelled."""


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled by the user")


class NullReporter:
    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        pass

    def log(self, message: str) -> None:
        pass

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        pass


class RecordingReporter:
    """Keeps every event as a dict, for tests and for replaying into a GUI."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        self.events.append(
            {"event": "progress", "done": done, "total": total, "phase": phase, "eta_s": eta_s}
        )

    def log(self, message: str) -> None:
        self.events.append({"event": "log", "message": message})

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        self.events.append({"event": "metrics", "values": dict(values), "step": step})

    def __getattr__(self, name: str) -> Any:
        # The run events (started, warning, finished, cancelled, failed) are kept the same way.
        if name not in RUN_EVENTS:  # a recipe probing for training_step etc. must not find one here
            raise AttributeError(name)

        def record(*args: Any, **kwargs: Any) -> None:
            self.events.append({"event": name, "args": list(args), **kwargs})

        return record

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["event"] == kind]


def format_eta(seconds: float | None) -> str:
    if seconds is None or not math.isfinite(seconds):
        return "?"
    seconds = round(seconds)
    return (
        f"{seconds // 60}:{seconds % 60:02d}"
        if seconds < 3600
        else f"{seconds // 3600} h {seconds % 3600 // 60} min"
    )


class TextReporter:
    """Human-readable progress for a terminal: one line per phase change or ~5 % of progress."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._last: tuple[str, int] = ("", -1)

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        pct = int(100 * done / total) if total else 100
        bucket = pct // 5
        if (phase, bucket) == self._last and done != total:
            return
        self._last = (phase, bucket)
        # Phases without a time estimate (fitting the head, predicting) would otherwise print "about ? left".
        known = eta_s is not None and math.isfinite(eta_s) and done < total
        left = f", about {format_eta(eta_s)} left" if known else ""
        self.stream.write(f"  {phase or 'working'}: {done}/{total} ({pct} %){left}\n")
        self.stream.flush()

    def log(self, message: str) -> None:
        self.stream.write(f"{message}\n")
        self.stream.flush()

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        shown = ", ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in values.items())
        self.stream.write(f"  {'step ' + str(step) + ': ' if step is not None else ''}{shown}\n")
        self.stream.flush()
