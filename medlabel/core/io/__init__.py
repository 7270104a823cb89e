"""Readers and writers, one module per file format.

A reader turns a file into an :class:`~medlabel.core.records.ImportBatch` and nothing else: it never
touches the project. Validation against the project, the user's choices about problems, and the
single all-or-nothing transaction live in :mod:`medlabel.core.importing`.

Reader modules expose ``read(path: Path, options: ImportOptions) -> ImportBatch``. How a table's
columns are read (text, id, labels, spans, split, metadata) is :func:`choose_columns`, public so that
a front end can propose the same mapping before reading.
Writer modules expose ``write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema) -> int``
(the number of documents written).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path

from medlabel.core.errors import ImportFormatError, MedlabelError
from medlabel.core.io._common import ColumnPlan, choose_columns
from medlabel.core.io._file_errors import list_folder, reading
from medlabel.core.io._limits import check_documents
from medlabel.core.records import ExportDocument, ExportSchema, ImportBatch, ImportOptions

__all__ = [
    "READERS",
    "WRITERS",
    "ColumnPlan",
    "choose_columns",
    "detect_format",
    "read_file",
    "write_file",
]

# format name -> module under medlabel.core.io
READERS: dict[str, str] = {
    "csv": "delimited",
    "tsv": "delimited",
    "xlsx": "xlsx",
    "jsonl": "jsonl",
    "txt": "txt_folder",
    "i2b2": "i2b2",
    "labelstudio": "labelstudio",
    "brat": "brat",
}
WRITERS: dict[str, str] = {
    "csv": "csv_export",
    "jsonl": "jsonl_export",
    "conll": "conll_export",
    "labelstudio": "labelstudio_export",
    "xlsx": "xlsx_export",
}


def detect_format(path: Path) -> str:
    """Guess the format from the file name (and, for .xml/.json and folders, a peek inside)."""
    path = Path(path)
    with reading(path):
        is_dir = path.is_dir()
    if is_dir:
        # Listed, not globbed: glob skips a folder it may not read, which would look empty.
        suffixes = {entry.suffix.lower() for entry in list_folder(path)}
        if ".ann" in suffixes:
            return "brat"
        if ".txt" in suffixes:
            return "txt"
        raise ImportFormatError(
            path, "the folder holds no .txt files (nor brat .txt + .ann pairs)", code="import.empty_folder"
        )
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".tab"}:
        return "tsv" if suffix != ".csv" else "csv"
    if suffix in {".xlsx", ".xlsm"}:
        return "xlsx"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".xml":
        return "i2b2"
    if suffix == ".json":
        return "labelstudio"
    if suffix == ".txt":
        return "txt"
    if suffix == ".ann":
        return "brat"
    raise ImportFormatError(
        path,
        f"cannot tell the format from the ending {suffix or '(none)'!r}; "
        f"choose one of: {', '.join(sorted(READERS))}",
        code="import.unknown_ending",
        ending=suffix,
    )


def read_file(path: Path, options: ImportOptions | None = None) -> ImportBatch:
    """Read ``path`` with the reader for ``options.format`` (or the detected format).

    Every document is checked here, once for all formats, against ``options.max_document_chars``; an
    OSError from any reader becomes an :class:`ImportFormatError` naming the file.
    """
    options = options or ImportOptions()
    path = Path(path)
    with reading(path):
        exists = path.exists()
    if not exists:
        raise ImportFormatError(path, "the file does not exist", code="import.missing", folder=False)
    fmt = options.format or detect_format(path)
    if fmt not in READERS:
        raise MedlabelError(
            f"unknown import format {fmt!r}; choose one of: {', '.join(sorted(READERS))}",
            code="import.unknown_format",
            format=fmt,
            choices=", ".join(sorted(READERS)),
        )
    if options.format is None:
        options = ImportOptions(**{**options.__dict__, "format": fmt})
    module = importlib.import_module(f"medlabel.core.io.{READERS[fmt]}")
    with reading(path):
        batch = module.read(path, options)
    check_documents(batch, options, path)
    return batch


def write_file(
    fmt: str, docs: Iterable[ExportDocument], path: Path, schema: ExportSchema, *, raw_cells: bool = False
) -> int:
    """Write documents to ``path`` in format ``fmt``; returns how many were written.

    ``raw_cells`` (CSV only): write cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return as they are instead of with a leading ``'`` (see :mod:`medlabel.core.io.csv_export`). The
    other formats have nothing to escape: JSON is not run by spreadsheets and XLSX cells are text.
    """
    if fmt not in WRITERS:
        raise MedlabelError(f"unknown export format {fmt!r}; choose one of: {', '.join(sorted(WRITERS))}")
    # Only the CSV writer takes the keyword, so the other writers keep the plain interface.
    options = {"raw_cells": True} if raw_cells else {}
    if raw_cells and fmt != "csv":
        raise MedlabelError(
            f"raw cells are an option of the CSV export only; the {fmt} export has no formula cells "
            "to escape, so leave the option off"
        )
    module = importlib.import_module(f"medlabel.core.io.{WRITERS[fmt]}")
    return module.write(docs, Path(path), schema, **options)
