from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from medlabel.core.errors import MedlabelError
from medlabel.core.io import conll_export, write_file
from medlabel.core.records import ExportDocument, ExportSchema, SpanRecord


def _doc(doc_id: int, external_id: str, text: str, spans: list[SpanRecord]) -> ExportDocument:
    return ExportDocument(doc_id, external_id, text, {}, None, {}, spans)


DOCS = [
    _doc(
        1,
        "r1",
        "LV-EF 55 %, metoprolol 5.5 mg.\nNo smoking.",
        [
            SpanRecord(0, 10, "LVEF", value=55.0, unit="%"),
            SpanRecord(12, 22, "DRUG"),
            SpanRecord(23, 29, "DOSE"),
        ],
    ),
    _doc(
        2,
        "doc 2",
        "a bb ccc dd ee ff gg",
        [
            SpanRecord(0, 1, "W"),  # same start as V but shorter: V wins, W is left out
            SpanRecord(0, 4, "V"),
            SpanRecord(5, 11, "Big X"),
            SpanRecord(9, 14, "Y"),  # shares "dd" with the earlier Big X: left out entirely
            SpanRecord(12, 14, "Z"),
            SpanRecord(15, 17, "P"),  # two adjacent spans of one type: each starts with B-
            SpanRecord(18, 20, "P"),
        ],
    ),
    _doc(3, "empty", "", []),
]

EXPECTED = (
    "-DOCSTART- r1\n"
    "\n"
    "LV\tB-LVEF\n"
    "-\tI-LVEF\n"
    "EF\tI-LVEF\n"
    "55\tI-LVEF\n"
    "%\tI-LVEF\n"
    ",\tO\n"
    "metoprolol\tB-DRUG\n"
    "5.5\tB-DOSE\n"
    "mg\tI-DOSE\n"
    ".\tO\n"
    "\n"
    "No\tO\n"
    "smoking\tO\n"
    ".\tO\n"
    "\n"
    "-DOCSTART- doc_2\n"
    "\n"
    "a\tB-V\n"
    "bb\tI-V\n"
    "ccc\tB-Big_X\n"
    "dd\tI-Big_X\n"
    "ee\tB-Z\n"
    "ff\tB-P\n"
    "gg\tB-P\n"
    "\n"
    "-DOCSTART- empty\n"
    "\n"
)


def test_exact_output(tmp_path: Path) -> None:
    path = tmp_path / "out.conll"
    assert write_file("conll", DOCS, path, ExportSchema()) == 3
    assert path.read_bytes().decode("utf-8") == EXPECTED


def test_tokens_keep_offsets_and_numbers() -> None:
    text = "EF 60,5% 3rd x_y"
    assert [text[a:b] for a, b in conll_export.tokenize(text)] == ["EF", "60,5", "%", "3rd", "x_y"]


def test_partial_token_overlap_tags_the_whole_token() -> None:
    tokens = conll_export.tokenize("metoprolol-induced")
    assert conll_export.bio_tags(tokens, [SpanRecord(0, 5, "DRUG")]) == ["B-DRUG", "O", "O"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.conll"
    path.write_text("old", encoding="utf-8")

    def broken() -> Iterator[ExportDocument]:
        yield DOCS[0]
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        conll_export.write(broken(), path, ExportSchema())
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.conll"]


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(MedlabelError):
        conll_export.write(DOCS, tmp_path / "nope" / "out.conll", ExportSchema())
