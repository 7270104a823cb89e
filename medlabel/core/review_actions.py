"""What a reviewer does with a disagreement between gold and a run's prediction, each one audited:
take the prediction as gold, keep the gold (confirmed), or flag the report for discussion.

Fixing gold by hand goes through the ordinary annotation functions; taking a prediction names the run
(``accept_suggestion`` rows, as pre-annotation does), so the audit trail tells model-made gold apart.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from medlabel.core import audit, tables
from medlabel.core.annotations import add_span, delete_span, get_spans, set_label, update_span
from medlabel.core.errors import NotFoundError
from medlabel.core.notes import Note, get_note, set_note
from medlabel.core.project import Project
from medlabel.core.records import SpanRecord

CONFIRM_ACTION = "confirm_gold"
ACCEPT_ACTION = "accept_suggestion"


def accept_label(
    project: Project, doc_id: int, label_set: str, label: str, run_id: int, annotator: str
) -> None:
    """The run's label becomes the report's gold label."""
    set_label(project, doc_id, label_set, label, annotator, suggested_by=run_id)


def _gold_span_id(project: Project, doc_id: int, span: SpanRecord) -> int:
    for s in get_spans(project, doc_id):
        if (s.start, s.end, s.type) == (span.start, span.end, span.type):
            return s.id
    raise NotFoundError(
        f"report {doc_id} no longer has the gold span {span.type} at {span.start}–{span.end}; "
        "it was changed after the review was loaded — reload the review"
    )


def accept_span(
    project: Project,
    doc_id: int,
    gold: SpanRecord | None,
    predicted: SpanRecord | None,
    run_id: int,
    annotator: str,
) -> None:
    """Make gold agree with the run for one disagreement: add a span the run found, remove a gold span
    the run did not find, or give a gold span the run's boundaries, type and value."""
    if gold is None and predicted is None:
        raise ValueError("a disagreement has a gold span, a predicted span or both")
    if gold is None:
        assert predicted is not None
        add_span(
            project, doc_id, predicted.start, predicted.end, predicted.type, annotator,
            predicted.value, predicted.unit, predicted.code, suggested_by=run_id,
        )  # fmt: skip
        return
    span_id = _gold_span_id(project, doc_id, gold)
    if predicted is None:
        delete_span(project, span_id, annotator, suggested_by=run_id)
        return
    update_span(
        project, span_id, annotator, start=predicted.start, end=predicted.end, type=predicted.type,
        value=predicted.value, unit=predicted.unit, code=predicted.code, suggested_by=run_id,
    )  # fmt: skip


def confirm_gold(
    project: Project, doc_id: int, target: str, annotator: str, run_id: int | None = None, why: str = "review"
) -> None:
    """The reviewer looked at a disagreement (with run ``run_id``, or found by ``why``, e.g. the label
    check) and keeps the gold of ``target`` (a label set or entity type) as it is."""
    project.require_writable()
    after = {"run": run_id} if run_id is not None else {"check": why}
    with project.engine.begin() as conn:
        audit.record(
            conn, annotator=annotator, action=CONFIRM_ACTION, document_id=doc_id, target=target, after=after
        )


def flag_for_discussion(project: Project, doc_id: int, reason: str, annotator: str) -> None:
    """Flag the report for discussion and add ``reason`` as a line of its note (the note is kept)."""
    note = get_note(project, doc_id)
    text = note.text if reason in note.text else "\n".join(t for t in (note.text, reason) if t)
    set_note(project, doc_id, Note(text, flagged=True), annotator)


def reviewed(project: Project, run_id: int) -> dict[int, str]:
    """Reports of ``run_id`` a reviewer already decided on: doc id -> "accepted" or "kept" (the newest)."""
    a = tables.audit_log
    query = (
        select(a.c.document_id, a.c.action, a.c.after)
        .where(a.c.action.in_((CONFIRM_ACTION, ACCEPT_ACTION)))
        .order_by(a.c.id)
    )
    out: dict[int, str] = {}
    with project.engine.connect() as conn:
        for doc_id, action, after in conn.execute(query):
            if after and json.loads(after).get("run") == run_id:
                out[doc_id] = "kept" if action == CONFIRM_ACTION else "accepted"
    return out


def decide(
    project: Project,
    what: str,
    doc_id: int,
    task: str,
    gold: SpanRecord | str | None,
    predicted: SpanRecord | str | None,
    annotator: str,
    run_id: int | None = None,
) -> bool:
    """Carry out a reviewer's decision on one disagreement of task ``task``: "accept" (the prediction
    becomes gold), "keep" (gold confirmed), "flag" (for discussion), or a label chosen by hand. Returns
    True when gold changed. ``run_id`` None: the disagreement comes from the label check, not a run."""
    target = (
        gold.type
        if isinstance(gold, SpanRecord)
        else predicted.type
        if isinstance(predicted, SpanRecord)
        else task
    )
    if what == "keep":
        confirm_gold(project, doc_id, target, annotator, run_id, why="label check")
        return False
    if what == "flag":
        found_by = f"run {run_id}" if run_id is not None else "the label check"
        flag_for_discussion(
            project, doc_id, f"Gold ({_text(gold)}) or {found_by} ({_text(predicted)})?", annotator
        )
        return False
    if what == "accept" and (isinstance(gold, SpanRecord) or isinstance(predicted, SpanRecord)):
        if run_id is None:
            raise ValueError("a span is accepted from a run")
        accept_span(project, doc_id, gold if isinstance(gold, SpanRecord) else None,
                    predicted if isinstance(predicted, SpanRecord) else None, run_id, annotator)  # fmt: skip
        return True
    label = str(predicted) if what == "accept" else what
    if run_id is not None and label == predicted:
        accept_label(project, doc_id, task, label, run_id, annotator)
    else:
        set_label(project, doc_id, task, label, annotator)
    return True


def _text(value: SpanRecord | str | None) -> str:
    if isinstance(value, SpanRecord):
        shown = value.value if value.value is not None else value.code
        return f"{value.type} {shown if shown is not None else ''}".strip()
    return value or "none"
