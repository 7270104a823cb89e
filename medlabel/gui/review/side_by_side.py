"""One report with its gold and the run's prediction over each other: the header says both (with the
normalised values), the text shows where they differ, coloured by kind, and the actions decide it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from medlabel.core.records import SpanRecord
from medlabel.gui.annotate.report_view import span_label
from medlabel.gui.annotate.text_offsets import OffsetMap
from medlabel.gui.i18n import tr
from medlabel.gui.review.error_list import Row, kind_text, status_text
from medlabel.ml.review import ReviewError

# One colour per kind of difference; gold-only and prediction-only must never look alike.
KIND_COLOURS = {
    "missed": "#f4a6a6",  # gold only: red
    "spurious": "#f9c98a",  # prediction only: orange
    "wrong_type": "#c9b3f0",  # violet
    "wrong_value": "#a8c8f0",  # blue
    "boundary": "#f3e58c",  # yellow
    "selected": "#5b8def",
}


def legend_html() -> str:
    names = (
        ("missed", tr("gold only (missed)")),
        ("spurious", tr("prediction only (spurious)")),
        ("wrong_type", tr("other type")),
        ("wrong_value", tr("other value")),
        ("boundary", tr("other boundaries")),
    )
    return " ".join(
        f'<span style="background:{KIND_COLOURS[k]}">&nbsp;{text}&nbsp;</span>' for k, text in names
    )


class SideBySide(QWidget):
    accept_requested = Signal()
    keep_requested = Signal()
    fix_requested = Signal(object)  # the label chosen (document tasks) or None: open it in Annotate
    flag_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: Row | None = None
        self.labels: list[str] = []
        self.run_id: int | None = None
        self.other: str | None = None  # a second annotator's name instead of a run's prediction
        self.read_only = False
        self.header = QLabel(objectName="sideHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.text = QPlainTextEdit(objectName="sideText")
        self.text.setReadOnly(True)
        self.legend = QLabel(legend_html(), objectName="sideLegend")
        self.legend.setWordWrap(True)
        self.accept_button = QPushButton(tr("Accept prediction (A)"), objectName="acceptPrediction")
        self.keep_button = QPushButton(tr("Keep gold (K)"), objectName="keepGold")
        self.fix_button = QPushButton(tr("Fix gold… (F)"), objectName="fixGold")
        self.flag_button = QPushButton(tr("Flag for discussion (D)"), objectName="flagDiscussion")
        for button, text in (
            (self.accept_button, tr("The model is right: its answer becomes the gold")),
            (self.keep_button, tr("Gold is right: keep it and go to the next error")),
            (self.fix_button, tr("Both are wrong: choose the right gold")),
            (self.flag_button, tr("Not sure: flag this report for discussion")),
        ):
            button.setToolTip(text)
        self.accept_button.clicked.connect(self.accept_requested)
        self.keep_button.clicked.connect(self.keep_requested)
        self.fix_button.clicked.connect(self.choose_fix)
        self.flag_button.clicked.connect(self.flag_requested)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.keep_button, self.fix_button, self.flag_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.legend)
        layout.addLayout(buttons)
        self.show_row(None, "", [])

    def set_task(self, run_id: int | None, labels: Sequence[str], spans: bool, read_only: bool) -> None:
        self.run_id, self.labels, self.read_only = run_id, list(labels), read_only
        self.legend.setVisible(spans)

    def show_row(self, row: Row | None, text: str, doc_errors: Sequence[ReviewError]) -> None:
        """Show ``row``'s report; ``doc_errors`` are all differences in that report (spans)."""
        self.row = row
        enabled = row is not None and row.error.kind != "correct" and not self.read_only
        for b in (self.accept_button, self.keep_button, self.fix_button):
            b.setEnabled(enabled)
        self.flag_button.setEnabled(row is not None and not self.read_only)
        if row is None:
            self.header.setText(tr("Choose a report in the list to see its gold and the prediction."))
            self.text.setPlainText("")
            return
        e = row.error
        self.accept_button.setEnabled(enabled and (e.predicted is not None or isinstance(e.gold, SpanRecord)))
        offsets = OffsetMap(text)
        self.text.setPlainText(offsets.display_text)
        self.header.setText(self._header(row))
        selections = []
        for other in doc_errors:
            selections += self._marks(other, offsets, other == e)
        self.text.setExtraSelections(selections)
        focus = e.gold if isinstance(e.gold, SpanRecord) else e.predicted
        if isinstance(focus, SpanRecord):
            cursor = self.text.textCursor()
            cursor.setPosition(offsets.to_qt(focus.start))
            self.text.setTextCursor(cursor)
            self.text.centerCursor()

    def _header(self, row: Row) -> str:
        e = row.error
        confidence = f" · {e.confidence:.2f}" if e.confidence is not None else ""
        gold = _value_text(e.gold)
        predicted = _value_text(e.predicted)
        lines = [
            f"<b>{_html(e.external_id)}</b> — {_html(kind_text(e.kind))}",
            tr("Gold: {0}").format(f"<b>{_html(gold)}</b>"),
            tr("Model (run {0}): {1}").format(self.run_id, f"<b>{_html(predicted)}</b>{confidence}")
            if self.other is None
            else tr("{0}: {1}").format(_html(self.other), f"<b>{_html(predicted)}</b>"),
        ]
        if row.status:
            lines.append(f"<i>{_html(status_text(row.status))}</i>")
        return "<br>".join(lines)

    def _marks(self, error: ReviewError, offsets: OffsetMap, selected: bool) -> list:
        out = []
        for side in (error.gold, error.predicted):
            if not isinstance(side, SpanRecord):
                continue
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(KIND_COLOURS.get(error.kind, "#dddddd")))
            if selected:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(KIND_COLOURS["selected"]))
                fmt.setFontWeight(700)
            fmt.setToolTip(_value_text(side))
            sel.format = fmt
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(offsets.to_qt(side.start))
            cursor.setPosition(offsets.to_qt(side.end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            out.append(sel)
        return out

    def choose_fix(self) -> None:
        """Document labels: a menu of the labels; spans: open the report in Annotate to fix it there."""
        if self.row is None:
            return
        if not self.labels:
            self.fix_requested.emit(None)
            return
        menu = QMenu(self)
        for label in self.labels:
            action = menu.addAction(label)
            action.setData(label)
        menu.addSeparator()
        menu.addAction(tr("Open in Annotate…")).setData(None)
        chosen = menu.exec(self.fix_button.mapToGlobal(self.fix_button.rect().bottomLeft()))
        if chosen is not None:
            self.fix_requested.emit(chosen.data())


def lay_out_beside(
    host: QWidget,
    bar: QHBoxLayout,
    left: Sequence[tuple[QWidget, int]],
    side: SideBySide,
    sizes: Sequence[int],
) -> None:
    """``host``'s layout: ``bar`` on top, the ``left`` widgets (with their stretch) in a column, and
    ``side`` beside them in a splitter."""
    column = QWidget()
    column_layout = QVBoxLayout(column)
    column_layout.setContentsMargins(0, 0, 0, 0)
    for widget, stretch in left:
        column_layout.addWidget(widget, stretch)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(column)
    split.addWidget(side)
    split.setSizes(list(sizes))
    layout = QVBoxLayout(host)
    layout.addLayout(bar)
    layout.addWidget(split, 1)


def install_review_keys(host: QWidget, side: SideBySide, step: Callable[[int], None]) -> None:
    """Single keys while focus is inside ``host``: A accept, K keep, F fix, D flag, N / P next and
    previous, so that a review needs no mouse."""
    keys = (
        ("A", side.accept_requested.emit),
        ("K", side.keep_requested.emit),
        ("F", side.choose_fix),
        ("D", side.flag_requested.emit),
        ("N", lambda: step(1)),
        ("P", lambda: step(-1)),
    )
    buttons = {"A": side.accept_button, "K": side.keep_button, "F": side.fix_button, "D": side.flag_button}
    for key, slot in keys:
        shortcut = QShortcut(QKeySequence(key), host)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        button = buttons.get(key)
        # A key does only what its button could do now (not on a correct report, not read-only).
        shortcut.activated.connect(
            lambda slot=slot, button=button: (button is None or button.isEnabled()) and slot()
        )


def _value_text(value: SpanRecord | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, SpanRecord):
        return f"{span_label(value)} [{value.start}–{value.end}]"
    return value


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
