"""Fuzzing the readers with hostile bytes: byte-order marks, NULs, mixed encodings, huge headers and
long cells. Whatever the input, ``read_file`` returns a batch within the limits or raises a
MedlabelError, and does so quickly: the limits are set small here, so that a reader that ignores one
is caught by the check on its result, and one that does work in proportion to the limit stays fast.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import tempfile
import time
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from medlabel.core.errors import MedlabelError
from medlabel.core.io import read_file
from medlabel.core.records import ImportOptions

# MEDLABEL_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the suite quick.
EXAMPLES = int(os.environ.get("MEDLABEL_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIMITS = {"max_document_chars": 500, "max_columns": 40, "max_archive_bytes": 200_000}
# Generous for a loaded 2-core machine; without the limits a huge header took minutes.
SECONDS = 10

BOMS = [
    b"",
    b"",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
]
CODECS = ["utf-8", "utf-8", "cp1252", "latin-1", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
MARKS = {"utf-8": b"", "cp1252": b"", "latin-1": b""} | {
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
FORMATS = {"csv": "a.csv", "tsv": "a.tsv", "jsonl": "a.jsonl", "txt": "a.txt", "labelstudio": "a.json"}
FORMATS |= {"i2b2": "a.xml"}


def check(data: bytes, name: str, options: ImportOptions) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            batch = read_file(path, options)
        except MedlabelError as exc:
            assert str(exc)
            event(f"refused: {re.sub(r'[0-9,]+', 'N', getattr(exc, 'problem', str(exc)))[:30]}")
        else:
            event("read")
            for doc in batch.documents:
                assert isinstance(doc.text, str)
                assert len(doc.text) <= options.max_document_chars
                assert doc.origin
        assert time.perf_counter() - started < SECONDS


def encode(text: str, codec: str) -> bytes:
    return text.encode(codec, "replace")  # cp1252/latin-1 cannot hold every character


@st.composite
def hostile_bytes(draw, fmt: str) -> bytes:
    """A file for ``fmt``: a mark (maybe the wrong one), lines in mixed codecs, NULs, wide headers."""
    header = ""
    if fmt in ("csv", "tsv"):
        names = draw(st.lists(st.sampled_from(["a", "text", "id", "label", ""]), min_size=1, max_size=120))
        header = ("\t" if fmt == "tsv" else ",").join(names) + "\n"
    cell = st.text(max_size=20) | st.integers(0, 1500).map(lambda n: "x" * n)
    if fmt == "jsonl":
        line = st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), cell)
    elif fmt == "labelstudio":
        line = st.builds(lambda t: json.dumps([{"id": 1, "data": {"text": t}}], ensure_ascii=False), cell)
    elif fmt == "i2b2":
        line = st.builds(lambda t: f'<ROOT><RECORD ID="1"><TEXT>{t}</TEXT></RECORD></ROOT>', cell)
    else:
        line = st.builds(lambda i, t: f'{i},"{t}"', st.integers(0, 9), cell)
    # Mostly one codec under its own mark, so that many files read; sometimes another mark or a
    # line in another codec (a mixed file).
    main = draw(st.sampled_from(CODECS))
    codec = st.just(main) | st.sampled_from(CODECS)
    lines = draw(st.lists(st.tuples(line, codec), max_size=5))
    data = bytearray(draw(st.sampled_from([MARKS[main], MARKS[main], *BOMS])))
    data += encode(header, main)
    for text, line_codec in lines:
        data += encode(text + "\n", line_codec)
    nuls = st.just([]) | st.lists(st.integers(0, 10_000), max_size=4)
    for position in draw(nuls):
        data[position % (len(data) + 1) : position % (len(data) + 1)] = b"\x00"
    return bytes(data)


@FUZZ
@given(
    data=st.data(), fmt=st.sampled_from(sorted(FORMATS)), encoding=st.sampled_from([None] * 5 + ["utf-16"])
)
def test_text_readers_with_hostile_bytes(data, fmt, encoding):
    options = ImportOptions(format=fmt, encoding=encoding, **LIMITS)
    check(data.draw(hostile_bytes(fmt)), FORMATS[fmt], options)


@FUZZ
@given(columns=st.integers(1, 3000), repeated=st.booleans(), rows=st.integers(0, 3))
def test_delimited_with_huge_headers(columns, repeated, rows):
    # The header: thousands of the same name, which pandas renames in quadratic time.
    names = ["a"] * columns if repeated else [f"c{i}" for i in range(columns)]
    body = "".join(",".join(["v"] * columns) + "\n" for _ in range(rows))
    check((",".join(names) + "\n" + body).encode(), "h.csv", ImportOptions(**LIMITS))


def workbook(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(max_examples=max(EXAMPLES // 3, 1), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    width=st.integers(1, 120),
    lengths=st.lists(st.integers(0, 3000), min_size=1, max_size=4),
    cut=st.none() | st.integers(0, 50_000),
)
def test_xlsx_with_wide_rows_long_cells_and_damage(width, lengths, cut):
    rows = [["text"] + [f"c{i}" for i in range(1, width)]] + [
        ["y" * n] + ["v"] * (width - 1) for n in lengths
    ]
    data = workbook(rows)
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    check(data, "w.xlsx", ImportOptions(**LIMITS))


@FUZZ
@given(files=st.lists(st.data(), min_size=1, max_size=3))
def test_txt_folder_with_hostile_files(files):
    with tempfile.TemporaryDirectory() as folder:
        for i, data in enumerate(files):
            (Path(folder) / f"{i}.txt").write_bytes(data.draw(hostile_bytes("txt")))
        started = time.perf_counter()
        try:
            batch = read_file(Path(folder), ImportOptions(**LIMITS))
        except MedlabelError as exc:
            assert str(exc)
        else:
            assert all(len(doc.text) <= LIMITS["max_document_chars"] for doc in batch.documents)
        assert time.perf_counter() - started < SECONDS
