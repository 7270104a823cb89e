"""BIO tags from character spans and back, windows and their merge, with MiniLM's real tokenizer."""

from __future__ import annotations

import itertools

import pytest

from medlabel.ml.models import load_tokenizer, resolve_model
from medlabel.ml.recipes.bio import (
    IGNORE,
    best_window_per_token,
    bio_tags,
    decode_bio,
    encode_text,
    label_list,
    make_windows,
    merge_windows,
    resolve_overlaps,
    special_template,
    strict_span_f1,
    token_spans,
    tokens_in,
    window_items,
)

TEXT = "Die LV-EF beträgt 55,0 %. LVEDVi 85 ml/m². Überweisung folgt."


def at(text: str, part: str, kind: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return (start, start + len(part), kind)


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(resolve_model("minilm"))


@pytest.fixture(scope="module")
def encoded(tokenizer):
    return encode_text(tokenizer, TEXT)


def tagged(tokenizer, text, tags):
    _ids, offsets = encode_text(tokenizer, text)
    return [(text[o[0] : o[1]], t) for o, t in zip(offsets, tags, strict=True) if t != "O"]


def test_label_list_has_outside_then_begin_and_inside_per_type():
    assert label_list(["LV-EF", "LVEDV"]) == ["O", "B-LV-EF", "I-LV-EF", "B-LVEDV", "I-LVEDV"]


def test_offsets_point_into_the_original_text_despite_lowercasing_and_umlauts(tokenizer, encoded):
    ids, offsets = encoded
    pieces = [TEXT[s:e] for s, e in offsets]
    assert "räg" in pieces and "Über" in pieces and "m²" in pieces
    assert "[CLS]" not in tokenizer.convert_ids_to_tokens(ids)


def test_spans_align_to_tokens_german_numbers_and_units(tokenizer, encoded):
    _, offsets = encoded
    spans = [at(TEXT, "55,0 %", "LV-EF"), at(TEXT, "85 ml/m²", "LVEDVi"), at(TEXT, "Überweisung", "Plan")]
    tags = bio_tags(offsets, spans)
    assert tagged(tokenizer, TEXT, tags) == [
        ("55", "B-LV-EF"), (",", "I-LV-EF"), ("0", "I-LV-EF"), ("%", "I-LV-EF"),
        ("85", "B-LVEDVi"), ("ml", "I-LVEDVi"), ("/", "I-LVEDVi"), ("m²", "I-LVEDVi"),
        ("Über", "B-Plan"), ("wei", "I-Plan"), ("sun", "I-Plan"), ("g", "I-Plan"),
    ]  # fmt: skip
    assert decode_bio(tags, offsets) == sorted(spans)


def test_special_tokens_get_no_tag():
    assert bio_tags([None, (0, 3), (4, 6), None], [(0, 6, "X")]) == [None, "B-X", "I-X", None]


def test_spans_inside_tokens_snap_outward_to_token_boundaries(tokenizer, encoded):
    _, offsets = encoded
    inside = (TEXT.index("beträgt") + 1, TEXT.index("beträgt") + 5, "Verb")  # "eträ": bet|räg
    tags = bio_tags(offsets, [inside])
    assert tagged(tokenizer, TEXT, tags) == [("bet", "B-Verb"), ("räg", "I-Verb")]
    start = TEXT.index("beträgt")
    assert decode_bio(tags, offsets) == [(start, start + 6, "Verb")]


def test_decode_of_encode_gives_the_original_token_aligned_spans_back(encoded):
    _, offsets = encoded
    spans = [at(TEXT, "LV-EF", "A"), at(TEXT, "55,0", "B"), at(TEXT, "%", "B"), at(TEXT, "LVEDVi", "A")]
    assert decode_bio(bio_tags(offsets, spans), offsets) == sorted(spans)
    # Adjacent spans of one type stay apart: the second starts with B-.
    assert decode_bio(bio_tags(offsets, [at(TEXT, "55", "B"), at(TEXT, ",0", "B")]), offsets) == [
        at(TEXT, "55", "B"),
        at(TEXT, ",0", "B"),
    ]


def test_longer_of_overlapping_spans_wins():
    spans = [(0, 10, "long"), (2, 4, "short"), (8, 12, "tail"), (20, 22, "x"), (20, 22, "a"), (5, 5, "empty")]
    assert resolve_overlaps(spans) == [(0, 10, "long"), (20, 22, "a")]
    offsets = [(0, 4), (5, 10), (11, 12), (20, 22)]
    assert decode_bio(bio_tags(offsets, spans), offsets) == [(0, 10, "long"), (20, 22, "a")]


def test_a_token_shared_by_two_spans_stays_with_the_earlier(tokenizer, encoded):
    _, offsets = encoded
    start = TEXT.index("LVEDVi")  # tokens: l | ved | vi
    first, second = (start, start + 3, "A"), (start + 3, start + 6, "B")  # "LVE", "DVi": both touch "ved"
    tags = bio_tags(offsets, [first, second])
    assert tagged(tokenizer, TEXT, tags) == [("L", "B-A"), ("VED", "I-A"), ("Vi", "B-B")]
    # A later span with no token of its own vanishes.
    assert tagged(
        tokenizer, TEXT, bio_tags(offsets, [(start, start + 2, "A"), (start + 2, start + 3, "B")])
    ) == [
        ("L", "B-A"),
        ("VED", "I-A"),
    ]


def test_decode_rules_for_broken_sequences():
    offsets = [(i * 2, i * 2 + 1) for i in range(8)]
    tags = ["I-A", "I-A", "B-A", "I-B", "O", "I-B", None, "I-B"]
    assert decode_bio(tags, offsets) == [(0, 3, "A"), (4, 5, "A"), (6, 7, "B"), (10, 11, "B"), (14, 15, "B")]
    assert decode_bio(["B-A", "I-A"], [(0, 2), None]) == [(0, 2, "A")]
    assert token_spans(["O", "B-A", "I-A", "B-A", "I-B"]) == [(1, 3, "A"), (3, 4, "A"), (4, 5, "B")]


def test_decode_trims_whitespace_that_byte_level_tokens_carry():
    text = "EF 55 %"
    offsets = [(0, 2), (2, 5), (5, 7)]  # "EF", " 55", " %" as a byte-level BPE reports them
    assert decode_bio(["O", "B-X", "I-X"], offsets, text) == [(3, 7, "X")]
    assert decode_bio(["B-X", "O", "O"], [(0, 1), (1, 2), (2, 3)], "   ") == []


def test_tokens_in_skips_special_and_zero_width_tokens():
    assert tokens_in([None, (0, 2), (2, 2), (2, 4), (5, 6)], 1, 5) == [1, 3]


@pytest.mark.parametrize("n", [0, 1, 7, 8, 9, 20, 57, 100])
@pytest.mark.parametrize(("size", "stride"), [(8, 0), (8, 3), (5, 2), (1, 0)])
def test_windows_cover_every_token_and_overlap_by_the_stride(n, size, stride):
    windows = make_windows(n, size, stride)
    covered = set()
    for start, end in windows:
        assert 0 <= start <= end <= n and end - start <= size
        covered |= set(range(start, end))
    assert covered == set(range(n))
    for (s1, e1), (s2, _) in itertools.pairwise(windows):
        assert s2 > s1 and e1 - s2 >= stride
    if n > size:
        assert all(end - start == size for start, end in windows)


def test_each_token_comes_from_the_window_where_it_sees_most_context():
    windows = [(0, 6), (4, 10)]
    assert best_window_per_token(10, windows) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    assert best_window_per_token(3, [(0, 3)]) == [0, 0, 0]
    with pytest.raises(ValueError):
        best_window_per_token(5, [(0, 3)])


def test_window_items_frame_each_window_with_special_tokens(tokenizer):
    prefix, suffix = special_template(tokenizer)
    assert tokenizer.convert_ids_to_tokens(prefix + suffix) == ["[CLS]", "[SEP]"]
    items = window_items([5, 6, 7, 8], [(0, 3), (1, 4)], (prefix, suffix), [0, 1, 2, 0])
    assert items[1]["input_ids"] == [*prefix, 6, 7, 8, *suffix]
    assert items[1]["labels"] == [IGNORE, 1, 2, 0, IGNORE]
    assert items[0]["attention_mask"] == [1] * 5
    assert "labels" not in window_items([5], [(0, 1)], (prefix, suffix))[0]


def test_merged_windows_of_a_long_text_give_the_single_pass_spans(tokenizer):
    sentences = [
        f"Befund {i}: die LVEF beträgt {30 + i},5 % und das LVEDV {100 + i} ml/m²." for i in range(12)
    ]
    text = " ".join(sentences)
    spans = [at(text, f"{30 + i},5 %", "EF") for i in range(12)] + [
        at(text, f"{100 + i} ml/m²", "V") for i in range(12)
    ]
    _, offsets = encode_text(tokenizer, text)
    gold = bio_tags(offsets, spans)
    assert len(offsets) > 150
    single = decode_bio(gold, offsets, text)
    assert single == sorted(spans)

    size, stride = 24, 10
    windows = make_windows(len(offsets), size, stride)
    assert len(windows) > 5

    def window_model(start: int, end: int) -> list[str]:
        # A model that is right only with context on both sides: 4 tokens next to a cut come out wrong.
        out = []
        for i in range(start, end):
            near_cut = (start > 0 and i - start < 4) or (end < len(offsets) and end - 1 - i < 4)
            out.append("O" if near_cut else gold[i])
        return out

    merged = merge_windows(len(offsets), windows, [window_model(s, e) for s, e in windows])
    assert decode_bio(merged, offsets, text) == single
    # Without the merge rule (last window wins) the cut tokens would be wrong.
    last_wins = {i: window_model(s, e)[i - s] for s, e in windows for i in range(s, e)}
    assert decode_bio([last_wins[i] for i in range(len(offsets))], offsets, text) != single


def test_strict_span_f1_counts_exact_offsets_and_type_only():
    gold = [[(0, 4, "A"), (10, 12, "B")], [(3, 5, "A")]]
    pred = [[(0, 4, "A"), (10, 12, "A")], [(3, 6, "A")]]
    scores = strict_span_f1(gold, pred)
    assert scores == pytest.approx({"precision": 1 / 3, "recall": 1 / 3, "f1": 1 / 3})
    assert strict_span_f1([[]], [[]])["f1"] == 1.0
    assert strict_span_f1([[(0, 1, "A")]], [[]]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
