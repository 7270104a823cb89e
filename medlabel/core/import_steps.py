"""The steps of an import, without Qt, for both front ends (the CLI's ``import`` command and the app's
import wizard): preview a table's first rows, read a file, check it against a project, import all or
nothing. Read first (a file that cannot be read never leaves an empty project behind), check against a
read-only view of the project or an empty scratch one, then import; a new project appears only when its
import succeeded."""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medlabel.core.errors import MedlabelError
from medlabel.core.importing import Choice, ImportPolicy, ImportReport, check_import, import_batch
from medlabel.core.io import read_file
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.core.project import DB_NAME, Project, building_project, create_project, open_project
from medlabel.core.records import ImportBatch, ImportOptions

PREVIEW_ROWS = 20


@dataclass
class Preview:
    """The first rows of a table, as the readers would name its columns."""

    columns: list[str]
    rows: list[list[str]]


def preview_table(path: Path, fmt: str, limit: int = PREVIEW_ROWS) -> Preview:
    """Header and first ``limit`` rows of a CSV/TSV/XLSX file, read by its own reader (same encoding
    detection, delimiter sniffing and column naming) without reading the whole file."""
    from medlabel.core.io import delimited, xlsx

    reader = xlsx if fmt == "xlsx" else delimited
    columns, rows = reader.preview(Path(path), ImportOptions(format=fmt), limit)
    return Preview(columns, rows)


def policy_for(choice: Choice) -> ImportPolicy:
    """The user's one answer to "what about the problems?" as an import policy.

    Skip leaves out whatever has a problem; add puts unknown labels into the label set and skips the
    rest (nothing but labels can be added); abort stores nothing.
    """
    if choice is Choice.SKIP:
        return ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.SKIP)
    if choice is Choice.ADD:
        return ImportPolicy(invalid=Choice.SKIP, unknown_labels=Choice.ADD)
    return ImportPolicy(invalid=Choice.ABORT, unknown_labels=Choice.ABORT)


@dataclass
class CheckResult:
    batch: ImportBatch
    report: ImportReport


def read_batch(path: Path, options: ImportOptions | None = None) -> ImportBatch:
    """Read ``path`` for an import; a file without a single document is refused here, before any
    project is made for it."""
    batch = read_file(Path(path), options)
    if not batch.documents:
        raise MedlabelError(
            f"{path}: the file holds no documents", code="import.no_documents", path=str(path)
        )
    return batch


@contextlib.contextmanager
def _project_for_check(root: Path) -> Iterator[Project]:
    # A read-only view of the project there (another window may hold it for writing), or an empty
    # scratch project that shows what a new project would get.
    if (root / DB_NAME).exists():
        with open_project(root, read_only=True) as project:
            yield project
        return
    with tempfile.TemporaryDirectory() as scratch, create_project(Path(scratch) / "check") as project:
        yield project


def check_batch(target: Project | Path, batch: ImportBatch, policy: ImportPolicy) -> ImportReport:
    """What importing ``batch`` into ``target`` (an open project, or a folder that may hold one or not
    yet) would do; changes nothing anywhere."""
    if isinstance(target, Project):
        return check_import(target, batch, policy)
    with _project_for_check(Path(target)) as project:
        return check_import(project, batch, policy)


def check_job(
    path: Path,
    options: ImportOptions,
    target: Project | Path,
    policy: ImportPolicy,
    reporter: Reporter,
    cancel: threading.Event,
) -> CheckResult:
    """Read ``path`` and report what importing it into ``target`` (open project or folder) would do."""
    reporter.progress(0, 0, "reading")
    batch = read_batch(path, options)
    check_cancel(cancel)
    reporter.progress(0, 0, "checking")
    return CheckResult(batch, check_batch(target, batch, policy))


def import_into(
    root: Path,
    batch: ImportBatch,
    policy: ImportPolicy,
    annotator: str,
    cancel: threading.Event | None = None,
) -> tuple[ImportReport, bool]:
    """Import ``batch`` into the project at ``root`` all or nothing, creating the project when the folder
    holds none; returns the report and whether a project was created. A new project appears only once
    its import has succeeded, so a failed, cancelled or killed import leaves the folder as it was."""
    root = Path(root)
    if (root / DB_NAME).exists():
        with open_project(root) as project:
            return import_batch(project, batch, policy, annotator=annotator), False
    with building_project(root) as project:
        report = import_batch(project, batch, policy, annotator=annotator)
        check_cancel(cancel)  # the last moment at which cancelling still leaves nothing behind
    return report, True


def import_job(
    batch: ImportBatch,
    policy: ImportPolicy,
    target: Project | Path,
    annotator: str,
    reporter: Reporter,
    cancel: threading.Event,
) -> ImportReport:
    """Import ``batch`` all or nothing into an open project, or into a folder (see ``import_into``)."""
    check_cancel(cancel)
    reporter.progress(0, 0, "importing")
    if isinstance(target, Project):
        return import_batch(target, batch, policy, annotator=annotator)
    return import_into(Path(target), batch, policy, annotator, cancel)[0]
