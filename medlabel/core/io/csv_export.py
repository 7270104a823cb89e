"""Write documents as CSV: ``id``, ``text``, ``split``, one ``label:<set>`` column per label set,
``spans`` (a JSON list) and one column per metadata key.

The file is UTF-8 without a BOM (Excel users get an XLSX export instead) with the csv module's Excel
dialect: fields quoted when needed, CRLF between rows, texts' own line breaks kept inside quotes.
A metadata key that would be read back as another column (``text``, ``label``, ``label:x``, ...) is
written as ``meta:<key>``; the CSV reader turns it back into ``<key>``.

Columns depend on every document (metadata keys, label sets), so rows first go to a spool file beside
the target and the CSV is written from it: memory stays flat however many documents there are.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from medlabel.core.io._common import LABEL_PREFIX, META_PREFIX, atomic_text_writer, span_to_dict
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


def write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema) -> int:
    """Write ``docs`` to ``path`` (atomically); returns the number of documents written."""
    path = Path(path)
    label_sets = [s.name for s in schema.label_sets]
    seen_sets = set(label_sets)
    meta_keys: dict[str, None] = {}  # insertion-ordered set
    any_spans = bool(schema.entity_types)
    count = 0
    # The target's temp file first: it is what reports an unwritable folder as a MedlabelError.
    with (
        atomic_text_writer(path, newline="") as fh,
        tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.") as spool,
    ):
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
        spool.seek(0)
        header = ["id", "text", "split", *(LABEL_PREFIX + s for s in label_sets)]
        header += ["spans"] if any_spans else []
        header += [metadata_column(k) for k in meta_keys]
        writer = csv.writer(fh)
        writer.writerow(header)
        for line in spool:
            ext, text, split, labels, spans, metadata = json.loads(line)
            out = [ext or "", text, split or "", *(labels.get(s, "") for s in label_sets)]
            if any_spans:
                out.append(json.dumps(spans, ensure_ascii=False, separators=(",", ":")) if spans else "")
            out += [metadata.get(k, "") for k in meta_keys]
            writer.writerow(out)
    return count
