"""Per-document notes and "flag for discussion", and the project's annotation guidelines.

Both are committed at once with an audit entry, like every annotation (there is nothing to save).
The guidelines are Markdown kept in the project, so the rules travel with the data they govern.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from medlabel.core import audit, tables
from medlabel.core.errors import NotFoundError
from medlabel.core.project import Project, utc_now
from medlabel.core.schema import load_schema

GUIDELINES_KEY = "guidelines"


@dataclass(frozen=True)
class Note:
    text: str = ""
    flagged: bool = False


def get_note(project: Project, doc_id: int) -> Note:
    n = tables.doc_notes
    with project.engine.connect() as conn:
        row = conn.execute(select(n.c.note, n.c.flagged).where(n.c.document_id == doc_id)).first()
    return Note(row.note, bool(row.flagged)) if row else Note()


def set_note(project: Project, doc_id: int, note: Note, annotator: str) -> Note:
    """Store the document's note and flag; returns the previous ones (for undo)."""
    project.require_writable()
    n = tables.doc_notes
    with project.engine.begin() as conn:
        exists = conn.execute(select(tables.documents.c.id).where(tables.documents.c.id == doc_id)).first()
        if exists is None:
            raise NotFoundError(f"there is no document with internal id {doc_id}")
        row = conn.execute(select(n.c.note, n.c.flagged).where(n.c.document_id == doc_id)).first()
        previous = Note(row.note, bool(row.flagged)) if row else Note()
        if previous == note:
            return previous
        now = utc_now()
        values = {"note": note.text, "flagged": int(note.flagged), "annotator": annotator, "updated_at": now}
        if row is None:
            conn.execute(n.insert().values(document_id=doc_id, **values))
        else:
            conn.execute(n.update().where(n.c.document_id == doc_id).values(**values))
        audit.record(
            conn, annotator=annotator, action="set_note", document_id=doc_id, at=now,
            before={"note": previous.text, "flagged": previous.flagged},
            after={"note": note.text, "flagged": note.flagged},
        )  # fmt: skip
    return previous


def default_guidelines(project: Project) -> str:
    """Markdown built from the schema's definitions: a starting point until someone writes real rules."""
    schema = load_schema(project)
    lines = [f"# Annotation guidelines — {project.name}", ""]
    for label_set in schema.label_sets:
        lines += [f"## {label_set.name}", ""]
        if label_set.definition:
            lines += [label_set.definition, ""]
        lines += [f"- **{lab.name}**: {lab.definition or '(no definition yet)'}" for lab in label_set.labels]
        lines.append("")
    if schema.entity_types:
        lines += ["## Entities", ""]
        lines += [f"- **{et.name}**: {et.definition or '(no definition yet)'}" for et in schema.entity_types]
        lines.append("")
    return "\n".join(lines)


def get_guidelines(project: Project) -> str | None:
    """The stored guidelines, or None when nobody has written any."""
    m = tables.meta
    with project.engine.connect() as conn:
        row = conn.execute(select(m.c.value).where(m.c.key == GUIDELINES_KEY)).first()
    return row.value if row else None


def set_guidelines(project: Project, markdown: str, annotator: str) -> str | None:
    """Replace the guidelines; returns the previous text."""
    project.require_writable()
    m = tables.meta
    with project.engine.begin() as conn:
        row = conn.execute(select(m.c.value).where(m.c.key == GUIDELINES_KEY)).first()
        previous = row.value if row else None
        if previous == markdown:
            return previous
        if row is None:
            conn.execute(m.insert().values(key=GUIDELINES_KEY, value=markdown))
        else:
            conn.execute(m.update().where(m.c.key == GUIDELINES_KEY).values(value=markdown))
        audit.record(conn, annotator=annotator, action="set_guidelines", before=previous, after=markdown)
    return previous
