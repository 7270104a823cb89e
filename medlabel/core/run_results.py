"""How a training run's results reach the store (docs/architecture.md, "Recording a run").

The process that trains writes only its run folder: artefacts, then ``result.json`` last, by an atomic
rename. The process that holds the project's write lock records the result in one transaction
(``record_result``): the run's status, settings, metrics and predictions appear together or not at
all. A run whose process died without a result is closed as failed by ``close_interrupted_runs``,
which runs whenever a project is opened for writing; a result that was written but not yet recorded
is recorded then.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update

from medlabel.core import tables
from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project, utc_now
from medlabel.core.records import SpanRecord
from medlabel.core.runs import StoredPrediction

RESULT_FILE = "result.json"
OWNER_FILE = "owner.json"
RESULT_SCHEMA = "medlabel.run-result/1"
ENDINGS = ("completed", "cancelled", "failed")
RECORD_COLUMNS = (
    "recipe",
    "model_name",
    "model_path",
    "model_hash",
    "data_hash",
    "seed",
    "environment",
    "train_size",
)
INTERRUPTED = (
    "the training process ended without a result (it was killed, ran out of memory or the computer "
    "stopped); start the run again"
)


@dataclass
class RunResult:
    """What a finished run hands to whoever records it."""

    status: str  # completed, cancelled or failed
    settings: dict[str, Any] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    predictions: list[StoredPrediction] = field(default_factory=list)
    # Columns of the run's record known only once the run has resolved its model and data (a run the
    # app starts is recorded before its child process knows them): recipe, model_*, data_hash, ...
    record: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["predictions"] = [_prediction_json(p) for p in self.predictions]
        return {"schema": RESULT_SCHEMA, **data}


def _prediction_json(p: StoredPrediction) -> dict[str, Any]:
    return {
        "document_id": p.document_id,
        "label": p.label,
        "confidence": p.confidence,
        "probabilities": p.probabilities,
        "raw": p.raw,
        "valid": p.valid,
        "spans": [[s.start, s.end, s.type, s.value, s.unit, s.code] for s in p.spans],
        "span_confidences": list(p.span_confidences),
    }


def _prediction(data: dict[str, Any]) -> StoredPrediction:
    return StoredPrediction(
        int(data["document_id"]),
        data.get("label"),
        data.get("confidence"),
        dict(data.get("probabilities") or {}),
        [SpanRecord(*s) for s in data.get("spans") or []],
        list(data.get("span_confidences") or []),
        data.get("raw"),
        bool(data.get("valid", True)),
    )


def save_result(folder: Path, result: RunResult) -> Path:
    """Write ``result.json`` into the run folder atomically (a reader sees the whole file or none)."""
    if result.status not in ENDINGS:
        raise ValueError(f"a run ends as one of {ENDINGS}, not {result.status!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (RESULT_FILE + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(result.to_json(), fh, ensure_ascii=False, default=str)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, folder / RESULT_FILE)
    return folder / RESULT_FILE


def load_result(folder: Path) -> RunResult | None:
    """The result in ``folder``, or None when there is none; a damaged file raises ``MedlabelError``."""
    path = Path(folder) / RESULT_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != RESULT_SCHEMA or data.get("status") not in ENDINGS:
            raise ValueError("not a medlabel run result")
        return RunResult(
            data["status"],
            dict(data.get("settings") or {}),
            dict(data.get("info") or {}),
            dict(data.get("metrics") or {}),
            dict(data.get("timings") or {}),
            data.get("error"),
            [_prediction(p) for p in data.get("predictions") or []],
            {k: v for k, v in dict(data.get("record") or {}).items() if k in RECORD_COLUMNS},
        )
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise MedlabelError(
            f"{path} cannot be read ({exc}); the run is recorded as failed — start it again",
            code="run.result_damaged",
            path=str(path),
        ) from exc


def record_result(project: Project, run_id: int, result: RunResult) -> None:
    """Record ``result`` for a running run in one transaction; a run that has already ended is left as
    it is (its record is never overwritten by a late result)."""
    project.require_writable()
    runs, pr = tables.runs, tables.predictions
    now = utc_now()
    rows = [
        {
            "run_id": run_id,
            "document_id": p.document_id,
            "label": p.label,
            "confidence": p.confidence,
            "probabilities": _dumps(p.probabilities) if p.probabilities else None,
            "spans": _dumps(
                [
                    [s.start, s.end, s.type, s.value, s.unit, s.code, c]
                    for s, c in zip(p.spans, list(p.span_confidences) + [None] * len(p.spans), strict=False)
                ]
            )
            if p.spans
            else None,
            "raw": p.raw,
            "valid": int(p.valid),
            "created_at": now,
        }
        for p in result.predictions
    ]
    values: dict[str, Any] = {
        "status": result.status,
        "finished_at": now,
        "error": result.error,
        "info": _dumps(result.info),
        "metrics": _dumps(result.metrics),
        "timings": _dumps(result.timings),
    }
    if result.settings:
        values["config"] = _dumps(result.settings)
    for column, value in result.record.items():
        if column in RECORD_COLUMNS:
            values[column] = _dumps(value) if column == "environment" else value
    with project.engine.begin() as conn:
        status = conn.execute(select(runs.c.status).where(runs.c.id == run_id)).scalar()
        if status != "running":
            return
        conn.execute(update(runs).where(runs.c.id == run_id).values(**values))
        conn.execute(delete(pr).where(pr.c.run_id == run_id))
        if rows:
            conn.execute(pr.insert(), rows)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def claim_run(folder: Path, pid: int | None = None) -> None:
    """Note which process trains this run, so that a later open can tell a live run from a dead one."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / OWNER_FILE).write_text(json.dumps({"pid": pid or os.getpid()}), encoding="utf-8")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _owner_alive(folder: Path, alive: Callable[[int], bool]) -> bool:
    try:
        pid = int(json.loads((folder / OWNER_FILE).read_text(encoding="utf-8"))["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return pid != os.getpid() and alive(pid)


def close_interrupted_runs(project: Project, alive: Callable[[int], bool] = _process_alive) -> list[int]:
    """Record every run still marked running whose process is gone: with its result if it wrote one,
    else as failed. Returns the ids it closed. Needs the write lock (``open_project`` holds it)."""
    if project.read_only:
        return []
    with project.engine.connect() as conn:
        running = [
            r.id for r in conn.execute(select(tables.runs.c.id).where(tables.runs.c.status == "running"))
        ]
    closed = []
    for run_id in running:
        folder = project.runs_dir / str(run_id)
        if _owner_alive(folder, alive):
            continue
        try:
            result = load_result(folder)
        except MedlabelError as exc:
            result = RunResult("failed", error=str(exc))
        record_result(project, run_id, result or RunResult("failed", error=INTERRUPTED))
        closed.append(run_id)
    return closed
