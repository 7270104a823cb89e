"""Runs the app starts while it holds the project's write lock (docs/architecture.md, "Recording a run").

The app (the lock holder) prepares the run: it freezes the test split if there is none, records the
run as running, and copies the project into ``runs/<id>/snapshot/`` with SQLite's online backup. The
child process (``medlabel train PROJECT --attached ID``) reads only that snapshot and writes only the
run folder, ending with ``result.json``; it never opens the project itself, so it needs no lock and
cannot damage it, whenever it is killed. The app then records the result (``collect_attached_run``),
or records the run as failed when the child left none. The user labels on meanwhile: the run trains
on the snapshot taken at its start, whose data hash the run records.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter
from medlabel.core.project import DB_NAME, Project, open_project
from medlabel.core.run_results import (
    INTERRUPTED,
    RunResult,
    claim_run,
    load_result,
    record_result,
    save_result,
)
from medlabel.core.runs import Run, get_run, start_run
from medlabel.ml.data import load_task

SNAPSHOT_DIR = "snapshot"
REQUEST_FILE = "request.json"


def prepare_attached_run(project: Project, settings: Mapping[str, Any], group_name: str | None = None) -> int:
    """Record a run as running and give it a snapshot of the project; returns its id. Called by the
    lock holder; the settings are the user's (resolved by the child, which stores the resolved ones)."""
    task = str(settings.get("task") or "")
    data = load_task(project, task)  # freezes a test split now, in the project, if there is none
    run_id = start_run(
        project,
        task=data.task.name,
        task_kind=data.task.kind,
        recipe=str(settings.get("recipe", "auto")),
        config=dict(settings),
        group_name=group_name,
    )
    folder = project.runs_dir / str(run_id)
    snapshot = folder / SNAPSHOT_DIR
    snapshot.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{project.root / DB_NAME}?mode=ro", uri=True)
    target = sqlite3.connect(snapshot / DB_NAME)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    (folder / REQUEST_FILE).write_text(json.dumps(dict(settings), ensure_ascii=False), encoding="utf-8")
    return run_id


def run_attached(
    root: Path, run_id: int, reporter: Reporter, cancel: threading.Event | None = None
) -> RunResult:
    """The child's side: train run ``run_id`` of the project at ``root`` from its snapshot, writing only
    the run folder. Every ending, a bad setting included, leaves a ``result.json``."""
    from medlabel.core.vocabularies import vocabularies_for
    from medlabel.ml.run_log import run_log
    from medlabel.ml.tasks import SpanTask
    from medlabel.ml.train import announce_end, announce_start, execute_run, plan_run, record_columns

    folder = Path(root) / "runs" / str(run_id)
    if not (folder / REQUEST_FILE).is_file() or not (folder / SNAPSHOT_DIR / DB_NAME).is_file():
        raise MedlabelError(
            f"run {run_id} of {root} was not prepared for an attached run (no snapshot in {folder})",
            code="train.not_prepared",
            run=run_id,
            path=str(folder),
        )
    claim_run(folder)
    settings = json.loads((folder / REQUEST_FILE).read_text(encoding="utf-8"))
    with (
        run_log(folder) as log_file,
        open_project(folder / SNAPSHOT_DIR, read_only=True, backup=False) as snap,
    ):
        kind = "document"
        try:
            data = load_task(snap, str(settings.get("task") or ""), freeze_split=False)
            kind = data.task.kind
            plan = plan_run(data, settings, reporter)
            vocabularies = (
                vocabularies_for(snap, plan.task.normalisers) if isinstance(plan.task, SpanTask) else None
            )
            announce_start(reporter, run_id, plan)
            result = execute_run(plan, folder, reporter, cancel, vocabularies)
            result.record = record_columns(plan)
        except MedlabelError as exc:  # a setting or the data refused before training started
            result = RunResult(
                "failed",
                dict(settings),
                {"failure": {"kind": "user_error", "code": exc.code, "params": exc.params or None}},
                error=str(exc),
            )
    result.info["log_file"] = str(log_file)
    save_result(folder, result)
    announce_end(reporter, run_id, result, kind)
    return result


def collect_attached_run(project: Project, run_id: int) -> Run:
    """The lock holder's side, once the child has exited: record its result, or the run as failed when
    it left none (killed, out of memory); the snapshot is removed either way."""
    folder = project.runs_dir / str(run_id)
    try:
        result = load_result(folder) or RunResult("failed", error=INTERRUPTED)
    except MedlabelError as exc:
        result = RunResult("failed", error=str(exc))
    record_result(project, run_id, result)
    shutil.rmtree(folder / SNAPSHOT_DIR, ignore_errors=True)
    return get_run(project, run_id)
