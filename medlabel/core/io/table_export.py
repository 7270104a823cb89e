"""The table that the CSV and XLSX exports write: its columns and its rows, all cells as text.

Columns: ``id``, ``text``, ``split``, one ``label:<set>`` column per label set (the schema's, then any
others the documents carry), ``spans`` (a compact JSON list; only when the schema has entity types or
a document has spans) and one column per metadata key. A metadata key that would be read back as
another column (``text``, ``label``, ``label:x``, ...) is written as ``meta:<key>``; the table readers
turn it back into ``<key>``. Metadata values that are not text are written as JSON.

Columns depend on every document, so rows first go to a spool file beside the target and are read
back from it: memory stays flat however many documents there are.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from medlabel.core.io._common import LABEL_PREFIX, META_PREFIX, span_to_dict
from medlabel.core.records import ExportDocument, ExportSchema

_RESERVED = {"id", "text", "split", "spans", "label"}


def metadata_column(key: str) -> str:
    """The column name for metadata ``key``: the key itself unless the reader would take it for more."""
    low = key.strip().lower()
    if low in _RESERVED or low.startswith((LABEL_PREFIX, META_PREFIX)):
        return META_PREFIX + key
    return key


def _metadata_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


@dataclass
class ExportTable:
    """A spooled export: the header, the number of documents, and the rows (read once, in order)."""

    header: list[str]
    count: int
    _spool: IO[str]
    _label_sets: list[str]
    _meta_keys: list[str]
    _any_spans: bool

    def rows(self) -> Iterator[list[str]]:
        """Each document's cells in header order (``""`` for an empty cell); the id is the first."""
        self._spool.seek(0)
        for line in self._spool:
            ext, text, split, labels, spans, metadata = json.loads(line)
            out = [ext or "", text, split or "", *(labels.get(s, "") for s in self._label_sets)]
            if self._any_spans:
                out.append(json.dumps(spans, ensure_ascii=False, separators=(",", ":")) if spans else "")
            out += [metadata.get(k, "") for k in self._meta_keys]
            yield out


@contextlib.contextmanager
def export_table(docs: Iterable[ExportDocument], schema: ExportSchema, path: Path) -> Iterator[ExportTable]:
    """Spool ``docs`` beside the export target ``path`` and yield the table; the spool goes on exit."""
    path = Path(path)
    label_sets = [s.name for s in schema.label_sets]
    seen_sets = set(label_sets)
    meta_keys: dict[str, None] = {}  # insertion-ordered set
    any_spans = bool(schema.entity_types)
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.") as spool:
        for doc in docs:
            # Label sets outside the schema are kept rather than silently dropped.
            for name in doc.labels:
                if name not in seen_sets:
                    seen_sets.add(name)
                    label_sets.append(name)
            metadata = {str(k): _metadata_cell(v) for k, v in doc.metadata.items()}
            meta_keys.update(dict.fromkeys(metadata))
            any_spans = any_spans or bool(doc.spans)
            spans = [span_to_dict(s) for s in doc.spans]
            row = [doc.external_id, doc.text, doc.split, doc.labels, spans, metadata]
            spool.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        header = ["id", "text", "split", *(LABEL_PREFIX + s for s in label_sets)]
        header += ["spans"] if any_spans else []
        header += [metadata_column(k) for k in meta_keys]
        yield ExportTable(header, count, spool, label_sets, list(meta_keys), any_spans)
