"""The import wizard proposes the text and id columns from the content when no name says which they are,
and proposes again what the user chose last time for a file with the same header."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from medlabel.core.annotations import get_labels
from medlabel.core.documents import document_count, document_ids, find_document
from medlabel.core.project import open_project
from medlabel.gui import settings
from medlabel.gui.import_wizard import PAGE_CHECK, PAGE_COLUMNS, ImportWizard

HEADER = ["nr", "befund", "diagnose_code"]
FIRST = [
    ["1", "Raucher seit 20 Jahren, eine Schachtel täglich.", "F17.2"],
    ["2", "Nie geraucht, keine Passivrauchexposition.", "Z72.0"],
    ["3", "Ex-Raucher, Rauchstopp 2001, kein Rückfall.", "F17.2"],
]
SECOND = [
    ["7", "Raucht Pfeife.", "F17.2"],
    ["8", "Nichtraucherin seit der Jugend.", "Z72.0"],
]
REMEMBERED = "Using the columns you chose last time for a file with these columns."


@pytest.fixture
def make_wizard(qtbot):
    def make() -> ImportWizard:
        wizard = ImportWizard()
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def to_columns(wizard: ImportWizard, source: Path, root: Path) -> None:
    wizard.file_page.file_edit.setText(str(source))
    wizard.file_page.folder_edit.setText(str(root))
    wizard.next()
    assert wizard.currentId() == PAGE_COLUMNS


def choose(combo, column: str | None) -> None:
    combo.setCurrentIndex(combo.findData(column))


def import_all(wizard: ImportWizard, qtbot) -> None:
    with qtbot.waitSignal(wizard.check_page.checked, timeout=30_000):
        wizard.next()
    assert wizard.currentId() == PAGE_CHECK
    with qtbot.waitSignal(wizard.accepted, timeout=30_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def shown(page) -> str:
    return page.guess_label.text() if page.guess_label.isVisibleTo(page) else ""


def test_without_telling_names_the_longest_text_and_a_unique_short_column_are_proposed(
    make_wizard, qtbot, tmp_path
):
    wizard = make_wizard()
    to_columns(wizard, write_csv(tmp_path / "befunde.csv", HEADER, FIRST), tmp_path / "p")
    page = wizard.columns_page
    assert (page.text_combo.currentData(), page.id_combo.currentData()) == ("befund", "nr")
    assert page.label_combo.currentData() is None and page.isComplete()
    assert shown(page).splitlines() == [
        "Guessed: 'befund' holds the longest texts.",
        "Guessed: 'nr' has a short, different value in every row.",
    ]
    choose(page.id_combo, None)  # a guess the user overrides is no longer explained
    assert shown(page) == "Guessed: 'befund' holds the longest texts."
    choose(page.text_combo, "diagnose_code")
    assert shown(page) == ""

    choose(page.text_combo, "befund")
    choose(page.id_combo, "nr")
    assert len(shown(page).splitlines()) == 2  # back to the guess, explained again
    import_all(wizard, qtbot)
    with open_project(tmp_path / "p", read_only=True) as project:
        assert document_count(project) == 3
        document = find_document(project, "2")
        assert document.text == FIRST[1][1] and document.metadata == {"diagnose_code": "Z72.0"}


def test_the_mapping_chosen_for_a_header_is_proposed_for_the_next_file_with_that_header(
    make_wizard, qtbot, tmp_path
):
    first = make_wizard()
    to_columns(first, write_csv(tmp_path / "januar.csv", HEADER, FIRST), tmp_path / "jan")
    page = first.columns_page
    assert REMEMBERED not in shown(page)
    # Different from the guess: no id, and the code as a label.
    choose(page.id_combo, None)
    choose(page.label_combo, "diagnose_code")
    page.label_set_edit.setText("icd")
    import_all(first, qtbot)
    assert settings.column_mapping(HEADER) == {
        "text": "befund",
        "id": None,
        "label": "diagnose_code",
        "label_set": "icd",
    }

    second = make_wizard()
    to_columns(second, write_csv(tmp_path / "februar.csv", HEADER, SECOND), tmp_path / "feb")
    page = second.columns_page
    assert page.table.item(0, 1).text() == "Raucht Pfeife."  # the new file's rows
    assert (page.text_combo.currentData(), page.id_combo.currentData()) == ("befund", None)
    assert page.label_combo.currentData() == "diagnose_code" and page.label_set_edit.text() == "icd"
    assert shown(page) == REMEMBERED
    import_all(second, qtbot)
    with open_project(tmp_path / "feb", read_only=True) as project:
        assert [get_labels(project, d) for d in document_ids(project)] == [{"icd": "F17.2"}, {"icd": "Z72.0"}]

    # Another header is not affected: the content decides again.
    third = make_wizard()
    other = write_csv(tmp_path / "other.csv", ["nr", "befund", "icd"], FIRST)
    to_columns(third, other, tmp_path / "other")
    page = third.columns_page
    assert (page.id_combo.currentData(), page.label_combo.currentData()) == ("nr", None)
    assert REMEMBERED not in shown(page)


def test_a_remembered_column_the_file_lacks_is_ignored(make_wizard, tmp_path):
    settings.set_column_mapping(
        HEADER, {"text": "gone", "id": None, "label": "missing too", "label_set": "x"}
    )
    wizard = make_wizard()
    to_columns(wizard, write_csv(tmp_path / "befunde.csv", HEADER, FIRST), tmp_path / "p")
    page = wizard.columns_page
    assert page.text_combo.currentData() == "befund"  # the guess stays
    assert page.id_combo.currentData() is None  # the remembered "no id" is taken
    assert page.label_combo.currentData() is None and page.isComplete()
    assert shown(page) == REMEMBERED
    # Once the user changes a remembered column, the note no longer claims the columns are last time's.
    choose(page.id_combo, "nr")
    assert REMEMBERED not in shown(page)


def test_nothing_is_remembered_without_an_import(make_wizard, qtbot, tmp_path):
    wizard = make_wizard()
    to_columns(wizard, write_csv(tmp_path / "befunde.csv", HEADER, FIRST), tmp_path / "p")
    choose(wizard.columns_page.id_combo, None)
    with qtbot.waitSignal(wizard.check_page.checked, timeout=30_000):
        wizard.next()
    wizard.reject()
    assert settings.column_mapping(HEADER) is None
    assert not (tmp_path / "p").exists()


def test_mappings_live_in_the_settings_file_the_environment_names(isolated_settings):
    settings.set_column_mapping(["a/b", "ä"], {"text": "ä", "id": "a/b", "label": None, "label_set": None})
    assert settings.column_mapping(["a/b", "ä"]) == {
        "text": "ä",
        "id": "a/b",
        "label": None,
        "label_set": None,
    }
    assert settings.column_mapping(["ä", "a/b"]) is None  # the order of the columns matters
    assert "column_mapping" in isolated_settings.read_text(encoding="utf-8")
