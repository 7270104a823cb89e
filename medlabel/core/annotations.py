"""Changing annotations: document labels and spans.

Every function commits before it returns (nothing is ever waiting to be saved) and writes the change,
with its before and after, to the audit log in the same transaction. Undo in the GUI is a second call
of these functions with the old values.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, select

from medlabel.core import audit, tables
from medlabel.core.errors import NotFoundError, SchemaError
from medlabel.core.project import Project, utc_now
from medlabel.core.schema import load_schema


@dataclass(frozen=True)
class Span:
    id: int
    document_id: int
    start: int
    end: int
    type: str
    value: float | None
    unit: str | None
    code: str | None
    annotator: str


def _joins_previous(ch: str) -> bool:
    # Combining marks, zero-width joiners and variation selectors belong to the character before them.
    return unicodedata.category(ch) in {"Mn", "Me", "Mc"} or ch in "\u200d\ufe0e\ufe0f"


def span_problem(text: str, start: int, end: int) -> str | None:
    """Why [start, end) is not a valid span of ``text``, or None when it is."""
    if not isinstance(start, int) or not isinstance(end, int):
        return "offsets are not whole numbers"
    if start < 0 or end > len(text):
        return f"offsets {start}–{end} lie outside the text (length {len(text)})"
    if start >= end:
        return f"the span {start}–{end} is empty or reversed"
    if _joins_previous(text[start]) or (end < len(text) and _joins_previous(text[end])):
        return f"the span {start}–{end} cuts a character in two (an accent or joiner is split off)"
    if "\ud800" <= text[start] <= "\udfff" or "\ud800" <= text[end - 1] <= "\udfff":
        return f"the span {start}–{end} cuts a character in two (half of a surrogate pair)"
    return None


def _in_word(text: str, i: int) -> bool:
    """Whether text[i] belongs to a word: letters and digits, and a decimal point or comma between digits
    (so that "2,5" and "55.3" are one word)."""
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if ch.isalnum() or ch == "_" or _joins_previous(ch):
        return True
    return ch in ".," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words and stripped of surrounding white space, as annotators mean it:
    "VEF 55" inside "LVEF 55 %" becomes "LVEF 55". Punctuation at the edges stays as selected, since
    "55 %" needs its "%". Returns (start, end) unchanged when the selection holds only white space."""
    start, end = min(start, end), max(start, end)
    start, end = min(max(0, start), len(text)), min(max(0, end), len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _in_word(text, start) and _in_word(text, start - 1):
        start -= 1
    while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end


def _doc_text(conn: Connection, doc_id: int) -> str:
    row = conn.execute(select(tables.documents.c.text).where(tables.documents.c.id == doc_id)).first()
    if row is None:
        raise NotFoundError(f"there is no document with internal id {doc_id}")
    return row.text


def get_labels(project: Project, doc_id: int) -> dict[str, str]:
    """The document's current labels: label set name -> label name."""
    dl, lab, ls = tables.doc_labels, tables.labels, tables.label_sets
    with project.engine.connect() as conn:
        rows = conn.execute(
            select(ls.c.name.label("set_name"), lab.c.name)
            .join(lab, lab.c.id == dl.c.label_id)
            .join(ls, ls.c.id == dl.c.label_set_id)
            .where(dl.c.document_id == doc_id)
        )
        return {r.set_name: r.name for r in rows}


def _check_suggestion(conn: Connection, run_id: int) -> None:
    # Provenance that names a run the store does not hold could never be traced back, so it is refused.
    if conn.execute(select(tables.runs.c.id).where(tables.runs.c.id == run_id)).first() is None:
        raise NotFoundError(f"there is no run {run_id}; a suggestion is accepted from a run of this project")


def _record_acceptance(
    conn: Connection, run_id: int, annotator: str, doc_id: int, target: str, what: dict, at: str
) -> None:
    """The ``accept_suggestion`` audit row beside a change: which run's suggestion was taken as gold."""
    _check_suggestion(conn, run_id)
    audit.record(
        conn, annotator=annotator, action="accept_suggestion", document_id=doc_id, target=target,
        after={"run": run_id, **what}, at=at,
    )  # fmt: skip


def set_label(
    project: Project,
    doc_id: int,
    label_set: str,
    label: str | None,
    annotator: str,
    *,
    suggested_by: int | None = None,
) -> str | None:
    """Set (or with ``label=None`` clear) the document's label in ``label_set``; returns the previous one.

    ``suggested_by`` (a run id) says the label is a model's suggestion that the annotator accepted; an
    ``accept_suggestion`` audit row naming the run is written with the change. Accepting the label the
    document already has changes nothing and writes no row."""
    project.require_writable()
    if suggested_by is not None and label is None:
        raise ValueError("a suggestion that is accepted names a label; clearing one is not accepting it")
    dl = tables.doc_labels
    with project.engine.begin() as conn:
        _doc_text(conn, doc_id)
        ls = load_schema(project, conn).label_set(label_set)
        new_id = None
        if label is not None:
            matches = [lab.id for lab in ls.labels if lab.name == label]
            if not matches:
                raise SchemaError(
                    f"{label!r} is not a label of {label_set!r}; its labels are: {', '.join(ls.label_names)}"
                )
            new_id = matches[0]
        row = conn.execute(
            select(dl.c.id, dl.c.label_id).where(dl.c.document_id == doc_id, dl.c.label_set_id == ls.id)
        ).first()
        names = {lab.id: lab.name for lab in ls.labels}
        previous = names.get(row.label_id) if row else None
        if previous == label:
            return previous
        now = utc_now()
        if row is None:
            conn.execute(
                dl.insert().values(
                    document_id=doc_id,
                    label_set_id=ls.id,
                    label_id=new_id,
                    annotator=annotator,
                    created_at=now,
                    updated_at=now,
                )
            )
        elif new_id is None:
            conn.execute(dl.delete().where(dl.c.id == row.id))
        else:
            conn.execute(
                dl.update()
                .where(dl.c.id == row.id)
                .values(label_id=new_id, annotator=annotator, updated_at=now)
            )
        audit.record(
            conn,
            annotator=annotator,
            action="set_label",
            document_id=doc_id,
            target=label_set,
            before=previous,
            after=label,
            at=now,
        )
        if suggested_by is not None:
            _record_acceptance(conn, suggested_by, annotator, doc_id, label_set, {"label": label}, now)
    return previous


def _span_dict(span: Span | None) -> dict | None:
    if span is None:
        return None
    return {
        "start": span.start,
        "end": span.end,
        "type": span.type,
        "value": span.value,
        "unit": span.unit,
        "code": span.code,
    }


def get_spans(project: Project, doc_id: int) -> list[Span]:
    """The document's spans ordered by position."""
    with project.engine.connect() as conn:
        return _spans(conn, tables.spans.c.document_id == doc_id)


def get_span(project: Project, span_id: int) -> Span:
    with project.engine.connect() as conn:
        found = _spans(conn, tables.spans.c.id == span_id)
    if not found:
        raise NotFoundError(f"there is no span with id {span_id}")
    return found[0]


def _spans(conn: Connection, where: object) -> list[Span]:
    sp, et = tables.spans, tables.entity_types
    rows = conn.execute(
        select(sp, et.c.name.label("type_name"))
        .join(et, et.c.id == sp.c.entity_type_id)
        .where(where)
        .order_by(sp.c.start_offset, sp.c.end_offset, sp.c.id)
    )
    return [
        Span(
            r.id,
            r.document_id,
            r.start_offset,
            r.end_offset,
            r.type_name,
            r.value,
            r.unit,
            r.code,
            r.annotator,
        )
        for r in rows
    ]


def add_span(
    project: Project,
    doc_id: int,
    start: int,
    end: int,
    type: str,
    annotator: str,
    value: float | None = None,
    unit: str | None = None,
    code: str | None = None,
    span_id: int | None = None,
    *,
    suggested_by: int | None = None,
) -> int:
    """Add a span of entity type ``type``; returns its id. Overlapping spans are allowed.

    ``span_id`` restores a deleted span under its old id (undo), so that later commands that name the
    span by id still find it. ``suggested_by`` (a run id) says the span is a model's suggestion that the
    annotator accepted; an ``accept_suggestion`` audit row naming the run is written with the span."""
    project.require_writable()
    with project.engine.begin() as conn:
        problem = span_problem(_doc_text(conn, doc_id), start, end)
        if problem:
            raise SchemaError(f"document {doc_id}: {problem}")
        et = load_schema(project, conn).entity_type(type)
        now = utc_now()
        if (
            span_id is not None
            and conn.execute(select(tables.spans.c.id).where(tables.spans.c.id == span_id)).first()
        ):
            raise SchemaError(f"document {doc_id}: span id {span_id} is in use; it cannot be restored")
        span_id = conn.execute(
            tables.spans.insert().values(
                id=span_id,
                document_id=doc_id,
                entity_type_id=et.id,
                start_offset=start,
                end_offset=end,
                value=value,
                unit=unit,
                code=code,
                annotator=annotator,
                created_at=now,
                updated_at=now,
            )
        ).inserted_primary_key[0]
        after = {"start": start, "end": end, "type": type, "value": value, "unit": unit, "code": code}
        audit.record(
            conn,
            annotator=annotator,
            action="add_span",
            document_id=doc_id,
            target=str(span_id),
            after=after,
            at=now,
        )
        if suggested_by is not None:
            _record_acceptance(conn, suggested_by, annotator, doc_id, type, {"span": after}, now)
    return int(span_id)


_UNSET = object()


def update_span(
    project: Project,
    span_id: int,
    annotator: str,
    *,
    start: int | None = None,
    end: int | None = None,
    type: str | None = None,
    value: float | object | None = _UNSET,
    unit: str | object | None = _UNSET,
    code: str | object | None = _UNSET,
    suggested_by: int | None = None,
) -> Span:
    """Change a span's boundaries, type or normalised value; returns the span as it was before.
    ``suggested_by`` (a run id): the change takes that run's prediction as gold (audited as accepted)."""
    project.require_writable()
    with project.engine.begin() as conn:
        found = _spans(conn, tables.spans.c.id == span_id)
        if not found:
            raise NotFoundError(f"there is no span with id {span_id}")
        old = found[0]
        new_start = old.start if start is None else start
        new_end = old.end if end is None else end
        problem = span_problem(_doc_text(conn, old.document_id), new_start, new_end)
        if problem:
            raise SchemaError(f"document {old.document_id}: {problem}")
        changes: dict[str, object] = {"start_offset": new_start, "end_offset": new_end}
        if type is not None:
            changes["entity_type_id"] = load_schema(project, conn).entity_type(type).id
        for key, val in (("value", value), ("unit", unit), ("code", code)):
            if val is not _UNSET:
                changes[key] = val
        now = utc_now()
        conn.execute(
            tables.spans.update()
            .where(tables.spans.c.id == span_id)
            .values(**changes, annotator=annotator, updated_at=now)
        )
        new = _spans(conn, tables.spans.c.id == span_id)[0]
        audit.record(
            conn,
            annotator=annotator,
            action="update_span",
            document_id=old.document_id,
            target=str(span_id),
            before=_span_dict(old),
            after=_span_dict(new),
            at=now,
        )
        if suggested_by is not None:
            what = {"span": _span_dict(new), "replaces": _span_dict(old)}
            _record_acceptance(conn, suggested_by, annotator, old.document_id, new.type, what, now)
    return old


def delete_span(project: Project, span_id: int, annotator: str, *, suggested_by: int | None = None) -> Span:
    """Delete a span; returns it so that the caller can offer undo. ``suggested_by`` (a run id): the
    run found no span there and the annotator agreed (audited as accepted)."""
    project.require_writable()
    with project.engine.begin() as conn:
        found = _spans(conn, tables.spans.c.id == span_id)
        if not found:
            raise NotFoundError(f"there is no span with id {span_id}")
        conn.execute(tables.spans.delete().where(tables.spans.c.id == span_id))
        now = utc_now()
        audit.record(
            conn,
            annotator=annotator,
            action="delete_span",
            document_id=found[0].document_id,
            target=str(span_id),
            before=_span_dict(found[0]),
            at=now,
        )
        if suggested_by is not None:
            what = {"removed": _span_dict(found[0])}
            _record_acceptance(conn, suggested_by, annotator, found[0].document_id, found[0].type, what, now)
    return found[0]
