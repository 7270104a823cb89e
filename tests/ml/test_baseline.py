"""The TF-IDF + logistic regression baseline: learns a keyword task, saves, predicts, cancels."""

from __future__ import annotations

import json
import threading

import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Cancelled, RecordingReporter
from medlabel.ml.recipes import RunContext, baseline
from medlabel.ml.settings import BaselineSettings
from medlabel.ml.tasks import DocExample, DocTask
from tests.ml.toy import LABELS
from tests.ml.toy import toy_examples as _toy


def toy_examples(n: int, seed: int) -> list[DocExample]:
    return _toy(n, seed, distinct=True)


@pytest.fixture
def task() -> DocTask:
    return DocTask("pet", list(LABELS))


def test_learns_keyword_task_and_predicts_from_saved_files(task, tmp_path):
    reporter = RecordingReporter()
    result = baseline.train(
        task,
        toy_examples(42, 1),
        toy_examples(9, 2),
        RunContext(BaselineSettings(), None, tmp_path, reporter, None),
    )
    assert (tmp_path / baseline.MODEL_FILE).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.npz", "labels.json"]  # no pickle
    assert json.loads((tmp_path / baseline.LABELS_FILE).read_text()) == LABELS
    assert result["train_examples"] == 42
    assert result["best_val_macro_f1"] >= 0.9
    assert reporter.of("metrics")[0]["values"]["eval_macro_f1"] >= 0.9

    held_out = toy_examples(30, 3)
    predictions = baseline.predict(
        [e.text for e in held_out], RunContext(BaselineSettings(), None, tmp_path, RecordingReporter(), None)
    )
    assert len(predictions) == 30
    accuracy = sum(p.label == e.label for p, e in zip(predictions, held_out, strict=True)) / 30
    assert accuracy >= 0.9
    for p in predictions:
        assert set(p.probabilities) == set(LABELS)
        assert sum(p.probabilities.values()) == pytest.approx(1.0)
        assert p.confidence == max(p.probabilities.values())


def test_label_unseen_in_training_gets_zero_probability(tmp_path):
    task = DocTask("pet", [*LABELS, "fish"])
    baseline.train(
        task,
        toy_examples(30, 1),
        [],
        RunContext(BaselineSettings(class_weights=True), None, tmp_path, RecordingReporter(), None),
    )
    [prediction] = baseline.predict(
        ["a dog"], RunContext(BaselineSettings(), None, tmp_path, RecordingReporter(), None)
    )
    assert prediction.probabilities["fish"] == 0.0
    assert prediction.label == "dog"


def test_needs_two_labels_and_known_labels(task, tmp_path):
    only_cats = [DocExample(i, f"cat {i}", "cat") for i in range(5)]
    with pytest.raises(MedlabelError, match="at least two labels"):
        baseline.train(
            task, only_cats, [], RunContext(BaselineSettings(), None, tmp_path, RecordingReporter(), None)
        )
    with pytest.raises(MedlabelError, match="labels not in the label set 'pet': fish") as error:
        baseline.train(
            task,
            [*toy_examples(6, 1), DocExample(99, "fish", "fish")],
            [],
            RunContext(BaselineSettings(), None, tmp_path, RecordingReporter(), None),
        )
    assert error.value.code == "train.unknown_labels" and error.value.params["labels"] == ["fish"]


def test_cancel_before_start(task, tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        baseline.train(
            task,
            toy_examples(12, 1),
            [],
            RunContext(BaselineSettings(), None, tmp_path, RecordingReporter(), cancel),
        )
    assert not (tmp_path / baseline.MODEL_FILE).exists()
