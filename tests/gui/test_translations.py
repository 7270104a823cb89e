"""The German catalogue: complete for every phrase in the code, placeholders intact, compiled file
current, and used at run time."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from medlabel.gui.i18n import TRANSLATIONS, tr

GUI = Path(__file__).resolve().parents[2] / "medlabel" / "gui"
CATALOGUE = TRANSLATIONS / "medlabel_de.ts"
COMPILED = TRANSLATIONS / "medlabel_de.qm"
UPDATE = "update the catalogue as medlabel/gui/i18n.py describes"


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def messages(path: Path) -> dict[str, ET.Element]:
    return {m.findtext("source"): m.find("translation") for m in ET.parse(path).iter("message")}


def texts(translation: ET.Element) -> list[str]:
    """The translation's text, or each plural form of a phrase with a count (numerus)."""
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def test_every_phrase_in_the_code_is_translated(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(fresh), "-locations", "none"], check=True,
                   capture_output=True)  # fmt: skip
    in_code = set(messages(fresh))
    catalogue = messages(CATALOGUE)
    missing = sorted(in_code - set(catalogue))
    assert not missing, f"phrases without a German translation: {missing[:10]}; {UPDATE}"
    unfinished = sorted(
        s
        for s, t in catalogue.items()
        if t.get("type") == "unfinished" or not all(x.strip() for x in texts(t))
    )
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_placeholders_survive_translation():
    for source, translation in messages(CATALOGUE).items():
        for text in texts(translation):
            assert sorted(re.findall(r"\{\d+\}", source)) == sorted(re.findall(r"\{\d+\}", text)), source


def test_keys_are_spelt_the_way_qt_spells_them_in_german():
    # Menus and the shortcut sheet show keys through Qt's own German (Strg, Umschalt, Entf); a sentence
    # that names a key must use the same words, not the English ones.
    english = re.compile(r"\b(Ctrl|Shift|Del|Delete|Backspace|Space)\b")
    spelt = {
        source: text
        for source, translation in messages(CATALOGUE).items()
        for text in texts(translation)
        if english.search(text)
    }
    assert spelt == {}


def test_the_compiled_catalogue_is_current_and_used(qapp, tmp_path):
    compiled = tmp_path / "medlabel_de.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(CATALOGUE), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert COMPILED.read_bytes() == compiled.read_bytes(), f"medlabel_de.qm is older than the .ts; {UPDATE}"
    translator = QTranslator()
    assert translator.load(str(COMPILED))
    QCoreApplication.installTranslator(translator)
    try:
        german = messages(CATALOGUE)["Next report"].text
        assert tr("Next report") == german != "Next report"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert tr("Next report") == "Next report"
