"""Backups in the app: kept while working, brought back from the menu or when a project is damaged, and
read-only folders opened read-only with a banner that says why."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from medlabel.core import backups
from medlabel.core.annotations import get_labels
from medlabel.core.demo.project import create_demo_project
from medlabel.gui.restore_dialog import RestoreDialog
from tests.faults import damage_documents_page


@pytest.fixture
def demo(tmp_path):
    root = tmp_path / "smoking"
    create_demo_project(root, "smoking", documents=120, labelled=0, test=0).close()
    return root


def _auto_restore(monkeypatch, qtbot, row=0):
    """Answer the restore dialog as a user would: pick ``row``, confirm, wait for the job."""

    def run(dialog):
        dialog.list.setCurrentRow(row)
        dialog.confirm()
        qtbot.waitUntil(lambda: dialog.restored is not None, timeout=20000)
        return dialog.result()

    monkeypatch.setattr(RestoreDialog, "exec", run)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_backups_are_kept_while_working(window, qtbot, demo):
    assert window.open_project(demo)
    assert window.backups is not None and window.backups.timer.isActive()
    assert window.backups.timer.interval() == backups.EVERY_MINUTES * 60_000
    qtbot.waitUntil(lambda: not window.backups.is_running())  # the one made at once on opening
    window.session.open_document(1)
    window.session.set_label("smoking_status", "SMOKER")
    with qtbot.waitSignal(window.backups.made, timeout=20000) as made:
        window.backups.run_now()
    assert made.args[0].reason == "while working" and made.args[0].summary.labelled_documents == 1
    with qtbot.waitSignal(window.backups.made, timeout=20000) as again:
        window.backups.run_now()
    assert again.args[0] is None  # nothing changed since: no second copy


def test_restore_from_the_menu_brings_back_the_labels_and_reopens(window, qtbot, demo, monkeypatch):
    assert window.open_project(demo)  # keeps no new backup: nothing changed since "created"
    qtbot.waitUntil(lambda: not window.backups.is_running())
    window.session.open_document(1)
    window.session.set_label("smoking_status", "SMOKER")
    assert get_labels(window.session.project, 1) == {"smoking_status": "SMOKER"}
    _auto_restore(monkeypatch, qtbot, row=0)
    window.actions_["restore"].trigger()
    assert window.session is not None and not window.session.read_only
    assert get_labels(window.session.project, 1) == {}
    assert backups.list_backups(demo)[0].reason == "before restore"


def test_a_damaged_project_offers_its_backups(window, qtbot, demo, monkeypatch):
    damage_documents_page(demo / "project.sqlite")
    asked = []

    def answer_yes(box):
        asked.append((box.text(), box.detailedText()))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer_yes)
    _auto_restore(monkeypatch, qtbot)
    assert window.open_project(demo)
    text, details = asked[0]
    assert "is damaged" in text and "medlabel restore" not in text
    assert "out of range" in details  # SQLite's own finding, kept out of the sentence
    assert window.session is not None and window.workspace is not None
    assert any(p.name.startswith("damaged-") for p in (demo / "backups").iterdir())


def test_declining_the_restore_leaves_the_welcome_screen(window, qtbot, demo, monkeypatch):
    damage_documents_page(demo / "project.sqlite")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.No)
    assert not window.open_project(demo)
    assert window.session is None and window.stack.currentWidget() is window.welcome


def test_unwritable_folder_opens_read_only_with_its_reason(window, demo, monkeypatch):
    monkeypatch.setattr("medlabel.core.project._writable", lambda root: False)
    assert window.open_project(demo)
    assert window.session.read_only
    assert (
        "not change it" in window.workspace.banner.text() and "permissions" in window.workspace.banner.text()
    )
    assert not window.actions_["restore"].isEnabled()
    assert window.backups is None


def test_a_worker_can_be_waited_for_from_the_gui_thread(qtbot):
    """Closing the window waits for a running backup; before the runner ended its own thread's event
    loop, that wait never returned (the loop was only quit by a slot of the blocked GUI thread)."""
    import time

    from medlabel.gui.workers import Worker

    worker = Worker(lambda reporter, cancel: time.sleep(0.3) or "done").start()
    assert worker.wait(10_000)
    with qtbot.waitSignal(worker.finished, timeout=5000) as finished:
        pass
    assert finished.args == ["done"]
