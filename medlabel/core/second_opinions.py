"""Second opinions: another annotator's labels and spans for the reports of this project, kept beside the
project's own annotations ("gold") so that the two can be compared and disagreements settled.

A project holds one current label per report and label set, written by whoever has it open. A second
annotator therefore labels independently in a copy of the project (or a project of their own with the
same reports); ``import_opinions`` brings their annotations back as a layer named after them. Reports are
matched by external id and must have the very same text, since span offsets into a changed text would
point at the wrong words. ``adjudicate`` settles a disagreement by setting the gold label, with an audit
row that keeps what each side said.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Table, delete, func, select

from medlabel.core import audit, tables
from medlabel.core.annotations import set_label
from medlabel.core.documents import iter_export_documents
from medlabel.core.errors import MedlabelError, ProjectError
from medlabel.core.project import Project, open_project, utc_now
from medlabel.core.records import SpanRecord
from medlabel.core.schema import load_schema

# What agreement calls the project's own annotations; an opinion layer of that name would be confused
# with them.
GOLD = "gold"
MAX_NAME_CHARS = 200
# Refusals name at most this many reports; the count says how many there are in all.
_NAMED = 5
# Open-project refusals that mean "this is not a project at all" rather than a problem with one.
_NOT_A_PROJECT = (
    "project.no_folder",
    "project.not_a_folder",
    "project.not_a_project",
    "project.not_a_database",
)


@dataclass(frozen=True)
class ImportedOpinions:
    """What ``import_opinions`` stored: ``documents`` is the number of shared reports that received a label
    or were covered for spans; ``unmatched`` the source's reports this project does not hold; ``skipped``
    the source's label sets and entity types this project lacks (their annotations were left out)."""

    annotator: str
    documents: int
    labels: int
    spans: int
    unmatched: int
    skipped: tuple[str, ...] = field(default=())


def _clean_annotator(annotator: str) -> str:
    name = " ".join(str(annotator or "").split())
    if not name:
        raise MedlabelError(
            "the second opinion needs the name of the annotator who made it; the name given is empty",
            code="opinions.no_name",
        )
    if len(name) > MAX_NAME_CHARS:
        raise MedlabelError(
            f"the annotator name {name[:40]!r}… is longer than {MAX_NAME_CHARS} characters; "
            "choose a shorter one",
            code="opinions.name_too_long",
            name=name[:40],
            limit=MAX_NAME_CHARS,
        )
    if name.lower() == GOLD:
        raise MedlabelError(
            f"{name!r} is how agreement names the project's own labels; import the second opinion under "
            "the annotator's name",
            code="opinions.reserved_name",
            name=name,
        )
    return name


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def _own_documents(conn: Connection) -> dict[str, tuple[int, bytes]]:
    """external id -> (id, digest of the text): hashes keep a large project's texts out of memory."""
    d = tables.documents
    return {
        r.external_id: (r.id, _digest(r.text))
        for r in conn.execute(select(d.c.id, d.c.external_id, d.c.text)).yield_per(2000)
    }


def _open_source(source: Path) -> Project:
    try:
        return open_project(source, read_only=True)
    except ProjectError as exc:
        if exc.code not in _NOT_A_PROJECT:
            raise
        raise MedlabelError(
            f"{source} is not a medlabel project ({exc}); choose the folder of the project in which the "
            "second annotator labelled the reports",
            code="opinions.not_a_project",
            path=str(source),
        ) from None


def _names(items: list[str]) -> str:
    shown = ", ".join(repr(i) for i in items[:_NAMED])
    return shown + (f" and {len(items) - _NAMED} more" if len(items) > _NAMED else "")


def import_opinions(project: Project, source: Path, annotator: str) -> ImportedOpinions:
    """Import the labels and spans of the project at ``source`` as ``annotator``'s second opinion.

    Every label of a label set this project has and every span of an entity type it has is copied, for
    the reports both projects hold (same external id, same text); the annotator's earlier opinions are
    replaced. All or nothing, in one transaction. Refuses reports whose text differs, labels this
    project's label set lacks, and a source that shares no report with this project.
    """
    project.require_writable()
    name = _clean_annotator(annotator)
    source = Path(source)
    with _open_source(source) as other, project.engine.connect() as conn:
        schema = load_schema(project, conn)
        own = _own_documents(conn)
        sets = {ls.name: ls for ls in schema.label_sets}
        types = {et.name: et.id for et in schema.entity_types}
        label_rows: list[dict] = []
        span_rows: list[dict] = []
        covered: set[int] = set()
        differs: list[str] = []
        unknown: dict[tuple[str, str], int] = {}
        skipped: set[str] = set()
        unmatched = shared = 0
        for doc in iter_export_documents(other):
            mine = own.get(doc.external_id)
            if mine is None:
                unmatched += 1
                continue
            shared += 1
            doc_id, digest = mine
            if digest != _digest(doc.text):
                differs.append(doc.external_id)
                continue
            for set_name, label in doc.labels.items():
                ls = sets.get(set_name)
                if ls is None:
                    skipped.add(set_name)
                    continue
                label_id = next((lab.id for lab in ls.labels if lab.name == label), None)
                if label_id is None:
                    unknown[(set_name, label)] = unknown.get((set_name, label), 0) + 1
                    continue
                label_rows.append({"document_id": doc_id, "label_set_id": ls.id, "label_id": label_id})
            kept = [s for s in doc.spans if s.type in types]
            skipped.update(s.type for s in doc.spans if s.type not in types)
            # The same rule as for gold: a report belongs to the extraction task once it has spans or a split.
            if types and (doc.spans or doc.split is not None):
                covered.add(doc_id)
            span_rows.extend(
                {
                    "document_id": doc_id,
                    "entity_type_id": types[s.type],
                    "start_offset": s.start,
                    "end_offset": s.end,
                    "value": s.value,
                    "unit": s.unit,
                    "code": s.code,
                }
                for s in kept
            )
    _refuse(source, shared, differs, unknown)
    now = utc_now()
    documents = len(covered | {row["document_id"] for row in label_rows})
    counts = {
        "documents": documents,
        "labels": len(label_rows),
        "spans": len(span_rows),
        "unmatched": unmatched,
    }
    with project.engine.begin() as conn:
        _delete_layer(conn, name)
        stamp = {"annotator": name, "imported_at": now}
        if label_rows:
            conn.execute(tables.opinion_labels.insert(), [row | stamp for row in label_rows])
        if span_rows:
            conn.execute(tables.opinion_spans.insert(), [row | stamp for row in span_rows])
        if covered:
            conn.execute(
                tables.opinion_documents.insert(), [{"document_id": d} | stamp for d in sorted(covered)]
            )
        audit.record(
            conn,
            annotator=name,
            action="import_opinions",
            target=name,
            after=counts | {"source": str(source.resolve()), "skipped": sorted(skipped)},
            at=now,
        )
    return ImportedOpinions(name, **counts, skipped=tuple(sorted(skipped)))


def _refuse(source: Path, shared: int, differs: list[str], unknown: dict[tuple[str, str], int]) -> None:
    if differs:
        raise MedlabelError(
            f"{len(differs)} report(s) in {source} have the same id as one here but a different text "
            f"({_names(differs)}), so their labels and span positions may not belong to this project's "
            "reports; nothing was imported. Label a copy of this project's reports instead",
            code="opinions.text_differs",
            path=str(source),
            count=len(differs),
            documents=differs[:_NAMED],
        )
    if unknown:
        (set_name, label), count = min(unknown.items(), key=lambda item: item[0])
        others = f" (and {len(unknown) - 1} other unknown label(s))" if len(unknown) > 1 else ""
        raise MedlabelError(
            f"label set {set_name!r} of this project has no label {label!r}, which {count} report(s) in "
            f"{source} carry{others}; nothing was imported. Add the label to this project's label set or "
            "correct those reports in the other project",
            code="opinions.unknown_label",
            path=str(source),
            label_set=set_name,
            label=label,
            count=count,
        )
    if shared == 0:
        raise MedlabelError(
            f"{source} holds none of this project's reports (none has the same id), so there is nothing to "
            "compare; choose the project in which the same reports were labelled",
            code="opinions.nothing_shared",
            path=str(source),
        )


def _delete_layer(conn: Connection, annotator: str) -> int:
    removed = 0
    for table in (tables.opinion_labels, tables.opinion_spans, tables.opinion_documents):
        removed += conn.execute(delete(table).where(table.c.annotator == annotator)).rowcount or 0
    return removed


def annotators(project: Project) -> list[str]:
    """The names of the second-opinion layers, sorted."""
    names: set[str] = set()
    with project.engine.connect() as conn:
        for table in (tables.opinion_labels, tables.opinion_spans, tables.opinion_documents):
            names.update(conn.execute(select(table.c.annotator).distinct()).scalars())
    return sorted(names)


def opinion_labels(project: Project, label_set: str) -> dict[int, dict[str, str]]:
    """The second opinions in ``label_set``: document id -> annotator -> label."""
    return _opinion_labels(project, label_set)


def _opinion_labels(project: Project, label_set: str, doc_id: int | None = None) -> dict[int, dict[str, str]]:
    ol, lab = tables.opinion_labels, tables.labels
    with project.engine.connect() as conn:
        ls = load_schema(project, conn).label_set(label_set)
        query = (
            select(ol.c.document_id, ol.c.annotator, lab.c.name)
            .join(lab, lab.c.id == ol.c.label_id)
            .where(ol.c.label_set_id == ls.id)
            .order_by(ol.c.document_id, ol.c.annotator)
        )
        if doc_id is not None:
            query = query.where(ol.c.document_id == doc_id)
        out: dict[int, dict[str, str]] = {}
        for r in conn.execute(query):
            out.setdefault(r.document_id, {})[r.annotator] = r.name
    return out


def opinion_spans(project: Project, annotator: str) -> dict[int, list[SpanRecord]]:
    """``annotator``'s spans by document id, for every report the import covered for spans (a covered
    report without spans maps to an empty list: the annotator found nothing to mark there)."""
    os_, et, od = tables.opinion_spans, tables.entity_types, tables.opinion_documents
    with project.engine.connect() as conn:
        out: dict[int, list[SpanRecord]] = {
            doc_id: []
            for doc_id in conn.execute(
                select(od.c.document_id).where(od.c.annotator == annotator).order_by(od.c.document_id)
            ).scalars()
        }
        rows = conn.execute(
            select(os_, et.c.name.label("type_name"))
            .join(et, et.c.id == os_.c.entity_type_id)
            .where(os_.c.annotator == annotator)
            .order_by(os_.c.document_id, os_.c.start_offset, os_.c.end_offset, os_.c.id)
        )
        for r in rows:
            out.setdefault(r.document_id, []).append(
                SpanRecord(r.start_offset, r.end_offset, r.type_name, r.value, r.unit, r.code)
            )
    return out


def remove_opinions(project: Project, annotator: str) -> int:
    """Remove ``annotator``'s second opinion; returns the number of labels and spans removed."""
    project.require_writable()
    with project.engine.begin() as conn:
        labels = _count(conn, tables.opinion_labels, annotator)
        spans = _count(conn, tables.opinion_spans, annotator)
        if _delete_layer(conn, annotator):
            audit.record(
                conn,
                annotator=annotator,
                action="remove_opinions",
                target=annotator,
                before={"labels": labels, "spans": spans},
            )
    return labels + spans


def _count(conn: Connection, table: Table, annotator: str) -> int:
    query = select(func.count()).select_from(table).where(table.c.annotator == annotator)
    return int(conn.execute(query).scalar_one())


def adjudicate(project: Project, doc_id: int, label_set: str, label: str, annotator: str) -> None:
    """Settle a disagreement: make ``label`` the gold label of the document in ``label_set``.

    ``annotator`` is the person deciding. The gold label is set with ``annotations.set_label`` (its own
    transaction and ``set_label`` audit row); an ``adjudicate`` audit row follows in a second transaction,
    with what each side said before (``{annotator: label, ..., "gold": previous gold}``) and the decision.
    Should the process die between the two, the label is set but the report is not marked adjudicated.
    """
    opinions = _opinion_labels(project, label_set, doc_id).get(doc_id, {})
    previous = set_label(project, doc_id, label_set, label, annotator)
    with project.engine.begin() as conn:
        audit.record(
            conn,
            annotator=annotator,
            action="adjudicate",
            document_id=doc_id,
            target=label_set,
            before=opinions | {GOLD: previous},
            after=label,
        )


def adjudicated(project: Project, label_set: str) -> set[int]:
    """The ids of the documents whose label in ``label_set`` was settled by ``adjudicate``."""
    a = tables.audit_log
    with project.engine.connect() as conn:
        rows = conn.execute(
            select(a.c.document_id).where(a.c.action == "adjudicate", a.c.target == label_set).distinct()
        )
        return {r[0] for r in rows if r[0] is not None}


def gold_labels(project: Project, label_set: str) -> dict[int, tuple[str, str]]:
    """The project's own labels in ``label_set``: document id -> (label, annotator who set it)."""
    dl, lab = tables.doc_labels, tables.labels
    with project.engine.connect() as conn:
        ls = load_schema(project, conn).label_set(label_set)
        rows = conn.execute(
            select(dl.c.document_id, dl.c.annotator, lab.c.name)
            .join(lab, lab.c.id == dl.c.label_id)
            .where(dl.c.label_set_id == ls.id)
        )
        return {r.document_id: (r.name, r.annotator) for r in rows}
