"""Do two annotators agree? A colleague labels a copy of the project; their labels come back as a second
opinion, and this tab shows Cohen's (and with three or more raters Fleiss') kappa with its interval,
agreement per label, span F1 between annotators, and the disagreements to settle one by one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from medlabel.core import second_opinions
from medlabel.core.documents import get_document
from medlabel.core.project import Project
from medlabel.core.schema import load_schema
from medlabel.gui import errors
from medlabel.gui.i18n import tr
from medlabel.gui.review.error_list import Row
from medlabel.gui.review.side_by_side import SideBySide, install_review_keys, lay_out_beside
from medlabel.gui.workers import Worker
from medlabel.ml.review import ReviewError
from medlabel.ml.tasks import ENTITIES_TASK

GOLD = "gold"


def _kappa_text(value: float | None, low: float | None, high: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return text + (f" ({low:.2f}–{high:.2f})" if low is not None and high is not None else "")


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], data: list[Any] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            table.setItem(r, c, item)


class AgreementPanel(QWidget):
    open_document = Signal(int)
    gold_changed = Signal()
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.annotator = ""
        self.read_only = True
        self.result: dict[str, Any] | None = None
        self.worker: Worker | None = None
        self.task_box = QComboBox(objectName="agreementTask")
        self.import_button = QPushButton(tr("Import a colleague's labels…"), objectName="importOpinions")
        self.import_button.setToolTip(
            tr(
                "Choose the project in which a colleague labelled a copy of these reports without seeing "
                "your labels; their labels are kept beside yours, not over them."
            )
        )
        self.summary = QLabel(objectName="agreementSummary")
        self.summary.setWordWrap(True)
        self.pairs = _table(
            [tr("Rater A"), tr("Rater B"), tr("Reports"), tr("Agreement"), tr("κ (95% CI)")], "agreementPairs"
        )
        self.per_label = _table(
            [tr("Label"), tr("Specific agreement"), tr("Both"), tr("Given")], "agreementLabels"
        )
        self.disagreements = _table([tr("Report"), tr("Labels"), tr("Settled")], "disagreements")
        self.side = SideBySide()
        self.side.accept_button.setText(tr("Take theirs (A)"))
        self.side.keep_button.setText(tr("Keep gold (K)"))
        self.side.accept_requested.connect(lambda: self._settle("accept"))
        self.side.keep_requested.connect(lambda: self._settle("keep"))
        self.side.flag_requested.connect(lambda: self._settle("flag"))
        self.side.fix_requested.connect(lambda label: self._settle(label) if label else self._open())
        install_review_keys(self, self.side, self.step)
        self.task_box.currentIndexChanged.connect(self.refresh)
        self.import_button.clicked.connect(self.choose_import)
        self.disagreements.currentCellChanged.connect(self._selected)
        self.disagreements.cellDoubleClicked.connect(lambda *_: self._open())
        label = QLabel(tr("&Task:"))
        label.setBuddy(self.task_box)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.task_box, 1)
        bar.addWidget(self.import_button)
        hint = QLabel(tr("Disagreements (Enter or double-click opens a report in Annotate)"))
        left = [(self.summary, 0), (self.pairs, 1), (self.per_label, 1), (hint, 0), (self.disagreements, 2)]
        lay_out_beside(self, bar, left, self.side, (520, 600))

    def set_project(self, project: Project, annotator: str, read_only: bool) -> None:
        self.project, self.annotator, self.read_only = project, annotator, read_only
        self.import_button.setEnabled(not read_only)
        schema = load_schema(project)
        current = self.task_box.currentData()
        self.task_box.blockSignals(True)
        self.task_box.clear()
        for ls in schema.label_sets:
            self.task_box.addItem(ls.name, ls.name)
        if schema.entity_types:
            self.task_box.addItem(tr("Marked values (entities)"), ENTITIES_TASK)
        self.task_box.setCurrentIndex(max(self.task_box.findData(current), 0))
        self.task_box.blockSignals(False)
        if self.isVisible():  # otherwise the Review page refreshes it when its tab is shown
            self.refresh()

    def refresh(self, *_args: object) -> None:
        from medlabel.ml.agreement import label_agreement, span_agreement

        task = self.task_box.currentData()
        self.result = None
        if self.project is None or not task or not second_opinions.annotators(self.project):
            self._show_empty()
            return
        try:
            spans = task == ENTITIES_TASK
            self.result = span_agreement(self.project) if spans else label_agreement(self.project, str(task))
        except Exception as exc:  # a label set without second opinions, for instance: said in words
            self._show_empty(errors.describe(exc)[1])
            return
        self._show(spans)

    def _show_empty(self, why: str = "") -> None:
        for table in (self.pairs, self.per_label, self.disagreements):
            table.setRowCount(0)
        self.summary.setText(
            why
            or tr(
                "No second opinion yet. Let a colleague label a copy of this project (without seeing your "
                "labels), then import it here to see how well you agree."
            )
        )
        self.side.show_row(None, "", [])

    def _show(self, spans: bool) -> None:
        result = self.result
        assert result is not None
        if spans:
            rows = [
                [
                    p["a"],
                    p["b"],
                    str(p["n"]),
                    f"{p['strict']['overall']['f1']:.2f}",
                    f"{p['lenient']['overall']['f1']:.2f}",
                ]
                for p in result["pairs"]
            ]
            self.pairs.setHorizontalHeaderLabels(
                [tr("Rater A"), tr("Rater B"), tr("Reports"), tr("Span F1 (exact)"), tr("Span F1 (overlap)")]
            )
            self.per_label.setVisible(False)
            self.summary.setText(
                tr(
                    "Span agreement: F1 between two annotators' marks on the reports both "
                    "annotated (exact: same start and end; overlap: any overlap)."
                )
            )
            listed = [
                [
                    d["external_id"] or str(d["doc_id"]),
                    ", ".join(f"{r}: {len(s)}" for r, s in d["spans"].items()),
                    "",
                ]
                for d in result["disagreements"]
            ]
        else:
            rows = [
                [
                    p["a"],
                    p["b"],
                    str(p["n"]),
                    "–" if p["observed"] is None else f"{p['observed']:.0%}",
                    _kappa_text(p["kappa"], p["ci_low"], p["ci_high"]),
                ]
                for p in result["pairs"]
            ]
            self.pairs.setHorizontalHeaderLabels(
                [tr("Rater A"), tr("Rater B"), tr("Reports"), tr("Agreement"), tr("κ (95% CI)")]
            )
            self.per_label.setVisible(True)
            _fill(
                self.per_label,
                [
                    [
                        label,
                        "–" if v["agreement"] is None else f"{v['agreement']:.2f}",
                        str(v["both"]),
                        str(v["assigned"]),
                    ]
                    for label, v in result["per_label"].items()
                ],
            )
            fleiss = result.get("fleiss")
            text = tr(
                "Cohen's κ between each pair of raters on the reports both labelled; 1 is perfect "
                "agreement, 0 what chance alone would give."
            )
            if fleiss and fleiss.get("kappa") is not None:
                text += " " + tr("Fleiss' κ over all {0} raters ({1} reports): {2:.2f}.").format(
                    fleiss["raters"], fleiss["n"], fleiss["kappa"]
                )
            open_count = sum(1 for d in result["disagreements"] if not d["adjudicated"])
            text += " " + tr("{0} disagreement(s) still to settle.", "", open_count).format(open_count)
            self.summary.setText(text)
            listed = [
                [
                    d["external_id"] or str(d["doc_id"]),
                    " · ".join(f"{r}: {v}" for r, v in d["labels"].items()),
                    tr("settled") if d["adjudicated"] else "",
                ]
                for d in result["disagreements"]
            ]
        _fill(self.pairs, rows)
        _fill(self.disagreements, listed, [d["doc_id"] for d in result["disagreements"]])
        self.side.set_task(
            None, [] if spans else list(result.get("labels", [])), False, self.read_only or spans
        )
        if listed:
            self.disagreements.selectRow(0)
        else:
            self.side.show_row(None, "", [])

    def _selected(self, row: int, *_args: object) -> None:
        result = self.result
        if result is None or self.project is None or not 0 <= row < len(result["disagreements"]):
            self.side.show_row(None, "", [])
            return
        d = result["disagreements"][row]
        text = get_document(self.project, d["doc_id"]).text
        if "labels" not in d:  # spans: the text; fixing happens in Annotate
            self.side.other = None
            self.side.show_row(None, text, [])
            self.side.text.setPlainText(text)
            return
        labels = d["labels"]
        others = [r for r in labels if r != GOLD]
        self.side.other = others[0] if others else None
        gold, theirs = labels.get(GOLD), labels.get(others[0]) if others else None
        error = ReviewError(
            d["doc_id"], d["external_id"] or str(d["doc_id"]), "disagreement", str(gold), gold, theirs, None
        )
        self.side.show_row(Row(error, "kept" if d["adjudicated"] else ""), text, [])

    def step(self, delta: int) -> None:
        count = self.disagreements.rowCount()
        if count:
            row = self.disagreements.currentRow()
            self.disagreements.selectRow(0 if row < 0 else min(max(row + delta, 0), count - 1))

    def _open(self) -> None:
        row = self.disagreements.currentRow()
        if self.result is not None and 0 <= row < len(self.result["disagreements"]):
            self.open_document.emit(self.result["disagreements"][row]["doc_id"])

    def _settle(self, what: str) -> None:
        """Adjudicate the shown disagreement: take the other annotator's label, keep gold, or a label chosen
        by hand; "flag" marks the report for discussion instead."""
        from medlabel.core.review_actions import flag_for_discussion

        row, result = self.side.row, self.result
        if row is None or result is None or self.project is None or self.read_only:
            return
        e, task = row.error, str(self.task_box.currentData())
        try:
            if what == "flag":
                flag_for_discussion(
                    self.project,
                    e.doc_id,
                    tr("Annotators disagree: {0}").format(
                        self.disagreements.item(self.disagreements.currentRow(), 1).text()
                    ),
                    self.annotator,
                )
                self.status_message.emit(tr("{0}: flagged for discussion.").format(e.external_id))
                self.step(1)
                return
            label = {"accept": e.predicted, "keep": e.gold}.get(what, what)
            second_opinions.adjudicate(self.project, e.doc_id, task, str(label), self.annotator)
        except Exception as exc:
            errors.show_error(self, exc)
            return
        self.status_message.emit(tr("{0}: settled as {1}.").format(e.external_id, label))
        position = self.disagreements.currentRow()
        self.gold_changed.emit()
        self.refresh()
        self.disagreements.selectRow(min(position + 1, self.disagreements.rowCount() - 1))

    # --- importing ----------------------------------------------------------------------------------

    def choose_import(self) -> None:
        if self.project is None or self.read_only:
            return
        folder = QFileDialog.getExistingDirectory(self, tr("The colleague's project"))
        if not folder:
            return
        name, ok = QInputDialog.getText(
            self, tr("Whose labels?"), tr("Name of the colleague who labelled them:")
        )
        if ok:
            self.start_import(Path(folder), name)

    def start_import(self, source: Path, name: str) -> Worker:
        """Import in a worker thread (a large project takes a moment); the tab refreshes when done."""
        project = self.project
        assert project is not None
        self.import_button.setEnabled(False)
        worker = Worker(lambda _r, _c: second_opinions.import_opinions(project, source, name), parent=self)
        worker.finished.connect(self._imported)
        worker.errored.connect(self._import_failed)
        self.worker = worker.start()
        return worker

    def _imported(self, imported: Any) -> None:
        self.worker = None
        self.import_button.setEnabled(not self.read_only)
        self.status_message.emit(
            tr("Imported {0}'s labels on {1} report(s).", "", imported.documents).format(
                imported.annotator, imported.documents
            )
        )
        self.refresh()

    def _import_failed(self, exc: object) -> None:
        self.worker = None
        self.import_button.setEnabled(not self.read_only)
        errors.show_error(self, exc)

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.wait(30000)
