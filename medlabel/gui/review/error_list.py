"""The list of test reports the reviewer works through: the run's errors (confident ones first), or the
reports behind one confusion-matrix cell; filtered by kind and class, sortable by every column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.records import SpanRecord
from medlabel.gui.annotate.report_view import span_label
from medlabel.gui.i18n import tr
from medlabel.ml.review import DOC_KINDS, SPAN_KINDS, ReviewError, RunReview


def kind_text(kind: str) -> str:
    return {
        "wrong_label": tr("wrong label"),
        "invalid": tr("no valid answer"),
        "missed": tr("missed"),
        "spurious": tr("spurious"),
        "wrong_type": tr("wrong type"),
        "wrong_value": tr("wrong value"),
        "boundary": tr("other boundaries"),
        "correct": tr("correct"),
        "suspect": tr("likely label error"),
    }.get(kind, kind)


def status_text(status: str) -> str:
    return {"kept": tr("gold kept"), "accepted": tr("prediction accepted")}.get(status, "")


def _side(value: SpanRecord | str | None) -> str:
    if value is None:
        return "–"
    return span_label(value) if isinstance(value, SpanRecord) else value


@dataclass(frozen=True)
class Row:
    error: ReviewError  # for a correct report in a cell, kind "correct"
    status: str = ""


class ErrorModel(QAbstractTableModel):
    """Rows with their cells worked out once and sorted in Python: a proxy model would ask for every
    cell of 10,000 rows through Python on each sort (a second, where this takes milliseconds)."""

    HEADERS = ("report", "kind", "class", "gold", "prediction", "confidence", "other", "reviewed")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self.cells: list[tuple[str, ...]] = []
        self.other: dict[int, str | None] = {}  # the compared run's label per report
        self.other_name = ""
        self.sort_column, self.sort_order = self.HEADERS.index("confidence"), Qt.SortOrder.DescendingOrder

    def set_rows(self, rows: list[Row]) -> None:
        kinds = {kind: kind_text(kind) for kind in {r.error.kind for r in rows}}
        statuses = {status: status_text(status) for status in {r.status for r in rows}}
        self.beginResetModel()
        self.rows = rows
        self.cells = [
            (
                r.error.external_id, kinds[r.error.kind], r.error.cls, _side(r.error.gold),
                _side(r.error.predicted),
                f"{r.error.confidence:.2f}" if r.error.confidence is not None else "–",
                str(self.other.get(r.error.doc_id) or "–"),
                statuses[r.status],
            )
            for r in rows
        ]  # fmt: skip
        self._sort()
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                tr("Report"), tr("Kind"), tr("Class"), tr("Gold"), tr("Prediction"), tr("Confidence"),
                self.other_name, tr("Reviewed"),
            )[section]  # fmt: skip
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.HEADERS[index.column()] == "confidence":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._sort()
        self.layoutChanged.emit()

    def _sort(self) -> None:
        column = self.sort_column
        if self.HEADERS[column] == "confidence":

            def key(i: int) -> Any:
                c = self.rows[i].error.confidence
                return c if c is not None else -1.0
        else:

            def key(i: int) -> Any:
                return self.cells[i][column].casefold()

        order = sorted(
            range(len(self.rows)), key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder
        )
        self.rows = [self.rows[i] for i in order]
        self.cells = [self.cells[i] for i in order]


class ErrorList(QWidget):
    chosen = Signal(object)  # the Row whose report the side-by-side view shows, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: RunReview | None = None
        self.statuses: dict[int, str] = {}
        self.cell: tuple[str, str | None] | None = None
        self.kind_box = QComboBox(objectName="errorKind")
        self.class_box = QComboBox(objectName="errorClass")
        self.showing = QLabel(objectName="errorListShowing")
        self.showing.setWordWrap(True)
        self.all_button = QPushButton(tr("Show all errors"), objectName="showAllErrors")
        self.all_button.clicked.connect(self.show_errors)
        self.model = ErrorModel(self)
        self.view = QTableView(objectName="errorTable")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        filters = QHBoxLayout()
        kind_label = QLabel(tr("&Kind:"))
        kind_label.setBuddy(self.kind_box)
        class_label = QLabel(tr("C&lass:"))
        class_label.setBuddy(self.class_box)
        for widget in (kind_label, self.kind_box, class_label, self.class_box):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.showing)
        layout.addWidget(self.view, 1)
        self.kind_box.currentIndexChanged.connect(self._refill)
        self.class_box.currentIndexChanged.connect(self._refill)

    def set_review(
        self,
        review: RunReview | None,
        statuses: dict[int, str],
        other: RunReview | None = None,
    ) -> None:
        """The run's reports; ``other``: a compared run, whose label for each report gets a column."""
        self.review, self.statuses, self.cell = review, statuses, None
        self.model.other = {it.doc_id: it.predicted for it in other.items} if other is not None else {}
        self.model.other_name = tr("Run {0} says").format(other.run.id) if other is not None else ""
        shown = other is not None and other.run.task_kind == "document"
        self.view.setColumnHidden(ErrorModel.HEADERS.index("other"), not shown)
        for box in (self.kind_box, self.class_box):
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("all"), None)
        if review is not None:
            kinds = DOC_KINDS if review.run.task_kind == "document" else SPAN_KINDS
            for kind in kinds:
                self.kind_box.addItem(kind_text(kind), kind)
            for cls in review.classes:
                self.class_box.addItem(cls, cls)
        for box in (self.kind_box, self.class_box):
            box.blockSignals(False)
        self._refill()

    def update_statuses(self, statuses: dict[int, str]) -> None:
        self.statuses = statuses
        self._refill(keep_current=True)

    def show_cell(self, gold: str, predicted: str | None) -> None:
        """Exactly the reports of one confusion-matrix cell, correct ones included."""
        self.cell = (gold, predicted)
        self._refill()
        self.view.setFocus()
        if self.model.rowCount():
            self.view.selectRow(0)

    def show_errors(self) -> None:
        self.cell = None
        self._refill()

    def rows(self) -> list[Row]:
        """The rows as shown (filtered and sorted), for the page and tests."""
        return list(self.model.rows)

    def current(self) -> Row | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[index.row()]

    def step(self, delta: int) -> None:
        """Select the next (1) or previous (-1) row; the keyboard's way through the list."""
        count = self.model.rowCount()
        if not count:
            return
        row = self.view.currentIndex().row()
        row = 0 if row < 0 else min(max(row + delta, 0), count - 1)
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _source_rows(self) -> list[Row]:
        review = self.review
        if review is None:
            return []
        if self.cell is not None:
            gold = self.cell[0]
            wanted = set(review.cells.get(self.cell, []))
            errors = {e.doc_id: e for e in review.errors}
            out = []
            for item in review.items:
                if item.doc_id in wanted:
                    error = errors.get(item.doc_id) or ReviewError(
                        item.doc_id, item.external_id, "correct", gold, item.gold, item.predicted,
                        item.confidence,
                    )  # fmt: skip
                    out.append(Row(error, self.statuses.get(item.doc_id, "")))
            return out
        kind, cls = self.kind_box.currentData(), self.class_box.currentData()
        return [
            Row(e, self.statuses.get(e.doc_id, ""))
            for e in review.errors
            if (kind is None or e.kind == kind) and (cls is None or e.cls == cls)
        ]

    def _refill(self, *_args: object, keep_current: bool = False) -> None:
        current = self.current() if keep_current else None
        rows = self._source_rows()
        self.model.set_rows(rows)
        self.kind_box.setEnabled(self.cell is None)
        self.class_box.setEnabled(self.cell is None)
        self.all_button.setVisible(self.cell is not None)
        if self.review is None:
            self.showing.setText("")
        elif self.cell is not None:
            gold, predicted = self.cell
            self.showing.setText(
                tr(
                    "{n} test report(s) with gold “{gold}” and prediction “{predicted}”.", "", len(rows)
                ).format(
                    n=len(rows),
                    gold=gold,
                    predicted=predicted if predicted is not None else tr("no valid answer"),
                )
            )
        else:
            self.showing.setText(
                tr("{n} of {total} error(s), most confident first.", "", len(self.review.errors)).format(
                    n=len(rows), total=len(self.review.errors)
                )
            )
        if current is not None:
            for r, row in enumerate(self.model.rows):
                if row.error == current.error:
                    self.view.selectRow(r)
                    return
        self.chosen.emit(self.current())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.chosen.emit(self.model.rows[current.row()] if current.isValid() else None)
