"""The search box's text read as search terms, and where those terms occur in a report.

One reading serves both the document list's full-text query (``medlabel.core.doclist.search_query``) and
the report's highlights (:func:`match_ranges`), so that what is highlighted is what was found:

- a word matches any word that starts with it ("smok" finds "smoker", "smoking");
- words in double quotes are a phrase: those words, in that order, exactly ("no smoking"); while its
  closing quote is not typed yet, the phrase's last word may still be a start ("no smok);
- typographic quotes („…“, “…”, «…») count as double quotes: word processors and German keyboards type them.

Words are split and compared as the project's full-text index does (SQLite FTS5, tokenizer
``unicode61 remove_diacritics 2``, see ``medlabel.core.migrations``): letters, digits, combining marks and
private-use characters make up words, everything else separates them; case is ignored and diacritics on
Latin letters are folded ("Lavo" finds "Lävo"), those on other scripts are kept, as SQLite does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

QUOTES = str.maketrans({ch: '"' for ch in "„“”‟«»"})
_TOKEN_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Co", "Mn"})
_RUN = re.compile(r"\S+")


@dataclass(frozen=True)
class SearchTerm:
    """One thing the search must find: a single word or a phrase (words in a row)."""

    words: tuple[str, ...]  # as typed, not folded
    prefix: bool  # the last word may be the start of a longer word


@lru_cache(maxsize=4096)
def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch) in _TOKEN_CATEGORIES


def _is_latin(ch: str) -> bool:
    # SQLite folds the diacritics of Latin letters only (Greek "ά" stays "ά").
    code = ord(ch)
    return code < 0x250 or 0x1E00 <= code < 0x1F00


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as the index compares it: lower case, Latin letters without their diacritics."""
    out = []
    for ch in word.lower():
        if _is_latin(ch):
            ch = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in ch if unicodedata.category(c) != "Mn"))
    return "".join(out)


def word_ranges(text: str) -> list[tuple[int, int]]:
    """Where the words of ``text`` lie (Python str indices), split where the index splits them."""
    # Each separator becomes a space, so offsets stay those of ``text``; only the distinct characters of the
    # text are classified, which keeps a long report's split to a couple of C-speed passes.
    spaces = {ord(ch): " " for ch in set(text) if not _is_word_char(ch)}
    return [m.span() for m in _RUN.finditer(text.translate(spaces))]


def _words(text: str) -> list[str]:
    # A word of combining marks only folds to nothing: the index drops it, and it would match every word.
    return [w for w in (text[a:b] for a, b in word_ranges(text)) if fold(w)]


def parse_query(query: str) -> list[SearchTerm]:
    """The search terms of the search box's text, in the order typed; empty when it holds no word."""
    parts = query.translate(QUOTES).split('"')
    terms: list[SearchTerm] = []
    for i, part in enumerate(parts):
        words = _words(part)
        if not words:
            continue
        if i % 2 == 0:  # outside quotes: each word is a term of its own
            terms.extend(SearchTerm((word,), True) for word in words)
        else:  # inside quotes; the last part after an odd number of quotes is a phrase still being typed
            terms.append(SearchTerm(tuple(words), prefix=i == len(parts) - 1))
    return terms


def match_ranges(text: str, query: str) -> list[tuple[int, int]]:
    """Where the search ``query`` matches ``text``: (start, end) store offsets (Python str indices), in order,
    overlaps merged. A word's match is the whole word it starts; a phrase's runs from its first word's start
    to its last word's end. Each term is looked for on its own, so a report listed for its id alone may have
    none."""
    terms = parse_query(query)
    if not terms:
        return []
    spans = word_ranges(text)
    folded = [fold(text[a:b]) for a, b in spans]
    found: list[tuple[int, int]] = []
    for term in terms:
        wanted = [fold(w) for w in term.words]
        *whole, last = wanted
        n = len(wanted)
        for i in range(len(folded) - n + 1):
            tail = folded[i + n - 1]
            if (tail.startswith(last) if term.prefix else tail == last) and folded[i : i + n - 1] == whole:
                found.append((spans[i][0], spans[i + n - 1][1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
