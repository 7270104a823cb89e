"""Spreadsheet-safe cells: the CSV formula escape, the XLSX character escape, and the CSV writer's use."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from medlabel.core.errors import MedlabelError
from medlabel.core.io import read_file, write_file
from medlabel.core.io.cells import (
    escape_formula_cell,
    escape_xlsx_text,
    unescape_formula_cell,
    unescape_xlsx_text,
)
from medlabel.core.records import EntityTypeSpec, ExportDocument, ExportSchema, LabelSetSpec, SpanRecord
from tests.core.io.test_tabular_roundtrip import SCHEMA, documents

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
# Texts that start with what the escapes are about, so that every branch is drawn often.
TRICKY_TEXT = st.builds(
    lambda head, tail: head + tail,
    st.lists(
        st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "_x000D_", "\x0c", "_", "a"]), max_size=4
    ).map("".join),
    ANY_TEXT,
)

# --- the formula escape -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=1", "''=1"),  # a text that itself starts with ' before a formula start stays distinct
        ("''-x", "'''-x"),
    ],
)
def test_formula_starts_get_an_apostrophe_and_lose_it_again(cell, escaped):
    assert escape_formula_cell(cell) == escaped
    assert unescape_formula_cell(escaped) == cell


@pytest.mark.parametrize("cell", ["", "text", "a=b", " =x", "'", "'quoted'", "12", "[{}]", "\n=x", "#N/A"])
def test_other_cells_are_left_alone_both_ways(cell):
    assert escape_formula_cell(cell) == cell
    assert unescape_formula_cell(cell) == cell


@given(TRICKY_TEXT | ANY_TEXT)
def test_formula_escape_is_exact_and_safe(text):
    escaped = escape_formula_cell(text)
    assert unescape_formula_cell(escaped) == text
    assert escaped[:1] not in {"=", "+", "-", "@", "\t", "\r"}


# --- the XLSX character escape ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a\r\nb", "a_x000D_\nb"),
        ("page\x0cbreak\x00", "page_x000C_break_x0000_"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("literal _x000D_ here", "literal _x005F_x000D_ here"),
        ("_x12_ and _xZZZZ_ are not escapes", "_x12_ and _xZZZZ_ are not escapes"),
        ("\uffff", "_xFFFF_"),
    ],
)
def test_xlsx_escape_examples(text, escaped):
    assert escape_xlsx_text(text) == escaped
    assert unescape_xlsx_text(escaped) == text


@given(TRICKY_TEXT | st.text(max_size=40))
def test_xlsx_escape_is_exact_and_leaves_only_what_xml_carries(text):
    escaped = escape_xlsx_text(text)
    assert unescape_xlsx_text(escaped) == text
    assert "\r" not in escaped
    assert ILLEGAL_CHARACTERS_RE.search(escaped) is None


# --- the CSV writer ----------------------------------------------------------------------------------

TRICKY_SCHEMA = ExportSchema(
    label_sets=[LabelSetSpec("grade", ["+1"])], entity_types=[EntityTypeSpec("Dose")]
)


def tricky_docs() -> list[ExportDocument]:
    return [
        ExportDocument(
            doc_id=1,
            external_id='=HYPERLINK("http://evil.example","x")',
            text="-2 mg daily\r\nthen stop",
            metadata={"=cmd": "@SUM(1+1)", "ward": "+49 30 123", "n": -3, "plain": "ok"},
            split="train",
            labels={"grade": "+1"},
            spans=[SpanRecord(0, 2, "Dose", value=-2.0, unit="mg")],
        ),
        ExportDocument(2, "doc-2", "\tindented", {"plain": "\r=1"}, None, {}, []),
    ]


def csv_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_csv_escapes_every_column_by_default(tmp_path):
    path = tmp_path / "out.csv"
    assert write_file("csv", tricky_docs(), path, TRICKY_SCHEMA) == 2
    header, first, second = csv_rows(path)
    assert header == ["id", "text", "split", "label:grade", "spans", "'=cmd", "ward", "n", "plain"]
    assert first == [
        '\'=HYPERLINK("http://evil.example","x")',
        "'-2 mg daily\r\nthen stop",
        "train",
        "'+1",
        '[{"start":0,"end":2,"type":"Dose","value":-2.0,"unit":"mg"}]',
        "'@SUM(1+1)",
        "'+49 30 123",
        "'-3",
        "ok",
    ]
    assert second == ["doc-2", "'\tindented", "", "", "", "", "", "", "'\r=1"]


def test_csv_raw_cells_are_written_as_stored(tmp_path):
    path = tmp_path / "out.csv"
    assert write_file("csv", tricky_docs(), path, TRICKY_SCHEMA, raw_cells=True) == 2
    header, first, second = csv_rows(path)
    assert header[5] == "=cmd"
    assert first[:4] == ['=HYPERLINK("http://evil.example","x")', "-2 mg daily\r\nthen stop", "train", "+1"]
    assert first[5:8] == ["@SUM(1+1)", "+49 30 123", "-3"]
    assert second[1] == "\tindented" and second[8] == "\r=1"


@pytest.mark.parametrize("fmt", ["jsonl", "xlsx", "conll", "labelstudio"])
def test_raw_cells_is_refused_for_other_formats(tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    with pytest.raises(MedlabelError, match="only"):
        write_file(fmt, tricky_docs(), path, TRICKY_SCHEMA, raw_cells=True)
    assert not path.exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents(), texts=st.lists(TRICKY_TEXT, min_size=5, max_size=5))
def test_unescaping_the_default_csv_gives_the_raw_csv(docs, texts):
    """A reader that un-escapes every cell reads exactly what it reads from a raw export (which
    test_tabular_roundtrip shows to be the documents themselves)."""
    for doc, text in zip(docs, texts, strict=False):
        doc.text = text
    with tempfile.TemporaryDirectory() as folder:
        escaped, raw = Path(folder) / "escaped.csv", Path(folder) / "raw.csv"
        write_file("csv", docs, escaped, SCHEMA)
        write_file("csv", docs, raw, SCHEMA, raw_cells=True)
        unescaped = [[unescape_formula_cell(c) for c in row] for row in csv_rows(escaped)]
        assert unescaped == csv_rows(raw)


def test_default_csv_round_trip_through_the_reader(tmp_path):
    path = tmp_path / "out.csv"
    write_file("csv", tricky_docs(), path, TRICKY_SCHEMA)
    records = read_file(path).documents
    assert [r.external_id for r in records] == [d.external_id for d in tricky_docs()]
    assert [r.text for r in records] == [d.text for d in tricky_docs()]
    assert [r.labels for r in records] == [d.labels for d in tricky_docs()]
    assert [r.spans for r in records] == [d.spans for d in tricky_docs()]
    assert [r.metadata for r in records] == [
        {k: str(v) for k, v in d.metadata.items()} for d in tricky_docs()
    ]
