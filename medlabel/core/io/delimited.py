"""Read CSV and TSV files: a header row, then one document per row.

Which column is the text, the id, a label, the spans or the split is decided by
:func:`medlabel.core.io._common.choose_columns`; every other column becomes metadata.

The encoding is found by :mod:`medlabel.core.io._decoding`; pandas then reads the file itself in that
encoding (UTF-16/32 included), except a file mixing encodings, which it reads decoded line by line.
The header row is checked before pandas sees it: pandas takes quadratic time and gigabytes to rename
hundreds of thousands of repeated column names.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import IO

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._common import choose_columns, records_from_columns
from medlabel.core.io._decoding import Decoding, MixedText, inspect
from medlabel.core.io._file_errors import reading
from medlabel.core.io._limits import too_many_columns
from medlabel.core.io.cells import unescape_formula_cell
from medlabel.core.records import ImportBatch, ImportOptions

DELIMITERS = ",;\t|"
SNIFF_CHARS = 64 * 1024
# A first line longer than this is no header row (2,000 columns of 500 characters fit).
MAX_HEADER_CHARS = 1 << 20
_ALIASES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
_PANDAS_LINE = re.compile(r"Expected \d+ fields in line (\d+)")
_PANDAS_ROW = re.compile(r"starting at row (\d+)")


def _delimiter_option(path: Path, value: str) -> str:
    delimiter = _ALIASES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise ImportFormatError(
            path,
            f"cannot use {value!r} as the delimiter; give one character, e.g. ';'",
            code="import.bad_delimiter",
            delimiter=value,
        )
    return delimiter


def sniff_delimiter(sample: str, truncated: bool = False) -> str:
    """Guess the delimiter among ``,;\\t|`` from the start of a file.

    csv.Sniffer alone is easily fooled by commas inside long free texts, so each candidate is also
    tried with a real CSV parse: a delimiter that splits the header and gives every row the header's
    width wins; the Sniffer only breaks ties. ``truncated`` says the sample ends mid-file, so its last
    (maybe partial) record is ignored.
    """
    scores: dict[str, tuple[bool, bool, bool, int]] = {}
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(sample), delimiter=delimiter) if row]
        except csv.Error:
            continue
        if truncated and len(rows) > 1:
            rows.pop()
        if not rows:
            continue
        width = len(rows[0])
        consistent = all(len(row) == width for row in rows)
        scores[delimiter] = (consistent and width > 1, width > 1, consistent, width)
    if not scores:
        return ","
    best = max(scores.values())
    tied = [d for d in DELIMITERS if scores.get(d) == best]
    if len(tied) > 1:
        # The Sniffer is a heuristic over arbitrary text; any failure just means "no opinion".
        try:
            sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
        except Exception:
            sniffed = None
        if sniffed in tied:
            return sniffed
    return tied[0]


def _open(path: Path, decoding: Decoding) -> IO[str]:
    if decoding.mixed:
        return MixedText(path, decoding)
    return open(path, encoding=decoding.encoding, newline="")


def _read_sample(fh: IO[str]) -> tuple[str, bool]:
    sample = fh.read(SNIFF_CHARS)
    return sample, bool(fh.read(1))


def _check_header(path: Path, fh: IO[str], delimiter: str, options: ImportOptions) -> None:
    """Refuse a first line that is too long or has too many columns, reading at most the limit."""
    line = fh.readline(MAX_HEADER_CHARS + 1)
    if len(line) > MAX_HEADER_CHARS:
        raise ImportFormatError(
            path,
            f"the first line (the header row) is longer than {MAX_HEADER_CHARS:,} characters, so it "
            "cannot be a row of column names; is this a table with one header row?",
            "row 1",
            code="import.header_too_long",
            limit=MAX_HEADER_CHARS,
        )
    try:
        count = len(next(csv.reader([line], delimiter=delimiter), []))
    except csv.Error:
        count = line.count(delimiter) + 1  # an upper bound, which is all a limit needs
    if count > options.max_columns:
        raise too_many_columns(path, count, options.max_columns, "row 1")


def _parse(
    path: Path, source: Path | IO[str], encoding: str | None, delimiter: str, nrows: int | None = None
):  # -> pandas.DataFrame
    import pandas as pd

    try:
        frame = pd.read_csv(
            source,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=encoding,
            engine="c",
            quotechar='"',
            doublequote=True,
            nrows=nrows,
        )
    except pd.errors.EmptyDataError:
        raise ImportFormatError(path, "the file is empty (no header row)", code="import.empty_file") from None
    except pd.errors.ParserError as exc:
        message = str(exc).strip()
        location = None
        if m := _PANDAS_LINE.search(message):
            location = f"row {m.group(1)}"  # pandas counts records from 1 with the header as 1
            message = message.split("C error: ")[-1] + f" (is {delimiter!r} the right delimiter?)"
        elif m := _PANDAS_ROW.search(message):
            location = f"row {int(m.group(1)) + 1}"  # here pandas counts from 0
            message = 'a quoted text is never closed (" missing)'
        raise ImportFormatError(path, f"not a readable table: {message}", location) from None
    except (ValueError, UnicodeError, OverflowError, MemoryError) as exc:
        raise ImportFormatError(path, f"not a readable table: {exc}") from None
    if not isinstance(frame.index, pd.RangeIndex):
        # pandas silently turns the first column into an index when every row has one field too many.
        raise ImportFormatError(
            path,
            f"the rows have one field more than the header row (is {delimiter!r} the delimiter?)",
            "row 2",
        )
    return frame


def _unescape_formula_cells(frame) -> None:  # type: ignore[no-untyped-def]
    """Undo the apostrophe medlabel's CSV export puts before cells a spreadsheet would run as formulas
    (``csv_export``), so an exported project reads back with its exact texts and span offsets."""
    frame.columns = [unescape_formula_cell(str(c)) for c in frame.columns]
    for name in frame.columns:
        column = frame[name]
        marked = column.str.startswith("'")
        if marked.any():  # rare: only the marked cells pay for a Python call
            frame.loc[marked, name] = column[marked].map(unescape_formula_cell)


def _table(path: Path, options: ImportOptions, nrows: int | None = None):  # -> (DataFrame, notes)
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(path, "not a file", code="import.not_a_file")
    if path.stat().st_size == 0:
        raise ImportFormatError(path, "the file is empty", code="import.empty_file")
    decoding = inspect(path, options.encoding)
    notes = [n for n in [decoding.note()] if n]
    if options.delimiter:
        delimiter = _delimiter_option(path, options.delimiter)
    elif options.format == "tsv" or path.suffix.lower() in {".tsv", ".tab"}:
        delimiter = "\t"
    else:
        with _open(path, decoding) as fh:
            delimiter = sniff_delimiter(*_read_sample(fh))
        if delimiter != ",":
            notes.append(f"columns are separated by {delimiter!r}")
    with _open(path, decoding) as fh:
        _check_header(path, fh, delimiter, options)
    if decoding.mixed:
        with MixedText(path, decoding) as text:
            frame = _parse(path, text, None, delimiter, nrows)
    else:
        frame = _parse(path, path, decoding.encoding, delimiter, nrows)
    _unescape_formula_cells(frame)
    if len(frame.index) == 0:
        raise ImportFormatError(path, "the file has a header row but no data rows", code="import.no_rows")
    return frame, notes


def preview(path: Path, options: ImportOptions, limit: int) -> tuple[list[str], list[list[str]]]:
    """(column names, first ``limit`` rows), read exactly as ``read`` reads the whole file."""
    with reading(path):
        frame, _ = _table(path, options, nrows=limit)
    return [str(c) for c in frame.columns], [list(row) for row in frame.itertuples(index=False)]


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a CSV/TSV file; see the module docstring and ``_common.choose_columns``."""
    with reading(path):
        frame, notes = _table(path, options)
    columns = [str(c) for c in frame.columns]
    plan = choose_columns(columns, options, path)
    data = {name: frame[col].tolist() for name, col in zip(columns, frame.columns, strict=True)}
    del frame
    docs = records_from_columns(data, plan, path)
    return ImportBatch(source=str(path), documents=docs, notes=notes + plan.notes)
