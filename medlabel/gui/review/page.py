"""The Review page: how good is a run, where does it fail, and are my labels right? It only shows and
wires: the figures come from ``ml.review`` / ``ml.compare``, the decisions go to ``core.review_actions``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from medlabel.core import review_actions
from medlabel.core.documents import get_document
from medlabel.core.project import Project
from medlabel.gui import errors
from medlabel.gui.i18n import tr
from medlabel.gui.review.agreement_panel import AgreementPanel
from medlabel.gui.review.calibration_view import CalibrationView
from medlabel.gui.review.confusion_view import ConfusionView
from medlabel.gui.review.curve_panel import CurvePanel
from medlabel.gui.review.error_list import ErrorList, Row
from medlabel.gui.review.label_check import LabelCheck
from medlabel.gui.review.metrics_table import MetricsTable
from medlabel.gui.review.run_picker import RunPicker
from medlabel.gui.review.side_by_side import SideBySide, install_review_keys
from medlabel.gui.train.history import figure_text
from medlabel.gui.workers import Worker
from medlabel.ml.review import RunReview, review_run


class ReviewPage(QWidget):
    status_message = Signal(str)
    open_document = Signal(int)  # fix it in Annotate
    gold_changed = Signal()  # the workspace shows the new gold
    curve_requested = Signal()

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.project, self.annotator = project, annotator
        self.read_only = project.read_only
        self.review: RunReview | None = None
        self.comparison: dict[str, Any] | None = None
        self.other: RunReview | None = None
        self.export_worker: Worker | None = None
        self._pending: tuple[int | None] | None = (None,)

        self.picker = RunPicker()
        self.rescore_button = QPushButton(tr("Re-score"), objectName="rescore")
        self.rescore_button.setToolTip(tr("Store this run's figures computed on the current gold labels"))
        self.report_button = QPushButton(tr("Export report…"), objectName="exportReport")
        self.table_button = QPushButton(tr("Export predictions…"), objectName="exportPredictions")
        self.examples_box = QCheckBox(tr("include example reports"), objectName="includeExamples")
        self.examples_box.setToolTip(
            tr("Off: the report holds figures only, no text and no report ids of patients.")
        )
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        for w in (self.report_button, self.examples_box, self.table_button):
            top.addWidget(w)
        self.headline = QLabel(objectName="reviewHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.stale = QLabel(objectName="staleBanner")
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet("background:#fff4c2; border:1px solid #e0c060; padding:4px;")
        stale_row = QHBoxLayout()
        stale_row.addWidget(self.stale, 1)
        stale_row.addWidget(self.rescore_button)

        self.metrics = MetricsTable()
        self.calibration = CalibrationView()
        metrics_tab = QSplitter(Qt.Orientation.Horizontal)
        metrics_tab.addWidget(self.metrics)
        metrics_tab.addWidget(self.calibration)
        metrics_tab.setSizes([700, 420])

        self.confusion = ConfusionView()
        self.errors = ErrorList()
        self.side = SideBySide()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.confusion)
        left.addWidget(self.errors)
        left.setSizes([260, 400])
        errors_tab = QSplitter(Qt.Orientation.Horizontal)
        errors_tab.addWidget(left)
        errors_tab.addWidget(self.side)
        errors_tab.setSizes([560, 600])

        self.curve = CurvePanel()
        self.label_check = LabelCheck()
        self.tabs = QTabWidget(objectName="reviewTabs")
        self.tabs.addTab(metrics_tab, tr("Metrics"))
        self.tabs.addTab(errors_tab, tr("Errors"))
        self.tabs.addTab(self.curve, tr("Learning curve"))
        self.tabs.addTab(self.label_check, tr("Label check"))
        self.agreement = AgreementPanel()
        self.tabs.addTab(self.agreement, tr("Agreement"))
        self.empty = QLabel(
            tr("No completed run yet. Train one on the Train page; its results appear here."),
            objectName="reviewEmpty",
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addLayout(stale_row)
        layout.addWidget(self.empty)
        layout.addWidget(self.tabs, 1)

        self.picker.changed.connect(self.load)
        self.confusion.cell_chosen.connect(self.show_cell)
        self.errors.chosen.connect(self._show_row)
        self.side.accept_requested.connect(lambda: self.decide("accept"))
        self.side.keep_requested.connect(lambda: self.decide("keep"))
        self.side.flag_requested.connect(lambda: self.decide("flag"))
        self.side.fix_requested.connect(self._fix)
        self.label_check.decided.connect(self._label_check_decided)
        self.agreement.open_document.connect(self.open_document)
        self.agreement.gold_changed.connect(self.gold_changed)
        self.agreement.status_message.connect(self.status_message)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.label_check.failed.connect(lambda exc: errors.show_error(self, exc))
        self.curve.start_requested.connect(self.curve_requested)
        self.rescore_button.clicked.connect(self.rescore)
        self.report_button.clicked.connect(self.export_report)
        self.table_button.clicked.connect(self.export_predictions)
        install_review_keys(self.tabs.widget(1), self.side, self.errors.step)
        self.reload()

    # --- loading ------------------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        """The list of runs (after a run ended) and the chosen run's review; done when the page is next
        shown if it is hidden now, so that opening a project never waits for a review."""
        if not self.isVisible():
            self._pending = (keep,)
            return
        self._pending = None
        self.picker.reload(self.project, keep)
        self.agreement.set_project(self.project, self.annotator, self.read_only)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.agreement and self.isVisible():
            self.agreement.refresh()  # gold may have changed in Annotate meanwhile

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending is not None:
            self.reload(*self._pending)

    def load(self, run_id: int | None, compare_with: int | None) -> None:
        self.empty.setVisible(run_id is None)
        for index in range(self.tabs.count()):
            # Agreement needs no run: it compares annotators.
            self.tabs.setTabVisible(index, run_id is not None or self.tabs.widget(index) is self.agreement)
        for w in (self.report_button, self.table_button, self.examples_box):
            w.setEnabled(run_id is not None)
        if run_id is None:
            self.review = None
            self.headline.setText("")
            self.stale.setVisible(False)
            self.rescore_button.setVisible(False)
            self.label_check.set_task(None, None, [], self.read_only)
            self.curve.set_task(None, None, self.read_only)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.review = review_run(self.project, run_id)
            self.comparison = self._compare(run_id, compare_with)
            # The compared run's matrix, calibration and labels are shown beside this run's.
            self.other = review_run(self.project, compare_with) if self.comparison else None
        except Exception as exc:  # shown in plain words; the page stays usable
            self.review, self.comparison, self.other = None, None, None
            QApplication.restoreOverrideCursor()
            errors.show_error(self, exc)
            return
        QApplication.restoreOverrideCursor()
        review = self.review
        run = review.run
        spans = run.task_kind != "document"
        labels = [] if spans else list(review.evaluation["metrics"]["confusion_matrix"]["labels"])
        self.metrics.show_evaluation(review.evaluation, self.comparison)
        self._show_figures()
        self.side.set_task(run.id, labels, spans, self.read_only)
        self.errors.set_review(review, review_actions.reviewed(self.project, run.id), self.other)
        tuned = [r for r in self.picker.runs if r.task == run.task and r.recipe != "baseline"]
        self.label_check.set_task(None if spans else self.project, None if spans else run.task, labels,
                                  self.read_only, tuned)  # fmt: skip
        self.curve.set_task(self.project, run.task, self.read_only)
        self._show_headline()

    def _show_figures(self) -> None:
        """Calibration and confusion matrix of the run, with the compared run's beside them."""
        review, other = self.review, self.other
        assert review is not None
        name = tr("Run {0}").format(other.run.id) if other is not None else ""
        other_eval = other.evaluation if other is not None else {}
        self.calibration.show_calibration(
            review.evaluation.get("calibration"), other_eval.get("calibration"), name
        )
        if review.run.task_kind != "document":
            self.confusion.show_matrix(None)
            return
        other_cm = other_eval["metrics"]["confusion_matrix"] if other is not None else None
        self.confusion.show_matrix(review.evaluation["metrics"]["confusion_matrix"], other_cm, name)

    def _compare(self, run_id: int, compare_with: int | None) -> dict[str, Any] | None:
        if compare_with is None:
            return None
        from medlabel.ml.compare import compare_runs

        return compare_runs(self.project, run_id, compare_with)

    def _show_headline(self) -> None:
        review = self.review
        if review is None:
            return
        ev = review.evaluation
        m = ev["metrics"]
        if review.run.task_kind == "document":
            head = {"name": "macro_f1", **m["macro_f1"]}
        else:
            overall = m["values"]["overall"]
            head = {"name": "value_f1", "value": overall["f1"], "ci_low": overall.get("f1_ci_low"),
                    "ci_high": overall.get("f1_ci_high")}  # fmt: skip
        baseline = ev.get("baseline")
        base_head = {"name": "macro_f1", **baseline["macro_f1"]} if baseline else None
        text = tr("<b>Run {run}</b>: {figure} on {n} test reports.").format(
            run=review.run.id, figure=figure_text(head, base_head), n=ev["n_test"]
        )
        if self.comparison:
            row = self.comparison["overall"][self.comparison["headline"]]
            verdict = (
                tr("the 95% interval of the difference excludes 0: a real difference on these reports")
                if row["excludes_zero"]
                else tr("the 95% interval of the difference includes 0: no clear difference")
            )
            difference = tr("Run {a} minus run {b}: {diff:+.3f} ({low:+.3f} to {high:+.3f}); {verdict}.")
            c = self.comparison
            # From the reviewed run's side: "+0.05" means it beats the run it is compared with.
            text += "<br>" + difference.format(
                a=c["run_a"],
                b=c["run_b"],
                diff=-row["diff"],
                low=-row["ci_high"],
                high=-row["ci_low"],
                verdict=verdict,
            )
        self.headline.setText(text)
        stale = review.stale
        self.stale.setVisible(bool(stale))
        self.rescore_button.setVisible(bool(stale) and not self.read_only)
        if stale:
            self.stale.setText(
                tr("Gold of {n} test report(s) changed since run {run} was scored. The figures on this page "
                   "use the current gold; the run list still shows the older ones until you re-score.",
                   "", len(stale))
                .format(n=len(stale), run=review.run.id)
            )  # fmt: skip

    # --- clicking through -------------------------------------------------------------------------

    def show_cell(self, gold: str, predicted: str | None) -> None:
        self.tabs.setCurrentIndex(1)
        self.errors.show_cell(gold, predicted)

    def _show_row(self, row: Row | None) -> None:
        if row is None or self.review is None:
            self.side.show_row(None, "", [])
            return
        doc_errors = [e for e in self.review.errors if e.doc_id == row.error.doc_id]
        self.side.show_row(row, get_document(self.project, row.error.doc_id).text, doc_errors)

    # --- decisions ----------------------------------------------------------------------------------

    def decide(self, what: str) -> None:
        row = self.side.row
        if row is None or self.review is None or self.read_only or row.error.kind == "correct":
            return
        e = row.error
        try:
            changed = review_actions.decide(
                self.project, what, e.doc_id, self.review.run.task, e.gold, e.predicted, self.annotator,
                self.review.run.id,
            )  # fmt: skip
        except Exception as exc:
            errors.show_error(self, exc)
            return
        done = {
            "accept": tr("prediction accepted as gold"), "keep": tr("gold kept"),
            "flag": tr("flagged for discussion"),
        }.get(what) or tr("gold set to {0}").format(what)  # fmt: skip
        self.status_message.emit(tr("{report}: {done}.").format(report=e.external_id, done=done))
        self._after_decision(changed, step=what != "flag")

    def _fix(self, label: object) -> None:
        if label is None:
            if self.side.row is not None:
                self.open_document.emit(self.side.row.error.doc_id)
            return
        self.decide(str(label))

    def _after_decision(self, gold_changed: bool, step: bool) -> None:
        assert self.review is not None
        position = self.errors.view.currentIndex().row()
        statuses = review_actions.reviewed(self.project, self.review.run.id)
        if gold_changed:
            cell = self.errors.cell
            self.review = review_run(self.project, self.review.run.id)
            if self.other is not None:  # both runs are scored on the gold as it is now
                self.comparison = self._compare(self.review.run.id, self.other.run.id)
                self.other = review_run(self.project, self.other.run.id)
            self.metrics.show_evaluation(self.review.evaluation, self.comparison)
            self._show_figures()
            self.errors.set_review(self.review, statuses, self.other)
            if cell is not None:
                self.errors.show_cell(*cell)
            self._show_headline()
            self.gold_changed.emit()
            # The decided row left the list: the row now at its place is the next one.
            if position < 0:
                self.errors.step(0)
            else:
                self._select(position)
        else:
            self.errors.update_statuses(statuses)
            if step:
                self.errors.step(1)

    def _select(self, position: int) -> None:
        count = self.errors.model.rowCount()
        if count:
            self.errors.view.selectRow(min(position, count - 1))

    def _label_check_decided(self, row: Row, what: str) -> None:
        if what == "open":
            self.open_document.emit(row.error.doc_id)
            return
        e = row.error
        try:
            changed = review_actions.decide(
                self.project, what, e.doc_id, str(self.label_check.task), e.gold, e.predicted, self.annotator
            )
        except Exception as exc:
            errors.show_error(self, exc)
            return
        if what != "flag":
            self.label_check.update_statuses(
                {**self.label_check.statuses, e.doc_id: "accepted" if changed else "kept"}
            )
        if changed:
            self.gold_changed.emit()
        if what != "flag":
            self.label_check.step(1)

    def rescore(self) -> None:
        if self.review is None:
            return
        from medlabel.ml.review import rescore_run

        rescore_run(self.project, self.review.run.id)
        self.status_message.emit(tr("Run {0} re-scored on the current gold.").format(self.review.run.id))
        self.reload(self.review.run.id)

    # --- export -------------------------------------------------------------------------------------

    def export_report(self) -> None:
        if self.review is None:
            return
        from medlabel.ml.eval_report import write_report

        run_id, compare_with = self.review.run.id, self.picker.compare_id()
        examples = self.examples_box.isChecked()
        curve = self.curve.current_curve()  # the curve shown on the Learning curve tab goes in too
        name = f"medlabel-run-{run_id}.html"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export report"), name, tr("HTML report (*.html)"))
        if path:
            self._export(lambda _r, _c: write_report(
                self.project, run_id, Path(path), compare_with=compare_with, curve=curve,
                include_examples=examples,
            ))  # fmt: skip

    def export_predictions(self) -> None:
        if self.review is None:
            return
        from medlabel.core.prediction_table import prediction_table, write_prediction_table

        run_id = self.review.run.id
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export predictions"), f"medlabel-run-{run_id}.xlsx",
            tr("Excel (*.xlsx);;CSV (*.csv);;JSON lines (*.jsonl)"),
        )  # fmt: skip
        if path:
            self._export(
                lambda _r, _c: write_prediction_table(prediction_table(self.project, run_id), Path(path))
            )

    def _export(self, job: Any) -> None:
        """``job(reporter, cancel)`` in a worker thread: plots and spreadsheets take a moment."""
        self.report_button.setEnabled(False)
        self.table_button.setEnabled(False)
        worker = Worker(job, parent=self)
        worker.finished.connect(self._exported)
        worker.errored.connect(self._export_failed)
        self.export_worker = worker.start()

    def _exported(self, path: object) -> None:
        self.export_worker = None
        self.report_button.setEnabled(True)
        self.table_button.setEnabled(True)
        self.status_message.emit(tr("Written: {0}").format(path))

    def _export_failed(self, exc: object) -> None:
        self.export_worker = None
        self.report_button.setEnabled(True)
        self.table_button.setEnabled(True)
        errors.show_error(self, exc)

    def shutdown(self) -> None:
        self.label_check.shutdown()
        self.agreement.shutdown()
        if self.export_worker is not None:
            self.export_worker.wait(30000)
