"""What the review page shows of one run: its metrics on the current gold, every test report with gold
and prediction, the reports behind each confusion-matrix cell, and the errors, confident ones first.

Scored exactly as ``medlabel evaluate`` scores (``evaluate.score`` on the same test split), so the page and
the command agree. The run record keeps the metrics computed when the run ended; when gold labels of its
test reports change afterwards (a fix made while reviewing), ``stale_reports`` says which, and
``rescore_run`` stores fresh metrics.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from medlabel.core import tables
from medlabel.core.documents import external_ids
from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project, utc_now
from medlabel.core.records import SpanRecord
from medlabel.core.runs import Run, StoredPrediction, get_predictions, get_run, set_run_metrics
from medlabel.ml.data import load_task
from medlabel.ml.evaluate import SCHEMA, score
from medlabel.ml.metrics import _same
from medlabel.ml.tasks import DocExample, DocTask, SpanExample

# Error kinds, in the order the filter offers them.
DOC_KINDS = ("wrong_label", "invalid")
SPAN_KINDS = ("missed", "spurious", "wrong_type", "wrong_value", "boundary")
_GOLD_ACTIONS = {"document": ("set_label",), "spans": ("add_span", "update_span", "delete_span")}
_VALUE_TOL = 1e-6


@dataclass(frozen=True)
class ReviewItem:
    """One test report: its gold and the run's prediction (label tasks) or spans (extraction)."""

    doc_id: int
    external_id: str
    gold: str | None = None
    predicted: str | None = None
    confidence: float | None = None
    valid: bool = True
    gold_spans: tuple[SpanRecord, ...] = ()
    predicted_spans: tuple[SpanRecord, ...] = ()

    @property
    def correct(self) -> bool:
        return self.valid and self.predicted is not None and self.predicted == self.gold


@dataclass(frozen=True)
class ReviewError:
    """A disagreement between gold and prediction. For spans one row per disagreeing span (pair)."""

    doc_id: int
    external_id: str
    kind: str  # one of DOC_KINDS or SPAN_KINDS
    cls: str  # the gold label (or predicted, for a spurious span): what the filter by class uses
    gold: SpanRecord | str | None
    predicted: SpanRecord | str | None
    confidence: float | None


@dataclass
class RunReview:
    run: Run
    evaluation: dict[str, Any]  # the schema of ``medlabel evaluate --json``
    items: list[ReviewItem]
    errors: list[ReviewError]
    cells: dict[tuple[str, str | None], list[int]] = field(default_factory=dict)  # (gold, predicted)
    stale: list[int] = field(default_factory=list)  # test reports whose gold changed since scoring

    @property
    def classes(self) -> list[str]:
        return sorted({e.cls for e in self.errors})

    def item(self, doc_id: int) -> ReviewItem | None:
        return next((i for i in self.items if i.doc_id == doc_id), None)


def review_run(project: Project, run_id: int, n_boot: int = 1000) -> RunReview:
    """Everything the review page shows of run ``run_id`` (completed), scored on the current gold."""
    run = get_run(project, run_id)
    if run.status != "completed":
        raise MedlabelError(
            f"run {run_id} is {run.status}, so it has no predictions to review; review a completed run",
            code="review.not_completed", run=run_id, status=run.status,
        )  # fmt: skip
    data = load_task(project, run.task, freeze_split=False)
    predictions = {p.document_id: p for p in get_predictions(project, run_id)}
    metrics = score(data.task, data.test, predictions, n_boot=n_boot)
    stored = run.metrics or {}
    evaluation = {
        "schema": SCHEMA, "run": run.id, "task": run.task, "task_kind": run.task_kind, "recipe": run.recipe,
        "status": run.status, "n_test": len(data.test), "metrics": metrics,
        "baseline": stored.get("baseline"), "calibration": stored.get("calibration"),
    }  # fmt: skip
    ids = external_ids(project, [ex.doc_id for ex in data.test])
    items = [_item(ex, predictions.get(ex.doc_id), ids[ex.doc_id]) for ex in data.test]
    if isinstance(data.task, DocTask):
        errors = _doc_errors(items)
        cells: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        labels = set(data.task.labels)
        for it in items:
            predicted = it.predicted if it.valid and it.predicted in labels else None
            cells[(str(it.gold), predicted)].append(it.doc_id)
    else:
        errors = [e for it in items for e in _span_errors(it, predictions.get(it.doc_id))]
        cells = {}
    # Confident errors first: they are the ones a clinician should see before trusting the model.
    errors.sort(key=lambda e: (-(e.confidence if e.confidence is not None else -1.0), e.doc_id))
    # From the start: a label fixed while the run trained on its snapshot is newer than its figures.
    since = str(stored.get("scored_at") or run.started_at)
    stale = stale_reports(project, run, [ex.doc_id for ex in data.test], since)
    return RunReview(run, evaluation, items, errors, dict(cells), stale)


def _item(ex: DocExample | SpanExample, p: StoredPrediction | None, external_id: str) -> ReviewItem:
    if isinstance(ex, DocExample):
        if p is None:
            return ReviewItem(ex.doc_id, external_id, gold=ex.label, valid=False)
        return ReviewItem(ex.doc_id, external_id, ex.label, p.label, p.confidence, p.valid)
    return ReviewItem(
        ex.doc_id, external_id, valid=p is not None and p.valid,
        confidence=p.confidence if p is not None else None,
        gold_spans=tuple(ex.spans), predicted_spans=tuple(p.spans) if p is not None else (),
    )  # fmt: skip


def _doc_errors(items: list[ReviewItem]) -> list[ReviewError]:
    out = []
    for it in items:
        if it.correct:
            continue
        kind = "wrong_label" if it.valid and it.predicted is not None else "invalid"
        out.append(
            ReviewError(it.doc_id, it.external_id, kind, str(it.gold), it.gold, it.predicted, it.confidence)
        )
    return out


def _same_value(a: SpanRecord, b: SpanRecord) -> bool:
    va = a.value if a.value is not None else a.code
    vb = b.value if b.value is not None else b.code
    if va is None or vb is None:
        return va is None and vb is None
    return _same(va, vb, _VALUE_TOL) and (a.value is None or (a.unit or "") == (b.unit or ""))


def _overlap(a: SpanRecord, b: SpanRecord) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _span_errors(item: ReviewItem, p: StoredPrediction | None) -> list[ReviewError]:
    """Pair each gold span with the predicted span overlapping it most (exact offsets first, one-to-one),
    then name what differs; unpaired gold spans were missed, unpaired predicted ones are spurious."""
    gold, pred = list(item.gold_spans), list(item.predicted_spans)
    confidences = list(p.span_confidences) if p is not None else []
    pairs = sorted(
        ((a.start, a.end) != (b.start, b.end), a.type != b.type, -_overlap(a, b), i, j)
        for i, a in enumerate(gold)
        for j, b in enumerate(pred)
        if _overlap(a, b) > 0 or (a.start, a.end) == (b.start, b.end)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out = []

    def err(kind: str, cls: str, g: SpanRecord | None, q: SpanRecord | None, j: int | None) -> None:
        conf = confidences[j] if j is not None and j < len(confidences) else item.confidence
        out.append(ReviewError(item.doc_id, item.external_id, kind, cls, g, q, conf))

    for boundary, other_type, _, i, j in pairs:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        g, q = gold[i], pred[j]
        if other_type:
            err("wrong_type", g.type, g, q, j)
        elif not _same_value(g, q):
            err("wrong_value", g.type, g, q, j)
        elif boundary:
            err("boundary", g.type, g, q, j)
    for i, g in enumerate(gold):
        if i not in used_gold:
            err("missed", g.type, g, None, None)
    for j, q in enumerate(pred):
        if j not in used_pred:
            err("spurious", q.type, None, q, j)
    return out


def stale_reports(project: Project, run: Run, doc_ids: list[int], since: str) -> list[int]:
    """Test reports whose gold for the run's task changed after ``since`` (ISO time): the run's stored
    metrics were computed on older gold for them."""
    a = tables.audit_log
    actions = _GOLD_ACTIONS.get(run.task_kind, ())
    query = select(a.c.document_id, a.c.target).where(a.c.action.in_(actions), a.c.at > since)
    wanted = set(doc_ids)
    changed = set()
    with project.engine.connect() as conn:
        for doc_id, target in conn.execute(query):
            # A label change in another label set leaves this task's gold as it was.
            if doc_id in wanted and (run.task_kind != "document" or target == run.task):
                changed.add(doc_id)
    return sorted(changed)


def rescore_run(project: Project, run_id: int) -> dict[str, Any]:
    """Score the run again on the current gold and store the figures in its record (the baseline's and
    the calibration's figures stay as computed when the run ended: their predictions are not stored)."""
    review = review_run(project, run_id)
    metrics = {**(review.run.metrics or {}), **review.evaluation["metrics"], "scored_at": utc_now()}
    set_run_metrics(project, run_id, metrics)
    return metrics
