"""Reading documents and their annotations from the store, and setting their split."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from medlabel.core import audit, tables
from medlabel.core.errors import NotFoundError, SchemaError
from medlabel.core.project import Project
from medlabel.core.records import ExportDocument, SpanRecord

SPLITS = ("train", "test")


@dataclass(frozen=True)
class Document:
    id: int
    external_id: str
    text: str
    metadata: dict[str, Any]
    split: str | None


def document_count(project: Project, split: str | None = None) -> int:
    query = select(func.count()).select_from(tables.documents)
    if split is not None:
        query = query.where(tables.documents.c.split == split)
    with project.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def get_document(project: Project, doc_id: int) -> Document:
    with project.engine.connect() as conn:
        row = conn.execute(select(tables.documents).where(tables.documents.c.id == doc_id)).first()
    if row is None:
        raise NotFoundError(f"there is no document with internal id {doc_id}")
    return Document(row.id, row.external_id, row.text, json.loads(row.metadata), row.split)


def find_document(project: Project, external_id: str) -> Document:
    with project.engine.connect() as conn:
        row = conn.execute(
            select(tables.documents.c.id).where(tables.documents.c.external_id == external_id)
        ).first()
    if row is None:
        raise NotFoundError(f"there is no document with id {external_id!r}")
    return get_document(project, row.id)


def document_ids(project: Project, split: str | None = None) -> list[int]:
    query = select(tables.documents.c.id).order_by(tables.documents.c.id)
    if split is not None:
        query = query.where(tables.documents.c.split == split)
    with project.engine.connect() as conn:
        return [r[0] for r in conn.execute(query)]


def set_split(
    project: Project,
    doc_ids: Sequence[int],
    split: str | None,
    annotator: str,
    *,
    per_document: bool = False,
) -> None:
    """Assign documents to a split (``train``, ``test``, or None), in one transaction.

    The audit trail gets one row for the whole change; with ``per_document`` also one row per document
    with its split before, so that a report moved by hand shows in that report's history.
    """
    if split is not None and split not in SPLITS:
        raise SchemaError(f"unknown split {split!r}; use one of: {', '.join(SPLITS)}")
    project.require_writable()
    d = tables.documents
    with project.engine.begin() as conn:
        for start in range(0, len(doc_ids), 500):
            chunk = list(doc_ids[start : start + 500])
            if per_document:
                before = dict(conn.execute(select(d.c.id, d.c.split).where(d.c.id.in_(chunk))).all())
                for doc_id in chunk:
                    audit.record(conn, annotator=annotator, action="set_split", document_id=doc_id,
                                 target=split, before=before.get(doc_id), after=split)  # fmt: skip
            conn.execute(d.update().where(d.c.id.in_(chunk)).values(split=split))
        audit.record(
            conn, annotator=annotator, action="set_split", target=split, after={"documents": len(doc_ids)}
        )


def iter_export_documents(project: Project, batch_size: int = 2000) -> Iterator[ExportDocument]:
    """Every document with its current labels and spans, in id order, a batch at a time."""
    d, dl, lab, ls, sp, et = (
        tables.documents,
        tables.doc_labels,
        tables.labels,
        tables.label_sets,
        tables.spans,
        tables.entity_types,
    )
    last_id = 0
    with project.engine.connect() as conn:
        while True:
            rows = conn.execute(select(d).where(d.c.id > last_id).order_by(d.c.id).limit(batch_size)).all()
            if not rows:
                return
            lo, hi = rows[0].id, rows[-1].id
            labels: dict[int, dict[str, str]] = {}
            for r in conn.execute(
                select(dl.c.document_id, ls.c.name.label("set_name"), lab.c.name)
                .join(lab, lab.c.id == dl.c.label_id)
                .join(ls, ls.c.id == dl.c.label_set_id)
                .where(dl.c.document_id.between(lo, hi))
            ):
                labels.setdefault(r.document_id, {})[r.set_name] = r.name
            spans: dict[int, list[SpanRecord]] = {}
            for r in conn.execute(
                select(sp, et.c.name.label("type_name"))
                .join(et, et.c.id == sp.c.entity_type_id)
                .where(sp.c.document_id.between(lo, hi))
                .order_by(sp.c.document_id, sp.c.start_offset, sp.c.end_offset, sp.c.id)
            ):
                spans.setdefault(r.document_id, []).append(
                    SpanRecord(r.start_offset, r.end_offset, r.type_name, r.value, r.unit, r.code)
                )
            for r in rows:
                yield ExportDocument(
                    doc_id=r.id,
                    external_id=r.external_id,
                    text=r.text,
                    metadata=json.loads(r.metadata),
                    split=r.split,
                    labels=labels.get(r.id, {}),
                    spans=spans.get(r.id, []),
                )
            last_id = hi


def external_ids(project: Project, doc_ids: Sequence[int] | set[int]) -> dict[int, str]:
    """Document id -> external id (the id from the imported file), for the given documents."""
    d = tables.documents
    wanted = sorted(doc_ids)
    out: dict[int, str] = {}
    with project.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = conn.execute(select(d.c.id, d.c.external_id).where(d.c.id.in_(chunk)))
            out.update((r.id, r.external_id) for r in rows)
    return out
