"""A run's stored predictions as suggestions for annotators: which to show, how sure the model was,
which documents to annotate first, and which gold annotations were accepted suggestions.

Accepting a suggestion is an ordinary ``set_label``/``add_span`` with ``suggested_by=run_id``, which
writes an ``accept_suggestion`` audit row beside the change; ``accepted_from`` reads those rows back.
"""

from __future__ import annotations

from collections.abc import Sequence

from medlabel.core.audit import AuditEntry, history
from medlabel.core.project import Project
from medlabel.core.runs import StoredPrediction, get_predictions

ACCEPT_ACTION = "accept_suggestion"


def accepted_from(project: Project, document_id: int) -> list[AuditEntry]:
    """The document's accepted suggestions, oldest first. Each entry's ``after`` names the run
    (``{"run": id, "label": ...}`` or ``{"run": id, "span": {...}}``) and ``target`` the label set or
    entity type."""
    return [e for e in history(project, document_id=document_id) if e.action == ACCEPT_ACTION]


def suggestions(
    project: Project, run_id: int, document_ids: Sequence[int] | None = None
) -> dict[int, StoredPrediction]:
    """The run's stored predictions by document id (only those of ``document_ids`` when given);
    documents the run did not predict are absent."""
    return {p.document_id: p for p in get_predictions(project, run_id, document_ids)}


def uncertainty(prediction: StoredPrediction) -> float:
    """How unsure the model was of a prediction, from 0 (certain) to 1 (no idea).

    - An invalid prediction (an answer that could not be read) is 1.
    - A document label with probabilities: 1 - (p1 - p2), the margin between the two most probable
      labels (1 - p1 when there is only one); a near tie is what an annotator settles best.
    - Spans with confidences: 1 - the lowest span confidence, since one doubtful span makes the
      document worth checking.
    - Otherwise (no spans found, or a label without probabilities): 1 - ``confidence``, or 0.5 when
      the model gave none.
    """
    if not prediction.valid:
        return 1.0
    if prediction.probabilities:
        top = sorted(prediction.probabilities.values(), reverse=True)
        margin = top[0] - top[1] if len(top) > 1 else top[0]
        return _clamp(1.0 - margin)
    span_conf = [c for c in prediction.span_confidences if c is not None] if prediction.spans else []
    if span_conf:
        return _clamp(1.0 - min(span_conf))
    if prediction.confidence is not None:
        return _clamp(1.0 - prediction.confidence)
    return 0.5


def _clamp(value: float) -> float:
    # Calibration and rounding can push a probability a hair outside [0, 1].
    return min(1.0, max(0.0, value))


def uncertainty_order(project: Project, run_id: int, candidate_ids: Sequence[int]) -> list[int]:
    """``candidate_ids`` in the order to annotate them: those the run predicted, least confident first
    (ties by document id), then those it did not predict, in their given order. A repeated id is
    kept once.

    One query reads the run's predictions; nothing is asked per document, so that ordering a
    10,000-document project stays interactive."""
    wanted = list(dict.fromkeys(candidate_ids))
    predicted = suggestions(project, run_id, wanted)
    ranked = sorted(predicted, key=lambda doc_id: (-uncertainty(predicted[doc_id]), doc_id))
    return ranked + [doc_id for doc_id in wanted if doc_id not in predicted]
