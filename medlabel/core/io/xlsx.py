"""Read Excel workbooks (.xlsx/.xlsm): a header row, then one document per row.

The columns mean the same as in CSV files (see ``_common.choose_columns``). The header is the first
non-empty row (row 1 in the usual sheet); rows whose cells are all empty are skipped, since
spreadsheets often carry formatted but empty rows. ``origin`` is the row number Excel shows.

openpyxl is used directly (read-only, cached formula values) rather than through pandas: pandas turns
every integral float into a Python int, which overflows on huge cells and prints 1e300 with 301 digits.

An .xlsx is a zip archive. Before openpyxl opens it, the archive's listed sizes are checked against the
limits (``_limits.check_archive``): a 400 KB file can otherwise unpack one 400 MB cell into gigabytes
of memory. The sheet's own size claim (its "dimension") is ignored, since a false one would make every
row thousands of empty cells wide.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._common import choose_columns, records_from_columns
from medlabel.core.io._decoding import ADVICE, HEAD_BYTES, signature
from medlabel.core.io._file_errors import reading
from medlabel.core.io._limits import check_archive, too_many_columns
from medlabel.core.io.cells import unescape_xlsx_text
from medlabel.core.records import ImportBatch, ImportOptions

# Floats below this are shown without a fraction when integral (12.0 -> "12"); larger ones keep
# Python's repr so that 1e300 does not become a 301-digit id.
_INTEGRAL_LIMIT = 1e15


def cell_text(value: Any) -> str:
    """A cell as text: numbers as Excel shows them (12, not 12.0), empty cells as ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Control characters and CR arrive as Excel's _xHHHH_ escapes (as medlabel's export writes them).
        return unescape_xlsx_text(value) if "_x" in value else value
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < _INTEGRAL_LIMIT else repr(value)
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ")
        return text[: -len(" 00:00:00")] if text.endswith(" 00:00:00") else text
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _sheet(path: Path, book: Any, wanted: str | None) -> Any:
    names = list(book.sheetnames)
    if not names:
        raise ImportFormatError(path, "the workbook has no sheets", code="import.no_sheets")
    if not wanted:
        return book[names[0]]
    by_lower = {n.lower(): n for n in names}
    if wanted in names or wanted.lower() in by_lower:
        return book[wanted if wanted in names else by_lower[wanted.lower()]]
    listing = ", ".join(repr(n) for n in names)
    raise ImportFormatError(
        path,
        f"no sheet named {wanted!r}; sheets found: {listing}",
        code="import.no_such_sheet",
        sheet=wanted,
        sheets=listing,
    )


def _not_a_workbook(path: Path) -> ImportFormatError:
    """Say what a file named .xlsx that is not a zip archive is, and what to do."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return ImportFormatError(
            path,
            "this is an old Excel .xls workbook (or another Office 97-2003 file), not an .xlsx; open it "
            "in Excel and save it as 'Excel Workbook (.xlsx)', or export the sheet as CSV",
            code="import.old_excel",
        )
    if not head:
        return ImportFormatError(path, "the file is empty, not an Excel workbook", code="import.empty_file")
    if head.startswith(b"PK"):
        return ImportFormatError(
            path,
            "not a readable .xlsx workbook: its zip archive is damaged or cut short; open it in Excel "
            "and save it again, or export the sheet as CSV",
            code="import.damaged_workbook",
        )
    if b"\x00" not in head:
        return ImportFormatError(
            path,
            "this is not an Excel workbook (an .xlsx file is a zip archive, and this one is not); if it "
            "holds text with separated columns, name it .csv (or choose the csv format)",
            code="import.text_named_xlsx",
        )
    kind = signature(head) or "no format medlabel knows"
    return ImportFormatError(
        path,
        f"not an Excel workbook (an .xlsx file is a zip archive; this file is {kind}); {ADVICE}",
        code="import.not_a_workbook",
        kind=kind,
    )


def _rows(
    path: Path, options: ImportOptions, limit: int | None = None
) -> tuple[str, list[tuple[int, list[str]]]]:
    """(sheet title, [(row number, cells as text)]) for the non-empty rows (the first ``limit`` + 1)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if not zipfile.is_zipfile(path):
        raise _not_a_workbook(path)
    try:
        check_archive(path, options)
    # zipfile raises NotImplementedError for a compression method it cannot unpack.
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise ImportFormatError(
            path, f"not a readable .xlsx workbook: a damaged zip archive ({exc})"
        ) from None
    # openpyxl fails in many ways on a damaged or foreign file (zip, XML, KeyError, TypeError...);
    # for the user they all mean the same thing.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except InvalidFileException as exc:
        raise ImportFormatError(path, f"not an .xlsx workbook ({exc})") from None
    except Exception as exc:
        raise ImportFormatError(
            path,
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "old .xls files must be saved as .xlsx first",
        ) from None
    try:
        ws = _sheet(path, book, options.sheet)
        ws.reset_dimensions()
        rows = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if len(values) > options.max_columns:
                # Cells beyond the limit that only carry formatting are no columns; values are.
                beyond = values[options.max_columns :]
                if beyond.count(None) != len(beyond):
                    raise too_many_columns(path, len(values), options.max_columns, f"row {number}")
                values = values[: options.max_columns]
            if values.count(None) == len(values):
                continue  # spreadsheets often carry formatted but empty rows
            cells = [cell_text(v) for v in values]
            if any(cells):
                rows.append((number, cells))
            if limit is not None and len(rows) > limit:
                break
        return ws.title, rows
    except (ImportFormatError, OSError):
        raise
    except Exception as exc:
        raise ImportFormatError(path, f"cannot read the sheet: {type(exc).__name__}: {exc}") from None
    finally:
        book.close()


def _header(cells: list[str], width: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    names = [c.strip() or f"column {get_column_letter(i + 1)}" for i, c in enumerate(cells)]
    names += [f"column {get_column_letter(i + 1)}" for i in range(len(names), width)]
    # Header cells can repeat; pandas' way of telling them apart (a, a.1) keeps CSV and XLSX alike.
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        n = seen.get(name, 0)
        seen[name] = n + 1
        unique.append(name if n == 0 else f"{name}.{n}")
    return unique


def _table(path: Path, options: ImportOptions, limit: int | None = None):  # -> (columns, rows, width)
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(path, "not a file", code="import.not_a_file")
    title, rows = _rows(path, options, limit)
    if not rows:
        raise ImportFormatError(path, f"sheet {title!r} is empty", code="import.empty_sheet", sheet=title)
    (_, header_cells), data_rows = rows[0], rows[1:]
    if not data_rows:
        raise ImportFormatError(
            path, f"sheet {title!r} has a header row but no data rows", code="import.no_rows", sheet=title
        )
    width = max(len(cells) for _, cells in rows)
    return _header(header_cells, width), data_rows, width


def preview(path: Path, options: ImportOptions, limit: int) -> tuple[list[str], list[list[str]]]:
    """(column names, first ``limit`` rows), read exactly as ``read`` reads the whole sheet."""
    with reading(path):
        columns, data_rows, width = _table(path, options, limit)
    return columns, [cells + [""] * (width - len(cells)) for _, cells in data_rows]


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read the first sheet (or ``options.sheet``) of an Excel workbook."""
    with reading(path):
        columns, data_rows, width = _table(path, options)
    plan = choose_columns(columns, options, path)
    data: dict[str, list[Any]] = {name: [] for name in columns}
    for _, cells in data_rows:
        for name, value in zip(columns, cells + [""] * (width - len(cells)), strict=True):
            data[name].append(value)
    docs = records_from_columns(data, plan, path, row_numbers=[number for number, _ in data_rows])
    return ImportBatch(source=str(path), documents=docs, notes=plan.notes)
