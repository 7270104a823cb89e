"""Comparing two runs with the paired bootstrap: point values against the single-run metrics, the pairing
itself (identical runs, a clearly better run, narrower than unpaired), span tasks, and the refusals."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import RecordingReporter
from medlabel.core.runs import StoredPrediction, finish_run, get_predictions, start_run, store_predictions
from medlabel.ml.compare import compare_runs, format_comparison
from medlabel.ml.data import load_task
from medlabel.ml.metrics import (
    _class_stats,
    _confusion_rows,
    _resampled_sums,
    classification_metrics,
    span_metrics,
    value_metrics,
    values_from_spans,
)
from medlabel.ml.train import run_training

DOC_METRICS = ("accuracy", "micro_f1", "macro_f1", "weighted_f1")


def _label_prediction(doc_id: int, label: str | None, valid: bool = True) -> StoredPrediction:
    return StoredPrediction(doc_id, label, 1.0, {}, [], [], None, valid)


def _span_prediction(doc_id: int, spans: list) -> StoredPrediction:
    return StoredPrediction(doc_id, None, 1.0, {}, list(spans), [None] * len(spans), None, True)


def _stored_run(project, task: str, predictions: list[StoredPrediction], status: str = "completed") -> int:
    kind = "spans" if task == "entities" else "document"
    run_id = start_run(project, task=task, task_kind=kind, recipe="baseline", config={})
    store_predictions(project, run_id, predictions)
    if status != "running":
        finish_run(project, run_id, status)
    return run_id


@pytest.fixture(scope="module")
def smoking(tmp_path_factory):
    """Two trained baseline runs, a copy of the first, a perfect run and one with invalid answers."""
    project = create_demo_project(
        tmp_path_factory.mktemp("cmp") / "s", "smoking", documents=160, labelled=120, test=30
    )
    settings = {"task": "smoking_status", "recipe": "baseline"}
    a = run_training(project, settings | {"seed": 1}, RecordingReporter())
    b = run_training(project, settings | {"train_size": 30}, RecordingReporter())
    test = load_task(project, "smoking_status", freeze_split=False).test
    copy = _stored_run(project, "smoking_status", get_predictions(project, a))
    perfect = _stored_run(project, "smoking_status", [_label_prediction(ex.doc_id, ex.label) for ex in test])
    # Right on most documents, but three unparsable answers and one label outside the label set.
    flawed = [_label_prediction(ex.doc_id, ex.label) for ex in test]
    for i in range(3):
        flawed[i] = _label_prediction(test[i].doc_id, None, valid=False)
    flawed[3] = _label_prediction(test[3].doc_id, "SOMETIMES", valid=False)
    invalid = _stored_run(project, "smoking_status", flawed)
    yield project, {"a": a, "b": b, "copy": copy, "perfect": perfect, "invalid": invalid}
    project.close()


def _gold_and_labels(project, run_id: int) -> tuple[list[str], list[str | None], list[str]]:
    data = load_task(project, "smoking_status", freeze_split=False)
    by_doc = {p.document_id: p.label for p in get_predictions(project, run_id)}
    return [ex.label for ex in data.test], [by_doc[ex.doc_id] for ex in data.test], data.task.labels


@pytest.mark.parametrize("pair", [("a", "b"), ("a", "invalid")])
def test_point_values_equal_classification_metrics(smoking, pair):
    project, runs = smoking
    result = compare_runs(project, runs[pair[0]], runs[pair[1]], n_boot=200)
    assert result["schema"] == "medlabel.comparison/1"
    assert (result["run_a"], result["run_b"]) == (runs[pair[0]], runs[pair[1]])
    assert (result["task"], result["task_kind"], result["headline"]) == (
        "smoking_status",
        "document",
        "macro_f1",
    )
    assert result["n_common"] == 30
    assert result["bootstrap"] == {"resamples": 200, "ci": 0.95, "method": "paired percentile", "seed": 0}
    for side, run_key in zip(("a", "b"), pair, strict=True):
        gold, pred, labels = _gold_and_labels(project, runs[run_key])
        single = classification_metrics(gold, pred, labels, n_boot=1)
        assert list(result["overall"]) == list(DOC_METRICS)
        for name in DOC_METRICS:
            assert result["overall"][name][side] == pytest.approx(single[name]["value"], abs=1e-12)
        assert list(result["per_class"]) == labels
        for label in labels:
            assert result["per_class"][label][side] == pytest.approx(
                single["per_class"][label]["f1"], abs=1e-12
            )
    for row in [*result["overall"].values(), *result["per_class"].values()]:
        assert row["diff"] == pytest.approx(row["b"] - row["a"])
        assert row["ci_low"] <= row["ci_high"]
        assert row["excludes_zero"] == (row["ci_low"] > 0 or row["ci_high"] < 0)
    if pair[1] == "invalid":
        # The four invalid answers are wrong: 26 of 30 right.
        assert result["overall"]["accuracy"]["b"] == pytest.approx(26 / 30)


def test_identical_predictions_give_zero_difference_and_interval(smoking):
    project, runs = smoking
    result = compare_runs(project, runs["a"], runs["copy"], n_boot=200)
    for row in [*result["overall"].values(), *result["per_class"].values()]:
        assert row["a"] == row["b"]
        assert (row["diff"], row["ci_low"], row["ci_high"], row["excludes_zero"]) == (0.0, 0.0, 0.0, False)


def test_clearly_better_run_excludes_zero(smoking):
    project, runs = smoking
    result = compare_runs(project, runs["a"], runs["perfect"], n_boot=200)
    for name in DOC_METRICS:
        row = result["overall"][name]
        assert row["b"] == 1.0 and row["diff"] > 0.3
        assert row["excludes_zero"] and row["ci_low"] > 0
    # The other way round, the difference and its interval are negative.
    reverse = compare_runs(project, runs["perfect"], runs["a"], n_boot=200)["overall"]["macro_f1"]
    assert reverse["diff"] < 0 and reverse["ci_high"] < 0 and reverse["excludes_zero"]

    text = format_comparison(result)
    assert f"Run {runs['a']} (A) against run {runs['perfect']} (B)" in text
    macro = next(line for line in text.splitlines() if line.startswith("macro-F1"))
    row = result["overall"]["macro_f1"]
    assert f"{row['diff']:+.3f} ({row['ci_low']:+.3f} to {row['ci_high']:+.3f})" in macro
    assert macro.rstrip().endswith("*")
    same = format_comparison(compare_runs(project, runs["a"], runs["copy"], n_boot=50))
    assert "*" not in same.split("\n\n")[0]


def _macro_f1_interval_width(samples: np.ndarray) -> float:
    low, high = np.percentile(samples, [2.5, 97.5])
    return float(high - low)


def test_paired_interval_no_wider_than_unpaired(smoking):
    project, runs = smoking
    n_boot = 1000
    row = compare_runs(project, runs["a"], runs["b"], n_boot=n_boot, seed=3)["overall"]["macro_f1"]
    gold, pred_a, labels = _gold_and_labels(project, runs["a"])
    _, pred_b, _ = _gold_and_labels(project, runs["b"])
    # The two baselines agree on most documents: that correlation is what pairing keeps.
    assert np.mean([x == y for x, y in zip(pred_a, pred_b, strict=True)]) > 0.6
    k = len(labels)
    index = {label: i for i, label in enumerate(labels)}
    gold_idx = np.array([index[g] for g in gold])

    def resampled_macro(pred: list, seed: int) -> np.ndarray:
        rows = _confusion_rows(gold_idx, np.array([index.get(p, k) for p in pred]), k)
        return _class_stats(_resampled_sums(rows, n_boot, seed).reshape(n_boot, k, k + 1))["macro_f1"]

    # Unpaired: each run resampled on its own documents, independently.
    unpaired = _macro_f1_interval_width(resampled_macro(pred_b, 11) - resampled_macro(pred_a, 12))
    paired = row["ci_high"] - row["ci_low"]
    assert 0 < paired <= unpaired


def test_refusals(smoking):
    project, runs = smoking
    with pytest.raises(MedlabelError) as e:
        compare_runs(project, runs["a"], runs["a"])
    assert e.value.code == "compare.same_run" and e.value.params == {"run": runs["a"]}

    running = _stored_run(project, "smoking_status", [], status="running")
    with pytest.raises(MedlabelError) as e:
        compare_runs(project, runs["a"], running)
    assert e.value.code == "compare.not_completed"
    assert e.value.params == {"run": running, "status": "running"}
    assert f"run {running} is running" in str(e.value)

    # A span run of the cardio task, as the cardio demo's "entities" would be.
    entities = _stored_run(project, "entities", [])
    with pytest.raises(MedlabelError) as e:
        compare_runs(project, entities, runs["b"])
    assert e.value.code == "compare.different_task"
    assert e.value.params == {
        "run_a": entities, "run_b": runs["b"], "task_a": "entities", "task_b": "smoking_status",
    }  # fmt: skip

    # Predictions only for training documents: nothing to pair on the test split.
    data = load_task(project, "smoking_status", freeze_split=False)
    train_only = _stored_run(
        project, "smoking_status", [_label_prediction(ex.doc_id, ex.label) for ex in data.train]
    )
    with pytest.raises(MedlabelError) as e:
        compare_runs(project, runs["a"], train_only)
    assert e.value.code == "compare.no_common"
    assert e.value.params == {"run_a": runs["a"], "run_b": train_only}


def test_span_comparison_on_common_documents(tmp_path):
    project = create_demo_project(tmp_path / "c", "cardio", documents=80, labelled=60, test=20)
    try:
        data = load_task(project, "entities", freeze_split=False)
        test = data.test
        assert len(test) == 20
        perfect = _stored_run(project, "entities", [_span_prediction(ex.doc_id, ex.spans) for ex in test])
        # Run B predicts 16 of the 20 documents; on every other one it misses the first field's spans and
        # gives a wrong value (same offsets) for the second span.
        worse_spans = {}
        for i, ex in enumerate(test[:16]):
            spans = list(ex.spans)
            if i % 2 == 0 and spans:
                first = spans[0].type
                spans = [s for s in spans if s.type != first]
                if len(spans) > 1:
                    spans[1] = dataclasses.replace(spans[1], value=(spans[1].value or 0) + 1000.0)
            worse_spans[ex.doc_id] = spans
        worse = _stored_run(project, "entities", [_span_prediction(d, s) for d, s in worse_spans.items()])

        result = compare_runs(project, perfect, worse, n_boot=200)
        assert (result["task_kind"], result["headline"], result["n_common"]) == ("spans", "value_f1", 16)
        assert list(result["overall"]) == ["strict_f1", "lenient_f1", "value_f1"]
        assert list(result["per_class"]) == data.task.types

        common = test[:16]
        gold = [list(ex.spans) for ex in common]
        pred = [worse_spans[ex.doc_id] for ex in common]
        spans = span_metrics(gold, pred, data.task.types, n_boot=1)
        values = value_metrics(
            [values_from_spans(g) for g in gold],
            [values_from_spans(p) for p in pred],
            data.task.types,
            n_boot=1,
        )
        expected_value_f1 = values["overall"]["f1"]
        assert 0.5 < expected_value_f1 < 0.99
        overall = result["overall"]
        assert overall["value_f1"]["a"] == 1.0
        assert overall["value_f1"]["b"] == pytest.approx(expected_value_f1, abs=1e-12)
        assert overall["value_f1"]["diff"] == pytest.approx(expected_value_f1 - 1.0, abs=1e-12)
        assert overall["value_f1"]["ci_high"] < 0 and overall["value_f1"]["excludes_zero"]
        assert overall["strict_f1"]["b"] == pytest.approx(spans["strict"]["overall"]["f1"], abs=1e-12)
        assert overall["lenient_f1"]["b"] == pytest.approx(spans["lenient"]["overall"]["f1"], abs=1e-12)
        for name in data.task.types:
            row = result["per_class"][name]
            # Run A is perfect; a field no common document has is 0, as metrics count undefined F1s.
            has_field = values["per_field"][name]["tp"] + values["per_field"][name]["fn"] > 0
            assert row["a"] == (1.0 if has_field else 0.0)
            assert row["b"] == pytest.approx(values["per_field"][name]["f1"], abs=1e-12)
        assert "value F1" in format_comparison(result) and "field value F1" in format_comparison(result)
    finally:
        project.close()
