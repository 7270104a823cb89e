"""Cell texts made safe for spreadsheet programs, and the exact way back.

CSV (formula injection): a spreadsheet program that opens a CSV file runs a cell starting with ``=``,
``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` can send data away), and a leading tab or
carriage return can hide such a start (OWASP's CSV-injection list). :func:`escape_formula_cell` puts an
apostrophe in front of such a cell, which makes the cell plain text; :func:`unescape_formula_cell`
removes it again, so a CSV reader that calls it on every cell (header included) gets the exact texts
back and span offsets stay valid. A cell that already starts with apostrophes before such a character
gets one more, so the pair is exact for every text: ``unescape(escape(s)) == s``.

XLSX (characters XML cannot carry): a text cell is never evaluated, but XML cannot hold most control
characters and turns a carriage return into a line feed when read. :func:`escape_xlsx_text` writes
them the way Excel itself does, as ``_xHHHH_`` (a literal ``_xHHHH_`` in the text is written as
``_x005F_xHHHH_``); Excel and LibreOffice show the original text, and :func:`unescape_xlsx_text`
(what a reader of medlabel's XLSX files calls on every string cell) gives it back exactly.
"""

from __future__ import annotations

import re

FORMULA_STARTS = frozenset("=+-@\t\r")
_APOSTROPHE = "'"
# C0 controls except tab and line feed, the non-characters XML 1.0 forbids, lone surrogates; and the
# underscore that starts a literal "_xHHHH_" (else a reader would decode it).
_XLSX_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")


def _formula_start(value: str) -> bool:
    # Apostrophes are looked through so that a text which itself starts with "'=" stays distinct.
    return value.lstrip(_APOSTROPHE)[:1] in FORMULA_STARTS


def escape_formula_cell(value: str) -> str:
    """``value`` with a leading ``'`` if a spreadsheet program would run it as a formula."""
    return _APOSTROPHE + value if _formula_start(value) else value


def unescape_formula_cell(value: str) -> str:
    """The cell text :func:`escape_formula_cell` was given (other cells come back unchanged)."""
    return value[1:] if value.startswith(_APOSTROPHE) and _formula_start(value) else value


def escape_xlsx_text(value: str) -> str:
    """``value`` with the characters an XLSX text cell cannot carry written as ``_xHHHH_``."""
    return _XLSX_UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", value)


def unescape_xlsx_text(value: str) -> str:
    """The text :func:`escape_xlsx_text` (or Excel) wrote as ``_xHHHH_`` escapes."""
    from openpyxl.utils.escape import unescape

    return unescape(value)
