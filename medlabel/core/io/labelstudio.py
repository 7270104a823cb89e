"""Reader for Label Studio's JSON export (Export → JSON: a list of tasks with their annotations).

Per task: the text is ``data.text`` (or ``options.text_column``, or the only string in ``data``),
the external id ``data.external_id``, ``data.id`` or else the task id, and the other ``data`` keys
become metadata (a ``meta:<key>`` key is metadata ``<key>``, the way our writers escape clashes).
Of the task's annotations the first one not cancelled is read; predictions are not gold and are
skipped. Result items: ``choices`` → a document label per ``from_name``; ``labels`` → a span;
``textarea`` items sharing a ``labels`` region's id with ``from_name`` ``value`` ("55 %") or ``code``
→ that span's normalised value/unit or code. Other result types are counted in a note.

Label Studio counts offsets in UTF-16 code units (JavaScript strings); Python counts code points.
They differ after any character outside the Basic Multilingual Plane (emoji), so offsets are
converted, and checked against the region's ``value.text`` where it is given.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._decoding import decode
from medlabel.core.io._file_errors import reading
from medlabel.core.records import (
    DocRecord,
    EntityTypeSpec,
    ImportBatch,
    ImportOptions,
    LabelSetSpec,
    SpanRecord,
)

# Keys of ``data`` that mean something other than metadata; a metadata key clashing with one of them
# is written as ``meta:<key>``.
ID_KEYS = ("external_id", "id")
RESERVED_KEYS = ("text", *ID_KEYS, "split")
META_PREFIX = "meta:"

_NOTES = {
    "several": "{n} tasks have several annotations; the first one not cancelled was read",
    "cancelled": "{n} cancelled annotations were skipped",
    "predictions": "predictions of {n} tasks were not read (they are not gold labels)",
    "multi-label regions": "{n} regions have several labels; the first one was read",
}
_NUMBER = r"[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?"
_VALUE = re.compile(rf"\s*({_NUMBER})\s*(.*?)\s*", re.DOTALL)


def parse_value(text: str) -> tuple[float, str | None] | None:
    """Split "55 %" / "1,5 mg" into (number, unit or None); None when it does not start with a number."""
    match = _VALUE.fullmatch(text)
    if not match:
        return None
    return float(match.group(1).replace(",", ".")), match.group(2) or None


def _is_id(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _has_lone_surrogate(value: Any) -> bool:
    """True if a string anywhere in ``value`` holds half a surrogate pair (JSON allows "\\ud83d")."""
    stack = [value]
    while stack:  # a loop, not recursion: JSON may nest deeper than Python's stack
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and any("\ud800" <= ch <= "\udfff" for ch in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class _Offsets:
    """Converts one text's UTF-16 offsets to code point offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.table: list[int] | None = None
        self.extra = len(text.encode("utf-16-le", "surrogatepass")) // 2 - len(text)
        if self.extra:
            table = []
            for i, ch in enumerate(text):
                table.append(i)
                if ord(ch) > 0xFFFF:
                    table.append(-1)  # the second half of a surrogate pair: not a place to cut
            table.append(len(text))
            self.table = table

    def to_python(self, offset: int) -> int | None:
        """The code point offset, or None when ``offset`` falls inside a surrogate pair."""
        if self.table is None or offset < 0:
            return offset
        if offset >= len(self.table):
            # Out of range stays out of range; bounds are checked later for every format alike.
            return offset - self.extra
        found = self.table[offset]
        return None if found < 0 else found


class _Reader:
    def __init__(self, path: Path, options: ImportOptions) -> None:
        self.path = path
        self.options = options
        self.label_sets: dict[str, list[str]] = {}
        self.entity_types: dict[str, None] = {}
        self.counts: Counter[str] = Counter()
        self.ignored_types: Counter[str] = Counter()

    def fail(self, problem: str, where: str) -> ImportFormatError:
        return ImportFormatError(self.path, problem, where)

    def text_key(self, data: dict[str, Any], where: str) -> str:
        wanted = self.options.text_column
        if wanted:
            if not isinstance(data.get(wanted), str):
                raise self.fail(
                    f"data has no text field {wanted!r} (fields: {', '.join(map(str, data))})", where
                )
            return wanted
        if "text" in data:
            if not isinstance(data["text"], str):
                raise self.fail(f"data.text must be a string, not {type(data['text']).__name__}", where)
            return "text"
        candidates = [k for k, v in data.items() if isinstance(v, str) and k not in RESERVED_KEYS]
        if len(candidates) != 1:
            found = ", ".join(repr(k) for k in candidates) or "none"
            raise self.fail(
                f"cannot tell which data field holds the text (string fields: {found}); "
                "choose the text column",
                where,
            )
        return candidates[0]

    def annotation(self, task: dict[str, Any], where: str) -> list[Any]:
        """The result list of the first annotation not cancelled ("completions" in old exports)."""
        annotations = task.get("annotations", task.get("completions"))
        if annotations is None:
            annotations = []
        if not isinstance(annotations, list):
            raise self.fail("'annotations' must be a list", where)
        usable = []
        for k, ann in enumerate(annotations, 1):
            if not isinstance(ann, dict):
                raise self.fail(f"annotation {k} is not an object", where)
            if ann.get("was_cancelled"):
                self.counts["cancelled"] += 1
            else:
                usable.append(ann)
        if task.get("predictions"):
            self.counts["predictions"] += 1
        if len(usable) > 1:
            self.counts["several"] += 1
        if not usable:
            return []
        result = usable[0].get("result")
        if not isinstance(result, list):
            raise self.fail("the annotation has no 'result' list", where)
        return result

    def region_offsets(self, value: dict[str, Any], offsets: _Offsets, where: str) -> tuple[int, int]:
        found = []
        for key in ("start", "end"):
            if key not in value:
                raise self.fail(f"the region has no value.{key}", where)
            raw = value[key]
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise self.fail(f"value.{key} must be an integer, not {raw!r}", where)
            converted = offsets.to_python(raw)
            if converted is None:
                raise self.fail(f"value.{key} {raw} falls inside a character (a surrogate pair)", where)
            found.append(converted)
        start, end = found
        expected = value.get("text")
        if isinstance(expected, str) and offsets.text[start:end] != expected:
            raise self.fail(
                f"the region's text {expected!r} does not match the task text at {start}-{end} "
                f"({offsets.text[start:end]!r})",
                where,
            )
        return start, end

    def results(self, result: list[Any], text: str, where: str) -> tuple[dict[str, str], list[SpanRecord]]:
        items = []
        for k, item in enumerate(result, 1):
            rwhere = f"{where}, result {k}"
            if not isinstance(item, dict):
                raise self.fail("a result item must be an object", rwhere)
            kind = item.get("type")
            if kind in ("choices", "labels", "textarea"):
                if not isinstance(item.get("value"), dict):
                    raise self.fail("the result item has no 'value' object", rwhere)
                if "id" in item and not _is_id(item["id"]):
                    raise self.fail(f"the result id must be a string, not {item['id']!r}", rwhere)
            items.append((item, kind, rwhere))
        offsets = _Offsets(text)
        spans: list[dict[str, Any]] = []
        regions: dict[str, list[int]] = {}
        for item, kind, rwhere in items:
            if kind != "labels":
                continue
            value = item["value"]
            names = value.get("labels")
            if not isinstance(names, list) or not names or not isinstance(names[0], str):
                raise self.fail("value.labels must be a non-empty list of strings", rwhere)
            if len(names) > 1:
                self.counts["multi-label regions"] += 1
            start, end = self.region_offsets(value, offsets, rwhere)
            if "id" in item:
                regions.setdefault(str(item["id"]), []).append(len(spans))
            spans.append({"start": start, "end": end, "type": names[0]})
            self.entity_types.setdefault(names[0])
        labels: dict[str, str] = {}
        for item, kind, rwhere in items:
            region = regions.get(str(item.get("id"))) if "id" in item else None
            if kind == "choices":
                if region is not None:
                    self.ignored_types["per-region choices"] += 1
                else:
                    self.choice(item, labels, rwhere)
            elif kind == "textarea":
                self.textarea(item, [spans[i] for i in region or []], rwhere)
            elif kind != "labels":
                self.ignored_types[str(kind)] += 1
        return labels, [SpanRecord(**span) for span in spans]

    def choice(self, item: dict[str, Any], labels: dict[str, str], where: str) -> None:
        name = item.get("from_name")
        if not isinstance(name, str):
            raise self.fail("the choices result has no 'from_name'", where)
        chosen = item["value"].get("choices")
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise self.fail("value.choices must be a list of strings", where)
        if len(chosen) > 1:
            raise self.fail(
                f"{name!r} has several choices {chosen}; multi-choice is not supported yet", where
            )
        if not chosen:
            return
        if name in labels:
            raise self.fail(f"{name!r} is chosen twice in one annotation", where)
        labels[name] = chosen[0]
        seen = self.label_sets.setdefault(name, [])
        if chosen[0] not in seen:
            seen.append(chosen[0])

    def textarea(self, item: dict[str, Any], targets: list[dict[str, Any]], where: str) -> None:
        name = item.get("from_name")
        if not targets or name not in ("value", "code"):
            self.ignored_types["textarea"] += 1
            return
        entries = item["value"].get("text")
        if isinstance(entries, str):
            entries = [entries]
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise self.fail("value.text must be a list of strings", where)
        if not entries or not entries[0].strip():
            return
        if name == "code":
            update: dict[str, Any] = {"code": entries[0].strip()}
        else:
            parsed = parse_value(entries[0])
            if parsed is None:
                raise self.fail(f"the value {entries[0]!r} is not '<number> <unit>' (e.g. '55 %')", where)
            update = {"value": parsed[0], "unit": parsed[1]}
        for span in targets:
            span.update(update)

    def task(self, number: int, task: Any) -> DocRecord:
        where = f"task {number}"
        if not isinstance(task, dict):
            raise self.fail(f"a task must be an object, not {type(task).__name__}", where)
        if _is_id(task.get("id")):
            where = f"task {number} (id={task['id']})"
        if _has_lone_surrogate(task):
            # Such text cannot be stored or written as UTF-8; the file was cut or damaged somewhere.
            raise self.fail("the task holds an unpaired UTF-16 surrogate (half an emoji)", where)
        data = task.get("data")
        if not isinstance(data, dict):
            raise self.fail(
                "the task has no 'data' object (use Label Studio's 'JSON' export, not 'JSON-MIN')", where
            )
        text_key = self.text_key(data, where)
        text: str = data[text_key]
        id_key = next((k for k in ID_KEYS if k != text_key and _is_id(data.get(k))), None)
        external_id = str(data[id_key]) if id_key else str(task["id"]) if _is_id(task.get("id")) else None
        split = data.get("split") if text_key != "split" else None
        metadata = {}
        for key, val in data.items():
            if key in (text_key, id_key) or (key == "split" and isinstance(split, str)):
                continue
            metadata[key[len(META_PREFIX) :] if key.startswith(META_PREFIX) else key] = val
        labels, spans = self.results(self.annotation(task, where), text, where)
        return DocRecord(
            text=text,
            external_id=external_id,
            labels=labels,
            spans=spans,
            metadata=metadata,
            split=split if isinstance(split, str) else None,
            origin=where,
        )

    def notes(self) -> list[str]:
        notes = [text.format(n=self.counts[key]) for key, text in _NOTES.items() if self.counts[key]]
        if self.ignored_types:
            listing = ", ".join(f"{kind} ({n})" for kind, n in sorted(self.ignored_types.items()))
            notes.append(f"result items of these kinds were not read: {listing}")
        return notes


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read a Label Studio JSON export into one document per task."""
    path = Path(path)
    with reading(path):
        raw = path.read_bytes()
    # Label Studio writes UTF-8 (JSON's standard): a byte-order mark is honoured, nothing is guessed.
    content, decoding = decode(raw, path, options.encoding, guess=False)
    try:
        tasks = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            path, f"not valid JSON: {exc.msg}", f"line {exc.lineno}, column {exc.colno}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ImportFormatError(path, f"not valid JSON: {exc}") from None
    if not isinstance(tasks, list):
        raise ImportFormatError(
            path,
            "expected a list of Label Studio tasks (Export → JSON), found "
            + ("an object" if isinstance(tasks, dict) else repr(tasks)[:40]),
        )
    reader = _Reader(path, options)
    documents = [reader.task(n, task) for n, task in enumerate(tasks, 1)]
    return ImportBatch(
        source=str(path),
        documents=documents,
        label_sets=[LabelSetSpec(name=name, labels=labels) for name, labels in reader.label_sets.items()],
        entity_types=[EntityTypeSpec(name=name) for name in reader.entity_types],
        notes=[n for n in [decoding.note()] if n] + reader.notes(),
    )
