"""GUI tests run without a screen and with their own settings file (never the user's)."""

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("MEDLABEL_SETTINGS", str(path))
    return path
