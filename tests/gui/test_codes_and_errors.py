"""Code-normalised spans with the fuzzy code picker, and the app-level error handling."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from medlabel.core.annotations import get_spans
from medlabel.core.errors import SchemaError
from medlabel.core.importing import import_batch
from medlabel.core.normalize import Vocabulary, VocabularyEntry
from medlabel.core.project import create_project
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch
from medlabel.core.vocabularies import store_vocabulary
from medlabel.gui import errors, settings
from medlabel.gui.main_window import MainWindow

TEXT = "Diagnose: akuter Myokardinfarkt der Vorderwand. Nebenbefund: Vorhofflimmern."
ICD = Vocabulary(
    [
        VocabularyEntry("I21.0", "Akuter transmuraler Myokardinfarkt der Vorderwand", ("Vorderwandinfarkt",)),
        VocabularyEntry(
            "I48.9", "Vorhofflimmern und Vorhofflattern, nicht näher bezeichnet", ("Vorhofflimmern",)
        ),
        VocabularyEntry("I10", "Essentielle Hypertonie", ("Bluthochdruck",)),
    ]
)


@pytest.fixture
def window(qtbot, tmp_path):
    root = tmp_path / "codes"
    with create_project(root) as project:
        store_vocabulary(project, "icd10", ICD, "test")
        spec = EntityTypeSpec(
            "Diagnose", "#aa3377", "coded diagnosis", {"kind": "code", "vocabulary": "icd10"}
        )
        import_batch(project, ImportBatch("t", [DocRecord(TEXT, "d1")], entity_types=[spec]))
    settings.set_annotator("Dr. Code")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_project(root)
    yield win
    win.close_project()


def test_a_code_span_gets_its_code_and_the_picker_changes_it(window, qtbot):
    ws = window.workspace
    start = TEXT.index("Vorhofflimmern")
    ws.report.view.set_selection(start, start + len("Vorhofflimmern"))
    window.activateWindow()
    ws.report.view.setFocus()
    qtbot.waitUntil(ws.report.view.hasFocus)
    qtbot.keyClick(ws.report.view, Qt.Key.Key_D)  # D = Diagnose
    (span,) = get_spans(window.session.project, window.session.doc_id)
    assert (span.type, span.code) == ("Diagnose", "I48.9")

    # the picker searches the vocabulary fuzzily; choosing a match stores its code
    ws.span_editor.code_search.setText("Bluthochdruk")
    ws.span_editor.code_search.textEdited.emit("Bluthochdruk")
    items = [ws.span_editor.code_list.item(i) for i in range(ws.span_editor.code_list.count())]
    assert items and items[0].data(Qt.ItemDataRole.UserRole) == "I10"
    ws.span_editor.code_list.itemActivated.emit(items[0])
    (span,) = get_spans(window.session.project, window.session.doc_id)
    assert span.code == "I10"
    qtbot.keyClick(ws.report.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_spans(window.session.project, window.session.doc_id)[0].code == "I48.9"


def test_explained_errors_read_plainly_and_unexpected_ones_are_logged(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(errors, "log_file", lambda: tmp_path / "logs" / "medlabel.log")
    title, message = errors.describe(SchemaError("'X' is not a label of 'status'"))
    assert message == "'X' is not a label of 'status'" and "Traceback" not in message

    handler = logging.FileHandler(tmp_path / "captured.log")
    errors.log.addHandler(handler)
    old_hook = sys.excepthook
    try:
        errors.install_excepthook()
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = old_hook
        errors.log.removeHandler(handler)
        handler.close()
    logged = (tmp_path / "captured.log").read_text()
    assert "boom in a slot" in logged and "Traceback" in logged
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets()))
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("boom in a slot" in w.text() or "RuntimeError" in w.text() for w in shown)
    for w in shown:
        w.close()
    title, message = errors.describe(RuntimeError("boom"))
    assert title == "Unexpected error" and "medlabel.log" in message and "safe" in message
