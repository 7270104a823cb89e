"""How a report's text is laid out on the page: whether it aligns columns with spaces or tabs (a table typed
into a plain-text report), which reads right only in a fixed-width font."""

from __future__ import annotations

import re

# A column gap: a tab, a pipe (with the spaces around it), or two or more spaces.
_GAP = re.compile(r"[ ]*[\t|][ \t|]*|[ ]{2,}")
# A table's rule line ("-----", "|----|----|", "=== ==="): it separates rows but holds no cells.
_RULE = re.compile(r"^[\s\-=_+|:]*$")


def _edges(line: str) -> set[int] | None:
    """The columns where this line's cells start or end, or None when it is not a row of cells (no gap
    after the line's first text)."""
    text = line.rstrip()
    first = len(text) - len(text.lstrip())
    edges = set()
    for gap in _GAP.finditer(text, first):
        if gap.start() == first or gap.end() == len(text):
            continue  # indentation or a trailing pipe, not a gap between two cells
        edges.update((gap.start(), gap.end()))
        edges.update(i for i in range(gap.start(), gap.end()) if text[i] == "|")
    if not edges:
        return None
    edges.add(len(text))  # right-aligned last columns end together
    return edges


def has_aligned_columns(text: str) -> bool:
    """True when the text holds a table laid out with whitespace: a tab between words on a line, or two
    consecutive rows of cells (a rule line between them is skipped) whose gaps start or end, or whose last
    cells end, at the same column."""
    previous: set[int] | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\t" in line.strip():
            return True
        if line.strip() and _RULE.match(line):
            continue
        edges = _edges(line)
        if edges is not None and previous is not None and edges & previous:
            return True
        previous = edges
    return False
