"""Writer for CoNLL-style BIO files of the spans (export only; there is no CoNLL reader).

Layout, per document::

    -DOCSTART- <external_id>
    <blank line>
    token<TAB>tag          one line per token
    <blank line>           after each sentence
    ...

A "sentence" is the run of tokens between line breaks of the text: splitting real sentences would
need a language model of abbreviations ("Dr.", "i.v."), and report lines are the natural units anyway.
Tokens are words, decimal numbers ("55.5", "1,5") or single punctuation characters, found by a regex
over the text, so every token has character offsets.

Tags: a token that overlaps a span (shares at least one character) belongs to it; the first token of
a span is ``B-TYPE``, the following ones ``I-TYPE``, all others ``O``. BIO cannot show overlapping
spans, so spans are placed in order of start, longer first (then type name), and a span that would
share a token with one already placed is left out entirely rather than cut, since a truncated
entity would be a false example for whoever trains on the file. Whitespace in an external id or a
type name is written as ``_`` so that the file stays splittable on whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from medlabel.core.io._common import atomic_text_writer
from medlabel.core.records import ExportDocument, ExportSchema, SpanRecord

TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+|[^\w\s]")


def _clean(name: str) -> str:
    return "_".join(name.split()) or "_"


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character offsets [start, end) of the tokens of ``text``."""
    return [match.span() for match in TOKEN.finditer(text)]


def bio_tags(tokens: Sequence[tuple[int, int]], spans: Sequence[SpanRecord]) -> list[str]:
    """One BIO tag per token; see the module docstring for how overlapping spans are resolved."""
    owner: list[int | None] = [None] * len(tokens)
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, spans[i].type))
    for i in order:
        span = spans[i]
        hit = [k for k, (start, end) in enumerate(tokens) if start < span.end and end > span.start]
        if hit and all(owner[k] is None for k in hit):
            for k in hit:
                owner[k] = i
    tags = []
    for k, span_index in enumerate(owner):
        if span_index is None:
            tags.append("O")
        else:
            prefix = "I" if k and owner[k - 1] == span_index else "B"
            tags.append(f"{prefix}-{_clean(spans[span_index].type)}")
    return tags


def _write_document(fh: IO[str], doc: ExportDocument) -> None:
    fh.write(f"-DOCSTART- {_clean(doc.external_id)}\n\n")
    tokens = tokenize(doc.text)
    tags = bio_tags(tokens, doc.spans)
    previous_end = None
    for (start, end), tag in zip(tokens, tags, strict=True):
        if previous_end is not None and "\n" in doc.text[previous_end:start]:
            fh.write("\n")
        fh.write(f"{doc.text[start:end]}\t{tag}\n")
        previous_end = end
    if tokens:
        fh.write("\n")


def write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema) -> int:
    """Write the documents' spans as BIO tags; returns the number of documents written."""
    count = 0
    with atomic_text_writer(Path(path), newline="\n") as fh:
        for doc in docs:
            _write_document(fh, doc)
            count += 1
    return count
