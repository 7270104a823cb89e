"""Pre-annotation in the app: predict the unlabelled reports from the Train page, see the suggestions in
the list and beside the report, accept them with one key (recorded as accepted from the run), undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import NullReporter
from medlabel.core.records import SpanRecord
from medlabel.core.runs import StoredPrediction, finish_run, get_predictions, start_run, store_predictions
from medlabel.core.suggestions import accepted_from, uncertainty_order
from medlabel.gui.doclist.model import PREDICTION_COLUMN
from medlabel.ml.train import run_training


@pytest.fixture
def smoking(tmp_path) -> Path:
    root = tmp_path / "smoking"
    with create_demo_project(root, "smoking", 80, 60, 12) as project:
        run_training(project, {"task": "smoking_status", "recipe": "baseline"}, NullReporter())
    return root


def test_predict_unlabelled_then_accept_a_suggestion_with_one_key(window, qtbot, smoking):
    assert window.open_project(smoking)
    page, workspace = window.train_page, window.workspace
    window.tabs.setCurrentWidget(page)
    page.history.selectRow(0)
    assert page.predict.unlabelled.isEnabled()
    with qtbot.waitSignal(page.predictions_stored, timeout=120_000):
        page.predict.unlabelled.click()
    project = window.session.project
    run_id = page.history.selected_run(project).id
    predicted = {p.document_id for p in get_predictions(project, run_id)}
    assert len(predicted) >= 20  # the 20 unlabelled reports, besides the test split's

    window.tabs.setCurrentWidget(workspace)
    model = workspace.doc_list.model
    workspace.doc_list.view.sortByColumn(PREDICTION_COLUMN, Qt.SortOrder.AscendingOrder)
    first, second = model.doc_row(0), model.doc_row(1)
    assert first.confidence is not None and first.confidence <= second.confidence  # least sure first
    doc = next(d for d in model.ids() if d in predicted and not get_labels(project, d))
    workspace.go(doc, "")
    suggestion = workspace.labels.findChild(type(workspace.labels._suggestion), "suggestion")
    assert f"Model (run {run_id}) suggests" in suggestion.text() and "Alt+A" in suggestion.text()
    label = next(iter(get_predictions(project, run_id, [doc]))).label
    assert model.data(model.index(model.row_of(doc), PREDICTION_COLUMN)).startswith(label)

    window.actions_["accept_suggestion"].trigger()
    assert get_labels(project, doc) == {"smoking_status": label}
    (entry,) = accepted_from(project, doc)
    assert entry.after["run"] == run_id and entry.annotator == "Dr. Test"
    window.actions_["undo"].trigger()
    assert get_labels(project, doc) == {}

    # Label next, least sure first: Ctrl+Enter follows the model's uncertainty (margin), not the list.
    window.actions_["uncertain_first"].trigger()
    assert window.actions_["uncertain_first"].isChecked() and workspace.uncertain_first
    unlabelled = [d for d in predicted if not get_labels(project, d)]
    expected = uncertainty_order(project, run_id, [d for d in unlabelled if d != doc])[0]
    window.actions_["accept"].trigger()
    assert window.session.doc_id == expected


def test_suggested_spans_are_drawn_dashed_and_accepted_in_one_undo_step(window, tmp_path):
    root = tmp_path / "cardio"
    with create_demo_project(root, "cardio", 30, 20, 0) as project:
        from medlabel.core.documents import document_ids

        doc = document_ids(project)[-1]  # an unlabelled report
        run = start_run(project, task="entities", task_kind="spans", recipe="tagger", config={})
        spans = [SpanRecord(0, 5, "LV-EF", 55.0, "%"), SpanRecord(10, 14, "LVEDV", 140.0, "ml"),
                 SpanRecord(20, 24, "gone", None, None)]  # a type removed from the schema since  # fmt: skip
        store_predictions(
            project, run, [StoredPrediction(doc, None, None, {}, spans, [0.9, 0.6, 0.5], None, True)]
        )
        finish_run(project, run, "completed")
    assert window.open_project(root)
    workspace = window.workspace
    workspace.go(doc, "")
    assert len(workspace.report.view.suggested) == 3
    assert "suggests 3 spans," in workspace.labels._suggestion.text()
    window.actions_["accept_spans"].trigger()
    project = window.session.project
    assert {(s.start, s.end, s.type) for s in get_spans(project, doc)} == {(0, 5, "LV-EF"), (10, 14, "LVEDV")}
    assert [s.type for s in workspace.report.view.suggested] == ["gone"]  # the accepted ones are gold now
    assert {e.after["run"] for e in accepted_from(project, doc)} == {run}
    window.actions_["undo"].trigger()  # one step takes both back
    assert get_spans(project, doc) == []
