"""The import wizard's steps without Qt: preview a table's first rows, check a file against a project,
import all or nothing. They follow the CLI's ``import`` command (read first, check against a read-only
view or an empty scratch project, create, import, remove a new project again on failure)."""

from __future__ import annotations

import contextlib
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from medlabel.core.errors import ImportFormatError, MedlabelError
from medlabel.core.importing import Choice, ImportPolicy, ImportReport, check_import, import_batch
from medlabel.core.io import read_file
from medlabel.core.io._common import detect_encoding
from medlabel.core.io.delimited import SNIFF_CHARS, sniff_delimiter
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.core.project import DB_NAME, Project, create_project, discard_new_project, open_project
from medlabel.core.records import ImportBatch, ImportOptions

PREVIEW_ROWS = 20


@dataclass
class Preview:
    """The first rows of a table, as the readers would name its columns."""

    columns: list[str]
    rows: list[list[str]]


def preview_table(path: Path, fmt: str, limit: int = PREVIEW_ROWS) -> Preview:
    """Header and first ``limit`` rows of a CSV/TSV/XLSX file, read the way its reader reads it
    (same encoding detection, delimiter sniffing and column naming), without reading the whole file."""
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(path, "not a file")
    if path.stat().st_size == 0:
        raise ImportFormatError(path, "the file is empty")
    preview = _preview_xlsx(path, limit) if fmt == "xlsx" else _preview_delimited(path, fmt, limit)
    if not preview.rows:
        raise ImportFormatError(path, "the file has a header row but no data rows")
    return preview


def _preview_delimited(path: Path, fmt: str, limit: int) -> Preview:
    import pandas as pd

    encoding = detect_encoding(path)
    if fmt == "tsv":
        delimiter = "\t"
    else:
        with open(path, encoding=encoding, newline="") as fh:
            sample = fh.read(SNIFF_CHARS)
            truncated = bool(fh.read(1))
        delimiter = sniff_delimiter(sample, truncated)
    try:
        frame = pd.read_csv(
            path,
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=encoding,
            engine="c",
            nrows=limit,
        )
    except pd.errors.EmptyDataError:
        raise ImportFormatError(path, "the file is empty (no header row)") from None
    except (pd.errors.ParserError, ValueError, UnicodeError) as exc:
        raise ImportFormatError(path, f"not a readable table: {str(exc).strip()}") from None
    if not isinstance(frame.index, pd.RangeIndex):
        raise ImportFormatError(
            path,
            f"the rows have one field more than the header row (is {delimiter!r} the delimiter?)",
            "row 2",
        )
    rows = [[v if isinstance(v, str) else "" for v in row] for row in frame.itertuples(index=False)]
    return Preview([str(c) for c in frame.columns], rows)


def _preview_xlsx(path: Path, limit: int) -> Preview:
    import openpyxl

    from medlabel.core.io.xlsx import _header, cell_text

    # openpyxl fails in many ways on a damaged or foreign file; for the user they mean the same.
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFormatError(
            path,
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
            "old .xls files must be saved as .xlsx first",
        ) from None
    try:
        if not book.sheetnames:
            raise ImportFormatError(path, "the workbook has no sheets")
        sheet = book[book.sheetnames[0]]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            cells = [cell_text(v) for v in values]
            if any(cells):
                rows.append(cells)
            if len(rows) > limit:
                break
    finally:
        book.close()
    if not rows:
        raise ImportFormatError(path, f"sheet {sheet.title!r} is empty")
    width = max(len(cells) for cells in rows)
    return Preview(_header(rows[0], width), [cells + [""] * (width - len(cells)) for cells in rows[1:]])


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


@contextlib.contextmanager
def _project_for_check(root: Path) -> Iterator[Project]:
    # As the CLI's --check: a read-only view of the project there, or an empty scratch project.
    if (root / DB_NAME).exists():
        with open_project(root, read_only=True) as project:
            yield project
        return
    with tempfile.TemporaryDirectory() as scratch, create_project(Path(scratch) / "check") as project:
        yield project


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
    batch = read_file(path, options)
    if not batch.documents:
        raise MedlabelError(f"{path}: the file holds no documents")
    check_cancel(cancel)
    reporter.progress(0, 0, "checking")
    if isinstance(target, Project):
        report = check_import(target, batch, policy)
    else:
        with _project_for_check(Path(target)) as project:
            report = check_import(project, batch, policy)
    return CheckResult(batch, report)


def import_job(
    batch: ImportBatch,
    policy: ImportPolicy,
    target: Project | Path,
    annotator: str,
    reporter: Reporter,
    cancel: threading.Event,
) -> ImportReport:
    """Import ``batch`` all or nothing; a project this creates is removed again when that fails."""
    check_cancel(cancel)
    reporter.progress(0, 0, "importing")
    if isinstance(target, Project):
        return import_batch(target, batch, policy, annotator=annotator)
    root = Path(target)
    is_new = not (root / DB_NAME).exists()
    existed = root.exists()
    project = create_project(root) if is_new else open_project(root)
    try:
        report = import_batch(project, batch, policy, annotator=annotator)
    except BaseException:
        project.close()
        if is_new:
            discard_new_project(root, existed)
        raise
    project.close()
    return report
