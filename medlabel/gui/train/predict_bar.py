"""Pre-annotation from the Train page: predict the unlabelled (or all) reports with the chosen run, in the
background with progress; the suggestions then show in the document list and the report view.

The prediction runs in a worker thread of the app (``ml.predict.predict_job``), which loads the run's
model into this process; the store's connection pool gives that thread its own connection.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from medlabel.core.jobs import Cancelled
from medlabel.core.project import Project
from medlabel.gui.i18n import tr
from medlabel.gui.messages import describe
from medlabel.gui.workers import Worker, run_job


class PredictBar(QWidget):
    predicted = Signal(int, int)  # run id, reports predicted

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.run_id: int | None = None
        self.worker: Worker | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.which = QLabel(objectName="predictRun")
        self.unlabelled = QPushButton(tr("Predict unlabelled"), objectName="predictUnlabelled")
        self.all = QPushButton(tr("Predict all"), objectName="predictAll")
        self.cancel = QPushButton(tr("Stop"), objectName="predictCancel")
        self.bar = QProgressBar(objectName="predictProgress")
        self.status = QLabel(objectName="predictStatus", wordWrap=True)
        for widget in (self.which, self.unlabelled, self.all, self.cancel, self.bar):
            layout.addWidget(widget)
        layout.addWidget(self.status, 1)
        self.unlabelled.clicked.connect(lambda: self.start("unlabelled"))
        self.all.clicked.connect(lambda: self.start("all"))
        self.cancel.clicked.connect(lambda: self.worker and self.worker.cancel())
        self.set_run(None)

    def busy(self) -> bool:
        return self.worker is not None and self.worker.is_running()

    def set_run(self, run_id: int | None, usable: bool = True, read_only: bool = False) -> None:
        """The run to predict with (the one selected in the history); only a completed run can."""
        self.run_id = run_id if usable else None
        self.which.setText(
            tr("With run {0}:").format(run_id) if self.run_id is not None else tr("Select a completed run:")
        )
        enabled = self.run_id is not None and not self.busy() and not read_only
        self.unlabelled.setEnabled(enabled)
        self.all.setEnabled(enabled)
        self.cancel.setVisible(self.busy())
        self.bar.setVisible(self.busy())

    def start(self, which: str) -> None:
        from medlabel.ml.predict import predict_job

        if self.run_id is None or self.busy():
            return
        self.status.setText(tr("Predicting…"))
        self.bar.setRange(0, 0)
        worker = run_job(predict_job, self.project, self.run_id, which, parent=self)
        worker.progress.connect(self._progress)
        worker.finished.connect(lambda count, run=self.run_id: self._done(run, count))
        worker.errored.connect(self._failed)
        self.worker = worker
        self.set_run(self.run_id)

    def _progress(self, done: int, total: int, _phase: str) -> None:
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(done)

    def _done(self, run_id: int, count: int) -> None:
        self.worker = None
        self.status.setText(
            tr(
                "{0} report(s) predicted: the suggestions show in the report list and beside each report.",
                "",
                count,
            ).format(count)
        )
        self.set_run(run_id)
        self.predicted.emit(run_id, count)

    def _failed(self, exc: BaseException) -> None:
        self.worker = None
        self.status.setText(tr("Prediction stopped.") if isinstance(exc, Cancelled) else describe(exc))
        self.set_run(self.run_id)

    def shutdown(self) -> None:
        if self.busy() and self.worker is not None:
            self.worker.cancel()
            self.worker.wait(15000)
