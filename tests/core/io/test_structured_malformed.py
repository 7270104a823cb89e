"""Property tests: whatever a file holds, the structured readers either read it or say what is wrong.

The only allowed outcomes are an ImportBatch or a MedlabelError; any other exception is a bug.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from medlabel.core.errors import MedlabelError
from medlabel.core.io import brat, i2b2, labelstudio
from medlabel.core.records import DocRecord, ImportBatch, ImportOptions, SpanRecord

FAST = settings(max_examples=150, deadline=None)

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# Any string, lone surrogates included: json.dumps writes them as "\ud83d" escapes, as a damaged file might.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)


def _check(read: Callable[[], ImportBatch]) -> ImportBatch | None:
    try:
        batch = read()
    except MedlabelError as exc:
        assert str(exc)
        return None
    assert isinstance(batch, ImportBatch)
    for doc in batch.documents:
        assert isinstance(doc, DocRecord) and isinstance(doc.text, str)
        for span in doc.spans:
            assert isinstance(span, SpanRecord)
            assert isinstance(span.start, int) and isinstance(span.end, int) and isinstance(span.type, str)
    return batch


def _read_bytes(
    reader: Callable[[Path, ImportOptions], ImportBatch], data: bytes, name: str
) -> ImportBatch | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return _check(lambda: reader(path, ImportOptions()))


@st.composite
def _mutated(draw: st.DrawFn, sample: bytes, fragments: list[bytes]) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "flip"]))
        if action == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        elif action == "insert":
            data[where:where] = draw(st.sampled_from(fragments) | st.binary(max_size=4))
        elif where < len(data):
            data[where] = draw(st.integers(0, 255))
    return bytes(data)


# --- i2b2 ------------------------------------------------------------------------------------------

I2B2_SAMPLE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<ROOT>\n<RECORD ID="1">\n<SMOKING STATUS="PAST SMOKER"/>\n'
    b'<TEXT><![CDATA[\nQuit in 1990 & well.\n]]></TEXT>\n</RECORD>\n<RECORD ID="2">\n<TEXT>x &amp; y</TEXT>\n'
    b"</RECORD>\n</ROOT>\n"
)
XML_FRAGMENTS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&x;",
    b'"',
    b"]]>",
    b"<![CDATA[",
    b"<RECORD>",
    b'<RECORD ID="9">',
    b"</RECORD>",
    b"<TEXT>",
    b"</TEXT>",
    b"<SMOKING/>",
    b'<SMOKING STATUS="X"/>',
    b"<!DOCTYPE r>",
    b'<!ENTITY e "x">',
    b'<?xml version="1.0" encoding="cp1252"?>',
    b"\x00",
    b"\xff\xfe",
]


@FAST
@given(st.binary(max_size=300))
def test_i2b2_arbitrary_bytes(data: bytes) -> None:
    _read_bytes(i2b2.read, data, "x.xml")


@FAST
@given(_mutated(I2B2_SAMPLE, XML_FRAGMENTS))
def test_i2b2_mutated_sample(data: bytes) -> None:
    _read_bytes(i2b2.read, data, "x.xml")


_xml_char = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\r\x00\ufffe\uffff", min_codepoint=9
).filter(lambda c: c in "\t\n" or c >= " ")
_records = st.lists(
    st.tuples(
        st.text(_xml_char, min_size=1).filter(str.strip),
        st.none() | st.text(_xml_char),
        st.text(_xml_char, max_size=60),
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
)


@FAST
@given(_records)
def test_i2b2_generated_well_formed_files_read_exactly(
    records: list[tuple[str, str | None, str, bool]],
) -> None:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<ROOT>']
    for record_id, status, text, cdata in records:
        smoking = f"<SMOKING STATUS={quoteattr(status)}/>" if status is not None else ""
        body = f"<![CDATA[{text}]]>" if cdata and "]]>" not in text else escape(text)
        parts.append(f"<RECORD ID={quoteattr(record_id)}>{smoking}<TEXT>{body}</TEXT></RECORD>")
    parts.append("</ROOT>")
    batch = _read_bytes(i2b2.read, "\n".join(parts).encode("utf-8"), "x.xml")
    assert batch is not None
    assert [d.text for d in batch.documents] == [text for _, _, text, _ in records]
    # quoteattr writes tabs and newlines as character references, so they survive; the reader strips ids.
    assert [d.external_id for d in batch.documents] == [record_id.strip() for record_id, *_ in records]
    assert [d.labels for d in batch.documents] == [
        {} if status is None else {"smoking_status": status.strip()} for _, status, *_ in records
    ]


# --- Label Studio ----------------------------------------------------------------------------------

LS_SAMPLE: list[Any] = [
    {
        "id": 1,
        "data": {"text": "😀 EF 55 % and aspirin", "site": "A"},
        "annotations": [
            {"was_cancelled": True, "result": []},
            {
                "was_cancelled": False,
                "result": [
                    {"id": "a", "type": "labels", "from_name": "label", "to_name": "text",
                     "value": {"start": 3, "end": 5, "text": "EF", "labels": ["LVEF"]}},
                    {"id": "a", "type": "textarea", "from_name": "value", "to_name": "text",
                     "value": {"start": 3, "end": 5, "text": ["55 %"]}},
                    {"id": "b", "type": "labels", "from_name": "label", "to_name": "text",
                     "value": {"start": 16, "end": 23, "labels": ["DRUG"]}},
                    {"id": "b", "type": "textarea", "from_name": "code", "to_name": "text",
                     "value": {"start": 16, "end": 23, "text": ["B01AC06"]}},
                    {"id": "c", "type": "choices", "from_name": "smoking", "to_name": "text",
                     "value": {"choices": ["SMOKER"]}},
                ],
            },
        ],
        "predictions": [{"result": []}],
    },
    {"id": 2, "data": {"text": "plain", "external_id": "p"}, "annotations": []},
]  # fmt: skip


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


@st.composite
def _mutated_tasks(draw: st.DrawFn) -> Any:
    tasks: Any = copy.deepcopy(LS_SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(tasks)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = tasks
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["delete", "json", "offset", "string"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "json":
            parent[path[-1]] = draw(_json)
        elif action == "offset":
            parent[path[-1]] = draw(st.integers(-3, 40) | st.floats())
        else:
            parent[path[-1]] = draw(_text)
    return tasks


def _read_json(value: Any) -> ImportBatch | None:
    return _read_bytes(labelstudio.read, json.dumps(value).encode("utf-8"), "x.json")


def test_labelstudio_sample_reads() -> None:
    batch = _read_json(LS_SAMPLE)
    assert batch is not None and batch.documents[0].spans[1] == SpanRecord(15, 22, "DRUG", code="B01AC06")


@FAST
@given(st.binary(max_size=200))
def test_labelstudio_arbitrary_bytes(data: bytes) -> None:
    _read_bytes(labelstudio.read, data, "x.json")


@FAST
@given(_json)
def test_labelstudio_arbitrary_json(value: Any) -> None:
    _read_json(value)
    _read_json([value])
    _read_json([{"data": value, "annotations": [{"result": [value]}]}])


@FAST
@given(_mutated_tasks())
def test_labelstudio_mutated_sample(tasks: Any) -> None:
    _read_json(tasks)


@FAST
@given(
    _mutated(json.dumps(LS_SAMPLE, ensure_ascii=False).encode("utf-8"), [b"{", b"}", b"[", b'"', b",", b":"])
)
def test_labelstudio_mutated_bytes(data: bytes) -> None:
    _read_bytes(labelstudio.read, data, "x.json")


# --- brat ------------------------------------------------------------------------------------------

_offset = st.integers(0, 60).map(str) | st.sampled_from(["-1", "1.5", "x", "", "١٢", "99999999999999999999"])
_word = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"), max_size=12)
_entity_id = st.sampled_from(["T1", "T2", "T3", "T", "R1", "E1", "X"])
_ann_line = st.one_of(
    _text,
    st.builds(lambda i, k, a, b, t: f"{i}\t{k} {a} {b}\t{t}", _entity_id, _word, _offset, _offset, _word),
    st.builds(
        lambda i, k, a, b, c, d: f"{i}\t{k} {a} {b};{c} {d}\t",
        _entity_id,
        _word,
        _offset,
        _offset,
        _offset,
        _offset,
    ),
    st.builds(lambda t, r, t2: f"N1\tReference {t} {r}\t{t2}", _entity_id, _word, _word),
    st.builds(lambda t, note: f"#1\tAnnotatorNotes {t}\t{note}", _entity_id, _word | st.just("value: 5 %")),
    st.builds(lambda c, rest: f"{c}{rest}", st.sampled_from(list("ARE*M#N")), _word),
)


def _read_pair(txt: bytes, ann: bytes) -> ImportBatch | None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "x.txt").write_bytes(txt)
        (Path(tmp) / "x.ann").write_bytes(ann)
        folder_batch = _check(lambda: brat.read(Path(tmp), ImportOptions()))
        file_batch = _check(lambda: brat.read(Path(tmp) / "x.ann", ImportOptions()))
    assert (folder_batch is None) == (file_batch is None)
    return folder_batch


@FAST
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60), st.lists(_ann_line, max_size=8))
def test_brat_arbitrary_ann_lines(text: str, lines: list[str]) -> None:
    _read_pair(text.encode("utf-8"), "\n".join(lines).encode("utf-8"))


@FAST
@given(st.binary(max_size=100), st.binary(max_size=200))
def test_brat_arbitrary_bytes(txt: bytes, ann: bytes) -> None:
    _read_pair(txt, ann)


@FAST
@given(st.data())
def test_brat_well_formed_lines_always_read(data: st.DataObject) -> None:
    text = data.draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
    lines = []
    for n in range(1, data.draw(st.integers(0, 5)) + 1):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        kind = data.draw(st.text(st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8))
        # The text field may be left empty, as some converters do; a blank-only one is not checked.
        lines.append(f"T{n}\t{kind} {start} {end}\t{' '.join(text[start:end].split())}")
        if data.draw(st.booleans()):
            lines.append(f"#{n}\tAnnotatorNotes T{n}\tvalue: {n}.5 mg")
    batch = _read_pair(text.encode("utf-8"), "\n".join(lines).encode("utf-8"))
    assert batch is not None
    assert len(batch.documents[0].spans) == sum(line.startswith("T") for line in lines)
