"""Suggestions from a run's stored predictions: provenance of accepted ones, uncertainty and the order
in which to annotate."""

import random
import time

import pytest
from sqlalchemy import event

from medlabel.core.annotations import add_span, delete_span, get_labels, get_spans, set_label
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_ids
from medlabel.core.errors import NotFoundError
from medlabel.core.importing import import_batch
from medlabel.core.project import create_project
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec, SpanRecord
from medlabel.core.runs import StoredPrediction, finish_run, start_run, store_predictions
from medlabel.core.suggestions import accepted_from, suggestions, uncertainty, uncertainty_order

TEXT = "LVEF 55 %, RVEF 48 %. Café"


def fake_run(project, task: str = "status", kind: str = "document") -> int:
    """A completed run without a model, as far as the store is concerned."""
    run_id = start_run(project, task=task, task_kind=kind, recipe="baseline", config={"task": task})
    finish_run(project, run_id, "completed")
    return run_id


def doc_pred(doc_id: int, probabilities: dict[str, float], valid: bool = True) -> StoredPrediction:
    label = max(probabilities, key=probabilities.__getitem__) if probabilities else None
    confidence = probabilities[label] if label else None
    return StoredPrediction(doc_id, label, confidence, probabilities, [], [], None, valid)


def span_pred(
    doc_id: int, confidences: list[float | None], confidence: float | None = None
) -> StoredPrediction:
    spans = [SpanRecord(i, i + 1, "LV-EF") for i in range(len(confidences))]
    return StoredPrediction(doc_id, None, confidence, {}, spans, confidences, None, True)


@pytest.fixture
def project(tmp_path):
    p = create_project(tmp_path / "p")
    import_batch(
        p,
        ImportBatch(
            "t",
            [DocRecord(TEXT, "r1"), DocRecord("other", "r2")],
            [LabelSetSpec("status", ["good", "bad"])],
            [EntityTypeSpec("LV-EF", normaliser={"kind": "number", "units": ["%"]}), EntityTypeSpec("RV-EF")],
        ),
    )
    yield p
    p.close()


def test_accepted_label_records_its_run_in_the_same_change(project):
    run_id = fake_run(project)
    assert set_label(project, 1, "status", "good", "ann", suggested_by=run_id) is None
    assert get_labels(project, 1) == {"status": "good"}
    change, accepted = history(project, document_id=1)
    assert (change.action, change.target, change.before, change.after) == (
        "set_label",
        "status",
        None,
        "good",
    )
    assert accepted_from(project, 1) == [accepted]
    assert (accepted.action, accepted.annotator, accepted.document_id, accepted.target) == (
        "accept_suggestion",
        "ann",
        1,
        "status",
    )
    assert accepted.after == {"run": run_id, "label": "good"}
    assert accepted.at == change.at  # written together with the label
    # Accepting the label the document already has changes nothing, so it records nothing either.
    assert set_label(project, 1, "status", "good", "bob", suggested_by=run_id) == "good"
    assert len(history(project, document_id=1)) == 2
    # Correcting it by hand afterwards (or undoing) is an ordinary change without provenance.
    assert set_label(project, 1, "status", None, "ann") == "good"
    assert [e.action for e in history(project, document_id=1)] == [
        "set_label",
        "accept_suggestion",
        "set_label",
    ]
    assert accepted_from(project, 1) == [accepted]
    assert accepted_from(project, 2) == []


def test_without_suggested_by_nothing_changes(project):
    fake_run(project)
    set_label(project, 1, "status", "bad", "ann")
    span_id = add_span(project, 1, 0, 7, "LV-EF", "ann", value=55.0, unit="%")
    assert accepted_from(project, 1) == []
    assert [(e.action, e.target) for e in history(project, document_id=1)] == [
        ("set_label", "status"),
        ("add_span", str(span_id)),
    ]


def test_accepted_span_records_its_run_and_undo_still_works(project):
    run_id = fake_run(project, "entities", "spans")
    span_id = add_span(project, 1, 0, 7, "LV-EF", "ann", value=55.0, unit="%", suggested_by=run_id)
    (span,) = get_spans(project, 1)
    assert (span.id, span.start, span.end, span.type, span.value, span.unit) == (
        span_id,
        0,
        7,
        "LV-EF",
        55.0,
        "%",
    )
    added, accepted = history(project, document_id=1)
    assert added.action == "add_span" and added.target == str(span_id)
    assert accepted.action == "accept_suggestion" and accepted.target == "LV-EF"
    assert accepted.after == {"run": run_id, "span": added.after}
    assert added.after == {"start": 0, "end": 7, "type": "LV-EF", "value": 55.0, "unit": "%", "code": None}
    assert accepted_from(project, 1) == [accepted]
    # Undo and redo through the same functions, as the app does.
    delete_span(project, span_id, "ann")
    assert get_spans(project, 1) == []
    assert add_span(project, 1, 0, 7, "LV-EF", "ann", value=55.0, unit="%", span_id=span_id) == span_id
    assert [s.id for s in get_spans(project, 1)] == [span_id]
    assert accepted_from(project, 1) == [accepted]


def test_unknown_run_or_accepting_no_label_is_refused_without_a_change(project):
    with pytest.raises(NotFoundError, match="no run 99"):
        set_label(project, 1, "status", "good", "ann", suggested_by=99)
    with pytest.raises(NotFoundError, match="no run 99"):
        add_span(project, 1, 0, 7, "LV-EF", "ann", suggested_by=99)
    assert get_labels(project, 1) == {} and get_spans(project, 1) == []
    assert history(project, document_id=1) == []  # the change rolled back with its audit row
    with pytest.raises(ValueError, match="names a label"):
        set_label(project, 1, "status", None, "ann", suggested_by=fake_run(project))


def test_uncertainty_of_document_predictions():
    assert uncertainty(doc_pred(1, {"a": 0.6, "b": 0.3, "c": 0.1})) == pytest.approx(0.7)
    assert uncertainty(doc_pred(1, {"a": 0.5, "b": 0.5})) == pytest.approx(1.0)
    assert uncertainty(doc_pred(1, {"a": 0.98, "b": 0.02})) == pytest.approx(0.04)
    assert uncertainty(doc_pred(1, {"a": 0.9})) == pytest.approx(0.1)  # one probability: 1 - p1
    assert uncertainty(doc_pred(1, {"a": 1.0000001, "b": 0.0})) == 0.0  # clamped into [0, 1]
    # An instruct answer without probabilities, and one that could not be read.
    assert uncertainty(StoredPrediction(1, "a", 0.8, {}, [], [], "a", True)) == pytest.approx(0.2)
    assert uncertainty(StoredPrediction(1, None, None, {}, [], [], "??", False)) == 1.0


def test_uncertainty_of_span_predictions():
    assert uncertainty(span_pred(1, [0.9, 0.4, 0.7])) == pytest.approx(0.6)  # the least sure span
    assert uncertainty(span_pred(1, [0.95, None])) == pytest.approx(0.05)
    assert uncertainty(span_pred(1, [], confidence=0.9)) == pytest.approx(0.1)  # no spans
    assert uncertainty(span_pred(1, [])) == 0.5
    assert uncertainty(span_pred(1, [None], confidence=0.7)) == pytest.approx(0.3)


def test_uncertainty_order_on_a_demo_project(tmp_path):
    project = create_demo_project(tmp_path / "s", "smoking", documents=60, labelled=40, test=10)
    run_id = fake_run(project, "smoking_status")
    ids = document_ids(project)
    unlabelled = ids[40:]
    assert len(unlabelled) == 20
    margins = {
        unlabelled[0]: 0.9,
        unlabelled[1]: 0.1,
        unlabelled[2]: 0.5,
        unlabelled[3]: 0.1,
        unlabelled[4]: 0.3,
    }
    preds = [doc_pred(d, {"SMOKER": (1 + m) / 2, "NON-SMOKER": (1 - m) / 2}) for d, m in margins.items()]
    preds.append(doc_pred(ids[0], {"SMOKER": 0.5, "NON-SMOKER": 0.5}))  # predicted, but not a candidate
    assert store_predictions(project, run_id, preds) == 6
    other_run = fake_run(project, "smoking_status")
    store_predictions(project, other_run, [doc_pred(unlabelled[10], {"SMOKER": 0.5, "NON-SMOKER": 0.5})])

    candidates = list(reversed(unlabelled))
    order = uncertainty_order(project, run_id, candidates)
    predicted = [unlabelled[1], unlabelled[3], unlabelled[4], unlabelled[2], unlabelled[0]]  # tie by id
    assert order[:5] == predicted
    assert order[5:] == [d for d in candidates if d not in margins]  # given order, other run ignored
    assert sorted(order) == sorted(candidates)
    assert uncertainty_order(project, run_id, []) == []
    assert uncertainty_order(project, run_id, [unlabelled[0], ids[1], unlabelled[1], unlabelled[0]]) == [
        unlabelled[1],
        unlabelled[0],
        ids[1],
    ]
    found = suggestions(project, run_id, candidates)
    assert set(found) == set(margins) and found[unlabelled[1]].label == "SMOKER"
    assert set(suggestions(project, run_id)) == set(margins) | {ids[0]}
    project.close()


def test_uncertainty_order_of_10000_documents_is_one_read(tmp_path):
    n = 10_000
    project = create_project(tmp_path / "big")
    docs = [DocRecord(f"Report {i}: patient seen, no complaints.", f"r{i}") for i in range(n)]
    import_batch(project, ImportBatch("t", docs, [LabelSetSpec("status", ["good", "bad", "unclear"])], []))
    run_id = fake_run(project)
    ids = document_ids(project)
    rng = random.Random(1)
    predicted = ids[: n * 9 // 10]  # the last tenth has no prediction
    preds = []
    for d in predicted:
        raw = [rng.random() for _ in range(3)]
        preds.append(
            doc_pred(d, {k: v / sum(raw) for k, v in zip(["good", "bad", "unclear"], raw, strict=True)})
        )
    store_predictions(project, run_id, preds)
    candidates = list(reversed(ids))

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(project.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    order = uncertainty_order(project, run_id, candidates)
    elapsed = time.perf_counter() - started
    event.remove(project.engine, "before_cursor_execute", count)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(reads) == 1, statements  # one read, nothing per document
    print(f"\nuncertainty_order over {n} candidates ({len(predicted)} predicted): {elapsed * 1000:.0f} ms")

    assert len(order) == n and set(order) == set(ids)
    by_id = {p.document_id: uncertainty(p) for p in preds}
    scores = [by_id[d] for d in order[: len(predicted)]]
    assert scores == sorted(scores, reverse=True)
    assert order[len(predicted) :] == [d for d in candidates if d not in by_id]
    project.close()
