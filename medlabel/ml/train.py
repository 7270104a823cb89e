"""One training run, start to finish: settings resolved once, data, model, recipe, calibrated test
predictions, metrics, and the result recorded (docs/architecture.md, "Recording a run").

``plan_run`` resolves everything "auto" before training; ``execute_run`` trains and predicts, writing
only the run folder and ending with ``result.json``; ``run_training`` does both inside a process that
holds the project's write lock and records the result. The app's child process runs ``execute_run``
on a snapshot (``attached.py``) and the app records the result.
"""

from __future__ import annotations

import dataclasses
import platform
import shutil
import threading
import time
import warnings
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from medlabel import __version__
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Cancelled, Reporter, check_cancel
from medlabel.core.project import Project
from medlabel.core.run_results import RunResult, claim_run, record_result, save_result
from medlabel.core.runs import StoredPrediction, start_run
from medlabel.core.vocabularies import vocabularies_for
from medlabel.ml import distributed
from medlabel.ml.data import TaskData, data_hash, load_task, split_validation, stratified_order
from medlabel.ml.models import ModelSource, resolve_model
from medlabel.ml.recipes import Recipe, RunContext, choose_recipe, recipe_module
from medlabel.ml.run_progress import RunProgress
from medlabel.ml.settings import (
    AUTO_RECIPE,
    BaseSettings,
    ClassifierSettings,
    InstructSettings,
    NeuralSettings,
    recipe_of,
    settings_for,
)
from medlabel.ml.tasks import DocExample, DocPrediction, DocTask, SpanPrediction, SpanTask

OOM_ADVICE = (
    "Lower batch_size or max_length, raise gradient_accumulation to keep the effective batch, or — on a "
    "CUDA GPU — turn on qlora"
)


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
        "threads": torch.get_num_threads(),
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


@dataclass
class RunPlan:
    """Everything a run needs, decided before it starts."""

    task: DocTask | SpanTask
    recipe: str
    settings: BaseSettings
    source: ModelSource | None
    fit: list
    val: list
    test: list
    choices: dict[str, Any] = field(default_factory=dict)  # what auto chose, and why

    @property
    def data_hash(self) -> str:
        return data_hash(self.fit + self.val, self.test)

    def counts(self) -> dict[str, dict[str, int]]:
        def per_label(examples: list) -> dict[str, int]:
            if isinstance(self.task, DocTask):
                return dict(sorted(Counter(str(e.label) for e in examples).items()))
            return dict(sorted(Counter(s.type for e in examples for s in e.spans).items()))

        return {"train": per_label(self.fit), "validation": per_label(self.val), "test": per_label(self.test)}


def _values(settings: Mapping[str, Any] | BaseSettings) -> tuple[dict[str, Any], set[str] | None]:
    """(values, explicit names): a settings object counts as all given, so presets do not change it."""
    if isinstance(settings, BaseSettings):
        values = settings.to_dict()
        return values, set(values)
    return dict(settings), None


def plan_run(
    data: TaskData,
    settings: Mapping[str, Any] | BaseSettings,
    reporter: Reporter,
) -> RunPlan:
    """Resolve the recipe, the model and every "auto" setting for ``data``; nothing is trained yet."""
    values, explicit = _values(settings)
    requested = recipe_of(values)
    source = None
    if requested != "baseline":
        source = resolve_model(str(values.get("model", "minilm")), bool(values.get("allow_pickle", False)))
    recipe = choose_recipe(requested, data.task.kind, source)
    if recipe == "baseline":
        source = None
    if recipe == "baseline" and requested == AUTO_RECIPE:  # pragma: no cover - auto never picks it
        values = {k: v for k, v in values.items() if k in {f.name for f in dataclasses.fields(BaseSettings)}}
    resolved = settings_for(recipe, values, explicit=explicit)
    train = stratified_order(data.train, resolved.seed)
    if resolved.train_size:
        if resolved.train_size > len(train):
            raise MedlabelError(
                f"train_size {resolved.train_size} is more than the {len(train)} training documents of "
                f"{data.task.name!r}",
                code="train.train_size_too_large",
                train_size=resolved.train_size,
                available=len(train),
            )
        train = train[: resolved.train_size]
    if recipe == "baseline":
        # The baseline neither early-stops nor chooses anything on validation reports: holding some out
        # would only take them from what it learns (its calibration uses out-of-fold predictions).
        fit, val = list(train), []
    else:
        fit, val = split_validation(train, resolved.val_fraction, resolved.seed)
    plan = RunPlan(data.task, recipe, resolved, source, fit, val, list(data.test))
    if isinstance(resolved, NeuralSettings):
        _resolve_neural(plan, reporter)
    return plan


def _resolve_neural(plan: RunPlan, reporter: Reporter) -> None:
    from medlabel.ml.device import plan_device
    from medlabel.ml.threads import use_idle_cores

    settings = plan.settings
    assert isinstance(settings, NeuralSettings) and plan.source is not None
    device = plan_device(settings, plan.source.is_decoder)
    changes: dict[str, Any] = {
        "device": device.device,
        "precision": "bf16" if device.bf16 else "fp16" if device.fp16 else "fp32",
        "gradient_checkpointing": "on" if device.gradient_checkpointing else "off",
        "lora_targets": "all-linear"
        if settings.lora_targets.strip().lower() in ("", "auto")
        else settings.lora_targets,
        "threads": use_idle_cores(settings.threads) if device.device == "cpu" else settings.threads,
    }
    if isinstance(settings, ClassifierSettings):
        from medlabel.ml.recipes.pooling import choose_pooling

        changes["pooling"] = choose_pooling(settings.pooling, plan.source)
        if settings.long_text == "auto":
            changes["long_text"] = _choose_long_text(plan, settings, reporter)
    if isinstance(settings, InstructSettings) and settings.long_text == "auto":
        changes["long_text"] = "head_tail"
    plan.settings = dataclasses.replace(settings, **changes)


def _choose_long_text(plan: RunPlan, settings: ClassifierSettings, reporter: Reporter) -> str:
    from medlabel.ml.models import load_tokenizer
    from medlabel.ml.recipes.evidence import token_counter
    from medlabel.ml.recipes.long_text import choose_long_text

    assert plan.source is not None
    labelled = [e for e in plan.fit + plan.val if e.label is not None]
    reporter.progress(0, 1, "choosing what to read of each report")
    chosen, why = choose_long_text(
        labelled,
        token_counter(load_tokenizer(plan.source)),
        settings.evidence_tokens,
        settings.class_weights,
        settings.seed,
    )
    plan.choices["long_text"] = why
    reporter.log(f"long_text auto: {chosen} — {why['reason']}")
    return chosen


def _failure(exc: BaseException, out_dir: Path) -> tuple[str, str, str | None, str | None]:
    """(kind, message, advice, code) of the error that ended a run."""
    text = str(exc)
    if "out of memory" in text.lower() or exc.__class__.__name__ == "OutOfMemoryError":
        return (
            "out_of_memory",
            f"the model ran out of memory ({text.splitlines()[0][:300]})",
            OOM_ADVICE,
            None,
        )
    if isinstance(exc, MedlabelError):
        return "user_error", text, None, getattr(exc, "code", None)
    log = out_dir / "run.log"
    return (
        "internal_error",
        f"{exc.__class__.__name__}: {text}",
        f"this is a fault in medlabel or a library; the details are in {log}",
        None,
    )


def execute_run(
    plan: RunPlan,
    out_dir: Path,
    reporter: Reporter,
    cancel: threading.Event | None = None,
    vocabularies: Mapping[str, Any] | None = None,
    with_baseline: bool = True,
) -> RunResult:
    """Train, predict the test split, calibrate, score; write only ``out_dir`` and end with its
    ``result.json``. Never raises for an error of the run itself: the result says how it ended."""
    from medlabel.ml.evaluate import score

    out_dir = Path(out_dir)
    settings, task = plan.settings, plan.task
    timings: dict[str, float] = {}
    info: dict[str, Any] = {"choices": plan.choices} if plan.choices else {}
    progress = RunProgress(reporter, getattr(settings, "ensemble", 1))
    module = recipe_module(plan.recipe)
    ctx = RunContext(settings, plan.source, out_dir, progress, cancel, vocabularies or {})
    t0 = time.monotonic()
    try:
        check_cancel(cancel)
        info.update(module.train(task, plan.fit, plan.val, ctx) or {})
        timings["train_s"] = round(time.monotonic() - t0, 2)
        if not distributed.is_main():
            distributed.barrier()
            return RunResult("completed", settings.to_dict(), info)
        t1 = time.monotonic()
        predictions = module.predict([ex.text for ex in plan.test], ctx)
        metrics: dict[str, Any] = {}
        if isinstance(task, DocTask):
            predictions, metrics["calibration"] = _calibrate(module, plan, ctx, predictions)
        stored = to_stored([ex.doc_id for ex in plan.test], predictions)
        timings["predict_s"] = round(time.monotonic() - t1, 2)
        metrics.update(score(task, plan.test, {p.document_id: p for p in stored}))
        if metrics.get("calibration") is None:
            metrics.pop("calibration", None)
        if with_baseline and plan.recipe != "baseline" and isinstance(task, DocTask):
            metrics["baseline"], baseline_val = _baseline_metrics(plan, out_dir, progress, cancel)
            info["baseline_best_val_macro_f1"] = baseline_val
        timings["total_s"] = round(time.monotonic() - t0, 2)
        _warn(task, metrics, info, reporter)
        result = RunResult("completed", settings.to_dict(), info, metrics, timings, predictions=stored)
        distributed.barrier()
    except Cancelled:
        shutil.rmtree(out_dir / "checkpoints", ignore_errors=True)
        result = RunResult(
            "cancelled", settings.to_dict(), info, timings=timings, error="cancelled by the user"
        )
    except Exception as exc:
        import logging

        logging.getLogger("medlabel").exception("run failed")
        kind, message, advice, code = _failure(exc, out_dir)
        info["failure"] = {"kind": kind, "advice": advice, "code": code}
        if code and isinstance(exc, MedlabelError) and exc.params:
            info["failure"]["params"] = exc.params  # the app words a coded error itself
        result = RunResult("failed", settings.to_dict(), info, timings=timings, error=message)
    return result


def _warn(
    task: DocTask | SpanTask, metrics: dict[str, Any], info: dict[str, Any], reporter: Reporter
) -> None:
    from medlabel.ml.metrics import baseline_better_warning, one_label, one_label_warning

    if task.kind != "document":
        return
    found = []
    if warning := one_label_warning(metrics):
        found.append(("run.one_label", {"label": one_label(metrics)}, warning))
    if "members" not in info and (better := baseline_better_warning(info)):
        found.append(better)
    if found:
        info["warnings"] = [message for _code, _params, message in found]
    emit = getattr(reporter, "warning", None)
    for code, params, message in found:
        if emit is not None:
            emit(code, params, message)
        reporter.log(f"Warning: {message}.")


def _calibrate(
    module: Recipe, plan: RunPlan, ctx: RunContext[Any], predictions: list
) -> tuple[list, dict[str, Any] | None]:
    """Fit a temperature on the validation reports (for the baseline, which has none: on out-of-fold
    predictions of its training reports), save it with the run, apply it to ``predictions``."""
    from medlabel.ml import calibration

    if not all(len(p.probabilities) >= 2 for p in predictions):
        return predictions, None
    val = [e for e in plan.val if isinstance(e, DocExample) and e.label is not None]
    if val:
        held_out = [p.probabilities for p in module.predict([e.text for e in val], ctx)]
        gold_val = [str(e.label) for e in val]
    elif plan.recipe == "baseline":
        held_out, gold_val = _out_of_fold_probabilities(plan, ctx.cancel)
    else:
        return predictions, None
    calibrator = calibration.fit_calibrator(held_out, gold_val)
    calibrator.save(ctx.out_dir)
    calibrated = calibration.calibrate(predictions, calibrator)
    gold = {e.doc_id: str(e.label) for e in plan.test if e.label is not None}
    keep = [i for i, e in enumerate(plan.test) if e.doc_id in gold]
    metrics = calibration.calibration_metrics(
        [gold[plan.test[i].doc_id] for i in keep],
        [predictions[i].probabilities for i in keep],
        [calibrated[i].probabilities for i in keep],
        calibrator,
    )
    metrics["fitted_on"] = "validation" if val else "out_of_fold"
    return calibrated, metrics


def _out_of_fold_probabilities(
    plan: RunPlan, cancel: threading.Event | None
) -> tuple[list[dict[str, float]], list[str]]:
    """(probabilities, gold labels) of every training report, each predicted by a baseline fitted on the
    other folds (stratified 5-fold): held-out predictions without holding reports out of the final fit."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from medlabel.ml.recipes.baseline import build_pipeline, one_thread
    from medlabel.ml.tasks import labelled

    check_cancel(cancel)
    examples = labelled(plan.task, plan.fit)
    gold = [str(e.label) for e in examples]
    per_label = Counter(gold)
    # Every training fold holds two labels when the second most frequent has a report in each fold.
    folds = min(5, sorted(per_label.values())[-2] if len(per_label) >= 2 else 0)
    if folds < 2:
        return [], []
    settings = plan.settings
    pipeline = build_pipeline(len(examples), len(per_label), settings.class_weights, settings.seed)
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=settings.seed)
    with warnings.catch_warnings():
        # A label with fewer reports than folds is missing from some folds; sklearn says so, and such a
        # fold's probability for it is 0 (fit_calibrator leaves those reports out).
        warnings.simplefilter("ignore", UserWarning)
        with one_thread():
            probabilities = cross_val_predict(
                pipeline, [e.text for e in examples], gold, cv=cv, method="predict_proba"
            )
    classes = sorted(per_label)  # cross_val_predict orders the columns as np.unique does
    return [dict(zip(classes, map(float, row), strict=True)) for row in probabilities], gold


def _baseline_metrics(
    plan: RunPlan,
    out_dir: Path,
    reporter: Reporter,
    cancel: threading.Event | None,
) -> tuple[dict[str, Any], float | None]:
    """The TF-IDF baseline on the same data, so the user sees whether the fine-tuned model adds anything:
    its test metrics, and its macro-F1 on the run's validation reports."""
    from medlabel.ml.evaluate import score
    from medlabel.ml.settings import BaselineSettings

    baseline = recipe_module("baseline")
    reporter = _Prefixed(reporter, "baseline: ")
    folder = out_dir / "baseline"
    settings = BaselineSettings(seed=plan.settings.seed, class_weights=plan.settings.class_weights)
    ctx = RunContext(settings, None, folder, reporter, cancel)
    facts = baseline.train(plan.task, plan.fit, plan.val, ctx)
    preds = baseline.predict([ex.text for ex in plan.test], ctx)
    stored = to_stored([ex.doc_id for ex in plan.test], preds)
    return score(plan.task, plan.test, {p.document_id: p for p in stored}), facts.get("best_val_macro_f1")


class _Prefixed:
    """A reporter whose phases are named for a part of the run (the baseline beside the model)."""

    def __init__(self, reporter: Reporter, prefix: str) -> None:
        self.reporter, self.prefix = reporter, prefix

    def progress(self, done: int, total: int, phase: str = "", eta_s: float | None = None) -> None:
        self.reporter.progress(done, total, self.prefix + phase, eta_s)

    def log(self, message: str) -> None:
        self.reporter.log(self.prefix + message)

    def metrics(self, values: Mapping[str, float], step: int | None = None) -> None:
        self.reporter.metrics({f"baseline_{k}": v for k, v in values.items()}, step)


def headline(metrics: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """The one figure a run is known by, with its 95% CI."""
    if kind == "document":
        m = metrics["macro_f1"]
        return {
            "name": "macro_f1",
            "value": m["value"],
            "ci_low": m.get("ci_low"),
            "ci_high": m.get("ci_high"),
        }
    v = metrics["values"]["overall"]
    return {
        "name": "value_f1",
        "value": v["f1"],
        "ci_low": v.get("f1_ci_low"),
        "ci_high": v.get("f1_ci_high"),
    }


def announce_end(reporter: Any, run_id: int, result: RunResult, kind: str) -> None:
    """The stream's last event for ``result``: finished, cancelled or failed."""
    if result.status == "completed" and getattr(reporter, "finished", None):
        base = headline(result.metrics["baseline"], "document") if "baseline" in result.metrics else None
        cal = result.metrics.get("calibration")
        reporter.finished(
            run_id,
            headline(result.metrics, kind),
            base,
            {"ece_before": cal["ece_before"], "ece_after": cal["ece_after"]} if cal else None,
        )
    elif result.status == "cancelled" and getattr(reporter, "cancelled", None):
        reporter.cancelled(run_id, "the run was cancelled; it is recorded as cancelled")
    elif result.status == "failed" and getattr(reporter, "failed", None):
        failure = result.info.get("failure", {})
        reporter.failed(
            run_id,
            failure.get("kind", "internal_error"),
            result.error or "the run failed",
            failure.get("advice"),
            failure.get("code"),
            str(Path(result.info.get("log_file", ""))) if result.info.get("log_file") else None,
            params=failure.get("params"),
        )


def record_columns(plan: RunPlan) -> dict[str, Any]:
    """The run record's columns that the plan decides (model, data, environment)."""
    source = plan.source
    return {
        "recipe": plan.recipe,
        "model_name": source.name if source else None,
        "model_path": str(source.path) if source else None,
        "model_hash": source.content_hash() if source else None,
        "data_hash": plan.data_hash,
        "seed": plan.settings.seed,
        "environment": environment(source),
        "train_size": len(plan.fit) + len(plan.val),
    }


def start_recorded_run(project: Project, plan: RunPlan, group_name: str | None = None) -> int:
    """The run's record, written before training starts (status running), with its resolved settings."""
    return start_run(
        project,
        task=plan.task.name,
        task_kind=plan.task.kind,
        config=plan.settings.to_dict(),
        group_name=group_name,
        **record_columns(plan),
    )


def announce_start(reporter: Any, run_id: int, plan: RunPlan) -> None:
    if getattr(reporter, "started", None):
        reporter.started(
            run_id,
            plan.settings.to_dict(),
            plan.counts(),
            plan.source.name if plan.source else None,
            getattr(plan.settings, "device", "cpu"),
            plan.data_hash,
        )
    reporter.log(
        f"Run {run_id}: {plan.recipe} on {plan.task.name!r} with {len(plan.fit)} training, {len(plan.val)} "
        f"validation and {len(plan.test)} test documents"
        + (f", model {plan.source.name}" if plan.source else "")
    )


def run_training(
    project: Project,
    settings: Mapping[str, Any] | BaseSettings,
    reporter: Reporter,
    cancel: threading.Event | None = None,
    data: TaskData | None = None,
    group_name: str | None = None,
    with_baseline: bool = True,
) -> int:
    """Train, predict the frozen test split, score it, and record everything; returns the run id.

    ``settings`` are the user's (a dict of the settings given, or a settings object). Raises
    ``Cancelled`` (the run is recorded as cancelled) or ``MedlabelError`` (recorded as failed). Under
    ``torchrun`` every process calls this; only the first writes to the project."""
    from medlabel.ml.run_log import run_log

    t0 = time.monotonic()
    try:
        values, _ = _values(settings)
        task_name = str(values.get("task") or "")
        if not task_name:
            from medlabel.ml.data import task_names

            raise MedlabelError(
                f"choose a task; this project has: {', '.join(task_names(project)) or 'none'}",
                code="train.no_task",
                tasks=task_names(project),
            )
        if data is None:
            # Only the first process may freeze a new test split; the others read it once it is stored.
            if distributed.is_main():
                data = load_task(project, task_name)
            distributed.barrier()
            if not distributed.is_main():
                data = load_task(project, task_name, freeze_split=False)
        assert data is not None
        if data.new_test_split and distributed.is_main():
            reporter.log(f"Froze a test split of {len(data.test)} documents for task {task_name!r}.")
        plan = plan_run(data, settings, reporter)
    except MedlabelError as exc:
        # A run refused before it starts still ends its event stream (events.py: failed, without a run).
        if distributed.is_main() and getattr(reporter, "failed", None):
            reporter.failed(None, "user_error", str(exc), None, exc.code, params=exc.params or None)
        raise
    run_id = start_recorded_run(project, plan, group_name) if distributed.is_main() else -1
    run_id = distributed.broadcast_int(run_id)
    out_dir = project.runs_dir / str(run_id)
    if distributed.is_main():
        claim_run(out_dir)
    vocabularies = (
        vocabularies_for(project, plan.task.normalisers) if isinstance(plan.task, SpanTask) else None
    )
    with run_log(out_dir if distributed.is_main() else None) as log_file:
        announce_start(reporter, run_id, plan)
        result = execute_run(plan, out_dir, reporter, cancel, vocabularies, with_baseline)
    if log_file is not None:
        result.info["log_file"] = str(log_file)
    result.timings["data_s"] = round(time.monotonic() - t0 - result.timings.get("total_s", 0.0), 2)
    if not distributed.is_main():
        return run_id
    # The result is on disk before it is recorded: if this process dies in between, the next open
    # of the project records it (run_results.close_interrupted_runs).
    save_result(out_dir, result)
    record_result(project, run_id, result)
    announce_end(reporter, run_id, result, plan.task.kind)
    if result.status == "cancelled":
        raise Cancelled("cancelled by the user")
    if result.status == "failed":
        failure = result.info.get("failure", {})
        raise MedlabelError(
            f"run {run_id} failed: {result.error}"
            + (f". {failure['advice']}" if failure.get("advice") else ""),
            code="train.failed",
            run=run_id,
            kind=failure.get("kind"),
        )
    return run_id
