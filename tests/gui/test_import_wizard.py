"""The import wizard driven page by page: good files end in a project with the right documents and
labels; bad files show a message on the page, block the way on, and change no project."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from medlabel.core import import_steps
from medlabel.core.annotations import get_labels, get_spans
from medlabel.core.demo.project import create_demo_project
from medlabel.core.documents import document_count, document_ids, find_document
from medlabel.core.import_steps import policy_for, preview_table
from medlabel.core.importing import Choice, ImportPolicy
from medlabel.core.project import open_project
from medlabel.core.schema import load_schema
from medlabel.gui.import_wizard import PAGE_CHECK, PAGE_COLUMNS, PAGE_FILE, ImportWizard

GOOD_CSV = (
    "id,text,diagnosis,ward\n"
    "r1,Patient smokes 20 cigarettes a day.,smoker,A\n"
    "r2,Never smoked.,non-smoker,B\n"
    'r3,"Quit smoking in 2001, no relapse.",past,A\n'
    "r4,No information on tobacco.,,C\n"
)
FINISH = QWizard.WizardButton.FinishButton
NEXT = QWizard.WizardButton.NextButton


@pytest.fixture
def make_wizard(qtbot):
    def make(project=None) -> ImportWizard:
        wizard = ImportWizard(project=project)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


@pytest.fixture
def existing(tmp_path):
    """An open project with the smoking demo in it, as the main window holds it."""
    root = tmp_path / "existing"
    create_demo_project(root, "smoking", documents=12, labelled=6, test=2).close()
    project = open_project(root)
    yield project
    project.close()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def error_text(wizard: ImportWizard) -> str:
    label = wizard.currentPage().findChild(QLabel, "importError")
    return label.text() if label.isVisibleTo(wizard) else ""


def choose_file(wizard: ImportWizard, source: Path, root: Path | None = None) -> None:
    wizard.file_page.file_edit.setText(str(source))
    if root is not None:
        wizard.file_page.folder_edit.setText(str(root))


def next_to_check(wizard: ImportWizard, qtbot) -> None:
    """Next from the file or columns page to the check page, waiting for its check to end."""
    with qtbot.waitSignal(wizard.check_page.checked, timeout=30_000):
        wizard.next()
    assert wizard.currentId() == PAGE_CHECK


def finish(wizard: ImportWizard, qtbot) -> None:
    assert wizard.button(FINISH).isEnabled()
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.button(FINISH).click()


# --- good files ------------------------------------------------------------------------------------


def test_a_good_csv_becomes_a_new_project_with_its_documents_and_labels(make_wizard, qtbot, tmp_path):
    source = write(tmp_path / "reports.csv", GOOD_CSV)
    root = tmp_path / "new-project"
    wizard = make_wizard()
    choose_file(wizard, source, root)
    assert wizard.file_page.format_hint.text() == "Detected: CSV table (.csv)"
    wizard.next()
    assert wizard.currentId() == PAGE_COLUMNS

    page = wizard.columns_page
    assert (page.table.rowCount(), page.table.columnCount()) == (4, 4)
    assert page.table.horizontalHeaderItem(2).text() == "diagnosis"
    assert page.table.item(2, 1).text() == "Quit smoking in 2001, no relapse."
    assert page.text_combo.currentData() == "text" and page.id_combo.currentData() == "id"
    assert page.label_combo.currentData() is None and not page.label_set_edit.isEnabled()
    page.label_combo.setCurrentIndex(page.label_combo.findData("diagnosis"))
    assert page.label_set_edit.text() == "diagnosis"
    page.label_set_edit.setText("smoking")

    next_to_check(wizard, qtbot)
    check = wizard.check_page
    assert error_text(wizard) == ""
    assert check.summary.text().startswith("4 documents in the file; 4 will be imported")
    assert "3 labels" in check.summary.text() and "New label set “smoking”" in check.summary.text()
    assert not check.choice_box.isVisibleTo(wizard) and check.policy() == ImportPolicy()
    assert not root.exists()  # checking changes nothing

    finish(wizard, qtbot)
    assert wizard.project_path() == root.resolve()
    assert wizard.report().documents_to_import == 4
    with open_project(root, read_only=True) as project:
        assert document_count(project) == 4
        assert load_schema(project).label_set("smoking").label_names == ["smoker", "non-smoker", "past"]
        labels = [get_labels(project, find_document(project, ext).id) for ext in ("r1", "r2", "r3", "r4")]
        assert labels == [{"smoking": "smoker"}, {"smoking": "non-smoker"}, {"smoking": "past"}, {}]
        assert find_document(project, "r1").metadata == {"ward": "A"}


def test_a_jsonl_file_skips_the_column_page_and_keeps_spans(make_wizard, qtbot, tmp_path):
    rows = [
        {
            "id": "a",
            "text": "LVEF 55 %",
            "labels": {"quality": "good"},
            "spans": [{"start": 5, "end": 9, "type": "EF"}],
        },
        {"id": "b", "text": "LVEF 40 %", "labels": {"quality": "poor"}},
    ]
    source = write(tmp_path / "reports.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    root = tmp_path / "spans"
    wizard = make_wizard()
    choose_file(wizard, source, root)
    assert wizard.file_page.nextId() == PAGE_CHECK
    next_to_check(wizard, qtbot)
    assert "2 will be imported" in wizard.check_page.summary.text()
    assert "New entity types: EF" in wizard.check_page.summary.text()
    finish(wizard, qtbot)
    with open_project(root, read_only=True) as project:
        (a, b) = document_ids(project)
        assert [(s.start, s.end, s.type) for s in get_spans(project, a)] == [(5, 9, "EF")]
        assert get_labels(project, b) == {"quality": "poor"}


def test_importing_into_the_open_project_adds_to_it(make_wizard, qtbot, tmp_path, existing):
    before = document_count(existing)
    source = write(tmp_path / "more.tsv", "report\tlabel\nSmokes a pipe.\tCURRENT SMOKER\nNo smoking.\t\n")
    wizard = make_wizard(existing)
    assert not wizard.file_page.folder_edit.isVisibleTo(wizard)
    assert "existing" in wizard.file_page.target_hint.text()
    choose_file(wizard, source)
    wizard.next()
    page = wizard.columns_page
    assert page.text_combo.currentData() == "report" and page.label_combo.currentData() == "label"
    page.label_set_edit.setText("smoking_status")
    next_to_check(wizard, qtbot)
    assert "into the open project existing" in wizard.check_page.summary.text()
    finish(wizard, qtbot)
    assert wizard.project_path() == existing.root
    assert document_count(existing) == before + 2
    new_ids = document_ids(existing)[-2:]
    assert [get_labels(existing, d) for d in new_ids] == [{"smoking_status": "CURRENT SMOKER"}, {}]


def test_xlsx_preview_names_columns_like_the_reader(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Befund", "", "Befund"], ["EF 55 %", 12.0, "x"], [None, None, None], ["EF 30 %", 7, "y"]):
        sheet.append(row)
    book.save(tmp_path / "t.xlsx")
    preview = preview_table(tmp_path / "t.xlsx", "xlsx")
    assert preview.columns == ["Befund", "column B", "Befund.1"]
    assert preview.rows == [["EF 55 %", "12", "x"], ["EF 30 %", "7", "y"]]


# --- problems and the user's choice ----------------------------------------------------------------


def test_policy_for_each_choice():
    assert policy_for(Choice.SKIP) == ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.SKIP)
    assert policy_for(Choice.ADD) == ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.ADD)
    assert policy_for(Choice.ABORT) == ImportPolicy(invalid=Choice.ABORT, unknown_labels=Choice.ABORT)


PROBLEM_CSV = "id,text\nd1,First report.\nd1,Same id again.\nd2,   \nd3,Third report.\n"


def test_problems_are_listed_and_skip_imports_the_rest(make_wizard, qtbot, tmp_path):
    source = write(tmp_path / "dups.csv", PROBLEM_CSV)
    root = tmp_path / "dups"
    wizard = make_wizard()
    choose_file(wizard, source, root)
    wizard.next()
    next_to_check(wizard, qtbot)
    check = wizard.check_page
    problems = {
        check.problems.topLevelItem(i).text(0): [
            check.problems.topLevelItem(i).child(j).text(0)
            for j in range(check.problems.topLevelItem(i).childCount())
        ]
        for i in range(check.problems.topLevelItemCount())
    }
    assert problems == {
        "1 × id appears more than once in the file": ["e.g. id 'd1' (row 3)"],
        "1 × empty text": ["e.g. id 'd2' (row 4)"],
    }
    assert check.choice_box.isVisibleTo(wizard) and not check.radios[Choice.ADD].isVisibleTo(wizard)
    assert check.policy() is None and not wizard.button(FINISH).isEnabled()  # an explicit choice first

    with qtbot.waitSignal(check.checked, timeout=30_000):
        check.radios[Choice.SKIP].click()
    assert check.policy() == ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.SKIP)
    assert "2 will be imported" in check.summary.text()
    finish(wizard, qtbot)
    with open_project(root, read_only=True) as project:
        docs = [find_document(project, ext).text for ext in ("d1", "d3")]
        assert document_count(project) == 2 and docs == ["First report.", "Third report."]


def test_abort_imports_nothing_and_add_extends_the_label_set(make_wizard, qtbot, tmp_path, existing):
    before = document_count(existing)
    source = write(tmp_path / "new-label.csv", "text,label:smoking_status\nChews tobacco.,TOBACCO CHEWER\n")
    wizard = make_wizard(existing)
    choose_file(wizard, source)
    wizard.next()
    next_to_check(wizard, qtbot)
    check = wizard.check_page
    assert check.problems.topLevelItem(0).text(0) == "1 × label not in the project's label set"
    assert check.radios[Choice.ADD].isVisibleTo(wizard)

    check.choose(Choice.ABORT)
    assert check.policy() == ImportPolicy(invalid=Choice.ABORT, unknown_labels=Choice.ABORT)
    assert not wizard.button(FINISH).isEnabled() and "Nothing will be imported" in error_text(wizard)
    assert not check.validatePage() and document_count(existing) == before

    with qtbot.waitSignal(check.checked, timeout=30_000):
        check.choose(Choice.ADD)
    assert check.radios[Choice.ADD].isChecked()
    assert check.policy() == ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.ADD)
    assert "Labels added to “smoking_status”: TOBACCO CHEWER" in check.summary.text()
    finish(wizard, qtbot)
    assert document_count(existing) == before + 1
    assert "TOBACCO CHEWER" in load_schema(existing).label_set("smoking_status").label_names
    assert get_labels(existing, document_ids(existing)[-1]) == {"smoking_status": "TOBACCO CHEWER"}


# --- malformed files -------------------------------------------------------------------------------


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, int, str]]:
    """name -> (file, the page that must stop, words its message must hold)."""
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe" + os.urandom(64))
    garbage_xlsx = tmp_path / "garbage.xlsx"
    garbage_xlsx.write_bytes(b"PK\x03\x04 this is not a workbook")
    return {
        "empty": (write(tmp_path / "empty.csv", ""), PAGE_FILE, "the file is empty"),
        "header only": (write(tmp_path / "header.csv", "id,text\n"), PAGE_FILE, "no data rows"),
        "no text column": (write(tmp_path / "notext.csv", "id,label\n1,yes\n"), PAGE_COLUMNS, "report text"),
        "bytes that are not text": (binary, PAGE_CHECK, "not a text file"),
        "not a workbook": (garbage_xlsx, PAGE_FILE, "not a readable .xlsx workbook"),
        "broken row": (
            write(
                tmp_path / "broken.csv", "id,text\n" + "".join(f"{i},ok\n" for i in range(30)) + '99,"open\n'
            ),
            PAGE_CHECK,
            "never closed",
        ),
        "no such file": (tmp_path / "missing.csv", PAGE_FILE, "does not exist"),
    }


def drive_until_stopped(wizard: ImportWizard, qtbot) -> None:
    """Press Next until the wizard refuses to go on or reaches the check page, then let the check end."""
    while wizard.currentId() != PAGE_CHECK:
        page = wizard.currentId()
        wizard.next()
        if wizard.currentId() == page:
            break
    if wizard.check_page.is_busy():
        # The check's result arrives through the event loop, so it cannot have been missed.
        qtbot.waitSignal(wizard.check_page.checked, timeout=30_000).wait()


def assert_cannot_go_on(wizard: ImportWizard, page: int) -> None:
    wizard.next()
    assert wizard.currentId() == page
    if page == PAGE_CHECK:
        assert not wizard.button(FINISH).isEnabled()
        assert not wizard.check_page.validatePage()


@pytest.mark.parametrize(
    "name",
    ["empty", "header only", "no text column", "bytes that are not text", "not a workbook", "broken row",
     "no such file"],
)  # fmt: skip
def test_a_malformed_file_stops_with_a_message_and_creates_no_project(make_wizard, qtbot, tmp_path, name):
    source, stop_page, words = _bad_files(tmp_path)[name]
    root = tmp_path / "never-made"
    wizard = make_wizard()
    choose_file(wizard, source, root)
    drive_until_stopped(wizard, qtbot)
    assert wizard.currentId() == stop_page
    assert words.lower() in error_text(wizard).lower()
    assert_cannot_go_on(wizard, stop_page)
    assert not root.exists()
    assert wizard.project_path() is None


@pytest.mark.parametrize("name", ["empty", "no text column", "bytes that are not text", "broken row"])
def test_a_malformed_file_leaves_the_open_project_unchanged(make_wizard, qtbot, tmp_path, existing, name):
    source, stop_page, words = _bad_files(tmp_path)[name]
    before = document_count(existing)
    wizard = make_wizard(existing)
    choose_file(wizard, source)
    drive_until_stopped(wizard, qtbot)
    assert wizard.currentId() == stop_page and words.lower() in error_text(wizard).lower()
    assert_cannot_go_on(wizard, stop_page)
    assert document_count(existing) == before


def test_a_failed_import_removes_the_new_project_again(make_wizard, qtbot, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(import_steps, "import_batch", fail)
    source = write(tmp_path / "reports.csv", GOOD_CSV)
    root = tmp_path / "kept-folder"
    root.mkdir()
    (root / "notes.txt").write_text("the user's own file")
    wizard = make_wizard()
    choose_file(wizard, source, root)
    wizard.next()
    next_to_check(wizard, qtbot)
    check = wizard.check_page
    wizard.button(FINISH).click()
    qtbot.waitUntil(lambda: not check.is_importing(), timeout=30_000)
    assert "Nothing was imported" in error_text(wizard) and "No space left on device" in error_text(wizard)
    assert wizard.isVisible() and wizard.project_path() is None
    assert sorted(p.name for p in root.iterdir()) == ["notes.txt"]  # the folder existed: only ours removed
    assert wizard.button(FINISH).isEnabled()  # the user may try again
