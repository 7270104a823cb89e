"""Scoring predictions against the gold annotations of the frozen test split.

The JSON written by ``medlabel evaluate --json`` has this schema (version 1):

``{"schema": "medlabel.evaluation/1", "run": int, "task": str, "task_kind": "document"|"spans",
"recipe": str, "n_test": int, "metrics": M, "baseline": M | null, "calibration": C | null}``

where, for document tasks, ``M`` is ``medlabel.ml.metrics.classification_metrics`` plus
``"validity": {"n", "invalid", "rate"}``; and for span tasks ``M`` is
``{"spans": span_metrics(...), "values": value_metrics(...), "validity": {...}}``. Every headline
figure carries a bootstrap 95 % confidence interval (1000 document resamples, percentile method).
``C`` is the calibration block the run stored when it was trained (temperature fitted on its validation
split, ECE before and after on the test split: ``medlabel.ml.calibration.calibration_metrics``); it is
null for span tasks and for runs trained before runs were calibrated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.core.runs import StoredPrediction, get_predictions, get_run
from medlabel.ml import metrics as m
from medlabel.ml.calibration import format_calibration, plot_reliability
from medlabel.ml.data import load_task
from medlabel.ml.tasks import DocExample, DocTask, SpanExample, SpanTask

SCHEMA = "medlabel.evaluation/1"


def score(
    task: DocTask | SpanTask,
    test: Sequence[DocExample | SpanExample],
    predictions: Mapping[int, StoredPrediction],
    n_boot: int = 1000,
) -> dict[str, Any]:
    """Metrics of ``predictions`` (by document id) on ``test``; a missing prediction counts as invalid."""
    preds = [predictions.get(ex.doc_id) for ex in test]
    validity = m.invalid_rate([p is not None and p.valid for p in preds])
    if isinstance(task, DocTask):
        gold = [ex.label for ex in test]  # type: ignore[union-attr]
        labels = [p.label if p is not None else None for p in preds]
        result = m.classification_metrics(gold, labels, task.labels, n_boot=n_boot)
        result["validity"] = validity
        return result
    gold_spans = [list(ex.spans) for ex in test]  # type: ignore[union-attr]
    pred_spans = [list(p.spans) if p is not None else [] for p in preds]
    pred_values = [_predicted_values(task, p) for p in preds]
    return {
        "spans": m.span_metrics(gold_spans, pred_spans, task.types),
        "values": m.value_metrics([m.values_from_spans(s) for s in gold_spans], pred_values, task.types),
        "validity": validity,
    }


def _predicted_values(task: SpanTask, prediction: StoredPrediction | None) -> dict[str, list]:
    if prediction is None:
        return {}
    if prediction.raw is not None:
        # An instruct answer may hold values it could not point to in the text; they still count.
        from medlabel.ml.recipes.prompts import parse_answer

        fields = parse_answer(task, prediction.raw).fields
        return {name: [v.value if v.value is not None else v.code] for name, v in fields.items()
                if v.value is not None or v.code}  # fmt: skip
    return m.values_from_spans(prediction.spans)


def evaluate_run(project: Project, run_id: int) -> dict[str, Any]:
    """Score a run's stored predictions against the current gold labels of the test split."""
    run = get_run(project, run_id)
    data = load_task(project, run.task, freeze_split=False)
    predictions = {p.document_id: p for p in get_predictions(project, run_id)}
    baseline = run.metrics.get("baseline") if run.metrics else None
    calibration = run.metrics.get("calibration") if run.metrics else None
    return {
        "schema": SCHEMA,
        "run": run.id,
        "task": run.task,
        "task_kind": run.task_kind,
        "recipe": run.recipe,
        "status": run.status,
        "n_test": len(data.test),
        "metrics": score(data.task, data.test, predictions),
        "baseline": baseline,
        "calibration": calibration,
    }


def format_evaluation(result: dict[str, Any]) -> str:
    head = (
        f"Run {result['run']} — task {result['task']} ({result['task_kind']}), recipe {result['recipe']}, "
        f"{result['n_test']} test documents"
    )
    metrics = result["metrics"]
    validity = metrics.get("validity", {})
    lines = [head]
    if validity.get("invalid"):
        lines.append(f"invalid outputs: {validity['invalid']} of {validity['n']} ({validity['rate']:.1%})")
    if result["task_kind"] == "document":
        lines.append(m.format_classification(metrics))
        if result.get("calibration"):
            lines.append("\n" + format_calibration(result["calibration"]))
        if result.get("baseline"):
            lines.append("\nBaseline (TF-IDF + logistic regression) on the same split:")
            lines.append(m.format_classification(result["baseline"]))
            if result["baseline"].get("calibration"):
                lines.append(format_calibration(result["baseline"]["calibration"]))
    else:
        lines.append(m.format_extraction(metrics["spans"], metrics["values"]))
    return "\n".join(lines)


def plot_run_calibration(result: dict[str, Any], path: str | Path) -> Path:
    """The reliability diagram of an ``evaluate_run`` result (for ``medlabel evaluate --plot FILE``)."""
    calibration = result.get("calibration")
    if not calibration:
        reason = (
            "span tasks are not calibrated"
            if result.get("task_kind") == "spans"
            else "it was trained before medlabel calibrated its runs; train it again to get one"
        )
        raise MedlabelError(
            f"run {result['run']} has no calibration to plot: {reason}",
            code="evaluate.no_calibration", run=result["run"], task_kind=result.get("task_kind"),
        )  # fmt: skip
    title = f"Run {result['run']}, {result['task']} ({result['recipe']}): reliability on the test split"
    return plot_reliability(calibration, path, title)
