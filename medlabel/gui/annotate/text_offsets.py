"""Between the store's offsets (Python code points) and Qt's text positions (UTF-16 code units).

Qt counts a character outside the Basic Multilingual Plane (an emoji, some CJK) as two positions,
and a QTextDocument merges "\\r\\n" into one paragraph break; shown as is, every span after such a
character would be drawn shifted. The view therefore shows ``display_text`` (each "\\r" as a space,
so every code point stays one or two positions) and converts offsets both ways.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class OffsetMap:
    def __init__(self, text: str) -> None:
        self.text = text
        self.display_text = text.replace("\r", " ")
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]  # code point indices
        # Qt position of each astral character's first unit: its index plus the astral ones before it.
        self._astral_qt = [i + k for k, i in enumerate(self._astral)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def from_qt(self, position: int) -> int:
        """The code point at a Qt position; the second half of a surrogate pair maps to its character's
        end, so a selection never splits a character."""
        before = bisect_right(self._astral_qt, position - 1)
        inside = before and self._astral_qt[before - 1] == position - 1
        return position - before + (1 if inside else 0)
