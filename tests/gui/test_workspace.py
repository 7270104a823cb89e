"""The keyboard flow of the annotation workspace, driven through the real main window, checked in the
store: labels by number keys, spans by letter keys, undo/redo, notes, reopening, read-only."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.demo.project import create_demo_project
from medlabel.core.doclist import labelled_count
from medlabel.core.documents import document_ids, get_document
from medlabel.core.notes import get_note
from medlabel.core.project import open_project

SMOKING = ["CURRENT SMOKER", "NON-SMOKER", "PAST SMOKER", "SMOKER", "UNKNOWN"]


def open_in(window, qtbot, root):
    assert window.open_project(root)
    window.activateWindow()
    window.workspace.focus_text()
    qtbot.waitUntil(lambda: window.workspace.report.view.hasFocus())
    return window.workspace


def key(qtbot, ws, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(ws.report.view, k, modifier)


def test_label_twenty_reports_by_keys_undo_redo_and_reopen(window, qtbot, tmp_path):
    root = tmp_path / "smoking"
    create_demo_project(root, "smoking", documents=30, labelled=0, test=0).close()
    ws = open_in(window, qtbot, root)
    labels = window.session.schema.label_set("smoking_status").label_names
    pressed: dict[int, str] = {}
    for i in range(20):
        doc_id = window.session.doc_id
        digit = 1 + i % len(labels)
        key(qtbot, ws, getattr(Qt.Key, f"Key_{digit}"))
        pressed[doc_id] = labels[digit - 1]
        key(qtbot, ws, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # done, next unlabelled
    project = window.session.project
    assert {d: get_labels(project, d)["smoking_status"] for d in pressed} == pressed
    assert len(pressed) == 20 and labelled_count(project) == (20, 30)
    assert "20 / 30 labelled" in window.windowTitle()

    last = list(pressed)[-1]
    key(qtbot, ws, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_labels(project, last) == {}
    assert window.session.doc_id == last  # undo shows the report it changed
    key(qtbot, ws, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert get_labels(project, last)["smoking_status"] == pressed[last]

    # the same key again clears the label; 0 clears too
    digit = labels.index(pressed[last]) + 1
    key(qtbot, ws, getattr(Qt.Key, f"Key_{digit}"))
    assert get_labels(project, last) == {}
    key(qtbot, ws, Qt.Key.Key_2)
    key(qtbot, ws, Qt.Key.Key_0)
    assert get_labels(project, last) == {}
    key(qtbot, ws, getattr(Qt.Key, f"Key_{digit}"))

    # navigation by keys
    first = document_ids(project)[0]
    ws.go(first, "")
    key(qtbot, ws, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.session.doc_id == document_ids(project)[1]
    key(qtbot, ws, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.session.doc_id == first
    key(qtbot, ws, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert get_labels(project, window.session.doc_id) == {}

    # a note and a flag, then quit and reopen: everything as left, on the same report
    ws.focus_note()
    qtbot.keyClicks(ws.note_editor.text, "ask the cardiologist")
    key(qtbot, ws, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    where = window.session.doc_id
    window.close_project()
    assert window.workspace is None
    with open_project(root, read_only=True) as reopened:
        assert {d: get_labels(reopened, d)["smoking_status"] for d in pressed} == pressed
        note = get_note(reopened, where)
        assert (note.text, note.flagged) == ("ask the cardiologist", True)
    ws = open_in(window, qtbot, root)
    assert window.session.doc_id == where


def test_spans_by_keys_snap_retype_delete_and_undo(window, qtbot, tmp_path):
    root = tmp_path / "cardio"
    create_demo_project(root, "cardio", documents=5, labelled=0, test=0).close()
    ws = open_in(window, qtbot, root)
    project, doc = window.session.project, window.session.document
    match = re.search(r"(\d\d) ?%", doc.text)
    assert match
    # select "5 %" from inside the number: the span snaps to the whole number and keeps the "%"
    ws.report.view.set_selection(match.start() + 1, match.end())
    key(qtbot, ws, Qt.Key.Key_L)  # L = LV-EF
    (span,) = get_spans(project, doc.id)
    assert (span.start, span.end, span.type) == (match.start(), match.end(), "LV-EF")
    assert span.value == float(match.group(1)) and span.unit == "%" and span.annotator == "Dr. Test"
    assert ws.span_editor.isVisibleTo(ws) and ws.report.view.selected_span == span.id

    # Shift+key keeps the exact selection (here only the first digit), and overlapping spans are fine
    ws.report.view.set_selection(match.start(), match.start() + 1)
    key(qtbot, ws, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    spans = get_spans(project, doc.id)
    assert sorted((s.start, s.end, s.type) for s in spans) == [
        (match.start(), match.start() + 1, "RV-EF"), (match.start(), match.end(), "LV-EF"),
    ]  # fmt: skip

    # select the LV-EF span, retype it with a key, edit its value, delete it, undo everything in turn
    ws.report.view.select_span(span.id)
    ws.report.view.set_selection(match.end(), match.end())
    key(qtbot, ws, Qt.Key.Key_V)  # V = LVEDV
    assert {s.id: s.type for s in get_spans(project, doc.id)}[span.id] == "LVEDV"
    ws.report.view.select_span(span.id)
    key(qtbot, ws, Qt.Key.Key_Delete)
    assert [s.type for s in get_spans(project, doc.id)] == ["RV-EF"]
    undo = (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, ws, *undo)  # the deleted span is back, with its id
    assert {s.id: s.type for s in get_spans(project, doc.id)}[span.id] == "LVEDV"
    key(qtbot, ws, *undo)  # retyped back
    assert {s.id: s.type for s in get_spans(project, doc.id)}[span.id] == "LV-EF"
    key(qtbot, ws, *undo)
    key(qtbot, ws, *undo)
    assert get_spans(project, doc.id) == []
    key(qtbot, ws, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [(s.id, s.type) for s in get_spans(project, doc.id)] == [(span.id, "LV-EF")]

    # no selection and no selected span: nothing is stored, the status bar says what to do
    ws.report.view.select_span(None)
    ws.report.view.set_selection(0, 0)
    key(qtbot, ws, Qt.Key.Key_M)
    assert len(get_spans(project, doc.id)) == 1
    assert "Select some text" in window.statusBar().currentMessage()


def test_value_editor_changes_the_stored_value(window, qtbot, tmp_path):
    root = tmp_path / "cardio"
    create_demo_project(root, "cardio", documents=3, labelled=0, test=0).close()
    ws = open_in(window, qtbot, root)
    doc = window.session.document
    match = re.search(r"\d\d ?%", doc.text)
    ws.report.view.set_selection(match.start(), match.end())
    key(qtbot, ws, Qt.Key.Key_L)
    (span,) = get_spans(window.session.project, doc.id)
    ws.span_editor.value_edit.setText("61,5 %")
    ws.span_editor.value_edit.editingFinished.emit()
    (span,) = get_spans(window.session.project, doc.id)
    assert (span.value, span.unit) == (61.5, "%")
    ws.span_editor.value_edit.setText("sixty")
    ws.span_editor.value_edit.editingFinished.emit()
    assert get_spans(window.session.project, doc.id)[0].value == 61.5  # refused, shown, unchanged
    assert ws.span_editor.value_hint.text()


def test_project_open_elsewhere_is_read_only_with_a_banner(window, qtbot, tmp_path):
    root = tmp_path / "smoking"
    holder = create_demo_project(root, "smoking", documents=5, labelled=0, test=0)
    try:
        ws = open_in(window, qtbot, root)
        assert window.session.read_only and ws.banner.isVisibleTo(window)
        assert "read-only" in window.windowTitle()
        doc_id = window.session.doc_id
        assert not window.actions_["undo"].isEnabled()
        assert not any(b.isEnabled() for b in ws.labels.findChildren(type(ws.span_editor.delete_button)))
        key(qtbot, ws, Qt.Key.Key_1)
        assert get_labels(holder, doc_id) == {}
        assert "read-only" in window.statusBar().currentMessage()
        assert get_document(holder, doc_id).text == window.session.document.text
    finally:
        window.close_project()
        holder.close()


def test_newcomer_flow_demo_from_the_welcome_screen_then_keys_then_reopen(window, qtbot, tmp_path):
    root = tmp_path / "first-demo"
    window.welcome.demo_sizes = (12, 0, 0)
    window.welcome.create_demo("smoking", root)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    ws = window.workspace
    window.activateWindow()
    ws.focus_text()
    qtbot.waitUntil(ws.report.view.hasFocus)
    done = []
    for digit in (Qt.Key.Key_4, Qt.Key.Key_1, Qt.Key.Key_5):
        done.append(window.session.doc_id)
        key(qtbot, ws, digit)
        key(qtbot, ws, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    labels = window.session.schema.label_set("smoking_status").label_names
    expected = dict(zip(done, [labels[3], labels[0], labels[4]], strict=True))
    window.close_project()
    ws = open_in(window, qtbot, root)  # as from the recent-projects list
    assert {d: get_labels(window.session.project, d)["smoking_status"] for d in done} == expected
    assert window.session.doc_id not in done  # back where the user stopped: the next unlabelled report
