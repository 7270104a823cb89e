"""The append-only audit trail: who changed which annotation when, and from what to what."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from medlabel.core import tables
from medlabel.core.project import Project, utc_now


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    annotator: str
    action: str
    document_id: int | None
    target: str | None
    before: Any
    after: Any


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def audit_row(
    annotator: str,
    action: str,
    document_id: int | None = None,
    target: str | None = None,
    before: Any = None,
    after: Any = None,
    at: str | None = None,
) -> dict[str, Any]:
    """A row for ``audit_log``; callers insert it in the same transaction as the change it records."""
    return {
        "at": at or utc_now(),
        "annotator": annotator,
        "action": action,
        "document_id": document_id,
        "target": target,
        "before": _dump(before),
        "after": _dump(after),
    }


def record(conn: Connection, **fields: Any) -> None:
    conn.execute(tables.audit_log.insert().values(**audit_row(**fields)))


def history(project: Project, document_id: int | None = None, limit: int | None = None) -> list[AuditEntry]:
    """Audit entries, oldest first; only one document's when ``document_id`` is given."""
    a = tables.audit_log
    query = select(a).order_by(a.c.id)
    if document_id is not None:
        query = query.where(a.c.document_id == document_id)
    if limit is not None:
        query = query.limit(limit)
    with project.engine.connect() as conn:
        return [
            AuditEntry(
                id=r.id,
                at=r.at,
                annotator=r.annotator,
                action=r.action,
                document_id=r.document_id,
                target=r.target,
                before=None if r.before is None else json.loads(r.before),
                after=None if r.after is None else json.loads(r.after),
            )
            for r in conn.execute(query)
        ]
