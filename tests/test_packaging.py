"""What an installed medlabel carries: every package folder is listed in pyproject.toml (a folder left out
would be missing from a wheel or bundle), and the resources (icon sizes, desktop entry, AppStream
metadata) are found through importlib.resources and are well formed."""

import configparser
import struct
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import pytest

from medlabel.resources import ICON_SIZES, icon_path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.medlabel.Medlabel"


def test_every_package_folder_is_listed_and_has_an_init():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(p.relative_to(ROOT).parts)
        for p in (ROOT / "medlabel").rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(p.glob("*.py"))
    } | {"medlabel"}
    assert folders | {"medlabel.resources"} == listed
    for name in folders:
        assert (ROOT / name.replace(".", "/") / "__init__.py").is_file(), name


def test_the_icon_comes_in_every_size_through_importlib_resources():
    assert icon_path().read_text(encoding="utf-8").startswith("<svg")
    for size in ICON_SIZES:
        data = icon_path(size).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert (width, height) == (size, size)
    assert (files("medlabel.resources") / f"{APP_ID}.desktop").is_file()


def test_the_desktop_entry_and_the_appstream_metadata_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Icon"] == APP_ID
    assert desktop["Exec"].split()[0] == "medlabel"
    component = ET.parse(ROOT / "resources" / f"{APP_ID}.metainfo.xml").getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == f"{APP_ID}.desktop"
    assert component.findtext("project_license") == "Apache-2.0"
