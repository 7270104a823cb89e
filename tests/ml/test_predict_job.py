"""The app's prediction job: which documents it predicts with a finished run, and what it stores."""

import pytest

from medlabel.core.annotations import add_span
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_ids, set_split
from medlabel.core.errors import MedlabelError
from medlabel.core.jobs import NullReporter, RecordingReporter
from medlabel.core.runs import finish_run, get_predictions, start_run
from medlabel.ml import predict
from medlabel.ml.data import load_task
from medlabel.ml.predict import predict_job
from medlabel.ml.train import run_training

BASELINE = {"task": "smoking_status", "recipe": "baseline"}


@pytest.fixture
def smoking(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=100, labelled=70, test=20)
    yield project
    project.close()


def test_unlabelled_then_all_with_a_real_baseline_run(smoking):
    run_id = run_training(smoking, BASELINE, NullReporter())
    data = load_task(smoking, "smoking_status")
    test_ids = {ex.doc_id for ex in data.test}
    unlabelled = {ex.doc_id for ex in data.unlabelled}
    assert len(unlabelled) == 30 and {p.document_id for p in get_predictions(smoking, run_id)} == test_ids

    reporter = RecordingReporter()
    assert predict_job(smoking, run_id, "unlabelled", reporter, None) == 30
    assert any("30 document(s)" in e["message"] for e in reporter.of("log"))
    stored = get_predictions(smoking, run_id)
    assert {p.document_id for p in stored} == test_ids | unlabelled  # exactly the unlabelled were added

    assert predict_job(smoking, run_id, "all", NullReporter(), None) == 100
    stored = get_predictions(smoking, run_id)
    assert [p.document_id for p in stored] == document_ids(smoking)
    labels = set(data.task.labels)
    for p in stored:
        # Calibrated as the run was: a distribution over the label set whose top label is the answer.
        assert p.valid and set(p.probabilities) == labels
        assert sum(p.probabilities.values()) == pytest.approx(1.0, abs=1e-6)
        assert p.label == max(p.probabilities, key=p.probabilities.__getitem__)
        assert p.confidence == pytest.approx(p.probabilities[p.label])
    assert (smoking.runs_dir / str(run_id) / "calibration.json").is_file()


def test_nothing_to_predict_when_every_document_is_labelled(tmp_path):
    project = create_demo_project(tmp_path / "full", "smoking", documents=40, labelled=40, test=10)
    run_id = start_run(
        project, task="smoking_status", task_kind="document", recipe="baseline", config=BASELINE
    )
    finish_run(project, run_id, "completed")
    with pytest.raises(MedlabelError, match="nothing to predict") as error:
        predict_job(project, run_id, "unlabelled", NullReporter(), None)
    assert error.value.code == "predict.nothing_to_predict"
    assert error.value.params == {"which": "unlabelled"}
    assert get_predictions(project, run_id) == []
    with pytest.raises(ValueError, match="which is one of"):
        predict_job(project, run_id, "some", NullReporter(), None)
    project.close()


def test_unlabelled_entities_are_those_without_spans_or_split(tmp_path, monkeypatch):
    # The same rule as training: a report with no spans but a split is a negative example, not unlabelled.
    project = create_demo_project(tmp_path / "c", "cardio", documents=30, labelled=15, test=5)
    run_id = start_run(project, task="entities", task_kind="spans", recipe="tagger", config={})
    finish_run(project, run_id, "completed")
    ids = document_ids(project)
    rest = ids[15:]
    add_span(project, rest[0], 0, 4, "LV-EF", "ann")
    set_split(project, [rest[1]], "train", "ann")
    asked: list[list[int]] = []

    def fake_prediction(project, run_id, doc_ids, reporter, cancel=None, allow_pickle=False):
        asked.append(list(doc_ids))
        return [object()] * len(doc_ids)

    monkeypatch.setattr(predict, "run_prediction", fake_prediction)
    assert predict_job(project, run_id, "unlabelled", NullReporter(), None) == 13
    assert asked == [rest[2:]]
    assert predict_job(project, run_id, "all", NullReporter(), None) == 30
    assert asked[1] == ids
    project.close()
