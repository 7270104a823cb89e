"""Comparing two runs of the same task on the same test documents, with a paired bootstrap.

``compare_runs`` returns (schema version 1)::

    {"schema": "medlabel.comparison/1", "run_a": int, "run_b": int, "task": str,
     "task_kind": "document"|"spans", "n_common": int, "headline": "macro_f1"|"value_f1",
     "bootstrap": {"resamples", "ci", "method": "paired percentile", "seed"},
     "overall": {name: ROW}, "per_class": {label_or_field: ROW}}
    ROW = {"a", "b", "diff" (b - a), "ci_low", "ci_high", "excludes_zero"}

``overall`` holds accuracy, micro/macro/weighted F1 for document tasks, and strict/lenient span F1 and
value F1 for span tasks; ``per_class`` the per-label F1 or the per-field value F1.

The pairing: both runs' per-document count rows are laid side by side and one (resamples × documents)
weight matrix (``metrics._resampled_sums``) resamples them, so every resample scores both runs on the
same documents and the difference keeps the runs' correlation; its interval is the percentile interval
of the per-resample differences. Counting follows ``medlabel.ml.evaluate.score``: a prediction whose
label is None or not in the label set counts as wrong; parts an invalid answer could still give count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.core.records import SpanRecord
from medlabel.core.runs import StoredPrediction, get_predictions, get_run
from medlabel.ml import metrics as m
from medlabel.ml.data import load_task
from medlabel.ml.evaluate import _predicted_values
from medlabel.ml.metrics import _check, _class_stats, _confusion_rows, _interval, _prf, _resampled_sums
from medlabel.ml.tasks import DocTask, SpanTask

SCHEMA = "medlabel.comparison/1"
DOCUMENT_METRICS = {
    "accuracy": "accuracy",
    "micro_f1": "micro-F1",
    "macro_f1": "macro-F1",
    "weighted_f1": "weighted-F1",
}
SPAN_METRICS = {"strict_f1": "strict span F1", "lenient_f1": "lenient span F1", "value_f1": "value F1"}
# Per-document span columns: strict tp, lenient tp, gold spans, predicted spans; then per field: value
# tp, gold values, predicted values.
_SPAN_COLS = 4
_FIELD_COLS = 3


def compare_runs(
    project: Project, run_a: int, run_b: int, n_boot: int = 1000, seed: int = 0, ci: float = 0.95
) -> dict[str, Any]:
    """Both runs' metrics on the test documents both predicted, their difference (b - a) and its paired
    bootstrap interval; see the module docstring for the returned dict."""
    if run_a == run_b:
        raise MedlabelError(
            f"run {run_a} was chosen twice; choose a second, different run of the same task to compare with",
            code="compare.same_run", run=run_a,
        )  # fmt: skip
    runs = [get_run(project, run_a), get_run(project, run_b)]
    for run in runs:
        if run.status != "completed":
            raise MedlabelError(
                f"run {run.id} is {run.status}, not completed, so it has no full set of test predictions; "
                "choose a completed run",
                code="compare.not_completed", run=run.id, status=run.status,
            )  # fmt: skip
    if runs[0].task != runs[1].task:
        raise MedlabelError(
            f"run {run_a} is of task {runs[0].task!r} and run {run_b} of task {runs[1].task!r}; only runs of "
            "the same task can be compared",
            code="compare.different_task", run_a=run_a, run_b=run_b, task_a=runs[0].task, task_b=runs[1].task,
        )  # fmt: skip

    data = load_task(project, runs[0].task, freeze_split=False)
    by_doc = [{p.document_id: p for p in get_predictions(project, run.id)} for run in runs]
    common = [ex for ex in data.test if ex.doc_id in by_doc[0] and ex.doc_id in by_doc[1]]
    if not common:
        raise MedlabelError(
            f"runs {run_a} and {run_b} have no test document that both predicted (the test split of task "
            f"{data.task.name!r} may have changed since); predict the test split again with both runs",
            code="compare.no_common", run_a=run_a, run_b=run_b,
        )  # fmt: skip
    _check(len(common), len(common), n_boot, ci)
    pairs = [(by_doc[0][ex.doc_id], by_doc[1][ex.doc_id]) for ex in common]

    if isinstance(data.task, DocTask):
        gold = [ex.label for ex in common]
        pred_a, pred_b = [a.label for a, _ in pairs], [b.label for _, b in pairs]
        overall, per_class = _compare_labels(gold, pred_a, pred_b, data.task.labels, n_boot, seed, ci)
        headline = "macro_f1"
    else:
        overall, per_class = _compare_spans(
            data.task, [list(ex.spans) for ex in common], pairs, n_boot, seed, ci
        )
        headline = "value_f1"
    return {
        "schema": SCHEMA,
        "run_a": run_a,
        "run_b": run_b,
        "task": data.task.name,
        "task_kind": data.task.kind,
        "n_common": len(common),
        "headline": headline,
        "bootstrap": {"resamples": n_boot, "ci": ci, "method": "paired percentile", "seed": seed},
        "overall": overall,
        "per_class": per_class,
    }


def _row(a: Any, b: Any, low: Any, high: Any) -> dict[str, Any]:
    low, high = float(low), float(high)
    return {
        "a": float(a),
        "b": float(b),
        "diff": float(b) - float(a),
        "ci_low": low,
        "ci_high": high,
        "excludes_zero": bool(low > 0 or high < 0),
    }


def _compare_labels(
    gold: Sequence[str],
    pred_a: Sequence[str | None],
    pred_b: Sequence[str | None],
    labels: Sequence[str],
    n_boot: int,
    seed: int,
    ci: float,
) -> tuple[dict[str, Any], dict[str, Any]]:
    labels = list(labels)
    k = len(labels)
    index = {label: i for i, label in enumerate(labels)}
    unknown = sorted({g for g in gold if g not in index}, key=str)
    if unknown:
        raise ValueError(f"gold labels not in labels: {unknown}")
    gold_idx = np.array([index[g] for g in gold])
    # Index k is the confusion matrix's "outside the label set" column: None and unknown labels go there.
    rows = np.hstack([
        _confusion_rows(gold_idx, np.array([index.get(p, k) for p in pred]), k)
        for pred in (pred_a, pred_b)
    ])  # fmt: skip
    point = _class_stats(rows.sum(axis=0).reshape(2, k, k + 1))
    boot = _class_stats(_resampled_sums(rows, n_boot, seed).reshape(n_boot, 2, k, k + 1))

    overall = {}
    for name in DOCUMENT_METRICS:
        low, high = _interval(boot[name][:, 1] - boot[name][:, 0], ci)
        overall[name] = _row(point[name][0], point[name][1], low, high)
    # A class's F1 difference is left out of a resample only where neither run's F1 is defined there.
    f1_diff = boot["f1"][:, 1] - boot["f1"][:, 0]
    low, high = _interval(f1_diff, ci, boot["f1_defined"].any(axis=1))
    per_class = {
        label: _row(point["f1"][0, i], point["f1"][1, i], low[i], high[i]) for i, label in enumerate(labels)
    }
    return overall, per_class


def _span_rows(
    gold_spans: Sequence[list[SpanRecord]],
    pred_spans: Sequence[list[SpanRecord]],
    gold_values: Sequence[dict[str, list]],
    pred_values: Sequence[dict[str, list]],
    types: Sequence[str],
) -> np.ndarray:
    """Per-document counts (documents × (4 + 3 × fields)), counted by the very functions span_metrics
    and value_metrics count with, so that matching can never drift from theirs."""
    spans = m.span_counts(gold_spans, pred_spans, types).sum(axis=1)  # over types: the overall row
    values = m.value_counts(gold_values, pred_values, types)[:, :, :3]  # tp, gold, predicted per field
    return np.concatenate([spans, values.reshape(len(gold_spans), -1)], axis=1)


def _span_stats(counts: np.ndarray, n_fields: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """(F1, defined) of each span metric from summed count rows of shape (..., 4 + 3 × fields)."""
    fields = counts[..., _SPAN_COLS:].reshape(*counts.shape[:-1], n_fields, _FIELD_COLS)
    total = fields.sum(axis=-2)
    gold, pred = counts[..., 2], counts[..., 3]
    return {
        "strict_f1": (_prf(counts[..., 0], pred, gold)[2], gold + pred > 0),
        "lenient_f1": (_prf(counts[..., 1], pred, gold)[2], gold + pred > 0),
        "value_f1": (_prf(total[..., 0], total[..., 2], total[..., 1])[2], total[..., 1] + total[..., 2] > 0),
        "fields": (
            _prf(fields[..., 0], fields[..., 2], fields[..., 1])[2],
            fields[..., 1] + fields[..., 2] > 0,
        ),
    }


def _compare_spans(
    task: SpanTask,
    gold_spans: list[list[SpanRecord]],
    pairs: Sequence[tuple[StoredPrediction, StoredPrediction]],
    n_boot: int,
    seed: int,
    ci: float,
) -> tuple[dict[str, Any], dict[str, Any]]:
    types = list(task.types)
    gold_values = [m.values_from_spans(s) for s in gold_spans]
    rows = np.hstack([
        _span_rows(gold_spans, [list(p[r].spans) for p in pairs], gold_values,
                   [_predicted_values(task, p[r]) for p in pairs], types)
        for r in (0, 1)
    ])  # fmt: skip
    width = rows.shape[1] // 2
    point = _span_stats(rows.sum(axis=0).reshape(2, width), len(types))
    boot = _span_stats(_resampled_sums(rows, n_boot, seed).reshape(n_boot, 2, width), len(types))

    def compare(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        (pa, pb), (f1, defined) = point[name][0], boot[name]
        low, high = _interval(f1[:, 1] - f1[:, 0], ci, defined.any(axis=1))
        return pa, pb, low, high

    overall = {name: _row(*compare(name)) for name in SPAN_METRICS}
    a, b, low, high = compare("fields")
    per_class = {name: _row(a[f], b[f], low[f], high[f]) for f, name in enumerate(types)}
    return overall, per_class


def format_comparison(result: dict[str, Any]) -> str:
    """A plain-text table: each metric for run A and run B, the difference with its interval, and a
    ``*`` where the interval excludes 0."""
    boot = result["bootstrap"]
    ci = f"{boot['ci'] * 100:g}%"
    a, b = result["run_a"], result["run_b"]
    documents = result["task_kind"] == "document"
    names = DOCUMENT_METRICS if documents else SPAN_METRICS
    header = ["metric", f"run {a}", f"run {b}", f"difference ({ci} CI)", ""]

    def cells(name: str, r: dict[str, Any]) -> list[str]:
        diff = f"{r['diff']:+.3f} ({r['ci_low']:+.3f} to {r['ci_high']:+.3f})"
        return [name, f"{r['a']:.3f}", f"{r['b']:.3f}", diff, "*" if r["excludes_zero"] else ""]

    lines = [
        f"Run {a} (A) against run {b} (B) — task {result['task']} ({result['task_kind']}), "
        f"{result['n_common']} test documents both predicted",
        m._table(header, [cells(names[key], result["overall"][key]) for key in names]),
        "",
        m._table(
            ["label F1" if documents else "field value F1", *header[1:]],
            [cells(name, r) for name, r in result["per_class"].items()],
        ),
        "",
        f"difference = run {b} − run {a}; {boot['method']} bootstrap, {boot['resamples']} resamples of the "
        f"same documents for both runs (seed {boot['seed']}); * = the {ci} interval excludes 0",
    ]
    return "\n".join(lines)
