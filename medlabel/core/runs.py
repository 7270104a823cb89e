"""Training runs and their predictions in the project store.

A run row is written when training starts (status ``running``) and completed, failed or cancelled
when it ends, so that even a run whose process died is visible. Predictions belong to a run and a
document; storing them again for the same pair replaces the old ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from medlabel.core import migrations, tables
from medlabel.core.errors import NotFoundError
from medlabel.core.project import Project, utc_now
from medlabel.core.records import SpanRecord

STATUSES = ("running", "completed", "failed", "cancelled")


@dataclass(frozen=True)
class Run:
    id: int
    task: str
    task_kind: str
    recipe: str
    status: str
    config: dict[str, Any]
    model_name: str | None
    model_path: str | None
    model_hash: str | None
    data_hash: str | None
    schema_version: int
    seed: int | None
    environment: dict[str, Any]
    started_at: str
    finished_at: str | None
    timings: dict[str, float]
    info: dict[str, Any]
    metrics: dict[str, Any]
    error: str | None
    artefact_dir: str | None
    group_name: str | None
    train_size: int | None


@dataclass(frozen=True)
class StoredPrediction:
    document_id: int
    label: str | None
    confidence: float | None
    probabilities: dict[str, float]
    spans: list[SpanRecord]
    span_confidences: list[float | None]
    raw: str | None
    valid: bool


def _loads(value: str | None, empty: Any) -> Any:
    return empty if value is None else json.loads(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _to_run(r: Any) -> Run:
    return Run(
        id=r.id, task=r.task, task_kind=r.task_kind, recipe=r.recipe, status=r.status,
        config=_loads(r.config, {}), model_name=r.model_name, model_path=r.model_path,
        model_hash=r.model_hash, data_hash=r.data_hash, schema_version=r.schema_version, seed=r.seed,
        environment=_loads(r.environment, {}), started_at=r.started_at, finished_at=r.finished_at,
        timings=_loads(r.timings, {}), info=_loads(r.info, {}), metrics=_loads(r.metrics, {}),
        error=r.error, artefact_dir=r.artefact_dir, group_name=r.group_name, train_size=r.train_size,
    )  # fmt: skip


def start_run(
    project: Project,
    *,
    task: str,
    task_kind: str,
    recipe: str,
    config: dict[str, Any],
    model_name: str | None = None,
    model_path: str | None = None,
    model_hash: str | None = None,
    data_hash: str | None = None,
    seed: int | None = None,
    environment: dict[str, Any] | None = None,
    group_name: str | None = None,
    train_size: int | None = None,
) -> int:
    """Record a run that is starting; returns its id. ``runs/<id>/`` is its artefact folder."""
    project.require_writable()
    with project.engine.begin() as conn:
        run_id = conn.execute(
            tables.runs.insert().values(
                task=task,
                task_kind=task_kind,
                recipe=recipe,
                status="running",
                config=_dumps(config),
                model_name=model_name,
                model_path=model_path,
                model_hash=model_hash,
                data_hash=data_hash,
                schema_version=migrations.SCHEMA_VERSION,
                seed=seed,
                environment=_dumps(environment or {}),
                started_at=utc_now(),
                group_name=group_name,
                train_size=train_size,
            )
        ).inserted_primary_key[0]
        conn.execute(
            update(tables.runs).where(tables.runs.c.id == run_id).values(artefact_dir=f"runs/{run_id}")
        )
    (project.runs_dir / str(run_id)).mkdir(parents=True, exist_ok=True)
    return int(run_id)


def finish_run(
    project: Project,
    run_id: int,
    status: str,
    *,
    info: dict[str, Any] | None = None,
    metrics: dict[str, Any] | None = None,
    timings: dict[str, float] | None = None,
    error: str | None = None,
) -> None:
    """Close a run as completed, failed or cancelled, with what is known about it."""
    if status not in STATUSES[1:]:
        raise ValueError(f"a run ends as one of {STATUSES[1:]}, not {status!r}")
    values: dict[str, Any] = {"status": status, "finished_at": utc_now(), "error": error}
    if info is not None:
        values["info"] = _dumps(info)
    if metrics is not None:
        values["metrics"] = _dumps(metrics)
    if timings is not None:
        values["timings"] = _dumps(timings)
    with project.engine.begin() as conn:
        conn.execute(update(tables.runs).where(tables.runs.c.id == run_id).values(**values))


def set_run_metrics(project: Project, run_id: int, metrics: dict[str, Any]) -> None:
    project.require_writable()
    get_run(project, run_id)
    with project.engine.begin() as conn:
        conn.execute(update(tables.runs).where(tables.runs.c.id == run_id).values(metrics=_dumps(metrics)))


def get_run(project: Project, run_id: int) -> Run:
    with project.engine.connect() as conn:
        row = conn.execute(select(tables.runs).where(tables.runs.c.id == run_id)).first()
    if row is None:
        raise NotFoundError(
            f"there is no run {run_id}; 'medlabel runs PROJECT' lists the runs",
            code="run.not_found",
            run=run_id,
        )
    return _to_run(row)


def list_runs(project: Project, task: str | None = None, group_name: str | None = None) -> list[Run]:
    query = select(tables.runs).order_by(tables.runs.c.id)
    if task is not None:
        query = query.where(tables.runs.c.task == task)
    if group_name is not None:
        query = query.where(tables.runs.c.group_name == group_name)
    with project.engine.connect() as conn:
        return [_to_run(r) for r in conn.execute(query)]


def store_predictions(project: Project, run_id: int, predictions: Iterable[StoredPrediction]) -> int:
    """Store (or replace) predictions of a run in one transaction; returns how many."""
    project.require_writable()
    now = utc_now()
    rows = [
        {
            "run_id": run_id, "document_id": p.document_id, "label": p.label, "confidence": p.confidence,
            "probabilities": _dumps(p.probabilities) if p.probabilities else None,
            "spans": _dumps([
                [s.start, s.end, s.type, s.value, s.unit, s.code, c]
                for s, c in zip(p.spans, list(p.span_confidences) + [None] * len(p.spans), strict=False)
            ]) if p.spans else None,
            "raw": p.raw, "valid": int(p.valid), "created_at": now,
        }
        for p in predictions
    ]  # fmt: skip
    pr = tables.predictions
    with project.engine.begin() as conn:
        doc_ids = [r["document_id"] for r in rows]
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start : start + 500]
            conn.execute(delete(pr).where(pr.c.run_id == run_id, pr.c.document_id.in_(chunk)))
        if rows:
            conn.execute(pr.insert(), rows)
    return len(rows)


def get_predictions(
    project: Project, run_id: int, document_ids: Sequence[int] | None = None
) -> list[StoredPrediction]:
    pr = tables.predictions
    query = select(pr).where(pr.c.run_id == run_id).order_by(pr.c.document_id)
    with project.engine.connect() as conn:
        rows = conn.execute(query).all()
    wanted = set(document_ids) if document_ids is not None else None
    out = []
    for r in rows:
        if wanted is not None and r.document_id not in wanted:
            continue
        spans_raw = _loads(r.spans, [])
        out.append(
            StoredPrediction(
                document_id=r.document_id,
                label=r.label,
                confidence=r.confidence,
                probabilities=_loads(r.probabilities, {}),
                spans=[SpanRecord(s[0], s[1], s[2], s[3], s[4], s[5]) for s in spans_raw],
                span_confidences=[s[6] for s in spans_raw],
                raw=r.raw,
                valid=bool(r.valid),
            )
        )
    return out


def newest_prediction(project: Project, document_id: int) -> tuple[Run, StoredPrediction] | None:
    """The document's prediction by the newest completed run that predicted it, with that run: the model's
    suggestion the app shows (the same rule as the document list's suggestion column)."""
    p, r = tables.predictions, tables.runs
    query = (
        select(p.c.run_id)
        .select_from(p.join(r, r.c.id == p.c.run_id))
        .where(p.c.document_id == document_id, r.c.status == "completed")
        .order_by(p.c.run_id.desc())
        .limit(1)
    )
    with project.engine.connect() as conn:
        run_id = conn.execute(query).scalar()
    if run_id is None:
        return None
    (prediction,) = get_predictions(project, run_id, [document_id])
    return get_run(project, run_id), prediction
