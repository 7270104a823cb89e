"""The welcome screen (recent projects, open a folder, demo projects made in a worker), the worker
itself, and asking for the annotator's name."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_count
from medlabel.core.jobs import Cancelled, check_cancel
from medlabel.core.project import open_project
from medlabel.core.stats import project_info
from medlabel.gui import settings
from medlabel.gui.annotator_dialog import AnnotatorDialog, ensure_annotator
from medlabel.gui.welcome import DemoDialog, WelcomeWidget
from medlabel.gui.workers import Worker, run_job


def make_project(root: Path, corpus: str = "smoking") -> Path:
    create_demo_project(root, corpus, documents=12, labelled=6, test=2).close()
    return root


@pytest.fixture
def welcome(qtbot):
    widget = WelcomeWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def message_boxes(parent, name: str) -> list[QMessageBox]:
    return [box for box in parent.findChildren(QMessageBox) if box.objectName() == name]


# --- recent projects -------------------------------------------------------------------------------


def test_recent_projects_come_from_settings_newest_first(qtbot, tmp_path):
    older, newer = make_project(tmp_path / "older"), make_project(tmp_path / "newer")
    settings.add_recent_project(older)
    settings.add_recent_project(newer)
    settings.add_recent_project(tmp_path / "gone")  # holds no project: not listed
    widget = WelcomeWidget()
    qtbot.addWidget(widget)
    texts = [widget.recent.item(i).text() for i in range(widget.recent.count())]
    assert texts == [f"newer\n{newer.resolve()}", f"older\n{older.resolve()}"]
    assert not widget.no_recent.isVisibleTo(widget) and widget.recent.isVisibleTo(widget)


def test_without_recent_projects_a_hint_is_shown(welcome):
    assert welcome.recent.count() == 0
    assert welcome.no_recent.isVisible() and not welcome.recent.isVisible()
    assert "No recent projects" in welcome.no_recent.text()


def test_enter_and_double_click_on_a_recent_project_choose_it(qtbot, tmp_path):
    first, second = make_project(tmp_path / "first"), make_project(tmp_path / "second")
    settings.add_recent_project(first)
    settings.add_recent_project(second)
    widget = WelcomeWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)

    widget.recent.setFocus()
    widget.recent.setCurrentRow(0)
    with qtbot.waitSignal(widget.project_chosen) as chosen:
        qtbot.keyClick(widget.recent, Qt.Key.Key_Return)
    assert chosen.args == [second.resolve()]

    rect = widget.recent.visualItemRect(widget.recent.item(1))
    # A real double click starts with a press; an item view ignores a lone double-click event.
    qtbot.mouseClick(widget.recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(widget.project_chosen) as chosen:
        qtbot.mouseDClick(widget.recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [first.resolve()]


def test_refresh_picks_up_a_project_opened_since(welcome, tmp_path):
    root = make_project(tmp_path / "later")
    assert welcome.recent.count() == 0
    settings.add_recent_project(root)
    welcome.refresh()
    assert welcome.recent.count() == 1 and welcome.recent.isVisible()


# --- open a folder ---------------------------------------------------------------------------------


def test_open_folder_emits_for_a_project(welcome, qtbot, tmp_path):
    root = make_project(tmp_path / "p")
    with qtbot.waitSignal(welcome.project_chosen) as chosen:
        assert welcome.open_folder(root)
    assert chosen.args == [root]


def test_open_folder_explains_a_folder_without_a_project(welcome, qtbot, tmp_path):
    (tmp_path / "plain").mkdir()
    with qtbot.assertNotEmitted(welcome.project_chosen):
        assert not welcome.open_folder(tmp_path / "plain")
    (box,) = message_boxes(welcome, "notAProject")
    assert "is not a medlabel project" in box.text() and "project.sqlite" in box.text()
    assert str(tmp_path / "plain") in box.text()
    box.close()


# --- new project from a file ----------------------------------------------------------------------


def test_new_project_from_file_chooses_the_imported_project(welcome, qtbot, tmp_path):
    from medlabel.gui.import_wizard import ImportWizard

    source = tmp_path / "reports.jsonl"
    source.write_text('{"id": "a", "text": "Nonsmoker."}\n{"id": "b", "text": "Smokes."}\n', encoding="utf-8")
    welcome.new_from_file()
    (wizard,) = welcome.findChildren(ImportWizard)
    assert wizard.isVisible() and wizard.windowTitle() == "New project from a file"
    wizard.file_page.file_edit.setText(str(source))
    wizard.file_page.folder_edit.setText(str(tmp_path / "from-file"))
    with qtbot.waitSignal(wizard.check_page.checked, timeout=30_000):
        wizard.next()
    with qtbot.waitSignal(welcome.project_chosen, timeout=30_000) as chosen:
        wizard.button(wizard.WizardButton.FinishButton).click()
    assert chosen.args == [(tmp_path / "from-file").resolve()]
    with open_project(tmp_path / "from-file", read_only=True) as project:
        assert document_count(project) == 2


# --- demo projects ---------------------------------------------------------------------------------


def test_demo_is_created_in_a_worker_and_then_chosen(welcome, qtbot, tmp_path):
    welcome.demo_sizes = (24, 12, 4)
    root = tmp_path / "cardio-demo"
    with qtbot.waitSignal(welcome.project_chosen, timeout=60_000) as chosen:
        worker = welcome.create_demo("cardio", root)
        assert isinstance(worker, Worker) and worker.is_running()
    assert chosen.args == [root]
    assert welcome.demo_worker is None
    with open_project(root, read_only=True) as project:
        info = project_info(project)
    assert info["documents"] == 24
    assert info["splits"] == {"train": 8, "test": 4, "none": 12}
    assert {et["name"] for et in info["entity_types"]} >= {"LV-EF"}
    assert sum(et["spans"] for et in info["entity_types"]) > 0
    assert not message_boxes(welcome, "errorBox")


def test_demo_in_a_folder_that_already_holds_a_project_just_opens_it(welcome, qtbot, tmp_path):
    root = make_project(tmp_path / "existing")
    with qtbot.waitSignal(welcome.project_chosen) as chosen:
        assert welcome.create_demo("cardio", root) is None
    assert chosen.args == [root]
    with open_project(root, read_only=True) as project:
        assert document_count(project) == 12  # not re-created, not grown


def test_cancelling_the_demo_leaves_no_folder_and_no_error(welcome, qtbot, tmp_path):
    welcome.demo_sizes = (24, 12, 4)
    root = tmp_path / "cancelled"
    with qtbot.assertNotEmitted(welcome.project_chosen):
        worker = welcome.create_demo("smoking", root)
        with qtbot.waitSignal(worker.errored, timeout=60_000) as failed:
            worker.cancel()
    assert isinstance(failed.args[0], Cancelled)
    assert not root.exists()
    assert not message_boxes(welcome, "errorBox")


def test_demo_failure_is_shown_as_an_error(welcome, qtbot, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    welcome.demo_sizes = (12, 6, 2)
    with qtbot.assertNotEmitted(welcome.project_chosen):
        worker = welcome.create_demo("smoking", blocker)
        qtbot.waitSignal(worker.errored, timeout=60_000).wait()
    (box,) = message_boxes(welcome, "errorBox")
    assert "is a file, not a folder" in box.text()
    box.close()


def test_demo_dialog_folder_follows_the_corpus_until_the_user_picks_one(qtbot, tmp_path):
    dialog = DemoDialog()
    qtbot.addWidget(dialog)
    assert dialog.corpus() == "smoking"
    assert dialog.folder() == settings.default_demo_folder("smoking")
    dialog.radios["cardio"].setChecked(True)
    assert dialog.corpus() == "cardio" and dialog.folder() == settings.default_demo_folder("cardio")
    assert "German" in dialog.radios["cardio"].text() and "English" in dialog.radios["smoking"].text()

    root = make_project(tmp_path / "mine")
    qtbot.keyClicks(dialog.folder_edit, "x")  # typed by the user: no longer the default
    dialog.folder_edit.setText(str(root))
    dialog.radios["smoking"].setChecked(True)
    assert dialog.folder() == root
    assert "already exists" in dialog.hint.text() and dialog.ok_button.text() == "Open"
    dialog.folder_edit.setText(str(tmp_path / "new"))
    assert dialog.hint.text() == "" and dialog.ok_button.text() == "Create"


def test_demo_dialog_accept_creates_the_chosen_demo(welcome, qtbot, tmp_path):
    welcome.demo_sizes = (12, 6, 2)
    welcome.open_demo_dialog()
    (dialog,) = welcome.findChildren(DemoDialog)
    dialog.radios["cardio"].setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "from-dialog"))
    with qtbot.waitSignal(welcome.project_chosen, timeout=60_000) as chosen:
        dialog.accept()
    assert chosen.args == [tmp_path / "from-dialog"]
    with open_project(tmp_path / "from-dialog", read_only=True) as project:
        assert document_count(project) == 12
        assert project_info(project)["entity_types"]  # the cardio corpus, not smoking


# --- the worker ------------------------------------------------------------------------------------


def _counting_job(n: int, reporter, cancel: threading.Event) -> int:
    for i in range(n):
        check_cancel(cancel)
        reporter.progress(i + 1, n, "counting")
        reporter.log(f"step {i + 1}")
    reporter.metrics({"steps": float(n)}, step=n)
    return n * 10


def test_worker_relays_progress_log_metrics_then_finishes_in_the_gui_thread(qtbot):
    seen: list[tuple] = []
    threads: set = set()
    worker = Worker(_counting_job, 3)
    worker.progress.connect(lambda done, total, phase: seen.append(("progress", done, total, phase)))
    worker.log.connect(lambda message: seen.append(("log", message)))
    worker.metrics.connect(lambda values, step: seen.append(("metrics", values, step)))
    worker.finished.connect(lambda _: threads.add(threading.current_thread() is threading.main_thread()))
    with qtbot.waitSignal(worker.finished, timeout=10_000) as done:
        worker.start()
    assert done.args == [30]
    assert seen[:2] == [("progress", 1, 3, "counting"), ("log", "step 1")]
    assert seen[-1] == ("metrics", {"steps": 3.0}, 3) and len(seen) == 7
    assert threads == {True}  # slots (lambdas included) run in the GUI thread
    assert not worker.is_running() and worker.wait(0)


def test_worker_turns_exceptions_into_errored(qtbot):
    def broken(reporter, cancel):
        raise ValueError("bad input")

    job = Worker(broken)
    with qtbot.assertNotEmitted(job.finished), qtbot.waitSignal(job.errored, timeout=10_000) as failed:
        job.start()
    assert isinstance(failed.args[0], ValueError) and str(failed.args[0]) == "bad input"


def test_cancel_stops_a_job_between_steps(qtbot):
    gate = threading.Event()

    def waits(reporter, cancel):
        gate.wait(10)
        check_cancel(cancel)
        return "not reached"

    job = run_job(waits)
    with qtbot.waitSignal(job.errored, timeout=10_000) as failed:
        job.cancel()
        gate.set()
    assert isinstance(failed.args[0], Cancelled) and job.is_cancelled()


# --- the annotator's name --------------------------------------------------------------------------


def test_ensure_annotator_returns_the_stored_name_without_asking():
    settings.set_annotator("  Dr. Stored ")
    assert ensure_annotator() == "Dr. Stored"


def _answer_dialog(text: str | None) -> None:
    (dialog,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, AnnotatorDialog) and w.isVisible()
    ]
    if text is None:
        dialog.reject()
        return
    dialog.name_edit.setText(text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_ensure_annotator_asks_once_and_keeps_the_name(qtbot):
    assert settings.annotator() == ""
    QTimer.singleShot(0, lambda: _answer_dialog("  Dr. Neu  "))
    assert ensure_annotator() == "Dr. Neu"
    assert settings.annotator() == "Dr. Neu"
    assert ensure_annotator() == "Dr. Neu"  # no dialog the second time: it would block here


def test_ensure_annotator_cancelled_returns_empty(qtbot):
    QTimer.singleShot(0, lambda: _answer_dialog(None))
    assert ensure_annotator() == ""
    assert settings.annotator() == ""


def test_annotator_dialog_requires_a_non_blank_name(qtbot):
    dialog = AnnotatorDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name_edit.setText("   ")
    assert not ok.isEnabled()
    dialog.accept()  # Enter in the field: refused while blank
    assert settings.annotator() == "" and dialog.result() == 0
    dialog.name_edit.setText("Anna")
    assert ok.isEnabled()


def test_the_demo_dialog_lists_exactly_the_corpora_core_has(qtbot, monkeypatch):
    from medlabel.core.demo import project as demo_project
    from medlabel.gui import welcome as welcome_module

    dialog = DemoDialog()
    qtbot.addWidget(dialog)
    assert tuple(dialog.radios) == demo_project.CORPORA
    # A corpus core gains is listed with its description (or its name until it has one).
    monkeypatch.setattr(welcome_module, "CORPORA", (*demo_project.CORPORA, "dyspnea", "unnamed"))
    dialog = DemoDialog()
    qtbot.addWidget(dialog)
    assert dialog.radios["dyspnea"].text() == (
        "Shortness of breath — English discharge summaries, principal diagnosis from the whole report"
    )
    assert dialog.radios["unnamed"].text() == "unnamed"
