"""One training run, start to finish: data, model, recipe, test predictions, metrics, run record.

``run_training(project, config, reporter, cancel)`` is the function the CLI calls directly and the GUI
calls through a child process (``medlabel train --events jsonl``). Whatever happens — success, an
error, out-of-memory, cancel — the run is recorded with its outcome.
"""

from __future__ import annotations

import platform
import shutil
import threading
import time
from pathlib import Path
from typing import Any

from medlabel import __version__
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Cancelled, Reporter, check_cancel
from medlabel.core.project import Project
from medlabel.core.runs import StoredPrediction, finish_run, start_run, store_predictions
from medlabel.core.vocabularies import vocabularies_for
from medlabel.ml import distributed
from medlabel.ml.config import TrainConfig
from medlabel.ml.data import TaskData, data_hash, load_task, split_validation, stratified_order
from medlabel.ml.evaluate import score
from medlabel.ml.metrics import one_label_warning
from medlabel.ml.models import ModelSource, resolve_model
from medlabel.ml.recipes import choose_recipe, recipe_module
from medlabel.ml.tasks import DocPrediction, DocTask, SpanPrediction, SpanTask


def environment(source: ModelSource | None) -> dict[str, Any]:
    import sklearn
    import torch
    import transformers

    env: dict[str, Any] = {
        "medlabel": __version__,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "scikit-learn": sklearn.__version__,
        "platform": platform.platform(),
        "cuda": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "world_size": distributed.world_size(),
    }
    try:
        import peft

        env["peft"] = peft.__version__
    except ImportError:  # pragma: no cover - peft is a dependency
        pass
    return env


def to_stored(
    doc_ids: list[int], predictions: list[DocPrediction | SpanPrediction]
) -> list[StoredPrediction]:
    out = []
    for doc_id, p in zip(doc_ids, predictions, strict=True):
        if isinstance(p, DocPrediction):
            out.append(
                StoredPrediction(doc_id, p.label, p.confidence, p.probabilities, [], [], p.raw, p.valid)
            )
        else:
            out.append(
                StoredPrediction(
                    doc_id, None, p.confidence, {}, list(p.spans), list(p.span_confidences), p.raw, p.valid
                )
            )
    return out


def _friendly(exc: BaseException, config: TrainConfig) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    if "out of memory" in str(exc).lower() or exc.__class__.__name__ == "OutOfMemoryError":
        return (
            f"the model ran out of memory ({exc}). Lower batch_size (now {config.batch_size}) or max_length "
            f"(now {config.max_length}), use gradient accumulation, or — on a CUDA GPU — QLoRA"
        )
    return text


def run_training(
    project: Project,
    config: TrainConfig,
    reporter: Reporter,
    cancel: threading.Event | None = None,
    data: TaskData | None = None,
    group_name: str | None = None,
    with_baseline: bool = True,
) -> int:
    """Train, predict the frozen test split, score it, and record everything; returns the run id.

    Raises ``Cancelled`` (the run is recorded as cancelled) or the error that ended the run (recorded
    as failed). Under ``torchrun`` every process calls this; only the first writes to the project.
    """
    config.validate()
    if not config.task:
        from medlabel.ml.data import task_names

        raise MedlabelError(
            f"choose a task with --task; this project has: {', '.join(task_names(project)) or 'none'}"
        )
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    if data is None:
        # Only the first process may freeze a new test split; the others read it once it is stored.
        if distributed.is_main():
            data = load_task(project, config.task)
        distributed.barrier()
        if not distributed.is_main():
            data = load_task(project, config.task, freeze_split=False)
    assert data is not None
    if data.new_test_split and distributed.is_main():
        reporter.log(f"Froze a test split of {len(data.test)} documents for task {config.task!r}.")
    task = data.task
    source = None if config.recipe == "baseline" else resolve_model(config.model, config.allow_pickle)
    recipe = choose_recipe(config.recipe, task.kind, source)
    if recipe == "baseline":
        source = None
    config = config.for_recipe(recipe)
    train = stratified_order(data.train, config.seed)
    if config.train_size:
        if config.train_size > len(train):
            raise MedlabelError(
                f"train_size {config.train_size} is more than the {len(train)} training documents "
                f"of {task.name!r}"
            )
        train = train[: config.train_size]
    fit, val = split_validation(train, config.val_fraction, config.seed)
    timings["data_s"] = time.monotonic() - t0

    run_id = -1
    if distributed.is_main():
        run_id = start_run(
            project,
            task=task.name,
            task_kind=task.kind,
            recipe=recipe,
            config=config.to_dict(),
            model_name=source.name if source else None,
            model_path=str(source.path) if source else None,
            model_hash=source.content_hash() if source else None,
            data_hash=data_hash(train, data.test),
            seed=config.seed,
            environment=environment(source),
            group_name=group_name,
            train_size=len(train),
        )
    run_id = distributed.broadcast_int(run_id)
    out_dir = project.runs_dir / str(run_id)
    module = recipe_module(recipe)
    info: dict[str, Any] = {}
    try:
        check_cancel(cancel)
        if distributed.is_main():
            reporter.log(
                f"Run {run_id}: {recipe} on {task.name!r} with {len(fit)} training, {len(val)} validation "
                f"and {len(data.test)} test documents" + (f", model {source.name}" if source else "")
            )
        t1 = time.monotonic()
        info = dict(module.train(task, fit, val, config, source, out_dir, reporter, cancel) or {})
        timings["train_s"] = time.monotonic() - t1
        if not distributed.is_main():
            distributed.barrier()
            return run_id
        t2 = time.monotonic()
        texts = [ex.text for ex in data.test]
        predictions = _predict(
            project, module, recipe, task, out_dir, texts, config, source, reporter, cancel
        )
        stored = to_stored([ex.doc_id for ex in data.test], predictions)
        store_predictions(project, run_id, stored)
        timings["predict_s"] = time.monotonic() - t2
        metrics = score(task, data.test, {p.document_id: p for p in stored})
        if with_baseline and recipe != "baseline" and isinstance(task, DocTask):
            metrics["baseline"] = _baseline_metrics(task, fit, val, data, config, out_dir, reporter, cancel)
        timings["total_s"] = time.monotonic() - t0
        if task.kind == "document" and (warning := one_label_warning(metrics)):
            info["warnings"] = [warning]
            reporter.log(f"Warning: {warning}.")
        reporter.metrics(_headline(metrics, task.kind))
        finish_run(project, run_id, "completed", info=info, metrics=metrics, timings=timings)
        distributed.barrier()
        return run_id
    except Cancelled:
        if distributed.is_main():
            finish_run(
                project, run_id, "cancelled", info=info, timings=timings, error="cancelled by the user"
            )
            shutil.rmtree(out_dir / "checkpoints", ignore_errors=True)
        raise
    except BaseException as exc:
        if distributed.is_main():
            finish_run(project, run_id, "failed", info=info, timings=timings, error=_friendly(exc, config))
        if isinstance(exc, MedlabelError) or not isinstance(exc, Exception):
            raise
        raise MedlabelError(f"run {run_id} failed: {_friendly(exc, config)}") from exc


def _predict(
    project: Project,
    module: Any,
    recipe: str,
    task: DocTask | SpanTask,
    out_dir: Path,
    texts: list[str],
    config: TrainConfig,
    source: ModelSource | None,
    reporter: Reporter,
    cancel: threading.Event | None,
) -> list:
    extra = {}
    if recipe == "tagger" and isinstance(task, SpanTask):
        # Code-normalised spans need their vocabulary, which lives in the project, not the run folder.
        extra["vocabularies"] = vocabularies_for(project, task.normalisers)
    return module.predict(out_dir, texts, config, source, reporter, cancel, **extra)


def _baseline_metrics(
    task: DocTask,
    fit: list,
    val: list,
    data: TaskData,
    config: TrainConfig,
    out_dir: Path,
    reporter: Reporter,
    cancel: threading.Event | None,
) -> dict[str, Any]:
    """The TF-IDF baseline on the same data, so the user sees whether the fine-tuned model adds anything."""
    baseline = recipe_module("baseline")
    folder = out_dir / "baseline"
    baseline.train(task, fit, val, config, None, folder, reporter, cancel)
    preds = baseline.predict(folder, [ex.text for ex in data.test], config, None, reporter, cancel)
    stored = to_stored([ex.doc_id for ex in data.test], preds)
    return score(task, data.test, {p.document_id: p for p in stored})


def _headline(metrics: dict[str, Any], kind: str) -> dict[str, float]:
    if kind == "document":
        out = {"test_macro_f1": metrics["macro_f1"]["value"], "test_accuracy": metrics["accuracy"]["value"]}
        if "baseline" in metrics:
            out["baseline_macro_f1"] = metrics["baseline"]["macro_f1"]["value"]
        return out
    return {
        "test_span_f1": metrics["spans"]["strict"]["overall"]["f1"],
        "test_value_f1": metrics["values"]["overall"]["f1"],
    }


def run_prediction(
    project: Project,
    run_id: int,
    doc_ids: list[int],
    reporter: Reporter,
    cancel: threading.Event | None = None,
    allow_pickle: bool = False,
) -> list[StoredPrediction]:
    """Predict documents with a finished run's model and store the predictions.

    ``allow_pickle`` is this caller's own yes to pickled base-model weights: the run's stored settings can
    come from a project someone else made, so their ``allow_pickle`` is never trusted here."""
    from medlabel.core.documents import get_document
    from medlabel.core.runs import get_run

    run = get_run(project, run_id)
    if run.status != "completed":
        raise MedlabelError(f"run {run_id} is {run.status}; only a completed run can predict")
    config = TrainConfig.from_dict(run.config)
    source = None if run.recipe == "baseline" else resolve_model(run.model_path or config.model, allow_pickle)
    if source is not None and run.model_hash and source.content_hash() != run.model_hash:
        raise MedlabelError(
            f"the model at {run.model_path} has changed since run {run_id} was trained (its files differ); "
            "predict with the same model, or train a new run"
        )
    texts = [get_document(project, d).text for d in doc_ids]
    module = recipe_module(run.recipe)
    task = load_task(project, run.task, freeze_split=False).task
    out_dir = project.runs_dir / str(run_id)
    predictions = _predict(
        project, module, run.recipe, task, out_dir, texts, config, source, reporter, cancel
    )
    stored = to_stored(doc_ids, predictions)
    store_predictions(project, run_id, stored)
    return stored
