"""Byte-order marks, detected and mixed encodings, and binary files, through every text reader."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import delimited, read_file
from medlabel.core.io._common import decode_bytes, detect_encoding
from medlabel.core.records import ImportOptions

TEXT = "Müller hat Fieber, Größe 180 cm 😀"
# (mark, codec that writes the text after it, name in the note)
BOMS = [
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
]
BOM_IDS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def marked(mark: bytes, codec: str, text: str) -> bytes:
    return mark + text.encode(codec)


# --- byte-order marks --------------------------------------------------------------------------------


def test_utf16_one_column_csv_is_not_nul_interleaved_garbage(tmp_path):
    # The reproducer: read as cp1252, every document held NULs and one was just "\x00".
    data = marked(codecs.BOM_UTF16_LE, "utf-16-le", "text\nMüller hat Fieber\nzweiter Bericht\n")
    batch = read_file(write(tmp_path, "one.csv", data))
    assert [d.text for d in batch.documents] == ["Müller hat Fieber", "zweiter Bericht"]
    assert batch.notes == ["read as UTF-16 as the byte-order mark at its start says"]


@pytest.mark.parametrize(("mark", "codec", "label"), BOMS, ids=BOM_IDS)
def test_every_bom_is_honoured_in_a_csv(tmp_path, mark, codec, label):
    data = marked(mark, codec, f'id,text\n1,"{TEXT}"\n2,zweiter\n')
    batch = read_file(write(tmp_path, "in.csv", data))
    assert [(d.external_id, d.text) for d in batch.documents] == [("1", TEXT), ("2", "zweiter")]
    assert batch.notes == ([f"read as {label} as the byte-order mark at its start says"] if label else [])


@pytest.mark.parametrize(("mark", "codec", "label"), BOMS, ids=BOM_IDS)
def test_every_bom_is_honoured_in_a_txt_file(tmp_path, mark, codec, label):
    write(tmp_path, "a.txt", marked(mark, codec, TEXT + "\n"))
    batch = read_file(tmp_path)
    assert batch.documents[0].text == TEXT + "\n"
    assert batch.notes == (
        [f"a.txt read as {label} as the byte-order mark at its start says"] if label else []
    )


@pytest.mark.parametrize(("mark", "codec", "label"), BOMS, ids=BOM_IDS)
def test_every_bom_is_honoured_in_jsonl_and_label_studio(tmp_path, mark, codec, label):
    line = json.dumps({"id": "1", "text": TEXT}, ensure_ascii=False)
    assert read_file(write(tmp_path, "a.jsonl", marked(mark, codec, line + "\n"))).documents[0].text == TEXT
    tasks = json.dumps([{"id": 1, "data": {"text": TEXT}}], ensure_ascii=False)
    assert read_file(write(tmp_path, "a.json", marked(mark, codec, tasks))).documents[0].text == TEXT


@pytest.mark.parametrize(("mark", "codec", "label"), BOMS[1:], ids=BOM_IDS[1:])
def test_every_bom_is_honoured_in_i2b2_xml(tmp_path, mark, codec, label):
    xml = f'<?xml version="1.0"?><ROOT><RECORD ID="1"><TEXT>{TEXT}</TEXT></RECORD></ROOT>'
    batch = read_file(write(tmp_path, "a.xml", marked(mark, codec, xml)))
    assert batch.documents[0].text == TEXT


def test_i2b2_declared_multi_byte_encoding_is_decoded_for_expat(tmp_path):
    # expat itself knows only UTF-8, UTF-16 and latin-1, and refused this declaration before.
    xml = '<?xml version="1.0" encoding="shift_jis"?>'
    xml += '<ROOT><RECORD ID="1"><TEXT>喫煙歴20年</TEXT></RECORD></ROOT>'
    assert read_file(write(tmp_path, "a.xml", xml.encode("shift_jis"))).documents[0].text == "喫煙歴20年"


def test_utf32_le_mark_is_not_taken_for_utf16_le(tmp_path):
    # FF FE 00 00 starts both UTF-32 LE's mark and UTF-16 LE's mark followed by a NUL.
    data = marked(codecs.BOM_UTF32_LE, "utf-32-le", "id,text\n1,a\n")
    assert detect_encoding(write(tmp_path, "a.csv", data)) == "utf-32"


def test_utf16_without_a_mark_is_recognised(tmp_path):
    data = "id,text\n1,Müller hat Fieber\n2,zweiter Bericht\n".encode("utf-16-le")
    batch = read_file(write(tmp_path, "a.csv", data))
    assert [d.text for d in batch.documents] == ["Müller hat Fieber", "zweiter Bericht"]
    assert batch.notes == ["read as utf-16-le: the file has no byte-order mark, but reads as that"]


def test_utf16_jsonl_without_a_mark_is_recognised_as_json_allows(tmp_path):
    lines = "".join(json.dumps({"id": str(i), "text": f"Bericht {i}"}) + "\n" for i in range(3))
    batch = read_file(write(tmp_path, "a.jsonl", lines.encode("utf-16-be")))
    assert [d.text for d in batch.documents] == ["Bericht 0", "Bericht 1", "Bericht 2"]


def test_big_utf16_file_is_read_by_pandas_in_its_encoding(tmp_path):
    rows = "".join(f'{i},"{TEXT} {i}\nzweite Zeile"\n' for i in range(20_000))
    path = write(tmp_path, "big.csv", marked(codecs.BOM_UTF16_BE, "utf-16-be", "id,text\n" + rows))
    docs = read_file(path).documents
    assert len(docs) == 20_000
    assert docs[-1].text == f"{TEXT} 19999\nzweite Zeile"


def test_a_mark_that_the_rest_does_not_match_names_the_line(tmp_path):
    # A lone high surrogate on line 3 of a UTF-16 file: the line is counted in characters, not bytes.
    data = (
        codecs.BOM_UTF16_LE + "id,text\n1,a\n2,".encode("utf-16-le") + b"\x00\xd8" + "x\n".encode("utf-16-le")
    )
    with pytest.raises(
        ImportFormatError, match="starts with a UTF-16 byte-order mark but is not valid"
    ) as err:
        read_file(write(tmp_path, "a.csv", data))
    assert err.value.location == "line 3"


def test_chosen_encoding_that_contradicts_the_mark_is_refused(tmp_path):
    path = write(tmp_path, "a.csv", marked(codecs.BOM_UTF16_LE, "utf-16-le", "id,text\n1,a\n"))
    with pytest.raises(ImportFormatError, match="UTF-16 byte-order mark, so it is UTF-16, not cp1252"):
        read_file(path, ImportOptions(encoding="cp1252"))
    assert read_file(path, ImportOptions(encoding="utf-16")).documents[0].text == "a"


# --- detection ---------------------------------------------------------------------------------------

RUSSIAN = "Пациент жалуется на боль в груди, температура высокая, плохо себя чувствует со вчерашнего дня."


def test_a_cyrillic_code_page_is_detected_not_read_as_cp1252(tmp_path):
    rows = "".join(f'{i},"{RUSSIAN}"\n' for i in range(3))
    batch = read_file(write(tmp_path, "ru.csv", f"id,text\n{rows}".encode("cp1251")))
    assert batch.documents[0].text == RUSSIAN
    assert batch.notes == ["read as cp1251 because the file is not valid UTF-8"]


@pytest.mark.parametrize(
    "text",
    [
        "Le patient présente une fièvre élevée à l'hôpital, traité par paracétamol; évolution favorable.",
        "El paciente presenta dolor torácico y fiebre; fracción de eyección del 55 %, niño de 5 años.",
        "Der Patient Müller klagt über Schmerzen in der Brust; Größe 180 cm, Kosten 20 €. Übelkeit.",
    ],
)
def test_western_cp1252_is_not_mistaken_for_a_similar_code_page(tmp_path, text):
    # charset-normalizer alone reads these as cp1250 ("à" becomes "ŕ") or mac_latin2.
    rows = "".join(f'{i},"{text}"\n' for i in range(4))
    batch = read_file(write(tmp_path, "w.csv", f"id,text\n{rows}".encode("cp1252")))
    assert [d.text for d in batch.documents] == [text] * 4
    assert batch.notes == ["read as cp1252 because the file is not valid UTF-8"]


def test_detection_looks_past_the_start_of_a_big_file(tmp_path):
    # 2 MB of ASCII, then Cyrillic: a sample of the start alone would see nothing to detect.
    ascii_rows = "".join(f"{i},plain ascii report number {i}\n" for i in range(60_000))
    data = f"id,text\n{ascii_rows}".encode() + f'x,"{RUSSIAN}"\n'.encode("cp1251")
    batch = read_file(write(tmp_path, "late.csv", data))
    assert batch.documents[-1].text == RUSSIAN


def test_decode_bytes_keeps_its_contract(tmp_path):
    assert decode_bytes("Größe".encode()) == ("Größe", "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + b"a") == ("a", "utf-8-sig")
    assert decode_bytes(marked(codecs.BOM_UTF16_BE, "utf-16-be", "ä")) == ("ä", "utf-16")
    assert decode_bytes(b"\x80", "cp1252") == ("€", "cp1252")


# --- mixed encodings ---------------------------------------------------------------------------------


def mixed_csv() -> bytes:
    # The reproducer: "Müller" in UTF-8 in row 2 and in cp1252 in row 5.
    rows = ["id,text", "1,Müller", "2,ok", "3,ok", "4,Müller", "5,Straße", "6,ok"]
    codec = {4: "cp1252", 5: "cp1252"}
    return b"".join((row + "\n").encode(codec.get(i, "utf-8")) for i, row in enumerate(rows))


def test_mixed_file_is_decoded_line_by_line_and_the_lines_are_named(tmp_path):
    batch = read_file(write(tmp_path, "mixed.csv", mixed_csv()))
    assert [d.text for d in batch.documents] == ["Müller", "ok", "ok", "Müller", "Straße", "ok"]
    assert batch.notes == [
        "the file mixes two encodings: lines 5, 6 are not valid UTF-8 and were read as cp1252, all other "
        "lines as UTF-8, so that each line keeps its letters; check the special characters (ä, é, €) there"
    ]


def test_mixed_note_counts_the_lines_it_does_not_list(tmp_path):
    rows = "".join(f"{i},Größe\n" for i in range(8))
    data = "id,text\n0,Müller\n".encode() + rows.encode("cp1252")
    note = read_file(write(tmp_path, "m.csv", data)).notes[0]
    assert "lines 3, 4, 5, 6, 7 and 3 more are not valid UTF-8" in note


def test_big_mixed_file_is_streamed_across_blocks_with_multi_line_cells(tmp_path):
    # Over 1 MiB, so the line-by-line decoding hands pandas several blocks; cells span lines.
    rows, expected = [], []
    for i in range(30_000):
        text = f"Bericht {i}: Größe\nzweite Zeile"
        rows.append(f'{i},"{text}"\n'.encode("cp1252" if i % 7 == 3 else "utf-8"))
        expected.append(text)
    path = write(tmp_path, "big.csv", b"id,text\n" + b"".join(rows))
    assert path.stat().st_size > 1 << 20
    batch = read_file(path)
    assert [d.text for d in batch.documents] == expected
    assert "lines 8, 22, 36, 50, 64 and 4281 more are not valid UTF-8" in batch.notes[0]
    assert delimited.preview(path, ImportOptions(), 3) == (
        ["id", "text"],
        [["0", expected[0]], ["1", expected[1]], ["2", expected[2]]],
    )


def test_utf8_mark_over_cp1252_lines_is_a_mixed_file(tmp_path):
    data = codecs.BOM_UTF8 + "id,text\n1,Größe\n".encode("cp1252")
    batch = read_file(write(tmp_path, "b.csv", data))
    assert [(d.external_id, d.text) for d in batch.documents] == [("1", "Größe")]
    assert "line 2 is not valid UTF-8 and was read as cp1252" in batch.notes[0]


def test_mixed_txt_file_and_jsonl(tmp_path):
    folder = tmp_path / "txt"
    folder.mkdir()
    write(folder, "a.txt", "Müller\n".encode() + "Müller\n".encode("cp1252"))
    batch = read_file(folder)
    assert batch.documents[0].text == "Müller\nMüller\n"
    assert batch.notes[0].startswith("a.txt mixes two encodings: line 2 is not valid UTF-8")
    # JSON is UTF-8 by standard: a mixed JSONL file is refused at its first bad line, not guessed.
    data = '{"text": "Müller"}\n'.encode() + '{"text": "Müller"}\n'.encode("cp1252")
    with pytest.raises(ImportFormatError, match="not valid utf-8") as err:
        read_file(write(tmp_path, "m.jsonl", data))
    assert err.value.location == "line 2"


# --- binary files ------------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
RANDOM = random.Random(0).randbytes(4000)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("reports/a.txt", "hello")
    return buffer.getvalue()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["id", "text"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BINARIES = {
    "png": (PNG + RANDOM[:200], "a PNG image"),
    "random": (RANDOM, "NUL bytes"),
    "gzip": (gzip.compress(b"id,text\n1,a\n" * 50), "a gzip archive"),
    "zip": (_zip(), "a ZIP archive"),
    "pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a PDF document"),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "an old Office file"),
    "controls": (bytes(range(1, 9)) * 20 + b"\xff" * 20, "many control bytes"),
}


@pytest.mark.parametrize("kind", list(BINARIES))
@pytest.mark.parametrize("name", ["r.csv", "r.tsv", "r.txt", "r.jsonl", "r.json", "r.xml"])
def test_binary_file_is_refused_with_one_sentence(tmp_path, kind, name):
    data, what = BINARIES[kind]
    with pytest.raises(ImportFormatError) as err:
        read_file(write(tmp_path, name, data))
    message = str(err.value)
    assert "is not a text file" in message or ": not a text file (it looks like binary data" in message
    assert what in message
    assert message.endswith("export the reports as CSV, XLSX, JSONL or plain text and import that file")


def test_binary_file_in_a_txt_folder_and_a_brat_folder_is_named(tmp_path):
    write(tmp_path, "good.txt", b"a report")
    write(tmp_path, "photo.txt", PNG)
    with pytest.raises(ImportFormatError, match="a PNG image") as err:
        read_file(tmp_path)
    assert err.value.path.endswith("photo.txt")
    write(tmp_path, "photo.ann", b"")
    with pytest.raises(ImportFormatError, match="a PNG image"):
        read_file(tmp_path, ImportOptions(format="brat"))


def test_workbook_with_the_wrong_ending_is_named_as_such(tmp_path):
    with pytest.raises(
        ImportFormatError, match=r"it is an Excel workbook \(\.xlsx\) with the wrong file ending"
    ):
        read_file(write(tmp_path, "sheet.csv", _xlsx()))


def test_even_a_chosen_encoding_does_not_read_binary_data(tmp_path):
    # latin-1 decodes any bytes at all, so the check must not depend on decoding failing.
    with pytest.raises(ImportFormatError, match="a gzip archive"):
        read_file(write(tmp_path, "a.csv", BINARIES["gzip"][0]), ImportOptions(encoding="latin-1"))


@pytest.mark.parametrize(("mark", "codec", "label"), BOMS[1:], ids=BOM_IDS[1:])
def test_legitimate_utf16_and_utf32_files_are_not_taken_for_binary(tmp_path, mark, codec, label):
    # Every second (or three in four) byte of such a file is NUL.
    long_text = " ".join(["Befund unauffällig, keine Auffälligkeiten."] * 2000)
    path = write(tmp_path, "long.txt", marked(mark, codec, long_text))
    assert read_file(path).documents[0].text == long_text


def test_control_characters_in_valid_utf8_are_text(tmp_path):
    # Our own CSV export writes whatever characters a document holds; it must read back.
    text = "a\x00b\x01c\x1b[0m" * 10
    path = write(tmp_path, "ctl.csv", f'id,text\n1,"{text}"\n'.encode())
    assert read_file(path).documents[0].text == text


def test_xlsx_that_is_not_a_zip_gets_a_sentence(tmp_path):
    with pytest.raises(ImportFormatError, match=r"old Excel \.xls workbook .* save it as 'Excel Workbook"):
        read_file(write(tmp_path, "old.xlsx", BINARIES["xls"][0]))
    with pytest.raises(
        ImportFormatError,
        match=r"not an Excel workbook \(an \.xlsx file is a zip archive; this file is a PNG image\)",
    ):
        read_file(write(tmp_path, "png.xlsx", PNG))
    with pytest.raises(ImportFormatError, match=r"name it \.csv"):
        read_file(write(tmp_path, "text.xlsx", b"id,text\n1,a\n"))
    with pytest.raises(ImportFormatError, match="zip archive is damaged or cut short"):
        read_file(write(tmp_path, "cut.xlsx", _xlsx()[:300]))
