"""Are my labels right? Out-of-fold predictions on the labelled training reports list the reports whose
gold label a model most confidently contradicts; each opens beside its text for a quick keep or fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from medlabel.core.documents import external_ids, get_document
from medlabel.core.project import Project
from medlabel.core.runs import Run
from medlabel.gui.i18n import tr
from medlabel.gui.review.error_list import Row
from medlabel.gui.review.side_by_side import SideBySide, install_review_keys, lay_out_beside
from medlabel.gui.workers import Worker, is_cancelled
from medlabel.ml.review import ReviewError

SUSPECT = "suspect"


class LabelCheck(QWidget):
    """The list, its job and a side-by-side view; the page does what the buttons ask (signals)."""

    decided = Signal(object, str)  # the Row, "accept" | "keep" | "flag" | label chosen by hand
    failed = Signal(object)  # an exception from the job

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.task: str | None = None
        self.report: Any = None
        self.rows: list[Row] = []
        self.statuses: dict[int, str] = {}
        self.flagged: set[int] = set()
        self.worker: Worker | None = None
        self.start_button = QPushButton(tr("Check my labels"), objectName="checkLabels")
        self.start_button.setToolTip(
            tr("Trains the fast baseline 5 times, each time without one fifth of your training reports, "
               "and lists the reports whose label it most confidently disagrees with.")
        )  # fmt: skip
        self.stop_button = QPushButton(tr("Stop"), objectName="stopLabelCheck")
        self.model_box = QComboBox(objectName="labelCheckModel")
        self.progress = QProgressBar(objectName="labelCheckProgress")
        self.progress.setVisible(False)
        self.all_box = QCheckBox(tr("Show every checked report"), objectName="showAllChecked")
        self.summary = QLabel(objectName="labelCheckSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5, objectName="labelIssues")
        self.table.setHorizontalHeaderLabels(
            [tr("Report"), tr("Gold"), tr("Model suggests"), tr("P(gold)"), tr("Reviewed")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.side = SideBySide()
        self.side.accept_button.setText(tr("Change to the suggestion (A)"))
        self.side.other = tr("The label check suggests")
        self.side.accept_requested.connect(lambda: self._decide("accept"))
        self.side.keep_requested.connect(lambda: self._decide("keep"))
        self.side.flag_requested.connect(lambda: self._decide("flag"))
        self.side.fix_requested.connect(lambda label: self._decide(label or "open"))
        install_review_keys(self, self.side, self.step)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.all_box.toggled.connect(self._fill)
        self.table.currentCellChanged.connect(self._selected)
        bar = QHBoxLayout()
        with_label = QLabel(tr("&with:"))
        with_label.setBuddy(self.model_box)
        for w in (
            self.start_button,
            with_label,
            self.model_box,
            self.stop_button,
            self.progress,
            self.all_box,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        lay_out_beside(self, bar, [(self.summary, 0), (self.table, 1)], self.side, (420, 640))
        self.set_task(None, None, [], True)

    def set_task(
        self,
        project: Project | None,
        task: str | None,
        labels: list[str],
        read_only: bool,
        runs: Sequence[Run] = (),
    ) -> None:
        """The task to check (a document task), or None with the reason shown; ``runs``: the completed
        fine-tuned runs of the task whose model may check instead of the baseline."""
        if task != self.task or project is not self.project:
            self.report, self.rows, self.flagged = None, [], set()
        self.project, self.task = project, task
        chosen = self.model_box.currentData()
        self.model_box.clear()
        self.model_box.addItem(tr("the fast baseline (seconds)"), None)
        for run in runs:
            self.model_box.addItem(
                tr("the model of run {0} ({1}; trains it 3 times: minutes)").format(
                    run.id, run.model_name or run.recipe
                ),
                run.id,
            )
        self.model_box.setCurrentIndex(max(self.model_box.findData(chosen), 0))
        self.side.set_task(None, labels, False, read_only)
        self._update_buttons()
        self._fill()

    def _update_buttons(self) -> None:
        running = self.worker is not None and self.worker.is_running()
        self.start_button.setEnabled(self.task is not None and not running)
        self.stop_button.setVisible(running)
        self.progress.setVisible(running)

    def start(self) -> None:
        from medlabel.ml.label_errors import find_label_issues, find_label_issues_with_run

        if self.project is None or self.task is None:
            return
        self.summary.setText(tr("Checking the labels of the training reports…"))
        project, task, run_id = self.project, self.task, self.model_box.currentData()

        def job(reporter: Any, cancel: Any) -> Any:
            if run_id is None:
                return find_label_issues(project, task, reporter=reporter, cancel=cancel)
            return find_label_issues_with_run(project, int(run_id), reporter=reporter, cancel=cancel)

        self.worker = Worker(job, parent=self)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._done)
        self.worker.errored.connect(self._errored)
        self.worker.start()
        self._update_buttons()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def shutdown(self) -> None:
        if self.worker is not None and self.worker.is_running():
            self.worker.cancel()
            self.worker.wait(10000)

    def _progress(self, done: int, total: int, _phase: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _done(self, report: Any) -> None:
        self.worker = None
        self.report = report
        ids = external_ids(self.project, [i.doc_id for i in report.issues]) if self.project else {}
        self.rows = [
            Row(ReviewError(i.doc_id, ids.get(i.doc_id, str(i.doc_id)), SUSPECT, i.gold, i.gold, i.suggested,
                            i.gold_probability))
            for i in report.issues
        ]  # fmt: skip
        self.flagged = {i.doc_id for i in report.issues if i.flagged}
        self._update_buttons()
        self._fill()

    def _errored(self, exc: object) -> None:
        self.worker = None
        self._update_buttons()
        if is_cancelled(exc):
            self.summary.setText(tr("The label check was stopped."))
            return
        self.summary.setText("")
        self.failed.emit(exc)

    def update_statuses(self, statuses: dict[int, str]) -> None:
        self.statuses = statuses
        self._fill()

    def visible_rows(self) -> list[Row]:
        if self.all_box.isChecked():
            return self.rows
        return [r for r in self.rows if r.error.doc_id in self.flagged]

    def _fill(self, *_args: object) -> None:
        current = self.side.row.error.doc_id if self.side.row is not None else None
        rows = self.visible_rows()
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            e = row.error
            status = self.statuses.get(e.doc_id, "")
            cells = (
                e.external_id,
                str(e.gold),
                str(e.predicted),
                f"{e.confidence:.2f}",
                _status_text(status),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.doc_id)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        if self.report is None:
            if self.task is None:
                self.summary.setText(
                    tr("The label check works on label tasks; choose a run of a label task.")
                )
            elif self.worker is None:
                self.summary.setText(tr("Not checked yet. Check my labels takes a few seconds."))
        else:
            self.summary.setText(
                tr("{flagged} of {n} training report(s) look mislabelled ({method}). Most suspicious first.",
                   "", self.report.n_checked)
                .format(flagged=len(self.flagged), n=self.report.n_checked,
                        method=self.report.method)
            )  # fmt: skip
        for r, row in enumerate(rows):
            if row.error.doc_id == current:
                self.table.selectRow(r)
                return
        if rows:
            self.table.selectRow(0)
        else:
            self.side.show_row(None, "", [])

    def _selected(self, row: int, *_args: object) -> None:
        rows = self.visible_rows()
        if self.project is None or not 0 <= row < len(rows):
            self.side.show_row(None, "", [])
            return
        chosen = Row(rows[row].error, self.statuses.get(rows[row].error.doc_id, ""))
        self.side.show_row(chosen, get_document(self.project, chosen.error.doc_id).text, [])

    def step(self, delta: int) -> None:
        count = self.table.rowCount()
        if count:
            row = self.table.currentRow()
            self.table.selectRow(0 if row < 0 else min(max(row + delta, 0), count - 1))

    def _decide(self, what: str) -> None:
        if self.side.row is not None:
            self.decided.emit(self.side.row, what)


def _status_text(status: str) -> str:
    return {"kept": tr("label kept"), "accepted": tr("changed"), "fixed": tr("changed")}.get(status, "")
