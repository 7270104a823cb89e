"""BIO tags over tokens from character spans and back, sliding windows, and strict span F1.

Pure functions on plain lists (no torch; only the last section calls a tokenizer): a tokenizer's offset
mapping comes in as a list of ``(start, end)`` character offsets per token, ``None`` for special tokens.
Spans are ``(start, end, type)`` triples with ``end`` exclusive.

Rules, since BIO can hold neither overlapping spans nor a token split between two spans:

- Overlapping spans: the longer span wins (ties: the earlier, then the type name first in sort order); a
  span that overlaps a kept one is dropped for training (``resolve_overlaps``).
- A token belongs to a span when their character ranges overlap, so a span starting or ending inside a
  token takes in the whole token: decoding gives the span snapped outward to token boundaries.
- A token touched by two (non-overlapping) spans stays with the earlier span; the later span starts with
  B- at its first token of its own (and vanishes when it has none).
- Decoding: B- starts a span; I- continues a span of the same type and otherwise starts one (an I-
  without B-, e.g. at a window's first token); O, a special token or a type change ends it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

Span = tuple[int, int, str]
Offset = tuple[int, int] | None

T = TypeVar("T")

OUTSIDE = "O"
IGNORE = -100  # the label index the loss skips: special tokens and padding


def label_list(types: Sequence[str]) -> list[str]:
    """``O`` then ``B-t``, ``I-t`` for each entity type, in the given order."""
    labels = [OUTSIDE]
    for t in types:
        labels += [f"B-{t}", f"I-{t}"]
    return labels


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """The spans BIO can hold: empty spans dropped, of overlapping ones the longer kept; sorted by start."""
    candidates = sorted({s for s in spans if s[1] > s[0]}, key=lambda s: (-(s[1] - s[0]), s[0], s[2]))
    kept: list[Span] = []
    for span in candidates:
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def tokens_in(offsets: Sequence[Offset], start: int, end: int) -> list[int]:
    """Indices of the tokens whose characters overlap ``[start, end)``; zero-width and special tokens
    cover no character and so belong to no span."""
    return [i for i, o in enumerate(offsets) if o is not None and o[1] > o[0] and o[0] < end and o[1] > start]


def bio_tags(offsets: Sequence[Offset], spans: Iterable[Span]) -> list[str | None]:
    """One tag per token (``None`` for special tokens), from character spans (overlaps resolved first)."""
    tags: list[str | None] = [None if o is None else OUTSIDE for o in offsets]
    claimed = [False] * len(offsets)
    for start, end, kind in resolve_overlaps(spans):
        first = True
        for i in tokens_in(offsets, start, end):
            if claimed[i]:
                continue
            tags[i] = f"{'B' if first else 'I'}-{kind}"
            claimed[i] = True
            first = False
    return tags


def decode_bio(tags: Sequence[str | None], offsets: Sequence[Offset], text: str | None = None) -> list[Span]:
    """Character spans from per-token tags: start of the first token to end of the last.

    With ``text`` the spans are trimmed of surrounding whitespace (byte-level and SentencePiece tokens
    carry their leading space in their offsets); a span that is whitespace only is dropped.
    """
    spans: list[Span] = []
    current: list | None = None  # [start, end, type]
    for tag, offset in zip(tags, offsets, strict=True):
        if offset is None or tag is None or tag == OUTSIDE or tag[:2] not in ("B-", "I-"):
            current = _close(current, spans)
            continue
        prefix, kind = tag[0], tag[2:]
        if prefix == "B" or current is None or current[2] != kind:
            _close(current, spans)
            current = [offset[0], offset[1], kind]
        else:
            current[1] = max(current[1], offset[1])
    _close(current, spans)
    if text is not None:
        spans = [s for s in (_trim(text, s) for s in spans) if s is not None]
    return spans


def _close(current: list | None, spans: list[Span]) -> None:
    if current is not None:
        spans.append((current[0], current[1], current[2]))


def _trim(text: str, span: Span) -> Span | None:
    start, end, kind = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end, kind) if end > start else None


def make_windows(n_tokens: int, size: int, stride: int) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of at most ``size`` tokens that cover ``n_tokens``, neighbours sharing
    at least ``stride`` tokens. The last window is moved back to end at the last token, so that it is full
    (more context) rather than a short remainder."""
    if size < 1:
        raise ValueError("a window must hold at least one token")
    if n_tokens <= size:
        return [(0, n_tokens)]
    step = max(1, size - stride)
    windows = []
    start = 0
    while start + size < n_tokens:
        windows.append((start, start + size))
        start += step
    windows.append((n_tokens - size, n_tokens))
    return windows


def best_window_per_token(n_tokens: int, windows: Sequence[tuple[int, int]]) -> list[int]:
    """For each token the index of the window in which it sits farthest from a window edge.

    A window edge at the text's own start or end is no edge (nothing is missing there); ties go to the
    earlier window. A token near a cut sees only one side of its context, so its label is taken from a
    window where it sees both.
    """
    best = [-1] * n_tokens
    margin = [-1.0] * n_tokens
    for w, (start, end) in enumerate(windows):
        for i in range(start, end):
            left = i - start if start > 0 else math.inf
            right = end - 1 - i if end < n_tokens else math.inf
            m = min(left, right)
            if m > margin[i]:
                best[i], margin[i] = w, m
    if -1 in best:
        raise ValueError("the windows do not cover every token")
    return best


def merge_windows(
    n_tokens: int, windows: Sequence[tuple[int, int]], per_window: Sequence[Sequence[T]]
) -> list[T]:
    """One value per token (a tag, a row of probabilities, ...) from ``per_window[w][i - start_w]`` of the
    window ``best_window_per_token`` picks for it."""
    best = best_window_per_token(n_tokens, windows)
    return [per_window[w][i - windows[w][0]] for i, w in enumerate(best)]


def strict_span_f1(gold: Sequence[Iterable[Span]], predicted: Sequence[Iterable[Span]]) -> dict[str, float]:
    """Micro precision, recall and F1 over documents: a span counts only with exact offsets and type."""
    tp = n_gold = n_pred = 0
    for g, p in zip(gold, predicted, strict=True):
        g_set, p_set = set(g), set(p)
        tp += len(g_set & p_set)
        n_gold += len(g_set)
        n_pred += len(p_set)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    if not n_gold and not n_pred:
        precision = recall = f1 = 1.0  # nothing to find and nothing found
    return {"precision": precision, "recall": recall, "f1": f1}


def token_spans(tags: Sequence[str | None]) -> list[Span]:
    """Spans over token indices (``end`` exclusive) decoded from tags, for span F1 on token sequences."""
    return decode_bio(tags, [(i, i + 1) for i in range(len(tags))])


# --- the tokenizer side (a fast tokenizer object; still no torch) ---------------------------------


def special_template(tokenizer: Any) -> tuple[list[int], list[int]]:
    """The special token ids the tokenizer puts before and after a text (``[CLS]``/``[SEP]``, BOS, none)."""
    plain = tokenizer("a", add_special_tokens=False)["input_ids"]
    full = tokenizer("a", add_special_tokens=True)["input_ids"]
    for k in range(len(full) - len(plain) + 1):
        if full[k : k + len(plain)] == plain:
            return full[:k], full[k + len(plain) :]
    raise ValueError("the tokenizer adds special tokens in a way that cannot be placed around windows")


def encode_text(tokenizer: Any, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Token ids and character offsets of a whole report, without special tokens or truncation."""
    enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]


def window_items(
    ids: Sequence[int],
    windows: Sequence[tuple[int, int]],
    template: tuple[list[int], list[int]],
    label_ids: Sequence[int] | None = None,
) -> list[dict[str, list[int]]]:
    """Model inputs for each window: the template's special tokens around the window's tokens; labels
    (special tokens get -100, ignored by the loss) when ``label_ids`` are given."""
    prefix, suffix = template
    items = []
    for start, end in windows:
        item = {"input_ids": [*prefix, *ids[start:end], *suffix]}
        item["attention_mask"] = [1] * len(item["input_ids"])
        if label_ids is not None:
            item["labels"] = [IGNORE] * len(prefix) + list(label_ids[start:end]) + [IGNORE] * len(suffix)
        items.append(item)
    return items
