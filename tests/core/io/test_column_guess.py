"""Guessing the text and id columns from a table's first rows when no column name says which they are."""

from __future__ import annotations

import pytest

from medlabel.core.io.column_guess import (
    REASON_LONGEST_TEXT,
    REASON_NAME,
    REASON_UNIQUE_SHORT,
    ColumnGuess,
    guess_columns,
)

BEFUNDE = [
    ["1", "Raucher seit 20 Jahren, 1 Schachtel täglich.", "F17.2"],
    ["2", "Nie geraucht.", "Z72.0"],
    ["3", "Ex-Raucher, Rauchstopp 2001, kein Rückfall.", "F17.2"],
    ["4", "Keine Angaben zum Nikotinkonsum.", "Z71.6"],
]


def test_the_longest_free_text_is_the_text_and_the_unique_short_column_the_id():
    guess = guess_columns(["nr", "befund", "diagnose_code"], BEFUNDE)
    assert guess == ColumnGuess("befund", "nr", REASON_LONGEST_TEXT, REASON_UNIQUE_SHORT)


def test_names_decide_before_the_content():
    rows = [
        ["a", "short", "A much longer free text than the one named text."],
        ["b", "tiny", "Another long one."],
    ]
    guess = guess_columns(["ID", "Text", "remarks"], rows)
    assert guess == ColumnGuess("Text", "ID", REASON_NAME, REASON_NAME)


@pytest.mark.parametrize(
    "codes",
    [
        ["100200300400500", "100200300400501", "100200300400502"],  # long numbers
        ["1234567.8912345", "2234567,8912345", "-3234567.891234"],  # decimals, also German ones
        ["1 234 567 890 123", "2 234 567 890 123", "3 234 567 890 123"],  # grouped by spaces
        ["ICD10-GM:F17.2-LONGCODE", "ICD10-GM:Z72.0-LONGCODE", "ICD10-GM:Z71.6-LONGCODE"],  # long codes
    ],
)
def test_numbers_and_codes_are_never_the_text_when_free_text_exists(codes):
    texts = ["Never smoked.", "Quit in 2001.", "Smokes daily."]
    guess = guess_columns(["accession", "befund"], [[c, t] for c, t in zip(codes, texts, strict=True)])
    assert min(len(c) for c in codes) > max(len(t) for t in texts)  # the codes are the longer cells
    assert (guess.text, guess.id) == ("befund", "accession")


def test_without_any_free_text_the_longest_column_is_the_text():
    guess = guess_columns(["a", "b"], [["x", "abcdef"], ["y", "ghijkl"]])
    assert (guess.text, guess.text_reason) == ("b", REASON_LONGEST_TEXT)
    assert guess.id == "a"


def test_a_tie_goes_to_the_leftmost_column():
    rows = [["one two", "six ten"], ["aaa bbb", "ccc ddd"]]
    assert guess_columns(["left", "right"], rows).text == "left"
    assert guess_columns(["right", "left"], rows).text == "right"


def test_all_empty_columns_give_no_guess():
    assert guess_columns(["a", "b"], [["", " "], ["", ""]]) == ColumnGuess()
    assert guess_columns(["a", "b"], []) == ColumnGuess()
    assert guess_columns([], []) == ColumnGuess()


def test_short_rows_count_their_missing_cells_as_empty():
    rows = [["1", "Free text here, quite long."], ["2"], ["3", "More free text."]]
    guess = guess_columns(["nr", "befund"], rows)
    assert (guess.text, guess.id) == ("befund", "nr")


@pytest.mark.parametrize(
    ("values", "why"),
    [
        (["a1", "a1", "a3"], "a value twice"),
        (["a1", "", "a3"], "an empty value"),
        (["a1", "x" * 41, "a3"], "a value too long for an id"),
    ],
)
def test_a_column_is_no_id_when(values, why):
    texts = ["Long free text one.", "Long free text two.", "Long free text three."]
    guess = guess_columns(["key", "befund"], [[v, t] for v, t in zip(values, texts, strict=True)])
    assert guess.text == "befund"
    assert (guess.id, guess.id_reason) == (None, None), why


def test_one_row_is_too_few_to_call_a_column_unique():
    assert guess_columns(["nr", "befund"], [["1", "Some free text."]]).id is None


def test_a_name_that_hints_at_an_id_is_preferred_then_values_without_spaces_then_the_leftmost():
    rows = [["F17.2", "A 1", "x-1", "1", "Free text, long enough to be the text."],
            ["Z72.0", "B 2", "x-2", "2", "More free text, long enough as well."]]  # fmt: skip
    columns = ["code", "spaced", "plain", "fallnummer", "befund"]
    assert guess_columns(columns, rows).id == "fallnummer"
    assert guess_columns(["spaced", "plain", "befund"], [[r[1], r[2], r[4]] for r in rows]).id == "plain"
    assert guess_columns(["code", "plain", "befund"], [[r[0], r[2], r[4]] for r in rows]).id == "code"


@pytest.mark.parametrize("special", ["label", "label:smoking", "spans", "split", "meta:ward"])
def test_columns_with_a_meaning_by_name_are_never_guessed(special):
    rows = [["A very long value in the special column, longer than all else.", "Short text.", "k1"],
            ["Another very long value in the special column, the longest.", "Text two.", "k2"]]  # fmt: skip
    guess = guess_columns([special, "befund", "nr"], rows)
    assert (guess.text, guess.id) == ("befund", "nr")


def test_an_id_named_column_is_not_guessed_as_the_text():
    rows = [["a long id with some spaces in it", "x"], ["another long id with spaces", "y"]]
    guess = guess_columns(["id", "other"], rows)
    assert (guess.id, guess.id_reason) == ("id", REASON_NAME)
    assert guess.text == "other"
