"""Guessing a table's text and id columns from the first rows when no column name says which they are.

Names decide first, the way :func:`medlabel.core.io.choose_columns` reads them (``text``/``report``…
for the text, ``id``/``report_id``… for the id); columns named ``label``, ``label:<set>``, ``spans``,
``split`` or ``meta:<key>`` are never guessed as text or id. Otherwise the content decides: the text is
the column of free text (words with spaces between them, not numbers or codes) with the longest average
length; the id is a column whose values are non-empty, short and all different in the preview.

Each guess carries a reason code (the ``REASON_*`` constants) so that a front end can say in its own
language why a column was proposed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medlabel.core.io._common import (
    ID_COLUMN_NAMES,
    LABEL_PREFIX,
    META_PREFIX,
    TEXT_COLUMN_NAMES,
    find_column,
)

REASON_NAME = "name"  # the column's name says what it holds
REASON_LONGEST_TEXT = "longest_text"  # the longest free text on average
REASON_UNIQUE_SHORT = "unique_short"  # short, non-empty and different in every preview row

# An id is a code, a number or a UUID (36 characters), not a sentence.
MAX_ID_LENGTH = 40
# Uniqueness over a single row says nothing.
MIN_ID_ROWS = 2
# A column counts as free text when at least this share of its filled cells holds more than one word.
WORDY_SHARE = 0.5
# Parts of a column name that hint at an id, used only to rank columns the content already allows.
_ID_HINTS = {"id", "nr", "no", "num", "number", "nummer", "key", "accession"}
_ID_ENDINGS = ("id", "nr", "nummer", "number")


@dataclass(frozen=True)
class ColumnGuess:
    """The proposed text and id columns (None: no proposal) and why each was proposed."""

    text: str | None = None
    id: str | None = None
    text_reason: str | None = None  # one of the REASON_* constants, None when ``text`` is None
    id_reason: str | None = None


def _is_special(column: str) -> bool:
    low = column.strip().lower()
    return low in ("label", "spans", "split") or low.startswith((LABEL_PREFIX, META_PREFIX))


def _is_number(value: str) -> bool:
    try:
        # German decimals and numbers grouped by spaces ("1 234,5") are numbers too.
        float(value.replace(" ", "").replace(",", "."))
    except ValueError:
        return False
    return True


def _cells(rows: Sequence[Sequence[str]], index: int) -> list[str]:
    # A short row leaves its last cells empty; anything not a string counts as empty too.
    return [row[index].strip() if index < len(row) and isinstance(row[index], str) else "" for row in rows]


def _text_score(cells: list[str]) -> tuple[bool, float]:
    """(free text?, mean length over all rows): free text beats numbers and codes, then length."""
    filled = [c for c in cells if c]
    if not filled:
        return False, 0.0
    wordy = sum(1 for c in filled if len(c.split()) > 1 and not _is_number(c))
    mean = sum(len(c) for c in cells) / len(cells)
    return wordy >= WORDY_SHARE * len(filled), mean


def _id_hint(column: str) -> bool:
    low = column.strip().lower()
    parts = {p for p in re.split(r"[^a-z0-9]+", low) if p}
    return bool(parts & _ID_HINTS) or low.endswith(_ID_ENDINGS)


def _could_be_id(cells: list[str]) -> bool:
    return (
        len(cells) >= MIN_ID_ROWS
        and all(cells)
        and len(set(cells)) == len(cells)
        and max(len(c) for c in cells) <= MAX_ID_LENGTH
    )


def guess_columns(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> ColumnGuess:
    """The text and id columns of a table with header ``columns`` and first ``rows`` (cells as text).

    Text: a column named like a text column, else the free-text column with the longest average text
    (ties: the leftmost); None when every candidate column is empty. Id: a column named like an id, else
    a column whose preview values are all filled, different and at most :data:`MAX_ID_LENGTH` characters
    long, preferring names that hint at an id, then values without spaces, then the leftmost; None when
    no column fits or there are fewer than :data:`MIN_ID_ROWS` rows.
    """
    columns = list(columns)
    text = find_column(columns, TEXT_COLUMN_NAMES)
    text_reason = REASON_NAME if text is not None else None
    id_col = find_column(columns, ID_COLUMN_NAMES)
    id_reason = REASON_NAME if id_col is not None else None
    if id_col == text:  # a column cannot be both; the text wins
        id_col, id_reason = None, None
    # A duplicated name maps to its first column, the way the readers number duplicates apart.
    index = {}
    for i, column in enumerate(columns):
        index.setdefault(column, i)
    free = [c for c in index if not _is_special(c) and c not in (text, id_col)]

    if text is None:
        scored = [(_text_score(_cells(rows, index[c])), -index[c], c) for c in free]
        scored = [s for s in scored if s[0][1] > 0]
        if scored:
            text = max(scored)[2]
            text_reason = REASON_LONGEST_TEXT
    if id_col is None:
        candidates = []
        for column in free:
            cells = _cells(rows, index[column])
            if column != text and _could_be_id(cells):
                spaced = any(len(c.split()) > 1 for c in cells)
                candidates.append((not _id_hint(column), spaced, index[column], column))
        if candidates:
            id_col = min(candidates)[3]
            id_reason = REASON_UNIQUE_SHORT
    return ColumnGuess(text, id_col, text_reason, id_reason)
