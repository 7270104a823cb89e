"""Write documents as JSON Lines: one object per document with ``id``, ``text``, ``split``,
``labels`` {set: label}, ``spans`` and ``metadata``; UTF-8, non-ASCII characters written as they are.

Lines end in "\\n"; a U+2028 inside a text is written unescaped, which is valid JSON and which the
JSONL reader handles (it splits on "\\n" only).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from medlabel.core.io._common import atomic_text_writer, span_to_dict
from medlabel.core.records import ExportDocument, ExportSchema


def write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema) -> int:
    """Write ``docs`` to ``path`` (atomically); returns the number of documents written."""
    count = 0
    with atomic_text_writer(Path(path), newline="\n") as fh:
        for doc in docs:
            obj = {
                "id": doc.external_id,
                "text": doc.text,
                "split": doc.split,
                "labels": doc.labels,
                "spans": [span_to_dict(s) for s in doc.spans],
                "metadata": doc.metadata,
            }
            # default=str: metadata may hold dates or other values JSON has no type for.
            fh.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count
