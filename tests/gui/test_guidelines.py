"""The two help views beside the work: the guidelines panel (generated until written, edits stored without a
Save) and the keyboard shortcut sheet (shows exactly the rows it is given, in the platform's key names)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from medlabel.core.audit import history
from medlabel.core.demo.project import create_demo_project
from medlabel.core.notes import default_guidelines, get_guidelines, set_guidelines
from medlabel.core.project import open_project
from medlabel.core.schema import add_label
from medlabel.gui import actions
from medlabel.gui.guidelines import GuidelinesPanel
from medlabel.gui.session import Session
from medlabel.gui.shortcut_sheet import ShortcutSheet, format_keys

RULES = "# Smoking rules\n\n- **PAST SMOKER**: quit at least a year before admission\n"


@pytest.fixture
def smoking(tmp_path):
    project = create_demo_project(tmp_path / "smoking", "smoking", documents=60, labelled=40, test=10)
    yield project
    project.close()


def panel_for(qtbot, project):
    panel = GuidelinesPanel(Session(project, "Dr. Test"))
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_without_guidelines_the_generated_ones_are_shown_with_a_hint(qtbot, smoking):
    panel = panel_for(qtbot, smoking)
    shown = panel.view.toPlainText()
    assert "smoking_status" in shown and "PAST SMOKER" in shown and "**" not in shown  # rendered, not source
    assert panel.hint.isVisible() and "Generated" in panel.hint.text()
    assert panel.edit_button.isVisible()


def test_edit_then_leave_edit_mode_stores_the_text(qtbot, smoking):
    panel = panel_for(qtbot, smoking)
    panel.edit_button.click()
    assert panel.editing and panel.editor.toPlainText() == default_guidelines(smoking)
    panel.editor.setPlainText(RULES)
    panel.edit_button.click()
    assert not panel.editing
    assert get_guidelines(smoking) == RULES
    assert panel.view.toPlainText().startswith("Smoking rules")
    assert not panel.hint.isVisible()
    entry = [e for e in history(smoking) if e.action == "set_guidelines"][-1]
    assert (entry.annotator, entry.before, entry.after) == ("Dr. Test", None, RULES)


def test_typing_is_stored_after_a_pause_while_still_editing(qtbot, smoking):
    panel = panel_for(qtbot, smoking)
    panel.set_editing(True)
    panel.editor.setPlainText(RULES)
    assert get_guidelines(smoking) is None  # not on every keystroke
    qtbot.waitUntil(lambda: get_guidelines(smoking) == RULES, timeout=3000)
    assert panel.editing


def test_leaving_edit_mode_without_changes_stores_nothing(qtbot, smoking):
    panel = panel_for(qtbot, smoking)
    panel.set_editing(True)
    panel.set_editing(False)
    assert get_guidelines(smoking) is None
    assert not any(e.action == "set_guidelines" for e in history(smoking))
    assert panel.hint.isVisible()


def test_generated_guidelines_follow_schema_changes_written_ones_do_not(qtbot, smoking):
    panel = panel_for(qtbot, smoking)
    add_label(smoking, "smoking_status", "VAPER", "ann", "uses e-cigarettes only")
    panel.session.reload_schema()
    assert "uses e-cigarettes only" in panel.view.toPlainText()
    set_guidelines(smoking, RULES, "ann")
    panel.refresh()
    add_label(smoking, "smoking_status", "SNUS", "ann", "oral tobacco")
    panel.session.reload_schema()
    assert "oral tobacco" not in panel.view.toPlainText()
    assert "Smoking rules" in panel.view.toPlainText()


def test_read_only_project_has_no_edit_button(qtbot, tmp_path):
    create_demo_project(tmp_path / "ro", "smoking", documents=20, labelled=10, test=0).close()
    with open_project(tmp_path / "ro", read_only=True) as project:
        panel = panel_for(qtbot, project)
        assert not panel.edit_button.isVisible()
        assert "smoking_status" in panel.view.toPlainText()


ENTRIES = [
    ("Navigate", "Alt+Right / Alt+Down", "Next report"),
    ("Annotate", "1 … 9", "set the label"),
    ("Navigate", "Ctrl+F", "Search reports"),
    ("Annotate", "Ctrl+Shift+Z", "Redo"),
]


def native(text: str) -> str:
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)


def test_format_keys_renders_key_sequences_natively_and_keeps_other_text():
    assert format_keys("Ctrl+Shift+Z") == native("Ctrl+Shift+Z")
    assert format_keys(QKeySequence("Ctrl+Return")) == native("Ctrl+Return")
    assert format_keys("Alt+Right / Alt+Down") == f"{native('Alt+Right')} / {native('Alt+Down')}"
    assert format_keys("ctrl+z") == native("Ctrl+Z")
    for text in ("1 … 9", "letter", "Shift+letter", "click a span"):
        assert format_keys(text) == text


def test_shortcut_sheet_shows_the_rows_grouped_with_bold_headings(qtbot):
    sheet = ShortcutSheet(ENTRIES)
    qtbot.addWidget(sheet)
    assert sheet.rows() == [
        ("Navigate", format_keys("Alt+Right / Alt+Down"), "Next report"),
        ("Navigate", native("Ctrl+F"), "Search reports"),
        ("Annotate", "1 … 9", "set the label"),
        ("Annotate", native("Ctrl+Shift+Z"), "Redo"),
    ]
    headings = [
        sheet.table.item(r, 0) for r in range(sheet.table.rowCount()) if sheet.table.columnSpan(r, 0) == 2
    ]
    assert [h.text() for h in headings] == ["Navigate", "Annotate"]
    assert all(h.font().bold() for h in headings)


def test_shortcut_sheet_holds_every_workspace_entry(qtbot):
    entries = actions.sheet_entries()
    sheet = ShortcutSheet(entries)
    qtbot.addWidget(sheet)
    assert sorted(sheet.rows()) == sorted((g, format_keys(k), t) for g, k, t in entries)


@pytest.mark.parametrize("key", [Qt.Key.Key_F1, Qt.Key.Key_Escape])
def test_shortcut_sheet_closes_with_f1_and_escape(qtbot, key):
    sheet = ShortcutSheet(ENTRIES)
    qtbot.addWidget(sheet)
    sheet.show()
    qtbot.waitExposed(sheet)
    sheet.activateWindow()
    qtbot.keyClick(sheet, key)
    qtbot.waitUntil(lambda: not sheet.isVisible(), timeout=2000)
