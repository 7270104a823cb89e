"""Whatever the bytes, a reader returns an ImportBatch or raises a MedlabelError — nothing else.

Property tests feed arbitrary bytes, arbitrary text, and structured-but-corrupted inputs (random
cells, random JSON per line, random spans, truncated and bit-flipped files) to every reader here.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from medlabel.core.errors import MedlabelError
from medlabel.core.io import delimited, jsonl, txt_folder, write_file, xlsx
from medlabel.core.records import (
    EntityTypeSpec,
    ExportDocument,
    ExportSchema,
    ImportBatch,
    ImportOptions,
    LabelSetSpec,
    SpanRecord,
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def allowed(read: Callable[[Path, ImportOptions], ImportBatch], path: Path, options: ImportOptions) -> None:
    try:
        batch = read(path, options)
    except MedlabelError as exc:
        assert str(exc)  # a message for the user
        event(f"error: {getattr(exc, 'problem', str(exc))[:30]}")
        return
    event("read")
    assert isinstance(batch, ImportBatch)
    for doc in batch.documents:
        assert isinstance(doc.text, str)
        assert doc.external_id is None or isinstance(doc.external_id, str)
        assert doc.origin


def with_file(data: bytes, name: str, read, options: ImportOptions | None = None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        allowed(read, path, options or ImportOptions())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
span_keys = st.sampled_from(["start", "end", "type", "value", "unit", "code", "x"])
span_like = st.lists(st.dictionaries(span_keys, json_values, max_size=6), max_size=3) | json_values
# Half the time no options at all, so that the parsing paths get most of the examples.
options = st.just(ImportOptions()) | st.builds(
    ImportOptions,
    encoding=st.sampled_from([None, None, "utf-8", "latin-1", "cp1252", "utf-16", "no-such-codec", "hex"]),
    delimiter=st.sampled_from([None, None, ",", ";", "\t", "|", "tab", "ab", '"']),
    text_column=st.sampled_from([None, None, "text", "Text", "missing", "id"]),
    id_column=st.sampled_from([None, None, "id", "text", "missing"]),
    label_columns=st.sampled_from([{}, {}, {"label": "s"}, {"missing": "s"}, {"text": "s"}]),
    sheet=st.sampled_from([None, None, "Sheet", "missing"]),
)

# --- arbitrary input ---------------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=400), opts=options, name=st.sampled_from(["a.csv", "a.tsv"]))
def test_delimited_arbitrary_bytes(data, opts, name):
    with_file(data, name, delimited.read, opts)


@FUZZ
@given(text=st.text(max_size=300), opts=options)
def test_delimited_arbitrary_text(text, opts):
    with_file(text.encode("utf-8", "surrogatepass"), "a.csv", delimited.read, opts)


@FUZZ
@given(data=st.binary(max_size=400), opts=options)
def test_jsonl_arbitrary_bytes(data, opts):
    with_file(data, "a.jsonl", jsonl.read, opts)


@FUZZ
@given(text=st.text(max_size=300))
def test_jsonl_arbitrary_text(text):
    with_file(text.encode("utf-8", "surrogatepass"), "a.jsonl", jsonl.read)


@FUZZ
@given(data=st.binary(max_size=400), opts=options)
def test_xlsx_arbitrary_bytes(data, opts):
    with_file(data, "a.xlsx", xlsx.read, opts)


@FUZZ
@given(files=st.lists(st.binary(max_size=100), max_size=4), opts=options)
def test_txt_folder_arbitrary_bytes(files, opts):
    with tempfile.TemporaryDirectory() as folder:
        for i, data in enumerate(files):
            (Path(folder) / f"{i}.txt").write_bytes(data)
        allowed(txt_folder.read, Path(folder), opts)


# --- structured but corrupted ------------------------------------------------------------------------

header_names = st.sampled_from(
    ["id", "text", "report", "label", "label:s", "label:", "split", "spans", "meta:x", "ward", "", "text"]
)
cells = st.text(max_size=20) | span_like.map(json.dumps)


@FUZZ
@given(
    header=st.lists(header_names, min_size=1, max_size=6),
    rows=st.lists(st.lists(cells, max_size=7), max_size=6),
    delimiter=st.sampled_from(",;\t|"),
    opts=options,
)
def test_delimited_random_cells(header, rows, delimiter, opts):
    # Rows of any length, spans cells holding any JSON: a table that is almost right.
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    with_file(buffer.getvalue().encode("utf-8", "surrogatepass"), "a.csv", delimited.read, opts)


@FUZZ
@given(lines=st.lists(json_values.map(json.dumps) | st.text(max_size=15), max_size=6))
def test_jsonl_random_values_per_line(lines):
    with_file("\n".join(lines).encode("utf-8", "surrogatepass"), "a.jsonl", jsonl.read)


jsonl_objects = st.fixed_dictionaries(
    {},
    optional={
        "text": st.text(max_size=10) | json_values,
        "id": json_values,
        "label": json_values,
        "labels": st.dictionaries(st.text(max_size=5), json_values, max_size=3) | json_values,
        "spans": span_like,
        "split": json_values,
        "metadata": json_values,
        "other": json_values,
    },
)


@FUZZ
@given(objects=st.lists(jsonl_objects, min_size=1, max_size=5), opts=options)
def test_jsonl_random_fields(objects, opts):
    data = "\n".join(json.dumps(o) for o in objects).encode("utf-8", "surrogatepass")
    with_file(data, "a.jsonl", jsonl.read, opts)


# Objects that are nearly right: a string text, every other field usually well-formed.
spans_ok = st.lists(
    st.fixed_dictionaries(
        {"start": st.integers(-5, 50), "end": st.integers(-5, 50), "type": st.text(max_size=4)},
        optional={"value": st.floats(), "unit": st.text(max_size=3) | st.none(), "code": st.text(max_size=3)},
    ),
    max_size=3,
)
nearly_right = st.fixed_dictionaries(
    {"text": st.text(max_size=30)},
    optional={
        "id": st.text(max_size=5) | st.integers(),
        "label": st.text(max_size=5)
        | st.dictionaries(st.text(max_size=3), st.text(max_size=3))
        | json_values,
        "labels": st.dictionaries(st.text(max_size=3), st.text(max_size=3) | st.none()),
        "spans": spans_ok | span_like,
        "split": st.sampled_from(["train", "test", " ", None]),
        "metadata": st.dictionaries(st.text(max_size=3), json_values, max_size=3),
        "extra": json_values,
    },
)


@FUZZ
@given(objects=st.lists(nearly_right, min_size=1, max_size=5))
def test_jsonl_nearly_right_objects(objects):
    data = "\n".join(json.dumps(o, ensure_ascii=False) for o in objects).encode("utf-8", "surrogatepass")
    with_file(data, "a.jsonl", jsonl.read)


def _valid_file(fmt: str) -> bytes:
    docs = [
        ExportDocument(
            i,
            f"r{i}",
            f'Größe {i}, "q";\n\tline 😀',
            {"ward": "ICU"},
            "train",
            {"s": "A"},
            [SpanRecord(0, 5, "T", value=1.5, unit="%"), SpanRecord(1, 2, "T", code="C")],
        )
        for i in range(4)
    ]
    schema = ExportSchema([LabelSetSpec("s", ["A"])], [EntityTypeSpec("T")])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out.{fmt}"
        write_file(fmt, docs, path, schema)
        return path.read_bytes()


VALID = {fmt: _valid_file(fmt) for fmt in ("csv", "jsonl")}


@FUZZ
@given(
    fmt=st.sampled_from(["csv", "jsonl"]),
    cut=st.none() | st.integers(0, 10_000),
    flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=3),
)
def test_truncated_and_corrupted_exports(fmt, cut, flips):
    data = bytearray(VALID[fmt] if cut is None else VALID[fmt][: cut % (len(VALID[fmt]) + 1)])
    for position, byte in flips:
        if data:
            data[position % len(data)] = byte
    read = delimited.read if fmt == "csv" else jsonl.read
    with_file(bytes(data), f"a.{fmt}", read)


def _workbook_bytes(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Sheet"
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


VALID_XLSX = _workbook_bytes(
    [
        ["id", "text", "label", "spans"],
        [1, "a", "X", '[{"start": 0, "end": 1, "type": "T"}]'],
        [2.5, "b", None, None],
    ]
)
# openpyxl refuses control characters in cells, so random cells leave them out.
xlsx_cells = (
    st.none()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=15)
    | span_like.map(json.dumps)
)


@FUZZ
@given(
    header=st.lists(header_names | st.integers(0, 5) | st.none(), min_size=1, max_size=5).flatmap(
        lambda h: st.sampled_from([h, ["text", *h]])
    ),
    rows=st.lists(st.lists(xlsx_cells, max_size=6), max_size=5),
    opts=options,
)
def test_xlsx_random_cells(header, rows, opts):
    with_file(_workbook_bytes([header, *rows]), "a.xlsx", xlsx.read, opts)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cut=st.none() | st.integers(0, 100_000),
    flips=st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=3),
)
def test_xlsx_truncated_and_corrupted(cut, flips):
    data = bytearray(VALID_XLSX if cut is None else VALID_XLSX[: cut % (len(VALID_XLSX) + 1)])
    for position, byte in flips:
        if data:
            data[position % len(data)] = byte
    with_file(bytes(data), "a.xlsx", xlsx.read)
