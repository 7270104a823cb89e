"""Write documents as an Excel workbook (.xlsx): one sheet, ``documents``, with the same columns as the
CSV export (see :mod:`medlabel.core.io.table_export`) and one row per document.

Every cell is a text cell, so nothing in it is run as a formula and ``=HYPERLINK(...)``, ``-2`` or
``0012`` stay exactly as stored; no apostrophe is needed, unlike in CSV. Characters XML cannot carry
(control characters, a carriage return) are written as Excel writes them, ``_xHHHH_`` (see
:func:`medlabel.core.io.cells.escape_xlsx_text`).

An Excel cell holds at most 32,767 characters and a sheet at most 1,048,576 rows and 16,384 columns.
Rather than cut a report short, which would silently lose text and break span offsets, a document with
a longer cell stops the export with a message naming it: export such a project as CSV or JSONL.

The workbook is written in openpyxl's write-only mode, so memory stays flat however many documents
there are, and atomically: the file appears complete or not at all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from medlabel.core.errors import MedlabelError
from medlabel.core.io._common import atomic_text_writer
from medlabel.core.io.cells import escape_xlsx_text
from medlabel.core.io.table_export import export_table
from medlabel.core.records import ExportDocument, ExportSchema

MAX_CELL_CHARS = 32_767
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
SHEET_TITLE = "documents"


@contextlib.contextmanager
def atomic_binary_writer(path: Path) -> Iterator[IO[bytes]]:
    """A binary temp file beside ``path`` that replaces it only if the block succeeds.

    It is the binary file under :func:`atomic_text_writer`'s text layer (which is never written to),
    so the temp-file handling, fsync, file mode and error messages are the same as for text exports.
    """
    with atomic_text_writer(path) as fh:
        yield fh.buffer


def _check_size(path: Path, rows: int, columns: int) -> None:
    if rows + 1 > MAX_ROWS:
        raise MedlabelError(
            f"cannot write {path}: {rows:,} documents do not fit in an Excel sheet "
            f"(at most {MAX_ROWS - 1:,} below the header); export them as CSV or JSONL instead"
        )
    if columns > MAX_COLUMNS:
        raise MedlabelError(
            f"cannot write {path}: the {columns:,} columns (mostly metadata keys) do not fit in an Excel "
            f"sheet (at most {MAX_COLUMNS:,}); export as CSV or JSONL instead"
        )


def _text_cells(ws: Any, cells: list[str], header: list[str], where: str, path: Path) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    out: list[Any] = []
    for column, value in zip(header, cells, strict=True):
        if not value:
            out.append(None)
            continue
        stored = escape_xlsx_text(value)
        if len(stored) > MAX_CELL_CHARS:
            # openpyxl would cut the cell at the limit without a word.
            raise MedlabelError(
                f"cannot write {path}: the {column!r} cell of {where} needs {len(stored):,} characters, "
                f"more than the {MAX_CELL_CHARS:,} an Excel cell can hold; export this project as CSV "
                "or JSONL instead, which keep texts of any length"
            )
        cell = WriteOnlyCell(ws, value=stored)
        # openpyxl makes a str starting with "=" a formula (and "#N/A" an error) unless told otherwise.
        cell.data_type = "s"
        out.append(cell)
    return out


def write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema) -> int:
    """Write ``docs`` to ``path`` (atomically) as one sheet of text cells; returns how many were written."""
    from openpyxl import Workbook

    path = Path(path)
    with atomic_binary_writer(path) as fh, export_table(docs, schema, path) as table:
        _check_size(path, table.count, len(table.header))
        book = Workbook(write_only=True)
        ws = book.create_sheet(SHEET_TITLE)
        try:
            ws.append(_text_cells(ws, table.header, table.header, "the header row", path))
            for row in table.rows():
                ws.append(_text_cells(ws, row, table.header, f"document {row[0]!r}", path))
            book.save(fh)
        except BaseException:
            _discard_sheet_file(ws)
            raise
    return table.count


def _discard_sheet_file(ws: Any) -> None:
    # Write-only sheets stream their rows into a temp file in the system temp folder, which openpyxl
    # removes only on save or at exit; patient text should not wait there for the app to close.
    with contextlib.suppress(Exception):
        ws.close()  # ends the row stream first, else it writes into the removed file when collected
    writer = getattr(ws, "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.cleanup()
