"""Rolling backups of a project's database and bringing one back (issue 19)."""

import sqlite3

import pytest

from medlabel.cli import EXIT_ERROR, EXIT_OK, main
from medlabel.core import backups
from medlabel.core.annotations import set_label
from medlabel.core.errors import MedlabelError, ProjectLockedError
from medlabel.core.import_steps import import_into
from medlabel.core.importing import ImportPolicy
from medlabel.core.project import open_project
from medlabel.core.records import DocRecord, ImportBatch, LabelSetSpec
from tests.faults import damage_documents_page


def _labels(root):
    con = sqlite3.connect(f"file:{root / 'project.sqlite'}?mode=ro", uri=True)
    try:
        return dict(
            con.execute(
                "SELECT d.external_id, l.name FROM doc_labels dl JOIN documents d ON d.id = dl.document_id "
                "JOIN labels l ON l.id = dl.label_id"
            ).fetchall()
        )
    finally:
        con.close()


@pytest.fixture
def root(tmp_path):
    docs = [DocRecord(f"report {i} " + "text " * 200, f"d{i}") for i in range(60)]
    import_into(
        tmp_path / "p", ImportBatch("t", docs, [LabelSetSpec("status", ["yes", "no"])]), ImportPolicy(), "me"
    )
    return tmp_path / "p"


def test_new_project_has_a_backup_and_unchanged_opens_keep_no_more(root):
    kept = backups.list_backups(root)
    assert [b.reason for b in kept] == ["created"]
    assert kept[0].summary.documents == 60 and kept[0].summary.labelled_documents == 0
    for _ in range(3):
        open_project(root).close()
    assert len(backups.list_backups(root)) == 1  # the same content is not kept twice


def test_open_after_changes_keeps_a_backup_of_what_was_there(root):
    with open_project(root) as project:
        set_label(project, 1, "status", "yes", "me")
    with open_project(root) as project:
        set_label(project, 2, "status", "no", "me")
    kept = backups.list_backups(root)
    assert [b.reason for b in kept] == ["open", "created"]
    assert kept[0].summary.labelled_documents == 1  # the state as it was opened, before label 2
    assert kept[0].summary.last_change is not None


def test_only_the_newest_are_kept(root, monkeypatch):
    monkeypatch.setattr(backups, "KEEP", 3)
    with open_project(root, backup=False) as project:
        for i in range(1, 6):
            set_label(project, i, "status", "yes", "me")
            assert backups.backup_project(root, "while working") is not None
    kept = backups.list_backups(root)
    assert len(kept) == 3 and [b.summary.labelled_documents for b in kept] == [5, 4, 3]
    assert len(list((root / "backups").glob("project-*.json"))) == 3


def test_unchanged_files_are_not_copied_again(root, monkeypatch):
    """Opening a large unchanged project must not copy it: the files' sizes and times tell."""
    real_copy = backups._copy_database
    copies = []
    monkeypatch.setattr(backups, "_copy_database", lambda *a: copies.append(a) or real_copy(*a))
    with open_project(root, backup=False) as project:
        assert backups.backup_project(root, "while working") is None  # as copied on creation
        assert copies == []
        set_label(project, 1, "status", "yes", "me")
        made = backups.backup_project(root, "while working")
        assert len(copies) == 1 and made.summary.labelled_documents == 1
        assert backups.backup_project(root, "while working") is None
    # Closing folds the WAL into the file (new times), so the next opening copies once, finds that
    # state kept already, and keeps nothing; after that, opening and closing copies nothing.
    open_project(root).close()
    assert len(copies) == 2 and len(backups.list_backups(root)) == 2
    open_project(root).close()
    open_project(root).close()
    assert len(copies) == 2


def test_backup_while_the_project_is_open_and_written(root):
    """The online backup reads a consistent snapshot while the app keeps writing."""
    with open_project(root, backup=False) as project:
        set_label(project, 1, "status", "yes", "me")
        made = backups.backup_project(root, "while working")
        set_label(project, 2, "status", "yes", "me")
    assert made.summary.labelled_documents == 1
    assert _labels(root) == {"d0": "yes", "d1": "yes"}


def test_restore_brings_back_a_state_and_keeps_the_current_one(root, capsys):
    with open_project(root) as project:
        set_label(project, 1, "status", "yes", "me")
    with open_project(root) as project:  # keeps a backup holding d0=yes
        set_label(project, 1, "status", "no", "me")
        set_label(project, 2, "status", "no", "me")
    assert _labels(root) == {"d0": "no", "d1": "no"}
    assert main(["restore", str(root)]) == EXIT_OK
    listing = capsys.readouterr().out
    assert "Now: 60 document(s), 2 labelled" in listing and "1. " in listing and "2. " in listing
    assert main(["restore", str(root), "1"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Restored the backup" in out and "1 labelled" in out and "kept as" in out
    assert _labels(root) == {"d0": "yes"}
    # what it replaced is itself a backup, so the restore can be undone
    newest = backups.list_backups(root)[0]
    assert newest.reason == "before restore" and newest.summary.labelled_documents == 2
    backups.restore_backup(root, newest)
    assert _labels(root) == {"d0": "no", "d1": "no"}
    with open_project(root) as project:
        from medlabel.core.project import integrity_check

        assert integrity_check(project) == "ok"


def test_restore_is_refused_while_the_project_is_open_for_writing(root, capsys):
    with open_project(root):
        with pytest.raises(ProjectLockedError):
            backups.restore_backup(root, backups.list_backups(root)[0])
        assert main(["restore", str(root), "1"]) == EXIT_ERROR
        assert "already open for writing" in capsys.readouterr().err


def test_restore_of_a_damaged_project_sets_the_damaged_file_aside(root):
    with open_project(root) as project:
        set_label(project, 1, "status", "yes", "me")
    damage_documents_page(root / "project.sqlite")
    now, problem = backups.current_state(root)
    assert now is None and "damaged" in problem
    result = backups.restore_backup(root, backups.list_backups(root)[0])
    assert result.previous_saved_as.name.startswith("damaged-") and result.previous_saved_as.exists()
    assert _labels(root) == {}  # the newest backup: the project as created
    with open_project(root) as project:  # sound again, and writable
        set_label(project, 3, "status", "no", "me")


def test_unknown_or_broken_backup_is_a_sentence(root, capsys):
    assert main(["restore", str(root), "7"]) == EXIT_ERROR
    assert "choose a number from 1 to 1" in capsys.readouterr().err
    backup = backups.list_backups(root)[0]
    backup.path.write_bytes(b"garbage" * 1000)
    with pytest.raises(MedlabelError, match="not a readable medlabel backup"):
        backups.restore_backup(root, backup)
    assert len(_labels(root)) == 0  # the project was not touched


def test_project_without_backups(tmp_path, capsys):
    from medlabel.core.project import create_project

    create_project(tmp_path / "p").close()
    assert main(["restore", str(tmp_path / "p")]) == EXIT_OK
    assert "has no backups yet" in capsys.readouterr().out
