"""GUI tests run without a screen and with their own settings file (never the user's)."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("MEDLABEL_SETTINGS", str(path))
    return path


@pytest.fixture
def window(qtbot):
    """The real main window, shown, with an annotator already named; its project closed afterwards."""
    from medlabel.gui import settings
    from medlabel.gui.main_window import MainWindow

    settings.set_annotator("Dr. Test")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close_project()
