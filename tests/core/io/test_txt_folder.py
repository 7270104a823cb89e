"""Plain-text folder reader: one document per .txt file."""

from __future__ import annotations

import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import read_file, txt_folder
from medlabel.core.records import ImportOptions


def read(path, **options):
    return txt_folder.read(path, ImportOptions(**options))


def test_folder_sorted_non_recursive_only_txt(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"second\r\n  kept exactly  \n")
    (tmp_path / "a.TXT").write_bytes("Größe ² 😀".encode())
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("ignored too")
    batch = read(tmp_path)
    assert [(d.external_id, d.text) for d in batch.documents] == [
        ("a", "Größe ² 😀"),
        ("b", "second\r\n  kept exactly  \n"),
    ]
    assert [d.metadata for d in batch.documents] == [{"filename": "a.TXT"}, {"filename": "b.txt"}]
    assert [d.origin for d in batch.documents] == ["file a.TXT", "file b.txt"]
    assert batch.notes == []


def test_single_file(tmp_path):
    path = tmp_path / "report 7.txt"
    path.write_text("hello")
    batch = read_file(path)
    assert [(d.external_id, d.text) for d in batch.documents] == [("report 7", "hello")]


def test_bom_is_dropped_and_empty_files_are_kept(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfhallo")
    (tmp_path / "b.txt").write_bytes(b"")
    assert [d.text for d in read(tmp_path).documents] == ["hallo", ""]


def test_one_non_utf8_file_is_named(tmp_path):
    (tmp_path / "a.txt").write_text("ok")
    (tmp_path / "b.txt").write_bytes("Größe ä ö ü €".encode("cp1252"))
    batch = read(tmp_path)
    assert batch.documents[1].text == "Größe ä ö ü €"
    assert batch.notes == [
        "b.txt read as cp1252 because it is not valid UTF-8; its encoding could not be told for sure: "
        "check letters such as ä, é or € and choose the encoding if they look wrong"
    ]


def test_many_non_utf8_files_get_one_note_with_a_count(tmp_path):
    for i in range(5):
        (tmp_path / f"f{i}.txt").write_bytes("Größe".encode("cp1252"))
    (tmp_path / "x.txt").write_bytes(b"\x81latin")
    batch = read(tmp_path)
    unsure = (
        "could not be told for sure: check letters such as ä, é or € "
        "and choose the encoding if they look wrong"
    )
    assert batch.notes == [
        "5 files read as cp1252 because they are not valid UTF-8 (f0.txt, f1.txt, f2.txt, ...); "
        f"their encoding {unsure}",
        f"x.txt read as latin-1 because it is not valid UTF-8; its encoding {unsure}",
    ]
    assert batch.documents[-1].text == "\x81latin"


def test_encoding_option(tmp_path):
    (tmp_path / "a.txt").write_bytes("€".encode("cp1252"))
    assert read(tmp_path, encoding="latin-1").documents[0].text == "\x80"
    with pytest.raises(ImportFormatError) as err:
        read(tmp_path, encoding="utf-8")
    assert err.value.location == "line 1"
    assert err.value.path.endswith("a.txt")


def test_empty_folder(tmp_path):
    (tmp_path / "x.csv").write_text("id,text\n")
    with pytest.raises(ImportFormatError, match=r"no \.txt files"):
        read(tmp_path)


def test_missing_path(tmp_path):
    with pytest.raises(ImportFormatError):
        read(tmp_path / "nope")
