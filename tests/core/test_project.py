import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import text

from medlabel.core import migrations
from medlabel.core.annotations import set_label
from medlabel.core.errors import ProjectError, ProjectLockedError, ReadOnlyProjectError
from medlabel.core.importing import import_batch
from medlabel.core.project import create_project, integrity_check, open_project
from medlabel.core.records import DocRecord, ImportBatch, LabelSetSpec


def _small(project):
    batch = ImportBatch(
        "t",
        [DocRecord("first report", "a"), DocRecord("second report", "b")],
        [LabelSetSpec("status", ["x", "y"])],
    )
    import_batch(project, batch)


def test_create_sets_wal_full_and_layout(tmp_path):
    with create_project(tmp_path / "p") as project:
        assert (tmp_path / "p" / "runs").is_dir()
        with project.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert migrations.read_version(conn) == migrations.SCHEMA_VERSION
        assert integrity_check(project) == "ok"


def test_create_refuses_existing_project(tmp_path):
    create_project(tmp_path / "p").close()
    with pytest.raises(ProjectError, match="already holds"):
        create_project(tmp_path / "p")


def test_open_missing_and_foreign_files(tmp_path):
    with pytest.raises(ProjectError, match="not a medlabel project"):
        open_project(tmp_path)
    (tmp_path / "project.sqlite").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ProjectError, match="not a medlabel project database"):
        open_project(tmp_path)


def test_second_writer_in_other_process_gets_clear_error(tmp_path):
    root = tmp_path / "p"
    project = create_project(root)
    code = textwrap.dedent(f"""
        from medlabel.core.project import open_project
        from medlabel.core.errors import ProjectLockedError
        try:
            open_project({str(root)!r})
        except ProjectLockedError as exc:
            print("LOCKED", exc)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOCKED" in out.stdout and "open for writing" in out.stdout and "read-only" in out.stdout
    project.close()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "LOCKED" not in out.stdout and out.returncode == 0


def test_read_only_open_while_writer_holds_it(tmp_path):
    with create_project(tmp_path / "p") as writer:
        _small(writer)
        with pytest.raises(ProjectLockedError):
            open_project(tmp_path / "p")
        with open_project(tmp_path / "p", read_only=True) as reader:
            assert reader.read_only
            with pytest.raises(ReadOnlyProjectError):
                set_label(reader, 1, "status", "x", "me")
        # the writer is unaffected
        set_label(writer, 1, "status", "x", "me")


def test_audit_log_is_append_only(tmp_path):
    with create_project(tmp_path / "p") as project:
        _small(project)
        set_label(project, 1, "status", "x", "me")
        with pytest.raises(Exception, match="append-only"), project.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
        with pytest.raises(Exception, match="append-only"), project.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET annotator='x'"))


def _downgrade_to_v1(root):
    """Make the project look like one written by medlabel with schema version 1 (no runs tables, no
    notes, no full-text index)."""
    con = sqlite3.connect(root / "project.sqlite")
    con.executescript(
        "DROP TABLE predictions; DROP TABLE runs; DROP TABLE doc_notes; "
        "DROP TRIGGER documents_fts_insert; DROP TRIGGER documents_fts_delete; "
        "DROP TRIGGER documents_fts_update; DROP TABLE documents_fts; "
        "UPDATE meta SET value='1' WHERE key='schema_version';"
    )
    con.close()


def test_version_1_project_is_upgraded_on_open(tmp_path):
    root = tmp_path / "p"
    with create_project(root) as project:
        _small(project)
    _downgrade_to_v1(root)
    with open_project(root) as project, project.engine.connect() as conn:
        assert migrations.read_version(conn) == migrations.SCHEMA_VERSION == 4
        assert conn.execute(text("SELECT count(*) FROM runs")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM doc_notes")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 2
        # the index was built from the texts already there
        found = conn.execute(text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'second'"))
        assert [r[0] for r in found] == [2]


def test_migration_runner_upgrades_in_order_and_refuses_newer(tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    _downgrade_to_v1(root)
    calls = []

    def to_v2(conn):
        calls.append(2)
        conn.execute(text("CREATE TABLE extra (id INTEGER PRIMARY KEY)"))

    def to_v3(conn):
        calls.append(3)
        conn.execute(text("INSERT INTO extra (id) VALUES (7)"))

    project = create_engine_only(root)
    with project.begin() as conn:
        assert migrations.upgrade(conn, [to_v2, to_v3]) == (1, 3)
        assert migrations.read_version(conn) == 3
        assert conn.execute(text("SELECT id FROM extra")).scalar() == 7
    project.dispose()
    assert calls == [2, 3]
    # a project written by a newer medlabel is refused with a clear message
    con = sqlite3.connect(root / "project.sqlite")
    con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(migrations.SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="newer medlabel"):
        open_project(root)


def test_failed_migration_leaves_project_untouched(tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    _downgrade_to_v1(root)

    def broken(conn):
        conn.execute(text("CREATE TABLE half (id INTEGER)"))
        raise RuntimeError("boom")

    engine = create_engine_only(root)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        migrations.upgrade(conn, [broken])
    engine.dispose()
    con = sqlite3.connect(root / "project.sqlite")
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == "1"
    assert con.execute("SELECT name FROM sqlite_master WHERE name='half'").fetchone() is None
    con.close()


def create_engine_only(root):
    from medlabel.core.project import _sqlite_engine

    return _sqlite_engine(root / "project.sqlite", read_only=False)
