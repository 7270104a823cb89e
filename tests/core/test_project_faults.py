"""Project folders under faults: failed and killed imports, read-only folders, damaged databases.

Each test reproduces a defect found by probing main with hostile and broken inputs (issue 19)."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from medlabel.cli import EXIT_DECIDE, EXIT_ERROR, EXIT_OK, main
from medlabel.core.errors import (
    DamagedProjectError,
    ImportRejectedError,
    ProjectError,
    ProjectNotWritableError,
)
from medlabel.core.import_steps import import_into
from medlabel.core.importing import ImportPolicy
from medlabel.core.project import STAGING_PREFIX, building_project, create_project, open_project
from medlabel.core.records import DocRecord, ImportBatch, LabelSetSpec
from tests.faults import as_other_user, damage_documents_page, set_schema_version, world_readable_tmp


def _batch(n=3, duplicate=False):
    docs = [DocRecord(f"report number {i} " * 20, f"d{i}", {"status": "yes"}) for i in range(n)]
    if duplicate:
        docs.append(DocRecord("again", "d0"))
    return ImportBatch("t", docs, [LabelSetSpec("status", ["yes", "no"])])


def _csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("id,text\n" + "".join(f"{i},{t}\n" for i, t in rows), encoding="utf-8")
    return path


# --- a failed import deletes nothing it did not create ---------------------------------------------


def test_failed_import_keeps_a_runs_folder_that_was_there(tmp_path, capsys):
    root = tmp_path / "u"
    (root / "runs" / "exp").mkdir(parents=True)
    (root / "runs" / "exp" / "results.txt").write_text("x")
    (root / "notes.txt").write_text("mine")
    dup = _csv(tmp_path / "dup_ids.csv", [("1", "hello"), ("1", "again")])
    assert main(["import", str(root), str(dup)]) == EXIT_DECIDE
    assert (root / "runs" / "exp" / "results.txt").read_text() == "x"
    assert sorted(p.name for p in root.iterdir()) == ["notes.txt", "runs"]


def test_failed_import_into_new_folder_leaves_nothing(tmp_path):
    root = tmp_path / "a" / "b" / "new"
    with pytest.raises(ImportRejectedError):
        import_into(root, _batch(duplicate=True), ImportPolicy(), "me")
    assert not (tmp_path / "a").exists()  # the parents this call made are gone again
    assert list(tmp_path.iterdir()) == []


def test_new_project_appears_complete_or_not_at_all(tmp_path):
    root = tmp_path / "p"
    with building_project(root) as project:
        assert not root.exists()  # built out of sight
        assert project.root.name.startswith(f".p{STAGING_PREFIX}")
    assert (root / "project.sqlite").is_file() and (root / "runs").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["p"]
    with pytest.raises(ProjectError, match="already holds"):
        create_project(root)


def test_demo_failure_and_cancel_leave_the_folder_as_it_was(tmp_path, monkeypatch):
    import threading

    from medlabel.core.demo import project as demo
    from medlabel.core.jobs import Cancelled

    root = tmp_path / "d"
    root.mkdir()
    (root / "runs").mkdir()
    (root / "runs" / "keep.txt").write_text("k")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        demo.create_demo_project(root, "smoking", 20, 10, 2, cancel=cancel)
    assert sorted(p.name for p in root.rglob("*")) == ["keep.txt", "runs"]

    def boom(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(demo, "import_batch", boom)
    with pytest.raises(RuntimeError):
        demo.create_demo_project(root, "smoking", 20, 10, 2)
    assert sorted(p.name for p in root.rglob("*")) == ["keep.txt", "runs"]


_KILLED_IMPORT = textwrap.dedent("""
    import sys, time
    from medlabel.core import import_steps
    from medlabel.core.importing import ImportPolicy
    from medlabel.core.records import DocRecord, ImportBatch

    real = import_steps.import_batch
    def slow(project, batch, policy, annotator):
        report = real(project, batch, policy, annotator=annotator)
        print("IMPORTED", flush=True)
        time.sleep(60)
        return report
    import_steps.import_batch = slow
    batch = ImportBatch("t", [DocRecord(f"report {i}", f"d{i}") for i in range(500)])
    import_steps.import_into(sys.argv[1], batch, ImportPolicy(), "me")
""")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_import_leaves_nothing_that_looks_like_a_project(tmp_path, sig):
    for inside in (False, True):
        root = tmp_path / f"p-{sig.name}-{inside}"
        if inside:
            root.mkdir()
        child = subprocess.Popen(
            [sys.executable, "-c", _KILLED_IMPORT, str(root)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        assert child.stdout.readline().strip() == "IMPORTED"  # the data is in, the project not yet public
        child.send_signal(sig)
        child.wait(timeout=30)
        assert not (root / "project.sqlite").exists()
        assert not root.exists() or not [p for p in root.iterdir() if not p.name.startswith(".")]
        # The abandoned build is hidden, and the next import there cleans it up once it is stale.
        leftovers = list(tmp_path.glob(f".{root.name}{STAGING_PREFIX}*")) + list(
            root.glob(f"{STAGING_PREFIX}*")
        )
        assert leftovers
        old = time.time() - 3600
        for folder in leftovers:
            os.utime(folder, (old, old))
        report, created = import_into(root, _batch(), ImportPolicy(), "me")
        assert created and report.documents_to_import == 3
        assert not [f for f in leftovers if f.exists()]


# --- read-only folders, unwritable parents -----------------------------------------------------------


def test_read_only_folder_opens_read_only_and_refuses_writes_in_a_sentence(tmp_path):
    base = world_readable_tmp()
    try:
        root = base / "p"
        with create_project(root) as project:
            from medlabel.core.importing import import_batch

            import_batch(project, _batch())
        new = _csv(base / "new.csv", [("x1", "a new report")])
        for path in (base, root, root / "runs", new):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (root / "project.sqlite").chmod(0o444)
        root.chmod(0o555)
        before = (root / "project.sqlite").read_bytes()
        info = as_other_user(["-m", "medlabel", "info", str(root)])
        assert info.returncode == EXIT_OK, info.stderr
        assert "documents: 3" in info.stdout
        imp = as_other_user(["-m", "medlabel", "import", str(root), str(new)])
        assert imp.returncode == EXIT_ERROR
        assert "can be read but not changed by you" in imp.stderr and "Traceback" not in imp.stderr
        export = as_other_user(
            ["-m", "medlabel", "export", str(root), str(base / "out.jsonl"), "--format", "jsonl"]
        )
        assert export.returncode == EXIT_ERROR and "Traceback" not in export.stderr
        base.chmod(0o555)
        create = as_other_user(["-m", "medlabel", "import", str(base / "q"), str(new)])
        assert create.returncode == EXIT_ERROR and "Traceback" not in create.stderr
        assert "cannot create a project in" in create.stderr and "permission denied" in create.stderr
        root.chmod(0o000)
        hidden = as_other_user(["-m", "medlabel", "info", str(root)])
        assert hidden.returncode == EXIT_ERROR and "permission denied" in hidden.stderr
        assert "restore it from a backup" not in hidden.stderr
        root.chmod(0o555)
        assert (root / "project.sqlite").read_bytes() == before
    finally:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(base)


def test_read_only_open_of_unwritable_folder_in_process(tmp_path, monkeypatch):
    root = tmp_path / "p"
    with create_project(root) as project:
        from medlabel.core.importing import import_batch

        import_batch(project, _batch())
    monkeypatch.setattr("medlabel.core.project._writable", lambda root: False)
    with pytest.raises(ProjectNotWritableError, match="read-only"):
        open_project(root)
    with open_project(root, read_only=True) as project:
        assert "immutable=1" in str(project.engine.url)
        from medlabel.core.documents import document_ids

        assert len(document_ids(project)) == 3


def test_unwritable_lock_is_a_sentence(tmp_path, monkeypatch):
    root = tmp_path / "p"
    create_project(root).close()

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(root / "project.lock"))

    monkeypatch.setattr("filelock.FileLock.acquire", refuse)
    with pytest.raises(ProjectNotWritableError, match="permission denied"):
        open_project(root)


# --- damaged databases --------------------------------------------------------------------------------


def _project_with_many_documents(root: Path) -> None:
    assert main(["demo", str(root), "--documents", "200", "--labelled", "50", "--test", "5"]) == EXIT_OK


def test_schema_version_that_is_not_a_number(tmp_path, capsys):
    root = tmp_path / "p"
    create_project(root).close()
    set_schema_version(root / "project.sqlite", "3b")
    for read_only in (False, True):
        with pytest.raises(DamagedProjectError, match="'3b', not a number"):
            open_project(root, read_only=read_only)
    assert main(["info", str(root)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "'3b'" in err and "backup" in err and "Traceback" not in err


def test_damaged_page_refuses_writes_and_export_says_so(tmp_path, capsys):
    root = tmp_path / "p"
    _project_with_many_documents(root)
    capsys.readouterr()
    damage_documents_page(root / "project.sqlite")
    before = (root / "project.sqlite").read_bytes()
    with pytest.raises(DamagedProjectError, match=r"is damaged .*Restore from a backup"):
        open_project(root)
    new = _csv(tmp_path / "n.csv", [("zz", "a new report")])
    assert main(["import", str(root), str(new)]) == EXIT_ERROR
    assert "is damaged" in capsys.readouterr().err
    assert (root / "project.sqlite").read_bytes() == before  # nothing was written into it
    assert main(["export", str(root), str(tmp_path / "out.csv"), "--format", "csv"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "is damaged" in err and "medlabel restore" in err and "Traceback" not in err
    assert not (tmp_path / "out.csv").exists()
