"""The XLSX export: text cells only, the CSV export's columns, limits refused, read back by medlabel."""

from __future__ import annotations

import csv
import os
import tempfile
import tracemalloc
import zipfile

import openpyxl
import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.io import read_file, write_file, xlsx_export
from medlabel.core.io.cells import unescape_xlsx_text
from medlabel.core.records import EntityTypeSpec, ExportDocument, ExportSchema, LabelSetSpec, SpanRecord

SCHEMA = ExportSchema(
    label_sets=[LabelSetSpec("smoking", ["CURRENT SMOKER", "NON-SMOKER", "+1"])],
    entity_types=[EntityTypeSpec("LV-EF"), EntityTypeSpec("Drug")],
)


def docs() -> list[ExportDocument]:
    return [
        ExportDocument(
            doc_id=1,
            external_id='=HYPERLINK("http://evil.example","click")',
            text="=1+1 LV-EF 55 %\nGröße ü 😀; \tTab | pipe\n",
            metadata={"ward": "@SUM(A1:A9)", "text": "clashes", "age": 63, "#N/A": "#N/A"},
            split="train",
            labels={"smoking": "+1"},
            spans=[SpanRecord(5, 10, "LV-EF", value=55.0, unit="%"), SpanRecord(21, 22, "Drug", code="C01")],
        ),
        ExportDocument(
            doc_id=2,
            external_id="0012",
            text="  -2 leading and trailing blanks  ",
            metadata={"dose": "-2", "when": "=TODAY()"},
            split=None,
            labels={"smoking": "NON-SMOKER", "extra": "E"},
            spans=[],
        ),
        ExportDocument(
            3, "3", "\t=cmd|' /C calc'!A0", {}, "test", {}, [SpanRecord(0, 1, "LV-EF", value=-0.25)]
        ),
    ]


def sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_every_cell_is_text_and_nothing_is_a_formula(tmp_path):
    path = tmp_path / "out.xlsx"
    assert write_file("xlsx", docs(), path, SCHEMA) == 3
    book = openpyxl.load_workbook(path)  # not read-only: formulas would show as data_type "f"
    assert book.sheetnames == ["documents"]
    cells = [c for row in book["documents"].iter_rows() for c in row if c.value is not None]
    assert len(cells) > 30
    assert {c.data_type for c in cells} == {"s"}
    values = {c.value for c in cells}
    assert {'=HYPERLINK("http://evil.example","click")', "@SUM(A1:A9)", "=TODAY()", "#N/A", "-2"} <= values
    assert "0012" in values  # not the number 12
    assert "<f>" not in sheet_xml(path) and "<f " not in sheet_xml(path)


def test_same_columns_and_cells_as_the_raw_csv_export(tmp_path):
    write_file("xlsx", docs(), tmp_path / "out.xlsx", SCHEMA)
    write_file("csv", docs(), tmp_path / "out.csv", SCHEMA, raw_cells=True)
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as fh:
        expected = list(csv.reader(fh))
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    rows = list(book["documents"].iter_rows(values_only=True))
    book.close()
    # Empty cells are not written at all, so a row may end early.
    got = [["" if v is None else v for v in row] + [""] * (len(expected[0]) - len(row)) for row in rows]
    assert got == expected
    metadata_columns = ["ward", "meta:text", "age", "#N/A", "dose", "when"]
    assert got[0] == ["id", "text", "split", "label:smoking", "label:extra", "spans", *metadata_columns]


def test_medlabel_reads_the_export_back(tmp_path):
    path = tmp_path / "out.xlsx"
    write_file("xlsx", docs(), path, SCHEMA)
    records = read_file(path).documents
    assert len(records) == 3
    for record, doc in zip(records, docs(), strict=True):
        assert record.external_id == doc.external_id
        assert record.text == doc.text
        assert record.labels == doc.labels
        assert record.spans == doc.spans
        assert record.split == doc.split
        assert record.metadata == {k: str(v) for k, v in doc.metadata.items()}


def test_characters_xml_cannot_carry_are_written_as_excel_does(tmp_path):
    text = "line one\r\nline two\x0cpage two, literal _x000D_\x00"
    path = tmp_path / "out.xlsx"
    write_file("xlsx", [ExportDocument(1, "a", text, {}, None, {}, [])], path, ExportSchema())
    xml = sheet_xml(path)
    assert "line one_x000D_\nline two_x000C_page two, literal _x005F_x000D__x0000_" in xml
    book = openpyxl.load_workbook(path, read_only=True)
    stored = next(book.active.iter_rows(min_row=2, values_only=True))[1]
    book.close()
    assert unescape_xlsx_text(stored) == text


def test_the_longest_cell_excel_holds_is_written_whole(tmp_path):
    text = "x" * (xlsx_export.MAX_CELL_CHARS - 1) + "y"
    path = tmp_path / "out.xlsx"
    write_file("xlsx", [ExportDocument(1, "a", text, {}, None, {}, [])], path, ExportSchema())
    assert read_file(path).documents[0].text == text


@pytest.mark.parametrize(
    ("doc", "column"),
    [
        (ExportDocument(1, "r-7", "x" * 32_768, {}, None, {}, []), "text"),
        (ExportDocument(1, "r-7", "short", {"note": "n" * 40_000}, None, {}, []), "note"),
        # A carriage return takes 7 characters in the cell (_x000D_), so this text does not fit.
        (ExportDocument(1, "r-7", "\r" * 5_000, {}, None, {}, []), "text"),
    ],
)
def test_a_cell_too_long_for_excel_is_refused_not_cut(tmp_path, monkeypatch, doc, column):
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))  # where openpyxl spools the sheet
    out = tmp_path / "out"
    out.mkdir()
    path = out / "export.xlsx"
    path.write_bytes(b"old export")
    first = ExportDocument(0, "fine", "fits", {}, None, {}, [])
    with pytest.raises(MedlabelError) as info:
        write_file("xlsx", [first, doc], path, ExportSchema())
    message = str(info.value)
    assert "'r-7'" in message and repr(column) in message and "32,767" in message
    assert "CSV or JSONL" in message
    assert path.read_bytes() == b"old export"
    assert os.listdir(out) == ["export.xlsx"]
    assert os.listdir(system_tmp) == []


def test_too_many_documents_for_a_sheet_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_export, "MAX_ROWS", 3)
    many = [ExportDocument(i, str(i), "t", {}, None, {}, []) for i in range(3)]
    with pytest.raises(MedlabelError, match="3 documents do not fit in an Excel sheet"):
        write_file("xlsx", many, tmp_path / "out.xlsx", ExportSchema())
    assert write_file("xlsx", many[:2], tmp_path / "out.xlsx", ExportSchema()) == 2


def test_write_is_atomic_and_errors_name_the_file(tmp_path):
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")

    def failing():
        yield from docs()
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        write_file("xlsx", failing(), path, SCHEMA)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.xlsx"]
    with pytest.raises(MedlabelError, match="cannot write"):
        write_file("xlsx", docs(), tmp_path / "missing" / "out.xlsx", SCHEMA)
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(MedlabelError, match="cannot write"):
        write_file("xlsx", docs(), tmp_path / "folder.xlsx", SCHEMA)


def test_new_file_is_private_and_an_existing_one_keeps_its_mode(tmp_path):
    path = tmp_path / "out.xlsx"
    write_file("xlsx", docs(), path, SCHEMA)
    assert path.stat().st_mode & 0o777 == 0o600
    path.chmod(0o640)
    write_file("xlsx", docs(), path, SCHEMA)
    assert path.stat().st_mode & 0o777 == 0o640


def test_empty_export_has_the_header_only(tmp_path):
    path = tmp_path / "out.xlsx"
    assert write_file("xlsx", [], path, SCHEMA) == 0
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows == [("id", "text", "split", "label:smoking", "spans")]


def test_memory_stays_flat_for_many_documents(tmp_path):
    text = "Echokardiographie: LV-EF 55 %, keine Wandbewegungsstörung. " * 30  # ~1.8 KB

    def many(n):
        return (
            ExportDocument(i, f"r-{i}", text, {"ward": "K"}, None, {"smoking": "NON-SMOKER"}, [])
            for i in range(n)
        )

    def peak(n):
        tracemalloc.start()
        try:
            write_file("xlsx", many(n), tmp_path / f"{n}.xlsx", SCHEMA)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(10)  # imports and first-use caches are not what is measured
    small, large = peak(200), peak(4000)  # 0.36 MB and 7.2 MB of text
    assert large < small + 1_000_000 < 3_000_000


def test_carriage_returns_and_control_characters_round_trip_through_the_reader(tmp_path):
    doc = ExportDocument(1, "a", "LV-EF 55 %\r\nnext page\x0c_x000D_", {"m": "a\r\nb"}, None, {}, [])
    doc.spans = [SpanRecord(0, 5, "LV-EF"), SpanRecord(12, 21, "Drug")]
    path = tmp_path / "out.xlsx"
    write_file("xlsx", [doc], path, SCHEMA)
    (record,) = read_file(path).documents
    assert (record.text, record.spans, record.metadata) == (doc.text, doc.spans, doc.metadata)
