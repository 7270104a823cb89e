"""Bringing back a backup of a project: what each backup holds beside what the project holds now, and
the restore itself as a background job. The project must be closed in this window first (the caller does
that); the core refuses while any other window has it open for writing."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.backups import (
    Backup,
    RestoreResult,
    Summary,
    current_state,
    list_backups,
    local_time,
    restore_backup,
)
from medlabel.core.jobs import Reporter, check_cancel
from medlabel.gui import errors
from medlabel.gui.i18n import tr
from medlabel.gui.workers import Worker, progress_dialog


def restore_job(root: Path, backup: Backup, reporter: Reporter, cancel: threading.Event) -> RestoreResult:
    check_cancel(cancel)
    reporter.progress(0, 0, "")
    return restore_backup(root, backup)


def summary_text(summary: Summary | None) -> str:
    if summary is None:
        return tr("contents unknown")
    text = tr("{0} reports, {1} labelled, {2} spans, {3} training runs").format(
        summary.documents, summary.labelled_documents, summary.spans, summary.runs
    )
    if summary.last_change:
        text += tr("; last change {0}").format(local_time(summary.last_change))
    return text


def backup_label(backup: Backup) -> str:
    reasons = {
        "created": tr("when the project was made"),
        "open": tr("when the project was opened"),
        "while working": tr("while working"),
        "before restore": tr("before a restore"),
    }
    return tr("{0}, {1}").format(local_time(backup.created_at), reasons.get(backup.reason, backup.reason))


class RestoreDialog(QDialog):
    """Lists the backups of ``root``; ``restored`` holds the result once one was brought back."""

    def __init__(self, root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Restore from a backup"))
        self.root = Path(root)
        self.restored: RestoreResult | None = None
        self._worker: Worker | None = None
        self.backups = list_backups(self.root)
        now, problem = current_state(self.root)
        self.current = QLabel(
            tr("The project now: {0}").format(summary_text(now))
            if now
            # ``problem`` is SQLite's finding, kept as a detail for whoever looks into the file.
            else tr("The project now: its database cannot be read ({0}).").format(problem)
        )
        self.current.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setSpacing(4)
        for backup in self.backups:
            item = QListWidgetItem(f"{backup_label(backup)}\n{summary_text(backup.summary)}")
            item.setData(Qt.ItemDataRole.UserRole, backup)
            self.list.addItem(item)
        empty = QLabel(
            tr("This project has no backups yet. medlabel keeps one each time a project is opened for "
               "writing and every few minutes while you work.")
        )  # fmt: skip
        empty.setWordWrap(True)
        empty.setVisible(not self.backups)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(tr("Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setEnabled(bool(self.backups))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(QLabel(tr("Backups, newest first:")))
        layout.addWidget(self.list)
        layout.addWidget(empty)
        layout.addWidget(self.buttons)
        if self.backups:
            self.list.setCurrentRow(0)
        self.resize(640, 420)

    def chosen(self) -> Backup | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def confirm(self) -> None:
        backup = self.chosen()
        if backup is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Restore this backup?"),
            tr("Bring back the project as it was at {0}: {1}.\n\nThe project as it is now is kept as a "
               "backup first, so this can be undone by restoring that one.").format(
                backup_label(backup), summary_text(backup.summary)
            ),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.start(backup)

    def start(self, backup: Backup) -> Worker:
        """Restore ``backup`` in the background; the dialog closes when it is done."""
        self._worker = Worker(restore_job, self.root, backup, parent=self)
        self._worker.finished.connect(self._done)
        self._worker.errored.connect(self._failed)
        self._worker.start()
        progress_dialog(self._worker, self, tr("Restore from a backup"), tr("Restoring the project…"))
        return self._worker

    def _done(self, result: RestoreResult) -> None:
        self.restored = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        errors.show_error(self, exc)
