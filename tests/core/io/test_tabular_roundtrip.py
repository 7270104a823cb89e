"""CSV and JSONL writers, and read(write(docs)) == docs at the record level."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlabel.core.errors import MedlabelError
from medlabel.core.io import csv_export, read_file, write_file
from medlabel.core.records import (
    EntityTypeSpec,
    ExportDocument,
    ExportSchema,
    LabelSetSpec,
    SpanRecord,
)

SCHEMA = ExportSchema(
    label_sets=[LabelSetSpec("smoking", ["CURRENT SMOKER", "NON-SMOKER"]), LabelSetSpec("quality", ["ok"])],
    entity_types=[EntityTypeSpec("LV-EF"), EntityTypeSpec("Drug")],
)
SUFFIX = {"csv": ".csv", "jsonl": ".jsonl"}


def sample_docs() -> list[ExportDocument]:
    return [
        ExportDocument(
            doc_id=1,
            external_id="r-001",
            text='LV-EF 55 %, "normal"\r\nGröße ü ß ² 😀;\tTab | pipe\n',
            metadata={"ward": "Kardiologie ü", "text": "clashes", "label": "clashes too", "Spans": "x"},
            split="train",
            labels={"smoking": "CURRENT SMOKER", "quality": "ok"},
            spans=[SpanRecord(0, 5, "LV-EF", value=55.0, unit="%"), SpanRecord(6, 8, "Drug", code="C01AA05")],
        ),
        ExportDocument(
            doc_id=2,
            external_id="007",
            text="  second, with ,commas,, and\nnewlines\n\n  ",
            metadata={"age": "63", "label:other": "v", "meta:x": "y"},
            split=None,
            labels={"smoking": "NON-SMOKER"},
            spans=[],
        ),
        ExportDocument(
            doc_id=3,
            external_id="3",
            text="x",
            metadata={},
            split="test",
            labels={},
            spans=[SpanRecord(0, 1, "LV-EF", value=-0.25)],
        ),
    ]


def assert_same(read_back, docs):
    assert len(read_back) == len(docs)
    for record, doc in zip(read_back, docs, strict=True):
        assert record.external_id == doc.external_id
        assert record.text == doc.text
        assert record.labels == doc.labels
        assert record.spans == doc.spans
        assert record.split == doc.split
        assert record.metadata == doc.metadata


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_round_trip(tmp_path, fmt):
    docs = sample_docs()
    path = tmp_path / f"out{SUFFIX[fmt]}"
    assert write_file(fmt, iter(docs), path, SCHEMA) == 3
    assert_same(read_file(path).documents, docs)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_write_is_atomic(tmp_path, fmt):
    path = tmp_path / f"out{SUFFIX[fmt]}"
    path.write_text("old content")

    def failing():
        yield from sample_docs()
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        write_file(fmt, failing(), path, SCHEMA)
    assert path.read_text() == "old content"
    assert os.listdir(tmp_path) == [path.name]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_write_into_a_missing_folder(tmp_path, fmt):
    with pytest.raises(MedlabelError):
        write_file(fmt, sample_docs(), tmp_path / "missing" / f"out{SUFFIX[fmt]}", SCHEMA)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_write_onto_a_folder(tmp_path, fmt):
    target = tmp_path / f"out{SUFFIX[fmt]}"
    target.mkdir()
    with pytest.raises(MedlabelError, match="cannot write"):
        write_file(fmt, sample_docs(), target, SCHEMA)
    assert os.listdir(tmp_path) == [target.name]


def test_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old")
    path.chmod(0o640)
    write_file("jsonl", sample_docs(), path, SCHEMA)
    assert path.stat().st_mode & 0o777 == 0o640


def test_csv_layout(tmp_path):
    path = tmp_path / "out.csv"
    write_file("csv", sample_docs(), path, SCHEMA)
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [
        "id",
        "text",
        "split",
        "label:smoking",
        "label:quality",
        "spans",
        "ward",
        "meta:text",
        "meta:label",
        "meta:Spans",
        "age",
        "meta:label:other",
        "meta:meta:x",
    ]
    assert rows[1][5] == (
        '[{"start":0,"end":5,"type":"LV-EF","value":55.0,"unit":"%"},'
        '{"start":6,"end":8,"type":"Drug","code":"C01AA05"}]'
    )
    # Rows written before a metadata key first appeared are padded to the full width.
    assert all(len(row) == len(rows[0]) for row in rows)
    assert rows[2][:6] == ["007", "  second, with ,commas,, and\nnewlines\n\n  ", "", "NON-SMOKER", "", ""]


def test_csv_without_entity_types_has_no_spans_column(tmp_path):
    docs = [ExportDocument(1, "a", "t", {}, None, {"smoking": "NON-SMOKER"}, [])]
    path = tmp_path / "out.csv"
    write_file("csv", docs, path, ExportSchema(label_sets=SCHEMA.label_sets))
    assert path.read_text().splitlines()[0] == "id,text,split,label:smoking,label:quality"


def test_csv_keeps_label_sets_outside_the_schema(tmp_path):
    docs = [ExportDocument(1, "a", "t", {}, None, {"extra": "E"}, [])]
    path = tmp_path / "out.csv"
    write_file("csv", docs, path, ExportSchema())
    assert read_file(path).documents[0].labels == {"extra": "E"}


def test_csv_non_string_metadata_is_written_as_text(tmp_path):
    docs = [ExportDocument(1, "a", "t", {"n": 3, "f": 1.5, "d": {"k": "ü"}, "none": None}, None, {}, [])]
    path = tmp_path / "out.csv"
    write_file("csv", docs, path, ExportSchema())
    assert read_file(path).documents[0].metadata == {"n": "3", "f": "1.5", "d": '{"k": "ü"}'}


def test_metadata_column_names():
    assert csv_export.metadata_column("ward") == "ward"
    assert csv_export.metadata_column("Text") == "meta:Text"
    assert csv_export.metadata_column("label:x") == "meta:label:x"
    assert csv_export.metadata_column("report") == "report"


def test_jsonl_layout(tmp_path):
    path = tmp_path / "out.jsonl"
    write_file("jsonl", sample_docs(), path, SCHEMA)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    first = json.loads(lines[0])
    assert list(first) == ["id", "text", "split", "labels", "spans", "metadata"]
    assert "😀" in lines[0]  # ensure_ascii=False
    assert first["spans"][1] == {"start": 6, "end": 8, "type": "Drug", "code": "C01AA05"}
    assert json.loads(lines[1])["split"] is None


def test_empty_export(tmp_path):
    path = tmp_path / "out.csv"
    assert write_file("csv", [], path, SCHEMA) == 0
    assert path.read_text().strip() == "id,text,split,label:smoking,label:quality,spans"
    assert write_file("jsonl", [], tmp_path / "out.jsonl", SCHEMA) == 0


# --- property: any documents survive a round trip ---------------------------------------------------

# Texts: anything but lone surrogates (they cannot be written as UTF-8 at all).
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
# Ids, labels, split and metadata are read back stripped / skipped when blank, so generate them so.
words = st.text(st.characters(exclude_categories=["Cs", "Cc", "Z"]), min_size=1, max_size=12).filter(
    lambda s: s == s.strip()
)
keys = st.text("abcdefghijklmnopqrstuvwxyzäöü_-:0123456789 ", min_size=1, max_size=10).filter(
    lambda s: s == s.strip() and not s.startswith("Unnamed")
)
spans = st.builds(
    SpanRecord,
    start=st.integers(0, 10**6),
    end=st.integers(0, 10**6),
    type=words,
    value=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    unit=st.none() | st.text(max_size=5),
    code=st.none() | st.text(max_size=8),
)


@st.composite
def documents(draw):
    n = draw(st.integers(1, 5))
    ids = draw(st.lists(words, min_size=n, max_size=n, unique=True))
    return [
        ExportDocument(
            doc_id=i,
            external_id=ids[i],
            text=draw(texts),
            metadata=draw(st.dictionaries(keys, words, max_size=3)),
            split=draw(st.none() | words),
            labels=draw(st.dictionaries(st.sampled_from(["smoking", "quality", "x y"]), words, max_size=3)),
            spans=draw(st.lists(spans, max_size=3)),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=documents())
def test_round_trip_property(fmt, docs):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out{SUFFIX[fmt]}"
        write_file(fmt, docs, path, SCHEMA)
        # No options: the reader must also sniff the delimiter of its own writer's output.
        assert_same(read_file(path).documents, docs)
