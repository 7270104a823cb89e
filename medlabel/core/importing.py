"""Checking an import batch against the project and storing it, all or nothing.

Readers only parse. Here every format gets the same checks — duplicated ids, empty texts, spans
outside the text or cutting a character, labels the schema does not know — each reported with counts
and examples, and each settled by the user's explicit choice (skip / add to schema / abort), never
silently. The batch is then written in one transaction: either all of it lands or none of it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from sqlalchemy import Connection, func, select

from medlabel.core import audit, tables
from medlabel.core.annotations import span_problem
from medlabel.core.documents import SPLITS
from medlabel.core.errors import ImportRejectedError
from medlabel.core.project import Project, utc_now
from medlabel.core.records import DocRecord, EntityTypeSpec, ImportBatch, LabelSetSpec, SpanRecord
from medlabel.core.schema import (
    ProjectSchema,
    add_entity_type_in,
    add_label_in,
    add_label_set_in,
    load_schema,
)


class Choice(str, Enum):
    SKIP = "skip"
    ADD = "add"
    ABORT = "abort"


@dataclass(frozen=True)
class ImportPolicy:
    """What to do with each kind of problem. The default stops and asks (aborts) on any problem."""

    # Duplicated ids, ids already in the project, empty texts, bad spans, unknown split names.
    invalid: Choice = Choice.ABORT
    # Labels that an existing label set does not have: add them, drop them, or stop.
    unknown_labels: Choice = Choice.ABORT


# kind -> (what it means, which choices apply, what "skip" does)
PROBLEM_KINDS: dict[str, tuple[str, str, str]] = {
    "duplicate_id": ("id appears more than once in the file", "invalid", "keep the first, skip the rest"),
    "existing_id": ("id already in the project", "invalid", "skip these documents"),
    "empty_text": ("empty text", "invalid", "skip these documents"),
    "bad_span": ("span outside the text or cutting a character", "invalid", "drop these spans"),
    "bad_split": ("unknown split name (use train or test)", "invalid", "leave the split empty"),
    "unknown_label": ("label not in the project's label set", "unknown_labels", "drop these labels"),
}
_FLAGS = {
    "invalid": "--on-invalid skip (or abort)",
    "unknown_labels": "--unknown-labels add (or skip, abort)",
}


@dataclass
class Problem:
    kind: str
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, example: str) -> None:
        self.count += 1
        if len(self.examples) < 5:
            self.examples.append(example)


@dataclass
class ImportReport:
    source: str
    documents_in_file: int = 0
    documents_to_import: int = 0
    labels_to_import: int = 0
    spans_to_import: int = 0
    new_label_sets: dict[str, list[str]] = field(default_factory=dict)
    new_labels: dict[str, list[str]] = field(default_factory=dict)
    new_entity_types: list[str] = field(default_factory=list)
    problems: dict[str, Problem] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)  # problem kinds the policy says to abort on

    def problem(self, kind: str) -> Problem:
        return self.problems.setdefault(kind, Problem(kind))

    def __str__(self) -> str:
        lines = [
            f"{self.source}: {self.documents_in_file} document(s) in the file; "
            f"{self.documents_to_import} to import with {self.labels_to_import} label(s) "
            f"and {self.spans_to_import} span(s)."
        ]
        lines += [f"  note: {n}" for n in self.notes]
        for name, labels in self.new_label_sets.items():
            lines.append(f"  new label set {name!r}: {', '.join(labels)}")
        for name, labels in self.new_labels.items():
            lines.append(f"  new labels in {name!r}: {', '.join(labels)}")
        if self.new_entity_types:
            lines.append(f"  new entity types: {', '.join(self.new_entity_types)}")
        for kind, prob in self.problems.items():
            meaning, _group, skip = PROBLEM_KINDS[kind]
            lines.append(
                f"  problem: {prob.count} × {meaning} (skip = {skip}); e.g. {'; '.join(prob.examples)}"
            )
        if self.blocking:
            groups = sorted({PROBLEM_KINDS[k][1] for k in self.blocking})
            lines.append(
                "Nothing was imported. Decide how to handle the problems above and run again with "
                + " and ".join(_FLAGS[g] for g in groups)
                + "."
            )
        return "\n".join(lines)


@dataclass
class _Plan:
    report: ImportReport
    documents: list[DocRecord]
    label_sets: list[LabelSetSpec]
    entity_types: list[EntityTypeSpec]
    labels_to_add: dict[str, list[str]]


# Blanks, line and paragraph separators, control and format characters (NUL, zero-width space, BOM,
# soft hyphen) and lone surrogates show nothing: a text of only these is empty.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})


def has_visible_content(text: str) -> bool:
    """True if ``text`` holds a character one can see; stops at the first, so it is cheap on reports."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in text)


def _where(doc: DocRecord, index: int) -> str:
    who = f"id {doc.external_id!r}" if doc.external_id is not None else f"document {index + 1}"
    return f"{who} ({doc.origin})" if doc.origin else who


def _plan(conn: Connection, batch: ImportBatch, schema: ProjectSchema, policy: ImportPolicy) -> _Plan:
    report = ImportReport(
        source=batch.source, documents_in_file=len(batch.documents), notes=list(batch.notes)
    )
    d = tables.documents
    existing_ids: set[str] = set()
    file_ids = [doc.external_id for doc in batch.documents if doc.external_id is not None]
    for start in range(0, len(file_ids), 900):
        chunk = file_ids[start : start + 900]
        existing_ids.update(
            r[0] for r in conn.execute(select(d.c.external_id).where(d.c.external_id.in_(chunk)))
        )

    known_sets = {ls.name: set(ls.label_names) for ls in schema.label_sets}
    known_types = {et.name for et in schema.entity_types}
    declared_sets = {spec.name: spec for spec in batch.label_sets if spec.name not in known_sets}
    declared_types = {spec.name: spec for spec in batch.entity_types if spec.name not in known_types}
    seen_new_labels: dict[str, list[str]] = {name: list(spec.labels) for name, spec in declared_sets.items()}
    seen_new_types: list[str] = list(declared_types)
    unknown: dict[str, list[str]] = {}

    kept: list[DocRecord] = []
    seen_ids: set[str] = set()
    for i, doc in enumerate(batch.documents):
        where = _where(doc, i)
        if doc.external_id is not None:
            if doc.external_id in seen_ids:
                report.problem("duplicate_id").add(where)
                continue
            seen_ids.add(doc.external_id)
            if doc.external_id in existing_ids:
                report.problem("existing_id").add(where)
                continue
        if not has_visible_content(doc.text):
            report.problem("empty_text").add(where)
            continue
        split = doc.split
        if split is not None and split not in SPLITS:
            report.problem("bad_split").add(f"{where}: {split!r}")
            split = None
        labels: dict[str, str] = {}
        for set_name, label in doc.labels.items():
            if set_name in known_sets:
                if label not in known_sets[set_name]:
                    report.problem("unknown_label").add(f"{where}: {set_name}={label!r}")
                    if label not in unknown.setdefault(set_name, []):
                        unknown[set_name].append(label)
                    if policy.unknown_labels is not Choice.ADD:
                        continue
            elif label not in seen_new_labels.setdefault(set_name, []):
                seen_new_labels[set_name].append(label)
            labels[set_name] = label
        spans: list[SpanRecord] = []
        for span in doc.spans:
            problem = span_problem(doc.text, span.start, span.end)
            if problem:
                report.problem("bad_span").add(f"{where}: {problem}")
                continue
            if span.type not in known_types and span.type not in seen_new_types:
                seen_new_types.append(span.type)
            spans.append(span)
        kept.append(DocRecord(doc.text, doc.external_id, labels, spans, doc.metadata, split, doc.origin))

    report.blocking = [k for k in report.problems if getattr(policy, PROBLEM_KINDS[k][1]) is Choice.ABORT]
    report.documents_to_import = len(kept)
    report.labels_to_import = sum(len(doc.labels) for doc in kept)
    report.spans_to_import = sum(len(doc.spans) for doc in kept)
    report.new_label_sets = {name: labs for name, labs in seen_new_labels.items() if labs}
    report.new_entity_types = seen_new_types
    labels_to_add = unknown if policy.unknown_labels is Choice.ADD else {}
    report.new_labels = labels_to_add
    new_sets = [
        LabelSetSpec(
            name,
            labs,
            declared_sets[name].definition if name in declared_sets else "",
            declared_sets[name].label_definitions if name in declared_sets else {},
        )
        for name, labs in report.new_label_sets.items()
    ]
    new_types = [declared_types.get(name) or EntityTypeSpec(name) for name in seen_new_types]
    return _Plan(report, kept, new_sets, new_types, labels_to_add)


def check_import(project: Project, batch: ImportBatch, policy: ImportPolicy | None = None) -> ImportReport:
    """What importing ``batch`` would do, without changing anything (for previews and --check)."""
    with project.engine.connect() as conn:
        return _plan(conn, batch, load_schema(project, conn), policy or ImportPolicy()).report


def _external_id_factory(conn: Connection, taken: set[str]) -> Callable[[int], str]:
    def make(doc_id: int) -> str:
        candidate, n = f"doc-{doc_id}", 1
        while (
            candidate in taken
            or conn.execute(
                select(tables.documents.c.id).where(tables.documents.c.external_id == candidate)
            ).first()
        ):
            n += 1
            candidate = f"doc-{doc_id}-{n}"
        taken.add(candidate)
        return candidate

    return make


def import_batch(
    project: Project,
    batch: ImportBatch,
    policy: ImportPolicy | None = None,
    annotator: str = "import",
) -> ImportReport:
    """Store ``batch`` in one transaction; raises ImportRejectedError (storing nothing) when the
    policy says to abort on a problem found."""
    project.require_writable()
    policy = policy or ImportPolicy()
    with project.engine.begin() as conn:
        schema = load_schema(project, conn)
        plan = _plan(conn, batch, schema, policy)
        if plan.report.blocking:
            raise ImportRejectedError(plan.report)
        if not plan.documents:
            raise ImportRejectedError(_nothing_left(plan.report))
        for spec in plan.label_sets:
            add_label_set_in(conn, spec, annotator, schema)
        for spec in plan.entity_types:
            add_entity_type_in(conn, spec, annotator, load_schema(project, conn))
        for set_name, labs in plan.labels_to_add.items():
            for lab in labs:
                add_label_in(conn, load_schema(project, conn).label_set(set_name), lab, annotator)
        _write_documents(conn, plan.documents, load_schema(project, conn), batch.source, annotator)
        audit.record(
            conn,
            annotator=annotator,
            action="import",
            target=batch.source,
            after={
                "documents": plan.report.documents_to_import,
                "labels": plan.report.labels_to_import,
                "spans": plan.report.spans_to_import,
            },
        )
    return plan.report


def _nothing_left(report: ImportReport) -> ImportReport:
    report.notes.append("no document is left to import")
    report.blocking = ["empty_text"] if "empty_text" in report.problems else list(report.problems)
    return report


def _write_documents(
    conn: Connection, docs: list[DocRecord], schema: ProjectSchema, source: str, annotator: str
) -> None:
    next_id = int(conn.execute(select(func.coalesce(func.max(tables.documents.c.id), 0))).scalar_one()) + 1
    make_id = _external_id_factory(conn, {doc.external_id for doc in docs if doc.external_id is not None})
    label_ids = {(ls.name, lab.name): (ls.id, lab.id) for ls in schema.label_sets for lab in ls.labels}
    type_ids = {et.name: et.id for et in schema.entity_types}
    now = utc_now()
    doc_rows, label_rows, span_rows, audit_rows = [], [], [], []
    for offset, doc in enumerate(docs):
        doc_id = next_id + offset
        doc_rows.append(
            {
                "id": doc_id,
                "external_id": doc.external_id if doc.external_id is not None else make_id(doc_id),
                "text": doc.text,
                "metadata": json.dumps(doc.metadata, ensure_ascii=False, default=str),
                "split": doc.split,
                "source": source,
                "created_at": now,
            }
        )
        for set_name, label in doc.labels.items():
            set_id, label_id = label_ids[(set_name, label)]
            label_rows.append(
                {
                    "document_id": doc_id,
                    "label_set_id": set_id,
                    "label_id": label_id,
                    "annotator": annotator,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        for s in doc.spans:
            span_rows.append(
                {
                    "document_id": doc_id,
                    "entity_type_id": type_ids[s.type],
                    "start_offset": s.start,
                    "end_offset": s.end,
                    "value": s.value,
                    "unit": s.unit,
                    "code": s.code,
                    "annotator": annotator,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        if doc.labels or doc.spans:
            audit_rows.append(
                audit.audit_row(
                    annotator,
                    "import_annotations",
                    doc_id,
                    source,
                    None,
                    {
                        "labels": doc.labels,
                        "spans": [[s.start, s.end, s.type, s.value, s.unit, s.code] for s in doc.spans],
                    },
                    now,
                )
            )
        if len(doc_rows) >= 5000:
            _flush(conn, doc_rows, label_rows, span_rows, audit_rows)
    _flush(conn, doc_rows, label_rows, span_rows, audit_rows)


def _flush(conn: Connection, *batches: list[dict]) -> None:
    for table, rows in zip(
        (tables.documents, tables.doc_labels, tables.spans, tables.audit_log), batches, strict=True
    ):
        if rows:
            conn.execute(table.insert(), rows)
            rows.clear()


def import_file(
    project: Project,
    path: Path,
    options: object = None,
    policy: ImportPolicy | None = None,
    annotator: str = "import",
) -> ImportReport:
    """Read ``path`` (format detected or given in ``options``) and import it all or nothing."""
    from medlabel.core.import_steps import read_batch

    return import_batch(project, read_batch(path, options), policy, annotator)  # type: ignore[arg-type]
