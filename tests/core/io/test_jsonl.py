"""JSON Lines reader: fields, labels, spans, metadata, malformed lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import jsonl, read_file
from medlabel.core.records import ImportOptions, SpanRecord


def write(tmp_path: Path, lines: list, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    text = "\n".join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path


def read(path: Path, **options):
    return jsonl.read(path, ImportOptions(**options))


def test_all_fields(tmp_path):
    obj = {
        "id": "r1",
        "text": "EF 55 %\nGröße ² 😀",
        "label": "CURRENT SMOKER",
        "labels": {"quality": "good"},
        "spans": [
            {"start": 0, "end": 2, "type": "LV-EF", "value": 55, "unit": "%"},
            {"start": 3, "end": 5, "type": "Drug", "code": "C01", "extra": "ignored"},
        ],
        "split": "test",
        "metadata": {"ward": "ICU", "age": 63},
        "source": "clinic A",
    }
    doc = read(write(tmp_path, [obj]), label_set="smoking").documents[0]
    assert doc.external_id == "r1"
    assert doc.text == obj["text"]
    assert doc.labels == {"smoking": "CURRENT SMOKER", "quality": "good"}
    assert doc.spans == [
        SpanRecord(0, 2, "LV-EF", value=55.0, unit="%"),
        SpanRecord(3, 5, "Drug", code="C01"),
    ]
    assert doc.split == "test"
    assert doc.metadata == {"ward": "ICU", "age": 63, "source": "clinic A"}
    assert doc.origin == "line 1"


def test_minimal_object_and_blank_lines(tmp_path):
    path = write(tmp_path, ["", {"text": "  a  "}, "   ", {"text": "b", "id": 12, "label": {"s": "X"}}])
    first, second = read(path).documents
    assert (first.text, first.external_id, first.labels, first.spans, first.split) == (
        "  a  ",
        None,
        {},
        [],
        None,
    )
    assert first.origin == "line 2"
    assert (second.external_id, second.labels, second.origin) == ("12", {"s": "X"}, "line 4")


def test_null_fields_mean_absent(tmp_path):
    doc = read(
        write(tmp_path, [{"text": "a", "id": None, "label": None, "spans": None, "split": None}])
    ).documents[0]
    assert (doc.external_id, doc.labels, doc.spans, doc.split) == (None, {}, [], None)


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "a\\r\\nb"}\r\n{"text": "c"}\r\n')
    assert [d.text for d in read(path).documents] == ["a\r\nb", "c"]


def test_unicode_line_separators_inside_strings_do_not_split_lines(tmp_path):
    path = tmp_path / "sep.jsonl"
    path.write_text('{"text": "a\u2028b\u0085c"}\n{"text": "d"}\n', encoding="utf-8")
    docs = read(path).documents
    assert [d.text for d in docs] == ["a\u2028b\u0085c", "d"]
    assert docs[1].origin == "line 2"


def test_registry_detects_jsonl(tmp_path):
    assert read_file(write(tmp_path, [{"text": "x"}], name="a.ndjson")).documents[0].text == "x"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "a" "id": 1}', "not valid JSON: Expecting ',' delimiter"),
        ('{"text": "a"', "not valid JSON"),
        ("[1, 2]", "expected a JSON object, found list"),
        ('"just a string"', "expected a JSON object, found str"),
        ('{"id": 1}', 'no "text"'),
        ('{"text": 5}', '"text" must be a string'),
        ('{"text": null}', '"text" must be a string'),
        ('{"text": "a", "id": [1]}', '"id" must be a string or an integer'),
        ('{"text": "a", "split": 1}', '"split" must be a string'),
        ('{"text": "a", "metadata": []}', '"metadata" must be an object'),
        ('{"text": "a", "label": 3}', "'label' must be a string or an object"),
        ('{"text": "a", "labels": "X"}', "'labels' must be an object"),
        ('{"text": "a", "labels": {"s": 1}}', "the label for 's' must be a string"),
        ('{"text": "a", "spans": {}}', "spans must be a list"),
        ('{"text": "a", "spans": [[0, 1, "X"]]}', "a span must be an object"),
        ('{"text": "a", "spans": [{"start": "0", "end": 1, "type": "X"}]}', "'start' must be an integer"),
        ('{"text": "a", "spans": [{"start": 0, "end": true, "type": "X"}]}', "'end' must be an integer"),
        ('{"text": "a", "spans": [{"start": 0, "end": 1, "type": null}]}', "'type' must be a string"),
        ('{"text": "a", "spans": [{"start": 0, "end": 1, "type": "X", "value": NaN}]}', "finite number"),
        (
            '{"text": "a", "spans": [{"start": 0, "end": 1, "type": "X", "unit": 5}]}',
            "'unit' must be a string",
        ),
    ],
)
def test_malformed_line_names_the_line(tmp_path, line, message):
    path = write(tmp_path, [{"text": "ok"}, "", line])
    with pytest.raises(ImportFormatError, match=message) as err:
        read(path)
    assert err.value.location.startswith("line 3")
    assert f"{path}, line 3" in str(err.value)


def test_span_errors_name_the_span(tmp_path):
    line = {
        "text": "a",
        "spans": [{"start": 0, "end": 1, "type": "X"}, {"start": 0, "end": 1.5, "type": "X"}],
    }
    with pytest.raises(ImportFormatError) as err:
        read(write(tmp_path, [line]))
    assert err.value.location == "line 1, span 2"


def test_integral_float_offsets_are_accepted(tmp_path):
    line = {"text": "abc", "spans": [{"start": 0.0, "end": 2.0, "type": "X"}]}
    assert read(write(tmp_path, [line])).documents[0].spans == [SpanRecord(0, 2, "X")]


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "a"}\n{"text": "b"}\n{"text": "Gr\xf6\xdfe"}\n')
    with pytest.raises(ImportFormatError) as err:
        read(path)
    assert err.value.location == "line 3"
    assert "utf-8" in err.value.problem


def test_encoding_option_is_honoured(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes('{"text": "Größe"}\n'.encode("latin-1"))
    assert read(path, encoding="latin-1").documents[0].text == "Größe"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match="empty"):
        read(path)
