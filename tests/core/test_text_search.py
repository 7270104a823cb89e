"""The search box's reading (words as starts, quoted phrases, quotes still open) and where it matches a
report, checked against SQLite's own FTS5 tokenizer so that highlights show what the list found."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medlabel.core.doclist import search_query
from medlabel.core.text_search import SearchTerm, fold, match_ranges, parse_query, word_ranges

TEXT = "No smoking since 2010. Smoker's cough: none. Lävo-Skoliose; no evidence of smoking. Smokes 5/day."


def found(text: str, query: str) -> list[str]:
    return [text[a:b] for a, b in match_ranges(text, query)]


def test_parse_query_words_phrases_and_a_phrase_still_being_typed():
    assert parse_query('smok "no smoking" pack') == [
        SearchTerm(("smok",), True),
        SearchTerm(("no", "smoking"), False),
        SearchTerm(("pack",), True),
    ]
    assert parse_query('pack "no smok') == [SearchTerm(("pack",), True), SearchTerm(("no", "smok"), True)]
    assert parse_query("„nicht Raucher“ «x»") == [
        SearchTerm(("nicht", "Raucher"), False),
        SearchTerm(("x",), False),
    ]
    assert parse_query('"" -- " "') == [] and parse_query("") == []
    assert parse_query("pack-years a_b") == [SearchTerm((w,), True) for w in ("pack", "years", "a", "b")]


def test_words_match_whole_words_they_start_case_and_accents_folded():
    assert found(TEXT, "smok") == ["smoking", "Smoker", "smoking", "Smokes"]
    assert found(TEXT, "SMOKER") == ["Smoker"]
    assert found(TEXT, "lavo skol") == ["Lävo", "Skoliose"]
    assert found(TEXT, "moking") == []  # words are matched from their start only
    assert found(TEXT, "2010 5") == ["2010", "5"]
    assert found(TEXT, "") == [] and found(TEXT, "%") == []


def test_a_phrase_matches_its_words_in_a_row_not_apart():
    assert found(TEXT, '"no smoking"') == ["No smoking"]
    # "no" and "smoking" also occur apart ("no evidence of smoking"): the phrase does not match there
    assert "no evidence of smoking" in TEXT
    assert match_ranges(TEXT, '"no smoking"') == [(0, 10)]
    assert found(TEXT, '"smoking no"') == []
    assert found(TEXT, '"smok"') == []  # quoted: that word exactly
    assert found(TEXT, '"no evidence of smo') == ["no evidence of smoking"]  # still being typed
    assert found(TEXT, '"evidence smoking"') == []  # "of" lies between them


def test_overlapping_matches_merge_and_come_in_text_order():
    second = TEXT.index("smoking", 10)
    assert match_ranges(TEXT, 'smoking "no smoking"') == [(0, 10), (second, second + 7)]
    assert found(TEXT, "of evidence") == ["evidence", "of"]


def test_words_split_and_fold_as_sqlite_unicode61_does():
    text = "a_b c%d x²y e\u0301te İstanbul Ά 漢字 😀z"
    words = [text[a:b] for a, b in word_ranges(text)]
    assert words == ["a", "b", "c", "d", "x²y", "e\u0301te", "İstanbul", "Ά", "漢字", "z"]
    assert [fold(w) for w in words[5:8]] == ["ete", "istanbul", "ά"]  # Greek keeps its accent, as SQLite
    assert fold("Straße") == "straße"


def _fts(texts: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    # The tokenizer of the project's index (medlabel.core.migrations).
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts, 1))
    return conn


def test_the_index_finds_exactly_the_reports_with_highlights_on_a_few_hand_picked_searches():
    texts = [TEXT, "Smoked in the past.", "Nichtraucher, Lävo", "no  smoking"]
    conn = _fts(texts)
    for query in ["smok", '"no smoking"', '"no smok', "LAVO", '"smoking no"', "nicht", '"in the past"']:
        listed = {r[0] for r in conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (search_query(query),))}
        assert listed == {i for i, t in enumerate(texts, 1) if match_ranges(t, query)}, query


WORDS = ["no", "smoking", "smoker", "Smök", "lävo", "LAVO", "of", "ab", "a", "é", "ß", "12"]
SEPARATORS = [" ", "  ", ", ", "-", "\n", ". ", "_", "/"]
text_strategy = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=text_strategy, words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), quoted=st.booleans()
)
def test_a_single_term_is_found_by_the_index_exactly_where_it_is_highlighted(text, words, quoted):
    query = f'"{" ".join(words)}"' if quoted else words[0]
    conn = _fts([text])
    listed = bool(conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (search_query(query),)).fetchall())
    assert listed == bool(match_ranges(text, query))


@settings(max_examples=200, deadline=None)
@given(
    text=st.one_of(st.text(max_size=80), text_strategy),
    word=st.one_of(
        st.sampled_from(WORDS), st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=3)
    ),
)
def test_every_range_lies_in_the_text_on_word_bounds_and_starts_with_the_word(text, word):
    starts = {a for a, _ in word_ranges(text)}
    ends = {b for _, b in word_ranges(text)}
    wanted, ranges = fold(word), match_ranges(text, word)
    previous_end = -1
    for start, end in ranges:
        assert 0 <= start < end <= len(text) and start > previous_end
        assert start in starts and end in ends  # whole words, never part of one
        assert fold(text[start:end]).startswith(wanted)  # the word's start, case and accents aside
        previous_end = end
    if fold(word.upper()) == wanted:  # not so for "ß" (upper case "SS")
        assert match_ranges(text, word.upper()) == ranges


@pytest.mark.parametrize("query", ['"no smoking"', '"of smoking"', '"no evidence"'])
def test_phrase_ranges_cover_the_phrase_words_in_order(query):
    words = parse_query(query)[0].words
    for start, end in match_ranges(TEXT, query):
        phrase = TEXT[start:end]
        inside = [fold(phrase[a:b]) for a, b in word_ranges(phrase)]
        assert inside == [fold(w) for w in words]
