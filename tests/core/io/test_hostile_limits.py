"""Limits on headers, columns, document length and archive size: refused early, with the limit named."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import delimited, read_file, xlsx
from medlabel.core.records import MAX_COLUMNS, MAX_DOCUMENT_CHARS, ImportOptions


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def workbook(tmp_path: Path, rows: list[list], name: str = "in.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


# --- headers and columns -----------------------------------------------------------------------------


def test_the_issues_one_megabyte_header_is_refused_at_once(tmp_path):
    # b"a," * 524288 kept pandas busy for over 10 minutes at 2 GB, renaming repeated column names.
    path = write(tmp_path, "c.csv", b"a," * 524288)
    started = time.perf_counter()
    with pytest.raises(ImportFormatError, match="524,289 columns, more than the limit of 2,000") as err:
        read_file(path)
    assert time.perf_counter() - started < 10
    assert err.value.location == "row 1"
    assert "--max-columns" in str(err.value)


def test_header_line_over_the_byte_limit_is_refused_without_reading_on(tmp_path):
    path = write(tmp_path, "long.csv", b"x" * (delimited.MAX_HEADER_CHARS + 10) + b"\n1\n")
    with pytest.raises(ImportFormatError, match=r"first line .* longer than 1,048,576 characters"):
        read_file(path)


def test_column_limit_counts_the_header_and_can_be_raised(tmp_path):
    header = ",".join(f"c{i}" for i in range(MAX_COLUMNS + 1))
    path = write(tmp_path, "wide.csv", f"{header},text\n{',' * (MAX_COLUMNS + 1)}report\n".encode())
    with pytest.raises(ImportFormatError, match="2,002 columns"):
        read_file(path)
    batch = read_file(path, ImportOptions(max_columns=MAX_COLUMNS + 2))
    assert batch.documents[0].text == "report"
    # Exactly at the limit is allowed.
    at_limit = ",".join(f"c{i}" for i in range(MAX_COLUMNS - 1)) + ",text"
    path = write(tmp_path, "ok.csv", f"{at_limit}\n{',' * (MAX_COLUMNS - 1)}r\n".encode())
    assert read_file(path).documents[0].text == "r"


def test_preview_applies_the_same_header_limit(tmp_path):
    path = write(tmp_path, "c.csv", b"a," * 5000 + b"\n")
    with pytest.raises(ImportFormatError, match="columns, more than the limit"):
        delimited.preview(path, ImportOptions(), 20)


def test_xlsx_with_more_columns_than_the_limit_is_refused(tmp_path):
    path = workbook(tmp_path, [[f"c{i}" for i in range(60)] + ["text"], ["x"] * 61])
    with pytest.raises(ImportFormatError, match="61 columns, more than the limit of 50") as err:
        read_file(path, ImportOptions(max_columns=50))
    assert err.value.location == "row 1"
    assert read_file(path).documents[0].text == "x"


def test_xlsx_cells_beyond_the_limit_that_hold_nothing_are_no_columns(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["id", "text"])
    ws.append(["1", "report"])
    ws.cell(row=2, column=16384).number_format = "0.00"  # formatting only, at column XFD
    path = tmp_path / "styled.xlsx"
    book.save(path)
    batch = read_file(path)
    assert [(d.external_id, d.text) for d in batch.documents] == [("1", "report")]


def test_xlsx_with_a_false_sheet_size_does_not_widen_every_row(tmp_path):
    # A <dimension ref="A1:XFD1048576"/> would make openpyxl pad a million rows to 16,384 cells.
    path = workbook(tmp_path, [["id", "text"], ["1", "report"]])
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B2"', b'<dimension ref="A1:XFD1048576"')
                assert b"XFD1048576" in data
            dst.writestr(info, data)
    started = time.perf_counter()
    columns, rows = xlsx.preview(lying, ImportOptions(), 20)
    assert (columns, rows) == (["id", "text"], [["1", "report"]])
    assert read_file(lying).documents[0].text == "report"
    assert time.perf_counter() - started < 10


# --- document length ---------------------------------------------------------------------------------

LIMITED = ImportOptions(max_document_chars=100)


def test_document_length_limit_in_a_csv_names_the_row(tmp_path):
    path = write(tmp_path, "a.csv", f"id,text\n1,short\n2,{'x' * 101}\n".encode())
    with pytest.raises(ImportFormatError, match="101 characters, more than the limit of 100") as err:
        read_file(path, LIMITED)
    assert err.value.location == "row 3"
    assert "--max-document-chars" in str(err.value)
    assert len(read_file(path, ImportOptions(max_document_chars=101)).documents) == 2


def test_document_length_limit_in_jsonl(tmp_path):
    lines = [json.dumps({"text": "short"}), json.dumps({"text": "é" * 101})]
    path = write(tmp_path, "a.jsonl", "\n".join(lines).encode())
    with pytest.raises(ImportFormatError, match="101 characters") as err:
        read_file(path, LIMITED)
    assert err.value.location == "line 2"


def test_document_length_limit_in_xlsx(tmp_path):
    path = workbook(tmp_path, [["id", "text"], ["1", "ok"], ["2", "y" * 150]])
    with pytest.raises(ImportFormatError, match="150 characters") as err:
        read_file(path, LIMITED)
    assert err.value.location == "row 3"


def test_document_length_limit_in_a_txt_folder(tmp_path):
    write(tmp_path, "a.txt", b"short")
    write(tmp_path, "b.txt", b"z" * 101)
    with pytest.raises(ImportFormatError, match="101 characters") as err:
        read_file(tmp_path, LIMITED)
    assert err.value.location == "file b.txt"


def test_a_txt_file_too_big_for_any_encoding_is_refused_without_reading_it(tmp_path, monkeypatch):
    write(tmp_path, "huge.txt", b"z" * 401)  # more than 4 bytes for each of 100 characters

    def no_reading(self):
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(ImportFormatError, match="at least 100 characters, more than the limit of 100"):
        read_file(tmp_path, LIMITED)


def test_the_default_document_limit_is_about_300_pages():
    assert ImportOptions().max_document_chars == MAX_DOCUMENT_CHARS == 1_000_000


# --- archives ----------------------------------------------------------------------------------------


def bomb(tmp_path: Path, chars: int, name: str = "bomb.xlsx") -> Path:
    """A small .xlsx whose one cell holds ``chars`` characters, streamed into the zip."""
    book = openpyxl.Workbook()
    book.active.append(["id", "text"])
    book.active.append(["1", "PLACEHOLDER"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / name
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if b"PLACEHOLDER" not in data:
                dst.writestr(info, data)
                continue
            head, tail = data.split(b"PLACEHOLDER")
            with dst.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head)
                for _ in range(chars // (1 << 20)):
                    fh.write(b"a" * (1 << 20))
                fh.write(b"a" * (chars % (1 << 20)) + tail)
    return path


def test_xlsx_that_unpacks_far_more_than_it_is_stored_is_refused_before_openpyxl(tmp_path, monkeypatch):
    path = bomb(tmp_path, 20 * (1 << 20))
    assert path.stat().st_size < 100_000

    def no_openpyxl(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", no_openpyxl)
    with pytest.raises(ImportFormatError, match=r"sheet1\.xml unpacks [\d,]+ times bigger") as err:
        read_file(path)
    assert "limit of 100 times" in str(err.value) and "--max-compression-ratio" in str(err.value)


def test_raising_the_ratio_still_leaves_the_document_limit(tmp_path):
    path = bomb(tmp_path, 2 * (1 << 20))
    with pytest.raises(ImportFormatError, match="2,097,152 characters, more than the limit of 1,000,000"):
        read_file(path, ImportOptions(max_compression_ratio=10_000))
    batch = read_file(path, ImportOptions(max_compression_ratio=10_000, max_document_chars=3_000_000))
    assert len(batch.documents[0].text) == 2 * (1 << 20)


def test_xlsx_bigger_unpacked_than_the_archive_limit_is_refused(tmp_path):
    path = workbook(tmp_path, [["id", "text"], ["1", "report"]])
    with pytest.raises(ImportFormatError, match=r"unpacks to .* more than the limit of 5,000 bytes") as err:
        read_file(path, ImportOptions(max_archive_bytes=5_000))
    assert "--max-archive-bytes" in str(err.value)


def test_ordinary_workbooks_stay_well_under_the_ratio(tmp_path):
    # Thousands of identical rows: as repetitive as a real sheet of reports gets.
    rows = [["id", "text", "label"]] + [[i, "Befund unauffällig.", "UNKNOWN"] for i in range(5000)]
    assert len(read_file(workbook(tmp_path, rows)).documents) == 5000
