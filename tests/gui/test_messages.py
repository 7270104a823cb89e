"""The app's words for core's errors: every code core raises has a wording, in German too, none names a
command-line command or flag, and real failures of each family read that way in the app."""

from __future__ import annotations

import argparse
import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from medlabel.core.backups import Backup, restore_backup
from medlabel.core.demo.jobs import create_demo_job
from medlabel.core.demo.project import create_demo_project
from medlabel.core.errors import (
    DamagedProjectError,
    ImportRejectedError,
    MedlabelError,
    ProjectError,
    SchemaError,
)
from medlabel.core.import_steps import check_job
from medlabel.core.importing import PROBLEM_KINDS, ImportPolicy, import_batch
from medlabel.core.io import _decoding, read_file
from medlabel.core.jobs import RecordingReporter
from medlabel.core.project import DB_NAME, create_project, open_project
from medlabel.core.records import DocRecord, ImportBatch, ImportOptions
from medlabel.core.schema import add_label
from medlabel.gui import errors, messages, run_messages, schema_messages
from medlabel.gui.i18n import TRANSLATIONS
from medlabel.gui.import_common import _explain
from medlabel.gui.review import review_messages
from medlabel.gui.train import setting_texts
from tests.faults import damage_documents_page, set_schema_version

CORE = Path(__file__).resolve().parents[2] / "medlabel" / "core"
ML = CORE.parent / "ml"
# `code="x.y"` in a raise, `code = "x.y"` assigned first, or `code: str = "x.y"` as a default.
CODE = re.compile(r"\bcode(?:\s*:\s*str)?\s*=\s*\"([a-z0-9_]+(?:\.[a-z0-9_]+)+)\"")
# Core's families (projects, backups, demo, import, schema) all reach the app. Of the engine's errors
# (medlabel/ml), the training page shows the model check and the settings check on the spot; a run's
# own errors reach it inside the run's failed event, in the engine's words, which carry no params.
NOT_SHOWN_BY_THE_APP = ("train.", "run.")
SHOWN_FROM_ML = ("model.", "predict.model_changed", "predict.run_not_completed",
                 "predict.nothing_to_predict", "train.option_not_for_recipe", "train.out_of_range",
                 "train.bad_choice", "train.device_missing", "train.unknown_recipe",
                 "train.no_training_reports", "train.unknown_labels", "train.train_size_too_large",
                 "run.result_damaged", "compare.", "review.", "label_errors.", "curve.not_found",
                 "agreement.")  # fmt: skip
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def core_codes() -> set[str]:
    return {code for path in CORE.rglob("*.py") for code in CODE.findall(path.read_text(encoding="utf-8"))}


def ml_codes() -> set[str]:
    return {code for path in ML.rglob("*.py") for code in CODE.findall(path.read_text(encoding="utf-8"))}


def app_codes() -> set[str]:
    return (
        {code for code in core_codes() if not code.startswith(NOT_SHOWN_BY_THE_APP)}
        | {code for code in core_codes() if code.startswith(SHOWN_FROM_ML)}
        | {code for code in ml_codes() if code.startswith(SHOWN_FROM_ML)}
    )


def cli_commands() -> set[str]:
    from medlabel.cli import build_parser

    (sub,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return set(sub.choices)


def names_the_cli(text: str) -> list[str]:
    commands = "|".join(sorted(cli_commands()))
    return re.findall(rf"--[a-z]|'medlabel|\bmedlabel (?:{commands})\b", text)


class AnyParams(dict):
    """Params for a wording without a real error: every value is its own name, so a placeholder left
    unfilled or a param put in the wrong place shows."""

    def __missing__(self, key: str) -> str:
        return f"<{key}>"


def coded(code: str) -> MedlabelError:
    return MedlabelError(f"the English message of {code}", code=code)


@pytest.fixture
def german(qapp):
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "medlabel_de.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def describe_coded(code: str) -> str:
    error = coded(code)
    error.params = AnyParams()
    return messages.describe(error)


# --- every code has a wording -----------------------------------------------------------------------


def test_core_codes_are_found_where_they_are_raised():
    codes = core_codes()
    # One of each family, and each way a code is written (keyword, assignment, default argument).
    for code in ("project.locked", "backup.damaged", "demo.unknown_corpus", "import.not_text",
                 "import.too_long", "import.permission_denied", "import.unreadable", "import.rejected",
                 "project.damaged", "schema.label_exists"):  # fmt: skip
        assert code in codes, code


def test_every_code_the_app_can_show_has_a_wording(qapp):
    missing = sorted(app_codes() - set(messages.wordings()))
    assert not missing, f"codes the app shows without a wording in medlabel/gui/messages.py: {missing}"
    assert {"model.unusable_folder", "train.option_not_for_recipe"} <= app_codes()


def test_no_wording_is_left_without_a_code_that_raises_it(qapp):
    unused = sorted(set(messages.wordings()) - core_codes() - ml_codes())
    assert not unused, f"wordings for codes that nothing in medlabel raises: {unused}"


@pytest.mark.parametrize("code", sorted(app_codes()))
def test_each_wording_fills_its_placeholders_and_names_no_command(qapp, code):
    text = describe_coded(code)
    assert text != f"the English message of {code}"
    assert not re.search(r"\{\d+\}", text), text
    assert not names_the_cli(text), text


@pytest.mark.parametrize("code", sorted(app_codes()))
def test_each_wording_is_german_with_the_german_catalogue(german, monkeypatch, code):
    text = describe_coded(code)
    assert not re.search(r"\{\d+\}", text), text
    assert not names_the_cli(text), text
    with monkeypatch.context() as m:
        for module in (
            messages,
            run_messages,
            review_messages,
            schema_messages,
            setting_texts,
        ):  # the wording's English source text
            m.setattr(module, "tr", lambda source, *_: source)
        english = describe_coded(code)
    assert text != english, f"{code} has no German wording in the catalogue: {text}"


def test_every_kind_of_binary_file_core_names_is_worded(qapp):
    kinds = {kind for _magic, kind in _decoding._SIGNATURES}
    missing = sorted(kinds - set(messages.file_kinds()))
    assert not missing, f"file kinds in core.io._decoding without a wording: {missing}"


def test_every_import_problem_kind_is_worded_as_core_words_it(qapp):
    words = messages.problem_kinds()
    assert set(words) == set(PROBLEM_KINDS)
    for kind, (meaning, _group, skip) in PROBLEM_KINDS.items():
        assert words[kind] == (meaning, skip)  # English unchanged; German from the catalogue


# --- what is not worded keeps its message ------------------------------------------------------------


def test_errors_without_a_wording_keep_their_english_message(qapp):
    assert (
        messages.describe(SchemaError("'X' is not a label of 'status'")) == "'X' is not a label of 'status'"
    )
    assert messages.describe(MedlabelError("a message", code="no.such_code")) == "a message"
    assert messages.describe(ValueError("plain")) == "plain"
    # a raise that forgot a param its wording needs still tells the user everything, in English
    assert (
        messages.describe(ProjectError("the folder is gone", code="project.no_folder"))
        == "the folder is gone"
    )


def test_the_error_box_uses_the_wording(qapp, tmp_path):
    error = ProjectError("English with 'medlabel restore'", code="project.exists", path=str(tmp_path))
    title, text = errors.describe(error)
    assert title == "Could not do that"
    assert text == f"{tmp_path} already holds a medlabel project. Open it instead of creating one."


# --- one real failure per family, as the app shows it ----------------------------------------------


def read_in_the_wizard(path: Path, target: Path) -> str:
    """What the import wizard's check page shows when reading ``path`` fails (its worker's job)."""
    with pytest.raises(MedlabelError) as failed:
        check_job(path, ImportOptions(), target, ImportPolicy(), RecordingReporter(), threading.Event())
    return _explain(failed.value)


def test_a_png_named_txt_is_not_a_text_file_in_the_app(qapp, tmp_path):
    source = tmp_path / "scan.txt"
    source.write_bytes(PNG)
    text = read_in_the_wizard(source, tmp_path / "new")
    assert text.startswith(f"{source} is not a text file (it looks like binary data: a PNG image).")
    assert not names_the_cli(text)
    assert not (tmp_path / "new").exists()


def test_a_png_named_txt_is_not_a_text_file_in_german(german, tmp_path):
    source = tmp_path / "scan.txt"
    source.write_bytes(PNG)
    text = read_in_the_wizard(source, tmp_path / "new")
    assert text.startswith(f"{source} ist keine Textdatei (sie sieht nach Binärdaten aus: ein PNG-Bild).")


def test_a_report_over_the_limit_is_worded_without_the_command_line_option(german, tmp_path):
    source = tmp_path / "long.jsonl"
    source.write_text('{"id": "a", "text": "' + "x" * 50 + '"}\n', encoding="utf-8")
    with pytest.raises(MedlabelError) as failed:
        read_file(source, ImportOptions(max_document_chars=10))
    assert "--max-document-chars" in str(failed.value)  # the command line's advice
    assert (failed.value.code, failed.value.params["length"], failed.value.params["limit"]) == (
        "import.too_long",
        50,
        10,
    )
    text = messages.describe(failed.value)
    assert text.startswith(f"{source}, Zeile 1: Der Befund hat 50 Zeichen, mehr als die Grenze von 10")
    assert not names_the_cli(text)


def test_a_rejected_import_says_what_to_decide_without_flags(german, tmp_path):
    batch = ImportBatch("reports.csv", [DocRecord("one", "a"), DocRecord("two", "a")])
    with create_project(tmp_path / "p") as project, pytest.raises(ImportRejectedError) as failed:
        import_batch(project, batch)
    assert "--on-invalid" in str(failed.value)
    text = messages.describe(failed.value)
    assert "ID kommt mehrmals in der Datei vor" in text and "es wurde nichts importiert" in text
    assert not names_the_cli(text)


def test_a_project_from_a_newer_medlabel_is_explained(german, tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    set_schema_version(root / DB_NAME, "999")
    with pytest.raises(ProjectError) as failed:
        open_project(root)
    assert failed.value.code == "project.too_new" and failed.value.params["version"] == 999
    text = messages.describe(failed.value)
    assert text.startswith(
        f"Das Projekt {root} wurde von einem neueren medlabel angelegt (Schemaversion 999;"
    )


def test_a_file_that_is_no_backup_is_refused_in_plain_words(qapp, tmp_path):
    root = tmp_path / "p"
    create_project(root).close()
    junk = tmp_path / "project-20260101T000000Z.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(MedlabelError) as failed:
        restore_backup(root, Backup(junk, "", "", None, None))
    assert failed.value.code == "backup.unreadable"
    text = messages.describe(failed.value)
    assert text.startswith(f"{junk} is not a readable medlabel backup (")
    assert text.endswith("Choose another backup.")
    assert (root / DB_NAME).is_file()  # the project was not touched


def test_restoring_while_another_window_writes_says_who_holds_it(german, tmp_path):
    from medlabel.core.backups import list_backups

    root = tmp_path / "p"
    create_project(root).close()
    open_project(root).close()  # opening keeps a backup
    (backup,) = list_backups(root)
    with open_project(root), pytest.raises(ProjectError) as failed:
        restore_backup(root, backup)
    assert failed.value.code == "project.locked" and failed.value.params["pid"]
    text = messages.describe(failed.value)
    assert text.startswith(f"Das Projekt {root.resolve()} ist bereits in einem anderen medlabel-Fenster")
    assert f"Prozess {failed.value.params['pid']} auf " in text
    assert not names_the_cli(text)


def test_a_damaged_project_points_to_the_menu_not_the_restore_command(german, tmp_path):
    root = tmp_path / "p"
    create_demo_project(root, "smoking", documents=120, labelled=0, test=0).close()
    damage_documents_page(root / DB_NAME)
    with pytest.raises(DamagedProjectError) as failed:
        open_project(root)
    assert failed.value.code == "project.damaged"
    assert f"'medlabel restore {root.resolve()}'" in str(failed.value)  # what the command line prints
    text = messages.describe(failed.value)
    assert text.startswith(f"Die Datenbank des Projekts {root.resolve()} ist beschädigt (")
    assert text.endswith("mit Projekt → Aus einer Sicherung wiederherstellen…")
    assert not names_the_cli(text)


def test_an_unknown_demo_corpus_is_worded(german, tmp_path):
    with pytest.raises(ProjectError) as failed:
        create_demo_job(tmp_path / "demo", "no-such", 12, 6, 2, RecordingReporter(), threading.Event())
    text = messages.describe(failed.value)
    assert text.startswith("Es gibt keinen Demo-Korpus „no-such“. Wählen Sie einen von: smoking, ")
    assert not (tmp_path / "demo").exists()


def test_a_duplicate_label_in_the_schema_is_worded(german, tmp_path):
    with create_project(tmp_path / "p") as project:
        import_batch(project, ImportBatch("t", [DocRecord("text", "a", {"status": "YES"})]))
        with pytest.raises(SchemaError) as failed:
            add_label(project, "status", "YES", "tester")
    assert messages.describe(failed.value) == (
        "Die Labelgruppe „status“ hat schon ein Label „YES“; wählen Sie einen anderen Namen."
    )
