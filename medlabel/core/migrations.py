"""Schema versions of the project database and the forward migrations between them.

A new project gets the current layout directly (``tables.metadata.create_all``); an older project is
brought forward one version at a time, each step in the same transaction as its version bump, so an
interrupted upgrade leaves the previous version intact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection, select, text

from medlabel.core import tables
from medlabel.core.errors import DamagedProjectError, ProjectError

Migration = Callable[[Connection], None]


def _v1_to_v2(conn: Connection) -> None:
    """Version 2 adds training runs and their predictions."""
    tables.runs.create(conn, checkfirst=True)
    tables.predictions.create(conn, checkfirst=True)
    for index in tables.predictions.indexes:
        index.create(conn, checkfirst=True)


def install_search(conn: Connection) -> None:
    """A full-text index over the report texts (SQLite FTS5, words with accents folded), kept in step with
    ``documents`` by triggers: a substring scan of 100,000 reports takes seconds, the index milliseconds.
    An external-content table stores no second copy of the texts."""
    if conn.dialect.name != "sqlite":
        return
    conn.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(text, content='documents', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN "
            "INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text); END"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF text ON documents BEGIN "
            "INSERT INTO documents_fts(documents_fts, rowid, text) VALUES ('delete', old.id, old.text); "
            "INSERT INTO documents_fts(rowid, text) VALUES (new.id, new.text); END"
        )
    )


def _v2_to_v3(conn: Connection) -> None:
    """Version 3 adds per-document notes and flags, the full-text index (built from the texts) and a
    covering index of the document ids."""
    tables.doc_notes.create(conn, checkfirst=True)
    for index in tables.documents.indexes:
        index.create(conn, checkfirst=True)
    install_search(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')"))


def _v3_to_v4(conn: Connection) -> None:
    """Version 4 adds second opinions: another annotator's labels and spans, kept beside the gold ones."""
    for table in (tables.opinion_labels, tables.opinion_spans, tables.opinion_documents):
        table.create(conn, checkfirst=True)
        for index in table.indexes:
            index.create(conn, checkfirst=True)


# MIGRATIONS[i] upgrades a project from version i + 1 to version i + 2.
MIGRATIONS: list[Migration] = [_v1_to_v2, _v2_to_v3, _v3_to_v4]
SCHEMA_VERSION = 1 + len(MIGRATIONS)


def install_guards(conn: Connection) -> None:
    """Database-side rules that hold whatever code writes: the audit log is append-only."""
    if conn.dialect.name != "sqlite":
        return
    for op in ("UPDATE", "DELETE"):
        conn.execute(
            text(
                f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
            )
        )


def create_schema(conn: Connection) -> None:
    tables.metadata.create_all(conn)
    install_guards(conn)
    install_search(conn)
    conn.execute(tables.meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))


def read_version(conn: Connection) -> int:
    row = conn.execute(select(tables.meta.c.value).where(tables.meta.c.key == "schema_version")).first()
    if row is None:
        raise ProjectError("the project database has no schema_version; it is not a medlabel project")
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise DamagedProjectError(
            f"the project database's schema version is {row[0]!r}, not a number: the file was changed "
            "outside medlabel or is damaged; nothing was changed. Bring back a backup (in the app: Project → "
            "Restore from a backup…; or 'medlabel restore' with the project folder)",
            f"schema_version is {row[0]!r}, not a number",
        ) from None


def upgrade(conn: Connection, migrations: Sequence[Migration] | None = None) -> tuple[int, int]:
    """Run the pending migrations inside the caller's transaction; returns (old, new) version."""
    migrations = MIGRATIONS if migrations is None else migrations
    latest = 1 + len(migrations)
    old = read_version(conn)
    if old > latest:
        raise ProjectError(
            f"the project was written by a newer medlabel (schema version {old}, this one knows up to "
            f"{latest}); update medlabel to open it"
        )
    for version in range(old, latest):
        migrations[version - 1](conn)
    if old != latest:
        conn.execute(
            tables.meta.update().where(tables.meta.c.key == "schema_version").values(value=str(latest))
        )
    return old, latest
