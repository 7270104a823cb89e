"""What a recipe learns from: the examples of one task, already split, plus the label schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from medlabel.core.records import SpanRecord

ENTITIES_TASK = "entities"


@dataclass(frozen=True)
class DocExample:
    doc_id: int
    text: str
    label: str | None = None


@dataclass(frozen=True)
class SpanExample:
    doc_id: int
    text: str
    spans: tuple[SpanRecord, ...] = ()


@dataclass
class DocTask:
    """Single-choice document classification for one label set."""

    name: str
    labels: list[str]
    definition: str = ""
    label_definitions: dict[str, str] = field(default_factory=dict)
    kind: str = "document"


@dataclass
class SpanTask:
    """Extraction of character spans of the given entity types, each with its normaliser."""

    name: str
    types: list[str]
    normalisers: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    kind: str = "spans"


@dataclass(frozen=True)
class DocPrediction:
    label: str | None  # None only when an instruct answer could not be parsed
    confidence: float  # probability of ``label`` (classifier) or answer likelihood (instruct)
    probabilities: dict[str, float] = field(default_factory=dict)
    raw: str | None = None  # the generated answer, for instruct
    valid: bool = True


@dataclass(frozen=True)
class SpanPrediction:
    spans: tuple[SpanRecord, ...]
    confidence: float | None = None
    raw: str | None = None
    valid: bool = True
    span_confidences: tuple[float, ...] = ()
