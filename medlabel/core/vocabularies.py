"""Code vocabularies (code, preferred term, synonyms) stored in the project.

An entity type with a ``code`` normaliser names a vocabulary; loading it from CSV stores it in the
project so that the annotation tool, prediction and export all use exactly the same codes, offline.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, func, select

from medlabel.core import audit, tables
from medlabel.core.errors import NotFoundError
from medlabel.core.normalize import Vocabulary, VocabularyEntry
from medlabel.core.project import Project


def store_vocabulary(project: Project, name: str, vocabulary: Vocabulary, annotator: str) -> int:
    """Store (or replace, in one transaction) the vocabulary ``name``; returns its number of codes."""
    project.require_writable()
    v = tables.vocabulary_entries
    rows = [
        {
            "vocabulary": name,
            "code": e.code,
            "term": e.term,
            "synonyms": json.dumps(list(e.synonyms), ensure_ascii=False),
        }
        for e in vocabulary.entries
    ]
    with project.engine.begin() as conn:
        before = conn.execute(select(func.count()).select_from(v).where(v.c.vocabulary == name)).scalar_one()
        conn.execute(delete(v).where(v.c.vocabulary == name))
        if rows:
            conn.execute(v.insert(), rows)
        audit.record(
            conn, annotator=annotator, action="store_vocabulary", target=name,
            before={"codes": before}, after={"codes": len(rows)},
        )  # fmt: skip
    return len(rows)


def import_vocabulary(project: Project, name: str, path: Path, annotator: str) -> int:
    """Read a vocabulary CSV (columns code, term, synonyms) and store it under ``name``."""
    return store_vocabulary(project, name, Vocabulary.from_csv(path), annotator)


def load_vocabulary(project: Project, name: str) -> Vocabulary:
    v = tables.vocabulary_entries
    with project.engine.connect() as conn:
        rows = conn.execute(select(v).where(v.c.vocabulary == name).order_by(v.c.id)).all()
    if not rows:
        raise NotFoundError(
            f"the project has no vocabulary {name!r}; "
            f"load one with 'medlabel vocabulary PROJECT {name} FILE.csv'",
            code="vocabulary.not_found",
            vocabulary=name,
        )
    return Vocabulary(VocabularyEntry(r.code, r.term, tuple(json.loads(r.synonyms))) for r in rows)


def vocabulary_names(project: Project) -> list[str]:
    v = tables.vocabulary_entries
    with project.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(v.c.vocabulary).distinct().order_by(v.c.vocabulary))]


def vocabularies_for(project: Project, normalisers: dict[str, dict | None]) -> dict[str, Vocabulary]:
    """The stored vocabularies that the given code normalisers name, by vocabulary name."""
    available = set(vocabulary_names(project))
    wanted = {n["vocabulary"] for n in normalisers.values() if n and n.get("kind") == "code"}
    return {name: load_vocabulary(project, name) for name in sorted(wanted & available)}
