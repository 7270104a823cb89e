"""Refusals about projects, backups and demos carry a stable code and the values they name, so a front
end can word them; the English message (what the command line prints) stays as it was."""

from __future__ import annotations

import os
import threading

import pytest

from medlabel.core.demo.jobs import create_demo_job
from medlabel.core.errors import ProjectError, ProjectLockedError, ReadOnlyProjectError
from medlabel.core.jobs import Cancelled, RecordingReporter
from medlabel.core.project import DB_NAME, building_project, create_project, open_project
from medlabel.core.schema import add_label
from tests.faults import set_schema_version


def test_a_locked_project_names_the_process_holding_it(tmp_path):
    root = tmp_path / "p"
    with create_project(root), pytest.raises(ProjectLockedError) as failed:
        open_project(root)
    error = failed.value
    assert error.code == "project.locked"
    assert error.params["pid"] == str(os.getpid()) and error.params["path"] == str(root.resolve())
    assert error.params["host"] and error.params["since"]
    assert f"pid {os.getpid()}" in str(error)


def test_a_read_only_project_refuses_writes_with_its_code(tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    with open_project(root, read_only=True) as project, pytest.raises(ReadOnlyProjectError) as failed:
        add_label(project, "status", "YES", "tester")
    assert (failed.value.code, failed.value.params) == ("project.read_only", {"path": str(root.resolve())})


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda tmp: tmp / "nowhere", "project.no_folder"),
        (lambda tmp: (tmp / "file").write_text("x") and tmp / "file", "project.not_a_folder"),
        (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "project.not_a_project"),
    ],
    ids=["missing", "file", "no database"],
)
def test_opening_something_that_is_no_project(tmp_path, make, code):
    path = make(tmp_path)
    with pytest.raises(ProjectError) as failed:
        open_project(path)
    assert failed.value.code == code and failed.value.params["path"] == str(path.resolve())


def test_creating_where_a_project_is_already(tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    with pytest.raises(ProjectError) as failed, building_project(root):
        pass
    assert (failed.value.code, failed.value.params["path"]) == ("project.exists", str(root.resolve()))


def test_newer_and_older_schema_versions(tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    set_schema_version(root / DB_NAME, "999")
    for read_only in (False, True):
        with pytest.raises(ProjectError) as failed:
            open_project(root, read_only=read_only)
        assert failed.value.code == "project.too_new" and failed.value.params["version"] == 999
        assert "newer medlabel" in str(failed.value)
    assert not (root / "backups").exists()  # refused before the backup an upgrade would make
    set_schema_version(root / DB_NAME, "1")
    with pytest.raises(ProjectError) as failed:
        open_project(root, read_only=True)
    assert (failed.value.code, failed.value.params["version"]) == ("project.needs_upgrade", 1)


def job(root, corpus="smoking", sizes=(12, 6, 2), cancel=None):  # type: ignore[no-untyped-def]
    return create_demo_job(root, corpus, *sizes, RecordingReporter(), cancel or threading.Event())


@pytest.mark.parametrize(
    ("corpus", "sizes", "code"),
    [("nope", (12, 6, 2), "demo.unknown_corpus"), ("smoking", (12, 6, 8), "demo.sizes")],
)
def test_the_demo_job_refuses_what_cannot_be_made_before_making_anything(tmp_path, corpus, sizes, code):
    root = tmp_path / "demo"
    with pytest.raises(ProjectError) as failed:
        job(root, corpus, sizes)
    assert failed.value.code == code
    assert not root.exists()


def test_the_demo_job_makes_the_project_and_leaves_an_existing_one_alone(tmp_path):
    root = tmp_path / "demo"
    assert job(root) == root
    with open_project(root, read_only=True) as project:
        assert project.db_path.is_file()
    with pytest.raises(ProjectError) as failed:
        job(root)
    assert (failed.value.code, failed.value.params["path"]) == ("demo.exists", str(root))


def test_a_cancelled_demo_job_leaves_nothing(tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        job(tmp_path / "demo", cancel=cancel)
    assert not (tmp_path / "demo").exists()
