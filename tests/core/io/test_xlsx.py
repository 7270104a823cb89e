"""Excel reader: numeric ids, sheets, row numbers, column logic shared with CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import read_file, xlsx
from medlabel.core.records import ImportOptions, SpanRecord


def workbook(
    tmp_path: Path, rows: list[list], name: str = "in.xlsx", sheet: str = "Reports", extra=None
) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for title, extra_rows in (extra or {}).items():
        other = book.create_sheet(title)
        for row in extra_rows:
            other.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def read(path: Path, **options):
    return xlsx.read(path, ImportOptions(**options))


def test_numeric_ids_come_back_as_integer_strings(tmp_path):
    path = workbook(tmp_path, [["ID", "Text"], [12, "a"], [13.0, "b"], ["007", "c"], [1.5, "d"]])
    assert [d.external_id for d in read(path).documents] == ["12", "13", "007", "1.5"]


def test_columns_labels_split_spans_metadata(tmp_path):
    spans = '[{"start": 0, "end": 2, "type": "LV-EF", "value": 55, "unit": "%"}]'
    rows = [
        ["id", "Report", "label:smoking", "split", "spans", "ward", "age", "seen"],
        [1, "EF 55 %\nzweite Zeile", "PAST SMOKER", "train", spans, "ICU", 63, dt.datetime(2020, 1, 2)],
        [2, "  spaced  ", None, None, None, None, 70.5, None],
    ]
    first, second = read(workbook(tmp_path, rows)).documents
    assert first.text == "EF 55 %\nzweite Zeile"
    assert first.labels == {"smoking": "PAST SMOKER"}
    assert first.split == "train"
    assert first.spans == [SpanRecord(0, 2, "LV-EF", value=55.0, unit="%")]
    assert first.metadata == {"ward": "ICU", "age": "63", "seen": "2020-01-02"}
    assert second.text == "  spaced  "
    assert (second.labels, second.split, second.spans, second.metadata) == ({}, None, [], {"age": "70.5"})


def test_origin_is_the_spreadsheet_row_and_empty_rows_are_skipped(tmp_path):
    rows = [["id", "text"], [1, "a"], [None, None], [3, "c"], [4, None]]
    docs = read(workbook(tmp_path, rows)).documents
    assert [(d.external_id, d.origin) for d in docs] == [("1", "row 2"), ("3", "row 4"), ("4", "row 5")]
    assert docs[-1].text == ""


def test_sheet_option(tmp_path):
    path = workbook(
        tmp_path, [["id", "text"], [1, "first"]], extra={"Befunde": [["id", "text"], [2, "second"]]}
    )
    assert read(path).documents[0].text == "first"
    assert read(path, sheet="Befunde").documents[0].text == "second"
    assert read(path, sheet="befunde").documents[0].text == "second"


def test_unknown_sheet_lists_the_sheets(tmp_path):
    path = workbook(tmp_path, [["id", "text"], [1, "a"]], extra={"Other": [["x"]]})
    with pytest.raises(ImportFormatError) as err:
        read(path, sheet="Missing")
    assert "'Reports', 'Other'" in err.value.problem


def test_missing_text_column(tmp_path):
    with pytest.raises(ImportFormatError, match=r"no text column found; columns found: 'id', 'A', 'B'"):
        read(workbook(tmp_path, [["id", "A", "B"], [1, "x", "y"]]))


def test_numeric_header_cells(tmp_path):
    docs = read(workbook(tmp_path, [["text", 2020, 2021.0], ["a", 1, 2]])).documents
    assert docs[0].metadata == {"2020": "1", "2021": "2"}


def test_empty_sheet_and_header_only(tmp_path):
    with pytest.raises(ImportFormatError, match="empty"):
        read(workbook(tmp_path, [], name="empty.xlsx"))
    with pytest.raises(ImportFormatError, match="no data rows"):
        read(workbook(tmp_path, [["id", "text"]], name="header.xlsx"))


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("id,text\n1,a\n")
    with pytest.raises(ImportFormatError, match=r"not an Excel workbook .* name it \.csv"):
        read(path)


def test_header_below_empty_rows_and_unnamed_columns(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws["B3"], ws["C3"], ws["D3"] = "id", "text", "ward"
    ws["B4"], ws["C4"], ws["E4"] = 1, "a", "stray"
    ws["B6"], ws["C6"], ws["D6"] = 2, "b", "ICU"
    path = tmp_path / "offset.xlsx"
    book.save(path)
    docs = read(path).documents
    assert [(d.external_id, d.text, d.origin) for d in docs] == [("1", "a", "row 4"), ("2", "b", "row 6")]
    assert docs[0].metadata == {"column E": "stray"}
    assert docs[1].metadata == {"ward": "ICU"}


def test_huge_numbers_do_not_break_reading(tmp_path):
    # openpyxl writes the largest float with too few digits, so it comes back as inf: no crash, though.
    path = workbook(tmp_path, [["text", "x", "y"], ["a", 1.7976931348623157e308, 1e300]])
    assert read(path).documents[0].metadata == {"x": "inf", "y": "1e+300"}


def test_registry_detects_xlsx(tmp_path):
    path = workbook(tmp_path, [["id", "text"], [5, "a"]])
    assert read_file(path).documents[0].external_id == "5"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (12.0, "12"),
        (12, "12"),
        (1e14, "100000000000000"),
        (1e20, "1e+20"),
        (1.5e308, "1.5e+308"),
        (float("inf"), "inf"),
        (2**70, "1180591620717411303424"),
        (0.1, "0.1"),
        (True, "TRUE"),
        (dt.datetime(2020, 1, 2, 3, 4), "2020-01-02 03:04:00"),
        (dt.date(2020, 1, 2), "2020-01-02"),
        (float("nan"), ""),
        ("  x ", "  x "),
    ],
)
def test_cell_text(value, text):
    assert xlsx.cell_text(value) == text
