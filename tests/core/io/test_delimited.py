"""CSV/TSV reader: encodings, delimiters, quoting, column choice, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import delimited, read_file
from medlabel.core.io._common import choose_columns
from medlabel.core.records import ImportOptions, SpanRecord

GERMAN = "Größe ä ö ü €"


def write(tmp_path: Path, content: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def read(path: Path, **options) -> delimited.ImportBatch:
    return delimited.read(path, ImportOptions(**options))


# --- encodings ---------------------------------------------------------------------------------------


def test_utf8_is_read_without_a_note(tmp_path):
    batch = read(write(tmp_path, f"id,text\n1,{GERMAN} ² 😀\n"))
    assert batch.documents[0].text == f"{GERMAN} ² 😀"
    assert batch.notes == []


def test_utf8_bom_is_dropped_so_the_first_header_is_found(tmp_path):
    batch = read(write(tmp_path, b"\xef\xbb\xbfid,text\n7," + GERMAN.encode()))
    doc = batch.documents[0]
    assert (doc.external_id, doc.text) == ("7", GERMAN)
    assert batch.notes == []


REPORT = "Der Patient Müller klagt über Schmerzen in der Brust; Größe 180 cm; Kosten 20 €."
GUESS = (
    " and its encoding could not be told for sure: check letters such as ä, é or € in a few documents, "
    "and choose the encoding if they look wrong"
)


def test_cp1252_is_detected_and_noted(tmp_path):
    rows = "".join(f"{i},{REPORT}\n" for i in range(3))
    batch = read(write(tmp_path, f"id,text\n{rows}".encode("cp1252")))
    assert batch.documents[0].text == REPORT
    assert batch.notes == ["read as cp1252 because the file is not valid UTF-8"]


def test_a_few_cp1252_bytes_are_read_as_cp1252_and_called_a_guess(tmp_path):
    # Too few bytes for the detector (it would say Greek cp1253): the fallback, and the note says so.
    batch = read(write(tmp_path, f"id,text\n1,{GERMAN}\n".encode("cp1252")))
    assert batch.documents[0].text == GERMAN
    assert batch.notes == ["read as cp1252 because the file is not valid UTF-8" + GUESS]


def test_latin1_is_the_last_resort(tmp_path):
    # 0x81 is undefined in cp1252, so only latin-1 decodes this file.
    batch = read(write(tmp_path, "id,text\n1,Größe \x81\n".encode("latin-1")))
    assert batch.documents[0].text == "Größe \x81"
    assert batch.notes == ["read as latin-1 because the file is not valid UTF-8" + GUESS]


def test_encoding_option_overrides_detection(tmp_path):
    path = write(tmp_path, "id,text\n1,€uro\n".encode("cp1252"))
    assert read(path, encoding="latin-1").documents[0].text == "\x80uro"
    assert read(path, encoding="cp1252").documents[0].text == "€uro"


def test_encoding_option_that_does_not_fit_names_the_line(tmp_path):
    path = write(tmp_path, f"id,text\n1,ok\n2,{GERMAN}\n".encode("cp1252"))
    with pytest.raises(ImportFormatError) as err:
        read(path, encoding="utf-8")
    assert err.value.location == "line 3"
    assert "not valid utf-8" in err.value.problem


def test_big_file_decoded_in_chunks(tmp_path):
    # A 2-byte character straddling the 1 MiB chunk boundary is fine; a bad byte later is found by line.
    head = "id,text\n"
    filler = "x" * ((1 << 20) - len(head) - len("1,") - 1)
    body = f"{head}1,{filler}ü\n2,after\n"
    assert body.encode().index("ü".encode()) == (1 << 20) - 1
    path = write(tmp_path, body)
    batch = read(path)
    assert batch.notes == []
    assert batch.documents[0].text.endswith("ü")
    bad = write(tmp_path, body.encode() + b"3,ok\n4,\xff\n", "bad.csv")
    with pytest.raises(ImportFormatError) as err:
        read(bad, encoding="utf-8")
    assert err.value.location == "line 5"


def test_unknown_encoding_option(tmp_path):
    with pytest.raises(ImportFormatError, match="unknown encoding 'klingon'"):
        read(write(tmp_path, "id,text\n1,a\n"), encoding="klingon")
    with pytest.raises(ImportFormatError, match="unknown encoding 'hex'"):
        read(write(tmp_path, "id,text\n1,a\n"), encoding="hex")


# --- delimiters and quoting --------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, delimiter):
    # Texts full of the other candidates must not fool the sniffer.
    texts = ["EF 55 %, normal; no effusion | ok\tend", "a, b, c; d | e", "plain"]
    lines = [delimiter.join(["id", "text", "label"])]
    for i, text in enumerate(texts):
        quoted = f'"{text}"' if delimiter in text else text
        lines.append(delimiter.join([str(i), quoted, "A"]))
    batch = read(write(tmp_path, "\n".join(lines) + "\n"))
    assert [d.text for d in batch.documents] == texts
    assert [d.labels for d in batch.documents] == [{"label": "A"}] * 3


def test_single_column_file_with_commas_in_the_texts(tmp_path):
    batch = read(write(tmp_path, "text\nhello, world\nfoo, bar, baz\n"))
    assert [d.text for d in batch.documents] == ["hello, world", "foo, bar, baz"]


def test_delimiter_option_and_aliases(tmp_path):
    path = write(tmp_path, "id;text\n1;a,b\n")
    assert read(path, delimiter=";").documents[0].text == "a,b"
    assert read(write(tmp_path, "id\ttext\n1\ta\n"), delimiter="tab").documents[0].text == "a"
    with pytest.raises(ImportFormatError, match="delimiter"):
        read(path, delimiter=";;")


def test_tsv_by_suffix_and_by_format(tmp_path):
    content = "id\ttext\n1\tsemi; colon, comma\n"
    assert read(write(tmp_path, content, "a.tsv")).documents[0].text == "semi; colon, comma"
    assert read_file(write(tmp_path, content, "b.tab")).documents[0].text == "semi; colon, comma"
    assert read(write(tmp_path, content, "c.txt"), format="tsv").documents[0].text == "semi; colon, comma"


def test_quoted_multiline_texts_are_kept_exactly(tmp_path):
    text = '  Line one\r\nline "two", with comma\nline three\r  '
    body = text.replace('"', '""')
    content = f'id,text,ward\r\n1,"{body}",ICU\r\n2,"x\ny",\r\n'
    batch = read(write(tmp_path, content))
    assert batch.documents[0].text == text
    assert batch.documents[0].metadata == {"ward": "ICU"}
    assert batch.documents[1].text == "x\ny"
    assert [d.origin for d in batch.documents] == ["row 2", "row 3"]


def test_many_long_multiline_rows_sniff_correctly(tmp_path):
    text = ("Befund; EF 55 %, keine Auffälligkeiten.\n" * 60).strip()
    rows = "".join(f'{i};"{text}";B\n' for i in range(40))
    batch = read(write(tmp_path, "id;text;label\n" + rows))
    assert len(batch.documents) == 40
    assert all(d.text == text and d.labels == {"label": "B"} for d in batch.documents)


# --- columns ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["text", "Report", "REPORT_TEXT", "note", "Note_Text", "body", "content", "document"]
)
def test_text_column_names(tmp_path, name):
    batch = read(write(tmp_path, f"id,{name},other\n1,the text,x\n"))
    assert batch.documents[0].text == "the text"
    assert batch.documents[0].metadata == {"other": "x"}


def test_text_column_candidates_are_tried_in_order(tmp_path):
    batch = read(write(tmp_path, "note,text\nn,t\n"))
    assert batch.documents[0].text == "t"
    assert batch.documents[0].metadata == {"note": "n"}


@pytest.mark.parametrize("name", ["id", "DOC_ID", "document_id", "report_id", "Record_ID", "external_id"])
def test_id_column_names(tmp_path, name):
    batch = read(write(tmp_path, f"{name},text\n007,a\n12,b\n"))
    assert [d.external_id for d in batch.documents] == ["007", "12"]
    assert batch.documents[0].metadata == {}


def test_no_id_column_means_no_external_id(tmp_path):
    batch = read(write(tmp_path, "text,ward\na,ICU\n"))
    assert batch.documents[0].external_id is None


def test_id_and_text_column_options(tmp_path):
    batch = read(write(tmp_path, "Fall,Befund,id\nF1,the text,x\n"), text_column="befund", id_column="Fall")
    doc = batch.documents[0]
    assert (doc.external_id, doc.text, doc.metadata) == ("F1", "the text", {"id": "x"})


def test_empty_id_cell_is_none(tmp_path):
    assert read(write(tmp_path, "id,text\n,a\n")).documents[0].external_id is None


def test_label_columns_by_name_option_and_prefix(tmp_path):
    content = "id,text,label,label:smoking,Status,ward\n1,a,POS,CURRENT SMOKER,ok,ICU\n2,b,,, ,\n"
    batch = read(write(tmp_path, content), label_set="sentiment", label_columns={"status": "quality"})
    first, second = batch.documents
    assert first.labels == {"sentiment": "POS", "smoking": "CURRENT SMOKER", "quality": "ok"}
    assert first.metadata == {"ward": "ICU"}
    assert second.labels == {}
    assert second.metadata == {}


def test_label_column_option_for_a_missing_column_lists_columns(tmp_path):
    with pytest.raises(ImportFormatError) as err:
        read(write(tmp_path, "id,text\n1,a\n"), label_columns={"status": "s"})
    assert "'status'" in err.value.problem
    assert "'id', 'text'" in err.value.problem


def test_split_spans_and_metadata_columns(tmp_path):
    spans = '[{""start"": 0, ""end"": 2, ""type"": ""LV-EF"", ""value"": 55, ""unit"": ""%""}]'
    content = f'id,text,split,spans,ward,empty\n1,EF 55,train,"{spans}",ICU,\n2,b,,,,\n'
    first, second = read(write(tmp_path, content)).documents
    assert first.split == "train"
    assert first.spans == [SpanRecord(0, 2, "LV-EF", value=55.0, unit="%")]
    assert first.metadata == {"ward": "ICU"}
    assert (second.split, second.spans, second.metadata) == (None, [], {})


def test_meta_prefix_columns_become_plain_metadata_keys(tmp_path):
    batch = read(write(tmp_path, "id,text,meta:text,meta:label\n1,a,b,c\n"))
    assert batch.documents[0].metadata == {"text": "b", "label": "c"}
    assert batch.documents[0].labels == {}


def test_empty_text_cell_is_kept_for_the_validator(tmp_path):
    batch = read(write(tmp_path, "id,text,x\n1,,a\n2\n"))
    assert [d.text for d in batch.documents] == ["", ""]


def test_missing_text_column_lists_the_columns_and_the_option(tmp_path):
    with pytest.raises(ImportFormatError) as err:
        read(write(tmp_path, "id,Befund,Diagnose\n1,a,b\n"))
    problem = err.value.problem
    assert "no text column" in problem
    assert "'id', 'Befund', 'Diagnose'" in problem
    assert "--text-column" in problem


def test_the_only_other_column_is_the_text(tmp_path):
    batch = read(write(tmp_path, "id,Befund,label\n1,a,X\n"))
    assert batch.documents[0].text == "a"
    assert batch.documents[0].labels == {"label": "X"}
    assert any("'Befund'" in note for note in batch.notes)


def test_unknown_text_column_option(tmp_path):
    with pytest.raises(ImportFormatError, match=r"--text-column 'body'.*'id', 'text'"):
        read(write(tmp_path, "id,text\n1,a\n"), text_column="body")


def test_choose_columns_plan():
    plan = choose_columns(["ID", "Text", "label:x", "Split", "spans", "w"], ImportOptions(), "f.csv")
    assert (plan.text, plan.id, plan.split, plan.spans) == ("Text", "ID", "Split", "spans")
    assert plan.labels == {"label:x": "x"}
    assert plan.metadata == {"w": "w"}


# --- malformed files ---------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    with pytest.raises(ImportFormatError, match="empty"):
        read(write(tmp_path, ""))


def test_blank_lines_only(tmp_path):
    with pytest.raises(ImportFormatError, match="empty"):
        read(write(tmp_path, "\n\n\n"))


def test_header_without_rows(tmp_path):
    with pytest.raises(ImportFormatError, match="no data rows"):
        read(write(tmp_path, "id,text\n"))


def test_row_with_too_many_fields_names_the_row(tmp_path):
    with pytest.raises(ImportFormatError) as err:
        read(write(tmp_path, 'id,text\n1,"a\nb"\n2,b\n3,c,d\n'), delimiter=",")
    assert err.value.location == "row 4"
    assert "Expected 2 fields" in err.value.problem


def test_unclosed_quote_names_the_row(tmp_path):
    with pytest.raises(ImportFormatError) as err:
        read(write(tmp_path, 'id,text\n1,a\n2,"never closed\n3,c\n'), delimiter=",")
    assert err.value.location == "row 3"
    assert "never closed" in err.value.problem


def test_every_row_one_field_too_many(tmp_path):
    with pytest.raises(ImportFormatError, match="one field more than the header"):
        read(write(tmp_path, "id,text\n1,a,x\n2,b,y\n"), delimiter=",")


def test_bad_spans_json_names_the_row(tmp_path):
    with pytest.raises(ImportFormatError) as err:
        read(write(tmp_path, 'id,text,spans\n1,a,[]\n2,b,"[{""start"": 0,"\n'))
    assert err.value.location == "row 3"
    assert "spans: not valid JSON" in err.value.problem


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('{""start"": 0}', "spans must be a list"),
        ("[1]", "a span must be an object"),
        ('[{""start"": ""0"", ""end"": 1, ""type"": ""X""}]', "'start' must be an integer"),
        ('[{""start"": 0.5, ""end"": 1, ""type"": ""X""}]', "'start' must be an integer"),
        ('[{""start"": 0, ""end"": 1, ""type"": 3}]', "'type' must be a string"),
        ('[{""start"": 0, ""end"": 1}]', "no 'type'"),
        (
            '[{""start"": 0, ""end"": 1, ""type"": ""X"", ""value"": ""5""}]',
            "'value' must be a finite number",
        ),
    ],
)
def test_bad_spans_values(tmp_path, cell, message):
    with pytest.raises(ImportFormatError, match=message) as err:
        read(write(tmp_path, f'id,text,spans\n1,abc,"{cell}"\n'))
    assert err.value.location.startswith("row 2")


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(ImportFormatError, match="not a file"):
        read(tmp_path)


def test_explicit_columns_take_no_id_or_label_from_names_alone(tmp_path):
    path = write(tmp_path, "id,text,label\nA-1,first,x\nA-2,second,y\n")
    auto = read(path)
    assert [d.external_id for d in auto.documents] == ["A-1", "A-2"] and auto.documents[0].labels
    mapped = read(path, text_column="text", explicit_columns=True)
    assert [d.external_id for d in mapped.documents] != ["A-1", "A-2"]  # numbered, as the user chose
    assert not any(d.labels for d in mapped.documents)
    assert mapped.documents[0].metadata == {"id": "A-1", "label": "x"}  # kept, not lost
