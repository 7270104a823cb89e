"""Task data from the store, frozen splits, nested subsets, and a whole run with the baseline recipe."""

import threading

import pytest
from sklearn.metrics import f1_score

from medlabel.core.annotations import set_label
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_ids, set_split
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import Cancelled, RecordingReporter
from medlabel.core.run_results import RESULT_FILE, load_result
from medlabel.core.runs import get_predictions, get_run, list_runs
from medlabel.ml.data import data_hash, load_task, split_validation, stratified_order
from medlabel.ml.evaluate import evaluate_run, format_evaluation
from medlabel.ml.train import run_training

BASELINE = {"task": "smoking_status", "recipe": "baseline"}


@pytest.fixture
def smoking(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=160, labelled=120, test=30)
    yield project
    project.close()


def test_load_task_uses_frozen_split(smoking):
    data = load_task(smoking, "smoking_status")
    assert (len(data.train), len(data.test), len(data.unlabelled)) == (90, 30, 40)
    assert not data.new_test_split
    assert {ex.label for ex in data.test} <= set(data.task.labels)


def test_test_split_is_frozen_once_when_missing(smoking):
    set_split(smoking, document_ids(smoking), None, "t")
    first = load_task(smoking, "smoking_status")
    assert first.new_test_split and len(first.test) == 24  # 20 % of 120, stratified
    again = load_task(smoking, "smoking_status")
    assert not again.new_test_split
    assert [e.doc_id for e in again.test] == [e.doc_id for e in first.test]


def test_unknown_task_and_too_few_examples(tmp_path, smoking):
    with pytest.raises(MedlabelError, match=r"no task 'nope'.*smoking_status"):
        load_task(smoking, "nope")
    tiny = create_demo_project(tmp_path / "t", "smoking", documents=60, labelled=5, test=1)
    with pytest.raises(MedlabelError, match="only 5 annotated"):
        load_task(tiny, "smoking_status")
    tiny.close()


def test_nested_subsets_are_prefixes_and_stratified(smoking):
    train = load_task(smoking, "smoking_status").train
    order = stratified_order(train, seed=5)
    assert sorted(e.doc_id for e in order) == sorted(e.doc_id for e in train)
    assert stratified_order(train, seed=5) == order
    half = order[: len(order) // 2]
    for label in {e.label for e in train}:
        share_all = sum(e.label == label for e in train) / len(train)
        share_half = sum(e.label == label for e in half) / len(half)
        assert abs(share_all - share_half) < 0.08
    fit, val = split_validation(order, 0.2, seed=1)
    assert not {e.doc_id for e in fit} & {e.doc_id for e in val}
    assert len(val) == round(0.2 * len(order))


def test_data_hash_changes_with_a_label(smoking):
    data = load_task(smoking, "smoking_status")
    before = data_hash(data.train, data.test)
    ex = data.train[0]
    set_label(smoking, ex.doc_id, "smoking_status", "SMOKER" if ex.label != "SMOKER" else "UNKNOWN", "me")
    again = load_task(smoking, "smoking_status")
    assert data_hash(again.train, again.test) != before


def test_baseline_run_is_recorded_with_predictions_and_metrics(smoking):
    reporter = RecordingReporter()
    run_id = run_training(smoking, BASELINE, reporter)
    run = get_run(smoking, run_id)
    assert run.status == "completed" and run.recipe == "baseline" and run.train_size == 90
    assert run.data_hash and run.environment["scikit-learn"] and run.timings["total_s"] > 0
    assert run.config == {"task": "smoking_status", "recipe": "baseline", "preset": "default", "seed": 13,
                          "train_size": 0, "val_fraction": 0.15, "class_weights": True}  # fmt: skip
    folder = smoking.runs_dir / str(run_id)
    assert (folder / "baseline.npz").is_file()
    assert not list(folder.glob("*.joblib"))  # no pickle in a run folder
    # The result went to the run folder first, then into the store; a document run is calibrated.
    saved = load_result(folder)
    assert (folder / RESULT_FILE).is_file() and saved.status == "completed"
    assert saved.metrics == run.metrics and len(saved.predictions) == 30
    assert (folder / "calibration.json").is_file()
    assert {"temperature", "ece_before", "ece_after"} <= set(run.metrics["calibration"])
    preds = get_predictions(smoking, run_id)
    assert len(preds) == 30
    result = evaluate_run(smoking, run_id)
    data = load_task(smoking, "smoking_status")
    gold = {e.doc_id: e.label for e in data.test}
    expected = f1_score(
        [gold[p.document_id] for p in preds],
        [p.label for p in preds],
        labels=data.task.labels,
        average="macro",
        zero_division=0,
    )
    assert result["metrics"]["macro_f1"]["value"] == pytest.approx(expected)
    assert result["metrics"]["macro_f1"]["ci_low"] <= expected <= result["metrics"]["macro_f1"]["ci_high"]
    started, finished = reporter.of("started"), reporter.of("finished")
    assert len(started) == len(finished) == 1 and started[0]["args"][0] == finished[0]["args"][0] == run_id
    assert started[0]["args"][1] == run.config  # the resolved settings
    assert finished[0]["args"][1]["name"] == "macro_f1"
    assert finished[0]["args"][1]["value"] == pytest.approx(expected)
    assert reporter.events[-1]["event"] == "finished"
    assert [r.id for r in list_runs(smoking)] == [run_id]


def test_cancelled_and_failed_runs_are_recorded(smoking):
    cancel = threading.Event()
    cancel.set()
    reporter = RecordingReporter()
    with pytest.raises(Cancelled):
        run_training(smoking, BASELINE, reporter, cancel)
    assert reporter.events[-1]["event"] == "cancelled"
    # Refused before a run starts: nothing is recorded.
    with pytest.raises(MedlabelError, match="no such model folder"):
        run_training(smoking, {"task": "smoking_status", "model": "/nowhere/model"}, RecordingReporter())
    with pytest.raises(MedlabelError, match="cannot learn a document task"):
        run_training(smoking, {"task": "smoking_status", "recipe": "tagger"}, RecordingReporter())
    with pytest.raises(MedlabelError, match="epochs does not apply to the baseline recipe") as error:
        run_training(smoking, {**BASELINE, "epochs": 3}, RecordingReporter())
    assert error.value.code == "train.option_not_for_recipe"
    with pytest.raises(MedlabelError, match="choose a task; this project has: smoking_status") as error:
        run_training(smoking, {"recipe": "baseline"}, RecordingReporter())
    assert error.value.code == "train.no_task"
    runs = list_runs(smoking)
    assert [r.status for r in runs] == ["cancelled"]
    assert runs[0].error == "cancelled by the user"


def test_error_inside_training_marks_the_run_failed(smoking, monkeypatch):
    from medlabel.ml.recipes import baseline

    def boom(*args, **kwargs):
        raise RuntimeError("CUDA out of memory. Tried to allocate 2 GiB")

    monkeypatch.setattr(baseline, "train", boom)
    reporter = RecordingReporter()
    with pytest.raises(MedlabelError, match=r"ran out of memory.*batch_size") as error:
        run_training(smoking, BASELINE, reporter)
    assert error.value.code == "train.failed"
    (run,) = list_runs(smoking)
    assert run.status == "failed" and "out of memory" in run.error and run.finished_at
    failed = reporter.events[-1]
    assert failed["event"] == "failed" and failed["args"][:2] == [run.id, "out_of_memory"]
    assert load_result(smoking.runs_dir / str(run.id)).status == "failed"


def test_a_run_that_gives_every_report_one_label_is_flagged(smoking, monkeypatch, capsys):
    from medlabel.cli import main
    from medlabel.ml.recipes import baseline
    from medlabel.ml.tasks import DocPrediction

    def one_label(texts, ctx):
        return [DocPrediction("UNKNOWN", 0.9, {"UNKNOWN": 0.9}) for _ in texts]

    reporter = RecordingReporter()
    good = run_training(smoking, BASELINE, reporter)
    assert "warnings" not in get_run(smoking, good).info
    assert "Warning" not in "\n".join(e["message"] for e in reporter.of("log"))

    monkeypatch.setattr(baseline, "predict", one_label)
    reporter = RecordingReporter()
    collapsed = run_training(smoking, BASELINE, reporter)
    run = get_run(smoking, collapsed)
    assert run.status == "completed"
    (warning,) = run.info["warnings"]
    assert "same label, 'UNKNOWN'" in warning and "lower learning rate" in warning
    assert any(warning in e["message"] for e in reporter.of("log"))
    assert [e["args"][0] for e in reporter.of("warning")] == ["run.one_label"]
    assert f"Warning: {warning}." in format_evaluation(evaluate_run(smoking, collapsed))
    assert "Warning" not in format_evaluation(evaluate_run(smoking, good))

    smoking.close()
    assert main(["runs", str(smoking.root)]) == 0
    out = capsys.readouterr().out
    assert f"Run {collapsed}: {warning}." in out and f"Run {good}:" not in out


def test_a_run_the_baseline_beats_on_validation_says_so(smoking, monkeypatch, tiny_bert_dir):
    from medlabel.ml.recipes import baseline

    real_train = baseline.train

    def strong_baseline(*args, **kwargs):
        return {**real_train(*args, **kwargs), "best_val_macro_f1": 1.0}

    monkeypatch.setattr(baseline, "train", strong_baseline)
    reporter = RecordingReporter()
    settings = {"task": "smoking_status", "recipe": "classifier", "model": str(tiny_bert_dir.path),
                "epochs": 1, "max_length": 32, "long_text": "head_tail", "early_stopping": 0}  # fmt: skip
    run = get_run(smoking, run_training(smoking, settings, reporter))
    assert run.status == "completed" and run.info["baseline_best_val_macro_f1"] == 1.0
    assert any("baseline (word statistics) scored higher" in w for w in run.info["warnings"])
    assert "run.baseline_better" in [e["args"][0] for e in reporter.of("warning")]
