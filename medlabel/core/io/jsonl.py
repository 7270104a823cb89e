"""Read JSON Lines: one JSON object per line, one document per object.

Keys: ``text`` (required, a string), ``id``, ``label`` (a string for ``options.label_set`` or an
object {label set: label}), ``labels`` (object), ``spans`` (list), ``split``, ``metadata`` (object);
any other key becomes metadata. Blank lines are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._common import spans_from_value
from medlabel.core.io._decoding import decode
from medlabel.core.io._file_errors import reading
from medlabel.core.records import DocRecord, ImportBatch, ImportOptions

_KNOWN = {"text", "id", "label", "labels", "spans", "split", "metadata"}


def _read_text(path: Path, options: ImportOptions) -> tuple[str, list[str]]:
    data = path.read_bytes()
    # JSON is UTF-8 by standard (RFC 8259), so a byte-order mark is honoured but nothing is guessed;
    # the user may still name an encoding.
    text, decoding = decode(data, path, options.encoding, guess=False)
    return text, [n for n in [decoding.note()] if n]


def _labels(value: Any, key: str, options: ImportOptions, path: Path, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        if key == "label":
            return {options.label_set: value.strip()} if value.strip() else {}
    elif isinstance(value, dict):
        out = {}
        for label_set, label in value.items():
            if label is None:
                continue
            if not isinstance(label, str):
                raise ImportFormatError(
                    path, f"{key!r}: the label for {label_set!r} must be a string, not {label!r}", where
                )
            if label.strip():
                out[label_set] = label.strip()
        return out
    expected = (
        "a string or an object {label set: label}" if key == "label" else "an object {label set: label}"
    )
    raise ImportFormatError(path, f"{key!r} must be {expected}, not {type(value).__name__}", where)


def _record(obj: Any, options: ImportOptions, path: Path, where: str) -> DocRecord:
    if not isinstance(obj, dict):
        raise ImportFormatError(path, f"expected a JSON object, found {type(obj).__name__}", where)
    if "text" not in obj:
        raise ImportFormatError(path, 'the object has no "text"', where)
    text = obj["text"]
    if not isinstance(text, str):
        raise ImportFormatError(path, f'"text" must be a string, not {type(text).__name__}', where)
    ext = obj.get("id")
    if isinstance(ext, bool) or not (ext is None or isinstance(ext, (str, int))):
        raise ImportFormatError(path, f'"id" must be a string or an integer, not {ext!r}', where)
    split = obj.get("split")
    if not (split is None or isinstance(split, str)):
        raise ImportFormatError(path, f'"split" must be a string, not {split!r}', where)
    metadata = obj.get("metadata")
    if metadata is None:
        metadata = {}
    elif not isinstance(metadata, dict):
        raise ImportFormatError(path, f'"metadata" must be an object, not {type(metadata).__name__}', where)
    else:
        metadata = dict(metadata)
    metadata.update((k, v) for k, v in obj.items() if k not in _KNOWN)
    labels = _labels(obj.get("label"), "label", options, path, where)
    labels.update(_labels(obj.get("labels"), "labels", options, path, where))
    ext_text = str(ext).strip() if ext is not None else ""
    return DocRecord(
        text=text,
        external_id=ext_text or None,
        labels=labels,
        spans=spans_from_value(obj.get("spans"), path, where),
        metadata=metadata,
        split=(split.strip() or None) if split else None,
        origin=where,
    )


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a JSON Lines file."""
    path = Path(path)
    with reading(path):
        if not path.is_file():
            raise ImportFormatError(path, "not a file", code="import.not_a_file")
        text, notes = _read_text(path, options)
    docs = []
    # Split on "\n" only: str.splitlines would also break at U+2028 and friends, which JSON allows
    # unescaped inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            # exc's own "line 1" would be confusing: each line is parsed on its own.
            raise ImportFormatError(path, f"not valid JSON: {exc.msg} (column {exc.colno})", where) from None
        except ValueError as exc:
            raise ImportFormatError(path, f"not valid JSON: {exc}", where) from None
        except RecursionError:
            raise ImportFormatError(path, "not valid JSON: nested too deeply", where) from None
        docs.append(_record(obj, options, path, where))
    if not docs:
        raise ImportFormatError(path, "the file is empty (no JSON lines)", code="import.empty_file")
    return ImportBatch(source=str(path), documents=docs, notes=notes)
