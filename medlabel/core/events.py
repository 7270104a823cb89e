"""The event stream of a training run, schema ``medlabel.events/1``: what a parent process (the app,
a script) reads while ``medlabel train`` runs.

One JSON object per line on its own channel (``--events-file PATH`` or ``--events-fd N``), never on
stdout, where libraries print. Every line has ``schema``, ``event`` and ``time`` (Unix seconds) and the
fields its event lists below; a field marked optional may be null or missing. A run's stream starts
with ``started`` (unless it fails before that) and ends with exactly one of ``finished``,
``cancelled`` or ``failed``. A reader must ignore fields it does not know (later minor additions);
a new major version changes the schema name.

=========  ==============================================================================================
event      fields
=========  ==============================================================================================
started    run (int), settings (object: the resolved settings, no "auto"), counts (object: split ->
           label -> reports), model (str, optional), device (str), data_hash (str)
progress   done (int), total (int), phase (str), eta_s (number, optional: seconds left in the whole run),
           member (int, optional: ensemble member from 1), members (int, optional), epoch (number,
           optional), epochs (number, optional)
metrics    values (object: name -> number), step (int, optional)
warning    code (str), params (object), message (str)
log        message (str)
finished   run (int), headline (object: name, value, ci_low, ci_high), baseline (object, optional: the
           same for the TF-IDF baseline on the same test split), calibration (object, optional: ece_before,
           ece_after)
cancelled  run (int, optional), message (str)
failed     run (int, optional), kind ("user_error" | "out_of_memory" | "internal_error"), message (str),
           advice (str, optional), code (str, optional), log_file (str, optional), params (object,
           optional: the error's parameters, so a front end can word it from ``code``)
=========  ==============================================================================================

``decode`` checks a line against this table; ``replay`` turns lines back into ``RunReporter`` calls.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any, Protocol

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter

SCHEMA = "medlabel.events/1"
FAILURE_KINDS = ("user_error", "out_of_memory", "internal_error")
TERMINAL = ("finished", "cancelled", "failed")

_NUMBER = (int, float)
# event -> field -> (accepted types, required)
EVENTS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    "started": {
        "run": ((int,), True),
        "settings": ((dict,), True),
        "counts": ((dict,), True),
        "model": ((str,), False),
        "device": ((str,), True),
        "data_hash": ((str,), True),
    },
    "progress": {
        "done": ((int,), True),
        "total": ((int,), True),
        "phase": ((str,), True),
        "eta_s": (_NUMBER, False),
        "member": ((int,), False),
        "members": ((int,), False),
        "epoch": (_NUMBER, False),
        "epochs": (_NUMBER, False),
    },
    "metrics": {"values": ((dict,), True), "step": ((int,), False)},
    "warning": {"code": ((str,), True), "params": ((dict,), True), "message": ((str,), True)},
    "log": {"message": ((str,), True)},
    "finished": {
        "run": ((int,), True),
        "headline": ((dict,), True),
        "baseline": ((dict,), False),
        "calibration": ((dict,), False),
    },
    "cancelled": {"run": ((int,), False), "message": ((str,), True)},
    "failed": {
        "run": ((int,), False),
        "kind": ((str,), True),
        "message": ((str,), True),
        "advice": ((str,), False),
        "code": ((str,), False),
        "log_file": ((str,), False),
        "params": ((dict,), False),
    },
}


class EventFormatError(MedlabelError):
    """A line of the event stream does not follow ``medlabel.events/1``."""


class RunReporter(Reporter, Protocol):
    """A ``Reporter`` that also hears how a run starts and ends (the event stream's other events)."""

    def started(
        self,
        run: int,
        settings: Mapping[str, Any],
        counts: Mapping[str, Any],
        model: str | None,
        device: str,
        data_hash: str,
    ) -> None: ...

    def warning(self, code: str, params: Mapping[str, Any], message: str) -> None: ...

    def finished(
        self,
        run: int,
        headline: Mapping[str, Any],
        baseline: Mapping[str, Any] | None = None,
        calibration: Mapping[str, Any] | None = None,
    ) -> None: ...

    def cancelled(self, run: int | None, message: str) -> None: ...

    def failed(
        self,
        run: int | None,
        kind: str,
        message: str,
        advice: str | None = None,
        code: str | None = None,
        log_file: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None: ...


def _clean(value: Any) -> Any:
    # JSON has no NaN or infinity; a parent must always be able to parse the line.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def encode(event: str, **fields: Any) -> str:
    """One line (without the newline) of ``event``; raises ``EventFormatError`` if it breaks the schema."""
    record = {"schema": SCHEMA, "event": event, "time": round(time.time(), 3), **_clean(fields)}
    line = json.dumps(record, ensure_ascii=False, default=str)
    decode(line)  # the writer is held to the same rules as every reader
    return line


def decode(line: str) -> dict[str, Any]:
    """The event of one line, checked against the schema."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise EventFormatError(f"an event line is not JSON ({exc}): {line[:120]!r}") from exc
    if not isinstance(record, dict) or record.get("schema") != SCHEMA:
        raise EventFormatError(f"an event line is not {SCHEMA}: {line[:120]!r}")
    spec = EVENTS.get(record.get("event"))  # type: ignore[arg-type]
    if spec is None:
        raise EventFormatError(f"unknown event {record.get('event')!r} in {line[:120]!r}")
    if not isinstance(record.get("time"), _NUMBER):
        raise EventFormatError(f"event without a time: {line[:120]!r}")
    for name, (types, required) in spec.items():
        value = record.get(name)
        if value is None:
            if required:
                raise EventFormatError(f"{record['event']} event without {name}: {line[:120]!r}")
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            raise EventFormatError(f"{record['event']} event: {name} has the wrong type: {line[:120]!r}")
    if record["event"] == "failed" and record["kind"] not in FAILURE_KINDS:
        raise EventFormatError(f"failed event of unknown kind {record['kind']!r}")
    return record


def replay(lines: Iterable[str], reporter: Any) -> list[dict[str, Any]]:
    """Decode ``lines`` and call ``reporter`` for each event; returns the events. A reporter without a
    method for an event (a plain ``Reporter`` has no ``started``) skips that event."""
    events = []
    for line in lines:
        if not line.strip():
            continue
        record = decode(line)
        events.append(record)
        deliver(record, reporter)
    return events


def deliver(record: Mapping[str, Any], reporter: Any) -> None:
    """Call the ``reporter`` method of one decoded event."""
    name = record["event"]
    args = {k: record.get(k) for k in EVENTS[name]}
    if name == "progress":
        detail = getattr(reporter, "progress_detail", None)
        if detail is not None:  # applies to the progress call that follows
            detail({k: args[k] for k in ("member", "members", "epoch", "epochs")})
        reporter.progress(args["done"], args["total"], args["phase"], args["eta_s"])
        return
    method = getattr(reporter, name, None)
    if method is not None:
        method(**args)


class EventWriter:
    """A ``RunReporter`` that writes the event stream to a text stream (a file or a pipe), one flushed
    line per event; safe to call from several threads."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._lock = threading.Lock()
        self._detail: dict[str, Any] = {}

    def emit(self, event: str, **fields: Any) -> None:
        line = encode(event, **{k: v for k, v in fields.items() if v is not None})
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()

    def progress_detail(self, detail: Mapping[str, Any]) -> None:
        """Ensemble member and epoch for the next ``progress`` line."""
        self._detail = dict(detail)

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        detail, self._detail = self._detail, {}
        self.emit("progress", done=int(done), total=int(total), phase=phase, eta_s=eta_s, **detail)

    def log(self, message: str) -> None:
        self.emit("log", message=str(message))

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        self.emit("metrics", values=dict(values), step=step)

    def started(
        self,
        run: int,
        settings: Mapping[str, Any],
        counts: Mapping[str, Any],
        model: str | None,
        device: str,
        data_hash: str,
    ) -> None:
        self.emit(
            "started",
            run=run,
            settings=dict(settings),
            counts=dict(counts),
            model=model,
            device=device,
            data_hash=data_hash,
        )

    def warning(self, code: str, params: Mapping[str, Any], message: str) -> None:
        self.emit("warning", code=code, params=dict(params), message=message)

    def finished(
        self,
        run: int,
        headline: Mapping[str, Any],
        baseline: Mapping[str, Any] | None = None,
        calibration: Mapping[str, Any] | None = None,
    ) -> None:
        self.emit("finished", run=run, headline=dict(headline), baseline=baseline, calibration=calibration)

    def cancelled(self, run: int | None, message: str) -> None:
        self.emit("cancelled", run=run, message=message)

    def failed(
        self,
        run: int | None,
        kind: str,
        message: str,
        advice: str | None = None,
        code: str | None = None,
        log_file: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.emit(
            "failed", run=run, kind=kind, message=message, advice=advice, code=code, log_file=log_file,
            params=dict(params) if params else None,
        )  # fmt: skip

    def close(self) -> None:
        self.stream.close()


@dataclass
class Fanout:
    """Sends every call to several reporters (the terminal and the event stream); a reporter without the
    method (a plain ``Reporter`` has no ``started``) is skipped."""

    reporters: list[Any]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> None:
            for reporter in self.reporters:
                method = getattr(reporter, name, None)
                if method is not None:
                    method(*args, **kwargs)

        return call
