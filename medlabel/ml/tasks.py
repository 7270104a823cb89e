"""What a recipe learns from: the examples of one task, already split, plus the label schema."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from medlabel.core.errors import MedlabelError
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


def labelled(task: DocTask | SpanTask, examples: Sequence[Any]) -> list:
    """The examples a recipe learns from: every span example (none marked is a negative example), and
    the document examples that carry a label; a label outside the task's label set is refused."""
    if isinstance(task, SpanTask):
        return list(examples)
    kept = [e for e in examples if e.label is not None]
    unknown = sorted({str(e.label) for e in kept if e.label not in task.labels})
    if unknown:
        raise MedlabelError(
            f"labels not in the label set {task.name!r}: {', '.join(unknown)}; add them to the label set "
            "or correct those reports",
            code="train.unknown_labels", task=task.name, labels=unknown,
        )  # fmt: skip
    return kept
