from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import labelstudio, labelstudio_export, read_file, write_file
from medlabel.core.records import DocRecord, ExportDocument, ExportSchema, ImportOptions, SpanRecord

TEXT_1 = "Pt 😀 LV-EF 55 %, metoprolol."  # the emoji is 2 UTF-16 units, so later offsets shift by one

# Shaped like Label Studio 1.x "Export → JSON" output (fields it writes that we do not read included).
SAMPLE: list[dict[str, Any]] = [
    {
        "id": 101,
        "data": {"text": TEXT_1, "ward": "cardiology"},
        "annotations": [
            {
                "id": 1,
                "completed_by": 1,
                "was_cancelled": True,
                "ground_truth": False,
                "result": [
                    {
                        "id": "zz",
                        "type": "choices",
                        "from_name": "smoking_status",
                        "to_name": "text",
                        "value": {"choices": ["UNKNOWN"]},
                    }
                ],
            },
            {
                "id": 2,
                "completed_by": 1,
                "was_cancelled": False,
                "ground_truth": False,
                "lead_time": 12.5,
                "created_at": "2024-05-02T10:00:00.000000Z",
                "result": [
                    {
                        "id": "a1",
                        "type": "labels",
                        "from_name": "label",
                        "to_name": "text",
                        "origin": "manual",
                        "value": {"start": 6, "end": 11, "text": "LV-EF", "labels": ["LVEF"]},
                    },
                    {
                        "id": "a1",
                        "type": "textarea",
                        "from_name": "value",
                        "to_name": "text",
                        "origin": "manual",
                        "value": {"start": 6, "end": 11, "text": ["55 %"]},
                    },
                    {
                        "id": "b2",
                        "type": "labels",
                        "from_name": "label",
                        "to_name": "text",
                        "value": {"start": 18, "end": 28, "text": "metoprolol", "labels": ["DRUG"]},
                    },
                    {
                        "id": "b2",
                        "type": "textarea",
                        "from_name": "code",
                        "to_name": "text",
                        "value": {"start": 18, "end": 28, "text": ["C07AB02"]},
                    },
                    {
                        "id": "c3",
                        "type": "choices",
                        "from_name": "smoking_status",
                        "to_name": "text",
                        "value": {"choices": ["CURRENT SMOKER"]},
                    },
                    {"from_id": "a1", "to_id": "b2", "type": "relation", "direction": "right", "labels": []},
                ],
            },
        ],
        "predictions": [],
        "file_upload": "reports.json",
        "project": 3,
    },
    {
        "id": 102,
        "data": {"text": "No smoking. EF 60,5%.", "external_id": "rep-2", "ward": "icu"},
        "annotations": [
            {
                "id": 3,
                "was_cancelled": False,
                "result": [
                    {
                        "id": "d4",
                        "type": "choices",
                        "from_name": "smoking_status",
                        "to_name": "text",
                        "value": {"choices": ["NON-SMOKER"]},
                    },
                    {
                        "id": "e5",
                        "type": "labels",
                        "from_name": "label",
                        "to_name": "text",
                        "value": {"start": 12, "end": 14, "text": "EF", "labels": ["LVEF"]},
                    },
                    {
                        "id": "e5",
                        "type": "textarea",
                        "from_name": "value",
                        "to_name": "text",
                        "value": {"start": 12, "end": 14, "text": ["60,5%"]},
                    },
                ],
            },
            {
                "id": 4,
                "was_cancelled": False,
                "result": [
                    {
                        "id": "f6",
                        "type": "choices",
                        "from_name": "smoking_status",
                        "to_name": "text",
                        "value": {"choices": ["UNKNOWN"]},
                    }
                ],
            },
        ],
        "predictions": [{"model_version": "v1", "result": []}],
    },
]


def _write(directory: Path, content: Any, name: str = "export.json") -> Path:
    path = directory / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_reads_a_realistic_export(tmp_path: Path) -> None:
    batch = labelstudio.read(_write(tmp_path, SAMPLE), ImportOptions())
    first, second = batch.documents
    assert first.text == TEXT_1
    assert first.external_id == "101"
    assert first.labels == {"smoking_status": "CURRENT SMOKER"}
    assert first.spans == [
        SpanRecord(5, 10, "LVEF", value=55.0, unit="%"),
        SpanRecord(17, 27, "DRUG", code="C07AB02"),
    ]
    assert [TEXT_1[s.start : s.end] for s in first.spans] == ["LV-EF", "metoprolol"]
    assert first.metadata == {"ward": "cardiology"}
    assert first.origin == "task 1 (id=101)"
    assert second.external_id == "rep-2"
    assert second.labels == {"smoking_status": "NON-SMOKER"}
    assert second.spans == [SpanRecord(12, 14, "LVEF", value=60.5, unit="%")]
    assert second.metadata == {"ward": "icu"}
    assert [(s.name, s.labels) for s in batch.label_sets] == [
        ("smoking_status", ["CURRENT SMOKER", "NON-SMOKER"])
    ]
    assert [e.name for e in batch.entity_types] == ["LVEF", "DRUG"]
    notes = " | ".join(batch.notes)
    assert "1 tasks have several annotations" in notes
    assert "1 cancelled annotations" in notes
    assert "predictions of 1 tasks" in notes
    assert "relation (1)" in notes


def test_detected_from_json_ending(tmp_path: Path) -> None:
    assert len(read_file(_write(tmp_path, SAMPLE)).documents) == 2


def test_text_from_the_only_string_or_the_chosen_field(tmp_path: Path) -> None:
    tasks = [{"id": 1, "data": {"report": "abc", "id": "R1", "n": 3}}]
    doc = labelstudio.read(_write(tmp_path, tasks), ImportOptions()).documents[0]
    assert (doc.text, doc.external_id, doc.metadata) == ("abc", "R1", {"n": 3})
    tasks = [{"id": 1, "data": {"report": "abc", "note": "xyz"}}]
    with pytest.raises(ImportFormatError, match="cannot tell which data field"):
        labelstudio.read(_write(tmp_path, tasks), ImportOptions())
    doc = labelstudio.read(_write(tmp_path, tasks), ImportOptions(text_column="note")).documents[0]
    assert (doc.text, doc.metadata) == ("xyz", {"report": "abc"})


def _one_task(result: list[Any], text: str = "hello world") -> list[dict[str, Any]]:
    return [{"id": 5, "data": {"text": text}, "annotations": [{"result": result}]}]


def _region(start: Any, end: Any, label: str = "X", text: str | None = None) -> dict[str, Any]:
    value: dict[str, Any] = {"start": start, "end": end, "labels": [label]}
    if text is not None:
        value["text"] = text
    return {"id": "r", "type": "labels", "from_name": "label", "to_name": "text", "value": value}


@pytest.mark.parametrize(
    ("content", "problem", "location"),
    [
        ({"data": {"text": "a"}}, "expected a list of Label Studio tasks", None),
        ("[1, 2", "not valid JSON", "line 1, column 6"),
        ([{"id": 1, "data": {"n": 1}}], "cannot tell which data field", "task 1 (id=1)"),
        ([{"id": 1, "text": "a"}], "no 'data' object", "task 1 (id=1)"),
        ([{"data": {"text": "a"}}, "x"], "must be an object", "task 2"),
        (_one_task([{"type": "labels", "from_name": "label"}]), "no 'value'", "task 1 (id=5), result 1"),
        (_one_task([_region(0, "5")]), "value.end must be an integer", "task 1 (id=5), result 1"),
        (_one_task([_region(0, 5.0)]), "value.end must be an integer", "task 1 (id=5), result 1"),
        (_one_task([_region(0, 5, text="world")]), "does not match", "task 1 (id=5), result 1"),
        (
            _one_task([{"type": "choices", "from_name": "s", "value": {"choices": ["A", "B"]}}]),
            "multi-choice is not supported",
            "task 1 (id=5), result 1",
        ),
        (
            _one_task([{"type": "choices", "value": {"choices": ["A"]}}]),
            "no 'from_name'",
            "task 1 (id=5), result 1",
        ),
        (
            _one_task(
                [
                    _region(0, 5),
                    {"id": "r", "type": "textarea", "from_name": "value", "value": {"text": ["n/a"]}},
                ]
            ),
            "not '<number> <unit>'",
            "task 1 (id=5), result 2",
        ),
        (_one_task([_region(1, 2)], text="😀 x"), "inside a character", "task 1 (id=5), result 1"),
    ],
)
def test_malformed_input_names_task_and_region(
    tmp_path: Path, content: Any, problem: str, location: str | None
) -> None:
    with pytest.raises(ImportFormatError, match=problem) as info:
        labelstudio.read(_write(tmp_path, content), ImportOptions())
    assert info.value.location == location


def test_offsets_beyond_the_bmp_are_converted_back_and_forth(tmp_path: Path) -> None:
    text = "👍🏽 ok 𝔸 EF 40 %"
    docs = [
        ExportDocument(
            1, "x", text, {}, None, {}, [SpanRecord(text.index("EF"), text.index("EF") + 2, "LVEF")]
        )
    ]
    path = tmp_path / "out.json"
    labelstudio_export.write(docs, path, ExportSchema())
    region = json.loads(path.read_text(encoding="utf-8"))[0]["annotations"][0]["result"][0]["value"]
    # 👍 + 🏽 + 𝔸 are three characters outside the BMP: three extra UTF-16 units before "EF".
    assert (region["start"], region["end"]) == (text.index("EF") + 3, text.index("EF") + 5)
    assert region["text"] == "EF"
    assert labelstudio.read(path, ImportOptions()).documents[0].spans == docs[0].spans


def _as_export(doc: DocRecord) -> tuple[Any, ...]:
    return (doc.external_id, doc.text, doc.labels, doc.spans, doc.metadata, doc.split)


def _expected(doc: ExportDocument) -> tuple[Any, ...]:
    return (doc.external_id, doc.text, doc.labels, doc.spans, doc.metadata, doc.split)


def test_round_trip_with_emoji_values_codes_and_clashing_metadata(tmp_path: Path) -> None:
    text = "🫀 Echo: LV-EF 55 % 🙂, ramipril 5 mg."
    spans = [
        SpanRecord(text.index("LV-EF"), text.index("LV-EF") + 5, "LVEF", value=55.0, unit="%"),
        SpanRecord(text.index("ramipril"), text.index("ramipril") + 8, "DRUG", code="C09AA05"),
        SpanRecord(text.index("5 mg"), text.index("5 mg") + 4, "DOSE", value=0.005, unit="g", code="x"),
    ]
    docs = [
        ExportDocument(
            1, "a-1", text, {"text": "clash", "id": 9, "site": "B"}, "train", {"smoking": "SMOKER"}, spans
        ),
        ExportDocument(2, "a-2", "nothing here", {}, None, {}, []),
        ExportDocument(3, "a-3", "x", {"meta:x": [1, {"y": None}]}, "test", {"a": "1", "b": "2"}, []),
    ]
    path = tmp_path / "ls.json"
    assert write_file("labelstudio", docs, path, ExportSchema()) == 3
    tasks = json.loads(path.read_text(encoding="utf-8"))
    results = [item for task in tasks for ann in task["annotations"] for item in ann["result"]]
    own_ids = [r["id"] for r in results if r["type"] in ("labels", "choices")]
    assert len(own_ids) == len(set(own_ids)) == 6  # 3 regions + 3 choices, ids unique in the file
    assert {r["id"] for r in results if r["type"] == "textarea"} <= set(own_ids)
    region = next(r for r in results if r["type"] == "labels")
    assert (region["from_name"], region["to_name"], region["value"]["text"]) == ("label", "text", "LV-EF")
    assert tasks[0]["data"]["meta:text"] == "clash" and tasks[0]["data"]["external_id"] == "a-1"
    batch = labelstudio.read(path, ImportOptions())
    assert [_as_export(d) for d in batch.documents] == [_expected(d) for d in docs]


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def _documents(draw: st.DrawFn) -> list[ExportDocument]:
    docs = []
    for n in range(draw(st.integers(1, 3))):
        text = draw(st.text(st.sampled_from("ab 1.%\n😀🫀é𝔸"), max_size=25))
        spans = []
        for _ in range(draw(st.integers(0, 3))):
            start = draw(st.integers(0, len(text)))
            end = draw(st.integers(start, len(text)))
            value = draw(st.none() | st.floats(allow_nan=False, allow_infinity=False))
            unit = draw(st.none() | _text.map(str.strip).filter(bool)) if value is not None else None
            code = draw(st.none() | _text.map(str.strip).filter(bool))
            spans.append(SpanRecord(start, end, draw(_text), value=value, unit=unit, code=code))
        labels = draw(st.dictionaries(_text, _text, max_size=2))
        metadata = draw(st.dictionaries(_text, _json, max_size=3))
        split = draw(st.none() | st.sampled_from(["train", "test"]))
        docs.append(ExportDocument(n, draw(_text), text, metadata, split, labels, spans))
    return docs


@settings(max_examples=150, deadline=None)
@given(_documents())
def test_round_trip_property(docs: list[ExportDocument]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ls.json"
        labelstudio_export.write(copy.deepcopy(docs), path, ExportSchema())
        batch = labelstudio.read(path, ImportOptions())
    assert [_as_export(d) for d in batch.documents] == [_expected(d) for d in docs]


def test_unpaired_surrogate_escape_is_refused(tmp_path: Path) -> None:
    content = '[{"id": 1, "data": {"text": "a \\ud83d b"}}]'
    with pytest.raises(ImportFormatError, match="unpaired UTF-16 surrogate") as info:
        labelstudio.read(_write(tmp_path, content), ImportOptions())
    assert info.value.location == "task 1 (id=1)"
    paired = '[{"id": 1, "data": {"text": "a \\ud83d\\ude00 b"}}]'
    assert labelstudio.read(_write(tmp_path, paired), ImportOptions()).documents[0].text == "a 😀 b"
