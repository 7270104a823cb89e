"""Finding tables laid out with spaces or tabs, which need the fixed-width view: every table layout of the
cardio demo, and none of the prose of any demo corpus."""

from __future__ import annotations

import pytest

from medlabel.core.demo import cardio, dyspnea, smoking
from medlabel.core.text_layout import has_aligned_columns

TABLES = {"pipe", "aligned", "lvrv"}


def test_every_cardio_table_layout_is_found_and_no_prose_report(monkeypatch):
    layouts: list[str] = []
    write = cardio._function

    def spy(rep, layout):  # type: ignore[no-untyped-def]
        layouts.append(layout)
        return write(rep, layout)

    monkeypatch.setattr(cardio, "_function", spy)
    docs = cardio.generate(300, seed=3).documents
    assert len(layouts) == len(docs) and set(layouts) == TABLES | {"prose", "inline"}
    wrong = [(layout, d.text) for layout, d in zip(layouts, docs, strict=True)
             if has_aligned_columns(d.text) != (layout in TABLES)]  # fmt: skip
    assert not wrong, wrong[:1]


@pytest.mark.parametrize("corpus", [smoking, dyspnea])
def test_discharge_summaries_are_prose(corpus):
    assert not any(has_aligned_columns(d.text) for d in corpus.generate(200, seed=1).documents)


@pytest.mark.parametrize(
    ("text", "aligned"),
    [
        ("Parameter\tLV\tRV\nEDV (ml)\t172\t150", True),  # tabs between cells
        ("Name:\tMüller", True),
        ("\tindented paragraph\n\tanother one", False),  # tabs only as indentation
        ("          LV     RV\nEDV (ml)   172    150\nESV (ml)    66     71", True),  # right-aligned cells
        ("Messgröße | Wert\n----------------\nLVEF      | 55 %", True),  # pipes, with a rule between
        ("LV-EDV          172 ml\nLVEDV-Index   83 ml/m2", True),  # the last column ends together
        ("Parameter        Wert", False),  # one line is no table
        ("Sinus rhythm.  No murmur.\nThe patient was seen today.  Stable.", False),  # two spaces after '.'
        ("Plain prose over\nseveral lines of text\nwithout any columns.", False),
        ("", False),
    ],
)
def test_tables_and_prose(text, aligned):
    assert has_aligned_columns(text) is aligned
    assert has_aligned_columns(text.replace("\n", "\r\n")) is aligned
