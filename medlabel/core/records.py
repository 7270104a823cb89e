"""Plain records that pass between importers, exporters, the demo corpora and the store.

Importers only parse files into these records; validation against the project and storing happen in
one place (``medlabel.core.importing``), so every format gets the same checks and the same
all-or-nothing transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SpanRecord:
    """A character span [start, end) of a document's text with an entity type.

    ``value``/``unit`` hold a normalised number, ``code`` a vocabulary code; both may be empty.
    """

    start: int
    end: int
    type: str
    value: float | None = None
    unit: str | None = None
    code: str | None = None


@dataclass
class DocRecord:
    """One document as read from a file (or generated), before it is stored."""

    text: str
    external_id: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # label set name -> label name
    spans: list[SpanRecord] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    split: str | None = None
    # Where the record came from, for error messages ("line 17", "record 3", "a.txt").
    origin: str | None = None


@dataclass
class LabelSetSpec:
    """A label set as declared by a file or a demo corpus."""

    name: str
    labels: list[str]
    definition: str = ""
    label_definitions: dict[str, str] = field(default_factory=dict)


@dataclass
class EntityTypeSpec:
    """An entity type as declared by a file or a demo corpus."""

    name: str
    colour: str | None = None
    definition: str = ""
    normaliser: dict[str, Any] | None = None  # e.g. {"kind": "number", "units": ["%"]}


@dataclass
class ImportBatch:
    """Everything one file (or folder) yields: documents plus any schema it declares."""

    source: str
    documents: list[DocRecord] = field(default_factory=list)
    label_sets: list[LabelSetSpec] = field(default_factory=list)
    entity_types: list[EntityTypeSpec] = field(default_factory=list)
    # Facts about the reading the user should see, e.g. "read as cp1252 (not valid UTF-8)".
    notes: list[str] = field(default_factory=list)


# Limits that keep a damaged or hostile file from taking all memory or hours; each refusal names the
# limit and the ImportOptions field (CLI flag) that raises it.
# A report longer than about 300 pages (3,300 characters a page) is not one document but a file
# read the wrong way (e.g. a whole export in one cell); it would also take minutes per model pass.
MAX_DOCUMENT_CHARS = 1_000_000
# Spreadsheets with more columns come from a wrong delimiter or a broken export; pandas also takes
# quadratic time to rename thousands of repeated column names.
MAX_COLUMNS = 2_000
# What an .xlsx (a zip archive) may unpack to in all; far beyond any sheet of reports.
MAX_ARCHIVE_BYTES = 1_000_000_000
# How many times bigger than stored a part of an .xlsx may unpack; Apache POI's zip-bomb limit
# (ZipSecureFile.MIN_INFLATE_RATIO = 0.01), which real workbooks stay under.
MAX_COMPRESSION_RATIO = 100


@dataclass
class ImportOptions:
    """What the user chose for reading a file; every field may stay empty for auto-detection."""

    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    text_column: str | None = None
    id_column: str | None = None
    # column name -> label set name; columns named ``label`` or ``label:<set>`` are found without it.
    label_columns: dict[str, str] = field(default_factory=dict)
    # Label set used for a bare ``label`` column or field.
    label_set: str = "label"
    sheet: str | None = None
    # True when the user mapped the columns (the import wizard): no id or label column is then taken
    # from its name alone, so "no id column" really means none.
    explicit_columns: bool = False
    # Limits (see the constants above); a user who trusts a file may raise them.
    max_document_chars: int = MAX_DOCUMENT_CHARS
    max_columns: int = MAX_COLUMNS
    max_archive_bytes: int = MAX_ARCHIVE_BYTES
    max_compression_ratio: int = MAX_COMPRESSION_RATIO


@dataclass
class ExportDocument:
    """A stored document with its current annotations, as exporters receive it."""

    doc_id: int
    external_id: str
    text: str
    metadata: dict[str, Any]
    split: str | None
    labels: dict[str, str]
    spans: list[SpanRecord]


@dataclass
class ExportSchema:
    """The project's label schema as exporters need it."""

    label_sets: list[LabelSetSpec] = field(default_factory=list)
    entity_types: list[EntityTypeSpec] = field(default_factory=list)
