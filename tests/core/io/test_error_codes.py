"""The readers' refusals carry a stable code and the values they name, beside the English message the
command line prints; the column helper the app shares with the readers is public."""

from __future__ import annotations

import pickle

import pytest

import medlabel.core.io as io
from medlabel.core.errors import DamagedProjectError, ImportFormatError, MedlabelError
from medlabel.core.io import _common, read_file
from medlabel.core.records import ImportOptions

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def refusal(path, **options) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as failed:
        read_file(path, ImportOptions(**options))
    return failed.value


def test_a_binary_file_is_import_not_text_with_what_it_looks_like(tmp_path):
    source = tmp_path / "scan.csv"
    source.write_bytes(PNG)
    error = refusal(source)
    assert error.code == "import.not_text"
    assert error.params["kind"] == "a PNG image" and error.params["path"] == str(source)
    assert str(error).startswith(f"{source}: not a text file (it looks like binary data: a PNG image)")


def test_limits_name_the_place_the_value_the_limit_and_the_setting(tmp_path):
    source = tmp_path / "wide.csv"
    source.write_text("a,b,c,d\n1,2,3,4\n", encoding="utf-8")
    error = refusal(source, max_columns=3)
    assert error.code == "import.too_many_columns"
    assert {k: error.params[k] for k in ("location", "count", "limit", "setting")} == {
        "location": "row 1",
        "count": 4,
        "limit": 3,
        "setting": "max_columns",
    }
    assert "--max-columns" in str(error)  # the command line's advice stays in its message


def test_a_wrong_encoding_names_the_line_and_the_encoding(tmp_path):
    source = tmp_path / "latin.csv"
    source.write_bytes("id,text\n1,ok\n2,Größe\n".encode("cp1252"))
    error = refusal(source, encoding="utf-8")
    assert (error.code, error.params["encoding"], error.params["line"]) == (
        "import.wrong_encoding",
        "utf-8",
        3,
    )
    assert error.location == "line 3"


def test_a_missing_text_column_lists_the_columns(tmp_path):
    source = tmp_path / "labels.csv"
    source.write_text("id,label,score,ward\n1,yes,2,B\n", encoding="utf-8")
    error = refusal(source)
    assert error.code == "import.no_text_column"
    assert error.params["columns"] == "'id', 'label', 'score', 'ward'"
    named = refusal(source, text_column="report")
    assert (named.code, named.params["column"], named.params["role"]) == (
        "import.no_such_column",
        "report",
        "text",
    )


def test_other_reader_findings_are_import_unreadable_with_the_problem(tmp_path):
    source = tmp_path / "bad.jsonl"
    source.write_text('{"text": "ok"}\n{"text": broken\n', encoding="utf-8")
    error = refusal(source)
    assert error.code == "import.unreadable"
    assert error.params["location"] == "line 2" and error.params["problem"].startswith("not valid JSON")


def test_a_missing_file_and_an_empty_file(tmp_path):
    assert refusal(tmp_path / "gone.csv").code == "import.missing"
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert refusal(empty).code == "import.empty_file"


def test_choose_columns_is_public_and_the_same_helper_the_readers_use():
    assert io.choose_columns is _common.choose_columns and "choose_columns" in io.__all__
    plan = io.choose_columns(["ID", "Befund", "label"], ImportOptions(), "f.csv")
    assert (plan.text, plan.id, plan.labels) == ("Befund", "ID", {"label": "label"})


@pytest.mark.parametrize(
    "error",
    [
        MedlabelError(
            "the setting does not fit", code="train.option_not_for_recipe", setting="lr", recipe="x"
        ),
        ImportFormatError(
            "/data/a.csv", "not a text file", "row 3", code="import.not_text", kind="a PNG image"
        ),
        DamagedProjectError("damaged", "malformed page", path="/p"),
    ],
    ids=["plain", "import", "damaged"],
)
def test_errors_keep_their_code_and_params_through_pickling(error):
    # A worker process hands errors back pickled; the subclasses' own arguments must not break that.
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (str(copy), copy.code, copy.params) == (str(error), error.code, error.params)
    assert copy.__dict__ == error.__dict__
