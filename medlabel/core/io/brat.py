"""Reader for brat standoff: ``x.txt`` + ``x.ann`` pairs in a folder, or one ``.ann`` file.

``.ann`` lines read:

- ``T1<TAB>Type 10 15<TAB>text`` → a span. A discontinuous one (``10 15;20 25``) becomes one span
  per fragment, all of the same type (our spans are contiguous; a note counts them).
- ``N1<TAB>Reference T1 VOCAB:CODE<TAB>term`` → ``code`` of T1's spans (the part after the colon).
- ``#1<TAB>AnnotatorNotes T1<TAB>value: 55 %`` → ``value``/``unit`` of T1's spans; other notes are
  ignored and counted.
- ``A``/``M`` (attributes), ``R`` (relations), ``E`` (events), ``*`` (equivalences): ignored, counted.

Offsets count code points of the ``.txt`` decoded as UTF-8 (brat is Python), so the text is kept
exactly, BOM and ``\\r\\n`` included. Each T line's text field is compared with the ``.txt`` at its
offsets (blanks collapsed, since brat writes a fragment gap and a line break as one space): offsets
counted in bytes or a ``.txt`` that changed after annotating are caught here rather than giving
silently wrong spans. Entity types come from ``annotation.conf`` (its ``[entities]``) and the spans.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._decoding import decode
from medlabel.core.io._file_errors import list_folder, reading
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, ImportOptions, SpanRecord

_T_FORMAT = "expected 'T<n><TAB>TYPE START END<TAB>TEXT'"
_N_FORMAT = "expected 'N<n><TAB>Reference T<n> VOCABULARY:CODE<TAB>TEXT'"
_NOTE_FORMAT = "expected '#<n><TAB>AnnotatorNotes T<n><TAB>NOTE'"
_OFFSET = re.compile(r"[0-9]{1,18}")
_NUMBER = r"[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?"
_VALUE_NOTE = re.compile(rf"\s*value\s*[:=]\s*({_NUMBER})\s*(.*?)\s*", re.IGNORECASE | re.DOTALL)
_IGNORED = {"A": "attribute", "M": "attribute", "R": "relation", "E": "event", "*": "equivalence"}


def _decode(path: Path, encoding: str) -> str:
    # brat reads UTF-8 and keeps a BOM as a character, so its offsets count one; an explicit "utf-8"
    # keeps it too. Binary data (a renamed image) is refused like in every other reader.
    with reading(path):
        data = path.read_bytes()
    return decode(data, path, encoding)[0]


def _blanks(text: str) -> str:
    return " ".join(text.split())


class _AnnFile:
    """Parses one .ann file against its text."""

    def __init__(self, path: Path, text: str, counts: Counter[str]) -> None:
        self.path = path
        self.text = text
        self.counts = counts
        self.spans: list[SpanRecord] = []
        self.entities: dict[str, tuple[list[int], int]] = {}  # T id -> (indices into spans, line)

    def fail(self, line: int, problem: str) -> ImportFormatError:
        return ImportFormatError(self.path, problem, f"line {line}")

    def parse(self, content: str) -> list[SpanRecord]:
        later = []
        for number, raw in enumerate(content.removeprefix("\ufeff").split("\n"), 1):
            line = raw.rstrip("\r")
            if not line.strip():
                continue
            head = line[0]
            if head == "T":
                self.entity(number, line)
            elif head in "N#":
                later.append((number, line))  # may refer to a T defined further down
            elif head in _IGNORED:
                self.counts[f"ignored {_IGNORED[head]}"] += 1
            else:
                raise self.fail(
                    number, f"cannot read {line[:60]!r}: brat lines start with T, N, #, A, R, E, M or *"
                )
        for number, line in later:
            if line[0] == "N":
                self.normalisation(number, line)
            else:
                self.note(number, line)
        return self.spans

    def entity(self, number: int, line: str) -> None:
        fields = line.split("\t", 2)
        parts = fields[1].split(None, 1) if len(fields) > 1 else []
        if len(parts) != 2 or not fields[0][1:].strip():
            raise self.fail(number, f"{_T_FORMAT}, found {line[:60]!r}")
        entity_id, (kind, offsets) = fields[0].strip(), parts
        fragments = []
        for fragment in offsets.split(";"):
            bounds = fragment.split()
            if len(bounds) != 2:
                raise self.fail(number, f"{_T_FORMAT}, found {line[:60]!r}")
            for bound in bounds:
                if not _OFFSET.fullmatch(bound):
                    raise self.fail(number, f"offsets must be whole numbers, found {bound[:30]!r}")
            fragments.append((int(bounds[0]), int(bounds[1])))
        if entity_id in self.entities:
            raise self.fail(
                number, f"{entity_id} is defined twice (first on line {self.entities[entity_id][1]})"
            )
        if len(fields) == 3 and fields[2].strip():
            found = " ".join(self.text[start:end] for start, end in fragments)
            if _blanks(found) != _blanks(fields[2]):
                raise self.fail(
                    number,
                    f"{entity_id} says {fields[2][:60]!r} but the .txt holds {found[:60]!r} at {offsets}; "
                    "were the offsets counted in bytes, or was the .txt changed after annotating?",
                )
        if len(fragments) > 1:
            self.counts["discontinuous"] += 1
            self.counts["fragments"] += len(fragments)
        first = len(self.spans)
        self.spans.extend(SpanRecord(start, end, kind) for start, end in fragments)
        self.entities[entity_id] = (list(range(first, len(self.spans))), number)

    def target(self, number: int, target: str) -> list[int] | None:
        """Indices of the spans of entity ``target``; None for other kinds of annotation (not read)."""
        if target in self.entities:
            return self.entities[target][0]
        if target.startswith("T"):
            raise self.fail(number, f"refers to {target}, which is not defined in this file")
        return None

    def update(self, indices: list[int], **changes: object) -> None:
        for i in indices:
            self.spans[i] = replace(self.spans[i], **changes)

    def normalisation(self, number: int, line: str) -> None:
        fields = line.split("\t", 2)
        parts = fields[1].split() if len(fields) > 1 else []
        if len(parts) != 3:
            raise self.fail(number, f"{_N_FORMAT}, found {line[:60]!r}")
        indices = self.target(number, parts[1])
        if indices is None:
            self.counts["ignored normalisation"] += 1
        elif self.spans[indices[0]].code is not None:
            self.counts["extra normalisation"] += 1
        else:
            self.update(indices, code=parts[2].split(":", 1)[-1])

    def note(self, number: int, line: str) -> None:
        fields = line.split("\t", 2)
        parts = fields[1].split() if len(fields) > 1 else []
        if len(parts) < 2:
            raise self.fail(number, f"{_NOTE_FORMAT}, found {line[:60]!r}")
        indices = self.target(number, parts[1])
        match = _VALUE_NOTE.fullmatch(fields[2]) if len(fields) == 3 else None
        if indices is None or match is None or parts[0] != "AnnotatorNotes":
            self.counts["ignored note"] += 1
        elif self.spans[indices[0]].value is not None:
            self.counts["extra value"] += 1
        else:
            self.update(indices, value=float(match.group(1).replace(",", ".")), unit=match.group(2) or None)


def _conf_types(folder: Path) -> list[str]:
    """Entity types declared in brat's annotation.conf (``!Type`` is a grouping, not a type)."""
    conf = folder / "annotation.conf"
    if not conf.is_file():
        return []
    try:
        content = conf.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # only a declaration; the spans still say which types are used
    types, section = [], None
    for line in content.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip().lower()
        elif section == "entities" and not stripped.startswith(("!", "<")):
            types.append(stripped.split()[0])
    return types


def _pairs(path: Path) -> list[tuple[Path, Path | None]]:
    if path.is_dir():
        entries = list_folder(path)  # not glob, which makes an unreadable folder look empty
        texts = {p.stem: p for p in entries if p.suffix == ".txt" and p.is_file()}
        anns = {p.stem: p for p in entries if p.suffix == ".ann" and p.is_file()}
        for stem, ann in sorted(anns.items()):
            if stem not in texts:
                raise ImportFormatError(ann, f"file {ann.name} has no {stem}.txt beside it")
        if not texts:
            raise ImportFormatError(path, "the folder holds no brat .txt/.ann files")
        return [(txt, anns.get(stem)) for stem, txt in sorted(texts.items())]
    suffix = path.suffix.lower()
    if suffix == ".ann":
        txt = path.with_suffix(".txt")
        if not txt.is_file():
            raise ImportFormatError(path, f"file {path.name} has no {txt.name} beside it")
        return [(txt, path)]
    if suffix == ".txt":
        ann = path.with_suffix(".ann")
        return [(path, ann if ann.is_file() else None)]
    raise ImportFormatError(path, "brat input is a folder of .txt + .ann files, or one .ann file")


def _notes(counts: Counter[str]) -> list[str]:
    notes = []
    if counts["discontinuous"]:
        notes.append(
            f"{counts['discontinuous']} discontinuous annotations were read as {counts['fragments']} "
            "separate spans of the same type"
        )
    ignored = [f"{kind} lines: {counts[f'ignored {kind}']}" for kind in sorted(set(_IGNORED.values()))]
    ignored = [entry for entry in ignored if not entry.endswith(": 0")]
    if ignored:
        notes.append(f"not read (medlabel has no place for them): {', '.join(ignored)}")
    if counts["ignored note"]:
        notes.append(
            f"{counts['ignored note']} annotator notes that are not 'value: <number> <unit>' were skipped"
        )
    if counts["ignored normalisation"]:
        notes.append(f"{counts['ignored normalisation']} normalisations of relations or events were skipped")
    extra = counts["extra normalisation"] + counts["extra value"]
    if extra:
        notes.append(
            f"{extra} second normalisations or values of a span were skipped (the first one was read)"
        )
    return notes


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read brat standoff files into one document per .txt file."""
    path = Path(path)
    encoding = options.encoding or "utf-8"
    counts: Counter[str] = Counter()
    documents = []
    with reading(path):
        types: dict[str, None] = dict.fromkeys(_conf_types(path if path.is_dir() else path.parent))
        pairs = _pairs(path)
    for txt, ann in pairs:
        text = _decode(txt, encoding)
        spans = _AnnFile(ann, text, counts).parse(_decode(ann, encoding)) if ann else []
        types.update(dict.fromkeys(span.type for span in spans))
        documents.append(
            DocRecord(text=text, external_id=txt.stem, spans=spans, origin=f"file {(ann or txt).name}")
        )
    return ImportBatch(
        source=str(path),
        documents=documents,
        entity_types=[EntityTypeSpec(name=name) for name in types],
        notes=_notes(counts),
    )
