"""Read CSV and TSV files: a header row, then one document per row.

Which column is the text, the id, a label, the spans or the split is decided by
:func:`medlabel.core.io._common.choose_columns`; every other column becomes metadata.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._common import choose_columns, detect_encoding, encoding_note, records_from_columns
from medlabel.core.records import ImportBatch, ImportOptions

DELIMITERS = ",;\t|"
SNIFF_CHARS = 64 * 1024
_ALIASES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
_PANDAS_LINE = re.compile(r"Expected \d+ fields in line (\d+)")
_PANDAS_ROW = re.compile(r"starting at row (\d+)")


def _delimiter_option(path: Path, value: str) -> str:
    delimiter = _ALIASES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise ImportFormatError(path, f"cannot use {value!r} as the delimiter; give one character, e.g. ';'")
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


def _read_sample(path: Path, encoding: str) -> tuple[str, bool]:
    with open(path, encoding=encoding, newline="") as fh:
        sample = fh.read(SNIFF_CHARS)
        return sample, bool(fh.read(1))


def _parse(path: Path, encoding: str, delimiter: str, nrows: int | None = None):  # -> pandas.DataFrame
    import pandas as pd

    try:
        frame = pd.read_csv(
            path,
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
        raise ImportFormatError(path, "the file is empty (no header row)") from None
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


def _table(path: Path, options: ImportOptions, nrows: int | None = None):  # -> (DataFrame, notes)
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(path, "not a file")
    if path.stat().st_size == 0:
        raise ImportFormatError(path, "the file is empty")
    encoding = detect_encoding(path, options.encoding)
    notes = [n for n in [encoding_note(encoding)] if n]
    if options.delimiter:
        delimiter = _delimiter_option(path, options.delimiter)
    elif options.format == "tsv" or path.suffix.lower() in {".tsv", ".tab"}:
        delimiter = "\t"
    else:
        delimiter = sniff_delimiter(*_read_sample(path, encoding))
        if delimiter != ",":
            notes.append(f"columns are separated by {delimiter!r}")
    frame = _parse(path, encoding, delimiter, nrows)
    if len(frame.index) == 0:
        raise ImportFormatError(path, "the file has a header row but no data rows")
    return frame, notes


def preview(path: Path, options: ImportOptions, limit: int) -> tuple[list[str], list[list[str]]]:
    """(column names, first ``limit`` rows), read exactly as ``read`` reads the whole file."""
    frame, _ = _table(path, options, nrows=limit)
    return [str(c) for c in frame.columns], [list(row) for row in frame.itertuples(index=False)]


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a CSV/TSV file; see the module docstring and ``_common.choose_columns``."""
    frame, notes = _table(path, options)
    columns = [str(c) for c in frame.columns]
    plan = choose_columns(columns, options, path)
    data = {name: frame[col].tolist() for name, col in zip(columns, frame.columns, strict=True)}
    del frame
    docs = records_from_columns(data, plan, path)
    return ImportBatch(source=str(path), documents=docs, notes=notes + plan.notes)
