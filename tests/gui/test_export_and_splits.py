"""File → Export… writes what `medlabel import` reads back; Project → Training and test split… freezes a
stratified test split and moves the chosen report after a warning, with an audit row."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from medlabel.cli import main as cli
from medlabel.core.annotations import get_labels
from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_ids, get_document, iter_export_documents, set_split
from medlabel.core.project import open_project
from medlabel.gui.export_dialog import ExportDialog
from medlabel.gui.split_dialog import SplitDialog
from medlabel.ml import data as ml_data
from medlabel.ml.data import build_task, task_examples


@pytest.fixture
def opened(window, qtbot, tmp_path):
    """The main window with a small smoking demo open whose reports are in no split (imported without a
    split column), and its backup made."""
    root = tmp_path / "smoking"
    project = create_demo_project(root, "smoking", documents=60, labelled=40, test=10)
    set_split(project, document_ids(project), None, "test-setup")
    project.close()
    assert window.open_project(root)
    qtbot.waitUntil(lambda: not window.backups.is_running(), timeout=20_000)
    return window


def dialog_of(window, cls):
    (dialog,) = [d for d in window.findChildren(cls) if d.isVisible()]
    return dialog


# --- export -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "labelstudio"])
def test_export_from_the_menu_reads_back_with_the_import_command(opened, qtbot, tmp_path, fmt):
    window = opened
    project = window.session.project
    window.session.open_document(document_ids(project)[-1])
    window.session.set_label("smoking_status", "SMOKER")  # a label set in the app travels too
    assert window.actions_["export"].isEnabled()
    assert window.actions_["export"] in window.menuBar().actions()[0].menu().actions()  # File → Export…
    window.actions_["export"].trigger()
    dialog = dialog_of(window, ExportDialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    target = tmp_path / "out" / f"reports-export{dialog.path().suffix}"
    target.parent.mkdir()
    dialog.file_edit.setText(str(target))
    assert dialog.raw_cells.isVisibleTo(dialog) == (fmt == "csv")
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_button.click()
    assert done.args == [60, str(target)]
    assert "Exported 60 reports to" in window.statusBar().currentMessage()

    assert cli(["import", str(tmp_path / "back"), str(target)]) == 0
    expected = {d.external_id: d.labels for d in iter_export_documents(project)}
    with open_project(tmp_path / "back", read_only=True) as back:
        got = {d.external_id: d.labels for d in iter_export_documents(back)}
    assert got == expected
    assert sum(1 for labels in got.values() if labels) == 41


def test_export_to_an_existing_file_asks_first(opened, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "keep.csv"
    target.write_text("mine", encoding="utf-8")
    dialog = ExportDialog(opened.session.project, opened)
    dialog.file_edit.setText(str(target))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert dialog.start() is None
    assert target.read_text(encoding="utf-8") == "mine"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.start()
    assert target.read_text(encoding="utf-8").startswith("id,")


def test_the_file_ending_follows_the_format(opened):
    dialog = ExportDialog(opened.session.project, opened)
    dialog.file_edit.setText("/data/reports.csv")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("labelstudio"))
    assert dialog.path().name == "reports.json"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("conll"))
    assert dialog.path().name == "reports.conll"


# --- splits -----------------------------------------------------------------------------------------


def table_row(dialog: SplitDialog, name: str) -> list[int]:
    (row,) = [r for r in range(dialog.table.rowCount()) if dialog.table.verticalHeaderItem(r).text() == name]
    return [int(dialog.table.item(row, c).text()) for c in range(dialog.table.columnCount())]


def test_freeze_a_test_split_then_move_one_report_with_the_warning(opened, qtbot, monkeypatch):
    window = opened
    project = window.session.project
    annotated, _, _ = task_examples(project, build_task(project, "smoking_status"))
    window.actions_["splits"].trigger()
    dialog = dialog_of(window, SplitDialog)
    assert dialog.task() == "smoking_status"
    assert table_row(dialog, "All labels") == [0, 0, 40, 40]  # the 40 labelled reports, in no split
    assert "No test split yet" in dialog.summary.text()
    assert dialog.freeze_button.isEnabled() and dialog.share.value() == 20

    with qtbot.waitSignal(dialog.splits_changed):
        dialog.freeze_button.click()
    frozen = set(document_ids(project, "test"))
    assert frozen == ml_data.test_split_to_freeze(annotated)  # the first training run's rule
    assert table_row(dialog, "All labels") == [40 - len(frozen), len(frozen), 0, 40]
    assert not dialog.freeze_button.isEnabled()
    # The report list shows the new splits at once.
    assert window.workspace.doc_list.model.doc_row(0).split in ("train", "test")
    dialog.close()

    doc = sorted(set(document_ids(project, "train")))[0]
    labels_before = get_labels(project, doc)
    assert labels_before  # a labelled report: it counts in the table
    window.workspace.go(doc, "")
    assert window.selected_documents() == [doc]
    window.actions_["splits"].trigger()
    dialog = dialog_of(window, SplitDialog)
    assert f"{get_document(project, doc).external_id} (now in: train)" in dialog.chosen_label.text()
    assert dialog.to_test.isEnabled() and not dialog.to_train.isEnabled()  # it is in training already

    asked = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    dialog.to_test.click()
    assert get_document(project, doc).split == "train"  # No: nothing moved
    monkeypatch.setattr(
        QMessageBox, "warning", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(dialog.splits_changed):
        dialog.to_test.click()
    assert "no longer be comparable" in asked[-1] and "Move 1 report to the test split?" in asked[-1]
    assert get_document(project, doc).split == "test"
    assert "(now in: test)" in dialog.chosen_label.text() and not dialog.to_test.isEnabled()
    moves = [e for e in history(project, doc) if e.action == "set_split" and e.annotator == "Dr. Test"]
    assert [(e.before, e.after) for e in moves] == [("train", "test")]
    assert table_row(dialog, "All labels")[:2] == [40 - len(frozen) - 1, len(frozen) + 1]
    assert get_labels(project, doc) == labels_before  # a move keeps the report's labels


def test_the_split_dialog_only_shows_in_a_read_only_project(window, qtbot, tmp_path):
    root = tmp_path / "smoking"
    create_demo_project(root, "smoking", documents=30, labelled=20, test=5).close()
    with open_project(root):  # another window holds it: this one opens read-only
        assert window.open_project(root)
        assert window.session.read_only and window.actions_["splits"].isEnabled()
        window.actions_["splits"].trigger()
        dialog = dialog_of(window, SplitDialog)
        assert not dialog.freeze_button.isEnabled() and not dialog.to_test.isEnabled()
        assert sum(table_row(dialog, "All labels")[:2]) == 20
        dialog.close()
        window.close_project()
