"""The document list beside the report: a filter bar over a table of reports.

The panel only turns widget state into a :class:`~medlabel.core.doclist.DocFilter` and a sort order for
the model, and the current row into ``document_selected``; which reports match is decided in
``medlabel.core.doclist``. Enter or Down in the search box goes on into the results; a notice above them
says when the report shown is not among them.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.doclist import STATUSES, DocFilter, has_predictions
from medlabel.core.documents import document_count
from medlabel.gui.doclist.model import (
    FLAG,
    ID_COLUMN,
    LABEL_COLUMN,
    PREDICTION_COLUMN,
    SPLIT_COLUMN,
    STATUS_COLUMN,
    DocumentListModel,
    split_names,
    status_names,
)
from medlabel.gui.i18n import tr
from medlabel.gui.session import Session

SEARCH_DELAY_MS = (
    150  # long enough to skip the queries of a word still being typed, short enough to feel live
)


class DocumentListPanel(QWidget):
    document_selected = Signal(int)
    search_changed = Signal(str)  # the search text the list now applies (after the typing pause or Enter)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._current: int | None = None  # the document last selected here or opened by the session
        self._total = document_count(session.project)
        self._label_choices: list[tuple[str, str] | None] = []

        self.search = QLineEdit()
        self.search.setObjectName("docSearch")
        self.search.setPlaceholderText(tr("Search text or report id…"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            tr("Each word finds the words it starts: “smok” finds “smoker”. Words in double quotes find "
               "that phrase exactly: \"no smoking\". A report id finds its report. Enter or ↓ goes on to "
               "the results.")
        )  # fmt: skip
        self.search.installEventFilter(self)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("docStatus")
        self.status_combo.addItem(tr("All statuses"), None)
        names = status_names()
        for status in STATUSES:
            self.status_combo.addItem(names[status], status)
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("docLabel")
        self.split_combo = QComboBox()
        self.split_combo.setObjectName("docSplit")
        self.split_combo.addItem(tr("All splits"), None)
        for split, name in split_names().items():
            self.split_combo.addItem(name, split)
        self.split_combo.addItem(tr("no split"), "none")
        self.flagged = QCheckBox(tr("Flagged") + f" {FLAG}")
        self.flagged.setObjectName("docFlagged")
        self.flagged.setToolTip(tr("Only reports flagged for review"))

        self.model = DocumentListModel(session.project, self._label_set_names(), self)
        self.view = QTableView()
        self.view.setObjectName("docTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        rows = self.view.verticalHeader()
        rows.hide()
        # Fixed heights: the view never measures rows it does not show, so never reads their blocks.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The split (also in the report's header) goes last and takes what is left; the label column gets
        # what its texts need as far as the id, status and the model's suggestion leave room (_fit_label).
        header.moveSection(header.visualIndex(SPLIT_COLUMN), header.count() - 1)
        header.setStretchLastSection(True)
        self._label_widths = (0, 0)  # (least, wanted) width of the label column
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # import order until a header is clicked
        self.view.setSortingEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("docCount")
        # The report on screen may be one the search or filters hide: said here, above the results.
        self.hidden_notice = QLabel()
        self.hidden_notice.setObjectName("hiddenReportNotice")
        self.hidden_notice.setWordWrap(True)
        self.hidden_notice.setTextFormat(Qt.TextFormat.RichText)
        self.hidden_notice.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.hidden_notice.setStyleSheet(
            "background: #fff3cd; color: #664d03; padding: 6px; border: 1px solid #ffe69c;"
        )
        self.hidden_notice.hide()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.search, 0, 0, 1, 2)
        filters.addWidget(self.status_combo, 1, 0)
        filters.addWidget(self.label_combo, 1, 1)
        filters.addWidget(self.split_combo, 2, 0)
        filters.addWidget(self.flagged, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.hidden_notice)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)

        self._fill_label_combo()
        self._size_columns()
        self._update_count()
        self._connect()

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _: self._search_timer.start())
        self.search.returnPressed.connect(self.enter_results)
        self.hidden_notice.linkActivated.connect(self._notice_link)
        self._search_timer.timeout.connect(self.apply_filter)
        for combo in (self.status_combo, self.label_combo, self.split_combo):
            combo.currentIndexChanged.connect(lambda _: self.apply_filter())
        self.flagged.toggled.connect(lambda _: self.apply_filter())
        self.view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.modelReset.connect(self._list_changed)
        self.session.annotations_changed.connect(self.model.refresh_document)
        self.session.schema_changed.connect(self._schema_changed)
        self.session.document_changed.connect(self._document_changed)

    # --- public -------------------------------------------------------------------------------------

    def doc_filter(self) -> DocFilter:
        """The filter the widgets describe now (the search text included, even before its delay is over)."""
        choice = self._label_choices[self.label_combo.currentIndex()] if self._label_choices else None
        return DocFilter(
            status=self.status_combo.currentData(),
            label_set=choice[0] if choice else None,
            label=choice[1] if choice else None,
            text=self.search.text().strip(),
            split=self.split_combo.currentData(),
            flagged=self.flagged.isChecked(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        doc_filter = self.doc_filter()
        if doc_filter != self.model.doc_filter:
            searched = doc_filter.text != self.model.doc_filter.text
            self.model.set_filter(doc_filter)
            if searched:
                self.search_changed.emit(doc_filter.text)

    @property
    def applied_search(self) -> str:
        """The search text the list applies now (the box may hold more, still within its typing pause)."""
        return self.model.doc_filter.text

    def enter_results(self) -> None:
        """From the search box (Enter, Down) into the results: the search applied at once, the focus on the
        list at its current row, or at the first result, which opens, when the report shown is not listed."""
        self.apply_filter()
        if self.model.rowCount() == 0:
            return  # nothing to go to: the count says "0 of …", and the search stays open for a change
        if not self.view.currentIndex().isValid():
            self._set_current_row(0)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def shown_report_hidden(self) -> bool:
        """Whether the report on screen is one the search or filters leave out of the list."""
        doc = self.session.document
        return doc is not None and self.model.row_of(doc.id) is None

    def clear_filters(self) -> None:
        widgets = (self.search, self.status_combo, self.label_combo, self.split_combo, self.flagged)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.status_combo, self.label_combo, self.split_combo):
                combo.setCurrentIndex(0)
            self.flagged.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.apply_filter()

    def reload(self) -> None:
        """Read the list again (after an import or any change made outside the session)."""
        self._total = document_count(self.session.project)
        self.model.reload()
        self._size_columns()  # an import may have brought longer report ids, a run predictions

    def select_document(self, doc_id: int) -> None:
        """Make ``doc_id`` the current row and scroll to it; filters that hide it are cleared first."""
        if self.model.row_of(doc_id) is None and self.model.doc_filter != DocFilter():
            self.clear_filters()
        row = self.model.row_of(doc_id)
        if row is None:
            return
        self._set_current_row(row)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.doc_id_at(index.row()) if index.isValid() else None

    def next_id(self) -> int | None:
        """The report after the current one in the list's order; None at the end. When the report shown is
        not in the list, its neighbours in import order are the listed reports just after and before it
        (the place in the reports is kept); in any other order both directions start at the first report."""
        return self._neighbour(+1)

    def previous_id(self) -> int | None:
        return self._neighbour(-1)

    def visible_ids(self) -> list[int]:
        return self.model.ids()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- internals ----------------------------------------------------------------------------------

    def _neighbour(self, step: int) -> int | None:
        index, shown = self.view.currentIndex(), self.session.doc_id
        if index.isValid() and shown in (None, self.model.doc_id_at(index.row())):
            return self.model.doc_id_at(index.row() + step) if index.row() + step >= 0 else None
        if shown is None or self.model.sort_order != ("id", False):
            return self.model.doc_id_at(0)
        ids = self.model.ids()  # ascending: the list is in import order
        if step > 0:
            at = bisect_right(ids, shown)
            return ids[at] if at < len(ids) else None
        at = bisect_left(ids, shown)
        return ids[at - 1] if at > 0 else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        ):
            self.enter_results()
            return True
        return super().eventFilter(watched, event)

    def _update_notice(self) -> None:
        hidden = self.shown_report_hidden()
        if hidden and self.session.document is not None:
            name = html.escape(self.session.document.external_id)
            text = tr(
                "The report shown, {0}, is not in this list: it does not match the search or the filters."
            ).format(f"<b>{name}</b>")
            # Each phrase a tr() call of its own, outside the f-strings, where lupdate finds it.
            show, clears = tr("Show it in the list"), tr("(clears the search and the filters)")
            links = [f'<a href="show">{show}</a> {clears}']
            if self.model.rowCount():
                first = tr("Open the first result")
                links.append(f'<a href="first">{first}</a>')
            self.hidden_notice.setText(f"{text}<br>{' · '.join(links)}")
        self.hidden_notice.setVisible(hidden)

    def _notice_link(self, link: str) -> None:
        doc = self.session.document
        if link == "show" and doc is not None:
            self.select_document(doc.id)
        elif link == "first" and self.model.rowCount():
            self._set_current_row(0)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_current_row(self, row: int) -> None:
        index = self.model.index(row, ID_COLUMN)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        # Again once pending layout is done: before that the viewport's height is stale and the row
        # can end up half hidden at the bottom edge.
        QTimer.singleShot(0, self.view, lambda: self.view.scrollTo(self.model.index(row, ID_COLUMN)))

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = self.model.doc_id_at(current.row()) if current.isValid() else None
        if doc_id is not None and doc_id != self._current:
            self._current = doc_id
            self.document_selected.emit(doc_id)

    def _document_changed(self, doc_id: int) -> None:
        # Follow documents opened elsewhere (undo, "next unlabelled") without touching the filters.
        self._current = doc_id
        row = self.model.row_of(doc_id)
        if row is None:  # a report the list hides: no other row may look like the one on screen
            self.view.selectionModel().clear()
        elif row != self.view.currentIndex().row():
            self._set_current_row(row)
        self._update_notice()

    def _list_changed(self) -> None:
        """After a filter, sort or reload the view has lost its current row: put it back if still listed."""
        row = self.model.row_of(self._current) if self._current is not None else None
        if row is not None:
            self._set_current_row(row)
        self._update_count()
        self._update_notice()

    def _update_count(self) -> None:
        locale = QLocale()
        shown, total = locale.toString(self.model.rowCount()), locale.toString(self._total)
        if self.model.doc_filter == DocFilter():
            self.count.setText(tr("{0} reports").format(total))
        else:
            self.count.setText(tr("{0} of {1} reports").format(shown, total))

    def _label_set_names(self) -> list[str]:
        return [ls.name for ls in self.session.schema.label_sets]

    def _fill_label_combo(self) -> None:
        previous = self._label_choices[self.label_combo.currentIndex()] if self._label_choices else None
        label_sets = self.session.schema.label_sets
        self._label_choices = [None]
        texts = [tr("All labels")]
        for label_set in label_sets:
            for label in label_set.labels:
                self._label_choices.append((label_set.name, label.name))
                texts.append(label.name if len(label_sets) == 1 else f"{label_set.name}: {label.name}")
        self.label_combo.blockSignals(True)
        try:
            self.label_combo.clear()
            self.label_combo.addItems(texts)
            self.label_combo.setCurrentIndex(
                self._label_choices.index(previous) if previous in self._label_choices else 0
            )
        finally:
            self.label_combo.blockSignals(False)
        self.label_combo.setEnabled(len(self._label_choices) > 1)

    def _size_columns(self) -> None:
        # Widths from the texts the columns can hold and from the first rows (read for the first paint
        # anyway), never from all rows: measuring every row would read the whole list.
        cells, pad = self.view.fontMetrics(), 16
        headers = self.view.horizontalHeader().fontMetrics()

        def width(column: int, texts: list[str]) -> int:
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            widest = max((cells.horizontalAdvance(text) + pad for text in texts), default=0)
            return max(widest, headers.horizontalAdvance(title) + 2 * pad)  # room for the sort arrow

        first_ids = [
            self.model.data(self.model.index(row, ID_COLUMN)) for row in range(min(self.model.rowCount(), 64))
        ]
        self.view.setColumnWidth(ID_COLUMN, min(width(ID_COLUMN, first_ids), 200))
        statuses = [f"{name} {FLAG}" for name in status_names().values()]
        self.view.setColumnWidth(STATUS_COLUMN, width(STATUS_COLUMN, statuses))
        self.view.setColumnWidth(SPLIT_COLUMN, width(SPLIT_COLUMN, list(split_names().values())))
        labels = [label.name for ls in self.session.schema.label_sets for label in ls.labels]
        # A suggestion reads "LABEL · 0.87"; for spans it names the values ("values · 0.87").
        suggestions = [f"{name} · 0.00" for name in [*labels, tr("values")]]
        self.view.setColumnWidth(PREDICTION_COLUMN, min(width(PREDICTION_COLUMN, suggestions), 240))
        many_spans = tr("{0} span(s)", "", 88).format(88) if self.session.schema.entity_types else ""
        self._label_widths = (width(LABEL_COLUMN, []), min(width(LABEL_COLUMN, [*labels, many_spans]), 220))
        # Until a run has predicted something the column would only take room from the others.
        self.view.setColumnHidden(PREDICTION_COLUMN, not has_predictions(self.session.project))
        self._fit_label()

    def _fit_label(self) -> None:
        """The label column as wide as its texts need, unless that would push the model's suggestion out
        of sight: then as wide as the room left (a cut label shows in full as its tooltip)."""
        shown = [ID_COLUMN, STATUS_COLUMN] + [PREDICTION_COLUMN] * (
            not self.view.isColumnHidden(PREDICTION_COLUMN)
        )
        room = self.view.viewport().width() - sum(self.view.columnWidth(c) for c in shown)
        least, wanted = self._label_widths
        self.view.setColumnWidth(LABEL_COLUMN, max(least, min(wanted, room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_label()

    def _schema_changed(self) -> None:
        self._fill_label_combo()
        self.model.set_label_sets(self._label_set_names())
        self._total = document_count(self.session.project)
        self.model.set_filter(self.doc_filter())  # a renamed or removed label may have left the filter
        self._size_columns()
