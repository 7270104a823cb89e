"""Snapping a selection to word boundaries (the GUI's default when a span is made)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medlabel.core.annotations import snap_to_words

TEXT = "LVEF 55 %, EDV 2,5 l (normal 1.2-3.0); Raucher."


def sel(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ("VEF 5", "LVEF 55"),  # both ends widened to whole words
        (" 55 %", "55 %"),  # white space dropped, punctuation kept
        ("2,", "2,5"),  # a decimal comma joins digits into one word
        (".2-3", "1.2-3.0"),
        ("auch", "Raucher"),
        ("EDV", "EDV"),
    ],
)
def test_snap_widens_to_words(selected, expected):
    start, end = snap_to_words(TEXT, *sel(selected))
    assert TEXT[start:end] == expected


def test_only_space_stays_empty():
    start, end = snap_to_words(TEXT, 4, 5)
    assert start == end


@given(st.text(max_size=40), st.integers(-5, 45), st.integers(-5, 45))
def test_snap_stays_inside_text_and_contains_the_selection_core(text, a, b):
    start, end = snap_to_words(text, a, b)
    assert 0 <= start <= end <= len(text)
    lo, hi = (min(max(0, x), len(text)) for x in (min(a, b), max(a, b)))
    core = text[lo:hi].strip()
    if core:
        assert core in text[start:end]
