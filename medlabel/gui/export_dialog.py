"""Project → Export…: every report with its labels and spans to a file, in the formats the export command
writes (CSV, Excel, JSON lines, CoNLL, Label Studio). The export runs in a worker with progress."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.documents import document_count, iter_export_documents
from medlabel.core.io import WRITERS, write_file
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.core.project import Project
from medlabel.core.schema import load_schema
from medlabel.gui import errors
from medlabel.gui.i18n import tr
from medlabel.gui.workers import Worker, is_cancelled, progress_dialog

SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "jsonl": ".jsonl", "conll": ".conll", "labelstudio": ".json"}
PROGRESS_EVERY = 200  # reports between progress signals: often enough to move, rarely enough to cost nothing


def format_names() -> dict[str, str]:
    """The export formats, in the order offered (core's writers; a new writer is offered by its name)."""
    names = {
        "csv": tr("CSV table (.csv)"),
        "xlsx": tr("Excel workbook (.xlsx)"),
        "jsonl": tr("JSON lines (.jsonl)"),
        "conll": tr("CoNLL, BIO tags of the spans (.conll)"),
        "labelstudio": tr("Label Studio tasks (.json)"),
    }
    return {fmt: names.get(fmt, fmt) for fmt in [*names, *sorted(WRITERS)] if fmt in WRITERS}


def export_job(
    project: Project, fmt: str, path: Path, raw_cells: bool, reporter: Reporter, cancel: threading.Event
) -> int:
    """What ``medlabel export`` does, reporting progress and stopping between reports when cancelled
    (the writers replace the file only once it is complete, so a cancelled export leaves no half file)."""
    total = document_count(project)

    def documents():  # type: ignore[no-untyped-def]
        for done, doc in enumerate(iter_export_documents(project), 1):
            check_cancel(cancel)
            if done % PROGRESS_EVERY == 0 or done == total:
                reporter.progress(done, total)
            yield doc

    schema = load_schema(project).to_export()
    return write_file(fmt, documents(), Path(path), schema, raw_cells=raw_cells)


class ExportDialog(QDialog):
    """Format, file and (for CSV) the formula option; Export starts the worker and closes on success."""

    exported = Signal(int, str)  # reports written, the file

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(tr("Export reports and annotations"))
        self.project = project
        self.worker: Worker | None = None

        intro = QLabel(tr("Every report is written with its current labels and spans, in the file's format."))
        intro.setWordWrap(True)
        self.format_combo = QComboBox(objectName="exportFormat")
        for fmt, name in format_names().items():
            self.format_combo.addItem(name, fmt)
        self.file_edit = QLineEdit(objectName="exportFile")
        self.file_edit.setText(str(Path(project.root).parent / f"{project.name}-export.csv"))
        choose = QPushButton(tr("Choose…"))
        choose.clicked.connect(self._choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(choose)
        self.raw_cells = QCheckBox(
            tr("Keep cells that start with = + - @ as they are (a spreadsheet may run them as formulas)"),
            objectName="exportRawCells",
        )
        self.raw_cells.setToolTip(
            tr("Off: such cells get a leading ' so that spreadsheet programs show them as text")
        )
        form = QFormLayout()
        form.addRow(tr("Format:"), self.format_combo)
        form.addRow(tr("File:"), file_row)
        form.addRow("", self.raw_cells)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(tr("Export"))
        self.export_button.setObjectName("exportButton")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.file_edit.textChanged.connect(self._update_state)
        self._format_changed()
        self.resize(640, self.sizeHint().height())

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def path(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _format_changed(self) -> None:
        # The file's ending follows the format, as long as it is one of the export endings.
        path = self.path()
        if path is not None and path.suffix.lower() in SUFFIXES.values():
            self.file_edit.setText(str(path.with_suffix(SUFFIXES.get(self.fmt(), path.suffix))))
        self.raw_cells.setVisible(self.fmt() == "csv")
        self._update_state()

    def _update_state(self) -> None:
        self.export_button.setEnabled(self.path() is not None and self.worker is None)

    def _choose_file(self) -> None:
        suffix = SUFFIXES.get(self.fmt(), "")
        name, _ = QFileDialog.getSaveFileName(
            self,
            tr("Export to"),
            str(self.path() or ""),
            f"{format_names()[self.fmt()]} (*{suffix});;{tr('All files (*)')}",
        )
        if name:
            self.file_edit.setText(name if Path(name).suffix else name + suffix)

    def start(self) -> Worker | None:
        """Check the file and start the export in a worker (None when there is nothing to start)."""
        path = self.path()
        if path is None or self.worker is not None:
            return None
        if path.is_dir():
            errors.show_message(
                self,
                QMessageBox.Icon.Warning,
                tr("Export"),
                tr("{0} is a folder. Give the name of a file to export to.").format(path),
                "exportIsFolder",
            )
            return None
        if path.exists() and not self._confirm_replace(path):
            return None
        raw = self.fmt() == "csv" and self.raw_cells.isChecked()
        worker = Worker(export_job, self.project, self.fmt(), path, raw, parent=self)
        worker.finished.connect(lambda count: self._done(count, path))
        worker.errored.connect(self._failed)
        self.worker = worker
        self._update_state()
        progress_dialog(worker, self, tr("Export"), tr("Writing {0}…").format(path.name))
        return worker.start()

    def _confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            tr("Replace the file?"),
            tr("{0} exists already. Replace it with the export?").format(path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, count: int, path: Path) -> None:
        self.worker = None
        self.exported.emit(int(count), str(path))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.worker = None
        self._update_state()
        if not is_cancelled(exc):
            errors.show_error(self, exc)

    def reject(self) -> None:
        # Closing while the export runs would drop its result; its progress dialog has Cancel for that.
        if self.worker is None:
            super().reject()


def exported_message(count: int, path: str) -> str:
    """The status line after an export."""
    return tr("Exported {0} report(s) to {1}.", "", count).format(count, path)
