"""The document list panel on real demo projects: the model passes Qt's model tester, the filter bar's
widgets give the rows medlabel.core says they should, sorting, selection and neighbours follow the list,
and rows are read lazily, a block at a time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from medlabel.core.annotations import set_label
from medlabel.core.demo.project import create_demo_project
from medlabel.core.doclist import DocFilter, filtered_ids
from medlabel.core.notes import Note
from medlabel.core.schema import add_label
from medlabel.gui.doclist.model import (
    BLOCK_SIZE,
    FLAG,
    ID_COLUMN,
    LABEL_COLUMN,
    SPLIT_COLUMN,
    STATUS_COLUMN,
    DocumentListModel,
)
from medlabel.gui.doclist.panel import DocumentListPanel
from medlabel.gui.session import Session

SET = "smoking_status"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    with create_demo_project(tmp_path_factory.mktemp("doclist") / "smoking", "smoking") as p:
        yield p


@pytest.fixture(scope="module")
def big_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("doclist-big") / "cardio"
    with create_demo_project(root, "cardio", documents=3000, labelled=300, test=50) as p:
        yield p


def make_panel(qtbot, project, shown: bool = False) -> DocumentListPanel:
    session = Session(project, "Dr. Test")
    panel = DocumentListPanel(session)
    qtbot.addWidget(panel)
    session.setParent(panel)  # the session goes with the widget at the end of the test
    if shown:
        panel.resize(420, 600)
        panel.show()
        qtbot.waitExposed(panel)
    return panel


def shown_ids(panel: DocumentListPanel) -> list[int]:
    return [panel.model.doc_id_at(row) for row in range(panel.model.rowCount())]


def text(panel: DocumentListPanel, row: int, column: int) -> str:
    return panel.model.data(panel.model.index(row, column))


def test_model_passes_qt_model_tester(qtmodeltester, project):
    model = DocumentListModel(project, [SET])
    qtmodeltester.check(model)
    model.sort(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    model.set_filter(DocFilter(status="labelled"))
    qtmodeltester.check(model)


def test_rows_show_id_status_label_and_split(qtbot, project):
    panel = make_panel(qtbot, project)
    model = panel.model
    assert model.rowCount() == 600 and model.columnCount() == 5
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no row has children
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Report id",
        "Status",
        "Label",
        "Split",
        "Model suggests",
    ]
    # demo document 1 is a gold-labelled training report, 500 an unlabelled new one
    assert [text(panel, 0, c) for c in range(4)] == ["smk-0001", "labelled", "PAST SMOKER", "train"]
    row = model.row_of(500)
    assert [text(panel, row, c) for c in range(4)] == ["smk-0500", "unlabelled", "", ""]
    status = model.index(row, STATUS_COLUMN)
    assert model.data(status, Qt.ItemDataRole.ToolTipRole) == "No label and no span yet"
    labelled_colour = model.data(model.index(0, STATUS_COLUMN), Qt.ItemDataRole.ForegroundRole)
    assert model.data(status, Qt.ItemDataRole.ForegroundRole) != labelled_colour
    assert panel.count.text() == "600 reports"


def test_text_filter_after_the_typing_pause_matches_core(qtbot, project):
    panel = make_panel(qtbot, project)
    expected = filtered_ids(project, DocFilter(text="circumflex"))
    assert 0 < len(expected) < 10  # a rare word in the demo corpus
    qtbot.keyClicks(panel.search, "circumflex")
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(expected))
    assert shown_ids(panel) == expected
    assert panel.count.text() == f"{len(expected)} of 600 reports"
    panel.search.setText("smk-0042")  # a report id matches too
    panel.apply_filter()
    assert [text(panel, r, ID_COLUMN) for r in range(panel.model.rowCount())] == ["smk-0042"]
    panel.search.clear()
    panel.apply_filter()
    assert panel.model.rowCount() == 600 and panel.count.text() == "600 reports"


def test_status_label_split_and_flag_filters_follow_the_store(qtbot, project):
    panel = make_panel(qtbot, project)
    assert 450 in filtered_ids(project, DocFilter(status="unlabelled"))
    set_label(project, 450, SET, "SMOKER", "Dr. Test")
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("labelled"))
    labelled = filtered_ids(project, DocFilter(status="labelled"))
    assert shown_ids(panel) == labelled and 450 in labelled
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("unlabelled"))
    assert 450 not in shown_ids(panel)
    assert shown_ids(panel) == filtered_ids(project, DocFilter(status="unlabelled"))
    panel.status_combo.setCurrentIndex(0)

    panel.label_combo.setCurrentIndex(panel.label_combo.findText("SMOKER"))  # one label set: no prefix
    smokers = filtered_ids(project, DocFilter(label_set=SET, label="SMOKER"))
    assert shown_ids(panel) == smokers and 450 in smokers
    assert {text(panel, r, LABEL_COLUMN) for r in range(panel.model.rowCount())} == {"SMOKER"}
    panel.label_combo.setCurrentIndex(0)

    panel.split_combo.setCurrentIndex(panel.split_combo.findData("test"))
    assert shown_ids(panel) == filtered_ids(project, DocFilter(split="test"))
    assert len(shown_ids(panel)) == 100
    assert {text(panel, r, SPLIT_COLUMN) for r in range(100)} == {"test"}
    panel.split_combo.setCurrentIndex(panel.split_combo.findData("none"))
    assert len(shown_ids(panel)) == 200  # the demo's 200 new, unsplit reports
    panel.split_combo.setCurrentIndex(0)

    panel.session.open_document(460)
    panel.session.set_note(Note("ask the cardiologist", flagged=True))
    assert text(panel, panel.model.row_of(460), STATUS_COLUMN) == f"unlabelled {FLAG}"  # refreshed row
    panel.flagged.setChecked(True)
    assert shown_ids(panel) == filtered_ids(project, DocFilter(flagged=True)) == [460]


def test_labelling_the_open_report_refreshes_its_row_in_place(qtbot, project):
    panel = make_panel(qtbot, project)
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("unlabelled"))
    row = panel.model.row_of(470)
    assert text(panel, row, STATUS_COLUMN) == "unlabelled"
    panel.session.open_document(470)
    with qtbot.waitSignal(panel.model.dataChanged):
        panel.session.set_label(SET, "NON-SMOKER")
    # the row shows its new state and stays put, although the filter no longer matches it
    assert panel.model.row_of(470) == row
    assert [text(panel, row, c) for c in (STATUS_COLUMN, LABEL_COLUMN)] == ["labelled", "NON-SMOKER"]


def test_sorting_by_report_id_descending_and_back(qtbot, project):
    panel = make_panel(qtbot, project)
    panel.view.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    assert shown_ids(panel) == filtered_ids(project, sort="external_id", descending=True)
    assert text(panel, 0, ID_COLUMN) == "smk-0600"
    panel.view.sortByColumn(LABEL_COLUMN, Qt.SortOrder.AscendingOrder)
    by_label = filtered_ids(project, DocFilter(label_set=SET), sort="label")
    assert shown_ids(panel) == by_label
    panel.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # indicator cleared: import order
    assert shown_ids(panel) == filtered_ids(project)


def test_select_document_emits_and_clears_a_filter_that_hides_it(qtbot, project):
    panel = make_panel(qtbot, project, shown=True)
    with qtbot.waitSignal(panel.document_selected) as signal:
        panel.select_document(300)
    assert signal.args == [300] and panel.current_id() == 300
    panel.search.setText("circumflex")
    panel.apply_filter()
    assert 300 not in panel.visible_ids() and panel.current_id() is None
    with qtbot.waitSignal(panel.document_selected) as signal:
        panel.select_document(599)
    assert signal.args == [599] and panel.current_id() == 599
    assert panel.search.text() == "" and panel.model.rowCount() == 600
    # the current report stays current across a re-sort, without a second signal
    with qtbot.assertNotEmitted(panel.document_selected):
        panel.view.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    assert panel.current_id() == 599 and panel.view.currentIndex().row() == 1


def test_keyboard_moves_select_the_next_report_and_search_takes_focus(qtbot, project):
    panel = make_panel(qtbot, project, shown=True)
    panel.select_document(10)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.document_selected) as signal:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert signal.args == [11]
    panel.search.setText("old words")
    panel.activateWindow()
    panel.focus_search()
    qtbot.waitUntil(panel.search.hasFocus)
    assert panel.search.selectedText() == "old words"  # typing replaces the previous search


def test_next_and_previous_follow_the_list_order(qtbot, project):
    panel = make_panel(qtbot, project)
    assert panel.next_id() == 1  # nothing current yet: start at the top
    panel.view.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    panel.search.setText("smok")
    panel.apply_filter()
    ids = filtered_ids(project, DocFilter(text="smok"), sort="external_id", descending=True)
    assert panel.visible_ids() == ids and len(ids) > 3
    panel.select_document(ids[0])
    assert panel.previous_id() is None and panel.next_id() == ids[1]
    panel.select_document(ids[2])
    assert (panel.previous_id(), panel.next_id()) == (ids[1], ids[3])
    panel.select_document(ids[-1])
    assert panel.next_id() is None and panel.previous_id() == ids[-2]


def test_schema_change_adds_the_new_label_to_the_filter(qtbot, tmp_path):
    with create_demo_project(tmp_path / "p", "smoking", documents=20, labelled=10, test=0) as project:
        panel = make_panel(qtbot, project)
        assert panel.label_combo.findText("PASSIVE SMOKER") == -1
        add_label(project, SET, "PASSIVE SMOKER", "Dr. Test")
        with qtbot.waitSignal(panel.model.modelReset):
            panel.session.reload_schema()
        panel.label_combo.setCurrentIndex(panel.label_combo.findText("PASSIVE SMOKER"))
        assert panel.model.rowCount() == 0 and panel.count.text() == "0 of 20 reports"


def test_rows_are_read_lazily_a_few_blocks_at_a_time(qtbot, big_project):
    panel = make_panel(qtbot, big_project, shown=True)
    model = panel.model
    assert model.rowCount() == 3000
    qtbot.waitUntil(lambda: model.fetches > 0)  # the first paint
    QApplication.processEvents()
    assert model.fetches == 1  # the first screen needs one block of 256 rows
    panel.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.fetches == 2)
    QApplication.processEvents()
    assert model.fetches == 2 and model.cached_blocks == 2
    last = model.rowCount() - 1
    assert text(panel, last, ID_COLUMN) == "cmr-3000"
    # span-only reports show their span count where labels would be
    assert text(panel, 0, LABEL_COLUMN).endswith("spans")
    assert model.data(QModelIndex()) is None
    model.max_blocks = 4
    for row in range(0, model.rowCount(), BLOCK_SIZE):
        model.data(model.index(row, ID_COLUMN))
    assert model.cached_blocks == 4 and model.fetches == 2 + 12 - 1  # block 0 was still cached
