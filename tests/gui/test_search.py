"""Searching reports in the labelling workspace, through the real main window: the search's matches
highlighted in the report (phrases as phrases, span tints kept), the first match scrolled into view, Enter
and Down going on from the search box into the results, and a report the search hides explained."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from medlabel.core.annotations import add_span
from medlabel.core.importing import import_batch
from medlabel.core.project import create_project
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec
from medlabel.core.text_search import match_ranges
from medlabel.gui.annotate.report_view import SEARCH_HIGHLIGHT
from medlabel.gui.doclist.model import ID_COLUMN
from tests.gui.test_workspace import open_in

LONG = (
    "".join(f"Line {i}: unremarkable.\n" for i in range(150)) + "Cardiac needle biopsy planned.\n" + "End.\n"
)
TEXTS = {
    "r1": "Patient is a current smoker, 20 pack-years. No smoking advice given.",
    "r2": "No evidence of smoking. Heart rate 72.",
    "r3": "Never smoked.",
    "r4": LONG,
    "r5": "No smoking since 2001; smoker's cough resolved.",
    "r6": "Quiet report.",
}


@pytest.fixture
def ws(window, qtbot, tmp_path):
    root = tmp_path / "search"
    batch = ImportBatch(
        "t",
        [DocRecord(text, name) for name, text in TEXTS.items()],
        [LabelSetSpec("smoking", ["CURRENT", "NON", "PAST"])],
        [EntityTypeSpec("SMOKING", "#1f77b4", "smoking history")],
    )
    with create_project(root) as project:
        import_batch(project, batch)
        start = TEXTS["r1"].index("current smoker")
        add_span(project, 1, start, start + len("current smoker"), "SMOKING", "Dr. Test")
    workspace = open_in(window, qtbot, root)
    assert window.session.doc_id == 1
    return workspace


def search(qtbot, ws, text: str) -> None:
    """Type ``text`` into the search box and press Enter."""
    ws.doc_list.search.clear()
    ws.doc_list.focus_search()
    qtbot.waitUntil(ws.doc_list.search.hasFocus)
    qtbot.keyClicks(ws.doc_list.search, text)
    qtbot.keyClick(ws.doc_list.search, Qt.Key.Key_Return)


def drawn(ws, what: str) -> list[tuple[int, int]]:
    """The report view's extra selections of one kind, as (start, end): the search's matches (a line above
    them), its yellow backgrounds, or everything else (the spans)."""
    out = []
    for selection in ws.report.view.extraSelections():
        fmt, cursor = selection.format, selection.cursor
        kind = (
            "match"
            if fmt.fontOverline()
            else "yellow"
            if fmt.background().style() != Qt.BrushStyle.NoBrush
            and fmt.background().color() == QColor(SEARCH_HIGHLIGHT)
            else "span"
        )
        if kind == what:
            out.append((cursor.selectionStart(), cursor.selectionEnd()))
    return out


def span_of(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def test_matches_are_highlighted_without_hiding_the_span_tints(window, qtbot, ws):
    text = TEXTS["r1"]
    spans_before = drawn(ws, "span")
    assert spans_before == [span_of(text, "current smoker")]
    search(qtbot, ws, "smok")
    assert window.session.doc_id == 1  # listed: it stays open
    assert (
        drawn(ws, "match")
        == match_ranges(text, "smok")
        == [span_of(text, "smoker"), span_of(text, "smoking")]
    )
    # yellow only where no span lies: "smoker" keeps the span's tint, "smoking" gets the highlighter
    assert drawn(ws, "yellow") == [span_of(text, "smoking")]
    assert drawn(ws, "span") == spans_before
    # another report of the results: its own matches
    qtbot.keyClick(ws.doc_list.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.session.doc_id == 2)
    assert drawn(ws, "match") == [span_of(TEXTS["r2"], "smoking")]
    # the search cleared: no highlight left
    ws.doc_list.search.clear()
    ws.doc_list.apply_filter()
    assert drawn(ws, "match") == drawn(ws, "yellow") == []


def test_a_phrase_is_found_and_highlighted_only_where_its_words_stand_together(window, qtbot, ws):
    search(qtbot, ws, '"no smoking"')
    assert ws.doc_list.visible_ids() == [1, 5]  # r2 has both words, but apart: "No evidence of smoking"
    assert drawn(ws, "match") == [span_of(TEXTS["r1"], "No smoking")]
    window.session.open_document(2)
    assert drawn(ws, "match") == []
    search(qtbot, ws, '"no smok')  # the closing quote not typed yet: the last word is a start
    assert ws.doc_list.visible_ids() == [1, 5]


def test_enter_opens_the_first_result_and_scrolls_its_match_into_view(window, qtbot, ws):
    view = ws.report.view
    ws.doc_list.search.setText("needle")  # the typing pause still running: Enter applies it at once
    qtbot.keyClick(ws.doc_list.search, Qt.Key.Key_Return)
    assert ws.doc_list.visible_ids() == [4]
    assert window.session.doc_id == 4 and ws.doc_list.current_id() == 4
    qtbot.waitUntil(ws.doc_list.view.hasFocus)
    start, end = span_of(LONG, "needle")
    assert drawn(ws, "match") == [(start, end)]
    assert view.textCursor().position() == start and not view.textCursor().hasSelection()
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.cursorRect()))
    assert view.verticalScrollBar().value() > 0  # the match lies far below the report's first screen


def test_down_goes_from_the_search_box_to_the_current_result_then_walks_the_list(window, qtbot, ws):
    ws.doc_list.search.setText("smok")
    ws.doc_list.search.setFocus()
    qtbot.keyClick(ws.doc_list.search, Qt.Key.Key_Down)
    assert ws.doc_list.visible_ids() == [1, 2, 3, 5]
    qtbot.waitUntil(ws.doc_list.view.hasFocus)
    assert ws.doc_list.current_id() == 1 and window.session.doc_id == 1  # the report shown is listed
    qtbot.keyClick(ws.doc_list.view, Qt.Key.Key_Down)
    qtbot.keyClick(ws.doc_list.view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.session.doc_id == 3)
    # with the report shown not listed, Down goes to the first result and opens it
    search(qtbot, ws, "zzz")
    assert ws.doc_list.visible_ids() == [] and not ws.doc_list.view.hasFocus()  # nothing to go to
    ws.doc_list.search.setText("cough")
    qtbot.keyClick(ws.doc_list.search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.session.doc_id == 5)
    assert ws.doc_list.view.currentIndex().row() == 0


def test_a_report_the_search_hides_is_explained_and_next_previous_keep_the_place(window, qtbot, ws):
    panel, notice = ws.doc_list, ws.doc_list.hidden_notice
    assert notice.isHidden()
    ws.go(3, "")
    ws.doc_list.search.setText('"no smoking"')
    panel.apply_filter()
    assert panel.visible_ids() == [1, 5] and window.session.doc_id == 3
    assert notice.isVisible() and "r3" in notice.text() and 'href="show"' in notice.text()
    # in import order the neighbours are the listed reports around it, not the top of the list
    assert (panel.previous_id(), panel.next_id()) == (1, 5)
    ws.next_document()
    assert window.session.doc_id == 5 and notice.isHidden() and panel.visible_ids() == [1, 5]

    window.session.open_document(6)
    assert notice.isVisible() and panel.next_id() is None and panel.previous_id() == 5
    ws.next_document()
    assert window.session.doc_id == 6 and "last report" in window.statusBar().currentMessage()

    notice.linkActivated.emit("first")
    assert window.session.doc_id == 1 and panel.current_id() == 1 and notice.isHidden()

    window.session.open_document(3)
    notice.linkActivated.emit("show")
    assert panel.search.text() == "" and panel.visible_ids() == list(range(1, 7))
    assert panel.current_id() == 3 and window.session.doc_id == 3 and notice.isHidden()
    assert drawn(ws, "match") == []

    # sorted otherwise, a hidden report has no place in the list: both directions start at its top
    panel.view.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    panel.search.setText("smok")
    panel.apply_filter()
    window.session.open_document(4)
    assert notice.isVisible() and panel.visible_ids() == [5, 3, 2, 1]
    assert panel.next_id() == panel.previous_id() == 5


def test_the_search_box_says_how_phrases_are_searched(ws):
    tip = ws.doc_list.search.toolTip()
    assert '"no smoking"' in tip and "smoker" in tip and "Enter" in tip
