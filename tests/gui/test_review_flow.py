"""The Review page in the real main window: a learning curve started there trains one child run per size
through the Train page and appears as a curve; the label check finds a flipped label and fixes it by key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from medlabel.core.annotations import get_labels, set_label
from medlabel.core.demo.project import create_demo_project
from medlabel.core.jobs import RecordingReporter
from medlabel.core.runs import list_runs
from medlabel.ml.data import load_task
from medlabel.ml.train import run_training

TIMEOUT_MS = 240_000


@pytest.fixture
def smoking(tmp_path) -> Path:
    root = tmp_path / "smoking"
    project = create_demo_project(root, "smoking", 200, 160, 40)
    run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    project.close()
    return root


def test_a_learning_curve_from_the_review_page_trains_each_size_and_is_drawn(
    window, qtbot, smoking, monkeypatch
):
    assert window.open_project(smoking)
    train, review = window.train_page, window.review_page
    train.setup.recipe.setCurrentIndex(train.setup.recipe.findData("baseline"))
    window.tabs.setCurrentWidget(review)
    review.tabs.setCurrentIndex(2)
    review.curve.start_button.click()
    assert window.tabs.currentWidget() is train, review.curve.state.text()  # the runs show on the Train page
    qtbot.waitUntil(lambda: train.curve is None and not train.is_running(), timeout=TIMEOUT_MS)
    assert "complete: 5 runs" in review.curve.state.text()
    runs = [r for r in list_runs(train.project) if r.group_name]  # the first run is no curve's
    assert [r.status for r in runs] == ["completed"] * 5
    assert len({r.group_name for r in runs}) == 1
    assert [r.train_size for r in runs] == sorted(r.train_size for r in runs)
    window.tabs.setCurrentWidget(review)
    assert review.curve.group_box.count() == 1
    assert review.curve.view.series_names() == ["baseline (TF-IDF + logistic regression)"]
    assert review.curve.view.verdict_code.startswith("curve.")
    # The report exported from the page holds the curve shown.
    from PySide6.QtWidgets import QFileDialog

    out = smoking.parent / "report.html"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    review.report_button.click()
    qtbot.waitUntil(lambda: review.export_worker is None, timeout=60_000)
    assert "<h2>Learning curve</h2>" in out.read_text(encoding="utf-8")


def test_the_label_check_finds_a_flipped_label_and_a_key_fixes_it(window, qtbot, smoking):
    assert window.open_project(smoking)
    project = window.review_page.project
    data = load_task(project, "smoking_status")
    victim = next(ex for ex in data.train if ex.label == "NON-SMOKER")
    set_label(project, victim.doc_id, "smoking_status", "CURRENT SMOKER", "Dr. Test")  # a slip of the key
    review = window.review_page
    window.tabs.setCurrentWidget(review)
    review.tabs.setCurrentIndex(3)
    check = review.label_check
    check.start()
    qtbot.waitUntil(lambda: check.report is not None, timeout=TIMEOUT_MS)
    check.all_box.setChecked(True)
    ranked = [r.error.doc_id for r in check.visible_rows()]
    position = ranked.index(victim.doc_id)
    # Near the top (tests/bench/label_error_recall.py measures how near, over many flips).
    assert position < len(ranked) // 4, f"the flipped report ranks {position} of {len(ranked)}"
    check.table.selectRow(position)
    assert check.side.row.error.doc_id == victim.doc_id
    suggested = check.side.row.error.predicted
    window.activateWindow()  # shortcuts work in the active window only
    qtbot.waitUntil(window.isActiveWindow)
    check.table.setFocus()
    qtbot.keyClick(check.table, Qt.Key.Key_A)  # change to the suggestion
    assert get_labels(project, victim.doc_id)["smoking_status"] == suggested
    assert check.statuses[victim.doc_id] == "accepted"


def test_a_colleagues_labels_are_imported_compared_and_a_disagreement_settled_by_key(
    window, qtbot, smoking, tmp_path
):
    from medlabel.core.audit import history
    from medlabel.ml.agreement import label_agreement

    colleague = tmp_path / "colleague"
    other = create_demo_project(colleague, "smoking", 200, 160, 40)
    changed = []
    for ex in load_task(other, "smoking_status", freeze_split=False).train[:8]:
        label = "UNKNOWN" if ex.label != "UNKNOWN" else "NON-SMOKER"
        set_label(other, ex.doc_id, "smoking_status", label, "Dr. B")
        changed.append(ex.doc_id)
    other.close()
    assert window.open_project(smoking)
    review = window.review_page
    window.tabs.setCurrentWidget(review)
    review.tabs.setCurrentWidget(review.agreement)
    panel = review.agreement
    assert "No second opinion yet" in panel.summary.text()
    with qtbot.waitSignal(panel.start_import(colleague, "Dr. B").finished, timeout=60_000):
        pass
    expected = label_agreement(panel.project, "smoking_status")
    pair = expected["pairs"][0]
    assert panel.pairs.item(0, 1).text() == "Dr. B"
    assert panel.pairs.item(0, 4).text().startswith(f"{pair['kappa']:.2f}")
    assert sorted(d["doc_id"] for d in expected["disagreements"]) == sorted(changed)
    assert panel.disagreements.rowCount() == len(changed)
    first = panel.side.row.error
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.disagreements.setFocus()
    qtbot.keyClick(panel.disagreements, Qt.Key.Key_A)  # take the colleague's label
    assert get_labels(panel.project, first.doc_id)["smoking_status"] == first.predicted
    entry = history(panel.project, first.doc_id)[-1]
    assert entry.action == "adjudicate" and entry.after == first.predicted
    assert entry.before == {"Dr. B": first.predicted, "gold": first.gold}
    assert panel.disagreements.rowCount() == len(changed) - 1  # settled by taking theirs: no longer differ
