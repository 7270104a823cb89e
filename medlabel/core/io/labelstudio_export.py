"""Writer for Label Studio's JSON task format, the same shape its "Export → JSON" produces.

Each document becomes a task whose ``data`` holds ``text``, ``external_id``, ``split`` (when set) and
the metadata (a metadata key that clashes with one of those is written as ``meta:<key>``). Labels and
spans go into one annotation:

- a document label → a ``choices`` result, ``from_name`` = the label set name;
- a span → a ``labels`` region (``from_name`` "label", ``to_name`` "text", ``value.text`` = the span's
  text), plus, sharing the region's id, a ``textarea`` result ``from_name`` "value" holding
  "<number> <unit>" and/or one ``from_name`` "code" holding the code — Label Studio's per-region
  textareas (``perRegion="true"``), so an annotator can see and edit them.

Offsets are written as UTF-16 code units, as Label Studio (JavaScript) counts them. The reader in
:mod:`medlabel.core.io.labelstudio` reads all of this back unchanged.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from medlabel.core.io._common import atomic_text_writer
from medlabel.core.io.labelstudio import META_PREFIX, RESERVED_KEYS
from medlabel.core.records import ExportDocument, ExportSchema, SpanRecord


def _utf16(text: str, offset: int) -> int:
    if offset <= 0:
        return offset
    units = len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2
    return units + max(offset - len(text), 0)


def _number(value: float) -> str:
    # The shortest text that reads back as the same float; integral values without ".0" for people.
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _span_results(doc: ExportDocument, span: SpanRecord, region_id: str) -> list[dict[str, Any]]:
    start, end = _utf16(doc.text, span.start), _utf16(doc.text, span.end)
    results: list[dict[str, Any]] = [
        {
            "id": region_id,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {
                "start": start,
                "end": end,
                "text": doc.text[span.start : span.end],
                "labels": [span.type],
            },
        }
    ]
    fields = []
    # A non-finite number has no text the reader (or a person) would take back as a number.
    if span.value is not None and math.isfinite(span.value):
        fields.append(("value", f"{_number(span.value)} {span.unit}" if span.unit else _number(span.value)))
    if span.code is not None:
        fields.append(("code", span.code))
    for name, entry in fields:
        results.append(
            {
                "id": region_id,
                "from_name": name,
                "to_name": "text",
                "type": "textarea",
                "origin": "manual",
                "value": {"start": start, "end": end, "text": [entry]},
            }
        )
    return results


def _task(doc: ExportDocument, first_region: int) -> tuple[dict[str, Any], int]:
    data: dict[str, Any] = {"text": doc.text, "external_id": doc.external_id}
    if doc.split is not None:
        data["split"] = doc.split
    for key, value in doc.metadata.items():
        clash = key in RESERVED_KEYS or str(key).startswith(META_PREFIX)
        data[f"{META_PREFIX}{key}" if clash else key] = value
    result: list[dict[str, Any]] = []
    region = first_region
    for label_set, label in doc.labels.items():
        region += 1
        result.append(
            {
                "id": f"choice-{region}",
                "from_name": label_set,
                "to_name": "text",
                "type": "choices",
                "origin": "manual",
                "value": {"choices": [label]},
            }
        )
    for span in doc.spans:
        region += 1
        result.extend(_span_results(doc, span, f"region-{region}"))
    annotations = []
    if result:
        annotations.append(
            {"id": doc.doc_id, "result": result, "was_cancelled": False, "ground_truth": False}
        )
    task = {"id": doc.doc_id, "data": data, "annotations": annotations, "predictions": []}
    return task, region


def write(docs: Iterable[ExportDocument], path: Path, schema: ExportSchema) -> int:
    """Write ``docs`` as a Label Studio JSON task list; returns the number of documents written."""
    count = 0
    region = 0  # result ids are numbered across the whole file so that they are unique in it
    with atomic_text_writer(Path(path), newline="\n") as fh:
        fh.write("[")
        for doc in docs:
            task, region = _task(doc, region)
            fh.write(",\n" if count else "\n")
            # default=str: metadata from a spreadsheet may hold dates; text is better than no export.
            fh.write(json.dumps(task, ensure_ascii=False, indent=2, default=str))
            count += 1
        fh.write("\n]\n")
    return count
