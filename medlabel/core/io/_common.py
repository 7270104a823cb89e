"""Helpers shared by the readers and writers in :mod:`medlabel.core.io`.

Other format modules may import from here; the public names below (no leading underscore) are kept
stable:

- encodings: :func:`check_encoding`, :func:`detect_encoding`, :func:`decode_bytes`, :func:`encoding_note`
  (the decoding itself, binary refusal and mixed files: :mod:`medlabel.core.io._decoding`)
- spans: :func:`spans_from_json`, :func:`spans_from_value`, :func:`span_to_dict`, :func:`spans_to_json`
- columns: :func:`find_column`, :func:`choose_columns`, :class:`ColumnPlan`, :func:`records_from_columns`
- writing: :func:`atomic_text_writer`

Row numbers in tables count the header as row 1, the way a spreadsheet shows them, so the first data
row is "row 2".
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from medlabel.core.errors import ImportFormatError, MedlabelError
from medlabel.core.io._decoding import decode, first_error, inspect
from medlabel.core.records import DocRecord, ImportOptions, SpanRecord

TEXT_COLUMN_NAMES = ("text", "report", "report_text", "note", "note_text", "body", "content", "document")
ID_COLUMN_NAMES = ("id", "doc_id", "document_id", "report_id", "record_id", "external_id")
# A metadata key that would be read back as something else is written as ``meta:<key>``.
META_PREFIX = "meta:"
LABEL_PREFIX = "label:"


# --- encodings (the work is done in _decoding; these names stay for other modules) --------------------


def check_encoding(path: Path, encoding: str) -> bool:
    """True if the whole file decodes strictly with ``encoding``; reads in chunks, keeps no text."""
    return first_error(path, encoding) is None


def detect_encoding(path: Path, encoding: str | None = None) -> str:
    """The encoding to read ``path`` with (see :mod:`medlabel.core.io._decoding` for the order).

    ``encoding`` (the user's choice) overrides detection; a file that does not decode with it, or that
    is binary data, raises :class:`ImportFormatError`. For a file mixing UTF-8 lines with lines in
    another encoding this is the other encoding; :func:`inspect` tells the whole story.
    """
    return inspect(Path(path), encoding).encoding


def decode_bytes(data: bytes, encoding: str | None = None, path: Path | str = "") -> tuple[str, str]:
    """Decode in-memory ``data`` the same way as :func:`detect_encoding`; returns (text, encoding).

    A BOM is removed from the text; nothing else is changed (line endings stay as they are).
    """
    text, decoding = decode(data, path, encoding)
    return text, decoding.encoding


def encoding_note(encoding: str, what: str = "the file is") -> str | None:
    """The note for ``ImportBatch.notes`` when a file was not read as UTF-8, else None."""
    if encoding in {"utf-8", "utf-8-sig", "utf_8", "utf_8_sig"}:
        return None
    return f"read as {encoding} because {what} not valid UTF-8"


# --- spans -----------------------------------------------------------------------------------------


def _offset(value: Any, key: str, path: Path | str, location: str | None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ImportFormatError(path, f"span {key!r} must be an integer, not {value!r}", location)
    if isinstance(value, float):
        if not value.is_integer():
            raise ImportFormatError(path, f"span {key!r} must be an integer, not {value!r}", location)
        return int(value)
    return value


def _optional_str(span: dict[str, Any], key: str, path: Path | str, location: str | None) -> str | None:
    value = span.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ImportFormatError(path, f"span {key!r} must be a string, not {value!r}", location)


def spans_from_value(value: Any, path: Path | str, location: str | None) -> list[SpanRecord]:
    """Spans from an already-parsed JSON value: a list of ``{start, end, type, value?, unit?, code?}``.

    Only the structure is checked (integer offsets, string type); bounds and types against the schema
    are checked later for every format alike. Unknown keys are ignored. ``None`` means no spans.
    """
    if value is None:
        return []
    if not isinstance(value, list):
        raise ImportFormatError(
            path, f"spans must be a list of objects, not {type(value).__name__}", location
        )
    spans = []
    for i, item in enumerate(value, start=1):
        where = f"{location}, span {i}" if location else f"span {i}"
        if not isinstance(item, dict):
            raise ImportFormatError(path, f"a span must be an object, not {type(item).__name__}", where)
        for key in ("start", "end", "type"):
            if key not in item:
                raise ImportFormatError(path, f"the span has no {key!r}", where)
        start = _offset(item["start"], "start", path, where)
        end = _offset(item["end"], "end", path, where)
        if not isinstance(item["type"], str):
            raise ImportFormatError(path, f"span 'type' must be a string, not {item['type']!r}", where)
        number = item.get("value")
        if number is not None:
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
                raise ImportFormatError(path, f"span 'value' must be a finite number, not {number!r}", where)
            number = float(number)
        spans.append(
            SpanRecord(
                start=start,
                end=end,
                type=item["type"],
                value=number,
                unit=_optional_str(item, "unit", path, where),
                code=_optional_str(item, "code", path, where),
            )
        )
    return spans


def spans_from_json(text: str, path: Path | str, location: str | None) -> list[SpanRecord]:
    """Spans from a JSON string (a table cell); an empty or blank cell means no spans."""
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ImportFormatError(path, f"spans: not valid JSON: {exc}", location) from None
    except RecursionError:
        raise ImportFormatError(path, "spans: JSON nested too deeply", location) from None
    return spans_from_value(value, path, location)


def span_to_dict(span: SpanRecord) -> dict[str, Any]:
    """A span as a JSON object: start, end, type, and value/unit/code only when set."""
    out: dict[str, Any] = {"start": span.start, "end": span.end, "type": span.type}
    if span.value is not None:
        out["value"] = span.value
    if span.unit is not None:
        out["unit"] = span.unit
    if span.code is not None:
        out["code"] = span.code
    return out


def spans_to_json(spans: Sequence[SpanRecord]) -> str:
    """Compact JSON list of spans (non-ASCII kept as is), the form a ``spans`` column holds."""
    return json.dumps([span_to_dict(s) for s in spans], ensure_ascii=False, separators=(",", ":"))


# --- columns ---------------------------------------------------------------------------------------


def find_column(columns: Sequence[str], names: Sequence[str]) -> str | None:
    """The first column matching one of ``names`` (in the order of ``names``), ignoring case."""
    by_lower: dict[str, str] = {}
    for col in columns:
        by_lower.setdefault(col.strip().lower(), col)
    for name in names:
        if name.lower() in by_lower:
            return by_lower[name.lower()]
    return None


@dataclass
class ColumnPlan:
    """Which table column means what."""

    text: str
    id: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # column -> label set
    spans: str | None = None
    split: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)  # column -> metadata key
    notes: list[str] = field(default_factory=list)


def _listing(columns: Sequence[str]) -> str:
    return ", ".join(repr(c) for c in columns) if columns else "(none)"


def _named(columns: Sequence[str], name: str, option: str, path: Path | str, role: str) -> str:
    """The column the user named for ``role`` (text, id, label); ``option`` is how the CLI calls it."""
    if name in columns:
        return name
    found = find_column(columns, [name])
    if found is None:
        raise ImportFormatError(
            path,
            f"{option} {name!r}: no such column; columns found: {_listing(columns)}",
            code="import.no_such_column",
            column=name,
            role=role,
            columns=_listing(columns),
        )
    return found


def choose_columns(columns: Sequence[str], options: ImportOptions, path: Path | str) -> ColumnPlan:
    """Decide the text, id, label, spans, split and metadata columns of a table.

    Text: ``options.text_column``, else the first of :data:`TEXT_COLUMN_NAMES`, else the only column
    left once id/label/spans/split columns are set aside. Labels: ``options.label_columns`` plus
    columns named ``label`` (set ``options.label_set``) or ``label:<set>``. Columns named
    ``meta:<key>`` become metadata ``<key>`` (how the csv writer escapes clashing keys).
    """
    columns = list(columns)
    labels: dict[str, str] = {}
    for col, label_set in options.label_columns.items():
        labels[_named(columns, col, "label column", path, "label")] = label_set
    for col in [] if options.explicit_columns else columns:
        low = col.strip().lower()
        if col in labels:
            continue
        if low == "label":
            labels[col] = options.label_set
        elif low.startswith(LABEL_PREFIX) and col.strip()[len(LABEL_PREFIX) :].strip():
            labels[col] = col.strip()[len(LABEL_PREFIX) :].strip()
    if options.id_column:
        id_col = _named(columns, options.id_column, "--id-column", path, "id")
    else:
        id_col = None if options.explicit_columns else find_column(columns, ID_COLUMN_NAMES)
    spans_col = find_column(columns, ["spans"])
    split_col = find_column(columns, ["split"])
    notes: list[str] = []
    if options.text_column:
        text_col = _named(columns, options.text_column, "--text-column", path, "text")
        # The user's choice of text column wins over a name that looks like an id/spans/split column.
        id_col, spans_col, split_col = (None if c == text_col else c for c in (id_col, spans_col, split_col))
    else:
        text_col = find_column(columns, TEXT_COLUMN_NAMES)
        if text_col is None:
            special = {id_col, spans_col, split_col, *labels}
            rest = [c for c in columns if c not in special]
            if len(rest) != 1:
                raise ImportFormatError(
                    path,
                    f"no text column found; columns found: {_listing(columns)}. "
                    f"Name the column that holds the text with --text-column "
                    f"(looked for: {', '.join(TEXT_COLUMN_NAMES)})",
                    code="import.no_text_column",
                    columns=_listing(columns),
                    looked_for=", ".join(TEXT_COLUMN_NAMES),
                )
            text_col = rest[0]
            notes.append(f"used column {text_col!r} as the text (the only other column)")
    labels.pop(text_col, None)
    used = {text_col, id_col, spans_col, split_col, *labels}
    metadata = {}
    for col in columns:
        if col in used:
            continue
        key = col[len(META_PREFIX) :] if col.lower().startswith(META_PREFIX) else col
        metadata[col] = key
    return ColumnPlan(text_col, id_col, labels, spans_col, split_col, metadata, notes)


def _cell(value: Any) -> str:
    # pandas fills missing cells (short rows) with NaN even with na_filter=False.
    return value if isinstance(value, str) else ""


def records_from_columns(
    data: dict[str, list[Any]],
    plan: ColumnPlan,
    path: Path | str,
    row_numbers: Sequence[int] | None = None,
) -> list[DocRecord]:
    """DocRecords from column-wise cell lists (all cells str; anything else counts as empty).

    Texts are kept exactly; ids, labels and split are stripped of surrounding blanks and are None/absent
    when empty; empty metadata cells are skipped. ``row_numbers`` gives each row's number for
    ``origin``; by default the rows are numbered from 2 (the header is row 1).
    """
    texts = data[plan.text]
    n = len(texts)
    empty = [""] * n
    ids = data[plan.id] if plan.id else empty
    splits = data[plan.split] if plan.split else empty
    spans_cells = data[plan.spans] if plan.spans else empty
    label_cols = [(label_set, data[col]) for col, label_set in plan.labels.items()]
    meta_cols = [(key, data[col]) for col, key in plan.metadata.items()]
    records = []
    numbers = row_numbers if row_numbers is not None else range(2, n + 2)
    for i in range(n):
        origin = f"row {numbers[i]}"
        ext = _cell(ids[i]).strip()
        split = _cell(splits[i]).strip()
        labels = {}
        for label_set, cells in label_cols:
            label = _cell(cells[i]).strip()
            if label:
                labels[label_set] = label
        metadata = {}
        for key, cells in meta_cols:
            value = _cell(cells[i])
            if value.strip():
                metadata[key] = value
        span_cell = _cell(spans_cells[i])
        records.append(
            DocRecord(
                text=_cell(texts[i]),
                external_id=ext or None,
                labels=labels,
                spans=spans_from_json(span_cell, path, origin) if span_cell else [],
                metadata=metadata,
                split=split or None,
                origin=origin,
            )
        )
    return records


# --- writing ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_text_writer(path: Path, newline: str | None = "") -> Iterator[IO[str]]:
    """Open a UTF-8 temp file beside ``path``; it replaces ``path`` only if the block succeeds.

    A failure (or an interrupt) removes the temp file and leaves any old ``path`` untouched. An OSError
    (folder missing, disk full, target is a folder) becomes a :class:`MedlabelError` naming ``path``.
    A new file gets mode 0600 (it holds patient text); an existing file's mode is kept.
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise MedlabelError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with open(fd, "w", encoding="utf-8", newline=newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                shutil.copymode(path, tmp)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise MedlabelError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
