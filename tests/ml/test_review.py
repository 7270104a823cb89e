"""The review of a run: the same figures as ``medlabel evaluate``, the reports behind each confusion cell,
errors by kind (labels and spans), the stale marker after a gold fix, re-scoring, and audited decisions."""

import pytest

from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import RecordingReporter
from medlabel.core.notes import get_note
from medlabel.core.records import SpanRecord
from medlabel.core.review_actions import decide, reviewed
from medlabel.core.runs import StoredPrediction, finish_run, get_run, start_run, store_predictions
from medlabel.core.suggestions import accepted_from
from medlabel.ml.data import load_task
from medlabel.ml.evaluate import evaluate_run
from medlabel.ml.review import rescore_run, review_run
from medlabel.ml.train import run_training


@pytest.fixture(scope="module")
def smoking(tmp_path_factory):
    project = create_demo_project(tmp_path_factory.mktemp("r") / "s", "smoking", 160, 120, 30)
    run_id = run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    yield project, run_id
    project.close()


def test_review_shows_what_evaluate_computes(smoking):
    project, run_id = smoking
    review = review_run(project, run_id)
    assert review.evaluation["metrics"] == evaluate_run(project, run_id)["metrics"]
    matrix = review.evaluation["metrics"]["confusion_matrix"]
    for i, gold in enumerate(matrix["labels"]):
        for j, predicted in enumerate(matrix["labels"]):
            assert len(review.cells.get((gold, predicted), [])) == matrix["matrix"][i][j]
    # Every test report is in exactly one cell, and a cell lists the reports with that gold and prediction.
    listed = sorted(d for docs in review.cells.values() for d in docs)
    assert listed == sorted(it.doc_id for it in review.items)
    for (gold, predicted), docs in review.cells.items():
        for doc in docs:
            item = review.item(doc)
            assert (item.gold, item.predicted) == (gold, predicted)
    wrong = {it.doc_id for it in review.items if not it.correct}
    assert {e.doc_id for e in review.errors} == wrong
    confidences = [e.confidence for e in review.errors]
    assert confidences == sorted(confidences, reverse=True)


def test_accepting_a_prediction_changes_gold_audit_and_stale_marker(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", 160, 120, 30)
    run_id = run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    review = review_run(project, run_id)
    assert review.stale == []
    error = review.errors[0]
    assert decide(
        project, "accept", error.doc_id, "smoking_status", error.gold, error.predicted, "Dr. R", run_id
    )
    assert get_labels(project, error.doc_id)["smoking_status"] == error.predicted
    assert accepted_from(project, error.doc_id)[-1].after == {"run": run_id, "label": error.predicted}
    after = review_run(project, run_id)
    assert after.stale == [error.doc_id]
    assert error.doc_id not in {e.doc_id for e in after.errors}
    assert (
        after.evaluation["metrics"]["accuracy"]["value"] > review.evaluation["metrics"]["accuracy"]["value"]
    )
    assert reviewed(project, run_id) == {error.doc_id: "accepted"}
    # The stored figures are the old ones until re-scored; then they match the page and the marker goes.
    assert get_run(project, run_id).metrics["accuracy"] == review.evaluation["metrics"]["accuracy"]
    rescore_run(project, run_id)
    stored = get_run(project, run_id).metrics
    assert stored["accuracy"] == after.evaluation["metrics"]["accuracy"]
    assert review_run(project, run_id).stale == []
    # Keep and flag change no gold: an audit row, a flag with the question in the note.
    other = after.errors[0]
    assert not decide(
        project, "keep", other.doc_id, "smoking_status", other.gold, other.predicted, "Dr. R", run_id
    )
    assert history(project, other.doc_id)[-1].action == "confirm_gold"
    assert reviewed(project, run_id)[other.doc_id] == "kept"
    assert not decide(
        project, "flag", other.doc_id, "smoking_status", other.gold, other.predicted, "Dr. R", run_id
    )
    note = get_note(project, other.doc_id)
    assert note.flagged and f"run {run_id}" in note.text
    # A label chosen by hand is ordinary gold, not an accepted suggestion.
    hand = next(lab for lab in ("NON-SMOKER", "UNKNOWN") if lab != other.gold)
    assert decide(project, hand, other.doc_id, "smoking_status", other.gold, other.predicted, "Dr. R", run_id)
    assert get_labels(project, other.doc_id)["smoking_status"] == hand
    project.close()


def test_span_errors_are_named_by_kind_and_accepting_fixes_gold(tmp_path):
    project = create_demo_project(tmp_path / "c", "cardio", 60, 50, 15)
    data = load_task(project, "entities")
    doc = next(ex for ex in data.test if len(ex.spans) >= 4)
    g = sorted(doc.spans, key=lambda s: s.start)
    value = g[1].value + 5 if g[1].value is not None else None
    predicted = [
        g[0],  # correct
        SpanRecord(g[1].start, g[1].end, g[1].type, value, g[1].unit, g[1].code),  # wrong value
        SpanRecord(g[2].start, g[2].end, "LVM" if g[2].type != "LVM" else "LVEF", g[2].value, g[2].unit),
        # g[3] missed; one spurious span over the first two characters of the report
        SpanRecord(0, 2, g[0].type, None, None, None),
    ]
    run_id = start_run(project, task="entities", task_kind="spans", recipe="tagger", config={})
    stored = [StoredPrediction(ex.doc_id, None, 0.9, {}, list(ex.spans), [0.9] * len(ex.spans), None, True)
              for ex in data.test if ex.doc_id != doc.doc_id]  # fmt: skip
    stored.append(StoredPrediction(doc.doc_id, None, 0.8, {}, predicted, [0.9, 0.7, 0.6, 0.95], None, True))
    store_predictions(project, run_id, stored)
    finish_run(project, run_id, "completed", metrics={})
    review = review_run(project, run_id)
    kinds = sorted((e.kind, e.cls) for e in review.errors)
    expected = [
        ("missed", g[3].type),
        ("spurious", g[0].type),
        ("wrong_type", g[2].type),
        ("wrong_value", g[1].type),
    ]
    expected += [("missed", s.type) for s in g[4:]]
    assert kinds == sorted(expected)
    spurious = next(e for e in review.errors if e.kind == "spurious")
    assert spurious.confidence == 0.95 and review.errors[0] == spurious  # the most confident first
    wrong_value = next(e for e in review.errors if e.kind == "wrong_value")
    decide(
        project, "accept", doc.doc_id, "entities", wrong_value.gold, wrong_value.predicted, "Dr. R", run_id
    )
    fixed = [s for s in get_spans(project, doc.doc_id) if (s.start, s.end) == (g[1].start, g[1].end)]
    assert [s.value for s in fixed] == [value]
    assert accepted_from(project, doc.doc_id)[-1].after["run"] == run_id
    missed = next(e for e in review.errors if e.kind == "missed" and e.gold == g[3])
    decide(project, "accept", doc.doc_id, "entities", missed.gold, missed.predicted, "Dr. R", run_id)
    assert not [s for s in get_spans(project, doc.doc_id) if (s.start, s.end) == (g[3].start, g[3].end)]
    after = review_run(project, run_id)
    assert after.stale == [doc.doc_id]
    assert "wrong_value" not in {e.kind for e in after.errors}
    project.close()


def test_a_run_that_did_not_complete_is_not_reviewed(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", 80, 60, 20)
    load_task(project, "smoking_status")
    run_id = start_run(project, task="smoking_status", task_kind="document", recipe="baseline", config={})
    finish_run(project, run_id, "failed", error="boom")
    with pytest.raises(Exception, match="failed") as info:
        review_run(project, run_id)
    assert info.value.code == "review.not_completed"
    project.close()
