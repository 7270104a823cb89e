"""The Review page on real runs: a confusion-matrix cell lists exactly its reports, accepting a prediction
changes the gold label, the audit log and the stale marker, and a comparison shows the paired difference."""

import shutil

import pytest
from PySide6.QtCore import Qt

from medlabel.core.annotations import get_labels
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import RecordingReporter
from medlabel.core.project import open_project
from medlabel.core.suggestions import accepted_from
from medlabel.ml.compare import compare_runs
from medlabel.ml.evaluate import evaluate_run
from medlabel.ml.train import run_training


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A project with two baseline runs (40 and all training reports), built once and copied per test."""
    root = tmp_path_factory.mktemp("review") / "s"
    project = create_demo_project(root, "smoking", 160, 120, 30)
    run_training(
        project, {"task": "smoking_status", "recipe": "baseline", "train_size": 40}, RecordingReporter()
    )
    run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    project.close()
    return root


@pytest.fixture
def project(trained, tmp_path):
    shutil.copytree(trained, tmp_path / "s")
    project = open_project(tmp_path / "s")
    yield project
    project.close()


@pytest.fixture
def page(qtbot, project):
    from medlabel.gui.review.page import ReviewPage

    page = ReviewPage(project, "Dr. Review")
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_the_page_shows_the_newest_run_as_evaluate_does(page, project, tmp_path):
    import json

    from medlabel.cli import main

    assert page.picker.run_id() == 2
    assert page.review.evaluation["metrics"] == evaluate_run(project, 2)["metrics"]
    # The same figures as `medlabel evaluate --json` (read-only: the page's project holds the lock).
    out = tmp_path / "evaluation.json"
    assert main(["evaluate", str(project.root), "--run", "2", "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["metrics"] == page.review.evaluation["metrics"]
    macro = page.review.evaluation["metrics"]["macro_f1"]["value"]
    assert f"{macro:.2f}".replace(".", ",") in page.headline.text() or f"{macro:.2f}" in page.headline.text()
    assert not page.stale.isVisible()


def test_a_confusion_cell_lists_exactly_its_reports(page, qtbot):
    cells = {k: v for k, v in page.review.cells.items() if k[0] != k[1] and v}
    (gold, predicted), docs = max(cells.items(), key=lambda kv: len(kv[1]))
    page.confusion.select_cell(gold, predicted)
    with qtbot.waitSignal(page.confusion.cell_chosen):
        qtbot.keyClick(page.confusion.view, Qt.Key.Key_Return)
    assert page.tabs.currentIndex() == 1
    rows = page.errors.rows()
    assert sorted(r.error.doc_id for r in rows) == sorted(docs)
    assert {(r.error.gold, r.error.predicted) for r in rows} == {(gold, predicted)}
    # A diagonal cell lists its correct reports too.
    label, correct = next((k[0], v) for k, v in page.review.cells.items() if k[0] == k[1] and v)
    page.show_cell(label, label)
    assert sorted(r.error.doc_id for r in page.errors.rows()) == sorted(correct)
    assert {r.error.kind for r in page.errors.rows()} == {"correct"}


def test_accepting_a_prediction_by_keyboard_changes_gold_audit_and_stale_marker(page, project, qtbot):
    page.tabs.setCurrentIndex(1)
    page.errors.view.setFocus()
    page.errors.step(1)
    row = page.side.row
    assert row is not None and row.error.kind == "wrong_label"
    before = len(page.review.errors)
    qtbot.keyClick(page.errors.view, Qt.Key.Key_A)
    assert get_labels(project, row.error.doc_id)["smoking_status"] == row.error.predicted
    assert accepted_from(project, row.error.doc_id)[-1].after["run"] == page.review.run.id
    assert len(page.review.errors) == before - 1
    assert page.stale.isVisible() and page.rescore_button.isVisible()
    assert page.side.row is not None and page.side.row.error.doc_id != row.error.doc_id  # on to the next
    kept = page.side.row
    qtbot.keyClick(page.errors.view, Qt.Key.Key_K)  # keep the next one's gold
    assert history(project, kept.error.doc_id)[-1].action == "confirm_gold"
    assert get_labels(project, kept.error.doc_id)["smoking_status"] == kept.error.gold
    assert {r.error.doc_id: r.status for r in page.errors.rows()}[kept.error.doc_id] == "kept"
    page.rescore_button.click()
    assert not page.stale.isVisible()


def test_comparing_two_runs_shows_the_paired_difference(page, project):
    page.picker.select(2, 1)
    comparison = compare_runs(project, 2, 1)
    assert page.comparison == comparison
    row = comparison["overall"]["macro_f1"]
    # Shown from the reviewed run's side: run 2 minus run 1, the negative of compare_runs' b - a.
    assert f"{-row['diff']:+.3f} ({-row['ci_high']:+.3f} to {-row['ci_low']:+.3f})" in page.headline.text()
    assert "Run 2 minus run 1" in page.headline.text()
    macro_row = next(
        r for r in range(page.metrics.model().rowCount()) if "macro" in page.metrics.cell_text(r, "name")
    )
    assert f"{-row['diff']:+.3f}" in page.metrics.cell_text(macro_row, "difference")
    # The matrix shows run 1's count under run 2's in every cell, the error list run 1's label.
    other = evaluate_run(project, 1)["metrics"]["confusion_matrix"]
    model = page.confusion.view.model()
    for i, _gold in enumerate(other["labels"]):
        for j, _predicted in enumerate(other["labels"]):
            assert model.index(i, j).data().endswith(f"({other['matrix'][i][j]})")
    others = {it.doc_id: it.predicted for it in page.other.items}
    column = page.errors.model.HEADERS.index("other")
    assert not page.errors.view.isColumnHidden(column)
    for r, err_row in enumerate(page.errors.rows()):
        assert page.errors.model.index(r, column).data() == (others[err_row.error.doc_id] or "–")
    assert "Run 1" in page.calibration.caption.text()


def test_the_report_and_the_predictions_are_exported_from_the_page(
    page, project, qtbot, tmp_path, monkeypatch
):
    import pandas as pd
    from PySide6.QtWidgets import QFileDialog

    target = {"path": ""}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (target["path"], ""))
    target["path"] = str(tmp_path / "report.html")
    page.report_button.click()
    qtbot.waitUntil(lambda: page.export_worker is None, timeout=60_000)
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Run 2" in html and "data:image/png;base64," in html
    first = page.review.items[0]
    assert first.external_id not in html  # no report ids without "include example reports"
    target["path"] = str(tmp_path / "predictions.xlsx")
    page.table_button.click()
    qtbot.waitUntil(lambda: page.export_worker is None, timeout=60_000)
    table = pd.read_excel(tmp_path / "predictions.xlsx")
    assert len(table) == len(page.review.items)
    row = table.set_index("id").loc[first.external_id]
    assert row["label"] == first.predicted and row["label (gold)"] == first.gold


def test_a_span_run_is_reviewed_with_differences_coloured_and_a_value_fixed_by_key(qtbot, tmp_path):
    from medlabel.core.annotations import get_spans
    from medlabel.core.records import SpanRecord
    from medlabel.core.runs import StoredPrediction, finish_run, start_run, store_predictions
    from medlabel.gui.review.page import ReviewPage
    from medlabel.gui.review.side_by_side import KIND_COLOURS
    from medlabel.ml.data import load_task

    project = create_demo_project(tmp_path / "c", "cardio", 60, 50, 15)
    data = load_task(project, "entities")
    doc = next(ex for ex in data.test if sum(s.value is not None for s in ex.spans) >= 2)
    gold = sorted((s for s in doc.spans if s.value is not None), key=lambda s: s.start)
    wrong = SpanRecord(
        gold[0].start, gold[0].end, gold[0].type, gold[0].value + 7, gold[0].unit, gold[0].code
    )
    run_id = start_run(project, task="entities", task_kind="spans", recipe="tagger", config={})
    stored = [StoredPrediction(ex.doc_id, None, 0.9, {}, list(ex.spans), [], None, True)
              for ex in data.test if ex.doc_id != doc.doc_id]  # fmt: skip
    predicted = [wrong, *[s for s in doc.spans if s != gold[0] and s != gold[1]]]  # gold[1] missed
    stored.append(StoredPrediction(doc.doc_id, None, 0.8, {}, predicted, [0.99] * len(predicted), None, True))
    store_predictions(project, run_id, stored)
    finish_run(project, run_id, "completed", metrics={})
    page = ReviewPage(project, "Dr. Review")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.confusion.stack.currentIndex() == 1  # no matrix for spans
    assert {e.kind for e in page.review.errors} == {"wrong_value", "missed"}
    page.tabs.setCurrentIndex(1)
    first = page.errors.rows()[0].error  # the confident wrong value first
    assert first.kind == "wrong_value" and first.predicted == wrong
    page.errors.step(0)
    header = page.side.header.text()
    assert f"{gold[0].value:g}" in header and f"{wrong.value:g}" in header  # both normalised values
    colours = {sel.format.background().color().name() for sel in page.side.text.extraSelections()}
    assert {KIND_COLOURS["wrong_value"], KIND_COLOURS["missed"]} <= colours
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.errors.view.setFocus()
    qtbot.keyClick(page.errors.view, Qt.Key.Key_A)
    values = [
        s.value for s in get_spans(project, doc.doc_id) if (s.start, s.end) == (gold[0].start, gold[0].end)
    ]
    assert values == [wrong.value]
    assert page.stale.isVisible()
    page.close()
    project.close()
