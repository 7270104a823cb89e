"""An unreadable file or folder gives one sentence naming it, never a traceback or "no files".

Tests run as root, where chmod 000 does not stop reads; so the OSErrors are raised by patching the
calls that read (open, Path.iterdir, Path.stat), and the chmod variant runs only for other users.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
from pathlib import Path

import openpyxl
import pytest

from medlabel.core.errors import ImportFormatError
from medlabel.core.io import delimited, detect_format, read_file, xlsx
from medlabel.core.records import ImportOptions

DENIED = "medlabel may not read this file: permission denied; check the file's permissions"


def deny_open(monkeypatch, target: Path, error: type[OSError] = PermissionError) -> None:
    """Make every open() of ``target`` (ours, pandas', openpyxl's) fail as the OS would."""
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file) == target:
            code = errno.EACCES if error is PermissionError else errno.EIO
            raise error(code, os.strerror(code), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)  # what Path.read_bytes calls


def write_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "csv": tmp_path / "a.csv",
        "jsonl": tmp_path / "a.jsonl",
        "labelstudio": tmp_path / "a.json",
        "i2b2": tmp_path / "a.xml",
        "xlsx": tmp_path / "a.xlsx",
    }
    files["csv"].write_text("id,text\n1,report\n")
    files["jsonl"].write_text(json.dumps({"text": "report"}) + "\n")
    files["labelstudio"].write_text(json.dumps([{"id": 1, "data": {"text": "report"}}]))
    files["i2b2"].write_text('<ROOT><RECORD ID="1"><TEXT>report</TEXT></RECORD></ROOT>')
    book = openpyxl.Workbook()
    book.active.append(["id", "text"])
    book.active.append(["1", "report"])
    book.save(files["xlsx"])
    return files


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "labelstudio", "i2b2", "xlsx"])
def test_unreadable_file_is_named_in_one_sentence(tmp_path, monkeypatch, fmt):
    path = write_files(tmp_path)[fmt]
    deny_open(monkeypatch, path)
    with pytest.raises(ImportFormatError) as err:
        read_file(path)
    assert str(err.value) == f"{path}: {DENIED}"


def test_unreadable_file_in_the_previews(tmp_path, monkeypatch):
    files = write_files(tmp_path)
    for module, path in ((delimited, files["csv"]), (xlsx, files["xlsx"])):
        deny_open(monkeypatch, path)
        with pytest.raises(ImportFormatError, match="permission denied"):
            module.preview(path, ImportOptions(), 20)


def test_pandas_failing_to_open_is_caught_too(tmp_path, monkeypatch):
    # Our own encoding check has read the file; then the disk fails while pandas opens it.
    path = write_files(tmp_path)["csv"]
    import pandas as pd

    real = pd.read_csv

    def failing(source, *args, **kwargs):
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))

    monkeypatch.setattr(pd, "read_csv", failing)
    with pytest.raises(ImportFormatError, match="the disk reported an error while reading this file"):
        read_file(path)
    monkeypatch.setattr(pd, "read_csv", real)


def test_unreadable_folder_is_not_reported_as_empty(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("report")
    real_iterdir = Path.iterdir

    def denied(self):
        if self == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    expected = (
        f"{folder}: medlabel may not read this folder: permission denied; check the folder's permissions"
    )
    for call in (
        lambda: detect_format(folder),
        lambda: read_file(folder),
        lambda: read_file(folder, ImportOptions(format="txt")),
        lambda: read_file(folder, ImportOptions(format="brat")),
    ):
        with pytest.raises(ImportFormatError) as err:
            call()
        assert str(err.value) == expected


def test_unreadable_file_inside_a_folder_names_that_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("report")
    (tmp_path / "b.txt").write_text("report")
    (tmp_path / "b.ann").write_text("")
    deny_open(monkeypatch, tmp_path / "b.txt")
    for options in (ImportOptions(format="txt"), ImportOptions(format="brat")):
        with pytest.raises(ImportFormatError) as err:
            read_file(tmp_path, options)
        assert str(err.value) == f"{tmp_path / 'b.txt'}: {DENIED}"


def test_a_folder_on_the_way_that_may_not_be_searched(tmp_path, monkeypatch):
    path = write_files(tmp_path)["csv"]
    real_stat = Path.stat

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", denied)
    with pytest.raises(ImportFormatError, match="permission denied"):
        read_file(path)


def test_a_file_that_vanishes_while_it_is_read(tmp_path, monkeypatch):
    path = write_files(tmp_path)["jsonl"]
    deny_open(monkeypatch, path, FileNotFoundError)
    with pytest.raises(ImportFormatError, match=r"does not exist \(was it moved, renamed or deleted"):
        read_file(path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_chmod_000_file_and_folder(tmp_path):
    path = write_files(tmp_path)["csv"]
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text("report")
    path.chmod(0)
    folder.chmod(0)
    try:
        with pytest.raises(ImportFormatError, match="permission denied"):
            read_file(path)
        with pytest.raises(ImportFormatError, match="may not read this folder"):
            read_file(folder)
    finally:
        path.chmod(0o600)
        folder.chmod(0o700)


def test_unreadable_file_and_folder_through_the_command_line():
    """The same with real permissions, as an unprivileged user (root reads everything): one sentence,
    no traceback, no project left behind."""
    import shutil

    from tests.faults import as_other_user, world_readable_tmp

    base = world_readable_tmp()
    try:
        csv_file = base / "reports.csv"
        csv_file.write_text("id,text\n1,a report\n", encoding="utf-8")
        csv_file.chmod(0)
        folder = base / "letters"
        folder.mkdir()
        (folder / "a.txt").write_text("report", encoding="utf-8")
        folder.chmod(0)
        base.chmod(0o777)  # the other user may create the project folder here
        for source, words in ((csv_file, "permission denied"), (folder, "may not read this folder")):
            out = as_other_user(["-m", "medlabel", "import", str(base / "p"), str(source)])
            assert out.returncode == 1 and words in out.stderr, out.stderr
            assert "Traceback" not in out.stderr and "holds no .txt files" not in out.stderr
            assert not (base / "p").exists()
    finally:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(base)
