from __future__ import annotations

from pathlib import Path

import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import brat, read_file
from medlabel.core.records import ImportBatch, ImportOptions, SpanRecord

TEXT_A = "Echo: LV-EF 55 %.\nGabe von Metoprolol 50 mg, Grüße.\n"
ANN_A = (
    "T1\tLVEF 6 11\tLV-EF\n"
    "T2\tDrug 27 37\tMetoprolol\n"
    "T3\tDose 38 40;41 43\t50 mg\n"  # discontinuous: two fragments
    "N1\tReference T2 ATC:C07AB02\tMetoprolol\n"
    "#1\tAnnotatorNotes T1\tvalue: 55 %\n"
    "#2\tAnnotatorNotes T2\tcheck dose\n"
    "#3\tAnnotatorNotes T3\tvalue: 0,05 g\n"
    "A1\tNegated T2\n"
    "R1\tHas_dose Arg1:T2 Arg2:T3\n"
    "E1\tGive:T2\n"
    "*\tEquiv T1 T2\n"
)
TEXT_B = "Nichtraucher 😀, EF 60%\r\n"
ANN_B = "T1\tLVEF 16 18\tEF\r\n#1\tAnnotatorNotes T1\tValue = 60%\r\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT_A, encoding="utf-8", newline="")
    (folder / "a.ann").write_text(ANN_A, encoding="utf-8", newline="")
    (folder / "b.txt").write_bytes(TEXT_B.encode("utf-8"))
    (folder / "b.ann").write_bytes(ANN_B.encode("utf-8"))
    (folder / "c.txt").write_text("no annotations", encoding="utf-8")
    (folder / "annotation.conf").write_text(
        "[entities]\n# comment\nLVEF\nDrug\n!Group\n\tDose\nSymptom\n"
        "[relations]\nHas_dose Arg1:Drug, Arg2:Dose\n",
        encoding="utf-8",
    )
    return folder


def test_reads_a_folder_of_pairs(tmp_path: Path) -> None:
    batch = brat.read(_folder(tmp_path), ImportOptions())
    a, b, c = batch.documents
    assert [d.external_id for d in batch.documents] == ["a", "b", "c"]
    assert [d.origin for d in batch.documents] == ["file a.ann", "file b.ann", "file c.txt"]
    assert a.text == TEXT_A
    assert a.spans == [
        SpanRecord(6, 11, "LVEF", value=55.0, unit="%"),
        SpanRecord(27, 37, "Drug", code="C07AB02"),
        SpanRecord(38, 40, "Dose", value=0.05, unit="g"),
        SpanRecord(41, 43, "Dose", value=0.05, unit="g"),
    ]
    assert [a.text[s.start : s.end] for s in a.spans] == ["LV-EF", "Metoprolol", "50", "mg"]
    # Code-point offsets after an emoji, and the \r\n kept in the text.
    assert b.text == TEXT_B
    assert b.spans == [SpanRecord(16, 18, "LVEF", value=60.0, unit="%")]
    assert c.spans == []
    assert [e.name for e in batch.entity_types] == ["LVEF", "Drug", "Dose", "Symptom"]
    notes = " | ".join(batch.notes)
    assert "1 discontinuous annotations were read as 2 separate spans" in notes
    assert "attribute lines: 1" in notes and "relation lines: 1" in notes
    assert "event lines: 1" in notes and "equivalence lines: 1" in notes
    assert "1 annotator notes that are not 'value: <number> <unit>'" in notes


def test_detected_as_brat_and_single_ann_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    assert len(read_file(folder).documents) == 3
    batch = brat.read(folder / "b.ann", ImportOptions())
    assert [d.external_id for d in batch.documents] == ["b"]


def test_ann_without_txt(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "d.ann").write_text("T1\tX 0 1\ta\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"d\.ann has no d\.txt"):
        brat.read(folder, ImportOptions())
    with pytest.raises(ImportFormatError, match=r"has no d\.txt"):
        brat.read(folder / "d.ann", ImportOptions())


def _read_ann(tmp_path: Path, ann: str, text: str = "0123456789 hello world") -> ImportBatch:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    (tmp_path / "x.ann").write_text(ann, encoding="utf-8")
    return brat.read(tmp_path / "x.ann", ImportOptions())


@pytest.mark.parametrize(
    ("ann", "problem", "location"),
    [
        ("T1\tX 0 1\t0\n\nT2\tX 0\t0\n", "expected 'T<n><TAB>TYPE START END<TAB>TEXT'", "line 3"),
        ("T1 X 0 1 0\n", "expected 'T<n>", "line 1"),
        ("T1\tX 0 a\t0\n", "offsets must be whole numbers, found 'a'", "line 1"),
        ("T1\tX 0 1.5\t0\n", "offsets must be whole numbers", "line 1"),
        ("T1\tX 0 1\t0\nT1\tX 0 1\t0\n", "T1 is defined twice", "line 2"),
        ("T1\tX 0 5\tworld\n", "were the offsets counted in bytes", "line 1"),
        ("N1\tReference T9 DB:1\tx\n", "refers to T9, which is not defined", "line 1"),
        ("N1\tReference T1\tx\nT1\tX 0 1\t0\n", "expected 'N<n>", "line 1"),
        ("#1\tAnnotatorNotes\tx\n", "expected '#<n>", "line 1"),
        ("hello\n", "brat lines start with", "line 1"),
    ],
)
def test_malformed_ann_names_the_line(tmp_path: Path, ann: str, problem: str, location: str) -> None:
    with pytest.raises(ImportFormatError, match=problem) as info:
        _read_ann(tmp_path, ann)
    assert info.value.location == location
    assert info.value.path.endswith("x.ann")


def test_txt_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "x.ann").write_text("", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not valid utf-8") as info:
        brat.read(tmp_path, ImportOptions())
    assert info.value.path.endswith("x.txt")
    batch = brat.read(tmp_path, ImportOptions(encoding="cp1252"))
    assert batch.documents[0].text == "café\n"


def test_normalisation_and_notes_before_their_entity_and_text_field_optional(tmp_path: Path) -> None:
    ann = "#1\tAnnotatorNotes T1\tvalue: -1.5e3 mmHg\nN1\tReference T1 UMLS:C0005823\tBP\nT1\tBP 11 16\n"
    span = _read_ann(tmp_path, ann).documents[0].spans[0]
    assert span == SpanRecord(11, 16, "BP", value=-1500.0, unit="mmHg", code="C0005823")


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="no brat"):
        brat.read(tmp_path, ImportOptions())
