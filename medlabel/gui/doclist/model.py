"""The document list's table model.

It holds only the ordered ids a filter returns (one query); rows are read from the store a block at a
time, when the view first asks for one of them, and only a bounded number of blocks is kept. So opening
and scrolling a 100,000-report project costs a few block queries, not 100,000 rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from medlabel.core.doclist import DocFilter, DocRow, doc_rows, filtered_ids
from medlabel.core.project import Project
from medlabel.gui.i18n import tr

BLOCK_SIZE = 256
MAX_BLOCKS = 64  # 16,384 rows: many screens of scrolling back and forth without a query
FLAG = "⚑"

ID_COLUMN, STATUS_COLUMN, LABEL_COLUMN, SPLIT_COLUMN, PREDICTION_COLUMN = range(5)
COLUMN_SORT_KEYS = {
    ID_COLUMN: "external_id",
    STATUS_COLUMN: "status",
    LABEL_COLUMN: "label",
    SPLIT_COLUMN: "split",
    PREDICTION_COLUMN: "confidence",  # ascending: the least confident suggestion first ("label next")
}

# Muted enough to read as a hint beside the text, dark enough to stay legible on light rows.
STATUS_COLOURS = {
    "unlabelled": QColor("#6c757d"),
    "labelled": QColor("#2e7d32"),
    "predicted": QColor("#1565c0"),
    "disagreement": QColor("#c62828"),
}

_Index = QModelIndex | QPersistentModelIndex


def status_names() -> dict[str, str]:
    """Each status as the user reads it (translated when asked, so a language switch applies)."""
    return {
        "unlabelled": tr("unlabelled"),
        "labelled": tr("labelled"),
        "predicted": tr("predicted"),
        "disagreement": tr("disagreement"),
    }


def status_tooltips() -> dict[str, str]:
    return {
        "unlabelled": tr("No label and no span yet"),
        "labelled": tr("Labelled or marked by an annotator"),
        "predicted": tr("Not labelled yet; the latest model run has a prediction for it"),
        "disagreement": tr("The annotator's label differs from the latest model prediction"),
    }


def prediction_text(doc: DocRow) -> str:
    """'PAST SMOKER · 0,87' in the user's locale; empty without a prediction."""
    if doc.prediction_run is None:
        return ""
    label = doc.prediction or tr("values")
    if doc.confidence is None:
        return label
    return f"{label} · {QLocale().toString(float(doc.confidence), 'f', 2)}"


def split_names() -> dict[str, str]:
    return {"train": tr("train"), "test": tr("test")}


class DocumentListModel(QAbstractTableModel):
    def __init__(
        self, project: Project, label_sets: Sequence[str] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.fetches = 0  # doc_rows queries so far: tests and the benchmark check that loading stays lazy
        self.max_blocks = MAX_BLOCKS
        self._label_sets = list(label_sets)
        self._filter = DocFilter()
        self._sort_key = "id"
        self._descending = False
        self._ids: list[int] = []
        self._rows_by_id: dict[int, int] | None = None
        self._blocks: OrderedDict[int, dict[int, DocRow]] = OrderedDict()
        self._ids = self._query()

    # --- the list -----------------------------------------------------------------------------------

    @property
    def doc_filter(self) -> DocFilter:
        return self._filter

    @property
    def sort_order(self) -> tuple[str, bool]:
        """(sort key of ``medlabel.core.doclist.SORT_KEYS``, descending): "id" is import order."""
        return self._sort_key, self._descending

    def set_filter(self, doc_filter: DocFilter) -> None:
        self._filter = doc_filter
        self.reload()

    def set_label_sets(self, label_sets: Sequence[str]) -> None:
        """The project's label sets, in schema order: the label column's wording and its sort key."""
        self._label_sets = list(label_sets)

    def reload(self) -> None:
        """Query the ids again and forget every cached row (after a schema change or an import)."""
        self.beginResetModel()
        self._ids = self._query()
        self._rows_by_id = None
        self._blocks.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The header's sort indicator can be cleared (column -1): back to import order.
        key = COLUMN_SORT_KEYS.get(column, "id")
        descending = order == Qt.SortOrder.DescendingOrder and key != "id"
        if (key, descending) == (self._sort_key, self._descending):
            return  # enabling sorting on the view asks for the order the list already has
        self._sort_key, self._descending = key, descending
        self.reload()

    def _query(self) -> list[int]:
        doc_filter = self._filter
        if self._sort_key == "label" and not doc_filter.label_set and self._label_sets:
            # Without a label filter, the label column sorts by the first label set (what it shows first).
            doc_filter = replace(doc_filter, label_set=self._label_sets[0])
        return filtered_ids(self.project, doc_filter, self._sort_key, self._descending)

    def ids(self) -> list[int]:
        return list(self._ids)

    def doc_id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, doc_id: int) -> int | None:
        if self._rows_by_id is None:
            self._rows_by_id = {doc_id: row for row, doc_id in enumerate(self._ids)}
        return self._rows_by_id.get(doc_id)

    def doc_row(self, row: int) -> DocRow | None:
        """The stored row shown at ``row``, read with its block when not cached."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // BLOCK_SIZE
        block = self._blocks.get(number)
        if block is None:
            start = number * BLOCK_SIZE
            block = doc_rows(self.project, self._ids[start : start + BLOCK_SIZE])
            self.fetches += 1
            self._blocks[number] = block
            while len(self._blocks) > self.max_blocks:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block.get(self._ids[row])

    @property
    def cached_blocks(self) -> int:
        return len(self._blocks)

    def refresh_document(self, doc_id: int) -> None:
        """Show the document's new status, labels or flag. Its row stays where it is even when it no
        longer matches the filter: a row jumping away while the user works on it would be disorienting."""
        row = self.row_of(doc_id)
        if row is None:
            return
        self._blocks.pop(row // BLOCK_SIZE, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # --- QAbstractTableModel ------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_SORT_KEYS)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (tr("Report id"), tr("Status"), tr("Label"), tr("Split"), tr("Model suggests"))[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                tr("The report's id from the imported file"),
                tr(
                    "Whether the report is labelled, predicted, or disputed; {0} marks a flagged report"
                ).format(FLAG),
                tr("The report's labels, or how many spans it has"),
                tr("Training or held-out test split"),
                tr("The newest model's suggestion and how sure it is (calibrated); sort by it to label the "
                   "reports the model is least sure of first"),
            )[section]  # fmt: skip
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None  # answered before the block is read: the view asks for many roles per cell
        if not index.isValid() or index.parent().isValid():
            return None
        doc = self.doc_row(index.row())
        if doc is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(doc, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(doc, column)
        if column == STATUS_COLUMN:
            return STATUS_COLOURS.get(doc.status)
        return None

    def _display(self, doc: DocRow, column: int) -> str:
        if column == ID_COLUMN:
            return doc.external_id
        if column == STATUS_COLUMN:
            status = status_names().get(doc.status, doc.status)
            return f"{status} {FLAG}" if doc.flagged else status
        if column == LABEL_COLUMN:
            return self._labels_text(doc)
        if column == PREDICTION_COLUMN:
            return prediction_text(doc)
        return split_names().get(doc.split or "", doc.split or "")

    def _labels_text(self, doc: DocRow) -> str:
        if doc.labels:
            if len(self._label_sets) <= 1 and len(doc.labels) == 1:
                return next(iter(doc.labels.values()))
            return "; ".join(f"{name}: {label}" for name, label in doc.labels.items())
        if doc.n_spans:
            return tr("{0} span(s)", "", doc.n_spans).format(doc.n_spans)
        return ""

    def _tooltip(self, doc: DocRow, column: int) -> str | None:
        if column == STATUS_COLUMN:
            tip = status_tooltips().get(doc.status, doc.status)
            return tip + "\n" + tr("Flagged for review") if doc.flagged else tip
        if column == LABEL_COLUMN:
            text = "\n".join(f"{name}: {label}" for name, label in doc.labels.items())
            if doc.n_spans:
                spans = tr("{0} span(s)", "", doc.n_spans).format(doc.n_spans)
                text = f"{text}\n{spans}" if text else spans
            return text or None
        return None
