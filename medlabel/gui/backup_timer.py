"""Backups of the open project every few minutes of work, in the background.

The core keeps a copy only when the database changed since the newest backup, so a timer that fires
while nobody works costs one read of the file and keeps nothing."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from medlabel.core.backups import EVERY_MINUTES, Backup, backup_project
from medlabel.core.jobs import Reporter
from medlabel.gui.workers import Worker


def periodic_backup_job(root: Path, reporter: Reporter, cancel: threading.Event) -> Backup | None:
    return backup_project(root, reason="while working")


class BackupTimer(QObject):
    made = Signal(object)  # the Backup kept, or None when nothing had changed
    failed = Signal(object)  # the exception

    def __init__(self, root: Path, parent: QObject | None = None, minutes: float = EVERY_MINUTES) -> None:
        super().__init__(parent)
        self.root = Path(root)
        self._worker: Worker | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.run_now)
        self.timer.start()

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def run_now(self) -> Worker | None:
        if self.is_running():
            return None  # the last one is still copying a large project
        self._worker = Worker(periodic_backup_job, self.root, parent=self)
        self._worker.finished.connect(self.made)
        self._worker.errored.connect(self.failed)
        return self._worker.start()

    def stop(self) -> None:
        """Stop the timer and let a copy already running finish (a second or so on a large project),
        so that no thread outlives the window that started it."""
        self.timer.stop()
        if self._worker is not None:
            self._worker.wait()
