"""Reader for the i2b2 2006 smoking challenge XML.

The file is a root element holding ``RECORD`` elements; each has an ``ID`` attribute, an optional
``<SMOKING STATUS="..."/>`` child (absent in the test set files) and a ``<TEXT>`` child whose text is
kept exactly as the parser delivers it (CDATA included, leading newline included).

Files may come from anywhere, so the parser refuses any DTD: a ``<!DOCTYPE`` (and with it entity
declarations) could otherwise expand without limit or pull in other files. expat is driven directly
rather than through ElementTree because only its callbacks let us stop at the DOCTYPE before anything
in it is processed, whatever the file's encoding.

The bytes are decoded here, not by expat (which knows only UTF-8, UTF-16 and latin-1): the user's
encoding, else a byte-order mark, else the XML declaration's ``encoding``, else detection as for CSV.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from medlabel.core.errors import ImportFormatError
from medlabel.core.io._decoding import decode
from medlabel.core.io._file_errors import reading
from medlabel.core.records import DocRecord, ImportBatch, ImportOptions, LabelSetSpec

LABEL_SET = "smoking_status"
SMOKING_LABELS = ["CURRENT SMOKER", "PAST SMOKER", "SMOKER", "NON-SMOKER", "UNKNOWN"]
_LABEL_DEFINITIONS = {
    "CURRENT SMOKER": "smokes now or smoked within the past year",
    "PAST SMOKER": "stopped smoking more than a year ago",
    "SMOKER": "a smoker, but whether current or past cannot be told",
    "NON-SMOKER": "has never smoked",
    "UNKNOWN": "smoking is not mentioned",
}


# The declaration is ASCII in every encoding expat or we read without a byte-order mark.
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")


@dataclass
class _Record:
    number: int
    line: int
    record_id: str | None
    status: str | None = None
    has_smoking: bool = False
    text_parts: list[str] | None = None  # None until a TEXT element opens

    @property
    def name(self) -> str:
        return f"RECORD {self.number} (ID={self.record_id})"


@dataclass
class _Collector:
    """expat callbacks that keep only what the reader needs: records, their status and text."""

    path: Path
    parser: expat.XMLParserType
    depth: int = 0
    record: _Record | None = None
    record_depth: int = 0
    text_depth: int = 0  # depth of the open TEXT element, 0 outside one
    records: list[_Record] = field(default_factory=list)

    def _where(self) -> str:
        where = f"line {self.parser.CurrentLineNumber}, column {self.parser.CurrentColumnNumber + 1}"
        return f"{self.record.name}, {where}" if self.record else where

    def _fail(self, problem: str) -> None:
        raise ImportFormatError(self.path, problem, self._where())

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if name == "RECORD":
            if self.record is not None:
                self._fail("a RECORD inside another RECORD")
            number = len(self.records) + 1
            line = self.parser.CurrentLineNumber
            record_id = (attrs.get("ID") or "").strip()
            if not record_id:
                raise ImportFormatError(
                    self.path, "the RECORD has no ID attribute", f"RECORD {number}, line {line}"
                )
            self.record = _Record(number, line, record_id)
            self.record_depth = self.depth
        elif self.record is not None and self.depth == self.record_depth + 1:
            if name == "SMOKING":
                if self.record.has_smoking:
                    self._fail("more than one SMOKING element in the RECORD")
                if "STATUS" not in attrs:
                    self._fail("the SMOKING element has no STATUS attribute")
                self.record.has_smoking = True
                self.record.status = attrs["STATUS"].strip()
            elif name == "TEXT":
                if self.record.text_parts is not None:
                    self._fail("more than one TEXT element in the RECORD")
                self.record.text_parts = []
                self.text_depth = self.depth

    def end(self, name: str) -> None:
        if self.text_depth and self.depth == self.text_depth:
            self.text_depth = 0
        if self.record is not None and self.depth == self.record_depth:
            if self.record.text_parts is None:
                raise ImportFormatError(
                    self.path,
                    "the RECORD has no TEXT element",
                    f"{self.record.name}, line {self.record.line}",
                )
            self.records.append(self.record)
            self.record = None
        self.depth -= 1

    def chars(self, data: str) -> None:
        if self.text_depth and self.record is not None and self.record.text_parts is not None:
            self.record.text_parts.append(data)

    def refuse_dtd(self, *_args: object) -> None:
        self._fail(
            "the file declares a DTD or entities (<!DOCTYPE ...>); these are refused because they can "
            "make the reader expand text without limit or read other files. Remove the DOCTYPE part"
        )


def _text(path: Path, data: bytes, encoding: str | None) -> tuple[str, list[str]]:
    # A byte-order mark outranks the declaration (XML 1.0, appendix F).
    declared = None if data.startswith(_BOMS) else _DECLARED.match(data[:1024])
    chosen = encoding or (declared.group(1).decode("ascii") if declared else None)
    text, decoding = decode(data, path, chosen)
    return text, [n for n in [decoding.note()] if n]


def _parse(path: Path, text: str) -> list[_Record]:
    # Given a str, expat parses it as UTF-8 whatever the declaration says, which is what it now is.
    parser = expat.ParserCreate()
    collector = _Collector(path, parser)
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.chars
    parser.StartDoctypeDeclHandler = collector.refuse_dtd
    parser.EntityDeclHandler = collector.refuse_dtd
    parser.UnparsedEntityDeclHandler = collector.refuse_dtd
    parser.ExternalEntityRefHandler = collector.refuse_dtd
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise ImportFormatError(
            path,
            f"not well-formed XML: {expat.ErrorString(exc.code)}",
            f"line {exc.lineno}, column {exc.offset + 1}",
        ) from None
    except (LookupError, ValueError) as exc:
        # expat reports an unknown or multi-byte declared encoding this way.
        raise ImportFormatError(path, f"cannot read the file's encoding: {exc}") from None
    return collector.records


def read(path: Path, options: ImportOptions) -> ImportBatch:
    """Read an i2b2 2006 smoking XML file into one document per RECORD."""
    path = Path(path)
    with reading(path):
        data = path.read_bytes()
    text, encoding_notes = _text(path, data, options.encoding)
    records = _parse(path, text)
    if not records:
        raise ImportFormatError(path, "no RECORD elements found; is this an i2b2 smoking challenge file?")
    documents = []
    unlabelled = 0
    unknown: dict[str, int] = {}
    for record in records:
        labels = {}
        if record.status is None:
            unlabelled += 1
        else:
            labels[LABEL_SET] = record.status
            if record.status not in SMOKING_LABELS:
                unknown[record.status] = unknown.get(record.status, 0) + 1
        documents.append(
            DocRecord(
                text="".join(record.text_parts or []),
                external_id=record.record_id,
                labels=labels,
                origin=record.name,
            )
        )
    notes = list(encoding_notes)
    if unlabelled:
        notes.append(
            f"{unlabelled} of {len(records)} records have no SMOKING status and were read without a label"
        )
    if unknown:
        listing = ", ".join(f"{status!r} ({n})" for status, n in unknown.items())
        notes.append(f"statuses that are not one of the five i2b2 labels: {listing}")
    label_set = LabelSetSpec(
        name=LABEL_SET,
        labels=list(SMOKING_LABELS),
        definition="smoking status of the patient (i2b2 2006 smoking challenge)",
        label_definitions=dict(_LABEL_DEFINITIONS),
    )
    return ImportBatch(source=str(path), documents=documents, label_sets=[label_set], notes=notes)
