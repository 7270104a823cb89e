"""The document list's queries: which documents match a filter, in which order, and one row per document.

Built for 100,000-document projects: a filter returns only the matching ids (one indexed query); the
list then asks for rows a block at a time. Free-text search uses the FTS5 index: words, each a prefix ("smok"
finds "smoker"), and phrases in double quotes ("no smoking"), read by ``medlabel.core.text_search``, which
also finds them in a report for its highlights; a report id that starts with the text matches too.

A document's status, from the latest completed run of each task:

- ``disagreement``: the annotator's label differs from that run's predicted label;
- ``labelled``: it has a label or a span;
- ``predicted``: no annotation yet, but a prediction;
- ``unlabelled``: neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select, text, union

from medlabel.core import tables
from medlabel.core.errors import MedlabelError
from medlabel.core.project import Project
from medlabel.core.text_search import QUOTES, parse_query

STATUSES = ("unlabelled", "labelled", "predicted", "disagreement")
SORT_KEYS = ("id", "external_id", "status", "label", "split", "confidence")


@dataclass(frozen=True)
class DocFilter:
    status: str | None = None
    label_set: str | None = None  # with ``label``: documents with that label; the label column's set
    label: str | None = None
    text: str = ""
    split: str | None = None  # "train", "test" or "none" (no split)
    flagged: bool = False


@dataclass(frozen=True)
class DocRow:
    id: int
    external_id: str
    status: str
    split: str | None
    flagged: bool
    n_spans: int
    labels: dict[str, str] = field(default_factory=dict)
    # The newest completed run's prediction for it: the model's suggestion, shown and sortable.
    prediction: str | None = None
    confidence: float | None = None
    prediction_run: int | None = None


def search_query(text_: str) -> str | None:
    """An FTS5 MATCH expression: every word of the text as a quoted prefix, every quoted phrase as an FTS5
    phrase (its last word a prefix while the closing quote is missing), all of them required. Only words go
    into the expression, each inside quotes, so no user input is read as FTS syntax. None when the text
    holds no word."""
    terms = parse_query(text_)
    return " ".join(f'"{" ".join(t.words)}"' + ("*" if t.prefix else "") for t in terms) if terms else None


def _latest_runs() -> Any:
    r = tables.runs
    return select(func.max(r.c.id)).where(r.c.status == "completed").group_by(r.c.task)


def _latest_prediction(column: Any) -> Any:
    """``column`` of the document's prediction by the newest completed run that predicted it (a later
    run that predicted only its test split does not hide the suggestions an earlier run made)."""
    d, p, r = tables.documents, tables.predictions, tables.runs
    return (
        select(column)
        .select_from(p.join(r, r.c.id == p.c.run_id))
        .where(p.c.document_id == d.c.id, r.c.status == "completed")
        .order_by(p.c.run_id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _status_expr() -> Any:
    d, dl, sp, p, r = tables.documents, tables.doc_labels, tables.spans, tables.predictions, tables.runs
    ls, lab = tables.label_sets, tables.labels
    latest = _latest_runs()
    has_annotation = or_(
        exists().where(dl.c.document_id == d.c.id), exists().where(sp.c.document_id == d.c.id)
    )
    has_prediction = exists().where(p.c.document_id == d.c.id, p.c.run_id.in_(latest))
    disagrees = exists(
        select(literal(1))
        .select_from(
            p.join(r, r.c.id == p.c.run_id)
            .join(ls, ls.c.name == r.c.task)
            .join(dl, and_(dl.c.document_id == p.c.document_id, dl.c.label_set_id == ls.c.id))
            .join(lab, lab.c.id == dl.c.label_id)
        )
        .where(
            p.c.document_id == d.c.id, p.c.run_id.in_(latest), p.c.label.is_not(None), p.c.label != lab.c.name
        )
    )
    return case(
        (disagrees, "disagreement"),
        (has_annotation, "labelled"),
        (has_prediction, "predicted"),
        else_="unlabelled",
    )


def _label_name_expr(label_set: str) -> Any:
    d, dl, ls, lab = tables.documents, tables.doc_labels, tables.label_sets, tables.labels
    return (
        select(lab.c.name)
        .join(dl, dl.c.label_id == lab.c.id)
        .join(ls, ls.c.id == dl.c.label_set_id)
        .where(dl.c.document_id == d.c.id, ls.c.name == label_set)
        .scalar_subquery()
    )


def _filtered(query: Select, doc_filter: DocFilter) -> Select:
    d = tables.documents
    if doc_filter.status is not None:
        if doc_filter.status not in STATUSES:
            raise MedlabelError(f"unknown status {doc_filter.status!r}; choose one of {', '.join(STATUSES)}")
        query = query.where(_status_expr() == doc_filter.status)
    if doc_filter.label is not None:
        if not doc_filter.label_set:
            raise MedlabelError("filtering by label needs the label set it belongs to")
        query = query.where(_label_name_expr(doc_filter.label_set) == doc_filter.label)
    if doc_filter.split is not None:
        query = query.where(
            d.c.split.is_(None) if doc_filter.split == "none" else d.c.split == doc_filter.split
        )
    if doc_filter.flagged:
        n = tables.doc_notes
        query = query.where(exists().where(n.c.document_id == d.c.id, n.c.flagged == 1))
    if doc_filter.text.strip():
        # Report ids match from their start (any case as typed, lower or upper): a range over the unique
        # index instead of a scan of every id, which would cost ~90 ms at 100,000 reports. Quotes around an
        # id ("smk-0042") are the phrase syntax, not part of it.
        needle = doc_filter.text.translate(QUOTES).strip().strip('"').strip() or doc_filter.text.strip()
        by_id = [
            select(d.c.id).where(d.c.external_id >= form, d.c.external_id < form + "\U0010ffff")
            for form in dict.fromkeys((needle, needle.lower(), needle.upper()))
        ]
        match = search_query(doc_filter.text)
        if match is not None:
            fts = (
                select(text("rowid")).select_from(text("documents_fts")).where(text("documents_fts MATCH :q"))
            )
            by_id.append(fts)
        query = query.where(d.c.id.in_(union(*by_id)))
        if match is not None:
            query = query.params(q=match)
    return query


def has_predictions(project: Project) -> bool:
    """Whether any completed run has predicted a document (the list's prediction column has content)."""
    p, r = tables.predictions, tables.runs
    query = select(exists().where(p.c.run_id == r.c.id, r.c.status == "completed"))
    with project.engine.connect() as conn:
        return bool(conn.execute(query).scalar())


def filtered_ids(
    project: Project,
    doc_filter: DocFilter | None = None,
    sort: str = "id",
    descending: bool = False,
) -> list[int]:
    """Ids of the documents matching ``doc_filter``, in the order asked for (ties by id)."""
    d = tables.documents
    doc_filter = doc_filter or DocFilter()
    if sort not in SORT_KEYS:
        raise MedlabelError(f"cannot sort by {sort!r}; choose one of {', '.join(SORT_KEYS)}")
    keys: dict[str, Any] = {
        "id": d.c.id,
        "external_id": d.c.external_id,
        "split": d.c.split,
        "status": _status_expr(),
        "label": _label_name_expr(doc_filter.label_set or "") if doc_filter.label_set else d.c.id,
        "confidence": _latest_prediction(tables.predictions.c.confidence),
    }
    key = keys[sort]
    order = [key.desc() if descending else key.asc()]
    if sort == "confidence":  # least (or most) confident first either way; reports without one last
        order.insert(0, key.is_(None))
    if sort != "id":
        order.append(d.c.id)
    query = _filtered(select(d.c.id), doc_filter).order_by(*order)
    with project.engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]


def doc_rows(project: Project, ids: Sequence[int]) -> dict[int, DocRow]:
    """The list rows of ``ids`` (a block of a few hundred at a time)."""
    d, n, sp = tables.documents, tables.doc_notes, tables.spans
    dl, ls, lab = tables.doc_labels, tables.label_sets, tables.labels
    if not ids:
        return {}
    n_spans = select(func.count()).where(sp.c.document_id == d.c.id).scalar_subquery()
    flagged = select(n.c.flagged).where(n.c.document_id == d.c.id).scalar_subquery()
    query = select(
        d.c.id, d.c.external_id, d.c.split, _status_expr().label("status"),
        func.coalesce(flagged, 0).label("flagged"), n_spans.label("n_spans"),
        _latest_prediction(tables.predictions.c.label).label("prediction"),
        _latest_prediction(tables.predictions.c.confidence).label("confidence"),
        _latest_prediction(tables.predictions.c.run_id).label("prediction_run"),
    ).where(d.c.id.in_(list(ids)))  # fmt: skip
    labels_query = (
        select(dl.c.document_id, ls.c.name.label("set_name"), lab.c.name)
        .join(ls, ls.c.id == dl.c.label_set_id)
        .join(lab, lab.c.id == dl.c.label_id)
        .where(dl.c.document_id.in_(list(ids)))
        .order_by(ls.c.position, ls.c.id)
    )
    labels: dict[int, dict[str, str]] = {}
    with project.engine.connect() as conn:
        for r in conn.execute(labels_query):
            labels.setdefault(r.document_id, {})[r.set_name] = r.name
        return {
            r.id: DocRow(
                r.id,
                r.external_id,
                r.status,
                r.split,
                bool(r.flagged),
                int(r.n_spans),
                labels.get(r.id, {}),
                r.prediction,
                r.confidence,
                r.prediction_run,
            )
            for r in conn.execute(query)
        }


def labelled_count(project: Project) -> tuple[int, int]:
    """(documents with a label or a span, all documents): the window title's progress."""
    d, dl, sp = tables.documents, tables.doc_labels, tables.spans
    annotated = select(dl.c.document_id).union(select(sp.c.document_id)).subquery()
    with project.engine.connect() as conn:
        done = conn.execute(select(func.count()).select_from(annotated)).scalar_one()
        total = conn.execute(select(func.count()).select_from(d)).scalar_one()
    return int(done), int(total)


def next_unlabelled(project: Project, after_id: int, ids: Sequence[int] | None = None) -> int | None:
    """The first document after ``after_id`` (in ``ids`` order when given, else by id) with no label and no
    span, wrapping round to the start; None when every document is annotated."""
    d, dl, sp = tables.documents, tables.doc_labels, tables.spans
    unannotated = select(d.c.id).where(
        ~exists().where(dl.c.document_id == d.c.id), ~exists().where(sp.c.document_id == d.c.id)
    )
    with project.engine.connect() as conn:
        if ids is None:
            for bound in (d.c.id > after_id, d.c.id <= after_id):
                row = conn.execute(unannotated.where(bound).order_by(d.c.id).limit(1)).first()
                if row:
                    return int(row[0])
            return None
        free = {r[0] for r in conn.execute(unannotated)}
    order = list(ids)
    start = order.index(after_id) + 1 if after_id in order else 0
    for doc_id in order[start:] + order[:start]:
        if doc_id in free:
            return doc_id
    return None
