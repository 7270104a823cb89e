"""Predicting documents with a finished run's model, calibrated as the run was, into the store."""

from __future__ import annotations

import threading

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Reporter
from medlabel.core.project import Project
from medlabel.core.runs import StoredPrediction
from medlabel.core.vocabularies import vocabularies_for
from medlabel.ml.data import load_task
from medlabel.ml.models import resolve_model
from medlabel.ml.recipes import RunContext, recipe_module
from medlabel.ml.tasks import SpanTask
from medlabel.ml.train import to_stored


def run_prediction(
    project: Project,
    run_id: int,
    doc_ids: list[int],
    reporter: Reporter,
    cancel: threading.Event | None = None,
    allow_pickle: bool = False,
) -> list[StoredPrediction]:
    """Predict documents with a finished run's model and store the predictions (calibrated, for runs
    that were calibrated).

    ``allow_pickle`` is this caller's own yes to pickled base-model weights: the run's stored settings can
    come from a project someone else made, so their ``allow_pickle`` is never trusted here."""
    from medlabel.core.documents import get_document
    from medlabel.core.runs import get_run, store_predictions
    from medlabel.ml import calibration
    from medlabel.ml.settings import stored_settings

    run = get_run(project, run_id)
    if run.status != "completed":
        raise MedlabelError(
            f"run {run_id} is {run.status}; only a completed run can predict",
            code="predict.run_not_completed",
            run=run_id,
            status=run.status,
        )
    settings = stored_settings(run.recipe, {**run.config, "allow_pickle": allow_pickle})
    source = (
        None
        if run.recipe == "baseline"
        else resolve_model(run.model_path or run.config.get("model", ""), allow_pickle)
    )
    if source is not None and run.model_hash and source.content_hash() != run.model_hash:
        raise MedlabelError(
            f"the model at {run.model_path} has changed since run {run_id} was trained (its files differ); "
            "predict with the same model, or train a new run",
            code="predict.model_changed",
            run=run_id,
            path=run.model_path,
        )
    texts = [get_document(project, d).text for d in doc_ids]
    module = recipe_module(run.recipe)
    task = load_task(project, run.task, freeze_split=False).task
    out_dir = project.runs_dir / str(run_id)
    vocabularies = vocabularies_for(project, task.normalisers) if isinstance(task, SpanTask) else {}
    ctx = RunContext(settings, source, out_dir, reporter, cancel, vocabularies)
    predictions = module.predict(texts, ctx)
    calibrator = calibration.Calibrator.load(out_dir)
    if calibrator is not None:
        predictions = calibration.calibrate(predictions, calibrator)
    stored = to_stored(doc_ids, predictions)
    store_predictions(project, run_id, stored)
    return stored


PREDICT_WHICH = ("unlabelled", "all")


def predict_job(
    project: Project,
    run_id: int,
    which: str,
    reporter: Reporter,
    cancel: threading.Event | None = None,
) -> int:
    """The app's background job: predict the documents ``which`` names with a finished run and store
    the predictions; returns how many were predicted.

    ``which`` is "unlabelled" (the documents without an annotation for the run's task, by the same rule
    as training: no label of the label set, or for 'entities' no span and no split) or "all" (every
    document of the project)."""
    from medlabel.core.documents import document_ids
    from medlabel.core.runs import get_run

    if which not in PREDICT_WHICH:
        raise ValueError(f"which is one of {PREDICT_WHICH}, not {which!r}")
    if which == "all":
        doc_ids = document_ids(project)
    else:
        # load_task decides what counts as annotated, so predicting and training never disagree;
        # freeze_split=False keeps this read-only.
        task_data = load_task(project, get_run(project, run_id).task, freeze_split=False)
        doc_ids = [ex.doc_id for ex in task_data.unlabelled]
    if not doc_ids:
        raise MedlabelError(
            f"every document is already annotated for the task of run {run_id}; there is nothing to "
            "predict (predict all documents to compare the model with the annotations)"
            if which == "unlabelled"
            else "the project has no documents to predict",
            code="predict.nothing_to_predict",
            which=which,
        )
    reporter.log(f"Predicting {len(doc_ids)} document(s) with run {run_id}")
    return len(run_prediction(project, run_id, doc_ids, reporter, cancel))
