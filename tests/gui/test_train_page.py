"""The Train page in the real main window: a tiny training started by a click runs in a child process,
the page shows it live and records it; cancel, a broken model, closing the app during a run."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from medlabel.core.demo.project import create_demo_project
from medlabel.core.runs import get_predictions, list_runs

TIMEOUT_MS = 240_000


@pytest.fixture
def smoking(tmp_path) -> Path:
    root = tmp_path / "smoking"
    create_demo_project(root, "smoking", 60, 50, 0).close()  # no test split yet: the first run freezes one
    return root


def open_train_page(window, root: Path):
    assert window.open_project(root)
    page = window.train_page
    window.tabs.setCurrentWidget(page)
    return page


def choose_tiny(page, model_dir, **changes) -> None:
    """The tiny model, a few fast settings typed into the Advanced section as a user would."""
    setup = page.setup
    setup.choose_model(str(model_dir))
    setup.recipe.setCurrentIndex(setup.recipe.findData("classifier"))
    values = {"epochs": "2", "max_length": 64, "long_text": "head_tail", "early_stopping": 0, **changes}
    for name, value in values.items():
        editor = setup.form.editors[name]
        if hasattr(editor, "findData"):
            editor.setCurrentIndex(editor.findData(value))
        elif hasattr(editor, "setValue"):
            editor.setValue(int(value))
        else:
            editor.setText(str(value))
            editor.textEdited.emit(str(value))


def test_a_run_started_from_the_page_is_shown_live_and_recorded(window, qtbot, smoking, tiny_bert_dir):
    page = open_train_page(window, smoking)
    assert window.tabs.tabText(window.tabs.indexOf(page)) == "Train"
    assert page.setup.counts.rowCount() == 5  # one row per smoking label
    to_freeze = page.setup.overview.test_to_freeze
    assert to_freeze > 0 and f"test split yet: {to_freeze} of the labelled" in page.setup.warnings.text()
    choose_tiny(page, tiny_bert_dir.path)
    assert page.setup.settings.epochs == 2.0 and page.setup.settings.max_length == 64
    assert page.train_button.isEnabled(), page.why.text()
    ticks: list[float] = []
    probe = QTimer(interval=20)
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    probe.start()
    with qtbot.waitSignal(page.run_ended, timeout=TIMEOUT_MS) as ended:
        page.train_button.click()
        assert not page.train_button.isEnabled() and page.cancel_button.isEnabled()
        assert "one run at a time" in page.why.text()
    probe.stop()
    run_id, status = ended.args
    assert status == "completed"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert ticks and max(gaps) < 2.0  # the GUI thread never waited on the run
    assert page.panel.plot.train, "no training loss reached the plot"
    assert "macro-F1" in page.panel.outcome.text() and "baseline" in page.panel.outcome.text()
    assert page.history.rowCount() == 1 and page.history.item(0, 4).text() == "completed"
    run = list_runs(window.session.project)[-1]
    assert run.id == run_id and run.status == "completed" and get_predictions(window.session.project, run_id)
    assert page.train_button.isEnabled() and not page.cancel_button.isEnabled()
    assert "test split" not in page.setup.warnings.text()  # the run froze it


def test_cancel_records_the_run_cancelled(window, qtbot, smoking, tiny_bert_dir):
    page = open_train_page(window, smoking)
    choose_tiny(page, tiny_bert_dir.path, epochs="50")
    with qtbot.waitSignal(page.run_ended, timeout=TIMEOUT_MS) as ended:
        page.train_button.click()
        qtbot.waitUntil(lambda: "training" in page.panel.phase.text(), timeout=TIMEOUT_MS)
        page.cancel_button.click()
    assert ended.args[1] == "cancelled"
    assert list_runs(window.session.project)[-1].status == "cancelled"
    assert "cancelled" in page.panel.outcome.text()


def test_a_broken_model_folder_keeps_train_disabled_and_says_why(window, smoking, tmp_path):
    page = open_train_page(window, smoking)
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "pytorch_model.bin").write_bytes(b"not really")
    page.setup.choose_model(str(broken))
    assert not page.train_button.isEnabled()
    text = page.setup.model_check.text()
    assert str(broken) in text and "config.json" in text and "pickle" in text
    assert page.why.text() == page.setup.problem
    page.setup.model.setCurrentIndex(page.setup.model.findData("minilm"))
    page.setup.refresh()
    assert page.train_button.isEnabled()


def test_a_setting_the_recipe_does_not_have_is_refused_in_words(window, smoking):
    page = open_train_page(window, smoking)
    setup = page.setup
    setup.recipe.setCurrentIndex(setup.recipe.findData("instruct"))
    zero = setup.form.editors["zero_shot"]
    zero.setChecked(True)
    assert setup.form.values() == {"zero_shot": True}
    setup.recipe.setCurrentIndex(setup.recipe.findData("classifier"))
    assert setup.form.values() == {}  # hidden with the recipe, and not sent to the run
    assert page.train_button.isEnabled(), page.why.text()


def test_closing_the_app_during_a_run_asks_and_cancels_it(window, qtbot, smoking, tiny_bert_dir, monkeypatch):
    page = open_train_page(window, smoking)
    choose_tiny(page, tiny_bert_dir.path, epochs="50")
    page.train_button.click()
    qtbot.waitUntil(lambda: "training" in page.panel.phase.text(), timeout=TIMEOUT_MS)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[1]), answers.pop(0))[1])
    assert not window.close()  # "No": the window and the run stay
    assert page.is_running()
    project_root = window.session.project.root
    assert window.close()
    assert len(asked) == 2
    from medlabel.core.project import open_project

    with open_project(project_root) as project:  # not locked, and the run is not left "running"
        assert list_runs(project)[-1].status == "cancelled"


def test_a_read_only_window_cannot_train(window, smoking):
    from medlabel.core.project import open_project

    holder = open_project(smoking)  # another window holds the project
    try:
        page = open_train_page(window, smoking)
        assert not page.train_button.isEnabled() and "read-only" in page.why.text()
    finally:
        window.close_project()
        holder.close()


def test_a_run_left_running_by_a_crashed_app_is_closed_when_the_project_opens(window, smoking):
    from medlabel.core.project import open_project
    from medlabel.ml.attached import prepare_attached_run

    with open_project(smoking) as project:  # an app that prepared a run, then went down with its child
        run_id = prepare_attached_run(project, {"task": "smoking_status", "recipe": "baseline"})
    page = open_train_page(window, smoking)
    (run,) = list_runs(window.session.project)
    assert run.id == run_id and run.status == "failed" and "without a result" in (run.error or "")
    assert page.history.item(0, 4).text() == "failed"


def test_the_page_shows_the_hardware_and_an_estimate_before_the_start(window, qtbot, smoking):
    page = open_train_page(window, smoking)  # MiniLM, classifier, long_text auto
    qtbot.waitUntil(lambda: "Expected duration" in page.estimate.estimate.text(), timeout=120_000)
    assert "when the whole report is needed" in page.estimate.estimate.text()  # auto: both ends given
    assert page.estimate.hardware.text().startswith("Hardware: ")
    assert "core" in page.estimate.hardware.text() or "GB free" in page.estimate.hardware.text()
    page.setup.recipe.setCurrentIndex(page.setup.recipe.findData("baseline"))
    qtbot.waitUntil(
        lambda: page.estimate.estimate.text() == "Expected duration: a few seconds.", timeout=60_000
    )


def test_a_crashing_training_process_is_explained_on_the_page(window, qtbot, smoking, monkeypatch):
    import sys

    from medlabel.gui.run_supervisor import RunSupervisor

    crash = [
        sys.executable,
        "-c",
        "import sys; sys.stderr.write('Segmentation fault in libfoo\\n'); sys.exit(139)",
    ]
    monkeypatch.setattr(RunSupervisor, "command", lambda self, root, run_id, fd: crash)
    page = open_train_page(window, smoking)
    page.setup.recipe.setCurrentIndex(page.setup.recipe.findData("baseline"))
    with qtbot.waitSignal(page.run_ended, timeout=60_000) as ended:
        page.train_button.click()
    assert ended.args[1] == "failed"
    text = page.panel.outcome.text()
    assert "ended without finishing the run" in text and "Segmentation fault in libfoo" in text
    assert "run.log" in text  # where the whole log is
    assert page.train_button.isEnabled() and page.history.item(0, 4).text() == "failed"
