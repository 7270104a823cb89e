"""A text of only blanks, control or format characters is empty, and the import check says so."""

from __future__ import annotations

import pytest

from medlabel.core.errors import ImportRejectedError
from medlabel.core.importing import Choice, ImportPolicy, check_import, has_visible_content, import_batch
from medlabel.core.project import create_project
from medlabel.core.records import DocRecord, ImportBatch

INVISIBLE = [
    "",
    "\x00",  # what a misread UTF-16 file made of a blank line
    "\x00\x00\x00",
    " \t\r\n\x0b\x0c",
    "\x01\x1b\x7f",  # C0 and DEL controls
    "\x85\xa0",  # NEXT LINE, NO-BREAK SPACE
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width characters and the BOM
    "\u00ad",  # soft hyphen
    "\u2028\u2029",  # line and paragraph separators
    "\u3000\u2003",  # ideographic and em spaces
    "\ud800",  # a lone surrogate
]
VISIBLE = ["a", "\x00a", " . ", "\u200b1", "😀", "é", "\u0301x", "—"]


@pytest.mark.parametrize("text", INVISIBLE)
def test_invisible_texts_have_no_visible_content(text):
    assert not has_visible_content(text)


@pytest.mark.parametrize("text", VISIBLE)
def test_a_single_visible_character_is_content(text):
    assert has_visible_content(text)


def test_the_import_check_counts_them_as_empty_and_stores_nothing(tmp_path):
    batch = ImportBatch(
        "utf16.csv",
        [
            DocRecord("Müller hat Fieber", "1", origin="row 2"),
            DocRecord("\x00", "2", origin="row 3"),
            DocRecord("\u200b \ufeff", "3", origin="row 4"),
        ],
    )
    with create_project(tmp_path / "p") as project:
        report = check_import(project, batch)
        assert report.problems["empty_text"].count == 2
        assert report.problems["empty_text"].examples == ["id '2' (row 3)", "id '3' (row 4)"]
        with pytest.raises(ImportRejectedError, match="2 × empty text"):
            import_batch(project, batch)
        assert check_import(project, batch).documents_to_import == 1  # nothing was stored
        skip = ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.SKIP)
        assert import_batch(project, batch, skip).documents_to_import == 1
