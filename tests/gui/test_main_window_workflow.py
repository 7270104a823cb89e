"""Everyday workflow of the main window: a size that follows the screen and a layout that works at
1280 × 720, Quit in the menu through the normal close path, the log folder in one platformdirs place
(and said where when no file manager opens it), binary files refused as "not a text file", counts in
proper plural forms, and no command-line advice in the app's messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget

from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import MedlabelError, SchemaError
from medlabel.core.jobs import RecordingReporter
from medlabel.core.runs import get_run
from medlabel.gui import errors, messages
from medlabel.gui.i18n import tr
from medlabel.gui.import_wizard import PAGE_FILE, ImportWizard
from medlabel.gui.main_window import MAX_SIZE, initial_geometry
from medlabel.ml.train import run_training

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


# --- the window's size ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("screen", "expected"),
    [
        (QRect(0, 0, 1280, 720), QRect(0, 0, 1280, 720)),  # a small laptop: all of it
        (QRect(0, 0, 1366, 728), QRect(43, 4, 1280, 720)),  # 1366 × 768 less a task bar: 1280 × 720 at least
        (QRect(0, 0, 1920, 1080), QRect(160, 54, 1600, 972)),  # 90 % high, at most 1600 wide, centred
        (QRect(1920, 0, 3840, 2160), QRect(1920 + 1120, 580, 1600, 1000)),  # a second, large screen
        (QRect(0, 0, 1024, 600), QRect(0, 0, 1024, 600)),  # never larger than the screen
    ],
)
def test_the_window_follows_the_screen(screen, expected):
    assert initial_geometry(screen) == expected


SCREEN_SCRIPT = """
import json, os, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from medlabel.gui.main_window import MainWindow
window = MainWindow()
window.show()
for _ in range(3):
    app.processEvents()
g, f = window.geometry(), window.frameGeometry()
print(json.dumps({"window": [g.x(), g.y(), g.width(), g.height()],
                  "frame": [f.x(), f.y(), f.width(), f.height()], "welcome": window.welcome.isVisible()}))
"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (2560, 1440)])
def test_a_new_window_fits_the_screen_it_opens_on(tmp_path, width, height):
    """On a real (offscreen) screen of that size, not only as arithmetic: Qt starts with the screen."""
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96,
              "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "MEDLABEL_SETTINGS": str(tmp_path / "settings.ini")}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", SCREEN_SCRIPT], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)  # fmt: skip
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, w, h = shown["frame"]  # the window with its border and title bar
    assert shown["welcome"]
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height
    if width == 1280:
        assert (w, h) == (1280, 720)  # all of a small screen
    else:
        assert shown["window"][2:] == [MAX_SIZE.width(), MAX_SIZE.height()]


def test_the_size_the_user_left_is_kept(qtbot):
    from medlabel.gui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)  # within the 800 × 800 offscreen screen: restoring keeps a window on it
    first.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


@pytest.fixture
def with_run(window, qtbot, tmp_path):
    """The window showing a smoking demo with one completed baseline run (the Review page has content)."""
    root = tmp_path / "smoking"
    project = create_demo_project(root, "smoking", documents=160, labelled=120, test=30)
    run_training(project, {"task": "smoking_status", "recipe": "baseline"}, RecordingReporter())
    project.close()
    assert window.open_project(root)
    qtbot.waitUntil(lambda: not window.backups.is_running(), timeout=20_000)
    return window


def fully_shown(widget: QWidget, window: QWidget) -> bool:
    """Visible, inside the window, and not clipped by any parent (a scroll area, a splitter)."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, QPoint(0, 0))
    inside = window.rect().contains(QRect(top_left, widget.size()))
    return inside and widget.visibleRegion().boundingRect() == widget.rect()


KEY_WIDGETS = {
    "Annotate": ["docSearch", "docTable", "docStatus", "docSplit"],
    "Train": ["trainButton", "cancelButton", "trainTask", "trainModel", "trainRecipe", "predictAll",
              "predictUnlabelled", "runHistory"],
    "Review": ["exportReport", "exportPredictions", "reviewTabs"],
}  # fmt: skip


@pytest.mark.parametrize("height", [720, 650])  # a 1280 × 720 window, and one under a task bar
def test_every_page_works_at_1280_by_720(with_run, qtbot, height):
    window = with_run
    window.resize(1280, height)
    assert (window.width(), window.height()) == (1280, height)  # no page asks for more room
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        qtbot.waitUntil(page.isVisible)
        name = window.tabs.tabText(index)
        for object_name in KEY_WIDGETS[name]:
            widget = page.findChild(QWidget, object_name)
            assert widget is not None and fully_shown(widget, window), (name, object_name)
        # No button of the page is cut off by the window's edge.
        for button in page.findChildren(QAbstractButton):
            if button.isVisible():
                where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
                assert window.rect().contains(where), (name, button.text())
        if page is window.workspace:
            labels = [b for b in window.workspace.labels.findChildren(QAbstractButton) if b.isVisible()]
            assert len(labels) == 5 and all(fully_shown(b, window) for b in labels)


# --- Quit -------------------------------------------------------------------------------------------


def test_quit_is_in_the_file_menu_with_its_key(window):
    quit_action = window.actions_["quit"]
    file_menu = window.menuBar().actions()[0].menu()
    assert quit_action in file_menu.actions() and file_menu.actions()[-1] is quit_action
    assert QKeySequence("Ctrl+Q") in quit_action.shortcuts()
    assert quit_action.isEnabled()  # also without a project


def test_the_view_menu_holds_the_open_projects_view_switches(with_run):
    window = with_run
    view = window.view_menu
    assert view.menuAction().isVisible()
    assert view.actions() == [window.workspace.fixed_width_action]
    window.close_project()
    assert not view.menuAction().isVisible() and view.actions() == []


def test_quit_asks_while_a_run_trains_and_closes_otherwise(with_run, monkeypatch):
    window = with_run
    asked = []

    def answer(reply):
        return lambda *a, **k: asked.append(a[1]) or reply

    monkeypatch.setattr(window.train_page, "is_running", lambda: True)
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    window.actions_["quit"].trigger()
    assert asked == ["A run is in progress"]
    assert window.isVisible() and window.session is not None  # stays, the run goes on

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.actions_["quit"].trigger()
    assert len(asked) == 2
    assert not window.isVisible() and window.session is None  # closed, the project with it


def test_quit_without_a_run_closes_at_once(with_run, monkeypatch):
    window = with_run
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("nothing to ask"))
    window.actions_["quit"].trigger()
    assert not window.isVisible() and window.session is None


# --- the log folder ---------------------------------------------------------------------------------


@pytest.fixture
def log_home(tmp_path, monkeypatch):
    for name in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    return tmp_path / "home"


def test_the_log_lives_in_the_platforms_log_folder(log_home):
    folder = errors.log_dir()
    assert folder == Path(platformdirs.user_log_dir("medlabel", appauthor=False))
    assert log_home in folder.parents
    assert "medlabel/medlabel" not in folder.as_posix()
    assert errors.log_file().parent == folder


def test_without_a_file_manager_the_log_folder_is_named(window, log_home, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or False)
    box = window._open_logs()
    assert opened == [str(errors.log_dir())] and errors.log_dir().is_dir()
    assert box is not None and box.isVisible()
    assert str(errors.log_dir()) in box.text()
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label.textInteractionFlags() & label.textInteractionFlags().TextSelectableByMouse
    box.close()

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    assert window._open_logs() is None  # a file manager showed it: nothing more to say


def test_the_log_folder_is_in_the_help_menu(window):
    help_menu = window.menuBar().actions()[-1].menu()
    assert "Open the log folder" in [a.text() for a in help_menu.actions()]


# --- binary files -----------------------------------------------------------------------------------


def zip_bytes() -> bytes:
    path_bytes = __import__("io").BytesIO()
    with zipfile.ZipFile(path_bytes, "w") as archive:
        archive.writestr("notes.txt", "hello " * 100)
    return path_bytes.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [("scan.csv", PNG), ("reports.csv", None), ("scan.png", PNG), ("letter.pdf", b"%PDF-1.7\n" + PNG)],
)
def test_a_binary_file_is_not_a_text_file_in_the_wizard(qtbot, tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(zip_bytes() if content is None else content)
    wizard = ImportWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.file_edit.setText(str(source))
    wizard.file_page.folder_edit.setText(str(tmp_path / "never-made"))
    wizard.next()
    assert wizard.currentId() == PAGE_FILE  # stopped on the first page
    shown = wizard.file_page.error_label.text()
    assert f"{source} is not a text file" in shown, shown
    assert not (tmp_path / "never-made").exists()


# --- plural forms and the app's words ---------------------------------------------------------------


def test_counts_take_the_plural_form_that_fits():
    assert tr("{0} report(s) moved.", "", 1).format(1) == "1 report moved."
    assert tr("{0} report(s) moved.", "", 0).format(0) == "0 reports moved."
    assert tr("{0} report(s) moved.", "", 12).format(12) == "12 reports moved."
    assert tr("Quit") == "Quit"  # a text without a count is looked up as before


def test_the_import_check_counts_in_plural_forms(qtbot, tmp_path):
    from medlabel.core.importing import ImportReport

    wizard = ImportWizard()
    qtbot.addWidget(wizard)
    wizard.root = tmp_path / "p"
    report = ImportReport(source="x.csv", documents_in_file=1, documents_to_import=1, labels_to_import=1,
                          spans_to_import=0)  # fmt: skip
    wizard.check_page._show_report(report)
    text = wizard.check_page.summary.text()
    assert text.startswith("1 document in the file; 1 will be imported"), text
    assert "with 1 label and 0 spans." in text and "(s)" not in text


def test_schema_refusals_count_in_plural_forms():
    one = SchemaError("x", code="schema.label_in_use", label_set="smoking", label="SMOKER", count=1)
    many = SchemaError("x", code="schema.entity_type_in_use", entity_type="LV-EF", count=3)
    assert "is the label of 1 document;" in messages.describe(one)
    assert "is the type of 3 spans;" in messages.describe(many)


def test_english_messages_without_a_wording_name_no_command():
    uncoded = MedlabelError("there is no run 999; 'medlabel runs PROJECT' lists the runs")
    shown = errors.describe(uncoded)[1]
    assert shown == "there is no run 999"
    assert "'medlabel" not in shown
    assert (
        messages.without_cli_advice(
            "nothing was changed. Bring back a backup (in the app: Project → Restore from a backup…; or "
            "'medlabel restore' with the project folder)"
        )
        == "nothing was changed. Bring back a backup (in the app: Project → Restore from a backup…)"
    )


def test_help_shows_the_user_guide_and_the_app_has_its_icon(window, qtbot):
    from medlabel.gui.app import app_icon
    from medlabel.resources import ICON_SIZES

    window.show_guide()
    qtbot.addWidget(window.guide)
    text = window.guide.browser.toPlainText()
    assert "medlabel user guide" in text and "Review: can I trust the model?" in text
    resource = 3  # QTextDocument.ImageResource
    image = window.guide.browser.document().resource(resource, "screenshots/15-review-errors.png")
    assert image is not None and not image.isNull()
    sizes = {s.width() for s in app_icon().availableSizes()}
    assert set(ICON_SIZES) <= sizes


def test_a_missing_run_and_a_missing_vocabulary_are_worded_for_the_app(tmp_path):
    from medlabel.core.vocabularies import load_vocabulary

    project = create_demo_project(tmp_path / "s", "smoking", documents=20, labelled=10, test=2)
    try:
        with pytest.raises(MedlabelError) as run:
            get_run(project, 999)
        with pytest.raises(MedlabelError) as vocabulary:
            load_vocabulary(project, "ICD-10")
    finally:
        project.close()
    assert (run.value.code, run.value.params) == ("run.not_found", {"run": 999})
    assert (
        errors.describe(run.value)[1]
        == "There is no run 999 in this project (any more). Choose a run from the list."
    )
    assert vocabulary.value.code == "vocabulary.not_found"
    assert "no vocabulary ICD-10" in errors.describe(vocabulary.value)[1]
    assert "medlabel" not in errors.describe(vocabulary.value)[1]
