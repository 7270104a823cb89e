"""The confusion matrix of a document-label run as a heatmap: gold labels in rows, predicted labels in
columns, each cell tinted by its share of the row (blue on the diagonal, orange-red for the errors) so the
commonest mistakes stand out whatever the class sizes. Clicking a cell asks for those reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainter, QPen, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlabel.gui.i18n import tr

GOLD_ROLE = Qt.ItemDataRole.UserRole + 1
PREDICTED_ROLE = Qt.ItemDataRole.UserRole + 2  # None in the invalid-answer column
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3
WHITE = QColor("#ffffff")
RIGHT = QColor("#1f5fa8")  # the diagonal: a blue
WRONG = QColor("#d2461e")  # the errors: an orange-red
MAX_HEADER = 18  # characters of a label name in a header before it is elided (the tooltip has it whole)
CELL_WIDTH, CELL_HEIGHT = 72, 36  # large enough to read and to hit with the mouse


def shade(share: float, full: QColor) -> QColor:
    """White at share 0, ``full`` at share 1."""
    share = min(max(share, 0.0), 1.0)
    return QColor(
        round(255 + (full.red() - 255) * share),
        round(255 + (full.green() - 255) * share),
        round(255 + (full.blue() - 255) * share),
    )


def text_colour(background: QColor) -> QColor:
    """Black on light cells, white on dark ones (relative luminance, as WCAG weighs the channels)."""
    luminance = 0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF()
    return QColor("#000000") if luminance > 0.5 else QColor("#ffffff")


def elided(name: str) -> str:
    return name if len(name) <= MAX_HEADER else name[: MAX_HEADER - 1] + "…"


def _count(cm: Mapping[str, Any] | None, gold: str, predicted: str | None) -> int | None:
    """The count of cell (gold, predicted) in a confusion matrix dict; None when it has no such cell."""
    if cm is None or gold not in cm["labels"]:
        return None
    row = list(cm["labels"]).index(gold)
    if predicted is None:
        return int((cm.get("invalid") or [0] * len(cm["labels"]))[row])
    if predicted not in cm["labels"]:
        return None
    return int(cm["matrix"][row][list(cm["labels"]).index(predicted)])


def two_lines(name: str) -> str:
    """A column header on two lines, broken at the space nearest its middle: five labels such as
    "CURRENT SMOKER" then fit a half-screen pane without scrolling sideways."""
    name = elided(name)
    spaces = [i for i, ch in enumerate(name) if ch == " "]
    if len(name) <= 10 or not spaces:
        return name
    cut = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return name[:cut] + "\n" + name[cut + 1 :]


class _FramedSelection(QStyledItemDelegate):
    """Marks the chosen cell with a dark frame: the usual selection fill would paint over the cell's
    colour and make an error look like a right answer."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        chosen = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        plain.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, plain, index)
        if chosen:
            painter.save()
            painter.setPen(QPen(QColor("#111111"), 3))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class _MatrixView(QTableView):
    """Enter or Return on a cell chooses it, as a click does."""

    enter_pressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter_pressed.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class ConfusionView(QWidget):
    cell_chosen = Signal(str, object)  # gold label, predicted label (None: the invalid answers)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusionView")
        self._model = QStandardItemModel(0, 0, self)
        self.axes_label = QLabel(tr("gold ↓ / predicted →"), self)
        self.axes_label.setObjectName("confusionAxes")
        self.view = _MatrixView(self)
        self.view.setObjectName("confusionTable")
        self.view.setModel(self._model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.setItemDelegate(_FramedSelection(self.view))
        font = self.view.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.view.setFont(font)
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionsClickable(False)
            header.setHighlightSections(False)
        self.view.horizontalHeader().setMinimumSectionSize(CELL_WIDTH)
        self.view.verticalHeader().setMinimumSectionSize(CELL_HEIGHT)
        # As large as the matrix and no larger: no empty grey area beside a small one.
        self.view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.view.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.view.clicked.connect(self._choose)
        self.view.enter_pressed.connect(self._choose)
        self.hint = QLabel(tr("Click a cell to see its reports."), self)
        self.hint.setObjectName("confusionHint")
        self.hint.setStyleSheet("color: #555;")
        matrix = QWidget(self)
        matrix_layout = QVBoxLayout(matrix)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.addWidget(self.axes_label)
        matrix_layout.addWidget(self.view)
        matrix_layout.addWidget(self.hint)
        matrix_layout.addStretch(1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("confusionEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(matrix)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setMinimumSize(320, 200)
        self.show_matrix(None)

    def show_matrix(
        self, cm: Mapping[str, Any] | None, other: Mapping[str, Any] | None = None, other_name: str = ""
    ) -> None:
        """Show ``{"labels", "matrix", "invalid"}`` (rows gold, columns predicted); None: the run has none."""
        self._model.clear()
        if cm is None:
            self.empty_label.setText(tr("No confusion matrix: this run extracts spans."))
            self.stack.setCurrentIndex(1)
            return
        labels = [str(label) for label in cm["labels"]]
        matrix = cm["matrix"]
        invalid = list(cm.get("invalid") or [0] * len(labels))
        show_invalid = any(invalid)
        columns: list[str | None] = [*labels, *([None] * show_invalid)]
        self._model.setRowCount(len(labels))
        self._model.setColumnCount(len(columns))
        for column, predicted in enumerate(columns):
            name = predicted if predicted is not None else tr("invalid answer")
            item = QStandardItem(two_lines(name))
            item.setToolTip(name if predicted is not None else tr("answers that were no label of this task"))
            self._model.setHorizontalHeaderItem(column, item)
        for row, gold in enumerate(labels):
            item = QStandardItem(elided(gold))
            item.setToolTip(gold)
            self._model.setVerticalHeaderItem(row, item)
            counts = [*matrix[row], *([invalid[row]] * show_invalid)]
            total = sum(counts)
            for column, (predicted, count) in enumerate(zip(columns, counts, strict=True)):
                item = self._cell(gold, predicted, int(count), total)
                theirs = _count(other, gold, predicted)
                if other is not None and theirs is not None:
                    # The compared run's count under this run's, so both matrices read as one.
                    item.setText(f"{item.text()}\n({QLocale().toString(theirs)})")
                    item.setToolTip(
                        item.toolTip() + "\n" + tr("{name}: {count}").format(name=other_name, count=theirs)
                    )
                self._model.setItem(row, column, item)
        # The sections are sized lazily; sized now, the view's size hint fits the whole matrix.
        for header in (self.view.horizontalHeader(), self.view.verticalHeader()):
            header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        self.view.updateGeometry()
        self.stack.setCurrentIndex(0)

    def select_cell(self, gold: str, predicted: str | None) -> bool:
        """Make the cell (gold, predicted) current, for the keyboard; False when there is no such cell."""
        index = self._index(gold, predicted)
        if index is None:
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _index(self, gold: str, predicted: str | None) -> QModelIndex | None:
        for row in range(self._model.rowCount()):
            for column in range(self._model.columnCount()):
                item = self._model.item(row, column)
                if item.data(GOLD_ROLE) == gold and item.data(PREDICTED_ROLE) == predicted:
                    return item.index()
        return None

    def _cell(self, gold: str, predicted: str | None, count: int, total: int) -> QStandardItem:
        item = QStandardItem(QLocale().toString(count))
        item.setEditable(False)
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setData(gold, GOLD_ROLE)
        item.setData(predicted, PREDICTED_ROLE)
        item.setData(count, COUNT_ROLE)
        share = count / total if total else 0.0
        background = shade(share, RIGHT if predicted == gold else WRONG)
        item.setBackground(QBrush(background))
        item.setForeground(QBrush(text_colour(background) if count else QColor("#9a9a9a")))
        if count:
            percent = QLocale().toString(100 * share, "f", 0)
            if predicted is None:
                tip = tr(
                    "{count} reports labelled {gold} got an answer that is no label ({percent} % of them)"
                )
            elif predicted == gold:
                tip = tr("{count} reports labelled {gold} were predicted right ({percent} % of them)")
            else:
                tip = tr(
                    "{count} reports labelled {gold} were predicted as {predicted} ({percent} % of them)"
                )
            item.setToolTip(tip.format(count=count, gold=gold, predicted=predicted, percent=percent))
        return item

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid() and index.data(COUNT_ROLE):  # an empty cell has no reports to show
            self.cell_chosen.emit(index.data(GOLD_ROLE), index.data(PREDICTED_ROLE))
